"""The token-level engine: finds person, organisation and place spans in tokenised sentences.

One document at a time, in two passes. Pass one chunks each mixed-case sentence into runs of
capitalised tokens (with "of", "de", "van"... inside), strips sentence openers, titles and
nationality adjectives, drops dates and the names of laws and documents, and types each run
from gazetteers, organisation head words, given-name and Chinese-surname cues and the words
around it. Pass two settles what one sentence cannot: a bare surname takes the type of the
full name used elsewhere in the document, a string keeps one type throughout, unconfirmed
sentence openers are dropped, and all-caps headlines are read only through what the body
already established. Both the article extractor and the CoNLL benchmark call `tag_document`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from . import lexicon as lx

PER, ORG, LOC = "PER", "ORG", "LOC"

CONNECTORS = {
    "of",
    "for",
    "de",
    "la",
    "le",
    "van",
    "von",
    "der",
    "den",
    "du",
    "da",
    "del",
    "di",
    "bin",
    "al",
    "y",
    "&",
    "dos",
    "das",
    "des",
    "ibn",
    "el",
    "zu",
    "ter",
    "op",
}
# "for" only joins inside organisation names ("Office for International Military Cooperation").
FOR_JOINERS = {
    "Office",
    "Center",
    "Centre",
    "Institute",
    "Council",
    "Commission",
    "Committee",
    "Agency",
    "Fund",
    "Foundation",
    "Society",
    "Association",
    "Coalition",
    "Ministry",
    "Union",
    "Alliance",
    "Campaign",
    "Movement",
    "Party",
    "Board",
    "Organisation",
    "Organization",
    "Secretary",
    "Minister",
    "Commissioner",
}
POSSESSIVE_JOINERS = {"People", "Children", "Women", "Men", "Workers", "Farmers", "Veterans"}
FORMS_OF_ADDRESS = {
    "Dr.",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Miss",
    "Sir",
    "Dame",
    "Prof.",
    "Professor",
    "Rev.",
}
SUBUNIT_HEADS = {"Office", "Department", "Bureau", "Division", "Directorate"}
COMMERCIAL_HEADS = {
    "Airways",
    "Airlines",
    "Telecom",
    "Petroleum",
    "Steel",
    "Gas",
    "Motors",
    "Rail",
    "Railways",
    "Oil",
    "Broadcasting",
    "Aerospace",
    "Shipping",
}
LOCATIVE_PREPOSITIONS = {
    "in",
    "at",
    "from",
    "near",
    "to",
    "into",
    "outside",
    "across",
    "toward",
    "towards",
    "via",
    "around",
    "throughout",
}
SPEECH_VERBS = {"said", "says", "told", "added", "asked", "stated", "noted", "wrote", "argued"}
SCORE_RE = re.compile(r"^\d{1,3}$")
CRICKET_DISMISSALS = {"c", "b", "lbw", "st", "run"}
PINYIN_RE = re.compile(lx.PINYIN_WORD)
HYPHENATED_GIVEN_NAME_RE = re.compile(lx.HYPHENATED_GIVEN_NAME)
INITIAL_RE = re.compile(r"^[A-Z]\.?$")
ACRONYM_RE = re.compile(r"^[A-Z][A-Z&]{1,5}$")
HYPHEN_JOIN_RE = re.compile(r"[-/]")
ADVERB_LIKE_RE = re.compile(r"(?:ing|ly|ed)$")


@dataclass
class TaggedSpan:
    """One typed span: token offsets in its sentence, plus what a person's title told us."""

    sentence: int
    start: int  # first token of the name
    end: int  # exclusive
    label: str
    title_start: int | None = None  # first token of an attached title ("Dr." in "Dr. Chase")
    role: str | None = None
    side: str | None = None
    confident: bool = True
    family_name_first: bool = False  # "Dong Jun", "Shin Won-sik"
    extra: dict = field(default_factory=dict)


