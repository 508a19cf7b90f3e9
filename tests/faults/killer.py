"""Run `briefing index` and SIGKILL it at a chosen point: the harness of the kill -9 sweep.

    python -m tests.faults.killer COUNTS_FILE CATEGORY NUMBER -- BRIEFING ARGS...

Hooks count the calls of every step that reads or writes the index (reading a file,
the analysis, each document added, each Whoosh file created, written, closed, renamed or
deleted, each rename/remove of a whole folder, the analysis cache); at the NUMBER-th call of
CATEGORY the process sends itself SIGKILL, as `kill -9` would, with no cleanup, no finally
blocks and no flush of Python buffers. A "write" kill first writes half of the bytes, so
files are left torn. CATEGORY "none" runs to the end and writes the census of calls per
category to COUNTS_FILE, from which the test draws its seeded kill points.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import signal
import sys
from collections import Counter

counts: Counter[str] = Counter()
target: tuple[str, int] = ("none", 0)


def _die() -> None:
    sys.stderr.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def _tick(category: str) -> bool:
    counts[category] += 1
    return target == (category, counts[category])


def _hook(owner, name: str, category: str, half_write: bool = False) -> None:
    original = getattr(owner, name)

    @functools.wraps(original)
    def wrapper(*args, **kwargs):
        if _tick(category):
            if half_write and args[1:] and isinstance(args[1], (bytes, bytearray, memoryview)):
                data = bytes(args[1])
                original(args[0], data[: len(data) // 2])
                args[0].flush()
            _die()
        return original(*args, **kwargs)

    setattr(owner, name, wrapper)


def install() -> None:
    import whoosh.filedb.filestore as filestore
    import whoosh.filedb.structfile as structfile
    import whoosh.writing as writing

    import index.analysis
    import index.extraction_pool as extraction_pool
    import index.pipeline as pipeline
    import index.search.store as store

    _hook(extraction_pool, "read_article_file", "read")  # small corpora: read in-process
    _hook(pipeline, "analyse", "analyse")
    _hook(writing.SegmentWriter, "add_document", "add")
    _hook(writing.SegmentWriter, "update_document", "add")
    _hook(writing.SegmentWriter, "commit", "commit")
    _hook(filestore.FileStorage, "create_file", "create")
    _hook(filestore.FileStorage, "rename_file", "rename")
    _hook(filestore.FileStorage, "delete_file", "delete")
    _hook(structfile.StructFile, "write", "write", half_write=True)
    _hook(structfile.StructFile, "close", "close")
    _hook(os, "replace", "replace")
    _hook(os, "fsync", "fsync")
    _hook(shutil, "rmtree", "rmtree")
    _hook(pipeline, "save_analysis", "cache")
    _hook(index.analysis.PendingAnalysis, "save", "cache")
    _hook(pipeline, "save_extension", "cache")
    _hook(pipeline, "save_memo", "memo")
    _hook(store, "_write_version", "stamp")
    del index.analysis


def main(argv: list[str]) -> int:
    global target
    counts_file, category, number, separator, *briefing_args = argv
    assert separator == "--"
    target = (category, int(number))
    install()
    from index.cli import main as briefing

    code = briefing(briefing_args)
    if category == "none":
        with open(counts_file, "w") as handle:
            json.dump(dict(counts), handle)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
