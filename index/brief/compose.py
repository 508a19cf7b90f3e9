"""Compose one sourced paragraph about an engagement or a story.

For an engagement the paragraph opens with one sentence built from the extracted facts (when,
who with their roles on both sides, format, place), says so when the sources disagree on the
date or the format, then adds the most central context ("the first talks since ...") and what
each side stressed, alternating sides, each sentence quoted from the articles with every
article that says the same cited. For a story of any kind (a storm, a trial) the paragraph is
extractive: centrality-ranked, deduplicated sentences in reading order. Sentences are added
while the paragraph stays within the word budget. Deterministic and offline.
"""

from __future__ import annotations

import re
from datetime import date

from index.brief.sentences import Candidate, candidates, overlap
from index.extract.dates import MONTH_NAMES, format_day, format_month
from index.extract.sentences import content_words
from index.extract.sides import DEMONYMS, side_cues
from index.model import (
    Article,
    Brief,
    BriefSentence,
    BriefSource,
    Engagement,
    Entity,
    Participant,
    Story,
)

# Verb phrases per format, best first; the brief uses the first whose words its sources contain.
_FORMAT_VERBS = {
    "video call": [
        "held a video call",
        "spoke by video call",
        "held a video conference",
        "spoke via video teleconference",
        "held a video call",
    ],
    "call": ["held a call", "spoke by phone", "spoke by telephone", "held a phone call"],
    "meeting": ["met", "held a meeting", "held talks", "had a meeting"],
    "talks": ["held talks", "had talks", "talked"],
    "unknown": ["were in contact", "spoke", "talked"],
}
_FIRST_CONTACT = re.compile(
    r"\bfirst(?:-ever)?\s+(?:[\w-]+\s+){0,3}(?:talks|call|meeting|engagement|time|contact|dialogue|exchange)",
    re.I,
)
_FORMAT_NOUN = {
    "video call": "a video call",
    "call": "a call",
    "meeting": "a meeting",
    "talks": "talks",
    "unknown": "a contact",
}


def compose_brief(
    subject: Engagement | Story,
    articles: dict[str, Article],
    entities: list[Entity],
    words: tuple[int, int] = (60, 140),
) -> Brief:
    """One paragraph about the subject, every sentence with its sources."""
    if isinstance(subject, Engagement):
        return _EngagementBrief(subject, articles, entities, words).compose()
    return _story_brief(subject, articles, words)


class _Citations:
    """Source numbers in order of first citation."""

    def __init__(self, articles: dict[str, Article]):
        self.articles = articles
        self.numbers: dict[str, int] = {}

    def cite(self, article_ids: list[str]) -> list[int]:
        ordered = sorted(dict.fromkeys(article_ids), key=self._order)
        for aid in ordered:
            self.numbers.setdefault(aid, len(self.numbers) + 1)
        return sorted(self.numbers[a] for a in ordered)

    def _order(self, aid: str) -> tuple:
        article = self.articles.get(aid)
        return (article.published or date.max if article else date.max, aid)

    def sources(self) -> list[BriefSource]:
        result = []
        for aid, n in sorted(self.numbers.items(), key=lambda kv: kv[1]):
            a = self.articles[aid]
            result.append(
                BriefSource(n=n, id=aid, title=a.title, source=a.source, published=a.published)
            )
        return result


def _count(text: str) -> int:
    return len(text.split())


def _fill(
    chosen: list[BriefSentence],
    pool: list[tuple[str, list[str]]],
    citations: _Citations,
    budget: tuple[int, int],
) -> None:
    """Add (text, article ids) in order while the paragraph stays within the maximum."""
    used = sum(_count(s.text) for s in chosen)
    for text, article_ids in pool:
        if used + _count(text) > budget[1]:
            continue
        chosen.append(BriefSentence(text, citations.cite(article_ids)))
        used += _count(text)


