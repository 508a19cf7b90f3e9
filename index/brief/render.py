"""Render a Brief as plain text, Markdown with footnotes, or JSON.

Text ends each sentence with its source numbers ("... video call. [1][3]") and closes with a
numbered source list; Markdown uses footnotes ("[^1]") and a footnote list; JSON is
`Brief.to_json()`. The citation markers written into "Sources differ" sentences are already in
text form and are left as they are in every format.
"""

from __future__ import annotations

import json
from typing import Literal

from index.model import Brief, BriefSource

Format = Literal["text", "markdown", "json"]


def render_brief(brief: Brief, fmt: Format = "text") -> str:
    if fmt == "json":
        return json.dumps(brief.to_json(), ensure_ascii=False, indent=2)
    if fmt == "markdown":
        body = " ".join(s.text + "".join(f"[^{n}]" for n in s.sources) for s in brief.sentences)
        notes = [f"[^{s.n}]: {_describe(s, markdown=True)}" for s in brief.sources]
        return body + "\n\n" + "\n".join(notes) + _inferred(brief, "\n\n_") + "\n"
    if fmt == "text":
        body = " ".join(
            s.text + " " + "".join(f"[{n}]" for n in s.sources) for s in brief.sentences
        )
        notes = [f"[{s.n}] {_describe(s, markdown=False)}" for s in brief.sources]
        return body + "\n\nSources:\n" + "\n".join(notes) + _inferred(brief, "\n") + "\n"
    raise ValueError(f"unknown brief format {fmt!r}: use text, markdown or json")


def _describe(source: BriefSource, markdown: bool) -> str:
    """ "AFP — Senior military officials… (2024-09-10) · 004_0011330f49dcaf1b"."""
    title = " ".join((source.title or "untitled").split())
    if markdown:
        title = f"*{title}*"
    when = source.published.isoformat() if source.published else "date unknown"
    return f"{source.source or 'source unknown'} — {title} ({when}) · {source.id}"


def _inferred(brief: Brief, prefix: str) -> str:
    """A note under the sources when the opening line's date was worked out, not stated."""
    if not brief.date_inferred:
        return ""
    note = "Date inferred: the articles give a weekday, not a calendar date."
    return prefix + note + ("_" if prefix.endswith("_") else "")
