"""Engagements: the contacts between two sides' officials that a corpus reports or mentions.

`detect_engagements(articles, entities)` reads each article's contact mentions
(`index.extract.contacts`), picks the one that is the article's main subject (the first
current, two-sided mention that names people), and groups the articles whose main contacts are
the same one: participants overlap on both sides, dates within two days of each other, and
no clash of format between a call and a meeting. Grouping is blocked by participant name, so
an article is compared only with the engagements that share a person with it, never with the
whole corpus. Undated articles join the engagement their participants and format point to and
take its date. Month-level mentions ("in December, Brown spoke with Liu") become background
engagements (`reported=False`) with the articles that mention them in `mentioned_in`.

Dates: a dated article resolves "on Tuesday" against its own date. An undated article that
gives a day and month without a year ("Jan. 8-9") and a weekday ("announced on Tuesday") takes
the most recent year, not after the corpus's latest date, in which one of those days falls on
that weekday (`index.extract.dates.infer_year_from_weekday`); such dates are `date_inferred`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from index.article_pool import read_each
from index.extract.contacts import (
    ContactMention,
    entities_of_articles,
    find_contact_mentions,
    forget_readings,
    resolve_sides,
)
from index.extract.dates import (
    ResolvedDate,
    infer_reference_date,
    resolve,
)
from index.extract.sentences import content_words, split_sentences
from index.extract.sides import SIDE_CUES, side_cues
from index.model import Article, Engagement, Entity, Participant

SAME_CONTACT_DAYS = 2  # sources often disagree by a day across time zones
_TOPIC_LEXICON = [
    "freedom of navigation",
    "military-to-military communication",
    "operational safety",
    "trade",
    "sanctions",
    "tariffs",
    "export controls",
    "nuclear",
    "arms control",
    "cyber",
    "fentanyl",
    "climate",
    "human rights",
    "artificial intelligence",
    "one-China policy",
    "maritime",
    "crisis communication",
    "Russia's war in Ukraine",
    "Russia-Ukraine war",
]
_FACT = re.compile(
    r"\bfirst\b[^.]{0,120}\b(?:since|in (?:nearly|more than|over|almost)|ever)\b|\bfirst-ever\b"
    r"|\b\d+(?:st|nd|rd|th)\b[^.]{0,80}\b(?:talks|dialogue|round|meeting)\b",
    re.I,
)


@dataclass
class ArticleContact:
    """What one article says about the contact that is its main subject."""

    article: Article
    anchor: ContactMention
    mentions: list[ContactMention]
    date: ResolvedDate | None = None
    date_inferred: bool = False

    @property
    def participants(self) -> list[Participant]:
        return self.anchor.participants

    @property
    def names(self) -> frozenset[str]:
        return self.anchor.names

    @property
    def formats(self) -> list[str]:
        return [f for m in self.mentions for f in m.formats] + self.anchor.formats

    @property
    def series(self) -> bool:
        return any(m.series for m in self.mentions)

    @property
    def location(self) -> str | None:
        if self.anchor.location:
            return self.anchor.location
        for mention in self.mentions:
            # Outside the anchor "a visit to China" is too often someone else's trip.
            if mention.location and mention.location not in SIDE_CUES:
                return mention.location
        return None


def _is_current(mention: ContactMention) -> bool:
    return bool(mention.day_times) or not mention.coarse_times


def main_contact(article: Article, mentions: list[ContactMention]) -> ArticleContact | None:
    """The contact the article is about, with the other clauses that speak of the same one."""
    current = [m for m in mentions if _is_current(m)]
    if not current:
        return None
    anchor = next(
        (m for m in current if len({p.side for p in m.participants if p.side}) >= 2),
        next((m for m in current if m.participants), current[0]),
    )
    # Background contacts the article also names: their people are not the anchor's.
    background_names = {n for m in mentions if not _is_current(m) for n in m.names}
    own: list[ContactMention] = []
    for mention in current:
        if mention is anchor:
            continue
        if mention.names:
            if not (mention.names & anchor.names) or (
                mention.names & background_names - anchor.names
            ):
                continue
        elif not (
            mention.day_times
            or mention.sentence_index <= 2
            or re.match(r"\W*(The|This)\b", mention.clause)
        ):
            # An unnamed contact deep in the article is as likely background as the main event.
            continue
        own.append(mention)
    own.append(anchor)
    return ArticleContact(article, anchor, sorted(own, key=lambda m: m.sentence_index))


def _resolve_contact_date(contact: ArticleContact, ref: date | None) -> ResolvedDate | None:
    """Prefer a written day and month ("Jan. 8-9") over a weekday ("on Tuesday")."""
    times = [t for m in contact.mentions for t in m.day_times]
    times.sort(key=lambda t: (t.kind not in ("day_month", "month_day"), t.kind != "weekday"))
    for expr in times:
        resolved = resolve(expr, ref)
        if resolved:
            return resolved
    return None


def _undated_reference(
    article: Article, contact: ArticleContact | None, latest: date
) -> date | None:
    sentences = [s for p in article.body_paragraphs for s in split_sentences(p)]
    prefer = [t for m in contact.mentions for t in m.day_times] if contact else None
    return infer_reference_date(sentences, latest, prefer)


@dataclass
class _Group:
    contacts: list[ArticleContact] = field(default_factory=list)
    # Creation order: candidates are tried in it, so the result never depends on set order.
    order: int = 0

    @property
    def names(self) -> set[str]:
        return {n for c in self.contacts for n in c.names}

    def dates(self) -> list[ResolvedDate]:
        return [c.date for c in self.contacts if c.date]

    def kind(self) -> str:
        return format_of(self.contacts)


def format_of(contacts: list[ArticleContact]) -> str:
    """Only what the text says: a video link beats a bare call, a numbered round is talks."""
    votes: Counter = Counter()
    for contact in contacts:
        for fmt in contact.formats:
            votes[fmt] += 1
        for fmt in contact.anchor.formats:
            votes[fmt] += 1
    if votes["video call"]:
        return "video call"
    if votes["call"]:
        return "call"
    if any(c.series for c in contacts) and votes["talks"]:
        return "talks"
    if votes["meeting"] or votes["talks"]:
        return "meeting" if votes["meeting"] > votes["talks"] else "talks"
    return "unknown"


def _compatible_formats(a: str, b: str) -> bool:
    """A call and a face-to-face meeting are different contacts; "talks" can be either."""
    remote = {"call", "video call"}
    if "unknown" in (a, b) or "talks" in (a, b):
        return True
    return (a in remote) == (b in remote)


def _sides_overlap(a: ArticleContact, group: _Group) -> bool:
    shared = a.names & group.names
    if not shared:
        return not a.names and not group.names
    return True


def _group_contacts(contacts: list[ArticleContact]) -> list[_Group]:
    groups: list[_Group] = []
    by_name: dict[str, list[_Group]] = defaultdict(list)
    by_sides: dict[frozenset[str], list[_Group]] = defaultdict(list)

    def candidates(contact: ArticleContact) -> list[_Group]:
        if contact.names:
            found = {id(g): g for n in contact.names for g in by_name[n]}
            return sorted(found.values(), key=lambda g: g.order)
        return list(by_sides[frozenset(contact.anchor.sides)])

    def add(contact: ArticleContact, group: _Group | None) -> None:
        if group is None:
            group = _Group(order=len(groups))
            groups.append(group)
        group.contacts.append(contact)
        for name in contact.names:
            if group not in by_name[name]:
                by_name[name].append(group)
        if not contact.names:
            by_sides[frozenset(contact.anchor.sides)].append(group)

    dated = sorted((c for c in contacts if c.date), key=lambda c: (c.date.start, c.article.id))
    undated = sorted((c for c in contacts if not c.date), key=lambda c: c.article.id)
    for contact in dated:
        best = None
        for group in candidates(contact):
            if not _sides_overlap(contact, group):
                continue
            gap = min(abs((d.start - contact.date.start).days) for d in group.dates())
            if gap <= SAME_CONTACT_DAYS and _compatible_formats(format_of([contact]), group.kind()):
                best = group
                break
        add(contact, best)
    for contact in undated:
        options = [g for g in candidates(contact) if _sides_overlap(contact, g)]
        fitting = [g for g in options if _compatible_formats(format_of([contact]), g.kind())]
        options = fitting or options
        # Same people, no date: the engagement whose articles read most like this one.
        words = _word_set(contact.article)
        best = max(
            options,
            key=lambda g: (
                max(_jaccard(words, _word_set(c.article)) for c in g.contacts),
                len(g.contacts),
            ),
            default=None,
        )
        add(contact, best)
    return groups


# Sides whose press names put the family name first ("Dong Jun", "Xi Jinping", "Kim Jong Un").
_FAMILY_NAME_FIRST = {"China", "Taiwan", "North Korea", "South Korea", "Vietnam"}


def _word_set(article: Article) -> set[str]:
    return set(content_words(article.body))


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _surname(name: str, side: str | None = None, aliases: list[str] | None = None) -> str:
    tokens = [t for t in re.split(r"[\s.]+", name) if t and t not in ("Jr", "Sr", "II", "III")]
    if not tokens:
        return name
    # The extractor's own one-word alias is the best short form ("Austin", "Dong").
    for alias in aliases or []:
        if alias in tokens and len(alias) > 1:
            return alias
    return tokens[0] if side in _FAMILY_NAME_FIRST else tokens[-1]


def short_name(participant: Participant, aliases: list[str] | None = None) -> str:
    return (
        _surname(participant.name, participant.side, aliases)
        if " " in participant.name
        else participant.name
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _id_date(d: date | None, precision: str) -> str:
    if d is None:
        return "undated"
    return d.strftime("%Y-%m") if precision == "month" else d.isoformat()


def _base_id(
    d: date | None, precision: str, people: list[str], location: str | None, fmt: str
) -> str:
    """ "2024-04-16-austin-dong"; an organisations-only contact is named by place and format."""
    slugs = sorted({_slug(p) for p in people if _slug(p)})[:3]
    tail = "-".join(slugs) or "-".join(
        x for x in (_slug(location or ""), _slug(fmt if fmt != "unknown" else "contact")) if x
    )
    return f"{_id_date(d, precision)}-{tail}"


def _people(participants: list[Participant], entities_by_name: dict[str, Entity]) -> list[str]:
    """Short names of the participants that are people (organisations stand in for no one)."""
    names = []
    for p in participants:
        entity = entities_by_name.get(p.name)
        if entity is None or entity.type == "person":
            names.append(short_name(p, entity.aliases if entity else None))
    return names


def _title(
    participants: list[Participant],
    fmt: str,
    location: str | None,
    entities_by_name: dict[str, Entity],
) -> str:
    persons = _people(participants, entities_by_name)
    if persons:
        who = "–".join(sorted(persons)[:3])
    else:
        who = "–".join(p.name for p in participants[:3])
    what = {"unknown": "contact"}.get(fmt, fmt)
    where = f" in {location}" if location else ""
    return f"{who} {what}{where}".strip()


def _topics(
    texts: list[str], entities: list[Entity], exclude: set[str], article_ids: list[str]
) -> list[str]:
    counts: Counter = Counter()
    joined = "\n".join(texts)
    lowered = joined.lower()
    for phrase in _TOPIC_LEXICON:
        n = lowered.count(phrase.lower())
        if n:
            counts[phrase] += n
    # Only the places the articles name: counting every place of a 50k corpus in every
    # engagement's text made detection quadratic.
    for entity in entities_of_articles(article_ids, entities):
        # A side's own capital ("Beijing", "Washington") is who spoke, not what was discussed.
        if entity.type != "place" or entity.name in exclude or side_cues(entity.name):
            continue
        n = sum(joined.count(form) for form in [entity.name, *entity.aliases])
        if n:
            counts[entity.name] += n
    # "Taiwan" inside "Taiwan Strait" is one topic, not two.
    topics = [t for t, _ in counts.most_common()]
    return [
        t for t in topics if not any(t != o and t in o and counts[o] >= counts[t] for o in topics)
    ][:8]


def _facts(sentences: list[str]) -> list[str]:
    return [s for s in sentences if _FACT.search(s)]


def _participants(contacts: list[ArticleContact]) -> list[Participant]:
    """Union of the anchors' participants, with the role most sources give."""
    roles: dict[str, Counter] = defaultdict(Counter)
    sides: dict[str, Counter] = defaultdict(Counter)
    order: list[str] = []
    for contact in contacts:
        for p in contact.participants:
            if p.name not in order:
                order.append(p.name)
            if p.role:
                roles[p.name][p.role] += 1
            if p.side:
                sides[p.name][p.side] += 1
    return [
        Participant(
            name,
            sides[name].most_common(1)[0][0] if sides[name] else None,
            _best_role(roles[name]),
        )
        for name in order
    ]