def join_tokens(tokens: list[str]) -> str:
    """The written form of a token run: "People 's Liberation Army" -> "People's ..."."""
    return " ".join(tokens).replace(" 's", "'s").replace(" ’s", "'s")


def _is_cap(token: str) -> bool:
    # An upper-case first character is nearly always a letter: the scan of the rest for
    # one is left for the rare symbol that is upper case without being a letter ("Ⅳ").
    return (
        bool(token)
        and token[0].isupper()
        and (token[0].isalpha() or any(ch.isalpha() for ch in token))
    )


def family_name_first(tokens: list[str]) -> bool:
    """A name written family name first: Chinese ("Dong Jun"), Korean ("Shin Won-sik") or
    Taiwanese ("Lai Ching-te")."""
    return _looks_chinese(tokens) or _hyphenated_given_name(tokens)


def _hyphenated_given_name(tokens: list[str]) -> bool:
    """ "Shin Won-sik", "Lai Ching-te": a Korean or Taiwanese family name, then a given name
    of two syllables joined by a hyphen."""
    return (
        len(tokens) == 2
        and tokens[0] in lx.HYPHENATED_NAME_SURNAMES
        and HYPHENATED_GIVEN_NAME_RE.fullmatch(tokens[1].lower()) is not None
    )


def _is_hyphen_compound_adjective(token: str) -> bool:
    """'US-China', 'Russia-Ukraine', 'Amman-bound', 'F-16': modifiers and models, never entities."""
    if any(ch.isdigit() for ch in token) or "$" in token:
        return True
    if (
        "-" in token
        and token.rsplit("-", 1)[1][:1].islower()
        and not token.startswith(("al-", "el-"))
    ):
        return True  # "Kurdish-controlled", "Amman-bound": the tail is a lowercase word
    if not HYPHEN_JOIN_RE.search(token) or token in lx.places() or token in lx.KNOWN_ORGS:
        return False
    parts = [p for p in HYPHEN_JOIN_RE.split(token) if p]
    places = lx.places()

    def known(part: str) -> bool:
        return part in places or part in lx.DEMONYMS or part + "." in places

    return len(parts) >= 2 and all(known(p) for p in parts)


def _is_all_caps_sentence(tokens: list[str]) -> bool:
    """Whether at least 70 % of the tokens that hold a letter (and two at least) are in
    capitals: a headline or a wire slug, not a sentence."""
    letters = upper = 0
    for token in tokens:
        # isalpha first: most tokens are words, and it is one call, not one per character.
        if token.isalpha() or any(c.isalpha() for c in token):
            letters += 1
            if token.isupper():
                upper += 1
    return letters >= 2 and upper >= 0.7 * letters


def _first_word_index(tokens: list[str]) -> int:
    for i, token in enumerate(tokens):
        if any(c.isalnum() for c in token):
            return i
    return len(tokens)


def _chunks(tokens: list[str]) -> list[tuple[int, int]]:
    """Runs of capitalised tokens, joined across name connectors."""
    spans: list[tuple[int, int]] = []
    n = len(tokens)
    i = 0
    while i < n:
        token = tokens[i]
        if (
            token in lx.CREDIT_MARKERS
            or token.startswith("©")
            or (
                token in ("Source", "Photo", "Credit", "Credits")
                and i + 1 < n
                and tokens[i + 1] == ":"
            )
        ):
            break  # the rest of the line is a credit
        if (
            not _is_cap(token)
            or token in lx.WEEKDAYS
            or token in lx.MONTHS
            or _is_hyphen_compound_adjective(token)
        ):
            i += 1
            continue
        j = i + 1
        while j < n:
            nxt = tokens[j]
            if (
                _is_cap(nxt)
                and nxt not in lx.WEEKDAYS
                and nxt not in lx.MONTHS
                and nxt not in lx.CREDIT_MARKERS
                and (
                    not _is_hyphen_compound_adjective(nxt)
                    or _hyphenated_given_name(tokens[j - 1 : j + 1])
                )
            ):
                j += 1
                continue
            follow = tokens[j + 1] if j + 1 < n else ""
            follow2 = tokens[j + 2] if j + 2 < n else ""
            if nxt == "of" and follow == "the" and _is_cap(follow2):
                j += 2
                continue
            if nxt in CONNECTORS and _is_cap(follow) and follow not in lx.WEEKDAYS | lx.MONTHS:
                if nxt == "for" and tokens[j - 1] not in FOR_JOINERS:
                    break
                j += 1
                continue
            if nxt in ("'s", "’s") and tokens[j - 1] in POSSESSIVE_JOINERS and _is_cap(follow):
                j += 1
                continue
            break
        spans.append((i, j))
        i = j
    return spans


