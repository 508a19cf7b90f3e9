"""Brief quality on the seeds: length, context, attribution on both sides, no dangling pronouns,
no boilerplate, faithful sentences, clean source lines, the three output shapes, and speed."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from briefing_seeds import gold_entities, load_gold, seed_articles

from index.brief import compose_brief, render_brief
from index.brief.faithfulness import sentence_passes
from index.brief.sentences import resolve_references
from index.extract.engagements import detect_engagements
from index.model import Brief, BriefSentence, BriefSource

SEED_ENGAGEMENTS = ("austin-dong", "paparo-wu", "chase-song")


@pytest.fixture(scope="module")
def seeds():
    articles = seed_articles()
    entities = gold_entities(articles)
    return {a.id: a for a in articles}, entities, detect_engagements(articles, entities)


def _brief(seeds, suffix: str) -> Brief:
    articles, entities, engagements = seeds
    engagement = next(e for e in engagements if e.id.endswith(suffix) and e.reported)
    return compose_brief(engagement, articles, entities)


@pytest.mark.parametrize("suffix", SEED_ENGAGEMENTS)
def test_seed_brief_is_within_the_word_budget(seeds, suffix):
    assert 60 <= len(_brief(seeds, suffix).text.split()) <= 140


@pytest.mark.parametrize("suffix", SEED_ENGAGEMENTS)
def test_no_sentence_opens_with_a_bare_pronoun_or_dangles(seeds, suffix):
    for sentence in _brief(seeds, suffix).sentences:
        assert not re.match(r"(?:He|She|It|They)\b", sentence.text), sentence.text
        assert not re.search(r",\s+(?:it|he|she)\s+(?:added|said)\b", sentence.text), sentence.text


@pytest.mark.parametrize("suffix", SEED_ENGAGEMENTS)
def test_every_sentence_is_faithful_to_what_it_cites(seeds, suffix):
    articles = seeds[0]
    brief = _brief(seeds, suffix)
    by_number = {s.n: articles[s.id] for s in brief.sources}
    for sentence in brief.sentences:
        assert sentence.sources
        assert sentence_passes(sentence.text, [by_number[n] for n in sentence.sources]), (
            sentence.text
        )


@pytest.mark.parametrize("suffix", SEED_ENGAGEMENTS)
def test_no_gold_boilerplate_line_appears(seeds, suffix):
    text = _brief(seeds, suffix).text
    for article in load_gold()["articles"].values():
        for line in article.get("boilerplate") or []:
            assert line not in text


def test_austin_dong_gives_the_since_context_and_both_sides_attributed(seeds):
    brief = _brief(seeds, "austin-dong")
    texts = [s.text for s in brief.sentences]
    assert any(re.search(r"\bfirst\b.*\bsince\b", t) for t in texts[1:])
    assert any("since November 2022" in t or "since Dong was appointed" in t for t in texts)
    # What the Pentagon listed: freedom of navigation, North Korea, Ukraine.
    assert any("North Korea" in t and "Ukraine" in t for t in texts)
    china = r"\bDong\b[^.]*\b(?:said|told|emphasi[sz]ed)\b|readout said"
    us = r"\bAustin\b[^.]*\b(?:said|emphasi[sz]ed)\b|(?:statement|Pentagon) said|from the Pentagon"
    assert any(re.search(china, t) for t in texts[1:])
    assert any(re.search(us, t) for t in texts[1:])


def test_paparo_wu_names_the_speaker_and_gives_the_context(seeds):
    brief = _brief(seeds, "paparo-wu")
    assert len(brief.text.split()) >= 80
    assert "first-ever" in brief.text
    assert re.search(r"agree[sd]? to hold a call", brief.text)
    assert "it added" not in brief.text


def test_inferred_date_is_noted_outside_the_paragraph(seeds):
    brief = _brief(seeds, "chase-song")
    assert brief.date_inferred
    assert "inferred" not in brief.text
    text = render_brief(brief, "text")
    assert text.rstrip().endswith(
        "Date inferred: the articles give a weekday, not a calendar date."
    )
    assert "inferred" in render_brief(brief, "markdown")
    assert not _brief(seeds, "austin-dong").date_inferred


def test_source_lines_are_clean():
    brief = Brief(
        "x",
        [BriefSentence("Officials met in Beijing on Tuesday.", [1, 2])],
        [
            BriefSource(
                1, "004_abc", 'Talks held, "in-depth", says ministry…', "AFP", date(2024, 9, 10)
            ),
            BriefSource(2, "002_def", "China has said…", None, None),
        ],
    )
    lines = render_brief(brief, "text").split("Sources:\n")[1].splitlines()
    assert lines[0] == '[1] AFP — Talks held, "in-depth", says ministry… (2024-09-10) · 004_abc'
    assert lines[1] == "[2] source unknown — China has said… (date unknown) · 002_def"


def test_markdown_has_footnotes_and_json_has_its_shape(seeds):
    brief = _brief(seeds, "austin-dong")
    markdown = render_brief(brief, "markdown")
    body, notes = markdown.split("\n\n", 1)
    for n in range(1, len(brief.sources) + 1):
        assert f"[^{n}]" in body and f"\n[^{n}]: " in "\n" + notes
    data = json.loads(render_brief(brief, "json"))
    assert set(data) == {"engagement", "text", "sentences", "sources"}
    assert all(set(s) == {"text", "sources"} and s["sources"] for s in data["sentences"])
    assert all(set(s) == {"n", "id", "title", "source", "published"} for s in data["sources"])
    assert data["text"] == " ".join(s["text"] for s in data["sentences"])


def test_pronoun_rewrites_are_conservative():
    people = {"Dong": "Dong", "Dong Jun": "Dong", "Austin": "Austin", "Lloyd Austin": "Austin"}
    assert resolve_references(
        [
            "Dong said the militaries should cooperate.",
            "He reiterated the Taiwan issue's importance.",
        ],
        people,
    )[1].startswith("Dong reiterated")
    # Two subjects: nobody can tell whom "He" means.
    assert resolve_references(
        ["Austin and Dong discussed Taiwan.", "He also raised the South China Sea."], people
    )[1].startswith("He also")
    # "It was also ..." continues "The call ... was ...".
    merged = resolve_references(
        [
            "The call on Tuesday was the first time the two have spoken since May.",
            "It was also the first call in a year.",
        ]
    )
    assert merged == [
        "The call on Tuesday was the first time the two have spoken since May, "
        "and also the first call in a year."
    ]
    # ", it added," names the ministry the sentence before quoted, and only then.
    assert (
        resolve_references(
            [
                "The defence ministry said talks were held.",
                "Both discussed trade, it added, at length.",
            ]
        )[1]
        == "Both discussed trade, the defence ministry added, at length."
    )
    named = resolve_references(
        [
            "Beijing’s defence ministry said the talks were held.",
            "The two discussed trade, it added.",
        ]
    )
    assert named[1] == "The two discussed trade, Beijing’s defence ministry added."
