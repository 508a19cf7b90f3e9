"""The body's word values computed in one loop are Whoosh's own, byte for byte: the same
stems, counts, weights and encoded positions and characters, and the same words recorded
for the pairs of common words; any other analyzer or call is Whoosh's."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import formats
from whoosh.analysis import (
    LowercaseFilter,
    RegexTokenizer,
    StandardAnalyzer,
    StemFilter,
    StemmingAnalyzer,
    StopFilter,
)

from index.search import word_pairs
from index.search.body_values import FusedCharacters
from index.search.schema import article_schema
from tests.unit.briefing_seeds import SEEDS

ECB_PLUS = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "ecbplus"


def _real_articles(count: int) -> list[str]:
    with (ECB_PLUS / "documents.jsonl").open(encoding="utf-8") as handle:
        lines = itertools.islice(handle, count)
        return [" ".join(json.loads(line)["sentences"]) for line in lines]


TEXTS = [
    *(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))),
    *_real_articles(300),
    "The of a an: THE U.S.-China talks; résumé 3.5% x y_z O'Neill’s — and the",
    "the of and",  # stopwords only
    "",
]
WORDS = st.sampled_from(
    ["the", "of", "a", "x", "US", "Talks", "talking", "généraux", "3.5", "_", "O'Neill", "’s"]
)
SEPARATORS = st.sampled_from([" ", "  ", "\n", ", ", "-", ".", "—"])


def _backwards(word: str) -> str:
    return word[::-1]


def _values(field_format, analyzer, text: str) -> tuple[list, tuple]:
    word_pairs.record("", [])
    values = list(field_format.word_values(text, analyzer, mode="index"))
    return values, word_pairs._last_indexed


def _whoosh_and_fused(text: str, analyzer=None):
    body = article_schema()["body"]
    analyzer = analyzer or body.analyzer
    whoosh_format = formats.Characters(field_boost=body.format.field_boost)
    return _values(whoosh_format, analyzer, text), _values(body.format, analyzer, text)


def test_the_body_field_computes_its_values_in_one_loop():
    assert type(article_schema()["body"].format) is FusedCharacters


@pytest.mark.parametrize(
    "analyzer",
    [None, StemmingAnalyzer(minsize=3, maxsize=8), StemmingAnalyzer(stoplist=["talks", "the"])],
    ids=["the schema's", "other sizes", "other stopwords"],
)
def test_its_values_and_recorded_words_are_whooshs_for_real_articles(analyzer):
    assert len(TEXTS) > 300
    for text in TEXTS:
        whoosh, fused = _whoosh_and_fused(text, analyzer)
        assert fused == whoosh


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(WORDS, SEPARATORS), max_size=40))
def test_its_values_are_whooshs_for_any_run_of_words_and_stopwords(pieces):
    text = "".join(word + separator for word, separator in pieces)
    whoosh, fused = _whoosh_and_fused(text)
    assert fused == whoosh


@pytest.mark.parametrize(
    "analyzer",
    [
        StandardAnalyzer(),
        StemmingAnalyzer(stoplist=None),
        RegexTokenizer() | LowercaseFilter() | StopFilter() | StemFilter(lang="es"),
        RegexTokenizer() | LowercaseFilter() | StopFilter() | StemFilter(stemfn=_backwards),
    ],
    ids=["no stems", "no stopwords", "Spanish stems", "another stemmer"],
)
def test_another_analyzer_or_call_is_left_to_whoosh(analyzer, monkeypatch):
    fused = FusedCharacters()
    monkeypatch.setattr(FusedCharacters, "_fused", None)  # any use of the loop would fail
    text = TEXTS[0]

    for kwargs in ({"mode": "index"}, {"mode": "query"}):
        expected = list(formats.Characters().word_values(text, analyzer, **kwargs))
        assert list(fused.word_values(text, analyzer, **kwargs)) == expected
