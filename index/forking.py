"""When briefing may fork worker processes, how many, and how they leave the parent's memory.

Every pool of workers in briefing (reading files, reading articles for the analysis,
Whoosh's sub-writers) forks, so that workers start at once with what the parent has loaded.
Forking is safe only from a process with one thread (the CLI): a fork copies locks that
other threads may be holding. A threaded process works in one process; spawning instead
would re-import the caller's main module in every worker, which a script without a
`__main__` guard does not survive. The app, which has threads, therefore refreshes in a
fresh interpreter of its own (`index.refresh_apart`), which forks.
"""

from __future__ import annotations

import contextlib
import gc
import os
import threading

# Below this many files (or articles) one process is faster than starting workers.
POOL_MIN_FILES = 300
MAX_WORKERS = 4


_frozen_by_forks = False


@contextlib.contextmanager
def heap_left_to_children():
    """Fork workers inside this: what the parent holds now is kept out of garbage
    collections, the children's and the parent's, until `heap_collected_again`.

    A forked child shares the parent's memory until either writes to a page, and a
    collection writes to every object it visits. In a child that allocates, as Whoosh's
    sub-writers do all through a build, collections soon copy every page of the parent's
    objects. In the parent they do the same from the other side: the parent gets new
    copies and each page it touched stays behind in the children alone. Whoosh's
    sub-writers live through a whole build, so the parent stays frozen until the build
    ends (Python's documentation of `gc.freeze` recommends the same): at 50k articles,
    unfrozen after each fork, the build's peak was 25 MB higher. Objects frozen are still
    freed when their last reference goes; only a cycle among them waits for the thaw."""
    global _frozen_by_forks
    gc.freeze()
    _frozen_by_forks = True
    yield


def heap_collected_again() -> None:
    """Give what forks froze back to the collector, once the workers sharing it are gone.
    A process that never forked (the app, which freezes its own analysis) is untouched."""
    global _frozen_by_forks
    if _frozen_by_forks:
        gc.unfreeze()
        _frozen_by_forks = False


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
