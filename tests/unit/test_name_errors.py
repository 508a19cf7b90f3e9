"""The misreading kinds `benchmarks.name_errors` counts: each matches a person misread its
way, and none matches the person read right."""

from __future__ import annotations

import pytest

from benchmarks.name_errors import KINDS, count_kinds

MISREAD = {
    'name cut at a middle initial ("George W")': {
        "name": "George W",
        "aliases": ["President George W"],
        "role": "President",
    },
    'two-word nationality read as a person ("South Korean")': {
        "name": "South Korean",
        "aliases": ["South Korean"],
        "role": None,
    },
    'office cut before its "General" (role "NATO Secretary", alias "General Mark Rutte")': {
        "name": "Mark Rutte",
        "aliases": ["General Mark Rutte", "Mark Rutte"],
        "role": "NATO Secretary",
    },
}
READ_RIGHT = [
    {"name": "George W. Bush", "aliases": ["George W. Bush"], "role": "President"},
    {"name": "Mark Rutte", "aliases": ["Mark Rutte"], "role": "NATO Secretary General"},
    {"name": "John Kelly", "aliases": ["General John Kelly"], "role": "chief of staff"},
]


def test_every_kind_has_a_misread_example():
    assert sorted(MISREAD) == sorted(KINDS)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_matches_its_misreading_and_no_right_reading(kind):
    assert KINDS[kind](MISREAD[kind])
    assert not any(KINDS[kind](person) for person in READ_RIGHT)


def test_counts_are_people_and_their_mentions():
    people = [
        {"name": "George W", "aliases": ["George W"], "role": None, "mentions": 7},
        {"name": "John F", "aliases": ["John F"], "role": None, "mentions": 5},
        *({**person, "mentions": 100} for person in READ_RIGHT),
    ]
    counts = count_kinds(people)
    assert counts['name cut at a middle initial ("George W")'] == (2, 12)
    assert sum(found for found, _ in counts.values()) == 2
