"""A full disk while indexing: a clear one-line error, and the previous index still searchable.

The index lives on a small tmpfs (mounted here; we run as root in CI). It first holds the
seeds; then articles are added and `briefing index` runs out of space at different stages,
depending on how much room is left. Each time: exit 1 with one line that says the disk is
full, no traceback, and readers see exactly the previous index. Once space is freed, the
next `briefing index` brings the index to exactly the corpus. Where mounting is not allowed,
the same is checked by injecting ENOSPC into Whoosh's file writes, which always runs.
"""

from __future__ import annotations

import errno
import shutil
import subprocess
from pathlib import Path

import pytest

from index.errors import BriefingError
from index.facade import Briefing
from tests.conftest import SEEDS, write_config
from tests.faults.corpus import make_corpus
from tests.faults.harness import difference, fingerprint, run_briefing

ADDED = 60


def mount_tmpfs(folder: Path, kilobytes: int) -> bool:
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={kilobytes}k,mode=0700", "tmpfs", str(folder)],
        capture_output=True,
    )
    return done.returncode == 0


def remount(folder: Path, kilobytes: int) -> None:
    subprocess.run(["mount", "-o", f"remount,size={kilobytes}k", str(folder)], check=True)


def unmount(folder: Path) -> None:
    subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def used_kilobytes(folder: Path) -> int:
    usage = shutil.disk_usage(folder)
    return usage.used // 1024


@pytest.fixture(scope="module")
def full_corpus(tmp_path_factory) -> Path:
    """Seeds plus generated articles: the corpus after the additions."""
    corpus = tmp_path_factory.mktemp("disk") / "corpus"
    shutil.copytree(SEEDS, corpus)
    make_corpus(corpus / "added", count=ADDED, seed=5)
    return corpus


@pytest.fixture(scope="module")
def reference(tmp_path_factory, full_corpus) -> tuple[dict, int]:
    """A clean build of the full corpus, and how many kilobytes the update to it needs."""
    folder = tmp_path_factory.mktemp("reference")
    config = write_config(folder, full_corpus)
    assert run_briefing(config, "index").returncode == 0
    return fingerprint(config), _tree_kilobytes(folder / "index") + _tree_kilobytes(
        folder / "analysis.pickle"
    )


def _tree_kilobytes(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size // 1024 + 1
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) // 1024 + 1


@pytest.mark.slow
@pytest.mark.parametrize(
    "kind, share", [("update", 0.05), ("update", 0.4), ("update", 0.8), ("rebuild", 0.6)]
)
def test_full_tmpfs(tmp_path, full_corpus, reference, kind, share):
    expected, needed_kb = reference
    disk = tmp_path / "disk"
    # Room for the seeds' index and a share of what the additions need.
    if not mount_tmpfs(disk, 1024):
        pytest.skip("cannot mount a tmpfs here; test_injected_enospc covers the same ground")
    try:
        corpus = tmp_path / "corpus"
        shutil.copytree(SEEDS, corpus)
        config = write_config(disk, corpus)
        assert run_briefing(config, "index").returncode == 0
        before = fingerprint(config)
        remount(disk, used_kilobytes(disk) + max(int(needed_kb * share), 8))
        shutil.copytree(full_corpus / "added", corpus / "added")

        args = ("--rebuild",) if kind == "rebuild" else ()
        run = run_briefing(config, "index", *args)
        assert "Traceback" not in run.stderr, run.stderr
        if share <= 0.4:
            assert run.returncode == 1, "indexing claimed success on a disk too small for it"
        if run.returncode == 0:
            # There was room after all (tmpfs rounds to pages): then it must be complete.
            assert difference(fingerprint(config), expected) is None
        else:
            assert run.returncode == 1
            lines = run.stderr.strip().splitlines()
            message = lines[-1]
            assert message.startswith("briefing: ") and "space" in message.lower(), run.stderr
            assert "previous index" in message, message
            # Readers see exactly the previous index.
            assert difference(fingerprint(config), before) is None
            assert Briefing.from_config_file(config).search("Paparo").hits

        remount(disk, used_kilobytes(disk) + 4 * needed_kb + 1024)
        run = run_briefing(config, "index")
        assert run.returncode == 0, run.stderr
        assert difference(fingerprint(config), expected) is None
    finally:
        unmount(disk)


@pytest.mark.parametrize("rebuild", [False, True])
@pytest.mark.parametrize("failing_call", [1, 3, 8, 20])
def test_injected_enospc(tmp_path, monkeypatch, rebuild, failing_call):
    """ENOSPC from the n-th Whoosh file write: a BriefingError, the old index intact."""
    from whoosh.filedb.structfile import StructFile

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    config = write_config(tmp_path, corpus)
    Briefing.from_config_file(config).refresh()
    before = fingerprint(config)
    make_corpus(corpus / "added", count=8, seed=9)

    original = StructFile.write
    calls = [0]

    def write(self, *args, **kwargs):
        calls[0] += 1
        if calls[0] >= failing_call:
            raise OSError(errno.ENOSPC, "No space left on device")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(StructFile, "write", write)
    with pytest.raises(BriefingError) as caught:
        Briefing.from_config_file(config).refresh(rebuild=rebuild)
    message = str(caught.value)
    assert "\n" not in message and "space" in message.lower() and "previous index" in message
    monkeypatch.undo()

    assert difference(fingerprint(config), before) is None
    report = Briefing.from_config_file(config).refresh()
    assert report.added == 8
    assert Briefing.from_config_file(config).search("zq0003x").hits