def _best_role(roles: Counter) -> str | None:
    if not roles:
        return None
    # A title ("Defense Minister") reads better in a brief than a long appositive.
    return sorted(roles.items(), key=lambda kv: (-kv[1], len(kv[0]) > 60, -len(kv[0])))[0][0]


def _side_order(participants: list[Participant]) -> list[Participant]:
    return sorted(participants, key=lambda p: (p.side or "~", p.name))


def detect_engagements(articles: list[Article], entities: list[Entity]) -> list[Engagement]:
    """Reported engagements (one per group of articles) and background ones, sorted by date."""
    entities_by_name = {e.name: e for e in entities}
    side_of = resolve_sides(articles, entities)
    latest = max((a.published for a in articles if a.published), default=date.today())

    mentions = dict(
        read_each(partial(_contact_mentions, entities=entities, side_of=side_of), articles)
    )
    contacts: dict[str, ArticleContact] = {}
    reference: dict[str, tuple[date, bool]] = {}
    for article in articles:
        contact = main_contact(article, mentions[article.id])
        ref, inferred = article.published, False
        if ref is None:
            ref, inferred = _undated_reference(article, contact, latest), True
        if ref is not None:
            reference[article.id] = (ref, inferred)
        if contact is not None:
            contact.date = _resolve_contact_date(contact, ref)
            contact.date_inferred = inferred and contact.date is not None
            contacts[article.id] = contact

    engagements: list[Engagement] = []
    reported_keys: list[tuple[set[str], Engagement]] = []
    for group in _group_contacts(list(contacts.values())):
        members = sorted(group.contacts, key=lambda c: c.article.id)
        engagement = reported_engagement(members, entities, entities_by_name)
        if engagement.date is not None:
            for c in members:
                if c.article.id not in reference:
                    # An undated article speaks from the date of the contact it reports.
                    reference[c.article.id] = (engagement.date, True)
        engagements.append(engagement)
        reported_keys.append((group.names, engagement))

    engagements += _background(
        articles, mentions, contacts, reference, reported_keys, entities, entities_by_name
    )
    _assign_unique_ids(engagements)
    forget_readings()  # at 50k articles the per-article notes were tens of megabytes
    return sorted(engagements, key=lambda e: (e.date or date.max, e.id))


