"""The corpus's words, for "did you mean": every word the articles use, and in how many.

Whoosh can keep an unstemmed copy of a field for spelling (`spelling=True`), but that copy
analysed every body a second time and wrote a posting per distinct word per article: 40%
of the index's write time. A corpus uses few words (about 150k at 50k articles), so they
are counted per article, kept with the analysis cache, added to and taken from as articles
come and go, and a misspelt word is corrected by trying its edits (as Peter Norvig's
corrector does) instead of walking a lexicon.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from whoosh.analysis import STOP_WORDS

from index.model import Article

# The tokens Whoosh's StemmingAnalyzer indexes, before stemming: what a user can type.
_TOKEN = re.compile(r"\w+(?:\.?\w+)*")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def words_of(article: Article) -> set[str]:
    """The distinct searchable words of an article's title and body, lower-cased."""
    text = f"{article.title}\n{article.body}".lower()
    return {w for w in _TOKEN.findall(text) if len(w) > 1 and w not in STOP_WORDS}


class Vocabulary:
    """Word -> number of articles using it."""

    def __init__(self, counts: dict[str, int] | None = None):
        self.counts: Counter = Counter(counts or {})

    @classmethod
    def of(cls, articles: Iterable[Article]) -> Vocabulary:
        vocabulary = cls()
        for article in articles:
            vocabulary.add(words_of(article))
        return vocabulary

    def add(self, words: Iterable[str]) -> None:
        self.counts.update(words)

    def remove(self, words: Iterable[str]) -> None:
        counts = self.counts
        for word in words:
            left = counts.get(word, 0) - 1
            if left > 0:
                counts[word] = left
            else:
                counts.pop(word, None)

    def __contains__(self, word: object) -> bool:
        return word in self.counts

    def correct(self, word: str) -> str | None:
        """The most used known word one edit away, else two; the first letter is kept
        (it is rarely the typo, and keeping it cuts the candidates tenfold)."""
        word = word.lower()
        if len(word) < 2:
            return None
        near = {w for w in _edits(word) if w in self.counts}
        if not near:
            near = {w2 for w1 in _edits(word) for w2 in _edits(w1) if w2 in self.counts}
        near.discard(word)
        if not near:
            return None
        return max(near, key=lambda w: (self.counts[w], w))

    def to_json(self) -> dict[str, int]:
        return dict(sorted(self.counts.items()))


def _edits(word: str) -> set[str]:
    """Every string one deletion, transposition, replacement or insertion away from `word`,
    the first letter untouched."""
    splits = [(word[:i], word[i:]) for i in range(1, len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in _LETTERS]
    inserts = [a + c + b for a, b in splits for c in _LETTERS]
    return set(deletes + transposes + replaces + inserts)
