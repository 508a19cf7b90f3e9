"""A writer whose pool spills its postings in batches writes the same index as Whoosh's
own pool, in this process and in the pipeline's forked sub-writers."""

from __future__ import annotations

import gc

import pytest
from whoosh.writing import PostingPool

from index import pipeline
from index.forking import can_fork
from index.search import posting_pool
from index.search.posting_pool import POSTINGS_PER_BATCH, BatchedPostingPool, open_writer
from index.search.store import create_index
from tests.unit.test_postings_codec import _all_postings, _documents

# A pool this small spills every few documents, so the merge reads many runs.
TINY_POOL_MB = 0.02


def _write(ix, writer) -> int:
    """Add the documents and commit; how many runs the pool had spilled before the commit."""
    for document in _documents():
        writer.add_document(**document)
    spilled = len(writer.pool.runs)
    writer.commit()
    return spilled


def test_spilled_runs_merge_to_the_postings_whooshs_pool_writes(tmp_path):
    whoosh_ix = create_index(tmp_path / "whoosh")
    batched_ix = create_index(tmp_path / "batched")

    _write(whoosh_ix, whoosh_ix.writer(limitmb=TINY_POOL_MB))
    writer = open_writer(batched_ix, limitmb=TINY_POOL_MB)
    assert type(writer.pool) is BatchedPostingPool
    spilled = _write(batched_ix, writer)

    assert spilled > 10
    expected = _all_postings(whoosh_ix)
    assert len(expected[("body", b"common")]) == 400
    assert _all_postings(batched_ix) == expected


def test_a_run_is_pickled_in_batches_and_read_back_whole(tmp_path, monkeypatch):
    ix = create_index(tmp_path / "index")
    pool = open_writer(ix).pool
    postings = [("body", b"w%05d" % n, n, 1.0, b"") for n in range(2 * POSTINGS_PER_BATCH + 3)]
    batches = []
    monkeypatch.setattr(
        posting_pool.pickle, "dump", lambda batch, *args: batches.append(len(batch))
    )
    path, run = pool._new_run()

    pool._write_run(run, iter(postings))

    assert batches == [POSTINGS_PER_BATCH, POSTINGS_PER_BATCH, 3]
    monkeypatch.undo()
    pool._write_run(open(pool.tempstore._fpath(path), "wb"), iter(postings))
    assert list(pool._read_run(path)) == postings
    assert not pool.tempstore.file_exists(path)  # a run read back is deleted


def test_a_pool_holding_postings_is_not_swapped(tmp_path):
    writer = create_index(tmp_path / "index").writer()
    writer.add_document(id="1", body="common words")

    with pytest.raises(AssertionError):
        posting_pool._batch_pool(writer)
    assert type(writer.pool) is PostingPool
    writer.cancel()


def test_the_pipelines_forked_sub_writers_spill_in_batches(tmp_path, monkeypatch):
    if not can_fork():
        pytest.skip("Whoosh's writer processes are forked; this platform cannot fork")
    written_by = tmp_path / "runs written"
    written_by.touch()
    batched_write_run = BatchedPostingPool._write_run

    def recorded(pool, f, items):
        # Appended from the sub-writers' own processes: a file, not this process's memory.
        with open(written_by, "a") as record:
            record.write(f"{type(pool).__name__} {gc.get_freeze_count()}\n")
        batched_write_run(pool, f, items)

    # Inherited by the forked sub-writers.
    monkeypatch.setattr(BatchedPostingPool, "_write_run", recorded)
    monkeypatch.setattr(pipeline, "worker_count", lambda documents: 2)
    monkeypatch.setattr(pipeline, "WRITER_MEMORY_MB", TINY_POOL_MB * 2)
    whoosh_ix = create_index(tmp_path / "whoosh")
    _write(whoosh_ix, whoosh_ix.writer())
    ix = create_index(tmp_path / "index")

    _write(ix, pipeline._writer(ix, 400))

    assert can_fork()  # the writer left no thread behind to stop the next fork
    assert len(ix.reader().leaf_readers()) == 2
    records = [line.split() for line in written_by.read_text().splitlines()]
    assert len(records) > 10
    assert {pool for pool, _ in records} == {"BatchedPostingPool"}
    # Each sub-writer leaves what this process held out of its garbage collections.
    assert min(int(frozen) for _, frozen in records) > 10_000
    assert _postings_by_id(ix) == _postings_by_id(whoosh_ix)


def _postings_by_id(ix) -> dict:
    """`_all_postings` by each document's id: two sub-writers take batches of documents
    in turn, so their segments do not number documents as one writer does."""
    with ix.searcher() as searcher:
        ids = {docnum: fields["id"] for docnum, fields in searcher.iter_docs()}
    return {
        term: sorted((ids[docnum], weight, value) for docnum, weight, value in postings)
        for term, postings in _all_postings(ix).items()
    }


def test_a_cancelled_parallel_writer_leaves_no_process_or_thread_behind(tmp_path, monkeypatch):
    if not can_fork():
        pytest.skip("Whoosh's writer processes are forked; this platform cannot fork")
    monkeypatch.setattr(pipeline, "worker_count", lambda documents: 2)
    ix = create_index(tmp_path / "index")
    writer = pipeline._writer(ix, 400)
    for document in _documents():
        writer.add_document(**document)
    sub_writers = list(writer.tasks)
    assert sub_writers

    writer.cancel()

    assert not any(task.is_alive() for task in sub_writers)
    assert can_fork()
    assert ix.doc_count_all() == 0


def test_it_counts_a_postings_size_as_whooshs_pool_does(tmp_path):
    """The size decides when the pool spills: the same postings must spill at the same
    point as in Whoosh's pool, so that `limitmb` means what it says."""
    ix = create_index(tmp_path / "index")
    whoosh_pool = ix.writer().pool
    batched_pool = open_writer(ix, _lk=False).pool
    postings = [
        ("body", b"police", 0, 2.0, b"\x00\x01\x02"),
        ("title", b"x", 1, 1.0, None),
        ("people", "dong jun".encode(), 2, 1.0, b""),
    ]

    for posting in postings:
        whoosh_pool.add(posting)
        batched_pool.add(posting)

    assert batched_pool.currentsize == whoosh_pool.currentsize > 0
    assert batched_pool.fieldnames == whoosh_pool.fieldnames == {"body", "title", "people"}
    assert batched_pool.current == postings
