"""Names found in a clause by string search stand exactly where the regex
`(?<![\\w-])name(?:'s|’s)?(?![\\w-])` puts them."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from index.extract.contacts import _stands_alone

_PIECES = [
    "Dong",
    "Jun",
    "Dong Jun",
    " ",
    "'s",
    "’s",
    "'",
    "’",
    "s",
    "-",
    "_",
    "a",
    "é",
    "1",
    "²",
    ",",
]
_FORMS = ["Dong", "Dong Jun", "Jun", "s", "U.S.", "a-b", "a a"]


def _by_regex(text: str, form: str) -> list[tuple[int, int]]:
    pattern = re.compile(r"(?<![\w-])" + re.escape(form) + r"(?:'s|’s)?(?![\w-])")
    return [m.span() for m in pattern.finditer(text)]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join), st.sampled_from(_FORMS))
def test_string_search_finds_what_the_regex_finds(text, form):
    assert list(_stands_alone(text, form)) == _by_regex(text, form)


def test_possessives_hyphens_and_longer_words():
    text = "Dong Jun's aide, Dong-Jun, Dongs and Dong's1 met Dong"
    assert [text[a:b] for a, b in _stands_alone(text, "Dong")] == ["Dong", "Dong", "Dong"]
    assert [text[a:b] for a, b in _stands_alone(text, "Dong Jun")] == ["Dong Jun's"]


def test_a_name_that_overlaps_itself_is_found_once_per_match():
    # The regex resumes after each match: "a a a" holds "a a" once, not at 0 and at 2.
    assert list(_stands_alone("a a a", "a a")) == _by_regex("a a a", "a a") == [(0, 3)]