def _contact_mentions(
    article: Article, entities: list[Entity], side_of: dict[str, str | None]
) -> tuple[str, list[ContactMention]]:
    return article.id, find_contact_mentions(article, entities, side_of)


def reported_engagement(
    members: list[ArticleContact],
    entities: list[Entity],
    entities_by_name: dict[str, Entity] | None = None,
) -> Engagement:
    """The reported engagement of one group of article contacts (sorted by article id)."""
    if entities_by_name is None:
        entities_by_name = {e.name: e for e in entities}
    dates = [c for c in members if c.date]
    if dates:
        counted = Counter((c.date.start, c.date.end) for c in dates)
        (start, end), _ = sorted(counted.items(), key=lambda kv: (-kv[1], kv[0][0]))[0]
        inferred = all(c.date_inferred for c in dates)
    else:
        start = end = None
        inferred = False
    fmt = format_of(members)
    location = next((c.location for c in members if c.location), None)
    participants = _side_order(_participants(members))
    texts = [c.article.body for c in members]
    sentences = [m.sentence for c in members for m in c.mentions]
    sentences += [s for t in texts for s in split_sentences(t) if _FACT.search(s)]
    return Engagement(
        id=_base_id(start, "day", _people(participants, entities_by_name), location, fmt),
        title=_title(participants, fmt, location, entities_by_name),
        date=start,
        end_date=end if end and end != start else None,
        date_inferred=inferred,
        format=fmt,
        location=location,
        participants=participants,
        topics=_topics(texts, entities, {location or ""}, [c.article.id for c in members]),
        articles=[c.article.id for c in members],
        mentioned_in=[],
        reported=True,
        date_precision="day",
        facts=list(dict.fromkeys(_facts(sentences))),
    )


