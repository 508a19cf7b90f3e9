"""A refresh run by a fresh interpreter of its own, for a caller with threads (the app).

A process with threads must not fork (`index.forking`), so a refresh run in the app's worker
thread read, analysed and wrote in that one process, and shared its GIL with the app's
painting: rebuilding 50k articles from the app took 1,134 s. The interpreter started here
has one thread and forks its workers as `briefing index` does: 311 s from the app. The
app's own process keeps its GIL, and the child stops the moment the app cancels it: a
refresh in a thread could only stop between files, and the app's exit waited for it.

The request (config, options, how often to pass progress on) goes to the child pickled on
its stdin; progress and the outcome come back as pickles on a pipe of their own, so that
nothing a library prints can corrupt them. Both ends are this module, so the pickles are
trusted.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import queue
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from index.config import Config
from index.errors import BriefingError
from index.pipeline import IndexingCancelled, IndexReport, Progress, Stage, refresh

# How often the parent looks at `cancelled` while the child works.
POLL_SECONDS = 0.1
# After Ctrl-C (SIGINT to its process group), how long the child gets to stop its workers
# and delete a half-built index before they are all killed: 0.1-0.2 s at 5k articles,
# reading or analysing. The index survives a kill too (the next refresh deletes the rest).
STOP_GRACE_SECONDS = 2.0
# The child passes progress on at most this often, and always the last file. One message a
# file was 700 a second while a 50k corpus was read, and the app, unpickling and showing
# each, answered keys in p95 50-58 ms; throttled, 28-30 ms.
PROGRESS_EVERY_SECONDS = 0.05


def refresh_apart(
    config: Config,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    searchable: Callable[[], None] | None = None,
    stage: Stage | None = None,
    **options,
) -> IndexReport:
    """`index.pipeline.refresh` in a child process, its other `options` (rebuild,
    wait_seconds, reconcile) passed on as they are. Its errors are raised here as they
    were raised there; `progress`, `stage` and `searchable` are called from this thread as
    the child reports; `cancelled()` returning true stops it with `IndexingCancelled`."""
    read_end, write_end = os.pipe()
    with tempfile.TemporaryFile() as errors:
        try:
            child = subprocess.Popen(
                _child_command(write_end),
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=errors,
                pass_fds=(write_end,),
                env=_child_environment(),
                # Its own process group: cancelling stops its forked workers with it.
                start_new_session=True,
            )
        except OSError as error:
            os.close(read_end)
            raise BriefingError(f"cannot start the indexing process ({error})") from None
        finally:
            os.close(write_end)
        messages = _messages_of(read_end)
        try:
            try:
                pickle.dump((config, options, PROGRESS_EVERY_SECONDS), child.stdin)
                child.stdin.close()
            except BrokenPipeError:
                pass  # it died at once; its stderr says why
            outcome = _follow(child, messages, progress, cancelled, searchable, stage)
        except BaseException:
            _stop(child)  # the caller's progress failed, or it was interrupted
            raise
        child.wait()
        if isinstance(outcome, IndexReport):
            return outcome
        if isinstance(outcome, BaseException):
            raise outcome
        raise BriefingError(f"indexing stopped unexpectedly: {_last_line(errors, child)}")


def _child_command(write_end: int) -> list[str]:
    # -P: not the working directory on its path, where a folder named `index` of the user's
    # would be imported instead of this package.
    return [sys.executable, "-P", "-m", "index.refresh_apart", str(write_end)]


def _child_environment() -> dict[str, str]:
    """This environment, with the folder this package was imported from first on the
    child's path: the child runs the same code, whose pickles this process reads."""
    environment = dict(os.environ)
    here = str(Path(__file__).resolve().parents[1])
    environment["PYTHONPATH"] = os.pathsep.join(
        [here, *filter(None, [environment.get("PYTHONPATH")])]
    )
    return environment


def _messages_of(read_end: int) -> queue.SimpleQueue:
    """The child's messages as they come, then None: read by a thread, so that the caller
    can look at `cancelled` while the child is silent (analysing, writing). The thread owns
    the pipe: closing it under a blocked read would wait for the read."""
    messages: queue.SimpleQueue = queue.SimpleQueue()

    def read() -> None:
        with open(read_end, "rb") as channel:
            with contextlib.suppress(EOFError, OSError, pickle.UnpicklingError):
                while True:
                    messages.put(pickle.load(channel))
        messages.put(None)

    threading.Thread(target=read, name="refresh-apart-reader", daemon=True).start()
    return messages


def _follow(
    child: subprocess.Popen,
    messages: queue.SimpleQueue,
    progress: Progress | None,
    cancelled: Callable[[], bool] | None,
    searchable: Callable[[], None] | None,
    stage: Stage | None,
) -> IndexReport | BaseException | None:
    """Pass progress on until the child sends its outcome or goes; stop it if cancelled."""
    while True:
        if cancelled and cancelled():
            _stop(child)
            return IndexingCancelled("indexing cancelled; the previous index is unchanged")
        try:
            message = messages.get(timeout=POLL_SECONDS)
        except queue.Empty:
            continue
        if message is None:
            return None
        kind, payload = message
        if kind == "progress":
            if progress:
                progress(*payload)
        elif kind == "stage":
            if stage:
                stage(payload)
        elif kind == "searchable":
            if searchable:
                searchable()
        else:
            return payload


def _stop(child: subprocess.Popen) -> None:
    """Ctrl-C to the child and its workers, as a terminal would send it; then kill whatever
    of the group is left, the workers of a child that stopped included."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(child.pid, signal.SIGINT)
    with contextlib.suppress(subprocess.TimeoutExpired):
        child.wait(STOP_GRACE_SECONDS)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(child.pid, signal.SIGKILL)
    child.wait()


def _last_line(errors: BinaryIO, child: subprocess.Popen) -> str:
    errors.seek(0)
    lines = errors.read().decode("utf-8", "replace").strip().splitlines()
    return lines[-1] if lines else f"exit status {child.returncode}"


def _serve(channel: BinaryIO) -> int:
    """The child's side: run the refresh asked on stdin and send what happens."""
    config, options, progress_every = pickle.load(sys.stdin.buffer)
    last_progress = [float("-inf")]

    def send(kind: str, payload) -> None:
        pickle.dump((kind, payload), channel)
        channel.flush()

    def progress(done: int, total: int, path: str) -> None:
        now = time.monotonic()
        if done == total or now - last_progress[0] >= progress_every:
            last_progress[0] = now
            send("progress", (done, total, path))

    def searchable() -> None:
        send("searchable", None)

    def stage(name: str) -> None:
        send("stage", name)

    try:
        report = refresh(config, progress=progress, searchable=searchable, stage=stage, **options)
    except BriefingError as error:
        send("error", error)
        return error.exit_code
    send("report", report)
    return 0


if __name__ == "__main__":
    with open(int(sys.argv[1]), "wb") as outcome_channel:
        sys.exit(_serve(outcome_channel))
