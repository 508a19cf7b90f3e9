"""When briefing may fork worker processes, how many, and how they leave the parent's memory.

Every pool of workers in briefing (reading files, reading articles for the analysis,
Whoosh's sub-writers) forks, so that workers start at once with what the parent has loaded.
Forking is safe only from a process with one thread (the CLI): a fork copies locks that
other threads may be holding. A threaded process (the app refreshes in a worker thread)
works in one process; spawning instead would re-import the caller's main module in every
worker, which a script without a `__main__` guard does not survive. `briefing index` builds
a large corpus faster.
"""

from __future__ import annotations

import contextlib
import gc
import os
import threading

# Below this many files (or articles) one process is faster than starting workers.
POOL_MIN_FILES = 300
MAX_WORKERS = 4


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
