"""The seed articles against the hand annotation in ../shared/gold/seeds.yaml."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from index.corpus import load_corpus, normalised_text_hash

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
GOLD_FILE = REPO / "../shared/gold/seeds.yaml"


@pytest.fixture(scope="module")
def gold_articles() -> dict:
    return yaml.safe_load(GOLD_FILE.read_text(encoding="utf-8"))["articles"]


@pytest.fixture(scope="module")
def seeds() -> dict:
    load = load_corpus(SEEDS)
    assert load.warnings == []
    assert load.duplicates == []
    return {article.id: article for article in load.articles}


def test_every_gold_article_is_loaded(seeds, gold_articles):
    assert sorted(seeds) == sorted(gold_articles)


@pytest.mark.parametrize(
    "article_id",
    ["000_430fa6ff25a7538e", "001_8f90672e2de6c76f", "002_fa17d5cd43c4c00b",
     "003_7a427d73bfb55530", "004_0011330f49dcaf1b"],
)  # fmt: skip
def test_seed_matches_gold(seeds, gold_articles, article_id):
    article = seeds[article_id]
    expected = gold_articles[article_id]
    assert article.source == expected["source"]
    assert article.published == expected["published"]  # YAML gives a date or None
    if "dateline" in expected:
        assert article.dateline == expected["dateline"]
    boilerplate = [text.strip() for text in article.boilerplate]
    for line in expected.get("boilerplate", []):
        assert line in boilerplate, f"{line!r} not split out as boilerplate"
        assert line not in article.body
    assert article.path.endswith(f"{article_id}.txt")
    assert article.content_hash == normalised_text_hash(article)
    assert len(article.content_hash) == 64


def test_seed_001_dateline_and_inline_credits(seeds):
    article = seeds["001_8f90672e2de6c76f"]
    assert article.dateline == "Washington DC"
    texts = [(p.text, p.boilerplate) for p in article.paragraphs]
    credit = texts.index(("© Collage: IMAGO/SNA/Cover-Images", True))
    # The caption before and the reporting after the credit stay body paragraphs.
    assert texts[credit - 1] == (
        "Secretary Lloyd Austin and his counterpart in China have held their first talks"
        " in more than a year.",
        False,
    )
    assert texts[credit + 1][0].startswith(
        "The US has been working to strengthen defense cooperation"
    )
    assert texts[credit + 1][1] is False
    assert "IMAGO" not in article.body
    assert article.body.startswith(
        "US Defense Secretary Lloyd Austin spoke with his Chinese counterpart"
    )
    assert ("Austin stresses need for improved communication", False) in texts


def test_seed_000_wire_opener_is_kept_apart(seeds):
    article = seeds["000_430fa6ff25a7538e"]
    assert article.paragraphs[0].text == "(Bloomberg) --"
    assert article.paragraphs[0].boilerplate
    assert article.body.startswith("Secretary of Defense Lloyd Austin spoke")
    assert article.dateline is None
    assert article.title == (
        "Secretary of Defense Lloyd Austin spoke with his Chinese counterpart"
        " as the two countries continue…"
    )
    assert len(article.title) <= 100


def test_seed_002_date_header_is_metadata_not_text(seeds):
    article = seeds["002_fa17d5cd43c4c00b"]
    assert article.published == date(2024, 4, 17)
    assert article.body.startswith("China has said its defence minister")
    assert "date 2024" not in article.body
    assert "Maintaining tense ties" in article.body_paragraphs
    assert len(article.body_paragraphs) == 14


def test_seed_003_one_paragraph_per_line(seeds):
    article = seeds["003_7a427d73bfb55530"]
    assert len(article.body_paragraphs) == 18
    assert article.body_paragraphs[0] == (
        "The US and Chinese military officers concluded two-day talks in Washington, "
        "an official from the Pentagon announced on Tuesday."
    )
    assert article.boilerplate == ["Source: AA"]
    # "Jan. 8-9" has no year: not a publication date.
    assert article.published is None


def test_seed_004_caption_and_credit_are_boilerplate(seeds):
    article = seeds["004_0011330f49dcaf1b"]
    assert article.boilerplate == [
        "Washington and Beijing remain at odds on issues from trade to the status of self-ruled "
        "Taiwan and China's increasingly assertive approach in disputed maritime regions",
        "Copyright AFP/File Pedro Pardo",
    ]
    assert "Copyright" not in article.body
    # The caption repeats paragraph 2 of the body, which keeps the reporting.
    assert article.body_paragraphs[1].startswith("Washington and Beijing remain at odds")
    assert article.title.startswith("Senior military officials from China and the United States")
    assert article.published == date(2024, 9, 10)


def test_no_seed_body_contains_boilerplate_markers(seeds):
    for article in seeds.values():
        for marker in ("Read More:", "©", "Copyright", "With assistance", "(Updates", "Source: AA"):
            assert marker not in article.body, (article.id, marker)
