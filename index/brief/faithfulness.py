"""The faithfulness check: every content word of a brief sentence is found in the articles it cites.

A cheap, strict guard against sentences the sources do not support. Words are compared after
the shared stemmer; numbers and calendar words are exempt because the brief writes resolved
dates ("16 April 2024") where the articles say "on Tuesday"; so are the few words with which a
brief speaks about its sources ("Sources differ on the date").
"""

from __future__ import annotations

from index.extract.dates import MONTHS, WEEKDAYS
from index.extract.sentences import content_words, stem
from index.model import Article, Brief

_EXEMPT = {
    stem(w) for w in [*MONTHS, *WEEKDAYS, "sources", "differ", "date", "format", "participants"]
}


def unsupported_words(sentence: str, cited: list[Article]) -> list[str]:
    """Content words of the sentence that none of the cited articles contain."""
    found: set[str] = set()
    for article in cited:
        found.update(content_words(article.title or ""))
        found.update(content_words(article.body))
    return [
        w
        for w in content_words(sentence)
        if w not in found and w not in _EXEMPT and not w[:1].isdigit()
    ]


def sentence_passes(sentence: str, cited: list[Article]) -> bool:
    return bool(cited) and not unsupported_words(sentence, cited)


def brief_pass_rate(brief: Brief, articles: dict[str, Article]) -> tuple[int, int]:
    """(sentences passing, sentences) for one brief."""
    by_number = {s.n: articles.get(s.id) for s in brief.sources}
    passing = 0
    for sentence in brief.sentences:
        cited = [by_number[n] for n in sentence.sources if by_number.get(n) is not None]
        passing += sentence_passes(sentence.text, cited)
    return passing, len(brief.sentences)
