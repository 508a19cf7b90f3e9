"""When briefing may fork worker processes, how many, and how they leave the parent's memory.

Every pool of workers in briefing (reading files, reading articles for the analysis,
Whoosh's sub-writers) forks, so that workers start at once with what the parent has loaded.
Forking is safe only from a process with one thread (the CLI): a fork copies locks that
other threads may be holding. A threaded process works in one process; spawning instead
would re-import the caller's main module in every worker, which a script without a
`__main__` guard does not survive. The app, which has threads, therefore refreshes in a
fresh interpreter of its own (`index.refresh_apart`), which forks.

Every child forked here dies with its parent. Pool workers and Whoosh's sub-writers wait on
pipes whose writing ends they hold themselves, so a parent killed by `kill -9` or the
kernel's out-of-memory killer would leave them asleep for good, holding their share of the
corpus's memory.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
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


# prctl(2)'s option that has the kernel signal a process when its parent exits.
_PR_SET_PDEATHSIG = 1
_parent_at_fork = 0
_prctl = None


def _note_parent_before_fork() -> None:
    global _parent_at_fork, _prctl
    _parent_at_fork = os.getpid()
    if _prctl is None:
        # Loaded at the first fork, not at import: `briefing search` never forks.
        import ctypes

        _prctl = ctypes.CDLL(None, use_errno=True).prctl


def _die_with_parent() -> None:
    """In a freshly forked child: be killed when the parent exits, however it exits."""
    if _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL) != 0:
        return  # no such option (not Linux): the child outlives its parent as before
    if os.getppid() != _parent_at_fork:
        # The parent died between the fork and the line above, before the kernel knew to
        # signal this child.
        os.kill(os.getpid(), signal.SIGKILL)


if sys.platform.startswith("linux"):
    # Run at every fork of the Python process (pools, Whoosh's sub-writers, a forked
    # compute), not at `subprocess` launches, which do not come back into Python.
    os.register_at_fork(before=_note_parent_before_fork, after_in_child=_die_with_parent)
