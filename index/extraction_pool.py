"""Read files and extract their entity mentions on every core, results in input order.

Reading, cleaning and tagging an article is independent of every other article and is most
of an ingest's time, so a large batch goes to worker processes. Small batches stay in this
process: starting workers costs more than it saves below a few hundred files.

Workers are forked (`index.forking`), so they start at once with the name lists already
loaded.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from pathlib import Path

from index.corpus import read_article_file
from index.corpus.load import FileResult
from index.forking import can_fork, heap_left_to_children, worker_count
from index.model import Article

_CHUNK = 8

ReadFile = tuple[FileResult, list[tuple[Article, list]]]


def read_and_extract(paths: list[str], root: Path, max_bytes: int) -> Iterator[ReadFile]:
    """For each path, in order: the file's read result and each article with its mentions."""
    workers = worker_count(len(paths))
    if workers <= 1 or not can_fork():
        for path in paths:
            yield _read_one((path, root, max_bytes))
        return
    _warm_up()
    with heap_left_to_children():
        pool = multiprocessing.get_context("fork").Pool(workers)
    try:
        yield from pool.imap(_read_one, ((p, root, max_bytes) for p in paths), _CHUNK)
        pool.close()
    finally:
        # A cancelled or failed run leaves no worker behind.
        pool.terminate()
        pool.join()


def _read_one(job: tuple[str, Path, int]) -> ReadFile:
    from index.extract.entities import extract_mentions

    path, root, max_bytes = job
    result = read_article_file(path, root, max_bytes)
    return result, [(article, extract_mentions(article)) for article in result.articles]


def _warm_up() -> None:
    """Load the tagger's name lists once here, so forked workers share them."""
    from index.extract.entities import lexicon

    lexicon.given_names()
    lexicon.family_names()
    lexicon.places()