def _valid_name_token(token: str) -> bool:
    return (
        (
            _is_cap(token)
            and token not in lx.OFFICES
            and token not in lx.RANKS
            and token not in lx.ORG_HEADS
            and token not in lx.STOP_WORDS
            and token not in lx.DEMONYMS
            and token not in lx.WEEKDAYS
            and token not in lx.MONTHS
        )
        or token in CONNECTORS
        or token in lx.NAME_SUFFIXES
    )


def _looks_chinese(tokens: list[str]) -> bool:
    """A Chinese name, surname first: "Dong Jun", and "He Lifeng", whose surname is also
    an English stop word."""
    return (
        len(tokens) == 2
        and tokens[0] in lx.CHINESE_SURNAMES
        and PINYIN_RE.fullmatch(tokens[1].lower().replace("-", "")) is not None
    )


def _stop_word_surname(tokens: list[str], at: int, doc: _Document) -> bool:
    """ "He" in "He Lifeng": a surname, not the pronoun, when a given name in pinyin follows
    that the article never writes in lowercase ("He Can" is the pronoun and a verb)."""
    return _looks_chinese(tokens[at : at + 2]) and tokens[at + 1].lower() not in doc.lowercase_words


def _person_cue(tokens: list[str]) -> bool:
    if len(tokens) < 2:
        return False
    first, last = tokens[0], tokens[-1]
    if last in lx.NAME_SUFFIXES and len(tokens) >= 3:
        last = tokens[-2]
    if first in lx.given_names() and last not in lx.places() and last not in lx.ORG_HEADS:
        return True
    if INITIAL_RE.match(first) and last in lx.family_names():
        return True
    if _looks_chinese(tokens):
        return True
    return False


def _split_title(tokens: list[str]) -> int | None:
    """Index where the name starts after a title prefix, or None when no title leads it."""
    for k in range(1, len(tokens)):
        name = tokens[k:]
        prefix = tokens[:k]
        if len(name) > 4 or not (all(_valid_name_token(t) for t in name) or _looks_chinese(name)):
            continue
        if name[0] in CONNECTORS or name[-1] in CONNECTORS or name[0] in lx.NAME_SUFFIXES:
            continue
        if any(t in lx.OFFICE_HEADS for t in prefix):
            return k
    return None


def _attached_title_start(tokens: list[str], k: int) -> int:
    """How much of the title prefix is said with the name: ranks always, offices when they lead."""
    start = k
    while start > 0 and tokens[start - 1] in lx.RANKS and not _ends_office(tokens, start - 1):
        start -= 1
    if (
        start > 0
        and all(t in lx.OFFICE_HEADS for t in tokens[:start])
        and tokens[0] not in ("Presidents", "Ministers", "Secretaries")
    ):
        start = 0
    return start


def _ends_office(tokens: list[str], at: int) -> bool:
    """ "General" in "Secretary General": the office's last word, not a rank."""
    return tokens[at] == "General" and at > 0 and tokens[at - 1] in lx.OFFICES_BEFORE_GENERAL