def article_contact(
    article: Article, entities: list[Entity], latest: date | None = None
) -> ArticleContact | None:
    """One article's main contact, read against its own entities only, with its date.

    The incremental path's reading of a new article: no corpus-wide pass, so a side comes
    from the entity (or the article's own cues), and an undated article's reference date
    from `latest`, the corpus's latest date.
    """
    side_of = resolve_sides([article], entities)
    contact = main_contact(article, find_contact_mentions(article, entities, side_of))
    if contact is None:
        return None
    ref, inferred = article.published, False
    if ref is None:
        ref, inferred = _undated_reference(article, contact, latest or date.today()), True
    contact.date = _resolve_contact_date(contact, ref)
    contact.date_inferred = inferred and contact.date is not None
    return contact


def same_contact(contact: ArticleContact, engagement: Engagement) -> bool:
    """Whether an article's main contact is this reported engagement, by the grouping rules:
    a shared participant, dates within SAME_CONTACT_DAYS, no call-versus-meeting clash."""
    if not engagement.reported:
        return False
    names = {p.name for p in engagement.participants}
    if not (contact.names & names) and (contact.names or names):
        return False
    if not _compatible_formats(format_of([contact]), engagement.format):
        return False
    if contact.date is None or engagement.date is None:
        return contact.date is None  # an undated report joins by its people and format
    gap = abs((contact.date.start - engagement.date).days)
    return gap <= SAME_CONTACT_DAYS


