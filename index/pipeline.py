"""Bring the index to exactly the corpus: the one write path of briefing.

`refresh` scans the corpus, reads only new and changed files (same size and mtime, or
same bytes, means unchanged), extracts their entity mentions, re-reads the corpus-level
analysis, and writes the differences in one Whoosh commit under the writer lock. An
unchanged corpus writes nothing.

A few fresh articles take a fast path first (`index.incremental`): they are fitted into the
cached analysis and committed with their entities and engagement, so they are searchable
within a fraction of a second; then the full analysis runs and corrects, in a second commit,
whatever the fast path got differently. A cache left provisional (by `reconcile=False`, or
a run killed between the two) is reconciled by the next refresh. A rebuild builds beside the
live index and swaps it in, so an interrupted rebuild leaves the previous index searchable.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import stat
import time
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from whoosh.index import Index

from index.analysis import (
    Analysis,
    CacheDamaged,
    CachedAnalysis,
    PendingAnalysis,
    Stage,
    analyse,
    journal_path,
    no_stage,
    open_analysis,
    save_analysis,
    save_extension,
)
from index.article_pool import computed_apart
from index.article_store import ArticleStore
from index.atomic_files import remove_abandoned
from index.config import Config
from index.corpus import scan_corpus_files
from index.corpus.load import _unique_id
from index.errors import BriefingError
from index.extraction_pool import read_and_extract
from index.forking import can_fork, heap_collected_again, worker_count
from index.model import Article
from index.search.article_records import ArticleRecords, record_columns
from index.search.columns import column_strings
from index.search.posting_pool import open_writer
from index.search.postings_codec import FastLoadingCodec
from index.search.schema import with_word_pairs
from index.search.store import (
    IndexDamaged,
    create_index,
    index_key,
    open_index,
    writer_lock,
)
from index.search.vocabulary import Vocabulary, words_of
from index.unindexed_files import UnindexedFile, load_memo, save_memo

Progress = Callable[[int, int, str], None]
# Whoosh pools this much before spilling sorted runs to disk: at 256 it was a third of
# a 5k ingest's peak memory (504 -> 339 MB at 64) for no measurable speed.
WRITER_MEMORY_MB = 64
# The fast path serves an update of at most this many fresh articles (or 1% of the corpus,
# if more): beyond that one full analysis costs less than two.
QUICK_MAX_ARTICLES = 50


class IndexingCancelled(BriefingError):
    """The user stopped indexing; nothing was committed."""


@dataclass
class IndexReport:
    added: int = 0
    updated: int = 0
    removed: int = 0
    skipped: int = 0
    unchanged: int = 0
    warnings: list[str] = field(default_factory=list)
    # Those of `warnings` an earlier run gave too: files remembered as indexing nothing
    # (duplicates, empty files), reported again without being read.
    repeated_warnings: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    rebuilt_because: str | None = None
    # Seconds from the start of the refresh to the commit that made the changes searchable
    # (with entities and engagement); None when nothing was written.
    searchable_after_s: float | None = None
    provisional: bool = False  # the analysis is the fast path's, not yet reconciled
    reconciled: int = 0  # articles whose entity or engagement fields the full analysis corrected

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    @property
    def new_warnings(self) -> list[str]:
        """The warnings no earlier run gave, in order."""
        repeated = set(self.repeated_warnings)
        return [warning for warning in self.warnings if warning not in repeated]

    def to_json(self) -> dict:
        return {
            "added": self.added,
            "updated": self.updated,
            "removed": self.removed,
            "skipped": self.skipped,
            "unchanged": self.unchanged,
            "warnings": list(self.warnings),
            "repeated_warnings": len(self.repeated_warnings),
            "duplicates": [{"duplicate": d, "kept": k} for d, k in self.duplicates],
            "rebuilt_because": self.rebuilt_because,
            "searchable_after_s": self.searchable_after_s,
            "provisional": self.provisional,
            "reconciled": self.reconciled,
        }


@dataclass(slots=True)
class _Fresh:
    """A fresh article to write (its text and mentions wait in the `ArticleStore`)."""

    id: str
    key: str  # its file's path under the corpus
    signature: str
    file_hash: str


@dataclass
class _IndexedFile:
    signature: str
    file_hash: str
    article_ids: list[str]


def file_signature(path: Path | str) -> str:
    info = os.stat(path)
    return f"{info.st_size}:{info.st_mtime_ns}"


def _hash_file(path: Path | str) -> str:
    digest = hashlib.sha256()
    # Only regular files: a FIFO would block the open, /dev/zero would never end.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError(errno.EINVAL, "not a regular file (a pipe, device or socket)", str(path))
    with os.fdopen(fd, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def refresh(
    config: Config,
    rebuild: bool = False,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    wait_seconds: float = 10.0,
    searchable: Callable[[], None] | None = None,
    reconcile: bool = True,
    stage: Stage | None = None,
) -> IndexReport:
    """Bring the index at `config.index_dir` to the corpus at `config.corpus`.

    `searchable` is called when the fast path has committed a few new articles and saved
    their provisional analysis, before the full analysis runs: a reader opened then sees
    them with their entities and engagement. `reconcile=False` skips that analysis and
    leaves the provisional one (the next refresh reconciles it). Other refreshes save
    their analysis last and do not call it."""
    if not config.corpus.is_dir():
        raise BriefingError(f"{config.corpus}: corpus folder not found")
    report = IndexReport()
    started = time.perf_counter()
    stage = stage or no_stage

    def committed(readable: bool) -> None:
        """The changes are committed; `readable`: with the analysis a reader needs saved
        already, and more work to come, so the caller may show them before it returns."""
        report.searchable_after_s = round(time.perf_counter() - started, 4)
        if searchable and readable:
            searchable()

    try:
        with writer_lock(config.index_dir, wait_seconds):
            _recover_interrupted_swap(config.index_dir)
            _remove_abandoned_files(config)
            ix = None
            if not rebuild:
                try:
                    ix = open_index(config.index_dir)
                except IndexDamaged as damage:
                    report.rebuilt_because = f"index was unreadable ({damage}); rebuilt it"
                    report.warnings.append(f"{config.index_dir}: {report.rebuilt_because}")
            if ix is None:
                _build_beside(config, report, progress, cancelled, committed, stage)
            else:
                analysed = _update(
                    ix, config, report, progress, cancelled, stage, committed, reconcile
                )
                if analysed is None and reconcile:
                    analysed = _reconcile_if_needed(ix, config, report, stage)
                if analysed is not None:
                    stage("saving the analysis")
                    _save_analysed(config, analysed, index_key(ix), report)
    except OSError as error:
        # A full disk, a read-only or vanished folder: the write failed before the commit
        # (Whoosh renames its table of contents last), so readers still have the old index.
        reason = error.strerror or type(error).__name__
        where = f": {error.filename}" if error.filename else ""
        raise BriefingError(
            f"{config.index_dir}: cannot write the index ({reason}{where}); "
            "the previous index is unchanged"
        ) from None
    finally:
        heap_collected_again()
    return report


def _unreadable(report: IndexReport, path: Path | str, error: OSError, indexed) -> None:
    """Unreadable now: keep what the index has, warn, and try again next run."""
    report.warnings.append(f"{path}: unreadable ({error.strerror or error})")
    report.skipped += 1
    if indexed is not None:
        report.unchanged += len(indexed.article_ids)


def _replay_unindexed(
    memo: dict[str, UnindexedFile],
    remembered: dict[str, tuple[str, str]],
    kept_hashes: dict[str, str],
    report: IndexReport,
    to_read: list[tuple[str, str, str, str]],
) -> dict[str, UnindexedFile]:
    """Report again the unchanged files that indexed nothing, without reading them; those
    whose report no longer holds join `to_read`. Returns the memo entries that still hold."""
    still: dict[str, UnindexedFile] = {}
    for key, (path, signature) in remembered.items():
        entry = memo[key]
        if entry.still_holds(signature, kept_hashes):
            report.warnings.extend(entry.warnings)
            report.repeated_warnings.extend(entry.warnings)
            report.skipped += entry.no_articles
            report.duplicates.extend((article_id, kept) for article_id, _, kept in entry.duplicates)
            still[key] = entry
            continue
        try:
            to_read.append((key, path, signature, _hash_file(path)))
        except OSError as error:
            _unreadable(report, path, error, None)
    return still


def _save_memo(config: Config, memo: dict[str, UnindexedFile], report: IndexReport) -> None:
    try:
        save_memo(config.unindexed_path, memo, config.max_article_bytes)
    except OSError as error:
        report.warnings.append(
            f"{config.unindexed_path}: cannot save the list of files that indexed nothing "
            f"({error.strerror or error}); they will be read again next time"
        )


def _save_analysis(config: Config, analysis: Analysis, report: IndexReport) -> None:
    """Write the analysis cache; after a commit a failure here only costs a recomputation."""
    try:
        save_analysis(config.analysis_path, analysis)
        _drop_json_cache(config)
    except OSError as error:
        _cache_not_saved(config, error, report)


def _remove_abandoned_files(config: Config) -> None:
    """Delete what killed writers left beside the index: an analysis a refresh wrote before
    its commit, or a cache, journal or list of unindexed files half-written. The caller
    holds the writer lock, under which alone a pending analysis is written and finished."""
    for path in (config.analysis_path, journal_path(config.analysis_path), config.unindexed_path):
        remove_abandoned(path)


def _drop_json_cache(config: Config) -> None:
    # The cache's name before it was a pickle: 50 MB at 50k articles, never read now.
    config.analysis_path.with_name("analysis.json").unlink(missing_ok=True)


@dataclass
class _Analysed:
    """A full analysis as the index write needs it; the analysis itself waits on disk
    (`pending`, None if it could not be written: `unsaved` says why)."""

    fields_of: _EntityFields
    engagement_of: dict[str, str]
    pending: PendingAnalysis | None
    unsaved: OSError | None = None

    def discard(self) -> None:
        if self.pending is not None:
            self.pending.discard()


def _analysed_apart(
    store: ArticleStore, config: Config, vocabulary: Vocabulary | None, stage: Stage
) -> _Analysed:
    """The full analysis of `store`, in a child process when the corpus is large: only the
    entity fields and engagements the index write needs come back; the analysis is written
    out pending its commit (`PendingAnalysis`). Computed in the indexing process, the
    analysis and the arenas its steps freed stayed there through the write, 250 MB of it
    at 50k articles, and deleting the analysis gave none of them back to the system.
    `vocabulary`: the corpus's, if known (else it is counted)."""

    def compute(stage: Stage) -> _Analysed:
        analysis = _analyse(store, config, stage)
        analysis.vocabulary = vocabulary if vocabulary is not None else Vocabulary.of(store)
        try:
            pending, unsaved = PendingAnalysis.write(config.analysis_path, analysis), None
        except OSError as error:
            pending, unsaved = None, error
        return _Analysed(_EntityFields(analysis), analysis.engagement_of_article, pending, unsaved)

    return computed_apart(compute, store, stage)


