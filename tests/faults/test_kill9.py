"""kill -9 at seeded points of `briefing index` over a few hundred articles.

Three kinds of run are killed: the first build of an index, an update of an existing index
(articles added, rewritten, renamed, appended to and deleted) and a `--rebuild`. A census run
counts the calls of every step that reads or writes the index (see `killer`); the kill points
are drawn from those counts with a fixed seed, so every run of the suite kills at the same
points and a failure can be replayed. A few more runs are killed by the clock from outside,
as a user would.

After each kill: the index opens, search works, and it holds either the state before the run
or the state after it, never a mix; then `briefing index` brings it to exactly the corpus:
the same article ids, counts, stored articles, entity fields, article list and search results
as a clean build of the same corpus.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import write_config
from tests.faults.corpus import evolve, make_corpus
from tests.faults.harness import PINNED_ENV, REPO, difference, fingerprint, run_briefing, stored_ids

ARTICLES = int(os.environ.get("BRIEFING_KILL_ARTICLES", "200"))
# Seeded kill points: at steps drawn from the census, and by the clock from outside. The
# rebuild's swap renames are killed at every one of them on top of these.
POINTS = int(os.environ.get("BRIEFING_KILL_POINTS", "18"))
CLOCK_KILLS = int(os.environ.get("BRIEFING_CLOCK_KILLS", "2"))
SEED = int(os.environ.get("BRIEFING_KILL_SEED", "20240417"))

pytestmark = pytest.mark.slow


def run_killer(config: Path, category: str, number: int, *args: str, counts: Path | None = None):
    return subprocess.run(
        [
            sys.executable, "-m", "tests.faults.killer", str(counts or os.devnull), category,
            str(number), "--", "--config", str(config), "index", *args,
        ],
        cwd=REPO, env=PINNED_ENV, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


@dataclass
class Case:
    kind: str  # "build" (no index yet), "update" (index of the old corpus), "rebuild"
    category: str  # a killer category, or "clock" for a kill from outside after `delay`
    number: int = 0
    delay: float = 0.0

    def __str__(self) -> str:
        if self.category == "clock":
            return f"{self.kind}: kill -9 after {self.delay:.2f}s"
        return f"{self.kind}: kill -9 at {self.category} #{self.number}"


class World:
    """The corpora, the clean reference, the census of each kind of run, one slot per worker."""

    def __init__(self, root: Path):
        self.root = root
        self.old_corpus = make_corpus(root / "old-corpus", count=ARTICLES)
        self.new_corpus = root / "new-corpus"
        shutil.copytree(self.old_corpus, self.new_corpus, copy_function=shutil.copy2)
        evolve(self.new_corpus)
        self.slots = [root / "slot0", root / "slot1"]
        self.counts: dict[str, dict[str, int]] = {}
        self.seconds: dict[str, float] = {}
        self.old_ids: set[str] = set()
        # Each slot builds the old index once, in place (the index stores absolute paths).
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(self._prepare_slot, self.slots))
        self.old_ids = stored_ids(self.slots[0] / "config.yaml")
        # The census: one clean run of each kind, counting steps. The build census is the
        # clean reference every recovered index must equal.
        for kind in ("build", "update", "rebuild"):
            config = self.reset(self.slots[0], kind)
            started = time.monotonic()
            done = run_killer(config, "none", 0, *self._args(kind), counts=root / f"{kind}.json")
            self.seconds[kind] = time.monotonic() - started
            assert done.returncode == 0, done.stderr
            self.counts[kind] = json.loads((root / f"{kind}.json").read_text())
            if kind == "build":
                self.reference = fingerprint(config)
                self.new_ids = set(self.reference["ids"])
        assert len(self.new_ids) >= ARTICLES * 0.9 and self.new_ids != self.old_ids

    @staticmethod
    def _args(kind: str) -> tuple[str, ...]:
        return ("--rebuild",) if kind == "rebuild" else ()

    def _prepare_slot(self, slot: Path) -> None:
        shutil.copytree(self.old_corpus, slot / "corpus", copy_function=shutil.copy2)
        config = write_config(slot, slot / "corpus")
        done = run_briefing(config, "index")
        assert done.returncode == 0, done.stderr
        shutil.copytree(slot / "index", slot / "old-index")
        shutil.copy2(slot / "analysis.pickle", slot / "old-analysis.pickle")

    def reset(self, slot: Path, kind: str) -> Path:
        """Put `slot` in the state before a run of `kind`: the new corpus, and no index
        (build) or the index of the old corpus (update, rebuild)."""
        for name in ("corpus", "index", "index.building", "index.previous", "analysis.pickle"):
            target = slot / name
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
        shutil.copytree(self.new_corpus, slot / "corpus", copy_function=shutil.copy2)
        if kind != "build":
            shutil.copytree(slot / "old-index", slot / "index", copy_function=shutil.copy2)
            shutil.copy2(slot / "old-analysis.pickle", slot / "analysis.pickle")
        return slot / "config.yaml"

    def cases(self) -> list[Case]:
        """The kill points: every os.replace of a rebuild (the swap of the live index) and,
        drawn with the seed, points spread over every step of every kind of run."""
        rng = random.Random(SEED)
        cases = [
            Case("rebuild", "replace", n) for n in range(1, self.counts["rebuild"]["replace"] + 1)
        ]
        kinds = ["build", "update", "update", "rebuild"]  # updates write into the live index
        orders = {}
        for kind in set(kinds):
            order = sorted(c for c, k in self.counts[kind].items() if k)
            rng.shuffle(order)
            orders[kind] = order
        swap_points = len(cases)
        n = 0
        while len(cases) < swap_points + POINTS:
            kind = kinds[n % len(kinds)]
            order = orders[kind]
            category = order[(n // len(kinds)) % len(order)]
            n += 1
            case = Case(kind, category, rng.randint(1, self.counts[kind][category]))
            if case not in cases:
                cases.append(case)
        for n in range(CLOCK_KILLS):
            kind = ("update", "rebuild", "build")[n % 3]
            cases.append(Case(kind, "clock", delay=rng.uniform(0.3, 0.95) * self.seconds[kind]))
        return cases


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> World:
    return World(tmp_path_factory.mktemp("kill9"))


def run_case(world: World, slot: Path, case: Case) -> str | None:
    """Kill one run, check what a reader sees, recover, compare; a failure message or None."""
    config = world.reset(slot, case.kind)
    args = World._args(case.kind)
    if case.category == "clock":
        process = subprocess.Popen(
            [sys.executable, "-m", "index.cli", "--config", str(config), "index", *args],
            cwd=REPO, env=PINNED_ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(case.delay)
        process.send_signal(signal.SIGKILL)
        process.wait(60)
    else:
        killed = run_killer(config, case.category, case.number, *args)
        if killed.returncode != -signal.SIGKILL:
            return (
                f"{case}: the run was not killed (exit {killed.returncode}): {killed.stderr[-300:]}"
            )
    try:
        seen = stored_ids(config)
    except Exception as error:  # noqa: BLE001 - any failure to open is the finding
        return f"{case}: after the kill the index does not open: {type(error).__name__}: {error}"
    before = None if case.kind == "build" else world.old_ids
    if seen not in (before, world.new_ids):
        return (
            f"{case}: after the kill a reader sees {len(seen or ())} articles, neither the old "
            f"state ({len(before or ())}) nor the new one ({len(world.new_ids)})"
        )
    recovered = run_briefing(config, "index")
    if recovered.returncode != 0:
        return f"{case}: `briefing index` after the kill failed: {recovered.stderr[-500:]}"
    if "Traceback" in recovered.stderr:
        return f"{case}: traceback: {recovered.stderr[-500:]}"
    problem = difference(fingerprint(config), world.reference)
    if problem:
        return f"{case}: after recovery {problem}"
    again = run_briefing(config, "index")
    if "up to date" not in again.stdout:
        return f"{case}: a second run after recovery still changed things: {again.stdout.strip()}"
    return None


def test_kill_minus_nine_at_seeded_points(world):
    cases = world.cases()
    seeded = [c for c in cases if not (c.kind == "rebuild" and c.category == "replace")]
    assert len(seeded) >= min(20, POINTS + CLOCK_KILLS)
    print(f"{len(cases)} kill points:", *cases, sep="\n  ")
    queues = [cases[0::2], cases[1::2]]

    def worker(n: int) -> list[str]:
        return [problem for case in queues[n] if (problem := run_case(world, world.slots[n], case))]

    with ThreadPoolExecutor(2) as pool:
        problems = [p for found in pool.map(worker, (0, 1)) for p in found]
    summary = "\n".join(str(c) for c in cases) + f"\nclean runs took {world.seconds}"
    assert not problems, "\n".join(problems) + f"\n\nall cases:\n{summary}"