def _background(
    articles: list[Article],
    mentions: dict[str, list[ContactMention]],
    contacts: dict[str, ArticleContact],
    reference: dict[str, tuple[date, bool]],
    reported: list[tuple[set[str], Engagement]],
    entities: list[Entity],
    entities_by_name: dict[str, Entity],
) -> list[Engagement]:
    """Month-level contacts the articles mention, merged by participants and month."""
    groups: dict[
        tuple[frozenset[str], date | None], list[tuple[ContactMention, ResolvedDate | None]]
    ] = defaultdict(list)
    for article in articles:
        ref = reference.get(article.id, (None, False))[0]
        main = contacts.get(article.id)
        for mention in mentions[article.id]:
            if main is not None and (mention is main.anchor or mention in main.mentions):
                continue
            if _is_current(mention) or len({p.side for p in mention.participants if p.side}) < 2:
                continue
            resolved = next((r for t in mention.coarse_times if (r := resolve(t, ref))), None)
            month = resolved.start.replace(day=1) if resolved else None
            # The same contact told twice in one article (month once, place once) is one mention.
            groups[(mention.names, month)].append((mention, resolved))
    # Mentions of one contact without a resolvable month join the dated group of the same people.
    for names, month in list(groups):
        if month is None:
            dated = [k for k in groups if k[0] == names and k[1] is not None]
            if len(dated) == 1:
                groups[dated[0]].extend(groups.pop((names, month)))

    background: list[Engagement] = []
    for (names, month), items in groups.items():
        mentioned_in = sorted({m.article_id for m, _ in items})
        match = next(
            (
                e
                for keys, e in reported
                if names & keys
                and e.date
                and month
                and (e.date.year, e.date.month) == (month.year, month.month)
            ),
            None,
        )
        if match is not None:
            match.mentioned_in = sorted(
                set(match.mentioned_in) | set(mentioned_in) - set(match.articles)
            )
            continue
        resolved = next((r for _, r in items if r), None)
        participants = _side_order(_merge_participants([m.participants for m, _ in items]))
        formats = [f for m, _ in items for f in m.formats]
        fmt = (
            "video call"
            if "video call" in formats
            else "call"
            if "call" in formats
            else (
                "meeting"
                if formats.count("meeting") >= formats.count("talks") and "meeting" in formats
                else "talks"
                if "talks" in formats
                else "unknown"
            )
        )
        location = next((m.location for m, _ in items if m.location), None)
        precision = resolved.precision if resolved else "month"
        background.append(
            Engagement(
                id=_base_id(
                    month, precision, _people(participants, entities_by_name), location, fmt
                ),
                title=_title(participants, fmt, location, entities_by_name),
                date=resolved.start if resolved else None,
                end_date=None,
                date_inferred=any(reference.get(a, (None, False))[1] for a in mentioned_in),
                format=fmt,
                location=location,
                participants=participants,
                topics=_topics(
                    [m.clause for m, _ in items], entities, {location or ""}, mentioned_in
                ),
                articles=[],
                mentioned_in=mentioned_in,
                reported=False,
                date_precision=precision,
                facts=[],
            )
        )
    return background


