"""The corpus-level reading of the articles: entities, engagements and stories, cached.

Entities, engagements and stories depend on the whole corpus (a surname resolves against
every full name seen), so they are computed after each index update from every article
and saved beside the index. The cache records the index commit it was computed for;
a cache from another commit (a run killed between the two writes) is recomputed.

The cache is pickles of the objects: JSON took twice as long to read and write. Each part
(entities, engagements, stories, the article list, the vocabulary) is a pickle of its own,
and a table of contents at the end of the file says where each starts, so that a reader
reads only what it shows: at 50k articles the whole cache took 0.42 s to read, the
engagements alone 0.006 s, and a refresh that finds nothing to do needs only the table.
Reading admits only the classes an analysis is made of, so a planted pickle that names
anything else is refused, not run.

The fast path for a few new articles (`index.incremental`) does not write the whole cache
again (0.4 s at 50k articles): it writes a journal beside it of what it added or replaced,
which a reader applies to the cache it was written against. A full analysis writes the
whole cache and drops the journal.
"""

from __future__ import annotations

import pickle
import struct
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import BinaryIO

from index.atomic_files import begin_atomically, put_in_place, write_atomically
from index.model import Article, ArticleSummary, Engagement, Entity, Story
from index.search.vocabulary import Vocabulary

CACHE_VERSION = 5
# The parts of an analysis the cache reads one at a time, in the order they are written.
PARTS = ("summaries", "entities", "engagements", "stories", "vocabulary")
# The file ends with the offset of its table of contents.
_TRAILER = struct.Struct("<Q")
# Told the name of each step of a refresh after its files are read ("grouping stories"),
# as it starts: at 50k articles those steps take minutes and count nothing.
Stage = Callable[[str], None]


def no_stage(_name: str) -> None:
    pass


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

    def loaded(self, part: str) -> bool:
        """Every part of an analysis in memory is; see `CachedAnalysis.loaded`."""
        return True

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
    stage: Stage = no_stage,
) -> Analysis:
    """Resolve entities, detect engagements and group stories over the whole corpus;
    `stage` is told each step as it starts (at 50k articles each takes a minute or so)."""
    from index.article_pool import computed_apart
    from index.extract.engagements import detect_engagements
    from index.extract.entities import resolve_entities
    from index.extract.stories import group_stories

    # Stories first: they are grouped in a child process, and this process's size meanwhile
    # adds to the peak. At 50k articles it held 200 MB while grouping ran after entities
    # and engagements, 107 MB before them.
    stage("grouping stories")
    stories = computed_apart(lambda _stage: group_stories(articles), articles)
    stage("resolving entities")
    # Apart too: the engagement workers fork from this process next, and it then holds
    # only the entities, not what resolving them left (at 50k articles, detection's peak
    # 358 -> 338 MB). The entities come back in 0.3 s.
    entities = computed_apart(lambda _stage: resolve_entities(mentions, aliases), articles)
    stage("detecting engagements")
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

    def write(handle: BinaryIO) -> None:
        parts = _write_parts(handle, analysis)
        _write_contents(handle, parts, analysis.index_key, analysis.provisional)

    write_atomically(path, write)
    journal_path(path).unlink(missing_ok=True)


def _write_parts(handle: BinaryIO, analysis: Analysis) -> dict[str, int]:
    """Each part's pickle, one after another; where each starts."""
    offsets = {}
    for part in PARTS:
        offsets[part] = handle.tell()
        pickle.dump(getattr(analysis, part), handle, protocol=5)
    return offsets


def _write_contents(
    handle: BinaryIO, parts: dict[str, int], index_key: str, provisional: bool
) -> None:
    """The table of contents, at the handle's place, and the trailer that finds it."""
    contents_at = handle.tell()
    contents = {
        "version": CACHE_VERSION,
        "index_key": index_key,
        "provisional": provisional,
        "parts": parts,
    }
    pickle.dump(contents, handle, protocol=5)
    handle.write(_TRAILER.pack(contents_at))


@dataclass
class PendingAnalysis:
    """An analysis written beside its cache before the index commit it belongs to.

    The process that writes the index then need not hold the analysis while it writes: at
    50k articles the analysis is 85 MB of objects, and with what computing it left behind,
    250 MB of the indexing process through the write. Its parts go to a file of their own
    at once, by whichever process computed them (this is what that process hands back, as a
    pickle); `save`, after the commit, adds the table of contents with the commit's key and
    puts the file in place of the cache."""

    cache: Path
    written: Path
    parts: dict[str, int]
    contents_at: int
    provisional: bool = False
    index_key: str = ""

    @classmethod
    def write(cls, cache: Path, analysis: Analysis) -> PendingAnalysis:
        parts: dict[str, int] = {}

        def write_parts(handle: BinaryIO) -> None:
            parts.update(_write_parts(handle, analysis))

        written = begin_atomically(cache, write_parts, kind="pending")
        contents_at = written.stat().st_size
        return cls(cache, written, parts, contents_at, analysis.provisional, analysis.index_key)

    def save(self) -> None:
        """Finish the file with `index_key` as it is now and replace the cache with it; a
        journal of the cache it replaces is dropped. Discarded if that fails."""

        def write_contents(handle: BinaryIO) -> None:
            handle.seek(self.contents_at)
            _write_contents(handle, self.parts, self.index_key, self.provisional)

        put_in_place(self.written, self.cache, write_contents)
        journal_path(self.cache).unlink(missing_ok=True)

    def discard(self) -> None:
        self.written.unlink(missing_ok=True)


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
    """The cached analysis, whole, with its journal applied; None if it is missing,
    unreadable or of another version."""
    cached = open_analysis(path)
    if cached is None:
        return None
    try:
        return cached.whole()
    except CacheDamaged:
        return None
    finally:
        cached.close()


