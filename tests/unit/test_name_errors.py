"""The misreading kinds `benchmarks.name_errors` counts: each matches the example its label
gives, and none matches the name read right."""

from __future__ import annotations

import re

import pytest

from benchmarks.name_errors import KINDS, count_kinds

READ_RIGHT = {"name": "George W. Bush", "aliases": ["George W. Bush"], "role": "President"}


def _example(kind: str) -> dict:
    shown = re.search(r'\("([^"]+)"\)$', kind).group(1)
    return {"name": shown, "aliases": [shown], "role": None}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_matches_its_own_example(kind):
    assert KINDS[kind](_example(kind))
    assert not KINDS[kind](READ_RIGHT)


def test_counts_are_people_and_their_mentions():
    people = [
        {"name": "George W", "aliases": ["George W"], "role": None, "mentions": 7},
        {"name": "John F", "aliases": ["John F"], "role": None, "mentions": 5},
        {**READ_RIGHT, "mentions": 100},
    ]
    counts = count_kinds(people)
    assert counts['name cut at a middle initial ("George W")'] == (2, 12)
    assert sum(found for found, _ in counts.values()) == 2