def _merge_participants(lists: list[list[Participant]]) -> list[Participant]:
    merged: dict[str, Participant] = {}
    for participants in lists:
        for p in participants:
            known = merged.get(p.name)
            if known is None:
                merged[p.name] = p
            else:
                merged[p.name] = Participant(p.name, known.side or p.side, known.role or p.role)
    return list(merged.values())


def _assign_unique_ids(engagements: list[Engagement]) -> None:
    """Same base id twice (two rounds on one day): suffix in a stable order."""
    seen: Counter = Counter()
    for engagement in sorted(
        engagements, key=lambda e: (e.id, sorted(e.articles + e.mentioned_in))
    ):
        seen[engagement.id] += 1
        if seen[engagement.id] > 1:
            engagement.id = f"{engagement.id}-{seen[engagement.id]}"


def engagement_contacts(
    articles: list[Article], entities: list[Entity]
) -> dict[str, ArticleContact]:
    """Each article's main contact with its own resolved date: what the brief compares across
    sources."""
    side_of = resolve_sides(articles, entities)
    latest = max((a.published for a in articles if a.published), default=date.today())
    result: dict[str, ArticleContact] = {}
    for article in articles:
        contact = main_contact(article, find_contact_mentions(article, entities, side_of))
        if contact is None:
            continue
        ref = article.published or _undated_reference(article, contact, latest)
        contact.date = _resolve_contact_date(contact, ref)
        result[article.id] = contact
    return result


__all__ = [
    "article_contact",
    "detect_engagements",
    "engagement_contacts",
    "format_of",
    "reported_engagement",
    "same_contact",
    "short_name",
]
