"""A refresh writes its analysis out before the index commit (`PendingAnalysis`) and puts
it in place as the cache after it: the same cache a whole save writes, never a stray file
left beside it, and a commit that stands when the cache cannot be written."""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import shutil
import subprocess

import pytest

from index import pipeline
from index.analysis import PendingAnalysis, journal_path, open_analysis, save_analysis
from index.config import load_config
from index.search.store import index_key, open_index
from tests.conftest import SEEDS, write_config


def _pending_files(folder):
    return sorted(p.name for p in folder.glob(".*.pending"))


def test_a_pending_analysis_saves_the_cache_a_whole_save_writes(tmp_path, seed_briefing):
    analysis = dataclasses.replace(seed_briefing._reading().whole(), index_key="before")
    whole = tmp_path / "whole" / "analysis.pickle"
    save_analysis(whole, dataclasses.replace(analysis, index_key="commit"))

    cache = tmp_path / "pending" / "analysis.pickle"
    pending = PendingAnalysis.write(cache, analysis)
    assert not cache.exists() and _pending_files(cache.parent)
    pending.index_key = "commit"  # known only once the index is committed
    pending.save()

    assert cache.read_bytes() == whole.read_bytes()
    assert _pending_files(cache.parent) == []
    opened = open_analysis(cache)
    assert opened.index_key == "commit" and opened.entities == analysis.entities
    opened.close()


def test_a_pending_analysis_that_cannot_be_saved_leaves_nothing(
    tmp_path, seed_briefing, monkeypatch
):
    cache = tmp_path / "analysis.pickle"
    save_analysis(cache, seed_briefing._reading().whole())
    before = cache.read_bytes()
    newer = dataclasses.replace(seed_briefing._reading().whole(), index_key="newer")
    pending = PendingAnalysis.write(cache, newer)

    def full_disk(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError):
        pending.save()
    assert cache.read_bytes() == before  # the old cache stands
    assert _pending_files(tmp_path) == []


def _ended_process_id() -> int:
    ended = subprocess.Popen(["true"])
    ended.wait()
    return ended.pid


def test_a_refresh_deletes_what_killed_writers_left(seed_briefing):
    config = seed_briefing.config
    analysis = seed_briefing._reading().whole()
    # Written by a process that then ended without finishing it, as a killed build's
    # analysis child leaves it.
    child = multiprocessing.get_context("fork").Process(
        target=PendingAnalysis.write, args=(config.analysis_path, analysis)
    )
    child.start()
    child.join()
    ended = _ended_process_id()
    written = (config.analysis_path, journal_path(config.analysis_path), config.unindexed_path)
    half_written = [path.with_name(f".{path.name}.{ended}.tmp") for path in written]
    for path in half_written:
        path.write_bytes(b"half")
    assert len(_pending_files(config.analysis_path.parent)) == 1

    pipeline.refresh(config)

    assert _pending_files(config.analysis_path.parent) == []
    assert not any(path.exists() for path in half_written)


@pytest.fixture
def built_on_two_cores(tmp_path, monkeypatch):
    """A corpus and config whose build forks: its analysis is computed in a child."""
    import index.article_pool as article_pool
    from tests.faults.corpus import make_corpus

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    make_corpus(corpus / "added", count=40, seed=3)
    for module in (pipeline, article_pool):
        monkeypatch.setattr(module, "worker_count", lambda files: 2)
    return load_config(write_config(tmp_path, corpus))


def test_a_build_that_cannot_write_its_analysis_still_commits_the_index(
    built_on_two_cores, monkeypatch
):
    config = built_on_two_cores

    def full_disk(cls, cache, analysis):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(PendingAnalysis, "write", classmethod(full_disk))
    report = pipeline.refresh(config)

    assert report.added == 45
    assert any("cannot save the analysis cache (No space left" in w for w in report.warnings)
    assert not config.analysis_path.exists()
    ix = open_index(config.index_dir)
    assert ix.doc_count() == 45
    ix.close()


def test_a_build_whose_write_fails_leaves_no_pending_analysis(built_on_two_cores, monkeypatch):
    config = built_on_two_cores

    def failing_write(*args, **kwargs):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(pipeline, "_write", failing_write)
    with pytest.raises(Exception, match="Input/output error"):
        pipeline.refresh(config)

    assert _pending_files(config.analysis_path.parent) == []
    assert not config.analysis_path.exists()


def test_a_build_on_two_cores_saves_its_analysis_for_its_commit(built_on_two_cores):
    config = built_on_two_cores

    pipeline.refresh(config)

    ix = open_index(config.index_dir)
    cached = open_analysis(config.analysis_path)
    assert cached.index_key == index_key(ix) and not cached.provisional
    assert len(cached.summaries) == 45
    cached.close()
    ix.close()
    assert _pending_files(config.analysis_path.parent) == []
