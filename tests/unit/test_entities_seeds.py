"""Entity extraction against the hand-annotated seeds (shared/gold/seeds.yaml): people with
every alias resolved, organisations, places, sides and roles, and readings that must not appear."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from index.extract.entities import EntityMention, extract_entities, extract_mentions
from index.model import Article, Paragraph

REPO = Path(__file__).resolve().parents[2]
GOLD = yaml.safe_load((REPO / ".." / "shared" / "gold" / "seeds.yaml").read_text())
SEEDS = REPO / "seeds"
BROWN_ALIASES = {"Charles Q. Brown": ["General Charles Brown", "Gen. Q Brown"]}


def seed_article(path: Path) -> Article:
    """A tiny stand-in for the loader: header stripped, lines split, gold boilerplate flagged."""
    text = re.sub(r"^\s*date \d{4}-\d{2}-\d{2}\s*", "", path.read_text(encoding="utf-8"))
    boilerplate = set(GOLD["articles"].get(path.stem, {}).get("boilerplate") or [])
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return Article(
        id=path.stem,
        path=str(path),
        title=lines[0][:80],
        source=None,
        dateline=None,
        published=None,
        paragraphs=[Paragraph(line, line in boilerplate) for line in lines],
        content_hash=path.stem,
    )


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return [seed_article(p) for p in sorted(SEEDS.glob("*.txt"))]


@pytest.fixture(scope="module")
def entities(articles):
    return extract_entities(articles, aliases=BROWN_ALIASES)


def _by_name(entities, entity_type):
    return {e.name: e for e in entities if e.type == entity_type}


@pytest.mark.parametrize("name", sorted(GOLD["entities"]["people"]))
def test_every_gold_person_is_found_with_every_alias(entities, name):
    people = _by_name(entities, "person")
    assert name in people, f"{name} missing; people found: {sorted(people)}"
    for alias in GOLD["entities"]["people"][name]:
        assert alias in people[name].aliases, (
            f"{alias!r} not resolved to {name}: {people[name].aliases}"
        )
        owners = [e.name for e in entities if alias in e.aliases and e.type == "person"]
        assert owners == [name], f"{alias!r} resolves to {owners}"


@pytest.mark.parametrize("name", GOLD["entities"]["organizations"])
def test_every_gold_organization_is_found(entities, name):
    assert name in _by_name(entities, "organization")


@pytest.mark.parametrize("name", GOLD["entities"]["places"])
def test_every_gold_place_is_found(entities, name):
    assert name in _by_name(entities, "place")


@pytest.mark.parametrize("wrong", [item["text"] for item in GOLD["entities"]["must_not"]])
def test_no_must_not_reading(entities, wrong):
    surfaces = {alias for e in entities for alias in e.aliases} | {e.name for e in entities}
    assert wrong not in surfaces


@pytest.mark.parametrize(
    "name,side",
    [
        ("Lloyd Austin", "US"),
        ("Dong Jun", "China"),
        ("Samuel Paparo", "US"),
        ("Wu Yanan", "China"),
        ("Michael Chase", "US"),
        ("Song Yanchao", "China"),
    ],
)
def test_side(entities, name, side):
    assert _by_name(entities, "person")[name].side == side


def test_roles(entities):
    people = _by_name(entities, "person")
    assert "Defense Minister" in people["Dong Jun"].role
    assert (
        people["Michael Chase"].role
        == "deputy assistant secretary of defense for China, Taiwan, and Mongolia"
    )
    assert people["Samuel Paparo"].role == "Commander of the US Indo-Pacific Command"


def test_titles_are_not_canonical_names_and_no_noise(entities):
    names = {e.name for e in entities}
    for noise in (
        "The",
        "Also",
        "Tuesday",
        "Wednesday",
        "December",
        "November",
        "Secretary",
        "Six Assurances",
        "Taiwan Relations Act",
        "Chinese",
        "Read More",
        "Austin Secretary",
    ):
        assert noise not in names
    assert not any(
        e.name.startswith(("Secretary ", "Gen. ", "General ", "Dr. ", "Maj. ")) for e in entities
    )


def test_possessives_map_to_the_base_entity(entities):
    places = _by_name(entities, "place")
    assert "Beijing's" not in places and "China's" not in places
    assert "Beijing" in places and "China" in places
    people = _by_name(entities, "person")
    assert "Dong's" not in people
    # "Dong Jun", "Dong said", "since Dong was", "Dong's predecessor", "Dong is China's"
    assert people["Dong Jun"].mentions["000_430fa6ff25a7538e"] == 5


def test_mention_offsets_point_at_the_text(articles):
    article = articles[3]
    mentions = extract_mentions(article)
    assert mentions, "no mentions"
    for m in mentions:
        assert article.body_paragraphs[m.paragraph][m.start : m.end] == m.text
    chase = next(m for m in mentions if m.text == "Michael Chase")
    assert chase.type == "person" and chase.side == "US"
    assert EntityMention.from_json(chase.to_json()) == chase


def test_ambiguous_surname_stays_unresolved():
    from index.extract.entities import resolve_entities

    mentions = {
        "a": [
            EntityMention("John Smith", "person", 0, 0, 10),
            EntityMention("Anna Smith", "person", 0, 20, 30),
        ],
        "b": [EntityMention("Smith", "person", 0, 0, 5)],
    }
    names = {e.name for e in resolve_entities(mentions)}
    assert names == {"John Smith", "Anna Smith", "Smith"}
