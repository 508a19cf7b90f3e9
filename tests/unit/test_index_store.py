"""The index on disk: incremental updates, recovery from damage, locking, cancellation."""

from __future__ import annotations

import os
import shutil
import threading

import pytest

from index.errors import BriefingError, IndexBusyError, IndexUnsafeError
from index.facade import Briefing
from index.pipeline import IndexingCancelled
from index.search.store import VERSION_FILE, writer_lock
from tests.conftest import write_config


def ids(result) -> set[str]:
    return {hit.id for hit in result.hits}


def test_seed_searches(seed_briefing):
    assert ids(seed_briefing.search('"video teleconference"')) == {"001_8f90672e2de6c76f"}
    assert ids(seed_briefing.search("Paparo")) == {"004_0011330f49dcaf1b"}
    assert len(ids(seed_briefing.search('"South China Sea"'))) == 5


def test_unchanged_corpus_writes_nothing(seed_briefing):
    index_files = sorted(os.listdir(seed_briefing.config.index_dir))
    report = seed_briefing.refresh()
    assert not report.changed
    assert report.unchanged == 5
    assert sorted(os.listdir(seed_briefing.config.index_dir)) == index_files


def test_add_change_delete(seed_briefing):
    corpus = seed_briefing.config.corpus
    (corpus / "extra").mkdir()
    (corpus / "extra" / "new.md").write_text(
        "---\ntitle: Zanzibar naval drill\ndate: 2024-10-01\nsource: Example Wire\n---\n"
        "Navies held a Zanzibar drill on Monday.\n"
    )
    report = seed_briefing.refresh()
    assert (report.added, report.updated, report.removed) == (1, 0, 0)
    assert ids(seed_briefing.search("zanzibar")) == {"extra/new"}

    (corpus / "extra" / "new.md").write_text(
        "---\ntitle: Quokka naval drill\ndate: 2024-10-01\n---\nNavies held a quokka drill.\n"
    )
    report = seed_briefing.refresh()
    assert (report.added, report.updated, report.removed) == (0, 1, 0)
    assert ids(seed_briefing.search("zanzibar")) == set()
    assert ids(seed_briefing.search("quokka")) == {"extra/new"}

    (corpus / "004_0011330f49dcaf1b.txt").unlink()
    report = seed_briefing.refresh()
    assert (report.added, report.updated, report.removed) == (0, 0, 1)
    assert ids(seed_briefing.search("Paparo")) == set()
    assert "004_0011330f49dcaf1b" not in {a.id for a in seed_briefing.articles()}


def test_touched_but_identical_file_is_not_rewritten(seed_briefing):
    path = seed_briefing.config.corpus / "000_430fa6ff25a7538e.txt"
    os.utime(path, (1, 1))
    report = seed_briefing.refresh()
    assert not report.changed


def test_duplicate_article_indexed_once(seed_briefing):
    corpus = seed_briefing.config.corpus
    shutil.copy(corpus / "001_8f90672e2de6c76f.txt", corpus / "zz_copy.txt")
    report = seed_briefing.refresh()
    assert report.duplicates == [("zz_copy", "001_8f90672e2de6c76f")]
    assert report.added == 0
    assert ids(seed_briefing.search('"video teleconference"')) == {"001_8f90672e2de6c76f"}


def test_corrupt_index_is_rebuilt_with_a_warning(seed_briefing):
    index_dir = seed_briefing.config.index_dir
    for name in os.listdir(index_dir):
        if name.endswith((".seg", ".toc")) or "_" in name:
            path = index_dir / name
            if path.is_file() and name != VERSION_FILE:
                path.write_bytes(b"\x00garbage" * 10)
    fresh = Briefing(seed_briefing.config)
    with pytest.raises(BriefingError, match="damaged|rebuild"):
        fresh.search("Paparo")
    report = fresh.refresh()
    assert report.rebuilt_because and "unreadable" in report.rebuilt_because
    assert ids(fresh.search("Paparo")) == {"004_0011330f49dcaf1b"}


def test_index_from_an_older_schema_is_rebuilt(seed_briefing):
    (seed_briefing.config.index_dir / VERSION_FILE).write_text('{"schema_version": 1}')
    report = Briefing(seed_briefing.config).refresh()
    assert "schema version 1" in report.rebuilt_because
    assert ids(seed_briefing.search("Paparo")) == {"004_0011330f49dcaf1b"}


def test_empty_index_folder_with_junk_is_rebuilt(tmp_path, seed_corpus):
    config = write_config(tmp_path, seed_corpus)
    (tmp_path / "index").mkdir()
    (tmp_path / "index" / "half-written.seg").write_bytes(b"\x01\x02")
    report = Briefing.from_config_file(config).refresh()
    assert report.rebuilt_because
    assert len(Briefing.from_config_file(config).articles()) == 5


def test_second_writer_reports_busy(seed_briefing):
    with writer_lock(seed_briefing.config.index_dir):
        with pytest.raises(IndexBusyError, match="busy"):
            Briefing(seed_briefing.config).refresh(rebuild=True, wait_seconds=0.2)


def test_second_writer_waits_for_the_first(seed_briefing):
    held = threading.Event()
    release = threading.Event()

    def hold():
        with writer_lock(seed_briefing.config.index_dir):
            held.set()
            release.wait(5)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait(5)
    threading.Timer(0.3, release.set).start()
    report = Briefing(seed_briefing.config).refresh(wait_seconds=5)
    holder.join()
    assert report.unchanged == 5


def test_cancelled_indexing_leaves_the_previous_index(seed_briefing):
    corpus = seed_briefing.config.corpus
    (corpus / "new.txt").write_text("A wombat conference was held in Canberra on Monday.")
    with pytest.raises(IndexingCancelled):
        seed_briefing.refresh(cancelled=lambda: True)
    assert ids(seed_briefing.search("Paparo")) == {"004_0011330f49dcaf1b"}
    assert ids(seed_briefing.search("wombat")) == set()
    assert seed_briefing.refresh().added == 1


def test_cancelled_rebuild_leaves_the_previous_index(seed_briefing):
    with pytest.raises(IndexingCancelled):
        seed_briefing.refresh(rebuild=True, cancelled=lambda: True)
    assert ids(seed_briefing.search("Paparo")) == {"004_0011330f49dcaf1b"}


def test_rebuild_killed_between_its_renames_is_recovered(seed_briefing):
    live = seed_briefing.config.index_dir
    os.replace(live, live.with_name(live.name + ".previous"))
    report = Briefing(seed_briefing.config).refresh()
    assert not report.changed and not report.rebuilt_because
    assert ids(Briefing(seed_briefing.config).search("Paparo")) == {"004_0011330f49dcaf1b"}


def test_index_writable_by_others_is_refused(seed_briefing):
    index_dir = seed_briefing.config.index_dir
    index_dir.chmod(0o777)
    try:
        with pytest.raises(IndexUnsafeError, match="writable by others"):
            Briefing(seed_briefing.config).search("Paparo")
    finally:
        index_dir.chmod(0o700)


def test_missing_index_says_what_to_do(tmp_path, seed_corpus):
    briefing = Briefing.from_config_file(write_config(tmp_path, seed_corpus))
    with pytest.raises(BriefingError, match="briefing index"):
        briefing.search("Paparo")


def test_missing_corpus_folder(tmp_path):
    briefing = Briefing.from_config_file(write_config(tmp_path, tmp_path / "nowhere"))
    with pytest.raises(BriefingError, match="corpus folder not found"):
        briefing.refresh()