def _role_text(prefix: list[str]) -> str | None:
    words = [t for t in prefix if t not in lx.DEMONYMS and t not in lx.SIDE_NAMES]
    while (
        words
        and words[-1] in lx.RANKS
        and len(words) > 1
        and words[0] not in lx.RANKS
        and not _ends_office(words, len(words) - 1)
    ):
        words.pop()  # "Chairman of the Joint Chiefs of Staff Gen." -> the office, not the rank
    while words and words[0] in ("the", "The", "Top", "Then", "then"):
        words.pop(0)
    text = " ".join(words).strip()
    if all(w in FORMS_OF_ADDRESS for w in words):
        return None  # "Dr." says how to address someone, not what they do
    return text or None


def _side_of(prefix: list[str]) -> str | None:
    for token in prefix:
        if token in lx.DEMONYMS and lx.DEMONYMS[token]:
            return lx.DEMONYMS[token]
        if token in lx.SIDE_NAMES:
            return lx.SIDE_NAMES[token]
    return side_from_role(" ".join(prefix))


def side_from_role(role: str | None) -> str | None:
    if not role:
        return None
    lowered = role.lower()
    for cue, side in _side_cue_patterns():
        if cue.search(lowered):
            return side
    return None


@cache
def _side_cue_patterns() -> list[tuple[re.Pattern, str]]:
    """The side cues' patterns, in the cues' order. Compiled once, on first use (the app
    imports the tagger at start-up): built at every call, through re's cache, they were
    about a twelfth of extraction in a profile."""
    return [
        (re.compile(rf"(?<![\w-]){re.escape(cue)}(?![\w-])"), side)
        for cue, side in lx.SIDE_CUES.items()
    ]


class _Document:
    """Per-document state for the second pass: names known to be people, and typed strings."""

    def __init__(self, sentences: list[list[str]]):
        self.sentences = sentences
        self.all_caps = [_is_all_caps_sentence(tokens) for tokens in sentences]
        lowered: set[str] = set()
        for tokens, all_caps in zip(sentences, self.all_caps, strict=True):
            if all_caps:
                continue
            first = _first_word_index(tokens)
            for i, token in enumerate(tokens):
                if i != first and token.islower():
                    lowered.add(token)
        self.lowercase_words = lowered
        self.surname_to_people: dict[str, set[str]] = {}
        self.label_votes: dict[str, dict[str, int]] = {}

    def remember(self, text_tokens: list[str], label: str, family_name_first: bool = False) -> None:
        key = join_tokens(text_tokens)
        votes = self.label_votes.setdefault(key, {})
        votes[label] = votes.get(label, 0) + 1
        if label == PER and len(text_tokens) >= 2:
            core = [t for t in text_tokens if t not in lx.NAME_SUFFIXES]
            surname = core[0] if family_name_first else core[-1]
            self.surname_to_people.setdefault(surname, set()).add(key)

    def label_of(self, key: str) -> str | None:
        votes = self.label_votes.get(key)
        if not votes:
            return None
        return max(votes.items(), key=lambda kv: kv[1])[0]


def _titled(token: str) -> str:
    """'LONDON' -> 'London' for gazetteer lookups; acronyms of up to three letters stay."""
    return token.title() if token.isupper() and len(token) > 3 else token


