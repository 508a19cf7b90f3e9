"""Files replaced whole or not at all (`index.atomic_files`): a failed write leaves the old
file and no temporary one, and only temporaries whose writer has ended are cleaned up."""

from __future__ import annotations

import os
import subprocess

import pytest

from index.atomic_files import remove_abandoned, write_atomically


def _ended_process_id() -> int:
    ended = subprocess.Popen(["true"])
    ended.wait()
    return ended.pid


def test_a_write_that_fails_leaves_the_old_file_and_no_temporary(tmp_path):
    path = tmp_path / "analysis.pickle"
    path.write_bytes(b"old")

    def fails_halfway(handle):
        handle.write(b"new, but only half")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        write_atomically(path, fails_halfway)

    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["analysis.pickle"]


def test_a_write_replaces_the_file_whole(tmp_path):
    path = tmp_path / "deeper" / "analysis.pickle"

    write_atomically(path, lambda handle: handle.write(b"new"))

    assert path.read_bytes() == b"new"
    assert sorted(p.name for p in path.parent.iterdir()) == ["analysis.pickle"]


def test_only_the_temporaries_of_ended_writers_of_the_file_are_removed(tmp_path):
    path = tmp_path / "analysis.pickle"
    ended, running = _ended_process_id(), os.getpid()
    abandoned = [f".analysis.pickle.{ended}.tmp", f".analysis.pickle.{ended}.pending"]
    kept = [
        "analysis.pickle",
        f".analysis.pickle.{running}.tmp",  # a reader saving the cache right now
        f".other.pickle.{ended}.tmp",  # another file's, in what may be a user's folder
        f".analysis.pickle.{ended}.swp",
        f".analysis.pickle.x{ended}.tmp",
        f"analysis.pickle.{ended}.tmp",
    ]
    for name in abandoned + kept:
        (tmp_path / name).write_bytes(b"x")

    removed = remove_abandoned(path)

    assert sorted(p.name for p in removed) == sorted(abandoned)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(kept)
