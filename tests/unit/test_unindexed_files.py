"""Files that index nothing are not read again while they and what they duplicate stay
the same, and every refresh still reports them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import index.extraction_pool as extraction_pool
from index.facade import Briefing
from tests.conftest import SEEDS, write_config

GOOD = "---\ntitle: Port call\ndate: 2024-05-02\n---\nThe frigate Hobart called at Manila.\n"
OTHER = "---\ntitle: Drill\ndate: 2024-05-03\n---\nMarines drilled near Subic Bay on Friday.\n"


@pytest.fixture
def corpus_briefing(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "empty.txt").write_text("")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    (corpus / "original.md").write_text(GOOD)
    (corpus / "zz-copy.md").write_text(GOOD)  # a duplicate of original.md
    briefing = Briefing.from_config_file(write_config(tmp_path, corpus))
    return briefing, corpus


@pytest.fixture
def files_read(monkeypatch) -> list[str]:
    read: list[str] = []
    original = extraction_pool.read_article_file

    def spy(path, *args, **kwargs):
        read.append(Path(path).name)
        return original(path, *args, **kwargs)

    monkeypatch.setattr(extraction_pool, "read_article_file", spy)
    return read


def _reported(report) -> tuple:
    return report.skipped, sorted(report.duplicates), sorted(report.warnings)


def test_unchanged_bad_files_and_duplicates_are_reported_without_reading(
    corpus_briefing, files_read
):
    briefing, corpus = corpus_briefing
    first = briefing.refresh()
    assert {"empty.txt", "binary.txt", "zz-copy.md"} <= set(files_read)
    assert first.skipped == 2 and len(first.duplicates) == 1

    files_read.clear()
    (corpus / "new.md").write_text(OTHER)
    second = briefing.refresh()
    assert files_read == ["new.md"]
    assert second.added == 1
    assert _reported(second) == _reported(first)


def test_a_bad_file_fixed_is_read_and_indexed(corpus_briefing, files_read):
    briefing, corpus = corpus_briefing
    briefing.refresh()
    (corpus / "empty.txt").write_text(OTHER)
    files_read.clear()
    report = briefing.refresh()
    assert files_read == ["empty.txt"]
    assert report.added == 1 and report.skipped == 1


def test_a_duplicate_is_indexed_once_its_original_is_gone(corpus_briefing, files_read):
    briefing, corpus = corpus_briefing
    briefing.refresh()
    (corpus / "original.md").unlink()
    files_read.clear()
    report = briefing.refresh()
    assert files_read == ["zz-copy.md"]
    assert report.duplicates == [] and report.removed == 1 and report.added == 1
    assert [h.id for h in briefing.search("Hobart").hits] == ["zz-copy"]


def test_a_duplicate_is_read_again_when_its_original_changes(corpus_briefing, files_read):
    briefing, corpus = corpus_briefing
    briefing.refresh()
    (corpus / "original.md").write_text(GOOD.replace("Manila", "Subic Bay"))
    files_read.clear()
    report = briefing.refresh()
    assert sorted(files_read) == ["original.md", "zz-copy.md"]
    assert report.updated == 1 and report.added == 1  # the copy now differs: indexed


def test_a_new_size_limit_reads_every_unindexed_file_again(tmp_path, corpus_briefing, files_read):
    briefing, corpus = corpus_briefing
    briefing.refresh()
    files_read.clear()
    limited = write_config(tmp_path, corpus, max_article_bytes=100_000)
    Briefing.from_config_file(limited).refresh()
    assert {"empty.txt", "binary.txt", "zz-copy.md"} <= set(files_read)


def test_a_damaged_memo_only_costs_a_reread(corpus_briefing, files_read):
    briefing, corpus = corpus_briefing
    first = briefing.refresh()
    briefing.config.unindexed_path.write_text("{not json")
    files_read.clear()
    (corpus / "new.md").write_text(OTHER)
    report = briefing.refresh()
    assert {"empty.txt", "binary.txt", "zz-copy.md", "new.md"} == set(files_read)
    assert _reported(report) == _reported(first)
