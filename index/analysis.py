"""The corpus-level reading of the articles: entities, engagements and stories, cached.

Entities, engagements and stories depend on the whole corpus (a surname resolves against
every full name seen), so they are computed after each index update from every article
and saved beside the index. The cache records the index commit it was computed for;
a cache from another commit (a run killed between the two writes) is recomputed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from index.model import Article, ArticleSummary, Engagement, Entity, Participant, Story
from index.search.vocabulary import Vocabulary

CACHE_VERSION = 2


@dataclass
class Analysis:
    index_key: str = ""
    entities: list[Entity] = field(default_factory=list)
    engagements: list[Engagement] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    # Newest first, undated last: the article list, without opening the index.
    summaries: list[ArticleSummary] = field(default_factory=list)
    # True: extended from the previous analysis by the incremental path, not yet checked
    # against a full analysis. The next `refresh` reconciles it.
    provisional: bool = False
    # Every word of the corpus and how many articles use it, for "did you mean".
    vocabulary: Vocabulary = field(default_factory=Vocabulary)

    @property
    def engagement_of_article(self) -> dict[str, str]:
        """The engagement each article reports (its main subject), by article id."""
        return {
            article_id: engagement.id
            for engagement in self.engagements
            if engagement.reported
            for article_id in engagement.articles
        }

    def to_json(self) -> dict:
        return {
            "version": CACHE_VERSION,
            "index_key": self.index_key,
            "provisional": self.provisional,
            "entities": [_entity_to_json(e) for e in self.entities],
            "engagements": [e.to_json() for e in self.engagements],
            "stories": [s.to_json() for s in self.stories],
            "summaries": [s.to_json() for s in self.summaries],
            "vocabulary": self.vocabulary.to_json(),
        }


def analyse(articles: list[Article], mentions: dict, aliases: dict[str, list[str]]) -> Analysis:
    """Resolve entities, detect engagements and group stories over the whole corpus."""
    from index.extract.engagements import detect_engagements
    from index.extract.entities import resolve_entities
    from index.extract.stories import group_stories

    entities = resolve_entities(mentions, aliases)
    return Analysis(
        entities=entities,
        engagements=detect_engagements(articles, entities),
        stories=group_stories(articles),
        summaries=newest_first(
            ArticleSummary(a.id, a.title, a.source, a.published) for a in articles
        ),
    )


def newest_first(summaries: Iterable[ArticleSummary]) -> list[ArticleSummary]:
    """Newest first; undated articles last, in id order, so the list is stable."""
    items = list(summaries)
    dated = sorted((s for s in items if s.published), key=lambda s: (s.published, s.id))
    undated = sorted((s for s in items if not s.published), key=lambda s: s.id)
    return dated[::-1] + undated


def load_analysis(path: Path) -> Analysis | None:
    """The cached analysis, or None if it is missing, unreadable or of another version."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != CACHE_VERSION:
            return None
        return Analysis(
            index_key=data["index_key"],
            entities=[_entity_from_json(e) for e in data["entities"]],
            engagements=[_engagement_from_json(e) for e in data["engagements"]],
            stories=[_story_from_json(s) for s in data["stories"]],
            summaries=[
                ArticleSummary(s["id"], s["title"], s.get("source"), _optional_date(s["published"]))
                for s in data["summaries"]
            ],
            provisional=bool(data.get("provisional", False)),
            vocabulary=Vocabulary(data["vocabulary"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _entity_to_json(entity: Entity) -> dict:
    # The public JSON gives a mention total; the cache keeps the per-article counts.
    return {**entity.to_json(), "mentions": dict(entity.mentions)}


def _entity_from_json(data: dict) -> Entity:
    return Entity(
        name=data["name"],
        type=data["type"],
        aliases=list(data["aliases"]),
        role=data.get("role"),
        side=data.get("side"),
        mentions=dict(data["mentions"]),
    )


def _optional_date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _engagement_from_json(data: dict) -> Engagement:
    return Engagement(
        id=data["id"],
        title=data["title"],
        date=_optional_date(data.get("date")),
        end_date=_optional_date(data.get("end_date")),
        date_inferred=data.get("date_inferred", False),
        format=data.get("format", "unknown"),
        location=data.get("location"),
        participants=[Participant(**p) for p in data.get("participants", [])],
        topics=list(data.get("topics", [])),
        articles=list(data.get("articles", [])),
        mentioned_in=list(data.get("mentioned_in", [])),
        reported=data.get("reported", True),
        date_precision=data.get("date_precision", "day"),
        facts=list(data.get("facts", [])),
    )


def _story_from_json(data: dict) -> Story:
    return Story(
        id=data["id"],
        title=data["title"],
        date=_optional_date(data.get("date")),
        articles=list(data["articles"]),
    )
