"""Files replaced whole or not at all, and the temporary files that killed writers leave.

A file is written under a temporary name beside it, `.NAME.PID.KIND`, synced to disk and
renamed over it: a reader finds the old file or the new one, never half of one. A writer
killed before the rename leaves its temporary file behind, tens of megabytes for a large
corpus's analysis; `remove_abandoned` deletes those of a file whose process has ended.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

Write = Callable[[BinaryIO], object]

_KINDS = ("tmp", "pending")


def write_atomically(path: Path, write: Write) -> None:
    """Replace `path` whole or not at all with what `write` writes to the open file: a
    large pickle is streamed to the file, never held whole in memory as bytes."""
    put_in_place(begin_atomically(path, write), path)


def write_json_atomically(path: Path, data: object) -> None:
    """`write_atomically` for a JSON value."""
    # dumps, not dump: the C encoder builds the text at once; dump streams it through the
    # pure-Python one, ten times slower on a large file.
    data = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    write_atomically(path, lambda handle: handle.write(data))


def begin_atomically(path: Path, write: Write, kind: str = "tmp") -> Path:
    """A temporary file beside `path`, holding what `write` wrote to it, for `put_in_place`
    to finish later, possibly in another process. Deleted if `write` fails."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{kind}")
    try:
        with open(temporary, "wb") as handle:
            write(handle)
    except BaseException:
        temporary.unlink(missing_ok=True)  # a half-written file on a full disk takes space
        raise
    return temporary


def put_in_place(temporary: Path, path: Path, finish: Write | None = None) -> None:
    """Let `finish` complete the `temporary` file (open for reading and writing, at its
    start), sync it and rename it over `path`. Deleted if any of that fails."""
    try:
        with open(temporary, "r+b") as handle:
            if finish is not None:
                finish(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def remove_abandoned(path: Path) -> list[Path]:
    """Delete the temporary files of `path` whose writing process has ended; the ones
    deleted. Only `path`'s own: its folder may be a user's, holding others' files.

    A temporary file that another process finishes (`begin_atomically`, then
    `put_in_place`) looks abandoned once its writer has ended: call this only where no such
    hand-over can be under way (in a refresh, under the writer lock)."""
    own = re.compile(rf"^\.{re.escape(path.name)}\.(\d{{1,7}})\.({'|'.join(_KINDS)})$")
    removed = []
    for entry in path.parent.glob(f".{glob.escape(path.name)}.*"):
        named = own.match(entry.name)
        if named and not _running(int(named.group(1))):
            with contextlib.suppress(OSError):  # left for next time: never worth failing for
                entry.unlink()
                removed.append(entry)
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True
