"""Contact mentions: the clauses of one article that tell of officials of two sides meeting or
talking.

A contact mention is the raw material of an engagement: one clause with a contact word
("spoke with", "video teleconference", "met", "talks", "counterpart"), the named people (or,
failing people, organisations) it puts on each side, its format cues, its place and its time
expressions. `index.extract.engagements` decides which mention is an article's main subject,
which are background, and which mentions across articles are the same contact.

People's sides come from the entity extractor when it knows them, else from cues around each
mention ("his Chinese counterpart Dong Jun", "Wu Yanan, head of the Chinese army's ...");
a participant still without a side in a two-sided contact takes the other side named in the
article. Spokespeople who merely report the contact are not participants.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from index.article_pool import read_each
from index.extract.dates import TimeExpression, find_time_expressions
from index.extract.sentences import split_sentences
from index.extract.sides import side_cues
from index.model import Article, Entity, Participant

# Contact words. Each maps to the format it implies, or None when it implies no format.
_CONTACT_CUES: list[tuple[str, str | None]] = [
    (
        r"video[- ]?(?:tele)?conferenc\w*|video (?:call|link|chat)|virtual (?:meeting|talks|call)"
        r"|videoconferenc\w*",
        "video call",
    ),
    (
        r"(?:phone|telephone) (?:call|conversation|talks)|by (?:tele)?phone|(?:tele)?phoned"
        r"|\b(?:a|the|their|this|that|first|latest|phone|video)\s+(?:[\w-]+\s+)?call\b(?! for)",
        "call",
    ),
    (r"\bmet\b|\bmeets?\b|\bmeeting\b|\bsummit\b|in[- ]person|\bvisit(?:ed)?\b", "meeting"),
    (
        r"\btalks\b|\bdialogue\b|\bconsultations\b|exchange of views|\bnegotiations\b"
        r"|\bheld discussions\b",
        "talks",
    ),
    (
        r"\bspoke with\b|\bspoken\b|\bspoke to\b|\bdiscussed\b|\bcounterparts?\b"
        r"|\btold\b(?= (?:his|her|their|[A-Z]))",
        None,
    ),
]
_CUE_PATTERNS = [(re.compile(p, re.I), fmt) for p, fmt in _CONTACT_CUES]
# Every cue contains one of these: most clauses have none, and five case-blind regex scans
# of each clause were a third of engagement detection.
_CUE_STEMS = (
    "video",
    "virtual",
    "phon",
    "call",
    "met",
    "meet",
    "summit",
    "person",
    "visit",
    "talks",
    "dialogue",
    "consultations",
    "exchange of views",
    "negotiations",
    "discussion",
    "spoke",
    "discussed",
    "counterpart",
    "told",
)
# "The call on Tuesday ...": a definite reference back to the article's own contact.
_ANAPHORIC = re.compile(
    r"^\W*(?:The|This|That|Their|[A-Z]\w+day(?:'s|’s))\s+(?:[\w-]+\s+){0,3}?(?:call|talks|meeting|dialogue|conversation|exchange)\b"
)
# A contact that has not happened yet, or a call *for* something.
_NOT_YET = re.compile(
    r"\b(?:to|will|would|plan(?:s|ned)? to|agree(?:d)? to|could|may)\s+(?:\w+\s+){0,2}$", re.I
)
_MULTILATERAL = re.compile(r"\b(?:trilateral|multilateral|quadrilateral)\b", re.I)
_SERIES = re.compile(
    r"\b\d+(?:st|nd|rd|th)\b[^.]{0,80}\b(?:talks|dialogue|consultations|round)|\bround of\b"
    r"|\b(?:two|three|four|\d+)-day\b",
    re.I,
)
_CLAUSE_SPLIT = re.compile(r";\s+|,\s+but\s+|\s+but\s+(?=[A-Z]|US |his |her )|,\s+while\s+")
_SPOKESPERSON = re.compile(
    r"spokes(?:man|woman|person)|press secretary|reporter|correspondent|analyst", re.I
)
_ROLE_WORDS = re.compile(
    r"\b(?:secretary|minister|commander|chief|chairman|chairwoman|chair|director|head|president|"
    r"premier|adviser|advisor|aide|ambassador|envoy|official|general|admiral|officer|deputy|"
    r"spokes(?:man|woman|person)|leader|governor|senator|representative|speaker|vice)\b",
    re.I,
)
_NOT_A_PLACE = re.compile(
    r"(?:The|A|An|His|Her|Their|Its|This|That|December|January|English|Chinese|US)\b"
)
_PLACE_AFTER_CUE = re.compile(
    r"(?:\bin|\bvisited|\bvisit to|\bto)\s+((?:[A-Z][\w'’.-]+)(?:\s+[A-Z][\w'’.-]+){0,2})"
)


@dataclass
class ContactMention:
    """One clause of one article that tells of a contact between two sides."""

    article_id: str
    sentence_index: int
    sentence: str
    clause: str
    participants: list[Participant]
    sides: set[str]
    formats: list[str]
    series: bool
    location: str | None
    times: list[TimeExpression] = field(default_factory=list)

    @property
    def names(self) -> frozenset[str]:
        return frozenset(p.name for p in self.participants)

    @property
    def day_times(self) -> list[TimeExpression]:
        return [t for t in self.times if t.precision == "day"]

    @property
    def coarse_times(self) -> list[TimeExpression]:
        return [t for t in self.times if t.precision != "day"]


@dataclass
class _Surface:
    entity: Entity
    form: str


def _surfaces(entities: list[Entity], text: str) -> list[_Surface]:
    """Every surface form of every person and organisation that occurs in `text`, longest
    first, surnames included. Most forms of a name (its aliases across the corpus) are not
    in a given article, and each was looked for in every sentence."""
    return _present(_name_forms(entities), text)


def _name_forms(entities: list[Entity]) -> list[tuple[str, Entity]]:
    """Every surface form of the people and organisations in `entities`, with its entity,
    longest first: each name and alias in both apostrophes, and a surname that only one
    of the people has."""
    forms: dict[str, Entity] = {}
    surname_owners: dict[str, set[str]] = defaultdict(set)
    for entity in entities:
        if entity.type == "place":
            continue
        for form in [entity.name, *entity.aliases]:
            # Straight and curly apostrophes both occur: "People's" / "People’s".
            for variant in {form, form.replace("'", "’"), form.replace("’", "'")}:
                forms.setdefault(variant, entity)
        if entity.type == "person":
            tokens = entity.name.replace(".", " ").split()
            # "Charles Q. Brown" -> "Brown"; "Ferdinand Marcos Jr." -> "Marcos".
            core = [t for t in tokens if t not in ("Jr", "Sr", "II", "III") and len(t) > 1]
            if len(core) >= 2:
                surname_owners[core[-1]].add(entity.name)
                # Chinese names put the family name first: "Dong Jun" -> "Dong".
                surname_owners[core[0]].add(entity.name)
    by_name = {e.name: e for e in entities}
    for surname, owners in surname_owners.items():
        if len(owners) == 1 and surname not in forms:
            forms[surname] = by_name[next(iter(owners))]
    # Stable: forms of one length keep the order they were listed in.
    return sorted(forms.items(), key=lambda kv: -len(kv[0]))


def _present(forms: list[tuple[str, Entity]], text: str) -> list[_Surface]:
    return [_Surface(entity, form) for form, entity in forms if form in text]


# A run of the characters that join a name to a longer word (`_joins`): `\w` is
# `str.isalnum()` or "_", as in Python's own regular expressions.
_JOINED_RUN = re.compile(r"[\w-]+")


class _FormsByFirstWord:
    """Name forms, looked up by their first word (their first run of joining characters).

    A form stands alone in a text only where the text's run of joining characters starts
    with the form's own first run and ends with it, so a text can hold only the forms
    whose first run is one of its runs. An article no entity mentions is read against the
    corpus's tens of thousands of forms: searching its text for each of them cost that
    article as much as a hundred others."""

    def __init__(self, forms: list[tuple[str, Entity]]):
        self.forms = forms
        self.by_first_run: dict[str, list[int]] = defaultdict(list)
        self.without_first_run: list[int] = []  # forms that open with a quote or bracket
        for position, (form, _) in enumerate(forms):
            first = _JOINED_RUN.match(form)
            if first:
                self.by_first_run[first.group()].append(position)
            else:
                self.without_first_run.append(position)

    def present(self, text: str) -> list[_Surface]:
        """The forms that may stand alone in `text`, in their order: the surfaces
        `_present` finds, less those that occur only inside longer words."""
        positions = set(self.without_first_run)
        for run in set(_JOINED_RUN.findall(text)):
            positions.update(self.by_first_run.get(run, ()))
        forms = self.forms
        return [
            _Surface(forms[p][1], forms[p][0]) for p in sorted(positions) if forms[p][0] in text
        ]


def _stands_alone(text: str, form: str) -> Iterator[tuple[int, int]]:
    r"""Where `form` occurs as a whole name, with a possessive "'s" if one follows: the
    matches of `(?<![\w-])form(?:'s|’s)?(?![\w-])`, found by string search. A regex per
    name was compiled in every worker, for every name of the corpus: a sixth of engagement
    detection."""
    start = text.find(form)
    while start >= 0:
        end = start + len(form)
        if start == 0 or not _joins(text[start - 1]):
            if text.startswith(("'s", "’s"), end) and not _joins(text[end + 2 : end + 3]):
                yield start, end + 2
                start = text.find(form, end + 2)
                continue
            if not _joins(text[end : end + 1]):
                yield start, end
                start = text.find(form, end)
                continue
        start = text.find(form, start + 1)


def _joins(character: str) -> bool:
    r"""Whether a character next to a name makes it part of a longer word (regex `[\w-]`);
    the empty string, at either end of the text, does not."""
    return character.isalnum() or character in ("_", "-")


class _ArticleEntities:
    """The entities of each article, and their surface forms, for one entity list.

    An article is read against its own names only, so reading it does not cost more as
    the corpus grows; the work is done once per entity list, not per call.
    """

    def __init__(self, entities: list[Entity]):
        self.entities = entities
        self.counted = any(entity.mentions for entity in entities)
        self.by_article: dict[str, list[Entity]] = defaultdict(list)
        self.position = {id(entity): i for i, entity in enumerate(entities)}
        for entity in entities:
            for article_id in entity.mentions:
                self.by_article[article_id].append(entity)
        self.surfaces: dict[str, list[_Surface]] = {}
        self.all_forms: _FormsByFirstWord | None = None
        self.readings: dict[str, dict[str, PersonReading]] = {}
        # What contact detection needs of each article's readings, kept for every article
        # (sides are voted over the whole corpus before contacts are read).
        self.notes: dict[str, dict[str, tuple[bool, str | None]]] = {}

    def of(self, article: Article) -> list[Entity]:
        if not self.counted:
            return self.entities  # hand-made entity lists (tests, callers without counts)
        # An article the entities were not resolved over is read against all of them.
        return self.by_article.get(article.id, self.entities)

    def surfaces_of(self, article: Article) -> list[_Surface]:
        found = self.surfaces.get(article.id)
        if found is None:
            _bound(self.surfaces)
            entities = self.of(article)
            if entities is self.entities:
                # An article no entity mentions (text in another script, a story without
                # names) is read against the whole corpus's: their forms are listed once,
                # not for each such article (each cost as much as several hundred others).
                if self.all_forms is None:
                    self.all_forms = _FormsByFirstWord(_name_forms(entities))
                found = self.all_forms.present(article.body)
            else:
                found = _surfaces(entities, article.body)
            self.surfaces[article.id] = found
        return found


# Per-article readings are asked for a few times in a row (sides, then each clause), never
# again later: kept for every article of a 50k corpus they took over 500 MB.
_CACHED_ARTICLES = 256


def _bound(cache: dict) -> None:
    if len(cache) >= _CACHED_ARTICLES:
        cache.clear()


_current: _ArticleEntities | None = None


def _article_entities(entities: list[Entity]) -> _ArticleEntities:
    global _current
    if _current is None or _current.entities is not entities:
        _current = _ArticleEntities(entities)
    return _current


def forget_readings() -> None:
    """Drop what reading articles against an entity list kept (a note per article of the
    corpus): a corpus-wide pass is over, and the next caller rebuilds what it needs."""
    global _current
    _current = None


def entities_in(article: Article, entities: list[Entity]) -> list[Entity]:
    """The entities that `article` mentions."""
    return _article_entities(entities).of(article)


def entities_of_articles(article_ids: list[str], entities: list[Entity]) -> list[Entity]:
    """The entities any of the articles mentions (all of them, for a hand-made list)."""
    own = _article_entities(entities)
    if not own.counted:
        return entities
    found = {id(e): e for a in article_ids for e in own.by_article.get(a, ())}
    return sorted(found.values(), key=lambda e: own.position[id(e)])  # in the list's order


@dataclass
class _Found:
    entity: Entity
    start: int
    end: int


def _find_entities(text: str, surfaces: list[_Surface]) -> list[_Found]:
    found: list[_Found] = []
    for surface in surfaces:
        if surface.form not in text:
            continue  # most forms are not in a given sentence: no search started for them
        for start, end in _stands_alone(text, surface.form):
            if any(start < f.end and f.start < end for f in found):
                continue
            found.append(_Found(surface.entity, start, end))
    return sorted(found, key=lambda f: f.start)


_WINDOW_STOP = re.compile(
    r".*(?:\bwith\b|\bsaid\b|\bsays\b|\btold\b|\bthat\b|\band\b|[\"“”(]|--|\s-\s)", re.S
)


def _before_window(text: str, start: int, previous_end: int) -> str:
    """The noun phrase before a name: back to the previous name, a verb of saying or 'with'."""
    window = text[max(previous_end, start - 90) : start]
    stop = _WINDOW_STOP.match(window)
    return window[stop.end() :] if stop else window


def _appositive(text: str, end: int) -> str:
    """ ", head of the Chinese army's Southern Theater Command" after a name, if it is one."""
    m = re.match(r"\s*,\s+([^,;.“\"]{3,120})", text[end:])
    if not m:
        return ""
    # "head of the Chinese army's Southern Theater Command had held ...": stop at the verb.
    phrase = re.split(
        r"\s+(?:had|has|have|was|is|were|are|held|met|said|spoke|told|will)\b", m.group(1)
    )[0]
    first = phrase.split()[0]
    if not _ROLE_WORDS.search(phrase) or first.lower() in (
        "who",
        "which",
        "held",
        "had",
        "has",
        "said",
    ):
        return ""
    return phrase.strip()


def _role_from(before: str, appositive: str) -> str | None:
    if appositive and _ROLE_WORDS.search(appositive):
        return appositive
    tokens = before.split()
    kept: list[str] = []
    for token in reversed(tokens):
        bare = token.strip(",")
        if bare != token and kept:
            break
        if bare[:1].isupper() or bare.lower() in (
            "of",
            "the",
            "for",
            "and",
            "top",
            "senior",
            "defense",
            "defence",
        ):
            kept.append(bare)
        elif _ROLE_WORDS.search(bare):
            kept.append(bare)
        else:
            break
    kept.reverse()
    while kept and (kept[0].lower() in ("of", "the", "for", "and") or side_cues(kept[0])):
        kept.pop(0)
    role = " ".join(kept)
    return role if role and _ROLE_WORDS.search(role) else None


@dataclass
class PersonReading:
    """What one article says about one person: side votes, roles, whether they only spoke for
    others."""

    sides: Counter = field(default_factory=Counter)
    roles: list[str] = field(default_factory=list)
    spokesperson: bool = False


def read_people(article: Article, entities: list[Entity]) -> dict[str, PersonReading]:
    """Side cues and roles for every person or organisation the article names.

    Read once per article and entity list (sides and contacts both ask); treat as read-only.
    """
    own = _article_entities(entities)
    cached = own.readings.get(article.id)
    if cached is None:
        _bound(own.readings)
        cached = own.readings[article.id] = _read_people(article, own.surfaces_of(article))
        own.notes[article.id] = {
            name: (reading.spokesperson, reading.roles[0] if reading.roles else None)
            for name, reading in cached.items()
            if reading.spokesperson or reading.roles
        }
    return cached


_NO_NOTE: tuple[bool, str | None] = (False, None)


def _person_notes(article: Article, entities: list[Entity]) -> dict[str, tuple[bool, str | None]]:
    """Per person the article names: (only speaks for others, first role the article gives)."""
    own = _article_entities(entities)
    if article.id not in own.notes:
        read_people(article, entities)
    return own.notes[article.id]


def _read_people(article: Article, surfaces: list[_Surface]) -> dict[str, PersonReading]:
    readings: dict[str, PersonReading] = defaultdict(PersonReading)
    for sentence in (s for p in article.body_paragraphs for s in split_sentences(p)):
        previous_end = 0
        for found in _find_entities(sentence, surfaces):
            reading = readings[found.entity.name]
            before = _before_window(sentence, found.start, previous_end)
            appositive = _appositive(sentence, found.end)
            for side in side_cues(before + " , " + appositive):
                reading.sides[side] += 1
            if found.entity.type == "organization":
                for side in side_cues(found.entity.name, skip_portfolios=False):
                    reading.sides[side] += 2
            role = _role_from(before, appositive)
            if role:
                reading.roles.append(role)
                if _SPOKESPERSON.search(role):
                    reading.spokesperson = True
            if _SPOKESPERSON.search(before[-40:]):
                reading.spokesperson = True
            if found.entity.type == "person":
                # An organisation inside a title ("White House aide") does not end the title.
                previous_end = found.end
    return readings


def _format_cues(clause: str) -> list[str]:
    lowered = clause.lower()
    if not any(stem in lowered for stem in _CUE_STEMS):
        return []
    formats: list[str] = []
    for pattern, fmt in _CUE_PATTERNS:
        for m in pattern.finditer(clause):
            if _NOT_YET.search(clause[max(0, m.start() - 30) : m.start()]):
                continue
            formats.append(fmt or "")
    return formats


def _location(clause: str, places: set[str]) -> str | None:
    for pattern, fmt in _CUE_PATTERNS:
        if fmt is None:
            continue  # "discussed ... in Taiwan" is a topic, "counterpart in China" a side
        for cue in pattern.finditer(clause):
            if cue.group(0).lower().startswith("counterpart"):
                continue  # "his counterpart in China" names a side, not a venue
            tail = clause[cue.end() : cue.end() + 60]
            m = _PLACE_AFTER_CUE.match(tail.lstrip(" ,")) or re.match(
                r"\s*(?:[\w'’]+\s+){0,6}?(?:in|visited)\s+([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,2})",
                tail,
            )
            if not m:
                continue
            candidate = m.group(1).rstrip(".,")
            if candidate in places:
                return candidate
            for place in places:
                if candidate.startswith(place):
                    return place
            # Not in the gazetteer: a capitalised name right after "met in" is still a place.
            if not find_time_expressions(candidate) and not _NOT_A_PLACE.match(candidate):
                return candidate.split(",")[0]
    for m in re.finditer(r"\bvisited\s+([A-Z][\w'’.-]+)", clause):
        if not places or m.group(1) in places:
            return m.group(1)
    return None


def find_contact_mentions(
    article: Article, entities: list[Entity], side_of: dict[str, str | None]
) -> list[ContactMention]:
    """Every clause of the article that tells of a contact between two sides."""
    own = _article_entities(entities)
    article_sides: Counter | None = None
    people: dict[str, tuple[bool, str | None]] | None = None
    mentions: list[ContactMention] = []
    sentences = [s for p in article.body_paragraphs for s in split_sentences(p)]
    for index, sentence in enumerate(sentences):
        for clause in _CLAUSE_SPLIT.split(sentence):
            if _MULTILATERAL.search(clause):
                continue
            formats = _format_cues(clause)
            if not formats:
                continue
            # Read the article's people only once a clause has a contact word: most
            # articles of a large corpus have none, and reading costs most of detection.
            if people is None:
                people = _person_notes(article, entities)
                article_sides = Counter(side_cues(article.body))
                places = {e.name for e in own.of(article) if e.type == "place"}
            found = _find_entities(clause, own.surfaces_of(article))
            persons = [
                f.entity
                for f in found
                if f.entity.type == "person" and not people.get(f.entity.name, _NO_NOTE)[0]
            ]
            organisations = [
                f.entity
                for f in found
                if f.entity.type == "organization" and side_of.get(f.entity.name)
            ]
            # Organisations stand in for people only when they put two sides at the table.
            if len({side_of[o.name] for o in organisations}) < 2:
                organisations = []
            chosen = persons or organisations
            participants: list[Participant] = []
            for entity in {e.name: e for e in chosen}.values():
                role = entity.role or people.get(entity.name, _NO_NOTE)[1]
                participants.append(Participant(entity.name, side_of.get(entity.name), role))
            clause_sides = set(side_cues(clause))
            named_sides = {p.side for p in participants if p.side}
            if any(p.side is None for p in participants) and len(named_sides) <= 1:
                # The unnamed side of a two-sided contact is the other side the article names.
                others = [
                    s
                    for s, _ in (Counter(clause_sides) + article_sides).most_common()
                    if s not in named_sides
                ]
                if others:
                    filled = others[0]
                    participants = [
                        Participant(p.name, p.side or filled, p.role) for p in participants
                    ]
            named_sides = {p.side for p in participants if p.side}
            two_sided = (
                len(named_sides) >= 2
                or (not participants and len(clause_sides) >= 2)
                or (len(named_sides) == 1 and re.search(r"counterpart", clause, re.I))
                or bool(_ANAPHORIC.match(clause))
            )
            if not two_sided:
                continue
            times = [t for t in find_time_expressions(clause) if not t.reference_point]
            mentions.append(
                ContactMention(
                    article_id=article.id,
                    sentence_index=index,
                    sentence=sentence,
                    clause=clause,
                    participants=participants,
                    sides=named_sides | clause_sides,
                    formats=[f for f in formats if f],
                    series=bool(_SERIES.search(clause)),
                    location=_location(clause, places),
                    times=times,
                )
            )
    return mentions


def resolve_sides(articles: list[Article], entities: list[Entity]) -> dict[str, str | None]:
    """Each person's or organisation's side: the extractor's, else the corpus-wide majority of
    cues."""
    own = _article_entities(entities)  # built once here, inherited by the workers
    votes: dict[str, Counter] = defaultdict(Counter)
    for article_id, article_sides, notes in read_each(
        functools.partial(_sides_and_notes, entities=entities), articles
    ):
        # Kept here: the contact readers, forked later, then need not read the people again.
        own.notes[article_id] = notes
        for name, counted in article_sides.items():
            votes[name].update(counted)
    sides: dict[str, str | None] = {}
    for entity in entities:
        if entity.side:
            sides[entity.name] = entity.side
        elif votes.get(entity.name):
            sides[entity.name] = votes[entity.name].most_common(1)[0][0]
        else:
            sides[entity.name] = None
    return sides


def _sides_and_notes(
    article: Article, entities: list[Entity]
) -> tuple[str, dict[str, Counter], dict[str, tuple[bool, str | None]]]:
    """What `resolve_sides` needs of one article's readings, and what contacts need later."""
    readings = read_people(article, entities)
    return (
        article.id,
        {name: reading.sides for name, reading in readings.items()},
        _person_notes(article, entities),
    )
