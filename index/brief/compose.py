"""Compose one sourced paragraph about an engagement or a story.

For an engagement the paragraph opens with one sentence built from the extracted facts (when,
who with their roles on both sides, format, place), says so when the sources disagree on the
date or the format, then adds, in this order of priority, the strongest context ("the first
talks since ...", "agreed to hold ..."), the sentence that says what was discussed, one
statement per side (named speakers such as "Dong said" or "the Pentagon said" first, short
over long quotes), further context and statements; each sentence is quoted from the articles
with every article that says the same cited. Per-article work (sentence pools, each source's
own reading of the contact) is cached by article id and content hash.

For a story of any kind (a storm, a trial) the paragraph is
extractive: centrality-ranked, deduplicated sentences in reading order. Sentences are added
while the paragraph stays within the word budget. Deterministic and offline.
"""

from __future__ import annotations

import re
from datetime import date

from index.brief.sentences import Candidate, candidates
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
_CONTEXT = re.compile(
    r"\bfirst\b.{0,120}\b(?:since|in (?:nearly|more than|over|almost))\b|\bfirst-ever\b", re.I
)
# "agreed to hold a call between the two sides' theatre commanders": how this contact came about.
_AGREED = re.compile(
    r"\bagree[sd]?\s+(?:\w+\s+){0,2}?to\s+(?:hold|resume|restore|hold|establish|reopen)\b"
)
_DISCUSSED = re.compile(r"\bdiscuss(?:ed|es)\b")
_INSTITUTION = (
    r"(?:Pentagon|[Mm]inistry|[Rr]eadout|[Ss]tatement|White House|[Dd]epartment|officials|"
    r"[Ss]pokes(?:man|woman|person))"
)
_SAY = (
    r"(?:said|says|told|added|stressed|emphasi[sz]ed|reiterated|urged|warned|noted|"
    r"underscored|highlighted)"
)
_QUOTE = re.compile(r"[\"“]([^\"“”]+)[\"”]")
_FIRST_WORD = re.compile(r"\bfirst(?:-ever)?\s+([\w-]+)", re.I)


def _first_facts(text: str) -> set[str]:
    """ "first time", "first substantive": one key per "first ..." claim, to keep each fact once."""
    return {m.group(1).lower() for m in _FIRST_WORD.finditer(text) if _CONTEXT.search(text)}


def _share_in(words: set[str], other: set[str]) -> float:
    """Share of the sentence's own words that the other already says."""
    return len(words & other) / len(words) if words else 1.0


def _entities_key(entities: list[Entity]) -> tuple:
    return tuple((e.name, e.type, tuple(e.aliases), e.side) for e in entities)


# Per-article work a brief repeats (sentence pools, each source's own reading of the contact,
# its words) is kept per article id and content hash, so a changed article is read afresh.
_CACHE: dict[tuple, object] = {}
_CACHE_SIZE = 512


def _article_key(article: Article) -> tuple[str, str | int]:
    return (article.id, article.content_hash or hash(article.body))


def _cached(key: tuple, compute):
    if key not in _CACHE:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.clear()
        _CACHE[key] = compute()
    return _CACHE[key]


def _cached_candidates(
    members: tuple[Article, ...], people: tuple[tuple[str, str], ...]
) -> list[Candidate]:
    key = ("candidates", tuple(_article_key(a) for a in members), people)
    return list(_cached(key, lambda: candidates(list(members), dict(people))))


def _cached_contacts(members: tuple[Article, ...], entities: list[Entity]) -> dict:
    """Each article's own reading of the contact, computed once per articles and entities."""
    from index.extract.engagements import engagement_contacts

    key = ("contacts", tuple(_article_key(a) for a in members), _entities_key(entities))
    return _cached(key, lambda: engagement_contacts(list(members), entities))


