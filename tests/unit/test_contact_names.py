"""Names found in a clause by string search stand exactly where the regex
`(?<![\\w-])name(?:'s|’s)?(?![\\w-])` puts them, and an article is read against the names
it should be: its own, or the corpus's when no entity mentions it."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from index.extract.contacts import _ArticleEntities, _stands_alone, _surfaces
from index.model import Article, Entity, Paragraph

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


def _article(article_id: str, text: str) -> Article:
    return Article(article_id, f"{article_id}.txt", "", None, None, None, [Paragraph(text)], "")


def test_an_article_no_entity_mentions_is_read_against_all_of_them():
    entities = [
        Entity("Lloyd Austin", "person", ["Austin"], mentions={"a": 2}),
        Entity("Dong Jun", "person", ["Dong"], mentions={"a": 1, "c": 1}),
        Entity("Wu Qian", "person", [], mentions={"c": 1}),
        Entity("People's Liberation Army", "organization", ["PLA"], mentions={"c": 1}),
        Entity("Singapore", "place", [], mentions={"a": 1}),
    ]
    own = _ArticleEntities(entities)
    text = "Lloyd Austin met Dong Jun; the People’s Liberation Army and Wu said nothing."
    named, unnamed, other = _article("a", text), _article("b", text), _article("d", "Wu Qian.")

    # "a" is read against its own names; "b" and "d", which no entity mentions, against
    # every name of the corpus, listed once for both.
    assert own.surfaces_of(named) == _surfaces([entities[0], entities[1]], text)
    forms = {s.form for s in own.surfaces_of(named)}
    assert forms == {"Lloyd Austin", "Austin", "Lloyd", "Dong Jun", "Dong", "Jun"}
    assert own.surfaces_of(unnamed) == _surfaces(entities, text)
    assert [s.form for s in own.surfaces_of(unnamed)][:2] == [
        "People’s Liberation Army",
        "Lloyd Austin",
    ]
    listed = own.all_forms
    assert listed is not None
    assert own.surfaces_of(other) == _surfaces(entities, other.body) != []
    assert own.all_forms is listed
