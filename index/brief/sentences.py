"""Candidate sentences for a brief: what may be quoted, how central it is, and near-duplicates
merged.

Every brief is extractive apart from its first line, so the quality of a brief is the quality
of this pool. Candidates are body sentences (never boilerplate, credits, bare headlines or
dangling pronouns; a few safe pronoun openings are first rewritten with the subject of
the sentence before, see `resolve_references`), lightly compressed (no leading "But", no
parentheses), scored by centrality (TF-IDF cosine to the pool's centroid, so a fact many
articles repeat ranks high) and by their position in the article. Sentences that say the
same thing in several articles are merged into one candidate that cites them all.
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
    r"^(?:He|She|It|They"
    r"|This(?! (?:month|week|year|morning|spring|summer|autumn|fall|winter))|That|These|Those"
    r"|His|Her|Its|Their|Also|The statement)\b"
)
_LEADING = re.compile(
    r"^(?:But|And|However|Also|Meanwhile|Still|Yet|In turn|Moreover|Furthermore|So)\s*,?\s+", re.I
)
_PAREN = re.compile(r"\s*\([^()]{0,80}\)")
_SPEECH = re.compile(
    r"\b(?:said|says|say|stressed|emphasi[sz]ed|urged|called for|reiterated|underscored|told|"
    r"warned|highlighted|added|noted|according to|demanded|asked|affirmed|reaffirmed)\b",
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
    if _JUNK.search(text) or _DANGLING.match(text) or _MID_IT_UNRESOLVED.search(text):
        return None  # an unresolved "He ..." or ", it added," dangles outside its article
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


# "He reiterated ..." after a sentence whose subject is a named person: the surname can stand in.
_PERSONAL = re.compile(r"^(?:He|She)\s+(?=[a-z])")
# "It was also the first ..." right after "The call on Tuesday was the first ...": one sentence.
_ALSO = re.compile(r"^It (was|is) also\s+(?=[a-z])")
_THE_SUBJECT = re.compile(
    r"^The [a-z][\w-]*(?: [a-z][\w-]*)?(?: (?:on|in) [\w ]{1,20}?)? (was|is) "
)
# ", it added," in mid-sentence: the speaker of the previous sentence, if it named one.
_MID_IT = re.compile(r",\s+(it|he|she)\s+(added|said|says|warned|stressed)\b")
_MID_IT_UNRESOLVED = re.compile(r",\s+it\s+(?:added|said|says)\b")
_SOURCE_SAID = re.compile(
    r"((?:the\s+|[A-Z][\w]*[’']s\s+)?(?:[A-Za-z]+\s+){0,2}?"
    r"(?:[Mm]inistry|Pentagon|[Ss]tatement|[Rr]eadout|White House|[Dd]epartment))"
    r"\s+(?:said|says|added)\b"
)
_SAID = r"(?:said|says|told|added|stressed|reiterated|emphasi[sz]ed|warned|urged|noted)"


def _speaker_is(sentence: str, form: str) -> bool:
    """Whether the sentence's subject or speaker is the person named by `form`."""
    name = re.escape(form)
    # "Dong said ...", "Defense Minister Dong Jun told ..."; not "Austin and Dong discussed".
    if re.match(
        r"^(?:[A-Z][\w.’']*\s+){0,4}?" + name + r"(?:[’']s)?\s+(?!and\b|or\b)[a-z]", sentence
    ):
        return True
    return bool(re.search(r"[”\"],?\s+" + name + r"\s+" + _SAID + r"\b", sentence))


def resolve_references(sentences: list[str], people: dict[str, str] | None = None) -> list[str]:
    """Rewrite a few safe pronoun openings with the subject of the sentence before them.

    Conservative on purpose: a leading "He"/"She" becomes the surname only when the previous
    sentence's subject or speaker is that one person; "It was also ..." is joined to a previous
    "The call ... was ..."; a mid-sentence ", it added," names the ministry or statement the
    previous sentence quoted. Anything else is left as it is (and `clean` drops it).
    `people` maps each surface form of a person to the short name to write.
    """
    result: list[str] = []
    for sentence in sentences:
        text = " ".join(sentence.split())
        previous = result[-1] if result else ""
        if previous and _PERSONAL.match(text) and people:
            speakers = {short for form, short in people.items() if _speaker_is(previous, form)}
            if len(speakers) == 1:
                text = _PERSONAL.sub(next(iter(speakers)) + " ", text, count=1)
        elif previous and _ALSO.match(text) and _THE_SUBJECT.match(previous):
            if previous.endswith(".") and _THE_SUBJECT.match(previous).group(1) == _ALSO.match(
                text
            ).group(1):
                result[-1] = previous[:-1] + ", and also " + _ALSO.sub("", text, count=1)
                continue
        mid = _MID_IT.search(text) if previous else None
        if mid and mid.group(1) == "it":
            said = set(_SOURCE_SAID.findall(previous))
            if len(said) == 1:
                speaker = re.sub(r"^The\b", "the", said.pop())
                text = _MID_IT.sub(lambda m, s=speaker: f", {s} {m.group(2)}", text, count=1)
        elif mid and people:
            speakers = {short for form, short in people.items() if _speaker_is(previous, form)}
            if len(speakers) == 1:
                name = speakers.pop()
                text = _MID_IT.sub(lambda m, s=name: f", {s} {m.group(2)}", text, count=1)
        result.append(text)
    return result


def candidates(articles: list[Article], people: dict[str, str] | None = None) -> list[Candidate]:
    """Deduplicated, scored candidates from the articles, in the articles' order."""
    pool: list[Candidate] = []
    for rank, article in enumerate(articles):
        sentences = resolve_references(
            [s for p in article.body_paragraphs for s in split_sentences(p)], people
        )
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
