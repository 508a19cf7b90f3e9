"""Story grouping: every article in exactly one story, one story per real-world event."""

from __future__ import annotations

import hashlib
from datetime import date

from briefing_seeds import seed_articles

from index.extract.stories import (
    NAME_WEIGHT,
    TITLE_WEIGHT,
    article_features,
    average_link,
    group_stories,
)
from index.model import Article, Paragraph


def _article(aid: str, text: str, published: date | None = None) -> Article:
    return Article(
        aid,
        aid,
        text.split(".")[0],
        None,
        None,
        published,
        [Paragraph(p) for p in text.split("\n")],
        hashlib.sha1(text.encode()).hexdigest(),
    )


def test_seeds_group_into_their_events():
    stories = group_stories(seed_articles())
    assert sorted(sorted(s.articles) for s in stories) == [
        ["000_430fa6ff25a7538e", "001_8f90672e2de6c76f", "002_fa17d5cd43c4c00b"],
        ["003_7a427d73bfb55530"],
        ["004_0011330f49dcaf1b"],
    ]


def test_ids_are_dated_slugs_and_stable():
    articles = seed_articles()
    first = group_stories(articles)
    again = group_stories(list(reversed(articles)))
    assert [s.id for s in first] == [s.id for s in again]
    by_article = {a: s for s in first for a in s.articles}
    # 003 has no date; its own "Jan. 8-9" + "on Tuesday" place it in 2024.
    assert by_article["003_7a427d73bfb55530"].id.startswith("2024-01-09-")
    assert by_article["004_0011330f49dcaf1b"].id.startswith("2024-09-10-")


def test_two_events_of_one_kind_stay_apart_and_any_event_groups():
    quake_a = (
        "A magnitude 6.1 earthquake struck Lombok in Indonesia on Sunday, killing 14 people.\n"
        "Rescuers in Lombok searched rubble."
    )
    quake_a2 = (
        "Indonesia's Lombok island was hit by a 6.1 magnitude earthquake that killed 14.\n"
        "Lombok officials said rescuers were searching."
    )
    quake_b = (
        "A 7.0 earthquake shook Anchorage, Alaska on Friday, damaging roads.\n"
        "Anchorage officials reported no deaths."
    )
    trial = "A jury in Boston convicted the bomber on all counts.\nThe Boston trial lasted weeks."
    stories = group_stories(
        [
            _article("a", quake_a),
            _article("a2", quake_a2),
            _article("b", quake_b),
            _article("t", trial),
        ]
    )
    assert sorted(sorted(s.articles) for s in stories) == [["a", "a2"], ["b"], ["t"]]


def test_dates_far_apart_never_join():
    text = "Austin and Dong held a video call about Taiwan and the South China Sea."
    stories = group_stories(
        [_article("x", text, date(2024, 4, 16)), _article("y", text, date(2024, 9, 1))]
    )
    assert len(stories) == 2


def test_average_link_merges_only_above_threshold():
    sims = {(0, 1): 0.9, (1, 2): 0.5, (0, 2): 0.0}
    assert average_link(3, sims, 0.3) == [[0, 1], [2]]  # avg({0,1},{2}) = 0.25
    assert average_link(3, sims, 0.2) == [[0, 1, 2]]


def test_links_built_directly_cluster_as_average_link_over_the_pairs():
    from benchmarks.grouping import load_clustmcms
    from index.extract import stories

    articles = [article for article, _ in load_clustmcms()[:300]]
    vectors = stories.tfidf_vectors([stories.article_terms(a) for a in articles])
    dates = stories.article_dates(articles)
    links = stories.candidate_links(vectors, dates)
    pairs = stories.candidate_pairs(vectors, dates)

    assert len(pairs) > 300
    assert {(i, j) for i, row in links.items() for j in row if i < j} == set(pairs)
    assert all(links[j][i] == s for (i, j), s in pairs.items())
    for threshold in (0.1, stories.THRESHOLD, 0.4):
        clusters = stories._cluster(
            len(articles), stories.candidate_links(vectors, dates), threshold, None, None
        )
        assert clusters == average_link(len(articles), pairs, threshold)
        assert any(len(cluster) > 2 for cluster in clusters)


def test_names_weigh_more_except_at_a_sentence_start_and_titles_weigh_more():
    # Title "Austin calls Dong": the first word opens a sentence, "Dong" is a name.
    article = _article("a", "Austin calls Dong. Austin met Dong in Singapore.\nTalks resumed.")
    counts, names = article_features(article)

    title, body = TITLE_WEIGHT, 1.0
    assert counts["austin"] == title + 2 * body  # it opens the title and both sentences
    assert counts["dong"] == title * NAME_WEIGHT + 2 * body * NAME_WEIGHT
    assert counts["singapore"] == NAME_WEIGHT
    assert counts["call"] == title + body and counts["talk"] == body  # "Talks" opens one
    assert names == {"dong", "singapore"}
    assert list(counts) == ["austin", "call", "dong", "met", "singapore", "talk", "resum"]