def _article_words(article: Article) -> set[str]:
    return _cached(("words", _article_key(article)), lambda: set(content_words(article.body)))


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
        self._outsider_forms: list[str] | None = None

    def compose(self) -> Brief:
        chosen: list[BriefSentence] = []
        differences = self._differences() if self.engagement.reported else {}
        lead = self._lead(skip_date="date" in differences, skip_format="format" in differences)
        chosen.append(BriefSentence(lead, self.citations.cite([a.id for a in self.members])))
        for text, ids in differences.values():
            chosen.append(BriefSentence(text, self.citations.cite(ids)))
        pool = (
            _cached_candidates(tuple(self.members), self._people())
            if self.engagement.reported
            else self._background_pool()
        )
        lead_words = self._lead_words(lead)
        # A reported contact's own restatements add nothing to the opening line; a background
        # contact's one sentence is all there is, and says more than the opening line can.
        limit = 0.5 if self.engagement.reported else 1.01
        pool = [
            c
            for c in pool
            if _share_in(c.words, lead_words) < limit
            and (not self._names_outsiders(c) or _AGREED.search(c.text))
        ]
        extra = self._ordered(pool, lead_words)
        extra = [
            (t, ids)
            for t, ids in extra
            if len(set(re.findall(r"\w+", t.lower())) - set(re.findall(r"\w+", lead.lower()))) > 3
        ]
        _fill(chosen, extra, self.citations, self.budget)
        if sum(_count(s.text) for s in chosen) < self.budget[0]:
            rest = [
                c
                for c in sorted(pool, key=lambda c: (-c.score, c.order))
                if c.text not in {s.text for s in chosen} and not self._names_outsiders(c)
            ]
            _fill(
                chosen,
                [(c.text, c.article_ids) for c in rest[:6]],
                self.citations,
                (self.budget[0], self.budget[0] + 40),
            )
        return Brief(
            subject=self.engagement.id,
            sentences=chosen,
            sources=self.citations.sources(),
            date_inferred=self.engagement.date_inferred and "date" not in differences,
        )

    def _names_participant(self, c: Candidate) -> bool:
        return any(
            re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", c.text)
            for p in self.engagement.participants
            for form in _forms(p, self.entities)
        )

    def _ordered(self, pool: list[Candidate], lead_words: set[str]) -> list[tuple[str, list[str]]]:
        """What follows the opening line, best first: context, topics, one line per side, the rest.

        `_fill` takes them in this order while the paragraph stays within its budget, so the
        first entries are the ones a short brief keeps.
        """
        context = sorted((c for c in pool if self._is_context(c)), key=self._context_rank)
        first_context: list[Candidate] = []
        facts: set[str] = set()
        for c in context:
            keys = _first_facts(c.text)
            if keys & facts:
                continue  # "first substantive talks" twice is one fact
            facts |= keys
            first_context.append(c)
        topics = sorted(
            (
                c
                for c in pool
                if _DISCUSSED.search(c.text) and c not in first_context and self._about_contact(c)
            ),
            # The line that says who discussed what, with the most it adds to the opening line.
            key=lambda c: (not self._names_participant(c), -len(c.words - lead_words), c.order),
        )[:1]
        statements = [
            c
            for c in pool
            if c.attributed
            and c not in first_context
            and not _DISCUSSED.search(c.text)
            and self._about_contact(c)
            and not self._names_outsiders(c)
        ]
        by_side = self._by_side(statements)
        order = [p.side for p in self.engagement.participants]
        sides = sorted(
            by_side, key=lambda s: (s not in order, order.index(s) if s in order else 0, str(s))
        )
        first_per_side = [by_side[s].pop(0) for s in sides if s is not None and by_side[s]]
        rest = sorted(
            (c for cs in by_side.values() for c in cs), key=lambda c: self._statement_rank(c)
        )
        picked = first_context[:1] + topics + first_per_side + first_context[1:] + rest
        seen: set[int] = set()
        result: list[tuple[str, list[str]]] = []
        for c in picked:
            if id(c) not in seen:
                seen.add(id(c))
                result.append((c.text, c.article_ids))
        return result

    def _context_rank(self, c: Candidate) -> tuple:
        # "The first talks since ..." about this contact beats a "first visit" of someone else.
        return (
            -len(_first_facts(c.text)),
            not self._about_contact(c),
            -len(c.article_ids),
            not _FIRST_CONTACT.search(c.text),
            -c.score,
            c.order,
        )

    def _statement_rank(self, c: Candidate) -> tuple:
        """Named speakers first, then what more articles say, then short over long quotes."""
        words = _count(c.text)
        quoted = sum(len(q.split()) for q in _QUOTE.findall(c.text))
        return (
            not self._names_speaker(c),
            -len(c.article_ids),
            words > 32 or quoted > 0.8 * words,
            -c.score,
            c.order,
        )

    def _names_speaker(self, c: Candidate) -> bool:
        """ "Dong said", "the Pentagon said", "according to a Beijing readout": a named speaker."""
        names = "|".join(
            re.escape(n)
            for p in self.engagement.participants
            for n in sorted(_forms(p, self.entities), key=len, reverse=True)
        )
        speaker = rf"(?:{names}|{_INSTITUTION})" if names else _INSTITUTION
        return bool(
            re.search(rf"\b{speaker}\s+(?:\w+\s+)?{_SAY}\b", c.text)
            or re.search(rf"\baccording to (?:a |an |the )?(?:[\w’']+\s+){{0,3}}?{speaker}", c.text)
        )

    def _people(self) -> tuple[tuple[str, str], ...]:
        """Each participant's surface forms and the short name a rewritten "He" becomes."""
        from index.extract.engagements import short_name

        people: dict[str, str] = {}
        for p in self.engagement.participants:
            entity = next((e for e in self.entities if e.name == p.name), None)
            if entity is not None and entity.type != "person":
                continue
            short = short_name(p, entity.aliases if entity else None)
            for form in _forms(p, self.entities):
                people.setdefault(form, short)
        return tuple(sorted(people.items()))

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
        said: set[str] = set()
        for article in self.members:
            said |= _article_words(article)
        phrases = _FORMAT_VERBS.get(fmt, _FORMAT_VERBS["unknown"])
        return next((p for p in phrases if set(content_words(p)) <= said), phrases[0])

    def _differences(self) -> dict[str, tuple[str, list[str]]]:
        """ "Sources differ on the date: 16 April [1] and 17 April [2]." when they do."""
        if len(self.members) < 2:
            return {}
        from index.extract.engagements import format_of

        contacts = _cached_contacts(tuple(self.members), self.entities)
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
        if self._outsider_forms is None:
            insiders = {n for p in self.engagement.participants for n in _forms(p, self.entities)}
            taking_part = {p.name for p in self.engagement.participants}
            self._outsider_forms = sorted(
                {
                    form
                    for entity in self.entities
                    if entity.type == "person" and entity.name not in taking_part
                    for form in {entity.name, *entity.aliases}
                    if len(form) >= 3 and form not in insiders
                }
            )
        for form in self._outsider_forms:
            if form not in c.text:
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
        return bool(_CONTEXT.search(c.text) or _AGREED.search(c.text))

    def _about_contact(self, c: Candidate) -> bool:
        names = {n for p in self.engagement.participants for n in _forms(p, self.entities)}
        if any(n in c.text for n in names):
            return True
        return bool(
            re.search(
                r"\b(?:readout|statement|ministry|Pentagon|officials?|the two sides|side)\b",
                c.text,
                re.I,
            )
        )

    def _side_of(self, c: Candidate) -> str | None:
        """The side of whoever says it: the named speaker, else the first side the text names."""
        for p in self.engagement.participants:
            for form in _forms(p, self.entities):
                if re.search(rf"\b{re.escape(form)}\s+(?:\w+\s+)?{_SAY}\b", c.text):
                    return p.side
        for m in re.finditer(
            rf"(?:according to (?:a |an |the )?([^,.]{{0,40}}{_INSTITUTION})|"
            rf"([\w’' ]{{0,40}}?{_INSTITUTION})\s+{_SAY})",
            c.text,
        ):
            cues = side_cues(m.group(1) or m.group(2), skip_portfolios=False)
            # "the statement said" with no side named: the quote's own words ("The US side
            # should ...") name whom it addresses, not who speaks, so the side stays unknown.
            return cues[0] if cues else None
        for p in self.engagement.participants:
            if any(form in c.text for form in _forms(p, self.entities)):
                return p.side
        cues = side_cues(c.text)
        return cues[0] if cues else None

    def _by_side(self, statements: list[Candidate]) -> dict[str | None, list[Candidate]]:
        by_side: dict[str | None, list[Candidate]] = {}
        for c in sorted(statements, key=self._statement_rank):
            by_side.setdefault(self._side_of(c), []).append(c)
        return by_side

    def _background_pool(self) -> list[Candidate]:
        """A background engagement is told only in passing: quote the sentences that name it."""
        names = {n for p in self.engagement.participants for n in _forms(p, self.entities)}
        pool = _cached_candidates(tuple(self.members), self._people())
        return [c for c in pool if any(n in c.text for n in names)]


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
    # "head of the Chinese army's ..." already says the side; "Chinese head of the Chinese" would
    # not do.
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
