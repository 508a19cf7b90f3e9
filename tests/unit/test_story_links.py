"""Story links: the array-at-a-time scoring finds exactly the pairs, and the similarities,
that comparing each pair of articles in plain Python finds."""

from __future__ import annotations

import itertools
import math
import random
from datetime import date, timedelta

import pytest

from index.extract import stories
from index.extract.stories import Vector, candidate_links


def _pairwise_links(vectors: list[Vector], dates: list[date | None]) -> dict:
    """The definition: a pair is scored when it shares a distinctive term that at most
    MAX_POSTING articles count as distinctive, and its dates (if both have one) lie within
    DATE_WINDOW_DAYS; it is a link when its cosine reaches SIMILARITY_FLOOR."""
    posting: dict[int, set[int]] = {}
    for i, vector in enumerate(vectors):
        for term in vector.terms[: vector.distinctive]:
            posting.setdefault(term, set()).add(i)
    distinct = [
        {t for t in v.terms[: v.distinctive] if len(posting[t]) <= stories.MAX_POSTING}
        for v in vectors
    ]
    links: dict[tuple[int, int], float] = {}
    for i in range(len(vectors)):
        for j in range(i + 1, len(vectors)):
            if not distinct[i] & distinct[j]:
                continue
            if dates[i] and dates[j] and abs((dates[i] - dates[j]).days) > stories.DATE_WINDOW_DAYS:
                continue
            mine = vectors[i].as_dict()
            similarity = sum(w * mine.get(t, 0.0) for t, w in vectors[j].as_dict().items())
            if similarity >= stories.SIMILARITY_FLOOR:
                links[i, j] = similarity
    return links


def _as_pairs(links: dict[int, dict[int, float]]) -> dict[tuple[int, int], float]:
    pairs = {(i, j): s for i, row in links.items() for j, s in row.items() if i < j}
    assert all(links[j][i] == s for (i, j), s in pairs.items())  # symmetric
    return pairs


def _assert_same(found: dict, expected: dict) -> None:
    assert found.keys() == expected.keys()
    assert all(math.isclose(found[p], expected[p], rel_tol=1e-9) for p in expected)


def _random_vectors(seed: int, count: int, vocabulary: int) -> tuple[list[Vector], list]:
    chance = random.Random(seed)
    vectors, dates = [], []
    for _ in range(count):
        size = chance.choice([0, 1, 3, 8, 20, 60])
        terms = chance.sample(range(vocabulary), min(size, vocabulary))
        weights = {t: chance.random() + 0.01 for t in terms}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        vectors.append(
            Vector({t: w / norm for t, w in weights.items()}, distinctive=chance.randint(0, size))
        )
        dates.append(
            None if chance.random() < 0.2 else date(2024, 1, 1) + timedelta(chance.randint(0, 40))
        )
    return vectors, dates


@pytest.mark.parametrize("seed", range(6))
def test_random_vectors_link_as_pair_by_pair(seed, monkeypatch):
    # A small posting limit, so that common terms are left out as in a large corpus.
    monkeypatch.setattr(stories, "MAX_POSTING", 5)
    vectors, dates = _random_vectors(seed, 150, vocabulary=300)
    expected = _pairwise_links(vectors, dates)
    assert len(expected) > 20
    _assert_same(_as_pairs(candidate_links(vectors, dates)), expected)


def test_real_articles_link_as_pair_by_pair():
    from benchmarks.grouping import load_clustmcms

    articles = [article for article, _ in load_clustmcms()[:300]]
    vectors = stories.tfidf_vectors([stories.article_terms(a) for a in articles])
    dates = stories.article_dates(articles)
    expected = _pairwise_links(vectors, dates)
    assert len(expected) > 300
    _assert_same(_as_pairs(candidate_links(vectors, dates)), expected)


def test_partners_are_in_rising_order_and_each_found_once():
    # Three articles sharing two distinctive terms: each pair is scored once, not per term.
    vectors = [Vector({1: 0.6, 2: 0.8}) for _ in range(3)]
    links = candidate_links(vectors, [None, date(2024, 1, 1), None])
    assert {i: list(row) for i, row in links.items()} == {0: [1, 2], 1: [0, 2], 2: [0, 1]}
    assert all(math.isclose(s, 1.0, rel_tol=1e-6) for row in links.values() for s in row.values())


