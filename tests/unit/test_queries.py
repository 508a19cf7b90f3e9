"""The query language over the seeds: fields, dates, errors and suggestions."""

from __future__ import annotations

import pytest

from index.errors import QueryError


def ids(result) -> set[str]:
    return {hit.id for hit in result.hits}


@pytest.mark.parametrize(
    "query, expected",
    [
        ("source:afp", {"004_0011330f49dcaf1b"}),
        ("source:bloomberg", {"000_430fa6ff25a7538e"}),
        ("published:2024-09", {"004_0011330f49dcaf1b"}),
        ("published:[2024-04-01 to 2024-04-30]", {"002_fa17d5cd43c4c00b"}),
        ("Paparo OR Meiners", {"004_0011330f49dcaf1b", "003_7a427d73bfb55530"}),
        ('"South China Sea" AND NOT Taiwan', set()),
        ("teleconf*", {"001_8f90672e2de6c76f"}),
        ("TITLE:trust", {"002_fa17d5cd43c4c00b"}),
    ],
)
def test_query_language(seed_briefing, query, expected):
    assert ids(seed_briefing.search(query)) == expected


def test_stemming_matches_other_forms(seed_briefing):
    assert "003_7a427d73bfb55530" in ids(seed_briefing.search("concluding"))


def test_hit_has_snippet_with_highlight_spans(seed_briefing):
    hit = seed_briefing.search("Paparo").hits[0]
    assert hit.title and hit.source == "AFP"
    assert hit.published.isoformat() == "2024-09-10"
    assert any(hit.snippet[s:e] == "Paparo" for s, e in hit.highlights)


def test_sort_by_date_puts_newest_first(seed_briefing):
    result = seed_briefing.search('"South China Sea"', sort="date")
    dated = [hit.published for hit in result.hits if hit.published]
    assert dated == sorted(dated, reverse=True)
    assert result.hits[0].id == "004_0011330f49dcaf1b"


@pytest.mark.parametrize(
    "query, words",
    [
        ("published:[garbage", ["cannot parse"]),
        ("(((", ["cannot parse"]),
        ("p", ["nothing to search for in 'p'", "one letter"]),
        ("the of", ["nothing to search for in 'the of'", "common words"]),
        ("published:2024-13", ["cannot parse", "dates"]),
        ("colour:red", ["unknown field 'colour:'"]),
        ("x" * 5000, ["limit"]),
        ("   ", ["empty"]),
    ],
)
def test_bad_queries_raise_one_line(seed_briefing, query, words):
    with pytest.raises(QueryError) as caught:
        seed_briefing.search(query)
    assert "\n" not in str(caught.value)
    for word in words:
        assert word in str(caught.value)


def test_did_you_mean_comes_from_the_vocabulary(seed_briefing):
    result = seed_briefing.search("paparro")
    assert result.hits == []
    assert result.suggestion == "paparo"


def test_a_search_that_finds_something_leaves_the_analysis_unread(seed_briefing):
    result = seed_briefing.search("paparo")

    assert result.hits and result.suggestion is None
    assert seed_briefing._analysis is None  # the CLI's one search never loads it
    assert seed_briefing.search("paparro").suggestion == "paparo"  # now it is read
    assert seed_briefing._analysis is not None


@pytest.mark.parametrize(
    "query, expected",
    [
        (
            'person:"dong jun"',
            {"000_430fa6ff25a7538e", "001_8f90672e2de6c76f", "002_fa17d5cd43c4c00b"},
        ),
        ("person:austin", {"000_430fa6ff25a7538e", "001_8f90672e2de6c76f", "002_fa17d5cd43c4c00b"}),
        ("PERSON:Paparo", {"004_0011330f49dcaf1b"}),
        ('person:"Gen. Q Brown"', {"000_430fa6ff25a7538e", "003_7a427d73bfb55530"}),
        (
            "org:pentagon",
            {
                "000_430fa6ff25a7538e",
                "001_8f90672e2de6c76f",
                "002_fa17d5cd43c4c00b",
                "003_7a427d73bfb55530",
            },
        ),
        (
            'place:"south china sea"',
            {
                f"{a}"
                for a in (
                    "000_430fa6ff25a7538e",
                    "001_8f90672e2de6c76f",
                    "002_fa17d5cd43c4c00b",
                    "003_7a427d73bfb55530",
                    "004_0011330f49dcaf1b",
                )
            },
        ),
        ("place:honolulu", {"000_430fa6ff25a7538e"}),
    ],
)
def test_entity_fields_find_canonical_names_through_aliases(seed_briefing, query, expected):
    assert ids(seed_briefing.search(query)) == expected


def test_did_you_mean_offers_words_not_stems(seed_briefing):
    # "defence" is stemmed to "defenc" in the index; the suggestion must be the word.
    result = seed_briefing.search("defense AND militery")
    assert result.hits == []
    assert result.suggestion == "defense AND military"
