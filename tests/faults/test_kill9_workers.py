"""kill -9 of `briefing index` while its workers run leaves none of them behind.

Pool workers and Whoosh's sub-writers wait on pipes they hold both ends of, so without
`index.forking`'s death signal they outlived a killed parent, asleep for good. The run is
killed in three places: when its first workers start (reading files and the sub-writers),
when a forked child has forked its own sub-writers (the grandchildren must go too), and
when a later pool starts, for the analysis.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from index.forking import POOL_MIN_FILES
from tests.conftest import SEEDS, write_config
from tests.faults.harness import PINNED_ENV, REPO, group_gone, living_members


def _parent(pid: int) -> int | None:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError):
        return None  # gone meanwhile


def _first_workers(leader: int, members: list[int], seen_before: set[int]) -> bool:
    return bool(members)


def _grandchildren(leader: int, members: list[int], seen_before: set[int]) -> bool:
    return any(_parent(pid) not in (leader, None) for pid in members)


def _a_later_pool(leader: int, members: list[int], seen_before: set[int]) -> bool:
    """Workers that start after some have already come and gone."""
    gone = seen_before - set(members)
    return bool(gone) and bool(set(members) - seen_before)


@pytest.fixture(scope="module")
def large_corpus_config(tmp_path_factory) -> Path:
    """Enough articles that every pool forks its workers."""
    folder = tmp_path_factory.mktemp("kill9-workers")
    corpus = folder / "corpus"
    corpus.mkdir()
    seed_text = sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8")
    for number in range(POOL_MIN_FILES + 100):
        text = seed_text + f"\n\nThe ministry published note {number} of the series on Friday.\n"
        (corpus / f"extra_{number:04d}.txt").write_text(text, encoding="utf-8")
    return write_config(folder, corpus)


@pytest.mark.parametrize("moment", [_first_workers, _grandchildren, _a_later_pool])
def test_kill_9_of_the_indexer_takes_its_workers_with_it(large_corpus_config, moment):
    # Each case builds from nothing, whatever the case before it left.
    shutil.rmtree(large_corpus_config.parent / "index", ignore_errors=True)
    (large_corpus_config.parent / "analysis.pickle").unlink(missing_ok=True)
    indexer = subprocess.Popen(
        [sys.executable, "-m", "index.cli", "--config", str(large_corpus_config), "index"],
        cwd=REPO, env=PINNED_ENV, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    seen: set[int] = set()
    try:
        while indexer.poll() is None:
            members = [pid for pid in living_members(indexer.pid) if pid != indexer.pid]
            if moment(indexer.pid, members, seen):
                break
            seen |= set(members)
            time.sleep(0.005)
        assert indexer.poll() is None, f"the run ended before {moment.__name__.strip('_')}"
        os.kill(indexer.pid, signal.SIGKILL)  # the indexer alone, as the OOM killer would
        indexer.wait(30)
        assert group_gone(indexer.pid), "workers outlived the killed indexer"
    finally:
        for pid in living_members(indexer.pid):
            os.kill(pid, signal.SIGKILL)