def test_no_articles_or_no_terms_give_no_links():
    assert candidate_links([], []) == {}
    assert candidate_links([Vector({})], [None]) == {}
    assert candidate_links([Vector({}), Vector({})], [None, None]) == {}
    assert candidate_links([Vector({}), Vector({3: 1.0})], [None, None]) == {}


@pytest.mark.parametrize("seed", range(4))
def test_links_wait_for_clustering_in_the_order_a_heap_pops_them(seed, monkeypatch):
    monkeypatch.setattr(stories, "_MERGES_MADE_AT_ONCE", 5)  # several chunks
    rng = random.Random(seed)
    # Few distinct scores, so that many entries tie on their score and order by a, then b.
    scores = [0.1, 0.2, 0.25, 0.5, 1 / 3]
    links: dict[int, dict[int, float]] = {}
    for _ in range(200):
        i, j = rng.sample(range(40), 2)
        links.setdefault(i, {})[j] = links.setdefault(j, {})[i] = rng.choice(scores)
    entries = [
        (-s, i, j, s) for i, row in links.items() for j, s in row.items() if i < j and s >= 0.2
    ]

    assert list(stories._initial_merges(links, 0.2)) == sorted(entries)
    assert len(entries) > 2 * stories._MERGES_MADE_AT_ONCE


def test_clusters_of_links_are_average_link_by_definition():
    # Merges push new entries among the waiting links; the result must still be textbook
    # average link: merge the best pair (ties to the lowest first members) while its mean
    # link reaches the threshold. Scores in eighths, so every sum is exact in any order.
    rng = random.Random(7)
    links: dict[int, dict[int, float]] = {}
    for _ in range(300):
        i, j = rng.sample(range(60), 2)
        links.setdefault(i, {})[j] = links.setdefault(j, {})[i] = rng.choice([0.25, 0.375, 0.75])
    expected = _average_link_by_definition(60, links, 0.3)

    clustered = stories._cluster(60, {i: dict(row) for i, row in links.items()}, 0.3, None, None)

    assert clustered == expected
    assert any(len(cluster) > 2 for cluster in expected)


def _average_link_by_definition(
    n: int, links: dict[int, dict[int, float]], threshold: float
) -> list[list[int]]:
    """Every pair of clusters scored afresh before each merge: slow, and plainly right."""
    clusters = [[i] for i in range(n)]
    while True:
        best = None
        for x, y in itertools.combinations(clusters, 2):
            total = sum(links.get(i, {}).get(j, 0.0) for i in x for j in y)
            score = total / (len(x) * len(y))
            key = (-score, min(x), min(y))
            if score >= threshold and (best is None or key < best[0]):
                best = (key, x, y)
        if best is None:
            return sorted(sorted(c) for c in clusters)
        _, x, y = best
        clusters.remove(y)
        x.extend(y)


@pytest.mark.parametrize("seed", range(3))
def test_vectors_set_aside_as_links_are_found_come_back_whole(seed, tmp_path, monkeypatch):
    vectors, dates = _random_vectors(seed, 150, 40)
    expected_links = _as_pairs(candidate_links(list(vectors), dates))
    set_aside = stories._VectorsSetAside(tmp_path)
    handed: list[Vector] = []
    compared = [0]  # articles whose partners were gathered so far
    gather = stories._gather

    def counted_gather(*args):
        compared[0] += 1
        return gather(*args)

    def add(vector: Vector) -> None:
        # Set aside as soon as its own turn is over, not when every article is done.
        assert compared[0] <= len(handed) + 1
        handed.append(vector)
        set_aside.add(vector)

    monkeypatch.setattr(stories, "_gather", counted_gather)

    given = list(vectors)
    links = candidate_links(given, dates, add)

    _assert_same(_as_pairs(links), expected_links)
    assert handed == vectors  # every vector once, in order
    assert given == [None] * len(vectors)  # none held by the caller's list
    with set_aside:
        for i, vector in enumerate(vectors):
            back = set_aside[i]
            assert (back.terms, back.weights) == (vector.terms, vector.weights)
            assert (back.private, back.distinctive) == (vector.private, vector.distinctive)


def test_one_vector_is_set_aside_too(tmp_path):
    only = Vector({3: 1.0}, private=0.25)
    with stories._VectorsSetAside(tmp_path) as set_aside:
        assert candidate_links([only], [None], set_aside.add) == {}
        assert set_aside[0].as_dict() == only.as_dict() and set_aside[0].private == 0.25
