"""Read every article of the corpus with one function on every core, readings in order.

The corpus-level analysis reads each article against what the whole corpus gave (the
resolved entities, each name's side): a reading depends on that and on the article alone.
A large corpus is therefore read by forked workers, which inherit the articles and those
corpus-wide results at the fork instead of having them pickled; only each article's
reading comes back. Below a few hundred articles, or in a process with other threads,
one process reads them all (`index.forking` says why).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from index.article_store import ArticleStore
from index.forking import can_fork, heap_left_to_children, worker_count
from index.model import Article

Reading = TypeVar("Reading")
Articles = ArticleStore | Sequence[Article]

# Articles per task: small enough to share the work out evenly, large enough that each
# task's round trip is a small part of it.
_ARTICLES_PER_TASK = 64

# The reading and the articles of the current `read_each`, for the forked workers.
_job: tuple[Callable[[Article], object], Articles] | None = None


def read_each(read: Callable[[Article], Reading], articles: Articles) -> Iterator[Reading]:
    """`read(article)` for each article in order, in workers when the corpus is large.

    `read` may be any callable (a closure, a partial): the workers inherit it. Whatever it
    changes in a worker stays there, so anything the caller needs must be in its result.
    Readings are yielded as they come, so the caller need not hold them all."""
    global _job
    count = len(articles)
    workers = worker_count(count)
    if workers <= 1 or not can_fork():
        yield from (read(article) for article in articles)
        return
    if isinstance(articles, ArticleStore):
        articles.ids()  # the id order, computed once here rather than in every worker
    tasks = [
        (start, min(start + _ARTICLES_PER_TASK, count))
        for start in range(0, count, _ARTICLES_PER_TASK)
    ]
    _job = (read, articles)
    try:
        # The workers fork here, with `_job` set; a reading stopped early ends them.
        with heap_left_to_children():
            pool = multiprocessing.get_context("fork").Pool(workers)
        with pool:
            for readings in pool.imap(_read_task, tasks):
                yield from readings
    finally:
        _job = None


def _read_task(bounds: tuple[int, int]) -> list:
    read, articles = _job
    return [read(article) for article in _articles_between(articles, *bounds)]


def _articles_between(articles: Articles, start: int, stop: int) -> Iterator[Article]:
    if isinstance(articles, ArticleStore):
        return (articles.get(article_id) for article_id in articles.ids()[start:stop])
    return iter(articles[start:stop])


def computed_apart(
    compute: Callable[[Callable[[str], None]], Reading],
    articles: Articles,
    stage: Callable[[str], None] | None = None,
) -> Reading:
    """`compute(stage)`, run in a forked child when the corpus is large, so that the memory
    it takes is given back whole when it ends. Each step `compute` names to the `stage` it
    is given reaches this process's `stage` as it starts, whichever process runs it.

    Story grouping builds a vector per article and links between them, a few hundred
    megabytes at 50k articles, and freed Python objects leave their arenas to the process
    for good: kept in the indexing process, they were still its memory when Whoosh's
    sub-writers forked from it. The whole analysis of a build runs so too, its grouping a
    child of its child. Only the result comes back, pickled."""
    stage = stage or _unnamed
    if worker_count(len(articles)) <= 1 or not can_fork():
        return compute(stage)
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    with heap_left_to_children():
        # Not a pool's worker: those are daemons, and this child starts workers of its own.
        child = context.Process(target=_compute_and_send, args=(compute, sending))
        child.start()
    sending.close()
    try:
        while (message := receiving.recv())[0] == "stage":
            stage(message[1])
        succeeded, result = message
    except EOFError:
        child.join()
        raise RuntimeError(f"a child process died (exit {child.exitcode})") from None
    finally:
        receiving.close()
        child.join()
    if not succeeded:
        raise result
    return result


def _unnamed(_name: str) -> None:
    pass


def _compute_and_send(compute: Callable[[Callable[[str], None]], object], sending) -> None:
    def stage(name: str) -> None:
        sending.send(("stage", name))

    try:
        outcome = (True, compute(stage))
    except BaseException as error:  # the caller raises it, whatever it is
        outcome = (False, error)
    sending.send(outcome)
    sending.close()