def open_analysis(path: Path) -> CachedAnalysis | None:
    """The cached analysis, each part read when first asked for; None if the cache is
    missing, unreadable or of another version. A journal of another cache (left by a run
    killed after it wrote the whole cache) is ignored."""
    try:
        handle = open(path, "rb")
    except OSError:
        return None
    try:
        handle.seek(-_TRAILER.size, 2)
        (contents_at,) = _TRAILER.unpack(handle.read(_TRAILER.size))
        handle.seek(contents_at)
        contents = _CacheUnpickler(handle).load()
        current = contents["version"] == CACHE_VERSION and set(contents["parts"]) == set(PARTS)
    # A damaged pickle raises almost anything; the cache is only recomputed.
    except Exception:
        current = False
    if not current:
        handle.close()
        return None
    entry = _read(journal_path(path))
    journal = entry.get("journal") if entry else None
    if not isinstance(journal, Journal) or journal.base_key != contents["index_key"]:
        journal, index_key = None, contents["index_key"]
    else:
        index_key = entry.get("index_key", "")
    return CachedAnalysis(handle, contents["parts"], index_key, contents["provisional"], journal)


class CacheDamaged(Exception):
    """A part of the cache could not be read: its table of contents was fine."""


class _Part:
    """An attribute of `CachedAnalysis` named as the part of `Analysis` it reads."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, cached: CachedAnalysis | None, owner: type | None = None):
        return self if cached is None else cached.part(self.name)


class CachedAnalysis:
    """An analysis cache opened for reading: `index_key` and `provisional` at once, each
    part (`PARTS`) read from the file when first asked for, with the journal applied.

    The file stays open until every part is read (or `close`), so a refresh that replaces
    the cache meanwhile does not mix two of them. Parts may be asked for from several
    threads (the app's workers)."""

    def __init__(
        self,
        handle: BinaryIO,
        offsets: dict[str, int],
        index_key: str,
        provisional: bool,
        journal: Journal | None,
    ):
        self._handle: BinaryIO | None = handle
        self._offsets = offsets
        self._parts: dict[str, object] = {}
        self._lock = threading.Lock()
        self.index_key = index_key
        self.journal = journal
        # A journal's changes are the fast path's, not yet checked by a full analysis.
        self.provisional = provisional or journal is not None

    def loaded(self, part: str) -> bool:
        return part in self._parts

    def part(self, name: str):
        """The part `name`, as `Analysis` has it; `CacheDamaged` if it cannot be read."""
        with self._lock:
            if name not in self._parts:
                self._parts[name] = self._read(name)
                if len(self._parts) == len(PARTS):
                    self._close()
            return self._parts[name]

    summaries = _Part()
    entities = _Part()
    engagements = _Part()
    stories = _Part()
    vocabulary = _Part()

    def whole(self) -> Analysis:
        parts = {name: self.part(name) for name in PARTS}
        return Analysis(
            index_key=self.index_key,
            provisional=self.provisional,
            journal=self.journal,
            **parts,
        )

    def close(self) -> None:
        """Close the file; a part not read yet raises `CacheDamaged` from now on."""
        with self._lock:
            self._close()

    def _close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def __del__(self) -> None:
        # A reader dropped before reading every part (a refresh came) closes its file here.
        self._close()

    def _read(self, name: str):
        if self._handle is None:
            raise CacheDamaged(f"{name}: the cache was closed before it was read")
        try:
            self._handle.seek(self._offsets[name])
            value = _CacheUnpickler(self._handle).load()
        except Exception as error:  # a damaged pickle raises almost anything
            raise CacheDamaged(f"{name}: {type(error).__name__}: {error}") from None
        if not isinstance(value, _PART_TYPES[name]):
            raise CacheDamaged(f"{name}: not what the cache holds there")
        return _with_journal(name, value, self.journal) if self.journal else value


_PART_TYPES = {
    "summaries": list,
    "entities": list,
    "engagements": list,
    "stories": list,
    "vocabulary": Vocabulary,
}


def _read(path: Path) -> dict | None:
    try:
        with open(path, "rb") as handle:
            data = _CacheUnpickler(handle).load()
    # A damaged pickle raises almost anything; the journal is only ignored.
    except Exception:
        return None
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
        return None
    return data


def _with_journal(name: str, cached, journal: Journal):
    """The part `name` of the cache as the fast path left it, in the order it leaves it."""
    if name == "vocabulary":
        cached.counts.update(journal.words)
        return cached
    from index.extract.entities.resolve import extended_catalog_order

    key_of = _KEYS[name]
    by_key = {key_of(item): item for item in cached}
    by_key.update(getattr(journal, name))
    items = by_key.values()
    if name == "entities":
        return sorted(items, key=extended_catalog_order)
    if name == "engagements":
        return sorted(items, key=engagement_order)
    if name == "stories":
        return sorted(items, key=story_order)
    return newest_first(items)


class _CacheUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) not in _CACHE_CLASSES:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of an analysis")
        return super().find_class(module, name)
