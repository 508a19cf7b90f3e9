"""Candidate sentences for a brief: what may be quoted, how central it is, and near-duplicates merged.

Every brief is extractive apart from its first line, so the quality of a brief is the quality
of this pool. Candidates are body sentences (never boilerplate, credits, bare headlines or
dangling pronouns), lightly compressed (no leading "But", no parentheses), scored by centrality
(TF-IDF cosine to the pool's centroid, so a fact many articles repeat ranks high) and by their
position in the article. Sentences that say the same thing in several articles are merged into
one candidate that cites them all.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from index.extract.sentences import content_words, split_sentences
from index.model import Article

_JUNK = re.compile(
    r"©|\bcopyright\b|read more|\bphoto\b|getty images|all rights reserved|click here|subscribe|"
    r"\bAP Photo\b|contributed to this report|with assistance from|\(updates? with",
    re.I,
)
_DANGLING = re.compile(
    r"^(?:He|She|It|They|This(?! (?:month|week|year|morning|spring|summer|autumn|fall|winter))|That|These|Those"
    r"|His|Her|Its|Their|Also|The statement)\b"
)
_LEADING = re.compile(
    r"^(?:But|And|However|Also|Meanwhile|Still|Yet|In turn|Moreover|Furthermore|So)\s*,?\s+", re.I
)
_PAREN = re.compile(r"\s*\([^()]{0,80}\)")
_SPEECH = re.compile(
    r"\b(?:said|says|say|stressed|emphasi[sz]ed|urged|called for|reiterated|underscored|told|warned|"
    r"highlighted|added|noted|according to|demanded|asked|affirmed|reaffirmed)\b",
    re.I,
)
DUPLICATE_OVERLAP = 0.6


@dataclass
class Candidate:
    """One quotable sentence and every article that says the same."""

    text: str
    article_ids: list[str]
    position: float  # 0 = article's first sentence, 1 = its last
    order: tuple[int, int]  # (article rank, sentence index) of the first occurrence
    words: set[str] = field(default_factory=set)
    score: float = 0.0

    @property
    def attributed(self) -> bool:
        return bool(_SPEECH.search(self.text))


def clean(sentence: str) -> str | None:
    """The sentence as a brief may quote it, or None if it must not be quoted."""
    text = " ".join(sentence.split())
    if _JUNK.search(text) or _DANGLING.match(text):
        return None
    text = _PAREN.sub("", text)
    text = _LEADING.sub("", text)
    text = text[:1].upper() + text[1:]
    if len(text.split()) < 6 or len(text.split()) > 60:
        return None
    if not re.search(r"[.!?][\"'”’)]*$", text):
        return None  # a headline or a caption, not a sentence
    if text.count('"') % 2 or text.count("“") != text.count("”"):
        return None  # a quote cut in half by the splitter
    return text


def overlap(a: set[str], b: set[str]) -> float:
    """Share of the smaller sentence's words found in the other: catches trimmed rewrites too."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def candidates(articles: list[Article]) -> list[Candidate]:
    """Deduplicated, scored candidates from the articles, in the articles' order."""
    pool: list[Candidate] = []
    for rank, article in enumerate(articles):
        sentences = [s for p in article.body_paragraphs for s in split_sentences(p)]
        for index, sentence in enumerate(sentences):
            text = clean(sentence)
            if text is None:
                continue
            words = set(content_words(text))
            if len(words) < 4:
                continue
            duplicate = next(
                (c for c in pool if overlap(words, c.words) >= DUPLICATE_OVERLAP), None
            )
            if duplicate is not None:
                if article.id not in duplicate.article_ids:
                    duplicate.article_ids.append(article.id)
                continue
            pool.append(
                Candidate(
                    text, [article.id], index / max(1, len(sentences) - 1), (rank, index), words
                )
            )
    _score(pool)
    return pool


def _score(pool: list[Candidate]) -> None:
    """Centrality to the pool's centroid, plus a bonus for early sentences and for repetition."""
    df: Counter = Counter()
    for c in pool:
        df.update(c.words)
    n = len(pool) or 1
    idf = {w: math.log((1 + n) / (1 + d)) + 1 for w, d in df.items()}
    centroid: Counter = Counter()
    for c in pool:
        for w in c.words:
            centroid[w] += idf[w] * len(c.article_ids)
    norm_centroid = math.sqrt(sum(v * v for v in centroid.values())) or 1.0
    for c in pool:
        norm = math.sqrt(sum(idf[w] ** 2 for w in c.words)) or 1.0
        centrality = sum(idf[w] * centroid[w] for w in c.words) / (norm * norm_centroid)
        c.score = centrality + 0.25 * (1 - c.position) + 0.1 * (len(c.article_ids) - 1)
