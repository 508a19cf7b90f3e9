"""Untrusted text: terminal escapes and control characters removed, markup left literal."""

from __future__ import annotations

import pytest

from index.corpus import read_article_file
from index.corpus.clean import sanitize_text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("copy \x1b]52;c;aGVsbG8=\x07me", "copy me"),  # OSC 52 clipboard write, BEL-terminated
        ("copy \x1b]52;c;aGVsbG8=\x1b\\me", "copy me"),  # OSC 52, ST-terminated
        ("a \x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\ b", "a link b"),  # OSC 8 hyperlink
        ("\x1b[31mred\x1b[0m and \x1b[2J\x1b[Hcleared", "red and cleared"),  # CSI
        ("x\x1bP1$r0m\x1b\\y", "xy"),  # DCS
        ("x\x1b_payload\x1b\\y", "xy"),  # APC
        ("x\x1bcy\x1b(Bz\x1b7w", "xyzw"),  # reset, charset, save cursor
        ("x\x9b31my\x9d0;title\x9cz", "xyz"),  # 8-bit CSI and OSC
        ("bell\x07 back\x08 nul\x00 del\x7f c1\x85x", "bell back nul del c1\nx"),
        ("tab\tkept\nnewline kept", "tab\tkept\nnewline kept"),
        ("windows\r\nline\rends", "windows\nline\nends"),
        ("bidi \u202eevil\u202c text\u2066x\u2069", "bidi evil textx"),
        ("cafe\u0301", "café"),  # NFC
        ("\ufeffbom", "bom"),
        ("unterminated \x1b]52;c;aGVsbG8=\nnext line", "unterminated \nnext line"),
    ],
)
def test_sanitize_text(raw, clean):
    assert sanitize_text(raw) == clean


def test_clean_text_is_returned_unchanged():
    text = "Plain [bold]text[/bold] with “quotes” — and ünïcödé."
    assert sanitize_text(text) is text


def test_loaded_articles_have_no_control_sequences(tmp_path):
    raw = (
        "title: Evil \x1b[31mtitle\x1b[0m\n\n"
        "Officials met \x1b]52;c;aGVsbG8=\x07on Tuesday.\x1b[2J\r\n\r\n"
        "Second\x01 paragraph\x9b1m here.\r\n"
    )
    (tmp_path / "evil.txt").write_text(raw, encoding="utf-8")
    result = read_article_file(tmp_path / "evil.txt", tmp_path)
    assert result.warnings == []
    article = result.articles[0]
    assert article.title == "Evil title"
    assert article.body_paragraphs == ["Officials met on Tuesday.", "Second paragraph here."]


def test_escapes_encoded_inside_json_strings_are_removed(tmp_path):
    # JSON \u001b escapes only become control characters after parsing: cleaned afterwards.
    (tmp_path / "j.json").write_text(
        '{"title": "T\\u001b]52;c;aGVsbG8=\\u0007itle",'
        ' "text": "Body \\u001b[1mbold\\u001b[0m text."}'
    )
    article = read_article_file(tmp_path / "j.json", tmp_path).articles[0]
    assert article.title == "Title"
    assert article.body == "Body bold text."


def test_html_character_references_cannot_smuggle_escapes(tmp_path):
    # html.unescape turns &#27; into nothing, so what is left is harmless literal text.
    (tmp_path / "e.html").write_text("<p>Officials &#27;[31mmet&#27;[0m on &#x9b;1mTuesday.</p>")
    article = read_article_file(tmp_path / "e.html", tmp_path).articles[0]
    assert article.body == "Officials [31mmet[0m on \u203a1mTuesday."  # HTML maps &#x9b; to ›


def test_rich_markup_stays_literal(tmp_path):
    text = (
        "Officials [bold]met[/bold] at [link=https://evil.example]the site[/link]"
        " on [red]Tuesday[/]."
    )
    (tmp_path / "m.txt").write_text(text)
    (tmp_path / "m.json").write_text('{"text": "[b]x[/b] and [i]y[/i] are literal."}')
    assert read_article_file(tmp_path / "m.txt", tmp_path).articles[0].body == text
    assert (
        read_article_file(tmp_path / "m.json", tmp_path).articles[0].body
        == "[b]x[/b] and [i]y[/i] are literal."
    )