def _classify(
    tokens: list[str],
    context_before: str,
    context_after: str,
    sentence_initial: bool,
    doc: _Document,
) -> tuple[str | None, bool]:
    """Type of a run with no title: (label or None, confident)."""
    text = join_tokens(tokens)
    places = lx.places()
    if tokens[-1] in lx.DOCUMENT_HEADS:
        return None, True
    if text in lx.KNOWN_ORGS:
        return ORG, True
    titled = join_tokens([_titled(t) for t in tokens])
    in_results_line = SCORE_RE.match(context_after) is not None
    if text in places or titled in places:
        # A town followed by a score is the team that plays there ("Watford 2").
        return (ORG, True) if in_results_line else (LOC, True)
    if context_before in CRICKET_DISMISSALS:
        return PER, True  # scorecards: "c Ranatunga b Muralitharan"
    if len(tokens) >= 2 and INITIAL_RE.match(tokens[0]) and tokens[1] not in lx.ORG_HEADS:
        return PER, True  # "K. Spiring", "Q Brown"
    if len(tokens) >= 2 and (
        tokens[-1] in lx.ORG_HEADS or (tokens[0] in lx.ORG_OPENERS and "of" in tokens)
    ):
        return ORG, True
    if len(tokens) == 1 and tokens[0] in lx.ORG_HEADS:
        return None, True
    if _person_cue(tokens):
        return PER, True
    if in_results_line:
        return ORG, True  # "Ross County 1", "Bradford Bulls 36": sides in a results line
    # A place name followed by a non-place word is a club or company: "Bristol Rovers", "Red Star".
    if (
        len(tokens) >= 2
        and tokens[0] in places
        and tokens[-1] not in places
        and tokens[-1][0].isupper()
    ):
        return ORG, False
    if ACRONYM_RE.match(text) and text not in places:
        return ORG, False
    if len(tokens) >= 2 and tokens[-1] in lx.family_names() and tokens[-1] not in places:
        return PER, False
    if SCORE_RE.match(context_after):
        return ORG, False  # "Leicestershire 3 Somerset 1": teams in results lines
    if context_before.lower() in LOCATIVE_PREPOSITIONS and len(tokens) <= 3:
        return LOC, False
    if context_after in SPEECH_VERBS:
        return PER, False
    if len(tokens) >= 2:
        return PER, False
    if tokens[0] in lx.family_names() or tokens[0] in lx.given_names():
        return PER, False
    return ORG, False


def _tag_sentence(index: int, tokens: list[str], doc: _Document) -> list[TaggedSpan]:
    spans: list[TaggedSpan] = []
    first_word = _first_word_index(tokens)
    places = lx.places()
    for a, b in _chunks(tokens):
        sentence_initial = a == first_word or (
            a > 0 and tokens[a - 1] in ('"', "“", "‘", "'", "(", "-", "--", ":")
        )
        # Openers that never begin a name: articles, pronouns, numbers, adverbs.
        whole = join_tokens(tokens[a:b])
        while (
            a < b
            and whole not in places
            and whole not in lx.KNOWN_ORGS
            and (
                (tokens[a] in lx.STOP_WORDS and not _stop_word_surname(tokens, a, doc))
                or (
                    sentence_initial
                    and a == first_word
                    and (
                        tokens[a].lower() in doc.lowercase_words
                        or (
                            ADVERB_LIKE_RE.search(tokens[a])
                            and tokens[a] not in places
                            and tokens[a] not in lx.given_names()
                        )
                    )
                )
            )
        ):
            if tokens[a] in lx.OFFICE_HEADS:
                break
            a += 1
        while b > a and tokens[b - 1] in CONNECTORS:
            b -= 1
        if a >= b:
            continue
        run = tokens[a:b]
        if run[-1] in lx.DOCUMENT_HEADS:
            doc.remember(run, "DOC")
            continue
        side: str | None = None
        # A leading nationality adjective: a side, never part of a public office's name.
        while (
            run
            and (length := _demonym_length(run))
            and join_tokens(run) not in places
            and (len(run) == length or run[-1] not in COMMERCIAL_HEADS)
        ):
            side = side or lx.DEMONYMS[join_tokens(run[:length])]
            a += length
            run = run[length:]
        if not run:
            continue
        before = tokens[a - 1] if a > 0 else ""
        if side is None and before in ("'s", "’s") and a >= 2:
            side = lx.SIDE_NAMES.get(tokens[a - 2]) or lx.DEMONYMS.get(tokens[a - 2])
        k = _split_title(run) if run[-1] not in lx.ORG_HEADS else None
        if k is not None:
            prefix = run[:k]
            name_start = a + k
            role = _role_text(prefix)
            title_start = a + _attached_title_start(run, k)
            span = TaggedSpan(
                index,
                name_start,
                b,
                PER,
                title_start=title_start,
                role=role,
                side=side or _side_of(prefix),
            )
            span.family_name_first = family_name_first(tokens[name_start:b])
            # A place leading the title ("U.S. Defense Secretary ...") is its own mention.
            lead = 0
            while lead < k and run[lead] not in lx.OFFICES and run[lead] not in lx.RANKS:
                lead += 1
            if lead and join_tokens(run[:lead]) in places:
                spans.append(TaggedSpan(index, a, a + lead, LOC))
            spans.extend(_org_inside_role(index, tokens, a, a + k))
            spans.append(span)
            doc.remember(tokens[name_start:b], PER, span.family_name_first)
            continue
        # "Commander of the US Indo-Pacific Command": a role, then the organisation.
        if run[0] in lx.OFFICES and "of" in run:
            spans.extend(_org_inside_role(index, tokens, a, b))
            continue
        if all(t in lx.OFFICES or t in lx.RANKS for t in run):
            continue
        spans.extend(
            _typed_run(index, tokens, a, b, sentence_initial and a == first_word, doc, side)
        )
    return spans