def _save_analysed(config: Config, analysed: _Analysed, key: str, report: IndexReport) -> None:
    """Put the pending analysis in place as the cache of commit `key`."""
    if analysed.pending is None:
        _cache_not_saved(config, analysed.unsaved, report)
        return
    analysed.pending.index_key = key
    try:
        analysed.pending.save()
        _drop_json_cache(config)
    except OSError as error:
        _cache_not_saved(config, error, report)


def _save_extension(
    config: Config,
    cached: Analysis,
    extended: Analysis,
    words: Vocabulary,
    edited: bool,
    report: IndexReport,
) -> None:
    """Write the fast path's analysis as a journal of what it changed in `cached`, or whole
    if a journal cannot say it: after an edit (the edited article's old entities and
    engagement go, and a journal only adds and replaces), or if `save_extension` declines."""
    if edited:
        _save_analysis(config, extended, report)
        return
    try:
        if save_extension(config.analysis_path, cached, extended, words.counts):
            return
    except OSError as error:
        _cache_not_saved(config, error, report)
        return
    _save_analysis(config, extended, report)


def _cache_not_saved(config: Config, error: OSError, report: IndexReport) -> None:
    report.warnings.append(
        f"{config.analysis_path}: cannot save the analysis cache "
        f"({error.strerror or error}); it will be recomputed when read"
    )


