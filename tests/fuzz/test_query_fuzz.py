"""Query fuzzing: random and adversarial query strings give results or a QueryError, quickly.

The index is built straight from the loaders (no entity extraction), from the seeds plus a
few hundred variations, so the fuzzer searches a realistic vocabulary. Every query must
either return a `SearchResult` or raise `QueryError` with one line, within a bounded time;
any other exception is a bug. Over-long queries are refused before Whoosh sees them.
"""

from __future__ import annotations

import os
import random
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from index.corpus import load_corpus
from index.errors import QueryError
from index.search.article_records import record_columns
from index.search.queries import MAX_QUERY_CHARS, SearchResult, search
from index.search.schema import QUERYABLE_FIELDS, with_word_pairs
from index.search.store import create_index
from tests.fuzz.texts import ESCAPES, MARKUP, RTL, hostile_piece

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
EXAMPLES = int(os.environ.get("BRIEFING_FUZZ_EXAMPLES", "200"))
SECONDS_PER_QUERY = 5.0


@pytest.fixture(scope="module")
def ix(tmp_path_factory):
    """Seeds plus 200 shuffled variations of them, indexed without extraction."""
    corpus = tmp_path_factory.mktemp("qcorpus")
    rng = random.Random(7)
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.iterdir())]
    for n in range(200):
        words = rng.choice(texts).split()
        rng.shuffle(words)
        (corpus / f"v{n:03}.txt").write_text(f"title: Variation {n} {words[0]}\n" + " ".join(words))
    for p in sorted(SEEDS.iterdir()):
        (corpus / p.name).write_bytes(p.read_bytes())
    load = load_corpus(corpus)
    index = create_index(tmp_path_factory.mktemp("qindex") / "index")
    with index.writer() as writer:
        for article in load.articles:
            published = article.published
            document = {
                "id": article.id,
                "path": article.path,
                "file_hash": article.content_hash,
                "title": article.title,
                "source": article.source or "",
                "body": article.body,
                **record_columns(article, []),
                "people": "lloyd austin,austin" if "Austin" in article.body else "",
            }
            if published:
                document["published"] = datetime(published.year, published.month, published.day)
            writer.add_document(**with_word_pairs(document))
    return index


def run_query(ix, text: str) -> SearchResult | None:
    started = time.monotonic()
    try:
        result = search(ix, text, limit=20)
    except QueryError as error:
        message = str(error)
        assert message and "\n" not in message, repr(message)
        assert len(message) < 500, message[:200]
        result = None
    elapsed = time.monotonic() - started
    assert elapsed < SECONDS_PER_QUERY, f"{elapsed:.1f}s for {text[:80]!r}"
    if result is not None:
        assert result.total >= len(result.hits)
        for hit in result.hits:
            for start, end in hit.highlights:
                assert 0 <= start < end <= len(hit.snippet)
    return result


SYNTAX = [
    '"', "'", "(", ")", "[", "]", "{", "}", "<", ">", "AND", "OR", "NOT", "ANDNOT", "ANDMAYBE",
    "TO", "to", "*", "?", "~", "~2", "^", "^3", "^1e308", ":", "\\", "/", "-", "+", "=", ",",
    "title:", "body:", "source:", "published:", "person:", "org:", "place:", "people:",
    "engagement:", "id:", "TITLE:", "published:[", "published:>", "published:<=",
    "published:2024-13-45", "published:[2024 to]", "published:[to 2023-01-01]", "published:9999",
    "published:yesterday", "published:0000-00-00", "colour:", "x_y:", "_:", "a1:",
]  # fmt: skip
VOCAB = ["south", "china", "sea", "austin", "dong", "taiwan", "paparo", "manila", "defence", "talk"]


@st.composite
def adversarial_queries(draw) -> str:
    tokens = draw(
        st.lists(
            st.one_of(
                st.sampled_from(SYNTAX),
                st.sampled_from(VOCAB),
                st.sampled_from(RTL + ESCAPES + MARKUP),
                hostile_piece(),
                st.text(max_size=12),
            ),
            min_size=1,
            max_size=30,
        )
    )
    joiner = draw(st.sampled_from([" ", "", " ", "\t"]))
    return joiner.join(tokens)


FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=timedelta(seconds=SECONDS_PER_QUERY * 2),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    derandomize=True,
)


@FUZZ
@given(text=st.text(max_size=200))
def test_random_strings(ix, text):
    run_query(ix, text)


@FUZZ
@given(text=adversarial_queries())
@example('"South China Sea')
@example("(((austin")
@example("austin)))")
@example("[[[")
@example("published:[2024-04-01 to")
@example("nosuchfield:value")
@example("title:")
@example('title:""')
@example("*")
@example("*a*")
@example("?")
@example("~")
@example("a~99")
@example("austin^99999999999999999999")
@example("NOT")
@example("AND OR NOT")
@example("published:>")
@example("published:[9999-12-31 to 0001-01-01]")
@example("\x1b]52;c;aGk=\x07")
@example("id:*")
@example('person:""')
def test_adversarial_queries(ix, text):
    run_query(ix, text)


@pytest.mark.parametrize(
    "text",
    [
        "(" * 400 + "austin" + ")" * 400,
        "(" * 999,
        '"' * 999,
        "a* " * 333,
        "*a* " * 249,
        "?" * 999,
        " OR ".join(["austin"] * 99),
        " ".join(f"w{n}*" for n in range(180)),
        "NOT " * 249,
        "title:(" * 140,
        "published:[2024-01-01 to 2024-12-31] " * 25,
        ("austin~2 " * 110)[:MAX_QUERY_CHARS],
    ],
)
def test_worst_cases_under_the_length_cap(ix, text):
    assert len(text) <= MAX_QUERY_CHARS
    run_query(ix, text)


@pytest.mark.parametrize("size", [MAX_QUERY_CHARS + 1, 50_000, 1_000_000])
@pytest.mark.parametrize("filler", ["austin ", "(", '"', "a*", "\x1b[31m", "\u202e"])
def test_over_long_queries_are_refused_fast(ix, size, filler):
    text = "x" + (filler * (size // len(filler) + 1))[: size - 1]
    started = time.monotonic()
    with pytest.raises(QueryError, match="limit"):
        search(ix, text)
    assert time.monotonic() - started < 0.5


@FUZZ
@given(
    name=st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,20}", fullmatch=True), value=st.sampled_from(VOCAB)
)
def test_unknown_field_names_are_named(ix, name, value):
    text = f"{name}:{value}"
    if name.lower() in QUERYABLE_FIELDS:
        run_query(ix, text)
        return
    with pytest.raises(QueryError) as caught:
        search(ix, text)
    assert f"'{name}:'" in str(caught.value)


def test_seed_searches_still_answer(ix):
    # The fuzzed index is a real one: ordinary queries find things.
    assert run_query(ix, '"South China Sea"').hits
    assert run_query(ix, "paparo").hits