def _demonym_length(run: list[str]) -> int:
    """How many of the run's first tokens are a nationality adjective: 2 for "North
    Korean", which is not "North" and "Korean" each; 0 for none."""
    for length in (2, 1):
        if len(run) >= length and join_tokens(run[:length]) in lx.DEMONYMS:
            return length
    return 0


def _org_inside_role(index: int, tokens: list[str], a: int, b: int) -> list[TaggedSpan]:
    run = tokens[a:b]
    if "of" not in run:
        return []
    start = a + run.index("of") + 1
    if start < b and tokens[start] == "the":
        start += 1
    end = b
    while end > start and tokens[end - 1] in lx.RANKS:
        end -= 1
    sub = tokens[start:end]
    if not sub or not _is_cap(sub[0]):
        return []
    if sub[-1] in lx.ORG_HEADS or join_tokens(sub) in lx.KNOWN_ORGS:
        return [TaggedSpan(index, start, end, ORG)]
    if join_tokens(sub) in lx.places():
        return [TaggedSpan(index, start, end, LOC)]
    return []


def _typed_run(
    index: int,
    tokens: list[str],
    a: int,
    b: int,
    sentence_initial: bool,
    doc: _Document,
    side: str | None,
) -> list[TaggedSpan]:
    if b <= a:  # splitting "X of the" at a run's end leaves nothing on the right
        return []
    run = tokens[a:b]
    places = lx.places()
    text = join_tokens(run)
    # "China Beijing", "Washington Moscow": neighbouring names that are each a place.
    if (
        len(run) >= 2
        and text not in places
        and text not in lx.KNOWN_ORGS
        and all(t in places for t in run)
    ):
        return [TaggedSpan(index, a + i, a + i + 1, LOC) for i in range(len(run))]
    # "Central Military Commission Office for ...": the parent body is named on its own too.
    if len(run) >= 3:
        for i in range(1, len(run) - 1):
            if run[i] in lx.ORG_HEADS and run[i + 1] in SUBUNIT_HEADS:
                return [
                    TaggedSpan(index, a, a + i + 1, ORG, side=side),
                    TaggedSpan(index, a + i + 1, b, ORG, side=side),
                ]
    if "of" in run and run.index("of") > 0:
        cut = a + run.index("of")
        head = tokens[a:cut]
        if (
            head[0] not in lx.ORG_OPENERS
            and head[-1] not in lx.ORG_HEADS
            and head[-1] not in lx.OFFICES
            and join_tokens(run) not in places
            and join_tokens(run) not in lx.KNOWN_ORGS
        ):
            tail_start = cut + 1 + (1 if tokens[cut + 1] == "the" else 0)
            return _typed_run(index, tokens, a, cut, sentence_initial, doc, side) + _typed_run(
                index, tokens, tail_start, b, False, doc, None
            )
    before = tokens[a - 1] if a > 0 else ""
    after = tokens[b] if b < len(tokens) else ""
    if after in ("'s", "’s"):
        after = tokens[b + 1] if b + 1 < len(tokens) else ""
    label, confident = _classify(run, before, after, sentence_initial, doc)
    if label is None:
        return []
    if sentence_initial and not confident and len(run) == 1:
        confident = False
        span = TaggedSpan(index, a, b, label, side=side, confident=False)
        span.extra["opener"] = True
        return [span]
    reversed_name = label == PER and family_name_first(run)
    if confident:
        doc.remember(run, label, reversed_name)
    return [
        TaggedSpan(
            index, a, b, label, side=side, confident=confident, family_name_first=reversed_name
        )
    ]


