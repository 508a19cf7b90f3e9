"""Adjacent pairs of common words, indexed as terms of their own ("common grams").

A phrase is checked document by document: every article holding both words has both words'
positions decoded and compared. For two common words that is thousands of articles ("police
report": 4,765 at 50k, 45 ms in Python), though only a few hundred hold the phrase. So the
body's every two neighbouring words that are both among the common stems are indexed once
more, as one term ("polic report"), in a field without positions. The articles that hold a
phrase of two common words are then exactly that term's postings: no positions are checked.

The pairs are read from the words of the body's own analyzer, so they stand next to each
other exactly where a phrase query finds them: a stopword between them is dropped and the
positions renumbered alike ("police of report" is a phrase match in Whoosh, and a pair here).

The common stems are a list shipped with the code (`common_words.txt`, written by
`python -m benchmarks.common_words`). An index holds the pairs of the list it was written
with; its stamp records the list's digest, and another list makes the index one to rebuild.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from itertools import pairwise
from pathlib import Path

from whoosh.analysis import Analyzer, CompositeAnalyzer, Token

WORD_LIST = Path(__file__).with_name("common_words.txt")
SEPARATOR = " "  # never inside a term: the tokenizer splits on it

_list_bytes = WORD_LIST.read_bytes()
COMMON_WORDS = frozenset(_list_bytes.decode("utf-8").split())
WORD_LIST_DIGEST = hashlib.sha256(_list_bytes).hexdigest()[:16]


# The last text the body's analyzer went through for the index, and its words (the tokens
# a phrase sees, stopwords dropped). Module state, so that a schema pickled into an index's
# table of contents does not carry it; each writer process keeps its own.
_last_indexed: tuple[str, list[str]] = ("", [])


class RecordingAnalyzer(CompositeAnalyzer):
    """An analyzer that keeps the words of the last text it analysed for the index. Whoosh
    indexes a document's fields in the order of their names, so "body_pairs" is given the
    body's text right after "body": its analyzer reads the words from here instead of
    analysing the text a second time (with the lengths column of "body_pairs", this took
    about a fifth off what the pairs add to the writer's time)."""

    def __call__(self, value, **kwargs):
        tokens = super().__call__(value, **kwargs)
        if kwargs.get("mode") != "index" or not isinstance(value, str):
            return tokens
        return _recorded(value, tokens)


def _recorded(value: str, tokens: Iterator[Token]) -> Iterator[Token]:
    words = []
    for token in tokens:
        if not token.stopped:
            words.append(token.text)  # the tokenizer reuses one Token: keep its text
        yield token
    record(value, words)  # only a text analysed to its end


def record(value: str, words: list[str]) -> None:
    """Keep `words` as the words the body's analyzer found in `value`, for its pairs."""
    global _last_indexed
    _last_indexed = (value, words)


class PairsAnalyzer(Analyzer):
    """Each two neighbouring words of a text that are both common words, as one token
    "a b"; no other token. The words are `words_analyzer`'s: the recorded ones if the text
    is the one it last analysed for the index, else its own analysis of the text."""

    def __init__(self, words_analyzer: CompositeAnalyzer):
        self.words_analyzer = words_analyzer

    def __call__(self, value, **kwargs):
        recorded, words = _last_indexed
        if value is not recorded and value != recorded:
            words = self.analysed(value)
        token = Token(**kwargs)
        for pair in _pairs(words):
            token.text = pair
            yield token

    def analysed(self, value: str) -> list[str]:
        return [t.text for t in self.words_analyzer(value, mode="index") if not t.stopped]


def _pairs(words: list[str]) -> Iterator[str]:
    common = COMMON_WORDS
    before = None  # the previous word, if it is a common word
    for word in words:
        if word in common:
            if before is not None:
                yield before + SEPARATOR + word
            before = word
        else:
            before = None


def pair_terms(words: Sequence[str]) -> list[str | None]:
    """For each two neighbouring analysed `words` of a phrase, their pair term, or None
    where either is not a common word."""
    return [
        first + SEPARATOR + second if first in COMMON_WORDS and second in COMMON_WORDS else None
        for first, second in pairwise(words)
    ]