def _story_brief(story: Story, articles: dict[str, Article], budget: tuple[int, int]) -> Brief:
    members = sorted(
        (articles[a] for a in story.articles if a in articles),
        key=lambda a: (a.published or date.max, a.id),
    )
    pool = candidates(members)
    ranked = sorted(pool, key=lambda c: (-c.score, c.order))
    picked: list[Candidate] = []
    used = 0
    for c in ranked:
        if used + _count(c.text) > budget[1]:
            if used >= budget[0]:
                break
            continue
        picked.append(c)
        used += _count(c.text)
    # Reading order: earlier in its article first, then by article.
    picked.sort(key=lambda c: (round(c.position, 1), c.order))
    citations = _Citations(articles)
    sentences = [BriefSentence(c.text, citations.cite(c.article_ids)) for c in picked]
    return Brief(subject=story.id, sentences=sentences, sources=citations.sources())


class _EngagementBrief:
    def __init__(
        self,
        engagement: Engagement,
        articles: dict[str, Article],
        entities: list[Entity],
        budget: tuple[int, int],
    ):
        self.engagement = engagement
        self.articles = articles
        self.entities = entities
        self.budget = budget
        ids = engagement.articles or engagement.mentioned_in
        self.members = sorted(
            (articles[a] for a in ids if a in articles),
            key=lambda a: (a.published or date.max, a.id),
        )
        self.citations = _Citations(articles)

    def compose(self) -> Brief:
        chosen: list[BriefSentence] = []
        differences = self._differences() if self.engagement.reported else {}
        lead = self._lead(skip_date="date" in differences, skip_format="format" in differences)
        chosen.append(BriefSentence(lead, self.citations.cite([a.id for a in self.members])))
        for text, ids in differences.values():
            chosen.append(BriefSentence(text, self.citations.cite(ids)))
        pool = candidates(self.members) if self.engagement.reported else self._background_pool()
        lead_words = set(re.findall(r"\w+", lead.lower()))
        # A reported contact's own restatements add nothing to the opening line; a background
        # contact's one sentence is all there is, and says more than the opening line can.
        limit = 0.5 if self.engagement.reported else 1.01
        pool = [
            c
            for c in pool
            if not self._names_outsiders(c) and overlap(c.words, self._lead_words(lead)) < limit
        ]
        context = [c for c in pool if self._is_context(c)]
        statements = [
            c for c in pool if c.attributed and not self._is_context(c) and self._about_contact(c)
        ]
        ordered = self._alternate_sides(statements)
        extra: list[tuple[str, list[str]]] = []
        if context:
            # "The first talks since ..." about this contact beats a "first visit" of someone else.
            best = max(
                context,
                key=lambda c: (
                    len(c.article_ids),
                    bool(_FIRST_CONTACT.search(c.text)),
                    c.score,
                    -c.order[0],
                    -c.order[1],
                ),
            )
            extra.append((best.text, best.article_ids))
        extra += [(c.text, c.article_ids) for c in ordered]
        extra = [
            (t, ids) for t, ids in extra if len(set(re.findall(r"\w+", t.lower())) - lead_words) > 3
        ]
        _fill(chosen, extra, self.citations, self.budget)
        if sum(_count(s.text) for s in chosen) < self.budget[0]:
            rest = [
                c
                for c in sorted(pool, key=lambda c: (-c.score, c.order))
                if c.text not in {s.text for s in chosen}
            ]
            _fill(
                chosen,
                [(c.text, c.article_ids) for c in rest[:6]],
                self.citations,
                (self.budget[0], self.budget[0] + 40),
            )
        return Brief(subject=self.engagement.id, sentences=chosen, sources=self.citations.sources())

    # -- the opening sentence -------------------------------------------------------------
    def _lead(self, skip_date: bool, skip_format: bool) -> str:
        e = self.engagement
        when = "" if skip_date else _when(e)
        who = _who(e.participants)
        verb = self._verb("unknown" if skip_format else e.format)
        where = f" in {e.location}" if e.location else ""
        body = f"{who} {verb}{where}" if who else f"Officials of {_sides_phrase(e)} {verb}{where}"
        sentence = f"{when}, {body}." if when else f"{body}."
        return sentence[0].upper() + sentence[1:]

    def _verb(self, fmt: str) -> str:
        said = set()
        for article in self.members:
            said.update(content_words(article.body))
        phrases = _FORMAT_VERBS.get(fmt, _FORMAT_VERBS["unknown"])
        return next((p for p in phrases if set(content_words(p)) <= said), phrases[0])

    def _differences(self) -> dict[str, tuple[str, list[str]]]:
        """ "Sources differ on the date: 16 April [1] and 17 April [2]." when they do."""
        if len(self.members) < 2:
            return {}
        from index.extract.engagements import engagement_contacts, format_of

        contacts = engagement_contacts(self.members, self.entities)
        result: dict[str, tuple[str, list[str]]] = {}
        by_date: dict[str, list[str]] = {}
        for aid, contact in contacts.items():
            if contact.date and contact.date.precision == "day":
                label = _day_label(contact.date.start, contact.date.end)
                by_date.setdefault(label, []).append(aid)
        if len(by_date) > 1:
            parts = [
                f"{label} {_marks(self.citations.cite(ids))}"
                for label, ids in sorted(by_date.items(), key=lambda kv: min(kv[1]))
            ]
            result["date"] = (
                "Sources differ on the date: " + _join(parts) + ".",
                [a for ids in by_date.values() for a in ids],
            )
        by_format: dict[str, list[str]] = {}
        for aid, contact in contacts.items():
            fmt = format_of([contact])
            if fmt in ("call", "video call", "meeting"):
                by_format.setdefault("remote" if fmt != "meeting" else "meeting", []).append(aid)
        if len(by_format) > 1:
            names = {"remote": "a call", "meeting": "an in-person meeting"}
            parts = [
                f"{names[k]} {_marks(self.citations.cite(ids))}"
                for k, ids in sorted(by_format.items())
            ]
            result["format"] = (
                "Sources differ on the format: " + _join(parts) + ".",
                [a for ids in by_format.values() for a in ids],
            )
        return result

    # -- the quoted sentences ------------------------------------------------------------
    @staticmethod
    def _lead_words(lead: str) -> set[str]:
        return set(content_words(lead))

    def _names_outsiders(self, c: Candidate) -> bool:
        """A sentence about someone who did not take part belongs to another contact.

        People who only report ("..., Meiners said", "spokesman ... Meiners") are not outsiders.
        """
        insiders = {n for p in self.engagement.participants for n in _forms(p, self.entities)}
        for entity in self.entities:
            if entity.type != "person" or entity.name in {
                p.name for p in self.engagement.participants
            }:
                continue
            for form in {entity.name, *entity.aliases}:
                if len(form) < 3 or form in insiders:
                    continue
                for m in re.finditer(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", c.text):
                    after = c.text[m.end() : m.end() + 12]
                    before = c.text[max(0, m.start() - 40) : m.start()]
                    if re.match(r"\s*(?:said|noted|added|told|says)\b", after) or re.search(
                        r"spokes\w+", before
                    ):
                        continue
                    return True
        return False

    def _is_context(self, c: Candidate) -> bool:
        return bool(
            re.search(
                r"\bfirst\b.{0,120}\b(?:since|in (?:nearly|more than|over|almost))\b|\bfirst-ever\b",
                c.text,
                re.I,
            )
        )

    def _about_contact(self, c: Candidate) -> bool:
        names = {n for p in self.engagement.participants for n in _forms(p, self.entities)}
        if any(n in c.text for n in names):
            return True
        return bool(
            re.search(
                r"\b(?:readout|statement|ministry|Pentagon|officials?|the two sides|side)\b", c.text
            )
        )

    def _side_of(self, c: Candidate) -> str | None:
        for p in self.engagement.participants:
            if any(form in c.text for form in _forms(p, self.entities)):
                return p.side
        cues = side_cues(c.text)
        return cues[0] if cues else None

    def _alternate_sides(self, statements: list[Candidate]) -> list[Candidate]:
        by_side: dict[str | None, list[Candidate]] = {}
        for c in sorted(statements, key=lambda c: (-c.score, c.order)):
            by_side.setdefault(self._side_of(c), []).append(c)
        order = [p.side for p in self.engagement.participants]
        sides = sorted(
            by_side, key=lambda s: (s not in order, order.index(s) if s in order else 0, str(s))
        )
        result: list[Candidate] = []
        while any(by_side.values()):
            for side in sides:
                if by_side[side]:
                    result.append(by_side[side].pop(0))
        return result

    def _background_pool(self) -> list[Candidate]:
        """A background engagement is told only in passing: quote the sentences that name it."""
        names = {n for p in self.engagement.participants for n in _forms(p, self.entities)}
        return [c for c in candidates(self.members) if any(n in c.text for n in names)]


def _forms(p: Participant, entities: list[Entity]) -> set[str]:
    forms = {p.name, p.name.replace("'", "’")}
    for e in entities:
        if e.name == p.name:
            forms.update(a for a in e.aliases if len(a) > 2)
    tokens = p.name.split()
    if len(tokens) >= 2:
        forms.update(t for t in tokens if len(t) > 2 and t[0].isupper() and not t.endswith("."))
    return forms


def _describe(p: Participant) -> str:
    """ "US Secretary of Defense Lloyd Austin" or "Wu Yanan, head of the Chinese army's ...,"."""
    role = (p.role or "").strip()
    if len(role.split()) > 4 and " for " in role:
        role = role.split(" for ")[0]  # keep the title, drop a portfolio the splitter may have cut
    role = re.sub(r"^(?:Top|Senior)\b", lambda m: m.group(0).lower(), role)
    demonym = DEMONYMS.get(p.side or "", p.side or "")
    # "head of the Chinese army's ..." already says the side; "Chinese head of the Chinese" would not do.
    names_side = bool(side_cues(role) or side_cues(p.name, skip_portfolios=False))
    if role and len(role.split()) <= 5 and not role[:1].islower():
        return f"{'' if names_side else demonym + ' '}{role} {p.name}".strip()
    if role:
        return f"{p.name}, {'' if names_side or not demonym else demonym + ' '}{role},"
    if names_side or not p.side:
        return p.name
    return f"{p.name} of {'the ' if p.side in ('US', 'UK', 'EU', 'Philippines') else ''}{p.side}"


def _who(participants: list[Participant]) -> str:
    if not participants:
        return ""
    described = [_describe(p) for p in participants]
    if len(described) == 1:
        text = described[0]
    else:
        text = ", ".join(described[:-1]) + " and " + described[-1]
    return re.sub(r",\s*,", ",", text)


def _sides_phrase(e: Engagement) -> str:
    return "the two sides"


def _when(e: Engagement) -> str:
    if e.date is None:
        return ""
    if e.date_precision == "month":
        return f"In {format_month(e.date)}"
    if e.date_precision == "year":
        return f"In {e.date.year}"
    if e.end_date and e.end_date != e.date:
        if (e.date.year, e.date.month) == (e.end_date.year, e.end_date.month):
            return f"On {e.date.day}–{e.end_date.day} {MONTH_NAMES[e.date.month]} {e.date.year}"
        return f"From {format_day(e.date)} to {format_day(e.end_date)}"
    return f"On {format_day(e.date)}"


def _day_label(start: date, end: date | None) -> str:
    if end and end != start:
        return f"{start.day}–{end.day} {MONTH_NAMES[start.month]}"
    return f"{start.day} {MONTH_NAMES[start.month]}"


def _marks(numbers: list[int]) -> str:
    return "".join(f"[{n}]" for n in numbers)


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