def _second_pass(doc: _Document, spans: list[TaggedSpan]) -> list[TaggedSpan]:
    kept: list[TaggedSpan] = []
    for span in spans:
        tokens = doc.sentences[span.sentence][span.start : span.end]
        key = join_tokens(tokens)
        if span.label != PER or span.confident is False:
            people = doc.surname_to_people.get(key) if len(tokens) == 1 else None
            if people:
                span.label, span.confident = PER, True
                kept.append(span)
                continue
        known = doc.label_of(key)
        if (
            span.confident
            and known in (LOC, ORG)
            and span.label in (LOC, ORG)
            and known != span.label
        ):
            span.label = known  # one string, one type per story: "Watford 2" makes Watford a club
        if not span.confident:
            if known == "DOC":
                continue
            if known:
                span.label = known
            elif span.extra.get("opener"):
                continue  # an unconfirmed capitalised sentence opener
        kept.append(span)
    return kept


def _tag_all_caps(index: int, tokens: list[str], doc: _Document) -> list[TaggedSpan]:
    """Headlines in capitals: only names the body or the gazetteer already vouches for."""
    spans: list[TaggedSpan] = []
    places = lx.places()
    known = {k.upper(): k for k in doc.label_votes}
    i = 0
    while i < len(tokens):
        matched = False
        for length in (4, 3, 2, 1):
            if i + length > len(tokens):
                continue
            upper = " ".join(tokens[i : i + length]).upper()
            original = known.get(upper)
            label = doc.label_of(original) if original else None
            if label is None:
                titled = " ".join(
                    t.title() if len(t) > 3 or t.isalpha() else t for t in tokens[i : i + length]
                )
                if titled in places and titled not in lx.given_names():
                    label = LOC
                elif upper in lx.KNOWN_ORGS:
                    label = ORG
                elif length == 1 and upper in doc.surname_to_people:
                    label = PER
                elif length == 1 and tokens[i].title() in doc.surname_to_people:
                    label = PER
            if label == LOC and i + length < len(tokens) and SCORE_RE.match(tokens[i + length]):
                label = ORG
            if label in (PER, ORG, LOC):
                spans.append(TaggedSpan(index, i, i + length, label))
                i += length
                matched = True
                break
        if not matched:
            i += 1
    return spans


def tag_document_spans(sentences: list[list[str]]) -> list[TaggedSpan]:
    """Every typed span in a document of tokenised sentences, in reading order."""
    doc = _Document(sentences)
    spans: list[TaggedSpan] = []
    caps: list[int] = []
    for index, tokens in enumerate(sentences):
        if doc.all_caps[index]:
            caps.append(index)
            continue
        spans.extend(_tag_sentence(index, tokens, doc))
    spans = _second_pass(doc, spans)
    for index in caps:
        spans.extend(_tag_all_caps(index, sentences[index], doc))
    spans.sort(key=lambda s: (s.sentence, s.start))
    return spans


def tag_document(sentences: list[list[str]]) -> list[list[tuple[int, int, str]]]:
    """Token spans (start, end_exclusive, PER|ORG|LOC) per sentence, with document context."""
    result: list[list[tuple[int, int, str]]] = [[] for _ in sentences]
    for span in tag_document_spans(sentences):
        result[span.sentence].append((span.start, span.end, span.label))
    return result


def tag_tokens(tokens: list[str]) -> list[tuple[int, int, str]]:
    """Token spans of one sentence read on its own."""
    return tag_document([tokens])[0]