def _recover_interrupted_swap(index_dir: Path) -> None:
    """Finish or undo a rebuild swap that a kill interrupted between its two renames."""
    previous = index_dir.with_name(index_dir.name + ".previous")
    if previous.exists():
        if index_dir.exists():
            shutil.rmtree(previous, ignore_errors=True)
        else:
            os.replace(previous, index_dir)
    shutil.rmtree(index_dir.with_name(index_dir.name + ".building"), ignore_errors=True)


def _build_beside(
    config: Config, report: IndexReport, progress, cancelled, committed, stage: Stage
) -> None:
    live = config.index_dir
    building = live.with_name(live.name + ".building")
    try:
        ix = create_index(building)
        analysed = _update(ix, config, report, progress, cancelled, stage)
        key = index_key(ix)
        ix.close()
    except BaseException:
        # Free the space now (a full disk is a likely cause), not at the next run.
        shutil.rmtree(building, ignore_errors=True)
        raise
    if live.exists():
        previous = live.with_name(live.name + ".previous")
        os.replace(live, previous)
        try:
            os.replace(building, live)
        except BaseException:
            os.replace(previous, live)
            raise
        shutil.rmtree(previous, ignore_errors=True)
    else:
        os.replace(building, live)
    if analysed is not None:
        committed(readable=False)  # the analysis is saved below
        # The cache names the commit it belongs to, so a kill before this line only costs a
        # recomputation on the next open.
        stage("saving the analysis")
        _save_analysed(config, analysed, key, report)


