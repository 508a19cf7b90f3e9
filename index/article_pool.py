"""Read every article of the corpus with one function on every core, readings in order.

The corpus-level analysis reads each article against what the whole corpus gave (the
resolved entities, each name's side): a reading depends on that and on the article alone.
A large corpus is therefore read by forked workers, which inherit the articles and those
corpus-wide results at the fork instead of having them pickled; only each article's
reading comes back. Below a few hundred articles, or in a process with other threads
(the app), one process reads them all, as `extraction_pool` does and for its reasons.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from index.article_store import ArticleStore
from index.extraction_pool import can_fork, worker_count
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
        with multiprocessing.get_context("fork").Pool(workers) as pool:
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
