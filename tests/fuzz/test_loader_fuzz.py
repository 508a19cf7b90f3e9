"""Property-based fuzzing of every loader: each file loads or is skipped with one line.

For every supported format (.txt, .md, .html/.htm, .json, .jsonl) hypothesis generates files
with broken structure (malformed JSON, unclosed or invalid front matter, HTML without a body,
truncated documents), random bytes, NUL and control bytes, mixed encodings, right-to-left and
combining characters, terminal escapes and very long words. The properties:

- `read_article_file` returns; its last-resort "internal error" catch never fires (that would
  be a bug hidden as a warning);
- a file with no article gets at least one warning, each warning one line naming the file;
- every article is clean (no control characters, escapes or bidi overrides), has an id, a
  one-line title and body text, and survives the JSON round trip the index stores;
- the other articles of the corpus load exactly as they do without the bad file.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import time
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.corpus import load_corpus, read_article_file
from index.corpus.load import MAX_PROBLEMS_PER_FILE
from index.model import Article
from tests.fuzz.texts import ESCAPES, MARKUP, UNSAFE, encoded, hostile_piece, hostile_text

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
EXAMPLES = int(os.environ.get("BRIEFING_FUZZ_EXAMPLES", "200"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=timedelta(seconds=10),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,  # CI reruns the same cases; raise BRIEFING_FUZZ_EXAMPLES to explore
)
_names = itertools.count()


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _write(folder: Path, suffix: str, data: bytes) -> Path:
    path = folder / f"case{next(_names)}{suffix}"
    path.write_bytes(data)
    return path


def check_file(path: Path, root: Path, data: bytes | None = None) -> list[Article]:
    """Read one file and assert every loader property; the articles it gave."""
    started = time.monotonic()
    result = read_article_file(path, root, 5_000_000)
    elapsed = time.monotonic() - started
    warnings = [str(w) for w in result.warnings]
    assert elapsed < 10, f"{path.name}: {elapsed:.1f}s to read {len(data or b'')} bytes"
    for w, line in zip(result.warnings, warnings, strict=True):
        assert w.path == str(path)
        assert line.startswith(f"{path}: ")
        assert "\n" not in line and "\r" not in line, line
        assert "internal error" not in line, line  # a loader raised: the catch-all hid a bug
        assert not UNSAFE.search(line), repr(line)
    if not result.articles:
        assert warnings, "a skipped file must say why"
    assert len(warnings) <= MAX_PROBLEMS_PER_FILE + 3, warnings
    if path.suffix in (".txt", ".md", ".html", ".htm"):
        assert len(result.articles) <= 1
        if not result.articles:
            # Skipped: its reason, and at most the note of which encoding it was read in.
            assert len(warnings) <= 2, warnings
    ids = [a.id for a in result.articles]
    assert len(ids) == len(set(ids))
    for article in result.articles:
        check_article(article)
    return result.articles


def check_article(article: Article) -> None:
    assert article.id and not UNSAFE.search(article.id)
    assert article.body.strip()
    assert "\n" not in article.title and article.title.strip() == article.title
    for text in (article.title, article.source or "", article.dateline or "", article.url or ""):
        assert not UNSAFE.search(text), repr(text)
    for paragraph in article.paragraphs:
        assert not UNSAFE.search(paragraph.text.replace("\n", "").replace("\t", "")), repr(
            paragraph.text[:200]
        )
    assert article.content_hash
    stored = json.loads(json.dumps({**article.to_json(), "content_hash": article.content_hash}))
    assert Article.from_json(stored) == article


# --- random bytes, any format -------------------------------------------------------------------

SUFFIXES = [".txt", ".md", ".html", ".htm", ".json", ".jsonl"]


@pytest.mark.parametrize("suffix", SUFFIXES)
@FUZZ
@given(data=st.binary(max_size=4096))
def test_random_bytes(scratch, suffix, data):
    check_file(_write(scratch, suffix, data), scratch, data)


@pytest.mark.parametrize("suffix", SUFFIXES)
@FUZZ
@given(data=encoded(hostile_text()))
def test_hostile_text_in_mixed_encodings(scratch, suffix, data):
    check_file(_write(scratch, suffix, data), scratch, data)


# --- .txt -------------------------------------------------------------------------------------

HEADER_KEYS = ["title", "headline", "source", "url", "link", "date", "published", "author", "Title"]


@st.composite
def txt_files(draw) -> str:
    lines = []
    if draw(st.booleans()):
        lines.append(
            draw(
                st.sampled_from(
                    [" date 2024-04-17 ", "date: 2024-13-45\n", "published 2024-02-30 "]
                )
            )
        )
    for _ in range(draw(st.integers(0, 14))):
        key = draw(st.sampled_from(HEADER_KEYS))
        value = draw(st.one_of(st.just(""), hostile_text(max_pieces=4)))
        lines.append(f"{key}:{draw(st.sampled_from(['', ' ', chr(9)]))}{value}\n")
    lines.append(draw(hostile_text()))
    return "".join(lines)


@FUZZ
@given(text=txt_files(), encoding=st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_txt_structure(scratch, text, encoding):
    data = text.encode(encoding, errors="replace")
    check_file(_write(scratch, ".txt", data), scratch, data)


# --- .md --------------------------------------------------------------------------------------

FRONT_MATTER_BODIES = [
    "title: A title\ndate: 2024-04-17\nsource: Reuters\n",
    "title: [unclosed\n",
    "title: : :\n\tdate: x\n",
    "- a\n- list\n",
    "just a string\n",
    "title: 123\ndate: [1, 2]\nsource: {name: AFP, id: 3}\nurl: 7\n",
    "date: 2024-13-45\npublished: 99999-01-01\n",
    "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n",
    "title: !!python/object/apply:os.system ['echo pwned']\n",
    'title: "\\x1b]52;c;aGk=\\x07"\n',
    "? complex key\n: value\n",
    "%YAML 9.9\n---\n",
    "",
]


@st.composite
def md_files(draw) -> str:
    out = ""
    shape = draw(st.integers(0, 4))
    if shape in (1, 2, 3):
        header = draw(st.one_of(st.sampled_from(FRONT_MATTER_BODIES), hostile_text(max_pieces=8)))
        closing = {1: "---\n", 2: "...\n", 3: ""}[shape]  # 3: unclosed front matter
        out += f"---\n{header}{'' if header.endswith(chr(10)) else chr(10)}{closing}"
    elif shape == 4:
        out += "---\n" + "key: value\n" * draw(st.integers(0, 7000)) + "---\n"
    for _ in range(draw(st.integers(0, 6))):
        piece = draw(
            st.sampled_from(
                [
                    "# ", "## ", "> ", "***\n", "---\n", "![img](http://127.0.0.1:9/x.png)",
                    "[link](http://127.0.0.1:9/)", "**bold", "__x__", "```\n", "    code\n",
                ]
            )
        )  # fmt: skip
        out += piece + draw(hostile_text(max_pieces=12)) + "\n"
    return out


@FUZZ
@given(text=md_files())
def test_md_structure(scratch, text):
    data = text.encode("utf-8", errors="surrogatepass")
    check_file(_write(scratch, ".md", data), scratch, data)


# --- .html ------------------------------------------------------------------------------------

HTML_TOKENS = [
    "<html>", "<head>", "</head>", "<body>", "</body>", "</html>", "<p>", "</p>", "<div>",
    "</div>", "<article>", "</article>", "<main>", "<pre>", "</pre>", "<br>", "<br/>", "<hr>",
    "<script>", "</script>", "<style>", "</style>", "<title>", "</title>", "<nav>", "<figure>",
    "<img src=http://127.0.0.1:9/x.png onerror=alert(1)>", "<link rel=stylesheet href=http://127.0.0.1:9/s.css>",
    "<link rel=canonical href=\x1b]52;c;aGk=\x07>", "<iframe src=http://127.0.0.1:9/>",
    "<meta property='og:title' content='\x1b[31mred'>", "<meta name=date content=2024-04-17>",
    "<meta property=og:site_name content=Reuters>", "<meta content>", "<meta property=og:title>",
    "<!--", "-->", "<![CDATA[", "]]>", "<!DOCTYPE html>", "<?xml version='1.0'?>", "&#x1b;",
    "&#27;]52;c;aGk=&#7;", "&#x9b;31m", "&#0;", "&#xD800;", "&#99999999;", "&amp;", "&nbsp;",
    "&bogus;", "<", ">", "</", "<p class=\"unclosed", "<svg><script>x</script></svg>",
    "<object data=http://127.0.0.1:9/>", "<template><p>hidden</p></template>", "<textarea>",
]  # fmt: skip


@st.composite
def html_files(draw) -> str:
    tokens = draw(
        st.lists(st.one_of(st.sampled_from(HTML_TOKENS), hostile_piece()), min_size=0, max_size=80)
    )
    return " ".join(tokens)


@pytest.mark.parametrize("suffix", [".html", ".htm"])
@FUZZ
@given(text=html_files())
def test_html_structure(scratch, suffix, text):
    data = text.encode("utf-8", errors="surrogatepass")
    check_file(_write(scratch, suffix, data), scratch, data)


# --- .json / .jsonl ---------------------------------------------------------------------------

JSON_KEYS = [
    "text",
    "body",
    "title",
    "headline",
    "date",
    "published",
    "source",
    "publisher",
    "url",
    "x",
]
json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), hostile_text(max_pieces=10)
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(JSON_KEYS), children, max_size=5),
    ),
    max_leaves=20,
)
json_articles = st.fixed_dictionaries(
    {"text": st.one_of(hostile_text(), st.lists(hostile_text(max_pieces=10), max_size=4))},
    optional={k: json_values for k in JSON_KEYS if k != "text"},
)


@st.composite
def json_documents(draw) -> str:
    value = draw(
        st.one_of(
            json_articles, st.lists(st.one_of(json_articles, json_values), max_size=8), json_values
        )
    )
    text = json.dumps(value, ensure_ascii=draw(st.booleans()))
    if draw(st.integers(0, 3)) == 0:  # truncated or damaged document
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + draw(st.sampled_from(["", "}", "]", ",", "\x00", "\\u", '"', "NaN"]))
    return text


@FUZZ
@given(text=json_documents())
def test_json_structure(scratch, text):
    data = text.encode("utf-8", errors="surrogatepass")
    check_file(_write(scratch, ".json", data), scratch, data)


@FUZZ
@given(lines=st.lists(st.one_of(json_documents(), hostile_text(max_pieces=5)), max_size=40))
def test_jsonl_structure(scratch, lines):
    data = "\n".join(lines).encode("utf-8", errors="surrogatepass")
    check_file(_write(scratch, ".jsonl", data), scratch, data)


# --- the rest of the corpus is untouched --------------------------------------------------------


@pytest.fixture(scope="module")
def seed_articles() -> dict[str, dict]:
    load = load_corpus(SEEDS)
    assert len(load.articles) == 5 and not load.warnings
    return {a.id: _without_path(a.to_json()) for a in load.articles}


def _without_path(article: dict) -> dict:
    return {k: v for k, v in article.items() if k != "path"}


any_bad_file = st.one_of(
    st.tuples(st.sampled_from(SUFFIXES), st.binary(max_size=2048)),
    st.tuples(st.just(".md"), md_files().map(lambda t: t.encode("utf-8", "surrogatepass"))),
    st.tuples(st.just(".html"), html_files().map(lambda t: t.encode("utf-8", "surrogatepass"))),
    st.tuples(st.just(".json"), json_documents().map(lambda t: t.encode("utf-8", "surrogatepass"))),
    st.tuples(st.sampled_from(SUFFIXES), encoded(hostile_text())),
)


@settings(FUZZ, max_examples=max(EXAMPLES // 4, 20))
@given(bad=st.lists(any_bad_file, min_size=1, max_size=3))
def test_bad_files_leave_the_other_articles_untouched(tmp_path_factory, seed_articles, bad):
    corpus = tmp_path_factory.mktemp("corpus")
    for name in os.listdir(SEEDS):
        shutil.copy(SEEDS / name, corpus / name)
    for n, (suffix, data) in enumerate(bad):
        # Names sorting before and after the seeds, so order of reading cannot matter.
        (corpus / f"{'!' if n % 2 else 'zz'}bad{n}{suffix}").write_bytes(data)
    load = load_corpus(corpus)
    loaded = {a.id: _without_path(a.to_json()) for a in load.articles}
    for article_id, seed in seed_articles.items():
        assert loaded.get(article_id) == seed
    for warning in load.warnings:
        assert "internal error" not in warning.reason
    shutil.rmtree(corpus)


# --- sizes: huge lines, long words, deep nesting, many lines -------------------------------------

BIG_CASES = {
    "one_4mb_line.txt": lambda: ("Defence talks were held. " * 170_000).encode(),
    "one_2mb_word.txt": lambda: b"title: long\n" + b"x" * 2_000_000,
    "rtl_combining_1mb.md": lambda: (
        "\u05e9\u05b8\u05c1\u0301 \u0627\u0644\u0635\u064a\u0646 " * 60_000
    ).encode(),
    "escapes_1mb.txt": lambda: ("\x1b]52;c;aGk=\x07word \x1b[31m" * 50_000).encode(),
    "unterminated_osc_1mb.txt": lambda: b"Talks. \x1b]52;c;" + b"A" * 1_000_000,
    "deep_list.json": lambda: b"[" * 200_000 + b"]" * 200_000,
    "deep_object.json": lambda: b'{"text":' * 100_000 + b'"x"' + b"}" * 100_000,
    "deep_list_line.jsonl": lambda: b"[" * 100_000 + b"\n" + b'{"text": "Talks were held."}\n',
    "many_bad_lines.jsonl": lambda: b"{not json}\n" * 200_000,
    "nested_divs.html": lambda: b"<div>" * 100_000 + b"<p>Talks were held.</p>",
    "unclosed_comment.html": lambda: b"<p>Talks</p><!--" + b"x" * 2_000_000,
    "attribute_1mb.html": lambda: b'<p title="' + b"a" * 1_000_000 + b'">Talks were held.</p>',
    "big_front_matter.md": lambda: b"---\n" + b"k: v\n" * 200_000 + b"---\nTalks were held.\n",
    "many_short_lines.txt": lambda: b"a\n" * 400_000,
    "many_paragraphs.txt": lambda: b"Talks were held today.\n\n" * 100_000,
    "just_under_the_limit.txt": lambda: b"Talks. " * (4_999_999 // 7),
}


@pytest.mark.parametrize("name", sorted(BIG_CASES))
def test_big_inputs_load_or_skip_in_bounded_time(tmp_path, name):
    data = BIG_CASES[name]()
    path = tmp_path / name
    path.write_bytes(data)
    check_file(path, tmp_path, data)


def test_escapes_and_markup_fixtures_are_hostile():
    # Guard for the strategies themselves: the unsafe-character check sees every escape.
    assert all(UNSAFE.search(e) for e in ESCAPES)
    assert all("[" in m or "$" in m or ":" in m for m in MARKUP)
