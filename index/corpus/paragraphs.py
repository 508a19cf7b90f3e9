"""Splitting article text into blocks of lines, one block per paragraph.

This module owns the paragraph rule: blank lines separate paragraphs, and the lines inside a
block are one paragraph wrapped over several lines. A text with no blank line at all but several
lines (seed 003, one paragraph per line) is read as one paragraph per line. Blocks keep their
lines apart so that a boilerplate line inside a block can still be split out of it.
"""

from __future__ import annotations

import re

# A blank line: only whitespace between two newlines (NBSP included: seed 000 has "ties.\xa0 ").
_BLANK_LINE = re.compile(r"\n[ \t\xa0]*\n")
_BLANK_RUN = re.compile(r"\n(?:[ \t\xa0]*\n)+")


def split_blocks(text: str) -> list[list[str]]:
    """Paragraph blocks of `text`, each a list of its non-empty, stripped lines."""
    text = text.strip()
    if not text:
        return []
    if _BLANK_LINE.search(text) is None:
        # No blank line anywhere: either one paragraph or one paragraph per line.
        return [[line] for line in (part.strip() for part in text.split("\n")) if line]
    blocks = []
    for chunk in _BLANK_RUN.split(text):
        lines = [line for line in (part.strip() for part in chunk.split("\n")) if line]
        if lines:
            blocks.append(lines)
    return blocks
