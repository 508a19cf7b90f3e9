"""Building styled `rich.text.Text` from untrusted article text, never from markup.

Article titles, paragraphs and snippets come from the web: `[bold]` in them is text. Every
function here starts from `Text(plain)` and adds styles by character span or by regex over
escaped literal words, so nothing an article says can change how the app draws.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from rich.text import Text

HIT_STYLE = "bold reverse"
ENTITY_STYLE = "underline"
BOILERPLATE_STYLE = "dim italic"


def date_label(day: date | None) -> str:
    return day.isoformat() if day else "undated"


SNIPPET_CHARS = 160  # about two lines of the list: enough to judge a hit, calm to scan


def snippet_text(snippet: str, spans: Iterable[tuple[int, int]]) -> Text:
    cut = snippet if len(snippet) <= SNIPPET_CHARS else snippet[: SNIPPET_CHARS - 1] + "…"
    text = Text(cut, style="dim", no_wrap=False)
    for start, end in spans:
        if start < len(cut):
            text.stylize(HIT_STYLE, start, min(end, len(cut)))
    return text


def words_at(snippet: str, spans: Iterable[tuple[int, int]]) -> set[str]:
    """The matched words of a snippet, lower-cased, to highlight elsewhere."""
    return {snippet[start:end].lower() for start, end in spans if end > start}


def mark_words(text: Text, words: Iterable[str], style: str) -> None:
    """Style every whole-word, case-insensitive occurrence of `words` in `text`."""
    literal = sorted({w for w in words if w.strip()}, key=len, reverse=True)
    if not literal:
        return
    pattern = r"(?<!\w)(?:" + "|".join(re.escape(w) for w in literal) + r")(?!\w)"
    for match in re.finditer(pattern, text.plain, flags=re.IGNORECASE):
        text.stylize(style, match.start(), match.end())
