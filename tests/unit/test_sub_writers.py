"""A large update forks Whoosh's sub-writers when it writes, after the analysis (which runs
in a child of its own), and never leaves them behind: not when nothing changed, not when
reading or writing fails."""

from __future__ import annotations

import gc
import multiprocessing
import shutil

import pytest

from index import article_pool, pipeline
from index.config import load_config
from index.forking import can_fork
from index.search.posting_pool import _BatchedMpWriter
from index.search.store import open_index
from tests.conftest import SEEDS, write_config
from tests.faults.corpus import make_corpus


@pytest.fixture
def sub_writers(monkeypatch) -> dict[str, list]:
    """Every batch is worth two sub-writers and its analysis a child process; records the
    sub-writers started, and whether any was alive when the analysis began."""
    if not can_fork():
        pytest.skip("Whoosh's writer processes are forked; this platform cannot fork")
    for module in (pipeline, article_pool):
        monkeypatch.setattr(module, "worker_count", lambda files: 2)
    seen: dict[str, list] = {"started": [], "alive_at_analysis": []}
    new_task = _BatchedMpWriter._new_task

    def recorded_new_task(writer):
        task = new_task(writer)
        seen["started"].append(task)
        return task

    analysed_apart = pipeline._analysed_apart

    def recorded_analysed_apart(*args, **kwargs):
        alive = [task for task in seen["started"] if task.is_alive()]
        seen["alive_at_analysis"].append(bool(alive or multiprocessing.active_children()))
        return analysed_apart(*args, **kwargs)

    monkeypatch.setattr(_BatchedMpWriter, "_new_task", recorded_new_task)
    monkeypatch.setattr(pipeline, "_analysed_apart", recorded_analysed_apart)
    return seen


@pytest.fixture
def larger_corpus_config(tmp_path):
    """More than Whoosh's 100-document batches, so that both sub-writers get some."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    make_corpus(corpus / "added", count=200, seed=11)
    return load_config(write_config(tmp_path, corpus))


def test_a_large_build_forks_its_sub_writers_after_the_analysis(larger_corpus_config, sub_writers):
    config = larger_corpus_config

    report = pipeline.refresh(config)

    assert report.added == 205
    assert sub_writers["alive_at_analysis"] == [False]
    assert len(sub_writers["started"]) == 2
    assert len(open_index(config.index_dir).reader().leaf_readers()) == 2
    assert not multiprocessing.active_children()
    assert can_fork()
    assert gc.get_freeze_count() == 0  # what the forks froze is collected again


def test_an_update_with_nothing_to_write_starts_no_sub_writer(seed_config, sub_writers):
    config = load_config(seed_config)
    pipeline.refresh(config)
    started = len(sub_writers["started"])

    report = pipeline.refresh(config)

    assert report.unchanged == 5 and not report.added
    assert len(sub_writers["started"]) == started
    assert not multiprocessing.active_children()
    assert can_fork()


def test_a_failed_write_stops_the_sub_writers_and_keeps_the_index(
    seed_config, sub_writers, monkeypatch
):
    config = load_config(seed_config)
    pipeline.refresh(config)
    (config.corpus / "new.md").write_text("# New\n\nAustin called Dong on Tuesday.\n")
    enqueue = _BatchedMpWriter._enqueue

    def fails_once_a_sub_writer_has_a_job(writer):
        enqueue(writer)
        assert writer.tasks
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(_BatchedMpWriter, "_enqueue", fails_once_a_sub_writer_has_a_job)
    with pytest.raises(Exception, match="Input/output error"):
        pipeline.refresh(config)

    assert not multiprocessing.active_children()
    assert open_index(config.index_dir).doc_count() == 5


def test_a_failed_read_starts_no_sub_writer_and_keeps_the_index(
    seed_config, sub_writers, monkeypatch
):
    config = load_config(seed_config)
    pipeline.refresh(config)
    (config.corpus / "new.md").write_text("# New\n\nAustin called Dong on Tuesday.\n")
    started = len(sub_writers["started"])

    def fails(*args, **kwargs):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(pipeline, "read_and_extract", fails)
    with pytest.raises(Exception, match="Input/output error"):
        pipeline.refresh(config)

    assert len(sub_writers["started"]) == started
    assert not multiprocessing.active_children()
    assert open_index(config.index_dir).doc_count() == 5
