"""The plain data the core passes around: articles, entities, engagements, stories, briefs.

Every stage of the pipeline (loading, indexing, extraction, grouping, briefing) reads and
returns these dataclasses and nothing richer, so each stage can be tested alone and the
TUI and the CLI see the same shapes. All of them turn into JSON with `to_json()`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

EntityType = Literal["person", "organization", "place"]
ENTITY_TYPES: tuple[EntityType, ...] = ("person", "organization", "place")


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of an article, or one boilerplate line split out of it."""

    text: str
    boilerplate: bool = False


@dataclass
class Article:
    """One cleaned article. `paragraphs` keeps reading order; boilerplate is flagged, not lost."""

    id: str
    path: str
    title: str
    source: str | None
    dateline: str | None
    published: date | None
    paragraphs: list[Paragraph]
    content_hash: str
    url: str | None = None

    @property
    def body_paragraphs(self) -> list[str]:
        return [p.text for p in self.paragraphs if not p.boilerplate]

    @property
    def body(self) -> str:
        """The reporting text: what is indexed, extracted from and briefed. Never boilerplate."""
        return "\n\n".join(self.body_paragraphs)

    @property
    def boilerplate(self) -> list[str]:
        return [p.text for p in self.paragraphs if p.boilerplate]

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "source": self.source,
            "dateline": self.dateline,
            "published": self.published.isoformat() if self.published else None,
            "url": self.url,
            "paragraphs": [{"text": p.text, "boilerplate": p.boilerplate} for p in self.paragraphs],
        }

    @classmethod
    def from_json(cls, data: dict) -> Article:
        published = data.get("published")
        return cls(
            id=data["id"],
            path=data["path"],
            title=data["title"],
            source=data.get("source"),
            dateline=data.get("dateline"),
            published=date.fromisoformat(published) if published else None,
            paragraphs=[Paragraph(p["text"], p["boilerplate"]) for p in data["paragraphs"]],
            content_hash=data.get("content_hash", ""),
            url=data.get("url"),
        )


@dataclass(frozen=True)
class ArticleSummary:
    """What the article list needs, without loading the article's text."""

    id: str
    title: str
    source: str | None
    published: date | None

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "published": self.published.isoformat() if self.published else None,
        }


@dataclass
class Entity:
    """One real-world person, organisation or place, with every surface form that named it."""

    name: str
    type: EntityType
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    side: str | None = None
    mentions: dict[str, int] = field(default_factory=dict)  # article id -> mention count

    @property
    def total_mentions(self) -> int:
        return sum(self.mentions.values())

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "type": self.type,
            "aliases": sorted(self.aliases),
            "role": self.role,
            "side": self.side,
            "mentions": self.total_mentions,
            "articles": sorted(self.mentions),
        }


@dataclass
class Participant:
    name: str
    side: str | None
    role: str | None

    def to_json(self) -> dict:
        return {"name": self.name, "side": self.side, "role": self.role}


EngagementFormat = Literal["call", "video call", "meeting", "talks", "unknown"]


@dataclass
class Engagement:
    """One contact between officials of two sides on a date, reported or only mentioned."""

    id: str
    title: str
    date: date | None
    end_date: date | None
    date_inferred: bool
    format: str
    location: str | None
    participants: list[Participant]
    topics: list[str]
    articles: list[str]  # articles whose main subject this is
    mentioned_in: list[str]  # articles that only mention it as background
    reported: bool = True  # False: known only as background, a timeline entry
    date_precision: Literal["day", "month", "year"] = "day"
    facts: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "end_date": self.end_date.isoformat() if self.end_date else None,
            "date_inferred": self.date_inferred,
            "date_precision": self.date_precision,
            "format": self.format,
            "location": self.location,
            "participants": [p.to_json() for p in self.participants],
            "topics": list(self.topics),
            "articles": list(self.articles),
            "mentioned_in": list(self.mentioned_in),
            "reported": self.reported,
            "facts": list(self.facts),
        }


@dataclass
class Story:
    """A group of articles about one real-world event, whatever the event."""

    id: str
    title: str
    date: date | None
    articles: list[str]

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "articles": list(self.articles),
        }


@dataclass
class BriefSentence:
    text: str
    sources: list[int]  # 1-based numbers into Brief.sources


@dataclass
class BriefSource:
    n: int
    id: str
    title: str
    source: str | None
    published: date | None

    def to_json(self) -> dict:
        return {
            "n": self.n,
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "published": self.published.isoformat() if self.published else None,
        }


@dataclass
class Brief:
    """One sourced paragraph about an engagement or a story."""

    subject: str  # engagement or story id
    sentences: list[BriefSentence]
    sources: list[BriefSource]
    date_inferred: bool = False  # the date was worked out (a weekday in an undated article)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    def to_json(self) -> dict:
        return {
            "engagement": self.subject,
            "text": self.text,
            "sentences": [{"text": s.text, "sources": list(s.sources)} for s in self.sentences],
            "sources": [s.to_json() for s in self.sources],
        }
