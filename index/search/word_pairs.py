"""Adjacent pairs of common words, indexed as terms of their own ("common grams").

A phrase is checked document by document: every article holding both words has both words'
positions decoded and compared. For two common words that is thousands of articles ("police
report": 4,765 at 50k, 45 ms in Python), though only a few hundred hold the phrase. So the
body's every two neighbouring words that are both among the common stems are indexed once
more, as one term ("polic report"), in a field without positions. The articles that hold a
phrase of two common words are then exactly that term's postings: no positions are checked.

The pairs come from the body's own analyzer, so they stand next to each other exactly where
a phrase query finds them: a stopword between them is dropped and the positions renumbered
alike ("police of report" is a phrase match in Whoosh, and a pair here).

The common stems are a list shipped with the code (`common_words.txt`, written by
`python -m benchmarks.common_words`). An index holds the pairs of the list it was written
with; its stamp records the list's digest, and another list makes the index one to rebuild.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from itertools import pairwise
from pathlib import Path

from whoosh.analysis import Filter, StemmingAnalyzer, Token

WORD_LIST = Path(__file__).with_name("common_words.txt")
SEPARATOR = " "  # never inside a term: the tokenizer splits on it

_list_bytes = WORD_LIST.read_bytes()
COMMON_WORDS = frozenset(_list_bytes.decode("utf-8").split())
WORD_LIST_DIGEST = hashlib.sha256(_list_bytes).hexdigest()[:16]


class PairFilter(Filter):
    """Each two neighbouring tokens that are both common words, as one token "a b"; no
    other token. Reads the module's list, so a schema pickled into an index's table of
    contents does not carry the words."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        common = COMMON_WORDS
        before = None  # the previous token's text, if it is a common word
        for token in tokens:
            text = token.text  # the tokenizer reuses one Token: keep its text, not it
            if text in common:
                if before is not None:
                    token.text = before + SEPARATOR + text
                    yield token
                before = text
            else:
                before = None


def pairs_analyzer() -> StemmingAnalyzer:
    """The body's analyzer, then its pairs of common words."""
    return StemmingAnalyzer(cachesize=50_000) | PairFilter()


def pair_terms(words: Sequence[str]) -> list[str | None]:
    """For each two neighbouring analysed `words` of a phrase, their pair term, or None
    where either is not a common word."""
    return [
        first + SEPARATOR + second if first in COMMON_WORDS and second in COMMON_WORDS else None
        for first, second in pairwise(words)
    ]
