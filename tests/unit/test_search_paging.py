"""The facade's search as the app uses it: a page without counting, the count after, a
later page with its own snippets, and a repeated query answered from the kept results."""

from __future__ import annotations


def test_a_search_need_not_count_and_the_count_agrees(seed_briefing):
    counted = seed_briefing.search("China")
    uncounted = seed_briefing.search("China", count=False)
    assert counted.total is not None and counted.total > 1
    assert uncounted.total is None
    assert [h.id for h in uncounted.hits] == [h.id for h in counted.hits]
    assert seed_briefing.count("China") == counted.total
    assert seed_briefing.count("nosuchwordanywhere") == 0


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
    first = seed_briefing.search("talks", count=False, suggest=False)
    again = seed_briefing.search("talks ", count=False, suggest=False)  # a space typed
    assert again.query == "talks "
    assert again.hits is first.hits  # not searched again
    other = seed_briefing.search("talks China", count=False, suggest=False)
    assert other.hits is not first.hits


def test_a_refresh_forgets_the_kept_results(seed_briefing):
    first = seed_briefing.search("talks", count=False, suggest=False)
    seed_briefing.refresh()
    again = seed_briefing.search("talks", count=False, suggest=False)
    assert again.hits is not first.hits
    assert [h.id for h in again.hits] == [h.id for h in first.hits]


def test_suggest_offers_a_word_the_corpus_uses(seed_briefing):
    assert seed_briefing.suggest("Austn") == "austin"
    assert seed_briefing.suggest("Austin") is None


def test_a_count_stops_when_cancelled(seed_briefing, monkeypatch):
    import index.search.queries as queries

    # Far more matches than the seeds have: a count long enough to be asked to stop.
    monkeypatch.setattr(
        queries.Searcher, "docs_for_query", lambda self, q: iter(range(5000)), raising=True
    )
    asked = []

    def cancelled() -> bool:
        asked.append(True)
        return len(asked) >= 2

    assert seed_briefing.count("China") == 5000
    assert seed_briefing.count("China", cancelled=cancelled) is None
    assert len(asked) == 2
