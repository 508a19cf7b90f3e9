"""Names found in a clause by string search stand exactly where the regex
`(?<![\\w-])name(?:'s|’s)?(?![\\w-])` puts them, and an article is read against the names
it should be: its own, or the corpus's when no entity mentions it."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from index.extract.contacts import (
    _CLAUSE_SPLIT,
    _ArticleEntities,
    _find_entities,
    _FormsByFirstWord,
    _present,
    _stands_alone,
    _surfaces,
)
from index.extract.sentences import split_sentences
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


_CORPUS_FORMS = ["Dong Jun", "Dong", "Jun", "Li", "Al-Sadr", "People's Liberation Army"]
_CORPUS_FORMS += ["(PLA)", "U.S.", "Wu", "s", "Jun Li"]
_TEXT_PIECES = ["Dong", "Jun", "Li", "Lin", "Wu", "han", "Al", "-", "Sadr", "People", "'s"]
_TEXT_PIECES += ["Liberation Army", "(", "PLA", ")", "U.S", ".", " ", " ", "; ", ", but ", "\n\n"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_TEXT_PIECES), max_size=20).map("".join))
def test_forms_looked_up_by_first_word_find_the_names_every_form_finds(text):
    forms = [(form, Entity(form, "person", [])) for form in sorted(_CORPUS_FORMS, key=len)]
    every_form = _present(forms, text)
    by_first_word = _FormsByFirstWord(forms).present(text)

    # Only forms that stand nowhere in the text are left out, and the order is kept.
    assert [s for s in every_form if s in by_first_word] == by_first_word
    left_out = [s.form for s in every_form if s not in by_first_word]
    assert not [form for form in left_out if list(_stands_alone(text, form))]
    # So every clause of every sentence reads the same names, at the same places.
    for paragraph in text.split("\n\n"):
        for sentence in split_sentences(paragraph):
            for clause in [sentence, *_CLAUSE_SPLIT.split(sentence)]:
                assert _find_entities(clause, by_first_word) == _find_entities(clause, every_form)


def test_a_form_only_inside_longer_words_is_not_looked_for():
    forms = [(form, Entity(form, "person", [])) for form in ["Li", "Wu", "Al-Sadr", "(PLA)"]]
    text = "Lin and Wuhan's Al-Sadrists met the (PLA) and Li."
    assert [s.form for s in _FormsByFirstWord(forms).present(text)] == ["Li", "(PLA)"]
    assert [s.form for s in _present(forms, text)] == ["Li", "Wu", "Al-Sadr", "(PLA)"]
