"""The corpus-level reading of the articles: entities, engagements and stories, cached.

Entities, engagements and stories depend on the whole corpus (a surname resolves against
every full name seen), so they are computed after each index update from every article
and saved beside the index. The cache records the index commit it was computed for;
a cache from another commit (a run killed between the two writes) is recomputed.

The cache is a pickle of the objects: JSON took twice as long to read and write, and a
one-article update reads it twice and writes it once (a second of it at 20k articles).
Reading it admits only the classes an analysis is made of, so a planted pickle that
names anything else is refused, not run.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from index.model import Article, ArticleSummary, Engagement, Entity, Story
from index.search.store import write_atomically
from index.search.vocabulary import Vocabulary

CACHE_VERSION = 3
_CACHE_CLASSES = {
    ("index.analysis", "Analysis"),
    *(
        ("index.model", name)
        for name in ("ArticleSummary", "Engagement", "Entity", "Participant", "Story")
    ),
    ("index.search.vocabulary", "Vocabulary"),
    ("collections", "Counter"),
    ("datetime", "date"),
}


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


def analyse(articles: list[Article], mentions: dict, aliases: dict[str, list[str]]) -> Analysis:
    """Resolve entities, detect engagements and group stories over the whole corpus."""
    from index.article_pool import computed_apart
    from index.extract.engagements import detect_engagements
    from index.extract.entities import resolve_entities
    from index.extract.stories import group_stories

    # Stories first: they are grouped in a child process, and this process's size meanwhile
    # adds to the peak. At 50k articles it held 200 MB while grouping ran after entities
    # and engagements, 107 MB before them.
    stories = computed_apart(lambda: group_stories(articles), articles)
    entities = resolve_entities(mentions, aliases)
    return Analysis(
        entities=entities,
        engagements=detect_engagements(articles, entities),
        stories=stories,
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


def save_analysis(path: Path, analysis: Analysis) -> None:
    cache = {"version": CACHE_VERSION, "analysis": analysis}
    write_atomically(path, lambda handle: pickle.dump(cache, handle, protocol=5))


def load_analysis(path: Path) -> Analysis | None:
    """The cached analysis, or None if it is missing, unreadable or of another version."""
    try:
        with open(path, "rb") as handle:
            data = _CacheUnpickler(handle).load()
    # A damaged pickle raises almost anything; the cache is only recomputed.
    except Exception:
        return None
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
        return None
    analysis = data.get("analysis")
    return analysis if isinstance(analysis, Analysis) else None


class _CacheUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) not in _CACHE_CLASSES:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of an analysis")
        return super().find_class(module, name)
