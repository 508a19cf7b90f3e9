"""Per-article mention extraction: body paragraphs in, typed `EntityMention`s with offsets out.

Owns the tokeniser (character offsets kept, abbreviations like "Gen." and "U.S." whole,
possessive "'s" split off as CoNLL does), sentence splitting, and what the token tagger cannot
see: the role written around a person ("Michael Chase, deputy assistant secretary of defense
for ...", "Top White House aide Jake Sullivan") and the side it implies. Pure: the same
article always gives the same mentions, so callers may cache them by content hash.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass

from index.model import Article

from . import lexicon as lx
from .tagger import PER, TaggedSpan, side_from_role, tag_document_spans

_ABBREVIATIONS = (
    "Gen|Lt|Col|Maj|Dr|Mr|Mrs|Ms|Adm|Capt|Sgt|Cmdr|Brig|Jr|Sr|St|Rev|Prof|Sen|Rep|Gov|Pres|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Inc|Corp|Ltd|Co|No|Mt|Ft|Insp|Cpl|Pvt|vs"
)
# A capital and a full stop before a name is an initial ("George W. Bush", "Gen. Charles Q.
# Brown", "A. J. Smith"), not the end of a sentence; before a word that opens sentences
# ("Plan B. The"), it is. "U." is never one ("U. S." spaced is the country), nor is the end
# of "Golf-U.S.". Matched after its capital, in TOKEN_RE's first branch: a branch of its
# own, tried where every word starts, cost tokenising a fifth more time.
_INITIAL = (
    r"(?<![\w.][A-Z])(?<!U\.\s[A-Z])(?<!U)"
    r"\.(?=\s+[A-Z](?:[a-z]|'[A-Z]|\.\s+[A-Z][a-z]))"
    rf"(?!\s+(?:{'|'.join(sorted(map(re.escape, lx.STOP_WORDS), key=len, reverse=True))})\b)"
)
TOKEN_RE = re.compile(
    rf"[A-Z](?:(?:\.[A-Z])+\.?(?:-\w+)*|{_INITIAL})"  # U.S., U.S.-China, D.C.; W. in George W. Bush
    rf"|(?:{_ABBREVIATIONS})\.(?!\w)"  # Gen., Jr., Jan.
    r"|\w+(?:[-/]\w+)*(?:['’](?![sS]\b)\w+)*"  # words, Indo-Pacific, O'Neill (not Dong's)
    r"|['’][sS]\b"  # the possessive, split off
    r"|[^\w\s]"
)
# Each indexed document keeps its mentions and the names they resolve to, so an index holds
# the reading of the version that wrote it. Bump this when a change to the tagger, its word
# lists, this module or resolution reads articles differently: an index of another version
# is rebuilt, never left half old.
EXTRACTION_VERSION = 13
SENTENCE_END = {".", "!", "?"}
QUOTES = {'"', "“", "”", "‘", "’", "'"}
# Words that may open an appositive role after a name: "Michael Chase, deputy assistant ...".
APPOSITIVE_OPENERS = {
    "deputy",
    "head",
    "commander",
    "chairman",
    "chairwoman",
    "director",
    "spokesman",
    "spokeswoman",
    "minister",
    "secretary",
    "chief",
    "president",
    "ambassador",
    "leader",
    "official",
    "adviser",
    "advisor",
    "aide",
    "general",
    "admiral",
    "member",
    "envoy",
    "governor",
    "mayor",
    "premier",
    "vice",
    "assistant",
    "senior",
    "top",
    "former",
    "the",
    "a",
    "an",
    "acting",
    "undersecretary",
    "under",
    "executive",
    "founder",
    "co-founder",
    "chair",
    "speaker",
    "prime",
    "foreign",
    "defense",
    "defence",
    "national",
    "special",
    "lieutenant",
    "colonel",
    "captain",
}
APPOSITIVE_STOPS = {
    "said",
    "says",
    "had",
    "has",
    "have",
    "was",
    "is",
    "were",
    "will",
    "would",
    "met",
    "held",
    "told",
    "spoke",
    "added",
    "who",
    "which",
    "and",
    "but",
    "when",
}
# Lowercase role words that may stand right before a name: "senior army official Zhang Youxia".
PRE_ROLE_WORDS = {
    "aide",
    "official",
    "officials",
    "spokesman",
    "spokeswoman",
    "minister",
    "chief",
    "commander",
    "officer",
    "general",
    "adviser",
    "advisor",
    "envoy",
    "head",
    "leader",
    "army",
    "military",
    "senior",
    "defence",
    "defense",
    "foreign",
    "deputy",
    "vice",
    "top",
    "security",
    "national",
    "president",
    "secretary",
    "ambassador",
    "negotiator",
    "diplomat",
    "admiral",
    "chairman",
    "director",
    "spokesperson",
}


# slots: a 50k-article corpus holds about 1.4 million mentions while it is analysed.
@dataclass(slots=True)
class EntityMention:
    """One mention of a person, organisation or place in one body paragraph of an article."""

    text: str
    type: str  # person | organization | place
    paragraph: int  # index into article.body_paragraphs
    start: int  # character offsets within that paragraph
    end: int
    role: str | None = None
    side: str | None = None

    def __post_init__(self) -> None:
        # Names repeat across thousands of articles: one string each, not one per mention.
        self.text = sys.intern(self.text)
        self.type = sys.intern(self.type)
        if self.role is not None:
            self.role = sys.intern(self.role)
        if self.side is not None:
            self.side = sys.intern(self.side)

    def to_json(self) -> dict:
        # Not dataclasses.asdict: it deep-copies each field, 3 s of a 5k-article write.
        return {
            "text": self.text,
            "type": self.type,
            "paragraph": self.paragraph,
            "start": self.start,
            "end": self.end,
            "role": self.role,
            "side": self.side,
        }

    @classmethod
    def from_json(cls, data: dict) -> EntityMention:
        return cls(**data)


_TYPE_NAMES = {"PER": "person", "ORG": "organization", "LOC": "place"}


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Tokens with their character offsets; curly apostrophes read as straight ones."""
    # Replaced in the whole text at once, not in each token: one character for one, so
    # the offsets are the text's, and TOKEN_RE reads both apostrophes alike.
    straight = text.replace("’", "'")
    return [(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(straight)]


def split_sentences(tokens: list[tuple[str, int, int]]) -> list[list[tuple[str, int, int]]]:
    sentences: list[list[tuple[str, int, int]]] = []
    current: list[tuple[str, int, int]] = []
    for i, token in enumerate(tokens):
        current.append(token)
        if token[0] in SENTENCE_END:
            nxt = tokens[i + 1][0] if i + 1 < len(tokens) else ""
            if not nxt or nxt[0].isupper() or nxt in QUOTES or nxt.isdigit():
                sentences.append(current)
                current = []
    if current:
        sentences.append(current)
    return sentences


def _appositive_role(words: list[str], end: int) -> str | None:
    """'Name, deputy assistant secretary of defense for China, Taiwan, and Mongolia, met ...'."""
    if (
        end + 1 >= len(words)
        or words[end] != ","
        or words[end + 1].lower() not in APPOSITIVE_OPENERS
    ):
        return None
    out: list[str] = []
    i = end + 1
    while i < len(words):
        word = words[i]
        if word in SENTENCE_END or word in ("(", ")", ";", ":") or word in QUOTES:
            break
        if word.lower() in APPOSITIVE_STOPS and word.islower() and out:
            if word != "and" or (i + 1 < len(words) and words[i + 1][:1].islower()):
                break
        if word == ",":
            nxt = words[i + 1] if i + 1 < len(words) else ""
            if not nxt or (nxt[:1].islower() and nxt != "and"):
                break  # the comma that closes the appositive
        out.append(word)
        i += 1
    while out and out[-1] in (",", "and"):
        out.pop()
    return _join(out) or None


def _pre_role(words: list[str], start: int) -> str | None:
    """Lowercase role words (and the organisation they belong to) right before a name."""
    i = start
    while i > 0 and (
        words[i - 1] in PRE_ROLE_WORDS
        or (i < start and words[i - 1][:1].isupper() and words[i - 1] not in lx.STOP_WORDS)
    ):
        i -= 1
    if i == start or words[start - 1] not in PRE_ROLE_WORDS:
        return None
    return _join(words[i:start]) or None


def _join(words: list[str]) -> str:
    text = " ".join(words)
    return re.sub(r" ([,;:.]|'s)", r"\1", text)


def _side_nearby(words: list[str], start: int) -> str | None:
    """'his Chinese counterpart Liu Zhenli', "China's Maj. Gen. Song Yanchao"."""
    for i in range(start - 1, max(-1, start - 4), -1):
        word = words[i]
        if i > 0 and f"{words[i - 1]} {word}" in lx.DEMONYMS:  # "North Korean", not "Korean"
            return lx.DEMONYMS[f"{words[i - 1]} {word}"]
        if word in lx.DEMONYMS and lx.DEMONYMS[word]:
            return lx.DEMONYMS[word]
        if word in lx.SIDE_NAMES and word not in ("Washington", "Beijing"):
            return lx.SIDE_NAMES[word]
        if word in SENTENCE_END or word == ",":
            break
    return None


def extract_mentions(article: Article) -> list[EntityMention]:
    """Every person, organisation and place mention in the article's body, in reading order."""
    sentences: list[list[tuple[str, int, int]]] = []
    paragraph_of: list[int] = []
    for p_index, paragraph in enumerate(article.body_paragraphs):
        for sentence in split_sentences(tokenize(paragraph)):
            sentences.append(sentence)
            paragraph_of.append(p_index)
    words = [[t[0] for t in s] for s in sentences]
    mentions: list[EntityMention] = []
    paragraphs = article.body_paragraphs
    for span in tag_document_spans(words):
        sentence = sentences[span.sentence]
        first = span.title_start if span.title_start is not None else span.start
        start_char = sentence[first][1]
        end_char = sentence[span.end - 1][2]
        p_index = paragraph_of[span.sentence]
        text = paragraphs[p_index][start_char:end_char]
        role, side = span.role, span.side
        if span.label == PER:
            role, side = _person_role_and_side(span, words[span.sentence], role, side)
        mentions.append(
            EntityMention(
                text=text,
                type=_TYPE_NAMES[span.label],
                paragraph=p_index,
                start=start_char,
                end=end_char,
                role=role,
                side=side,
            )
        )
    return mentions


def _person_role_and_side(
    span: TaggedSpan, words: list[str], role: str | None, side: str | None
) -> tuple[str | None, str | None]:
    appositive = _appositive_role(words, span.end)
    head = span.title_start if span.title_start is not None else span.start
    pre = None if role else _pre_role(words, head)
    if role and appositive and all(word in lx.RANKS for word in role.split()):
        # "Gen. Charles Q. Brown Jr., chairman of the Joint Chiefs of Staff": the office
        # says more than the rank.
        role = appositive
    role = role or appositive or pre
    if side is None:
        side = _side_nearby(words, head)
    if side is None:
        side = side_from_role(role) or side_from_role(appositive) or side_from_role(pre)
    return role, side