@dataclass
class _StoredArticle:
    """What change detection needs of an indexed document: never its text."""

    path: str
    content_hash: str


def _indexed_files(ix: Index) -> tuple[dict[str, _IndexedFile], dict[str, _StoredArticle]]:
    files: dict[str, _IndexedFile] = {}
    stored: dict[str, _StoredArticle] = {}
    with ix.searcher() as searcher:
        reader = searcher.reader()
        if not reader.doc_count_all():
            return files, stored  # a new index has no columns to read
        ids, paths, signatures, file_hashes, content_hashes = (
            column_strings(reader, name)
            for name in ("id", "path", "signature", "file_hash", "content_hash")
        )
        live = set(reader.all_doc_ids()) if reader.has_deletions() else None
        for docnum, (article_id, path) in enumerate(zip(ids, paths, strict=True)):
            if live is not None and docnum not in live:
                continue
            stored[article_id] = _StoredArticle(path, content_hashes[docnum])
            entry = files.get(path)
            if entry is None:
                entry = files[path] = _IndexedFile(signatures[docnum], file_hashes[docnum], [])
            entry.article_ids.append(article_id)
    return files, stored


def _stored_documents(
    ix: Index, only: set[str] | None = None
) -> Iterator[tuple[dict, Article, list]]:
    """Each live document's stored fields, article and mentions (of the ids in `only`, if
    given), one at a time: at 50k articles all of them at once took gigabytes."""
    with ix.searcher() as searcher:
        records = ArticleRecords(searcher)
        for docnum, fields in searcher.reader().iter_docs():
            if only is None or fields["id"] in only:
                yield fields, records.article(docnum), records.mentions(docnum)


