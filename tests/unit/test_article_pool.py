"""Readings done in forked workers come back in article order, equal to a reading in one
process, from a list or a store, with the parent's objects left out of the workers'
collections; a worker's error reaches the caller; a computation apart returns its result
or its error from a child; and the corpus-level analysis done with workers is the analysis
done in one process."""

from __future__ import annotations

import gc
import multiprocessing
import os

import pytest

from benchmarks.grouping import load_clustmcms
from index import article_pool
from index.analysis import analyse
from index.article_store import ArticleStore
from index.corpus import load_corpus
from index.extract.entities import extract_mentions
from index.forking import can_fork, heap_collected_again
from tests.conftest import SEEDS

pytestmark = pytest.mark.skipif(not can_fork(), reason="the workers are forked processes")


@pytest.fixture
def workers(monkeypatch) -> list[int]:
    """Two workers for any corpus, a few articles a task; counts the pools started."""
    monkeypatch.setattr(article_pool, "worker_count", lambda articles: 2)
    monkeypatch.setattr(article_pool, "_ARTICLES_PER_TASK", 7)
    pools: list[int] = []
    fork_context = multiprocessing.get_context

    def counted(method=None):
        pools.append(1)
        return fork_context(method)

    monkeypatch.setattr(article_pool.multiprocessing, "get_context", counted)
    return pools


def _articles():
    return [article for article, _ in load_clustmcms()[:60]]


def _id_and_process(article):
    return article.id, os.getpid()


@pytest.mark.parametrize("held_in", ["list", "store"])
def test_readings_come_back_in_order_from_the_workers(workers, held_in):
    articles = _articles()
    read_from = ArticleStore(articles) if held_in == "store" else articles

    readings = list(article_pool.read_each(_id_and_process, read_from))

    expected_order = (
        sorted(a.id for a in articles) if held_in == "store" else [a.id for a in articles]
    )
    assert [article_id for article_id, _ in readings] == expected_order
    # Read in the workers (which of the two takes which task is theirs to race for).
    assert os.getpid() not in {process for _, process in readings}
    assert workers == [1]


def _objects_the_collector_skips(article):
    return gc.get_freeze_count()


def test_the_workers_leave_the_parents_objects_out_of_their_collections(workers):
    """Else each worker's collections would copy every page of the parent's objects."""
    in_workers = set(article_pool.read_each(_objects_the_collector_skips, _articles()))

    assert min(in_workers) > 10_000  # the modules and everything else the parent held
    # The parent's own stay frozen too, so that its collections do not copy the pages
    # it shares with workers, until the build gives them back.
    assert gc.get_freeze_count() > 10_000
    heap_collected_again()
    assert gc.get_freeze_count() == 0


def test_one_process_reads_a_small_corpus_itself(monkeypatch):
    monkeypatch.setattr(article_pool, "worker_count", lambda articles: 1)

    readings = list(article_pool.read_each(_id_and_process, _articles()[:5]))

    assert {process for _, process in readings} == {os.getpid()}


def test_a_workers_error_reaches_the_caller(workers):
    articles = _articles()
    unreadable = articles[40].id

    def read(article):
        if article.id == unreadable:
            raise ValueError(f"cannot read {article.id}")
        return article.id

    with pytest.raises(ValueError, match=f"cannot read {unreadable}"):
        list(article_pool.read_each(read, articles))
    assert article_pool._job is None


def test_a_computation_apart_runs_in_a_child_and_returns_its_result(workers):
    articles = _articles()

    process, ids = article_pool.computed_apart(
        lambda _stage: (os.getpid(), [article.id for article in articles]), articles
    )

    assert process != os.getpid()
    assert ids == [article.id for article in articles]


def test_the_steps_a_computation_apart_names_reach_this_process_as_they_start(workers):
    seen: list[tuple[str, int]] = []

    def compute(stage) -> int:
        stage("grouping")
        stage("resolving")
        return len(seen)  # in the child, nothing it named was seen

    def stage(name: str) -> None:
        seen.append((name, os.getpid()))

    assert article_pool.computed_apart(compute, _articles(), stage) == 0
    assert seen == [("grouping", os.getpid()), ("resolving", os.getpid())]


def test_a_computation_apart_raises_its_error_here(workers):
    def fails(_stage):
        raise ValueError("no stories today")

    with pytest.raises(ValueError, match="no stories today"):
        article_pool.computed_apart(fails, _articles())


def test_a_child_that_dies_is_an_error_not_a_hang(workers):
    with pytest.raises(RuntimeError, match="died"):
        article_pool.computed_apart(lambda _stage: os._exit(3), _articles())


def test_the_analysis_read_in_workers_is_the_one_read_in_one_process(workers, monkeypatch):
    # The seeds' engagements and stories among sixty other articles.
    articles = load_corpus(SEEDS).articles + _articles()
    mentions = {article.id: extract_mentions(article) for article in articles}
    in_workers = analyse(ArticleStore(articles), mentions, {})
    assert len(workers) == 4  # sides, contacts; stories grouped and entities resolved apart

    monkeypatch.setattr(article_pool, "worker_count", lambda articles: 1)
    in_one_process = analyse(ArticleStore(articles), mentions, {})

    assert len(workers) == 4
    assert in_one_process.engagements and in_one_process.stories
    assert any(e.participants for e in in_one_process.engagements)
    assert in_workers.engagements == in_one_process.engagements
    assert in_workers.stories == in_one_process.stories
    assert in_workers.entities == in_one_process.entities
