"""The corpus-level reading of the articles: entities, engagements and stories, cached.

Entities, engagements and stories depend on the whole corpus (a surname resolves against
every full name seen), so they are computed after each index update from every article
and saved beside the index. The cache records the index commit it was computed for;
a cache from another commit (a run killed between the two writes) is recomputed.

The cache is a pickle of the objects: JSON took twice as long to read and write. Reading
it admits only the classes an analysis is made of, so a planted pickle that names anything
else is refused, not run.

The fast path for a few new articles (`index.incremental`) does not write the whole cache
again (0.4 s at 50k articles): it writes a journal beside it of what it added or replaced,
which a reader applies to the cache it was written against. A full analysis writes the
whole cache and drops the journal.
"""

from __future__ import annotations

import dataclasses
import pickle
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from index.model import Article, ArticleSummary, Engagement, Entity, Story
from index.search.store import write_atomically
from index.search.vocabulary import Vocabulary

CACHE_VERSION = 4
# Every reader applies the journal: past this share of the articles, the whole cache is
# written again instead.
JOURNAL_MAX_SHARE = 0.1
_CACHE_CLASSES = {
    ("index.analysis", "Analysis"),
    ("index.analysis", "Journal"),
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
    # What the fast path changed since the whole cache was written, if this was read
    # with a journal: the next fast path adds to it.
    journal: Journal | None = field(default=None, compare=False, repr=False)

    @property
    def engagement_of_article(self) -> dict[str, str]:
        """The engagement each article reports (its main subject), by article id."""
        return {
            article_id: engagement.id
            for engagement in self.engagements
            if engagement.reported
            for article_id in engagement.articles
        }


def analyse(
    articles: list[Article],
    mentions: dict,
    aliases: dict[str, list[str]],
    stage: Callable[[str], None] | None = None,
) -> Analysis:
    """Resolve entities, detect engagements and group stories over the whole corpus;
    `stage` is told each step as it starts (at 50k articles each takes a minute or so)."""
    from index.article_pool import computed_apart
    from index.extract.engagements import detect_engagements
    from index.extract.entities import resolve_entities
    from index.extract.stories import group_stories

    announce = stage or (lambda _name: None)
    # Stories first: they are grouped in a child process, and this process's size meanwhile
    # adds to the peak. At 50k articles it held 200 MB while grouping ran after entities
    # and engagements, 107 MB before them.
    announce("grouping stories")
    stories = computed_apart(lambda: group_stories(articles), articles)
    announce("resolving entities")
    entities = resolve_entities(mentions, aliases)
    announce("detecting engagements")
    engagements = detect_engagements(articles, entities)
    return Analysis(
        entities=entities,
        engagements=engagements,
        stories=stories,
        summaries=newest_first(
            ArticleSummary(a.id, a.title, a.source, a.published) for a in articles
        ),
    )


@dataclass
class Journal:
    """What fast-path updates added to a cached analysis or replaced in it, by key (an
    entity's name and type, an engagement's or a story's id), and the articles and words
    they added. `base_key` is the index commit of the cache it applies to."""

    base_key: str
    entities: dict[tuple[str, str], Entity] = field(default_factory=dict)
    engagements: dict[str, Engagement] = field(default_factory=dict)
    stories: dict[str, Story] = field(default_factory=dict)
    summaries: dict[str, ArticleSummary] = field(default_factory=dict)
    words: Counter = field(default_factory=Counter)


def engagement_order(engagement: Engagement) -> tuple:
    return (engagement.date or date.max, engagement.id)


def story_order(story: Story) -> tuple:
    return (story.date or date.max, story.id)


def newest_first(summaries: Iterable[ArticleSummary]) -> list[ArticleSummary]:
    """Newest first; undated articles last, in id order, so the list is stable."""
    items = list(summaries)
    dated = sorted((s for s in items if s.published), key=lambda s: (s.published, s.id))
    undated = sorted((s for s in items if not s.published), key=lambda s: s.id)
    return dated[::-1] + undated


def journal_path(cache_path: Path) -> Path:
    return cache_path.with_name(f"{cache_path.stem}.journal{cache_path.suffix}")


def save_analysis(path: Path, analysis: Analysis) -> None:
    """Write the whole analysis; a journal of the cache it replaces is dropped."""
    cache = {"version": CACHE_VERSION, "analysis": dataclasses.replace(analysis, journal=None)}
    write_atomically(path, lambda handle: pickle.dump(cache, handle, protocol=5))
    journal_path(path).unlink(missing_ok=True)


def save_extension(path: Path, cached: Analysis, extended: Analysis, words: Counter) -> bool:
    """Write what `extended` (the fast path's extension of `cached`, the analysis as read
    from `path`, with `words` more) changed of it as a journal. False, with nothing
    written, if the change is not one a journal holds (something of `cached` went), or the
    journal would cover more than `JOURNAL_MAX_SHARE` of the articles."""
    journal = _journal_after(cached, extended, words)
    if journal is None:
        return False
    entry = {"version": CACHE_VERSION, "index_key": extended.index_key, "journal": journal}
    write_atomically(journal_path(path), lambda handle: pickle.dump(entry, handle, protocol=5))
    return True


def _journal_after(cached: Analysis, extended: Analysis, words: Counter) -> Journal | None:
    before = cached.journal or Journal(cached.index_key)
    journal = Journal(before.base_key, words=before.words + words)
    # The fast path replaces what it changes (copy on write): new objects are its changes.
    for part, key_of in _KEYS.items():
        old, new = getattr(cached, part), getattr(extended, part)
        if not {key_of(item) for item in old} <= {key_of(item) for item in new}:
            return None  # something went: a journal only adds and replaces
        kept = {id(item) for item in old}
        changes = getattr(journal, part)
        changes.update(getattr(before, part))
        changes.update((key_of(item), item) for item in new if id(item) not in kept)
    if len(journal.summaries) > JOURNAL_MAX_SHARE * len(extended.summaries):
        return None
    return journal


_KEYS = {
    "entities": lambda entity: (entity.name, entity.type),
    "engagements": lambda engagement: engagement.id,
    "stories": lambda story: story.id,
    "summaries": lambda summary: summary.id,
}


def load_analysis(path: Path) -> Analysis | None:
    """The cached analysis with its journal applied, or None if it is missing, unreadable
    or of another version. A journal of another cache (left by a run killed after it
    wrote the whole cache) is ignored."""
    cache = _read(path)
    analysis = cache.get("analysis") if cache else None
    if not isinstance(analysis, Analysis):
        return None
    entry = _read(journal_path(path))
    journal = entry.get("journal") if entry else None
    if not isinstance(journal, Journal) or journal.base_key != analysis.index_key:
        return analysis
    return _with_journal(analysis, journal, entry.get("index_key", ""))


def _read(path: Path) -> dict | None:
    try:
        with open(path, "rb") as handle:
            data = _CacheUnpickler(handle).load()
    # A damaged pickle raises almost anything; the cache is only recomputed.
    except Exception:
        return None
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
        return None
    return data


def _with_journal(cached: Analysis, journal: Journal, index_key: str) -> Analysis:
    """`cached` as the fast path left it: in the orders it leaves its parts in."""
    from index.extract.entities.resolve import extended_catalog_order

    parts = {}
    for part, key_of in _KEYS.items():
        by_key = {key_of(item): item for item in getattr(cached, part)}
        by_key.update(getattr(journal, part))
        parts[part] = by_key.values()
    cached.vocabulary.counts.update(journal.words)
    return Analysis(
        index_key=index_key,
        entities=sorted(parts["entities"], key=extended_catalog_order),
        engagements=sorted(parts["engagements"], key=engagement_order),
        stories=sorted(parts["stories"], key=story_order),
        summaries=newest_first(parts["summaries"]),
        provisional=True,
        vocabulary=cached.vocabulary,
        journal=journal,
    )


class _CacheUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) not in _CACHE_CLASSES:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of an analysis")
        return super().find_class(module, name)
