"""A large update forks Whoosh's sub-writers before it reads the corpus, and never leaves
them behind: not when nothing changed, not when reading fails."""

from __future__ import annotations

import gc
import multiprocessing

import pytest

from index import pipeline
from index.config import load_config
from index.forking import can_fork
from index.search.posting_pool import _BatchedMpWriter
from index.search.store import open_index


@pytest.fixture
def two_sub_writers(monkeypatch) -> list[bool]:
    """Every batch is worth two sub-writers; records, as reading starts, whether they are
    already running."""
    if not can_fork():
        pytest.skip("Whoosh's writer processes are forked; this platform cannot fork")
    monkeypatch.setattr(pipeline, "worker_count", lambda files: 2)
    running_when_read: list[bool] = []
    started: list[_BatchedMpWriter] = []
    start = _BatchedMpWriter.start_sub_writers

    def recorded_start(writer):
        start(writer)
        started.append(writer)

    read = pipeline.read_and_extract

    def recorded_read(*args, **kwargs):
        running_when_read.append(
            bool(started) and all(task.is_alive() for task in started[-1].tasks)
        )
        return read(*args, **kwargs)

    monkeypatch.setattr(_BatchedMpWriter, "start_sub_writers", recorded_start)
    monkeypatch.setattr(pipeline, "read_and_extract", recorded_read)
    return running_when_read


def test_a_large_update_writes_with_sub_writers_started_before_reading(
    seed_config, two_sub_writers
):
    config = load_config(seed_config)

    report = pipeline.refresh(config)

    assert two_sub_writers == [True]
    assert report.added == 5
    assert len(open_index(config.index_dir).reader().leaf_readers()) == 2
    assert not multiprocessing.active_children()
    assert can_fork()
    assert gc.get_freeze_count() == 0  # what the forks froze is collected again


def test_an_update_with_nothing_to_write_stops_its_sub_writers(seed_config, two_sub_writers):
    config = load_config(seed_config)
    pipeline.refresh(config)

    report = pipeline.refresh(config)

    assert two_sub_writers == [True, True]
    assert report.unchanged == 5 and not report.added
    assert not multiprocessing.active_children()
    assert can_fork()


def test_a_failed_read_stops_the_sub_writers_and_keeps_the_index(
    seed_config, two_sub_writers, monkeypatch
):
    config = load_config(seed_config)
    pipeline.refresh(config)
    (config.corpus / "new.md").write_text("# New\n\nAustin called Dong on Tuesday.\n")

    def fails(*args, **kwargs):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(pipeline, "read_and_extract", fails)
    with pytest.raises(Exception, match="Input/output error"):
        pipeline.refresh(config)

    assert not multiprocessing.active_children()
    assert open_index(config.index_dir).doc_count() == 5
