"""Average link with signature names: two events of one kind stay apart, one event's halves join."""

from __future__ import annotations

from itertools import combinations

from index.extract.stories import average_link


def _two_groups(cross: float) -> dict[tuple[int, int], float]:
    sims = {}
    for group in (range(0, 4), range(4, 8)):
        for i, j in combinations(group, 2):
            sims[(i, j)] = 0.6
    for i in range(4):
        for j in range(4, 8):
            sims[(i, j)] = cross
    return sims


def test_stories_with_their_own_names_stay_apart():
    names = [{"steeler", "jamal"}] * 4 + [{"patriot", "cromartie"}] * 4
    idf = {t: 2.0 for t in ("steeler", "jamal", "patriot", "cromartie")}
    sims = _two_groups(0.3)
    assert average_link(8, sims, 0.2) == [list(range(8))]  # words alone merge them
    assert average_link(8, sims, 0.2, names, idf) == [[0, 1, 2, 3], [4, 5, 6, 7]]


def test_halves_of_one_event_sharing_names_join():
    names = [{"lombok", "mataram"}] * 8
    idf = {"lombok": 2.0, "mataram": 2.0}
    assert average_link(8, _two_groups(0.3), 0.2, names, idf) == [list(range(8))]


def test_small_stories_are_not_judged_by_names():
    names = [{"a"}, {"a"}, {"b"}, {"b"}]
    sims = {(0, 1): 0.6, (2, 3): 0.6, (0, 2): 0.3, (0, 3): 0.3, (1, 2): 0.3, (1, 3): 0.3}
    assert average_link(4, sims, 0.2, names, {"a": 2.0, "b": 2.0}) == [[0, 1, 2, 3]]
