"""Each file format, ids, titles, dates, sources and duplicates, on small files in tmp_path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from index.corpus import (
    ARTICLE_SUFFIXES,
    CorpusLoad,
    LoadWarning,
    load_corpus,
    normalised_text_hash,
    read_article_file,
    scan_corpus,
)

REPO = Path(__file__).resolve().parents[2]
BODY = "Defence chiefs of the two countries held talks on Tuesday. They discussed maritime safety."


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def read_one(path: Path, root: Path):
    result = read_article_file(path, root)
    assert result.warnings == [], [str(w) for w in result.warnings]
    assert len(result.articles) == 1
    return result.articles[0]


def test_txt_with_metadata_lines(tmp_path):
    path = write(
        tmp_path / "a.txt",
        "title: Chiefs talk\nsource: Reuters\nurl: https://example.com/a\ndate: 2024-04-17\n\n"
        f"{BODY}\n\nSecond paragraph here.\n",
    )
    article = read_one(path, tmp_path)
    assert article.id == "a"
    assert article.path == str(path)
    assert article.title == "Chiefs talk"
    assert article.source == "Reuters"
    assert article.url == "https://example.com/a"
    assert article.published == date(2024, 4, 17)
    assert article.body_paragraphs == [BODY, "Second paragraph here."]
    assert article.boilerplate == []


def test_txt_inline_date_prefix_like_the_seeds(tmp_path):
    article = read_one(write(tmp_path / "b.txt", f" date 2024-09-10 {BODY}\n\nMore."), tmp_path)
    assert article.published == date(2024, 9, 10)
    assert article.body_paragraphs == [BODY, "More."]


def test_txt_wrapped_lines_inside_a_paragraph_are_joined(tmp_path):
    text = "First line of a paragraph\nwrapped onto a second line.\n\nA new paragraph."
    article = read_one(write(tmp_path / "w.txt", text), tmp_path)
    assert article.body_paragraphs == [
        "First line of a paragraph wrapped onto a second line.",
        "A new paragraph.",
    ]


def test_title_is_first_sentence_cut_at_a_word(tmp_path):
    long_sentence = "Officials " + "from many countries " * 10 + "met in Geneva. Then they left."
    article = read_one(write(tmp_path / "t.txt", long_sentence), tmp_path)
    assert article.title.endswith("…")
    assert len(article.title) <= 100
    assert article.title.startswith("Officials from many countries")
    assert " " not in article.title[-2:]  # cut at a word, no dangling space
    short = read_one(
        write(tmp_path / "s.txt", "Gen. Q Brown met Dr. Chase in the U.S. capital. Then more."),
        tmp_path,
    )
    assert short.title == "Gen. Q Brown met Dr. Chase in the U.S. capital"


def test_md_front_matter_and_markdown(tmp_path):
    text = (
        "---\ntitle: Front matter title\ndate: 2024-01-09\nsource: AA\nurl: https://aa.com.tr/x\n---\n"
        "# Heading in body\n\nThe talks, [reported here](https://example.com), were **long**.\n\n"
        "![a photo](img.png)\n\n> A quoted paragraph.\n"
    )
    article = read_one(write(tmp_path / "m.md", text), tmp_path)
    assert article.title == "Front matter title"
    assert article.published == date(2024, 1, 9)
    assert article.source == "Anadolu Agency"
    assert article.url == "https://aa.com.tr/x"
    assert article.body_paragraphs == [
        "Heading in body",
        "The talks, reported here, were long.",
        "A quoted paragraph.",
    ]


def test_md_without_front_matter_takes_h1_as_title(tmp_path):
    article = read_one(write(tmp_path / "n.md", f"# The headline\n\n{BODY}\n"), tmp_path)
    assert article.title == "The headline"
    assert article.body_paragraphs == [BODY]


def test_html_main_text_and_meta(tmp_path):
    html = """<!doctype html><html><head>
      <title>Page title | Site</title>
      <meta property="og:title" content="OG title">
      <meta property="article:published_time" content="2024-04-17T08:30:00Z">
      <meta property="og:site_name" content="Reuters">
      <style>p { color: red }</style><script>alert("x")</script>
    </head><body>
      <nav><a href="/">Home</a> World</nav>
      <header><h1>Site header</h1></header>
      <article>
        <p>Defence chiefs held   talks &amp; agreed <b>nothing</b>.</p>
        <figure><img src="x.jpg"><figcaption>A caption © IMAGO</figcaption></figure>
        <p>Second<br>line &lt;b&gt; literal.</p>
        <script>document.write("no")</script>
      </article>
      <aside>Most read</aside>
      <footer>© 2024 Site</footer>
    </body></html>"""
    article = read_one(write(tmp_path / "h.html", html), tmp_path)
    assert article.title == "OG title"
    assert article.published == date(2024, 4, 17)
    assert article.source == "Reuters"
    assert article.paragraphs[0].text == "Defence chiefs held talks & agreed nothing."
    assert article.body_paragraphs == [
        "Defence chiefs held talks & agreed nothing.",
        "Second",
        "line <b> literal.",
    ]


def test_html_without_main_element_uses_body_and_title_tag(tmp_path):
    html = f"<html><head><title>Plain page</title></head><body><div>{BODY}</div></body></html>"
    article = read_one(write(tmp_path / "p.htm", html), tmp_path)
    assert article.id == "p"
    assert article.title == "Plain page"
    assert article.body_paragraphs == [BODY]


def test_json_object_and_list(tmp_path):
    single = {"title": "One", "body": BODY, "date": "April 17, 2024", "source": {"name": "AP"}}
    read = read_one(write(tmp_path / "one.json", json.dumps(single)), tmp_path)
    assert (read.id, read.title, read.published, read.source) == (
        "one",
        "One",
        date(2024, 4, 17),
        "Associated Press",
    )
    items = [
        {"text": "First item text is here."},
        {"text": ["Para one.", "Para two."], "url": "https://x.org/2"},
    ]
    result = read_article_file(write(tmp_path / "many.json", json.dumps(items)), tmp_path)
    assert result.warnings == []
    assert [a.id for a in result.articles] == ["many#1", "many#2"]
    assert result.articles[1].body_paragraphs == ["Para one.", "Para two."]
    assert result.articles[1].url == "https://x.org/2"


def test_jsonl_ids_are_line_numbers(tmp_path):
    lines = [
        json.dumps({"text": "Line one article."}),
        "",
        json.dumps({"body": "Line three article."}),
    ]
    result = read_article_file(write(tmp_path / "feed" / "f.jsonl", "\n".join(lines)), tmp_path)
    assert result.warnings == []
    assert [a.id for a in result.articles] == ["feed/f#1", "feed/f#3"]
    assert [a.body for a in result.articles] == ["Line one article.", "Line three article."]


def test_ids_for_nested_folders_and_scan_order(tmp_path):
    write(tmp_path / "sub" / "dir" / "x.txt", BODY)
    write(tmp_path / "b.md", "Another article text.")
    write(tmp_path / "a.html", "<p>Third article text.</p>")
    write(tmp_path / ".hidden" / "h.txt", "hidden folder")
    write(tmp_path / ".h.txt", "hidden file")
    write(tmp_path / "notes.pdf", "not an article")
    write(tmp_path / "UPPER.TXT", "Upper-case suffix article.")
    scanned = [p.relative_to(tmp_path).as_posix() for p in scan_corpus(tmp_path)]
    assert scanned == ["UPPER.TXT", "a.html", "b.md", "sub/dir/x.txt"]
    load = load_corpus(tmp_path)
    assert [a.id for a in load.articles] == ["UPPER", "a", "b", "sub/dir/x"]
    assert load.warnings == []


def test_suffixes_are_the_documented_ones():
    assert ARTICLE_SUFFIXES == (".txt", ".md", ".html", ".htm", ".json", ".jsonl")


def test_duplicates_reported_once_and_kept_once(tmp_path):
    write(tmp_path / "a.txt", f"{BODY}\n\n©2024 Bloomberg L.P.")
    write(tmp_path / "b.txt", "  " + BODY.replace(" ", "  ") + "\n")  # same text, other spacing
    write(
        tmp_path / "c.jsonl", json.dumps({"text": BODY}) + "\n" + json.dumps({"text": "Different."})
    )
    load = load_corpus(tmp_path)
    assert isinstance(load, CorpusLoad)
    assert [a.id for a in load.articles] == ["a", "c#2"]
    assert load.duplicates == [("b", "a"), ("c#1", "a")]
    first = load.articles[0]
    assert first.content_hash == normalised_text_hash(first)


def test_content_hash_is_stable_and_ignores_boilerplate(tmp_path):
    one = read_one(write(tmp_path / "one.txt", f"{BODY}\n\nRead More: Something else"), tmp_path)
    two = read_one(write(tmp_path / "two.txt", BODY), tmp_path)
    again = read_one(tmp_path / "one.txt", tmp_path)
    assert one.content_hash == two.content_hash == again.content_hash
    other = read_one(write(tmp_path / "three.txt", BODY + " Changed."), tmp_path)
    assert other.content_hash != one.content_hash


def test_same_id_from_two_suffixes_stays_unique(tmp_path):
    write(tmp_path / "x.md", "Markdown article text.")
    write(tmp_path / "x.txt", "Plain text article.")
    load = load_corpus(tmp_path)
    assert [a.id for a in load.articles] == ["x", "x.txt"]
    assert len(load.warnings) == 1 and "already used" in load.warnings[0].reason


@pytest.mark.parametrize(
    ("text", "source", "dateline", "published"),
    [
        (
            "WASHINGTON (Reuters) - The U.S. and China held talks on Tuesday in the capital city.",
            "Reuters",
            "Washington",
            None,
        ),
        (
            "BEIJING, April 17, 2024 (Xinhua) -- China and the U.S. held talks, officials said.",
            "Xinhua",
            "Beijing",
            date(2024, 4, 17),
        ),
        (
            "(AP) — Officials from both countries met on Tuesday to talk about the strait.",
            "Associated Press",
            None,
            None,
        ),
        (
            "Kyiv, Ukraine — Officials from both countries met on Tuesday to talk about the war.",
            None,
            "Kyiv, Ukraine",
            None,
        ),
        (
            "Officials met on Tuesday.\n\nCopyright 2024 The Associated Press. All rights reserved",
            "Associated Press",
            None,
            None,
        ),
        ("Officials met on Tuesday.\n\n© Getty Images", None, None, None),
        (
            "Analysis - Officials from both countries met on Tuesday to talk about the strait.",
            None,
            None,
            None,
        ),
        (
            "SINGAPORE: Officials from both countries met on Tuesday to talk about the strait.",
            None,
            "Singapore",
            None,
        ),
        (
            "FILE - In this photo officials from both countries meet to talk about the strait.",
            None,
            None,
            None,
        ),
        (
            "MONDAY, Jan. 25, 2016 (HealthDay News) -- Officials met to talk about the strait.",
            "HealthDay News",
            None,
            date(2016, 1, 25),
        ),
        (
            "Officials met on Tuesday, April 16, 2024, in Washington, the statement said.",
            None,
            None,
            date(2024, 4, 16),
        ),
    ],
)
def test_source_dateline_and_date_from_text(tmp_path, text, source, dateline, published):
    article = read_one(write(tmp_path / "s.txt", text), tmp_path)
    assert (article.source, article.dateline, article.published) == (source, dateline, published)


def test_published_is_never_the_file_mtime(tmp_path):
    path = write(tmp_path / "old.txt", BODY)
    os.utime(path, (1_600_000_000, 1_600_000_000))
    assert read_one(path, tmp_path).published is None


@pytest.mark.parametrize(
    "line",
    [
        "Read More: Something",
        "©2024 Bloomberg L.P.",
        "Copyright AFP/File Pedro Pardo",
        "--With assistance from Josh Xiao.",
        "(Updates with Chinese statement in third paragraph.)",
        "Reporting by Jane Doe; Editing by John Roe",
        "Source: AA",
    ],
)
def test_boilerplate_lines_inside_a_block_are_split_out(tmp_path, line):
    article = read_one(
        write(tmp_path / "bp.txt", f"{BODY}\n{line}\nLast body line.\n\nNext."), tmp_path
    )
    assert article.boilerplate == [line]
    assert line not in article.body
    assert article.body_paragraphs[0] == BODY


def test_heading_lines_are_not_boilerplate(tmp_path):
    article = read_one(
        write(tmp_path / "h.txt", f"{BODY}\n\nMaintaining tense ties\n\nMore text."), tmp_path
    )
    assert article.boilerplate == []
    assert article.body_paragraphs == [BODY, "Maintaining tense ties", "More text."]


def test_load_warning_prints_one_line():
    warning = LoadWarning("corpus/a.txt", "empty file")
    assert str(warning) == "corpus/a.txt: empty file"


def test_corpus_package_stays_headless():
    code = (
        "import sys, index.corpus, index.corpus.articles, index.corpus.htmltext;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'tui', 'rich')];"
        "print(bad)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


def test_windows_line_endings_in_headers_and_front_matter(tmp_path):
    txt = write(
        tmp_path / "w.txt", "title: CRLF title\r\ndate: 2024-04-17\r\n\r\nBody one.\r\n\r\nTwo."
    )
    md = write(tmp_path / "w.md", "---\r\ntitle: CRLF md\r\n---\r\nBody text.\r\n")
    jsonl = write(tmp_path / "w.jsonl", '{"text": "One."}\r\n{"text": "Two \\u2028 lines."}\r\n')
    article = read_one(txt, tmp_path)
    assert (article.title, article.published) == ("CRLF title", date(2024, 4, 17))
    assert article.body_paragraphs == ["Body one.", "Two."]
    assert read_one(md, tmp_path).title == "CRLF md"
    result = read_article_file(jsonl, tmp_path)
    assert result.warnings == []
    assert [a.id for a in result.articles] == ["w#1", "w#2"]
    assert result.articles[1].body_paragraphs == ["Two", "lines."]  # U+2028 separates lines


def test_copyright_sign_inside_a_word_is_not_a_credit(tmp_path):
    article = read_one(write(tmp_path / "q.txt", "Officials in QuÃ©bec met on Tuesday."), tmp_path)
    assert article.boilerplate == []


def test_a_file_given_as_root_gets_its_stem_as_id(tmp_path):
    path = write(tmp_path / "single.txt", BODY)
    load = load_corpus(path)
    assert [a.id for a in load.articles] == ["single"]


def test_photo_credits_in_parentheses(tmp_path):
    text = f"{BODY} (Photo: Jane Doe/Reuters)\n\n(Photo: NICHOLAS KAMM, AFP/Getty Images)\n\nEnd."
    article = read_one(write(tmp_path / "p.txt", text), tmp_path)
    assert article.boilerplate == [
        "(Photo: Jane Doe/Reuters)",
        "(Photo: NICHOLAS KAMM, AFP/Getty Images)",
    ]
    assert article.body_paragraphs == [BODY, "End."]
