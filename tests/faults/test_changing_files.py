"""Files that change while they are being indexed, and files that are not files at all.

Through the `progress` callback of `refresh`, the corpus is changed in the middle of a run:
files appended to, truncated, deleted, renamed, replaced by binary data or by a folder,
both among the files already read and those still to come. The run must not crash; the
next run must settle on the truth (exactly a clean build of the corpus as it now is) and
the run after that must find nothing to do. FIFOs, links to devices, link loops and
dangling links in the corpus must be skipped with a warning, never hang or crash indexing.
"""

from __future__ import annotations

import os
import random
import shutil
import threading
from pathlib import Path

import pytest

from index.facade import Briefing
from tests.conftest import SEEDS, write_config
from tests.faults.corpus import make_corpus
from tests.faults.harness import difference, fingerprint

ARTICLES = 45


def mutate(corpus: Path, rng: random.Random, log: list[str]) -> None:
    """One of each kind of change, to files chosen by `rng`."""
    files = sorted(p for p in corpus.rglob("*") if p.is_file())
    rng.shuffle(files)
    appended, truncated, emptied, deleted, renamed, binary, foldered, rewritten = files[:8]
    with appended.open("a", encoding="utf-8") as handle:
        handle.write("\n\nAn appended paragraph about a quokka summit.\n")
    data = truncated.read_bytes()
    truncated.write_bytes(data[: len(data) // 3])
    emptied.write_bytes(b"")
    deleted.unlink()
    renamed.rename(renamed.with_name("moved_" + renamed.name))
    binary.write_bytes(bytes(range(256)) * 8)
    foldered.unlink()
    foldered.mkdir()
    rewritten.write_text("title: Rewritten\n\nA rewritten article about a numbat accord.\n")
    log.extend(str(p.relative_to(corpus)) for p in files[:8])


@pytest.mark.slow
@pytest.mark.parametrize("existing_index", [False, True], ids=["first-build", "update"])
@pytest.mark.parametrize("at_file", [1, 23, 44])
def test_files_changing_mid_run(tmp_path, existing_index, at_file):
    corpus = make_corpus(tmp_path / "corpus", count=ARTICLES, seed=3)
    shutil.copytree(SEEDS, corpus / "seeds")
    config = write_config(tmp_path, corpus)
    if existing_index:
        Briefing.from_config_file(config).refresh()
        # Touch every file so the update has to look at all of them again.
        for path in corpus.rglob("*.txt"):
            path.write_text(path.read_text(encoding="utf-8") + "\n\nUpdated.\n", encoding="utf-8")
    rng = random.Random(at_file)
    changed: list[str] = []

    def progress(done: int, total: int, path: str) -> None:
        if done == min(at_file, total):
            mutate(corpus, rng, changed)

    report = Briefing.from_config_file(config).refresh(progress=progress)
    assert changed, "the mutation never ran"
    assert all("internal error" not in w for w in report.warnings), report.warnings

    settled = Briefing.from_config_file(config).refresh()
    assert all("internal error" not in w for w in settled.warnings)
    clean_folder = tmp_path / "clean"
    clean_folder.mkdir()
    clean = write_config(clean_folder, corpus)
    Briefing.from_config_file(clean).refresh()
    assert difference(fingerprint(config), fingerprint(clean)) is None, changed
    assert not Briefing.from_config_file(config).refresh().changed
    assert Briefing.from_config_file(config).search("numbat").hits


def _run_with_deadline(config: Path, seconds: float):
    """refresh() in a thread; fails the test instead of hanging it."""
    result: list = []

    def target():
        try:
            result.append(Briefing.from_config_file(config).refresh())
        except Exception as error:  # noqa: BLE001
            result.append(error)

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"indexing hung for {seconds}s"
    assert result and not isinstance(result[0], Exception), result
    return result[0]


@pytest.mark.parametrize(
    "name, make",
    [
        ("fifo.txt", lambda p: os.mkfifo(p)),
        ("zero.txt", lambda p: p.symlink_to("/dev/zero")),
        ("random.md", lambda p: p.symlink_to("/dev/urandom")),
        ("null.json", lambda p: p.symlink_to("/dev/null")),
        ("loop.txt", lambda p: p.symlink_to(p)),
        ("dangling.html", lambda p: p.symlink_to(p.with_name("nowhere.html"))),
        ("folder.txt", lambda p: p.mkdir()),
    ],
)
def test_special_files_are_skipped_not_hung_on(tmp_path, seed_corpus, name, make):
    config = write_config(tmp_path, seed_corpus)
    make(seed_corpus / name)
    report = _run_with_deadline(config, 60)
    assert len(Briefing.from_config_file(config).articles()) == 5
    assert all("internal error" not in w for w in report.warnings)
    # And again, now that there is an index: still no hang, nothing changes.
    again = _run_with_deadline(config, 60)
    assert not again.changed


@pytest.mark.parametrize("added_later", [False, True])
def test_same_name_in_two_formats_loses_neither(tmp_path, seed_corpus, added_later):
    """x.txt and x.md both want id "x": both must be indexed, under different ids."""
    config = write_config(tmp_path, seed_corpus)
    (seed_corpus / "x.txt").write_text("A wombat conference was held in Canberra on Monday.\n")
    if added_later:
        Briefing.from_config_file(config).refresh()
    (seed_corpus / "x.md").write_text(
        "---\ntitle: Other\n---\nA numbat summit was held in Perth.\n"
    )
    Briefing.from_config_file(config).refresh()
    briefing = Briefing.from_config_file(config)
    ids = [a.id for a in briefing.articles()]
    assert len(ids) == len(set(ids)) == 7, ids
    wombat, numbat = briefing.search("wombat").hits, briefing.search("numbat").hits
    assert len(wombat) == len(numbat) == 1 and wombat[0].id != numbat[0].id
    assert "wombat" in briefing.article(wombat[0].id).body
    assert "numbat" in briefing.article(numbat[0].id).body
    assert not Briefing.from_config_file(config).refresh().changed