def _update(
    ix: Index,
    config: Config,
    report: IndexReport,
    progress: Progress | None,
    cancelled: Callable[[], bool] | None,
    stage: Stage = no_stage,
    committed: Callable[[bool], None] | None = None,
    reconcile: bool = True,
) -> _Analysed | None:
    """Write the corpus's differences in one commit; the new analysis to save, or None if
    unchanged.

    A few fresh articles against a current cache take the fast path instead: one commit
    with the provisional analysis, then (if `reconcile`) the full one's corrections."""
    indexed, stored = _indexed_files(ix)
    # Keyed by the path under the corpus, so a moved or copied corpus is not re-indexed.
    on_disk = scan_corpus_files(config.corpus)

    memo = load_memo(config.unindexed_path, config.max_article_bytes)
    remembered: dict[str, tuple[str, str]] = {}

    removed_paths = [p for p in indexed if p not in on_disk]
    to_read: list[tuple[str, str, str, str]] = []
    for key, where in on_disk.items():
        try:
            signature = file_signature(where)
            previous = indexed.get(key)
            if previous and previous.signature == signature:
                report.unchanged += len(previous.article_ids)
                continue
            if previous is None and key in memo and memo[key].signature == signature:
                remembered[key] = (where, signature)  # checked once kept_hashes is known
                continue
            file_hash = _hash_file(where)
        except OSError as error:
            _unreadable(report, Path(where), error, indexed.get(key))
            continue
        if previous and previous.file_hash == file_hash:
            report.unchanged += len(previous.article_ids)
            continue
        # Paths as strings: a Path object per file was 20 MB of the indexing process at 50k
        # files, held through the build and shared by every process forked from it.
        to_read.append((key, where, signature, file_hash))

    reading = {key for key, _, _, _ in to_read}
    kept_hashes = {
        known.content_hash: article_id
        for article_id, known in stored.items()
        if known.path in on_disk and known.path not in reading
    }
    # x.txt and x.md both want id "x": as in load_corpus, the later one keeps its suffix.
    taken_ids = {
        article_id: known.path
        for article_id, known in stored.items()
        if known.path in on_disk and known.path not in reading
    }
    unindexed = _replay_unindexed(memo, remembered, kept_hashes, report, to_read)
    # In key order, as a clean build reads them: the first of two duplicates is kept.
    to_read.sort(key=lambda item: item[0])
    reading = {key for key, _, _, _ in to_read}
    # Fresh articles wait compressed, with their mentions, until they are written.
    store = ArticleStore(spill_dir=config.index_dir.parent)
    fresh: list[_Fresh] = []
    # Counted while the workers read (this process mostly waits on them meanwhile).
    fresh_words = Vocabulary()
    results = read_and_extract(
        [path for _, path, _, _ in to_read], config.corpus, config.max_article_bytes
    )
    for done, ((key, path, signature, file_hash), (result, extracted)) in enumerate(
        zip(to_read, results, strict=True), start=1
    ):
        if cancelled and cancelled():
            results.close()  # stops the workers now, not when the generator is collected
            raise IndexingCancelled("indexing cancelled; the previous index is unchanged")
        first_warning = len(report.warnings)
        report.warnings.extend(str(w) for w in result.warnings)
        if not result.articles:
            report.skipped += 1
        duplicates: list[tuple[str, str, str]] = []
        for article, mentions in extracted:
            kept = kept_hashes.get(article.content_hash)
            if kept is not None and kept != article.id:
                report.duplicates.append((article.id, kept))
                report.warnings.append(f"{article.path}: duplicate of {kept}; indexed once")
                duplicates.append((article.id, article.content_hash, kept))
                continue
            if taken_ids.get(article.id, article.path) != article.path:
                unique = _unique_id(article, Path(path), taken_ids)
                report.warnings.append(
                    f"{article.path}: id {article.id!r} already used by "
                    f"{taken_ids[article.id]}; using {unique!r}"
                )
                article.id = unique
            taken_ids[article.id] = article.path
            kept_hashes[article.content_hash] = article.id
            store.add(article, mentions)
            fresh_words.add(words_of(article))
            fresh.append(_Fresh(article.id, key, signature, file_hash))
        if len(duplicates) == len(extracted):  # the file indexed nothing
            unindexed[key] = UnindexedFile(
                signature, not result.articles, report.warnings[first_warning:], duplicates
            )
        if progress:
            progress(done, len(to_read), path)
    if unindexed != memo:
        _save_memo(config, unindexed, report)

    replaced_paths = reading | set(removed_paths)
    surviving = {i for i, known in stored.items() if known.path not in replaced_paths}
    fresh_ids = {item.id for item in fresh}
    report.added = sum(1 for i in fresh_ids if i not in stored)
    report.updated = sum(1 for i in fresh_ids if i in stored)
    report.removed = sum(1 for i in stored if i not in surviving and i not in fresh_ids)
    if not fresh and not report.removed:
        return None

    previous = open_analysis(config.analysis_path)
    if previous is not None and previous.index_key != index_key(ix):
        previous.close()
        previous = None
    gone = set(stored) - surviving
    try:
        vocabulary = _updated_vocabulary(ix, previous, gone, fresh_words)
        cached = _quick_base(previous, len(fresh), len(surviving) + len(fresh))
    except CacheDamaged:
        vocabulary, cached = None, None  # the full analysis counts the words itself
    finally:
        if previous is not None:
            previous.close()
    # Held through the full analysis, the previous one doubled its memory: a large
    # update reads only its vocabulary.
    del previous
    if cached is not None:
        from index.incremental import extend_analysis

        stage("adding to the analysis")
        with ix.searcher() as searcher:
            analysis = extend_analysis(
                cached,
                [store.get(item.id) for item in fresh],
                {item.id: store.mentions_of(item.id) for item in fresh},
                gone,
                searcher,
                config.aliases,
            )
        analysis.vocabulary = vocabulary
        stage("writing the index")
        fields_of = _EntityFields(analysis, {item.id for item in fresh})
        engagement_of = analysis.engagement_of_article
        _write(ix, replaced_paths, fresh, store, fields_of, engagement_of, None, cancelled)
        analysis.index_key = index_key(ix)
        stage("saving the analysis")
        _save_extension(config, cached, analysis, fresh_words, bool(gone), report)
        del cached
        if committed:
            committed(readable=True)
        if not reconcile:
            report.provisional = True
            return None  # saved already: nothing left for the caller to write
        del analysis, store
        return _reconcile(ix, config, report, stage, vocabulary)

    if surviving:
        stage("reading back the unchanged articles")
    indexed = _read_back(ix, store, surviving)
    analysed = _analysed_apart(store, config, vocabulary, stage)
    stage("writing the index")
    try:
        _write(
            ix,
            replaced_paths,
            fresh,
            store,
            analysed.fields_of,
            analysed.engagement_of,
            indexed,
            cancelled,
        )
    except BaseException:
        analysed.discard()
        raise
    if committed:
        committed(readable=False)  # the caller saves the analysis
    return analysed


