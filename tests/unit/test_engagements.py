"""Engagements on the seeds, checked against the hand annotation in shared/gold/seeds.yaml."""

from __future__ import annotations

from datetime import date

import pytest
from briefing_seeds import ALIASES, gold_entities, load_gold, seed_articles

from index.extract.engagements import detect_engagements
from index.model import Entity


@pytest.fixture(scope="module", params=["gold entities", "entity extractor"])
def seeds(request):
    """Gold entities without sides or roles, and (when it exists) the real extractor's output."""
    articles = seed_articles()
    if request.param == "gold entities":
        return articles, gold_entities(articles)
    extractor = pytest.importorskip("index.extract.entities")
    return articles, extractor.extract_entities(articles, ALIASES)


@pytest.fixture(scope="module")
def engagements(seeds):
    return detect_engagements(*seeds)


def _sides(engagement) -> dict[str, set[str]]:
    sides: dict[str, set[str]] = {}
    for p in engagement.participants:
        sides.setdefault(p.side, set()).add(p.name)
    return sides


def _gold_format(text: str) -> str:
    return "video call" if "video" in text else "talks" if "talks" in text else text


def test_reported_engagements_match_gold(engagements):
    gold = load_gold()["engagements"]
    reported = [e for e in engagements if e.reported]
    assert len(reported) == len(gold)
    by_articles = {frozenset(e.articles): e for e in reported}
    for expected in gold:
        found = by_articles[frozenset(expected["articles"])]
        assert found.date == expected["date"]
        assert found.end_date == expected.get("end")
        assert _sides(found) == {"US": set(expected["us"]), "China": set(expected["china"])}
        assert found.format == _gold_format(expected["format"])
        assert found.location == expected.get("location")
        assert found.mentioned_in == []


def test_background_engagements_match_gold(engagements):
    gold = load_gold()["background_engagements"]
    background = [e for e in engagements if not e.reported]
    assert len(background) == len(gold)
    by_mentions = {(e.date.strftime("%Y-%m"), frozenset(e.mentioned_in)): e for e in background}
    for expected in gold:
        found = by_mentions[(expected["when"], frozenset(expected["mentioned_in"]))]
        assert found.date_precision == "month"
        assert found.articles == []
        if "where" in expected:
            assert found.location == expected["where"]


def test_ids_are_readable_and_stable(seeds, engagements):
    ids = [e.id for e in engagements]
    assert "2024-04-16-austin-dong" in ids
    assert "2024-01-08-chase-song" in ids
    assert "2023-12-brown-liu" in ids
    assert ids == [e.id for e in detect_engagements(*seeds)]
    assert len(set(ids)) == len(ids)


def test_sorted_by_date(engagements):
    dates = [e.date for e in engagements]
    assert dates == sorted(dates)


def test_undated_year_comes_from_weekday_and_is_marked_inferred(engagements):
    chase = next(e for e in engagements if e.id.endswith("chase-song"))
    assert (chase.date, chase.end_date) == (date(2024, 1, 8), date(2024, 1, 9))
    assert chase.date_inferred
    austin = next(e for e in engagements if e.id == "2024-04-16-austin-dong")
    assert not austin.date_inferred  # 002 is dated: "on Tuesday" read from 2024-04-17


def test_context_facts_kept(engagements):
    austin = next(e for e in engagements if e.id == "2024-04-16-austin-dong")
    assert any("since Dong was appointed" in f for f in austin.facts)
    assert any("18 months" in f for f in austin.facts)


def test_sides_given_by_extractor_are_used(seeds):
    articles, entities = seeds
    # A wrong side from the extractor wins over text cues: the extractor is the authority.
    patched = [
        Entity(
            e.name,
            e.type,
            e.aliases,
            e.role,
            "Elbonia" if e.name == "Dong Jun" else e.side,
            dict(e.mentions),
        )
        for e in entities
    ]
    austin = next(e for e in detect_engagements(articles, patched) if e.id.endswith("austin-dong"))
    assert {p.name: p.side for p in austin.participants}["Dong Jun"] == "Elbonia"


def test_no_entities_no_crash(seeds):
    articles, _ = seeds
    found = detect_engagements(articles, [])
    # Without people only the unnamed two-sided contacts remain; nothing is invented.
    assert all(not e.participants for e in found)


def test_different_contacts_between_same_people_stay_apart(seeds):
    articles, entities = seeds
    from dataclasses import replace

    from index.model import Paragraph

    later = replace(
        articles[2],
        id="zz_meeting",
        published=date(2024, 6, 1),
        paragraphs=[
            Paragraph(
                "US Defense Secretary Lloyd Austin met his Chinese counterpart Dong Jun "
                "in Singapore on Friday, their first face-to-face meeting."
            )
        ],
    )
    found = [e for e in detect_engagements([*articles, later], entities) if e.reported]
    austin = sorted((e for e in found if e.id.endswith("austin-dong")), key=lambda e: e.date)
    assert [e.date for e in austin] == [date(2024, 4, 16), date(2024, 5, 31)]
    assert austin[1].format == "meeting" and austin[1].location == "Singapore"
    assert austin[1].articles == ["zz_meeting"]
