"""The facade's search as the app uses it: a page of hits with the count of every match, a
later page with its own snippets, and a repeated query answered from the kept results."""

from __future__ import annotations


def test_the_total_counts_every_match_not_only_the_page(seed_briefing):
    page = seed_briefing.search("China", limit=2)
    everything = seed_briefing.search("China", limit=1000)
    assert len(page.hits) == 2 < page.total
    assert page.total == everything.total == len(everything.hits)
    assert [h.id for h in page.hits] == [h.id for h in everything.hits[:2]]
    assert seed_briefing.search("nosuchwordanywhere").total == 0


def test_a_date_sorted_search_counts_every_match_too(seed_briefing):
    by_date = seed_briefing.search("China", limit=1, sort="date")
    assert by_date.total == seed_briefing.search("China", limit=1000).total > 1


def test_snippets_are_made_for_the_asked_window_of_ranks(seed_briefing):
    everything = seed_briefing.search("China", snippets=100)
    assert len(everything.hits) >= 3 and all(h.snippet for h in everything.hits)
    window = seed_briefing.search("China", snippets=1, snippets_from=2)
    assert [bool(h.snippet) for h in window.hits[:4]] == [False, False, True, False][
        : len(window.hits[:4])
    ]
    assert window.hits[2].snippet == everything.hits[2].snippet
    assert window.hits[2].highlights == everything.hits[2].highlights


def test_the_same_query_typed_again_is_answered_from_the_kept_results(seed_briefing):
    first = seed_briefing.search("talks", suggest=False)
    again = seed_briefing.search("talks ", suggest=False)  # a space typed
    assert again.query == "talks "
    assert again.hits is first.hits  # not searched again
    other = seed_briefing.search("talks China", suggest=False)
    assert other.hits is not first.hits


def test_a_refresh_forgets_the_kept_results(seed_briefing):
    first = seed_briefing.search("talks", suggest=False)
    seed_briefing.refresh()
    again = seed_briefing.search("talks", suggest=False)
    assert again.hits is not first.hits
    assert [h.id for h in again.hits] == [h.id for h in first.hits]


def test_suggest_offers_a_word_the_corpus_uses(seed_briefing):
    assert seed_briefing.suggest("Austn") == "austin"
    assert seed_briefing.suggest("Austin") is None
