"""Whoosh writers whose pool of postings spills to disk in batches, not a posting at a time.

A Whoosh writer sorts every posting of its segment in a pool; past `limitmb` it spills the
pool to a temporary run file, and at commit it merges the runs back. Whoosh pickles each
posting on its own into a run and unpickles each on the merge. A large segment spills most
of its postings, and one process writing a segment of 1,500 articles with pairs of common
words spent 7.5-7.9 ms of CPU an article that way, 5.2-6.3 ms with the runs pickled in
batches (medians of three runs each, batches of 256 to 2,048 postings). The runs are the
writer's own temporary files, so their layout is ours to choose; the postings that come out
of the merge, and so the index, are the same.

Whoosh builds its pool inside `SegmentWriter.__init__`, and a parallel writer's
sub-writers inside their forked processes, so the pool is swapped in before the first
posting is added: by `open_writer` for this process's writer, and by the sub-writer task
before the first batch of documents it reads.
"""

from __future__ import annotations

import itertools
import pickle
from collections.abc import Iterable, Iterator

from whoosh.index import Index
from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.writing import PostingPool, SegmentWriter

from index.forking import heap_left_to_children

# Postings per pickled batch. Merging holds one batch of every run in memory (a 50k build's
# sub-writer spills about fifty runs); 512 postings a batch already saves what 4,096 do.
POSTINGS_PER_BATCH = 512
_MB = 1024 * 1024


class BatchedPostingPool(PostingPool):
    """A `PostingPool` whose runs are pickled lists of postings."""

    def add(self, item: tuple) -> None:
        """PostingPool.add without its type checks of Whoosh's own analysis output, which
        cost as much as the rest of it: once per posting, about a million at 2,500
        articles. The estimate of a posting's size, which decides when to spill, is
        Whoosh's."""
        fieldname, tbytes, _, _, vbytes = item
        self.fieldnames.add(fieldname)
        self.currentsize += 150 + len(fieldname) + 2 * len(tbytes) + (len(vbytes) if vbytes else 0)
        if self.currentsize > self.limit:
            self.save()
        self.current.append(item)

    def _write_run(self, f, items: Iterable) -> None:
        postings = iter(items)
        while batch := list(itertools.islice(postings, POSTINGS_PER_BATCH)):
            pickle.dump(batch, f, pickle.HIGHEST_PROTOCOL)
        f.close()

    def _read_run(self, path: str) -> Iterator:
        f = self._open_run(path)
        try:
            while True:
                yield from pickle.load(f)
        except EOFError:
            return
        finally:
            f.close()
            self._remove_run(path)


def open_writer(ix: Index, procs: int = 1, **kwargs) -> SegmentWriter:
    """`ix.writer(procs=..., **kwargs)`, with batched pools in it and its sub-writers."""
    if procs > 1:
        return _BatchedMpWriter(ix, procs=procs, **kwargs)
    writer = SegmentWriter(ix, **kwargs)
    _batch_pool(writer)
    return writer


def _batch_pool(writer: SegmentWriter) -> None:
    pool = writer.pool
    if isinstance(pool, BatchedPostingPool):
        return
    # Only an empty pool: one that holds postings or runs would lose them.
    assert not pool.current and not pool.runs, "swap the pool before adding postings"
    writer.pool = BatchedPostingPool(pool.tempstore, pool.segment, limitmb=pool.limit / _MB)


class _BatchedSubWriterTask(SubWriterTask):
    def _process_file(self, filename, doc_count):
        _batch_pool(self.writer)
        super()._process_file(filename, doc_count)


class _BatchedMpWriter(MpWriter):
    def __init__(self, ix: Index, **kwargs):
        super().__init__(ix, **kwargs)
        _batch_pool(self)

    def _finish(self):
        super()._finish()
        self._close_queues()

    def cancel(self):
        try:
            super().cancel()
        finally:
            # MpWriter's cancel only flags its copy of each task: the forked sub-writers
            # would wait on the job queue for ever.
            for task in self.tasks:
                task.terminate()
                task.join()
            self._close_queues(flush=False)

    def _close_queues(self, flush: bool = True) -> None:
        # A queue that was put to keeps a feeder thread until it is closed, and a process
        # with a second thread never forks again (`can_fork`): a build's later steps, and
        # the next build in the same process, would all run in one process.
        for queue in (self.jobqueue, self.resultqueue):
            queue.close()
            if flush:
                queue.join_thread()
            else:  # nobody is left to read what it holds
                queue.cancel_join_thread()

    def _new_task(self):
        # MpWriter._new_task with the task class swapped.
        task = _BatchedSubWriterTask(
            self.storage,
            self.indexname,
            self.jobqueue,
            self.resultqueue,
            self.subargs,
            self.multisegment,
        )
        self.tasks.append(task)
        with heap_left_to_children():
            task.start()
        return task