def _quick_base(previous: CachedAnalysis | None, fresh: int, corpus: int) -> Analysis | None:
    """The cached analysis to extend, if the fast path serves this update."""
    if previous is None or not fresh or fresh > max(QUICK_MAX_ARTICLES, corpus // 100):
        return None
    return previous.whole()


def _updated_vocabulary(
    ix: Index, previous: CachedAnalysis | None, gone: set[str], fresh_words: Vocabulary
) -> Vocabulary | None:
    """The previous analysis's vocabulary less the articles that went, plus the fresh ones;
    None without a current previous analysis (the caller counts every article then)."""
    if previous is None and not ix.doc_count_all():
        return fresh_words  # a new index: the fresh articles are all of it
    if previous is None:
        return None
    vocabulary = Vocabulary(previous.vocabulary.counts)
    if gone:
        with ix.searcher() as searcher:
            records = ArticleRecords(searcher)
            # By id, not by walking every document: a few go, the corpus stays.
            for article_id in sorted(gone):
                article = records.article_by_id(article_id)
                if article is not None:
                    vocabulary.remove(words_of(article))
    vocabulary.counts.update(fresh_words.counts)
    return vocabulary


def _write(
    ix: Index,
    replaced_paths: set[str],
    fresh: list[_Fresh],
    store: ArticleStore,
    fields_of: _EntityFields,
    engagement_of: dict[str, str],
    surviving: dict[str, bytes] | None,
    cancelled: Callable[[], bool] | None,
) -> None:
    """One commit: the fresh documents with their analysis fields, and those of the
    `surviving` documents (by id, a digest of their analysis fields) whose entity names or
    engagement moved.

    A large write's sub-writers are forked now, after the analysis, which ran in a child
    (`_analysed_apart`): from a 50k build's indexing process of about 100 MB they cost 28 MB
    more through the write than sub-writers forked before the corpus was read, and those
    had shown 58 MB through the reading and the analysis, story grouping's peak included.
    (When the analysis was computed here, from a process of 250 MB, sub-writers forked
    now had cost 218 MB the moment they started.)"""
    writer = _writer(ix, len(fresh))
    try:
        for path in sorted(replaced_paths):
            writer.delete_by_term("path", path)
        for item in fresh:
            writer.add_document(
                **_document(
                    store.get(item.id),
                    item.key,
                    item.signature,
                    item.file_hash,
                    store.mentions_of(item.id),
                ),
                **fields_of.get(item.id, {}),
                engagement=engagement_of.get(item.id, ""),
            )
        if surviving:
            _update_fields(writer, ix, surviving, fields_of, engagement_of)
        if cancelled and cancelled():
            raise IndexingCancelled("indexing cancelled; the previous index is unchanged")
        writer.commit()
    except BaseException:
        writer.cancel()
        raise


def _writer(ix: Index, documents: int = 0):
    """A Whoosh writer; for a large batch, one that analyses and writes on every core.

    `writer_lock` is the one writer lock. Whoosh's own WRITELOCK would stay held for the
    life of the process if creating the writer failed (e.g. a full disk), so that every
    later refresh in the app raised LockError.

    Segments are left as separate files, not packed into one compound file: Whoosh reads a
    compound file's parts through BytesIO, which copies each part into memory (the 392 MB
    segment of a 50k index became 360 MB of a reader's memory); separate files are read
    through the page cache.

    Postings are written by `FastLoadingCodec`, whose blocks a search decodes several
    times faster; sub-writers and merges write with the codec they are given. Their pools
    of postings spill to disk in batches (`posting_pool`)."""
    workers = worker_count(documents)
    codec = FastLoadingCodec()
    if workers > 1 and can_fork():  # Whoosh's sub-writers are forked processes
        # One segment per worker, not merged: merging them would cost what the workers saved
        # (1k articles: 12.9 -> 8.2 s). Later commits merge small segments as usual.
        return open_writer(
            ix,
            procs=workers,
            multisegment=True,
            limitmb=WRITER_MEMORY_MB,
            # Each sub-writer pools its own postings: together as much as one writer.
            subargs={
                "limitmb": WRITER_MEMORY_MB / workers,
                "compound": False,
                "codec": codec,
            },
            compound=False,
            codec=codec,
            _lk=False,
        )
    return open_writer(ix, limitmb=WRITER_MEMORY_MB, compound=False, codec=codec, _lk=False)


def _update_fields(
    writer, ix: Index, indexed: dict[str, bytes], fields_of: _EntityFields, engagement_of: dict
) -> int:
    """Rewrite the documents whose entity names or engagement (`indexed`: by id, the digest
    of what `_read_back` found) differ from the analysis. Only those are read again."""
    changed = 0
    with ix.searcher() as searcher:
        records = ArticleRecords(searcher)
        for article_id, found in indexed.items():
            wanted = {**_empty_entity_fields(), **fields_of.get(article_id, {})}
            wanted["engagement"] = engagement_of.get(article_id, "")
            if _fields_digest(wanted) == found:
                continue
            docnum = records.number_of(article_id)
            stored = searcher.stored_fields(docnum)
            document = {k: v for k, v in stored.items() if k not in wanted}
            document.update(records.raw_columns(docnum))
            writer.update_document(**with_word_pairs(document), **wanted)
            changed += 1
    return changed


def _reconcile_if_needed(
    ix: Index, config: Config, report: IndexReport, stage: Stage
) -> _Analysed | None:
    """`_reconcile` when the documents' analysis fields may differ from a full analysis:
    the cache is missing, of another commit (a run killed after its commit), or
    provisional. None when the cache is current and exact."""
    cached = open_analysis(config.analysis_path)
    current = cached is not None and cached.index_key == index_key(ix)
    try:
        if current and not cached.provisional:
            return None  # its table of contents says so: no part of it is read
        vocabulary = cached.vocabulary if current else None  # the articles have not changed
    except CacheDamaged:
        vocabulary = None
    finally:
        if cached is not None:
            cached.close()
    del cached
    return _reconcile(ix, config, report, stage, vocabulary)


def _reconcile(
    ix: Index,
    config: Config,
    report: IndexReport,
    stage: Stage,
    vocabulary: Vocabulary | None = None,
) -> _Analysed:
    """The full analysis of the index as it stands, and a commit of the documents whose
    fields it reads differently (none if the fast path got them all right). `vocabulary`:
    the index's, if known (else it is counted)."""
    store = ArticleStore(spill_dir=config.index_dir.parent)
    stage("reading back the indexed articles")
    indexed = _read_back(ix, store)
    analysed = _analysed_apart(store, config, vocabulary, stage)
    del store
    stage("correcting the articles' entity fields")
    writer = _writer(ix)
    try:
        report.reconciled = _update_fields(
            writer, ix, indexed, analysed.fields_of, analysed.engagement_of
        )
        if report.reconciled:
            writer.commit()
        else:
            writer.cancel()
    except BaseException:
        writer.cancel()
        analysed.discard()
        raise
    return analysed


def _read_back(ix: Index, store: ArticleStore, only: set[str] | None = None) -> dict[str, bytes]:
    """Add the articles and entity mentions stored in the index's documents (of the ids in
    `only`, if given) to `store`, so the analysis never re-reads or re-extracts files that
    have not changed. Returns a digest of each document's analysis fields, by id, so that
    comparing them with the new analysis does not read every document a second time."""
    indexed: dict[str, bytes] = {}
    for fields, article, mentions in _stored_documents(ix, only):
        store.add(article, mentions)
        indexed[fields["id"]] = _fields_digest(fields)
    return indexed


def _fields_digest(fields: dict[str, str]) -> bytes:
    """The analysis fields of a document, as a digest: the fields themselves, held for
    every document of a 50k corpus through its whole analysis, were 40 MB."""
    joined = "\x1f".join(fields.get(name, "") for name in ANALYSIS_FIELDS)
    return hashlib.blake2b(joined.encode("utf-8"), digest_size=16).digest()


def _analyse(store: ArticleStore, config: Config, stage: Stage = no_stage) -> Analysis:
    """The analysis depends on the order articles come in (which engagement an article is
    filed under, say); an update lists unchanged articles first, a build in scan order.
    The store yields them in id order, so an updated index equals a clean build."""
    return analyse(store, store.mentions, config.aliases, stage)


def write_analysis(ix: Index, config: Config) -> Analysis:
    """The analysis of the live index computed from its documents, and saved."""
    store = ArticleStore(spill_dir=config.index_dir.parent)
    _read_back(ix, store)
    try:
        analysis = _analyse(store, config)
    finally:
        heap_collected_again()  # its workers are gone
    analysis.vocabulary = Vocabulary.of(store)
    analysis.index_key = index_key(ix)
    # A reader cannot tell whether the documents' fields match this analysis (the run
    # that committed them may have been killed before its cache): the next refresh checks.
    analysis.provisional = True
    try:
        save_analysis(config.analysis_path, analysis)
    except OSError:
        pass  # only a cache: a reader on a full disk still gets its analysis
    return analysis


def ensure_analysis(ix: Index, config: Config) -> Analysis | CachedAnalysis:
    """The cached analysis of the live index, each part read when asked for; recomputed
    whole if it belongs to another commit. A part that cannot be read raises
    `CacheDamaged`: the caller recomputes with `write_analysis`."""
    cached = open_analysis(config.analysis_path)
    if cached is not None and cached.index_key == index_key(ix):
        return cached
    if cached is not None:
        cached.close()
    return write_analysis(ix, config)


ANALYSIS_FIELDS = ("people", "orgs", "places", "engagement")


def _empty_entity_fields() -> dict[str, str]:
    return {"people": "", "orgs": "", "places": ""}


class _EntityFields:
    """people/orgs/places keyword values of each article (of those in `only`, if given):
    canonical names plus every alias, so `person:austin` finds the articles about Lloyd Austin.

    Joined when an article's document is written, not for every article at once: held as
    strings for the whole write, a 50k corpus's fields were 67 MB of the writing process."""

    _FIELD_OF_TYPE = {"person": "people", "organization": "orgs", "place": "places"}

    def __init__(self, analysis: Analysis, only: set[str] | None = None):
        self._forms: list[tuple[str, tuple[str, ...]]] = []  # per entity: field, names
        self._entities_of: dict[str, array] = {}  # article id -> indexes into _forms
        for entity in analysis.entities:
            if only is not None and only.isdisjoint(entity.mentions):
                continue
            forms = {entity.name, *entity.aliases}
            if entity.type == "person":
                # `person:paparo` should find Samuel Paparo even if no article says "Paparo".
                forms.update(w for w in entity.name.replace(".", " ").split() if len(w) > 1)
            cleaned = tuple({form.replace(",", " ").strip().lower() for form in forms})
            entity_index = len(self._forms)
            self._forms.append((self._FIELD_OF_TYPE[entity.type], cleaned))
            for article_id in entity.mentions:
                if only is None or article_id in only:
                    self._entities_of.setdefault(article_id, array("I")).append(entity_index)

    def get(self, article_id: str, default: dict[str, str] | None = None) -> dict[str, str] | None:
        found = self._entities_of.get(article_id)
        if found is None:
            return default
        by_field: dict[str, set[str]] = {}
        for entity_index in found:
            field_name, forms = self._forms[entity_index]
            by_field.setdefault(field_name, set()).update(forms)
        return {name: ",".join(sorted(values)) for name, values in by_field.items()}


def _document(article: Article, key: str, signature: str, file_hash: str, mentions: list) -> dict:
    published = article.published
    document = {
        "id": article.id,
        "path": key,
        "file_hash": file_hash,
        "title": article.title,
        "source": article.source or "",
        "published": datetime(published.year, published.month, published.day)
        if published
        else None,
        "body": article.body,
        "content_hash": article.content_hash,
        "signature": signature,
        **record_columns(article, mentions),
    }
    # Whoosh cannot index None in a DATETIME field: an undated article simply has none.
    return with_word_pairs({k: v for k, v in document.items() if v is not None})
