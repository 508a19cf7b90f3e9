"""Whoosh indexes hold pickles: refuse an index someone else could have written.

An index folder (or its parent, or any file in it) owned by another user or writable by
group or others is refused with one line that says why and what to do, by every command,
reading or writing, before anything is unpickled. (We run as root, so `os.chown` can hand a
folder to another user.)
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from index.errors import IndexUnsafeError
from index.facade import Briefing
from tests.faults.harness import run_briefing

OTHER_UID = 4242


@pytest.fixture
def built(seed_briefing) -> Path:
    config = seed_briefing.config.source
    assert config is not None
    return config


def _index_dir(config: Path) -> Path:
    return config.parent / "index"


def _toc(config: Path) -> Path:
    return next(_index_dir(config).glob("_MAIN_*.toc"))


def _segment(config: Path) -> Path:
    # A segment's postings: one compound .seg file, or separate files of which .pst is one.
    return next(p for p in sorted(_index_dir(config).iterdir()) if p.suffix in (".seg", ".pst"))


UNSAFE = {
    "folder writable by others": lambda c: os.chmod(_index_dir(c), 0o707),
    "folder writable by group": lambda c: os.chmod(_index_dir(c), 0o770),
    "folder owned by another user": lambda c: os.chown(_index_dir(c), OTHER_UID, -1),
    "parent writable by others": lambda c: os.chmod(c.parent, 0o777),
    "parent owned by another user": lambda c: os.chown(c.parent, OTHER_UID, -1),
    "table of contents writable by others": lambda c: os.chmod(_toc(c), 0o666),
    "table of contents owned by another user": lambda c: os.chown(_toc(c), OTHER_UID, -1),
    "segment writable by others": lambda c: os.chmod(_segment(c), 0o646),
    "segment owned by another user": lambda c: os.chown(_segment(c), OTHER_UID, -1),
}
WORDS = {
    "writable": ["writable by others", "chmod"],
    "owned": ["owned by another user", "uid 4242"],
}


@pytest.mark.parametrize("case", sorted(UNSAFE))
@pytest.mark.parametrize(
    "command", [("search", "Paparo"), ("list",), ("show", "004_0011330f49dcaf1b"), ("index",)]
)
def test_unsafe_index_is_refused_by_every_command(built, case, command):
    UNSAFE[case](built)
    done = run_briefing(built, *command)
    assert done.returncode == 1, (case, command, done.stdout)
    assert "Traceback" not in done.stderr
    line = done.stderr.strip()
    assert "\n" not in line and line.startswith("briefing: "), line
    assert "refusing" in line, line
    for word in WORDS["owned" if "owned" in case else "writable"]:
        assert word in line, line


@pytest.mark.parametrize("case", sorted(UNSAFE))
def test_unsafe_index_is_refused_in_process_before_unpickling(built, case, monkeypatch):
    import pickle

    UNSAFE[case](built)

    def no_unpickling(*args, **kwargs):
        raise AssertionError("unpickled an index that should have been refused")

    monkeypatch.setattr(pickle, "load", no_unpickling)
    monkeypatch.setattr(pickle, "loads", no_unpickling)
    with pytest.raises(IndexUnsafeError):
        Briefing.from_config_file(built).search("Paparo")


def test_a_safe_index_opens_and_the_fix_in_the_message_works(built):
    os.chmod(_index_dir(built), 0o777)
    line = run_briefing(built, "search", "Paparo").stderr
    assert "chmod go-w" in line
    os.chmod(_index_dir(built), 0o700)
    done = run_briefing(built, "search", "Paparo")
    assert done.returncode == 0 and "004_0011330f49dcaf1b" in done.stdout


def test_a_new_index_is_private(tmp_path, seed_corpus):
    from tests.conftest import write_config

    config = write_config(tmp_path, seed_corpus)
    assert run_briefing(config, "index").returncode == 0
    mode = stat.S_IMODE((tmp_path / "index").stat().st_mode)
    assert not mode & (stat.S_IWGRP | stat.S_IWOTH), oct(mode)
    for path in (tmp_path / "index").iterdir():
        assert not stat.S_IMODE(path.stat().st_mode) & stat.S_IWOTH, path


def test_symlinked_index_to_a_folder_of_another_user(built, tmp_path):
    index_dir = _index_dir(built)
    elsewhere = tmp_path / "elsewhere"
    shutil.move(index_dir, elsewhere)
    os.chown(elsewhere, OTHER_UID, -1)
    index_dir.symlink_to(elsewhere)
    done = run_briefing(built, "search", "Paparo")
    assert done.returncode == 1 and "owned by another user" in done.stderr
