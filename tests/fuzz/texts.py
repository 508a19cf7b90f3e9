"""Hypothesis strategies for hostile article text, shared by the fuzz suites.

Text here is what a scraped corpus can really hold: several scripts at once, right-to-left
runs, combining marks, bidi overrides, zero-width characters, terminal escape sequences
(OSC 52 among them), Rich/Textual markup, NUL and other control bytes, very long words and
very long lines, in more than one encoding per file.
"""

from __future__ import annotations

import re

from hypothesis import strategies as st

WORDS = [
    "defence", "minister", "Austin", "Dong", "Jun", "Beijing", "Pentagon", "talks", "said",
    "the", "of", "South", "China", "Sea", "naval", "drill", "Manila", "Tokyo", "AFP",
    "Reuters", "Ministry", "officials", "Tuesday", "April", "2024", "17,", "—", "«", "»",
]  # fmt: skip
RTL = ["وزير الدفاع", "الصين", "שר הביטחון", "ארצות הברית", "\u05d0\u05b8", "سلام"]
COMBINING = ["e\u0301", "a\u0300\u0316", "o\u0308\u0304\u0323", "Z\u0335\u0336\u0337\u0338" * 8]
OTHER_SCRIPTS = [
    "国防部长",
    "東京",
    "Москва",
    "Ελλάδα",
    "ภาษาไทย",
    "한국어",
    "🚢⚓",
    "\U0001f1fa\U0001f1f8",
]
INVISIBLE = [
    "\u200b",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u00ad",
    "\u202e",
    "\u2066",
    "\u2069",
    "\u061c",
]
ESCAPES = [
    "\x1b]52;c;ZWNobyBwd25lZA==\x07",  # OSC 52: write the clipboard
    "\x1b]52;c;ZWNobyBwd25lZA==\x1b\\",
    "\x9d52;c;aGk=\x9c",  # 8-bit OSC
    "\x1b]0;owned title\x07",
    "\x1b]8;;http://evil.example/\x1b\\link\x1b]8;;\x1b\\",  # hyperlink
    "\x1b[31;1m",
    "\x1b[2J\x1b[H",
    "\x9b6n",  # 8-bit CSI: device status report
    "\x1bP+q544e\x1b\\",  # DCS
    "\x1b_Gf=100;AAAA\x1b\\",  # APC (kitty graphics)
    "\x1bc",
    "\x1b(0",
    "\x1b]52;c;unterminated",
    "\x1b",
    "\x07\x08\x7f",
]
MARKUP = [
    "[bold red]x[/]",
    "[link=http://evil.example]click[/link]",
    "[@click=app.quit]quit[/]",
    "[/]",
    "[b]unclosed",
    "$accent",
    "\\[escaped]",
    "[on #ff0000]",
    ":warning:",
]
CONTROLS = ["\x00", "\x01", "\x0b", "\x0c", "\r", "\r\n", "\x85", "\u2028", "\u2029", "\t"]

UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def long_word(draw) -> str:
    return draw(st.sampled_from(["x", "ab", "مرحبا", "é"])) * draw(st.integers(200, 20_000))


@st.composite
def hostile_piece(draw) -> str:
    kind = draw(st.integers(0, 9))
    if kind <= 2:
        return draw(st.sampled_from(WORDS))
    if kind == 3:
        return draw(st.sampled_from(RTL + OTHER_SCRIPTS))
    if kind == 4:
        return draw(st.sampled_from(COMBINING + INVISIBLE))
    if kind == 5:
        return draw(st.sampled_from(ESCAPES))
    if kind == 6:
        return draw(st.sampled_from(MARKUP))
    if kind == 7:
        return draw(st.sampled_from(CONTROLS))
    if kind == 8:
        return draw(st.text(max_size=20))
    return long_word(draw) if draw(st.integers(0, 9)) == 0 else "\n\n"


@st.composite
def hostile_text(draw, min_pieces: int = 0, max_pieces: int = 60) -> str:
    pieces = draw(st.lists(hostile_piece(), min_size=min_pieces, max_size=max_pieces))
    separators = draw(
        st.lists(
            st.sampled_from([" ", " ", "\n", "\n\n", ""]),
            min_size=len(pieces),
            max_size=len(pieces),
        )
    )
    return "".join(p + s for p, s in zip(pieces, separators, strict=True))


ENCODINGS = [
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-32",
    "latin-1",
    "cp1252",
    "shift_jis",
    "koi8-r",
    "cp1256",
]


@st.composite
def encoded(draw, text_strategy) -> bytes:
    """Text encoded as a file would be, sometimes with parts in different encodings."""
    parts = draw(st.lists(text_strategy, min_size=1, max_size=3))
    out = b""
    for part in parts:
        encoding = draw(st.sampled_from(ENCODINGS))
        out += part.encode(encoding, errors="replace")
    return out
