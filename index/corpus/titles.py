"""Article titles: the metadata title, or the body's first sentence cut to fit a list row.

This module owns how a title is made when a file gives none: the first sentence of the first
body paragraph (abbreviations such as "Jan.", "Dr.", "U.S." do not end it), without its final
full stop, cut at a word boundary to at most ~100 characters with "…".
"""

from __future__ import annotations

import re

from index.corpus.clean import collapse_space

MAX_TITLE_CHARS = 100
# Metadata titles are the publisher's; they are only capped so one cannot flood a list row.
MAX_METADATA_TITLE_CHARS = 300

# A sentence end: . ! ? (or an ellipsis char), closing quotes/brackets, space, then a capital,
# a digit or an opening quote.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt",
        "adm", "cmdr", "gov", "sen", "rep", "rev", "st", "jr", "sr", "no", "vs", "inc",
        "corp", "co", "ltd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
        "oct", "nov", "dec", "mt", "ft", "pres", "dept", "est", "approx", "e.g", "i.e",
    }
)  # fmt: skip
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def title_from_metadata(title: str | None) -> str | None:
    if not title:
        return None
    title = collapse_space(title.replace("\n", " "))
    return cut_at_word(title, MAX_METADATA_TITLE_CHARS) if title else None


def title_from_text(paragraph: str) -> str:
    """The first sentence of `paragraph`, fitted to MAX_TITLE_CHARS."""
    sentence = first_sentence(paragraph)
    if sentence.endswith(".") and not sentence.endswith("..") and len(sentence) > 1:
        sentence = sentence[:-1].rstrip() or sentence
    return cut_at_word(sentence, MAX_TITLE_CHARS)


def first_sentence(paragraph: str) -> str:
    # Only the first stretch can hold the title; no need to scan a long paragraph.
    window = paragraph[: MAX_TITLE_CHARS * 4]
    for match in _SENTENCE_END.finditer(window):
        if match.group()[0] == ".":
            before = _WORD_BEFORE.search(window, 0, match.start())
            word = before.group(1).lower() if before else ""
            # "Jan." "Dr." ends no sentence; nor does an initial ("Charles Q.") or "U.S".
            if word in _ABBREVIATIONS or len(word) == 1 or "." in word:
                continue
        return window[: match.end()].strip()
    return paragraph.strip()


def cut_at_word(text: str, limit: int) -> str:
    """`text` if it fits in `limit` characters, else cut at a word boundary with "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"
