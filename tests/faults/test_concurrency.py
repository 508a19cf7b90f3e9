"""Two `briefing index` processes and the app refreshing at once, with readers searching.

Writers take turns under the one writer lock: a writer that may wait gets its turn, one that
may not says the index is busy. Nothing is corrupted and no article is lost: articles added
while the first writer runs are in the index once the last writer is done. A reader that
keeps one `Briefing` open (as the app does) keeps getting answers while the index changes
under it.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from index.corpus import load_corpus
from index.errors import BriefingError
from index.facade import Briefing
from index.search.store import writer_lock
from tests.conftest import write_config
from tests.faults.corpus import make_corpus
from tests.faults.harness import PINNED_ENV, REPO, fingerprint, run_briefing

ARTICLES = 120


def start_briefing(config: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "index.cli", "--config", str(config), *args],
        cwd=REPO, env=PINNED_ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def contents(config: Path) -> dict:
    """What must not be lost or corrupted: ids, count, stored text, and each article found
    by the word only it has (the parts of an index that do not depend on the analysis)."""
    full = fingerprint(config)
    briefing = Briefing.from_config_file(config)
    markers = {}
    for doc in full["docs"].values():
        marker = next(
            (w for w in doc["article"]["paragraphs"][-1]["text"].split() if w.startswith("zq")),
            None,
        )
        if marker:
            markers[marker] = sorted(h.id for h in briefing.search(marker).hits)
    return {
        "doc_count": full["doc_count"],
        "ids": full["ids"],
        "articles": {i: (d["file_hash"], d["article"]) for i, d in full["docs"].items()},
        "markers": markers,
    }


class Reader(threading.Thread):
    """Searches through one long-lived Briefing, as the app does, until told to stop."""

    def __init__(self, config: Path):
        super().__init__(daemon=True)
        self.briefing = Briefing.from_config_file(config)
        self.stop = threading.Event()
        self.errors: list[str] = []
        self.answers = 0

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                self.briefing.search("defence OR military", limit=5)
                self.briefing.article(
                    self.briefing.articles()[0].id
                ) if self.answers % 5 == 0 else None
                self.answers += 1
            except BriefingError as error:
                if "no index yet" not in str(error):
                    self.errors.append(f"{type(error).__name__}: {error}")
            except Exception as error:  # noqa: BLE001 - anything else is the finding
                self.errors.append(f"{type(error).__name__}: {error}")
            time.sleep(0.02)


@pytest.mark.slow
def test_two_processes_and_the_app_at_once(tmp_path):
    corpus = make_corpus(tmp_path / "corpus", count=ARTICLES)
    config = write_config(tmp_path, corpus)
    reader = Reader(config)
    reader.start()

    first = start_briefing(config, "index", "--wait", "600")
    second = start_briefing(config, "index", "--wait", "600")
    app_report: list = []
    app_error: list = []

    def app_refresh() -> None:
        try:
            app_report.append(Briefing.from_config_file(config).refresh(wait_seconds=600))
        except Exception as error:  # noqa: BLE001
            app_error.append(error)

    app = threading.Thread(target=app_refresh)
    app.start()
    # Articles arrive and change while the first writer is busy.
    time.sleep(1.0)
    make_corpus(corpus / "late", count=10, seed=77, first=ARTICLES)
    changed = sorted((corpus / "batch1").iterdir())[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\nA late wombat paragraph.\n")

    outputs = [p.communicate(timeout=600) for p in (first, second)]
    app.join(600)
    for process, (_out, err) in zip((first, second), outputs, strict=True):
        assert process.returncode == 0, err
        assert "Traceback" not in err, err
    assert not app_error, app_error
    # Readers kept working while the index changed under them.
    time.sleep(0.3)
    reader.stop.set()
    reader.join(30)
    assert not reader.errors, reader.errors[:5]
    assert reader.answers > 10

    # Nothing lost, nothing corrupted: the index is exactly a clean build of the corpus now.
    got = contents(config)
    clean_folder = tmp_path / "clean"
    clean_folder.mkdir()
    clean = write_config(clean_folder, corpus)
    assert run_briefing(clean, "index").returncode == 0
    assert got == contents(clean)
    assert len(got["ids"]) == len(load_corpus(corpus).articles) == ARTICLES + 10
    assert Briefing.from_config_file(config).search("wombat").hits
    assert "up to date" in run_briefing(config, "index").stdout


def test_a_writer_that_may_not_wait_says_busy(tmp_path, seed_corpus):
    config = write_config(tmp_path, seed_corpus)
    with writer_lock(tmp_path / "index"):
        started = time.monotonic()
        run = run_briefing(config, "index", "--wait", "0.5")
        waited = time.monotonic() - started
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    line = run.stderr.strip().splitlines()[-1]
    assert line.startswith("briefing: ") and "busy" in line, run.stderr
    assert waited < 30
    # Once the lock is free the same command succeeds.
    assert run_briefing(config, "index", "--wait", "0").returncode == 0


def test_reader_survives_a_rebuild_under_it(seed_briefing):
    """The app holds the index open while `briefing index --rebuild` swaps in a new one."""
    briefing = seed_briefing
    assert briefing.search("Paparo").hits
    run = run_briefing(briefing.config.source, "index", "--rebuild")
    assert run.returncode == 0, run.stderr
    # The old folder was replaced; the open Briefing must still answer (or say to reopen).
    try:
        hits = briefing.search("Paparo").hits
    except BriefingError:
        hits = Briefing(briefing.config).search("Paparo").hits
    assert [h.id for h in hits] == ["004_0011330f49dcaf1b"]
