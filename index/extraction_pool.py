"""Read files and extract their entity mentions on every core, results in input order.

Reading, cleaning and tagging an article is independent of every other article and is most
of an ingest's time, so a large batch goes to worker processes. Small batches stay in this
process: starting workers costs more than it saves below a few hundred files.

Workers are forked, so they start at once with the name lists already loaded, and only
from a process with one thread (the CLI): a fork copies locks that other threads may be
holding. A threaded process (the app refreshes in a worker thread) reads in one process;
spawning instead would re-import the caller's main module in every worker, which a script
without a `__main__` guard does not survive. `briefing index` builds a large corpus faster.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import threading
from collections.abc import Iterator
from pathlib import Path

from index.corpus import read_article_file
from index.corpus.load import FileResult
from index.model import Article

# Below this many files one process is faster than starting workers.
POOL_MIN_FILES = 300
MAX_WORKERS = 4
_CHUNK = 8

ReadFile = tuple[FileResult, list[tuple[Article, list]]]


def read_and_extract(paths: list[Path], root: Path, max_bytes: int) -> Iterator[ReadFile]:
    """For each path, in order: the file's read result and each article with its mentions."""
    workers = worker_count(len(paths))
    if workers <= 1 or not can_fork():
        for path in paths:
            yield _read_one((path, root, max_bytes))
        return
    _warm_up()
    with heap_left_to_children():
        pool = multiprocessing.get_context("fork").Pool(workers)
    try:
        yield from pool.imap(_read_one, ((p, root, max_bytes) for p in paths), _CHUNK)
        pool.close()
    finally:
        # A cancelled or failed run leaves no worker behind.
        pool.terminate()
        pool.join()


@contextlib.contextmanager
def heap_left_to_children():
    """Fork workers inside this: what the parent holds now is kept out of the children's
    garbage collections.

    A forked child shares the parent's memory until it writes to a page, and a collection
    writes to every object it visits: a child that allocates, as Whoosh's sub-writers do
    all through a build, soon holds its own copy of every page of the parent's objects.
    Frozen, those objects are never visited in the child; the parent unfreezes its own
    as soon as the children are started."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def can_fork() -> bool:
    """Whether forking is safe: no other thread can be holding a lock the child inherits."""
    return hasattr(os, "fork") and threading.active_count() == 1


def worker_count(files: int) -> int:
    """How many processes a batch of `files` is worth: one per core, or one if it is small."""
    if files < POOL_MIN_FILES:
        return 1
    if hasattr(os, "sched_getaffinity"):
        cores = len(os.sched_getaffinity(0))
    else:
        cores = os.cpu_count() or 1
    return max(1, min(MAX_WORKERS, cores))


def _read_one(job: tuple[Path, Path, int]) -> ReadFile:
    from index.extract.entities import extract_mentions

    path, root, max_bytes = job
    result = read_article_file(path, root, max_bytes)
    return result, [(article, extract_mentions(article)) for article in result.articles]


def _warm_up() -> None:
    """Load the tagger's name lists once here, so forked workers share them."""
    from index.extract.entities import lexicon

    lexicon.given_names()
    lexicon.family_names()
    lexicon.places()
