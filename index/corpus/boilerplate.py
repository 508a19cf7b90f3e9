"""Telling reporting apart from boilerplate, and splitting boilerplate out of paragraphs.

This module owns the boilerplate rules. Whole lines that are not reporting ("Read More: ..."
links, copyright and credit lines, "--With assistance from ...", "(Updates with ...)", reporter
and editor credits, newsletter prompts, "Source: AA") become `Paragraph(text, boilerplate=True)`.
Photo credits run into a paragraph ("... a year. © Collage: IMAGO/SNA/Cover-Images The US has
...") are cut out as their own boilerplate paragraph, with the text before and after kept as
body. A short paragraph that ends in " - Copyright AFP/File ..." is a photo caption: both the
caption and its credit are boilerplate (in seed 004 the caption repeats a later paragraph
word for word, so nothing is lost, and a caption is not reporting). Nothing is ever dropped:
boilerplate stays in the article, flagged.
"""

from __future__ import annotations

import re

from index.corpus.clean import collapse_space
from index.model import Paragraph

# Longer lines are reporting even when they start like boilerplate ("Copyright law ...").
_MAX_BOILERPLATE_LINE = 300
_MAX_CAPTION = 400

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_NEWS_AGENCY = (
    r"(?:AA|AFP|AP|Reuters|Xinhua|Anadolu(?:\ Agency)?|Bloomberg|dpa|EFE|Kyodo|Yonhap|UPI|ANI"
    r"|PTI|TASS|Bernama|IANS|CNN|BBC)"
)
# Photo agencies and credit words that may follow the first word of a credit.
_CREDIT_NAME = (
    r"(?:IMAGO|Getty\ Images|Getty|EPA(?:-EFE)?|Shutterstock|Alamy|ZUMA(?:\ Press)?|Sputnik"
    r"|Pool|File|Handout|Reuters|AFP|AP|Xinhua|AA|dpa|EFE|Kyodo|Yonhap|Bloomberg)"
)
_CREDIT_WORD = r"[\w.&'’+-]+(?:/[\w.&'’+-]+)+"  # IMAGO/SNA/Cover-Images, AFP/File

# Whole lines that are not reporting. Case-insensitive only where the words vary in case.
_BOILERPLATE_LINE_PATTERNS = (
    # "Read More: ...", "See also: ...", "Related: ..." link lines
    r"(?i:read|see|watch|listen|also\ read|related)(?:\ (?i:more|also))?\s*:\s*\S.*",
    r"(?i:related|recommended|more\ on\ this)(?:\ (?i:stories|articles|coverage|reading))?\s*:.*",
    # "©2024 Bloomberg L.P.", "Copyright AFP/File ...", but not "Copyright law in China ..."
    r"(?:©|\(c\)|\(C\)|(?i:copyright)\s+(?:©|\(c\)|\d{4}|[A-Z]))\s*.*",
    r"(?i:all\ rights\ reserved)\.?",
    r"-{1,2}\s*(?i:with\ assistance\ from)\b.*",
    # "(Updates with Chinese statement in third paragraph.)" and other wire revision notes
    r"\((?i:updates?|adds?|recasts?|corrects?|changes?|rewrites?|refiles?|removes?|fixes?)\b"
    r"[^()]*\)\.?",
    # "Source: AA": a credit, not reporting (sources.py reads the agency from it)
    r"(?i:source|kaynak)\s*:\s*" + _NEWS_AGENCY + r"(?:\ (?i:news\ agency))?\.?",
    r"(?i:(?:additional\ )?reporting|writing|editing|compiled|edited)\ (?i:by)\s+[A-Z].*",
    r"(?i:to\ contact\ the\ (?:reporters?|editors?)).*",
    r"(?i:(?:photo|image|picture|video|file\ photo|photograph)s?)"
    r"\s*(?::|\ by\b|\ credit\b).{0,120}",
    r"(?i:sign\ up|subscribe)\b.{0,120}(?i:newsletter|here|today).*",
    r"(?i:follow\ (?:us|me)\ on)\b.*",
    r"(?i:click\ here)\b.*",
    r"(?i:share\ this\ (?:article|story)).*",
    r"(?i:advertisement|advertising|sponsored\ content)",
    # "Published April 17, 2024", "Updated: 2024-04-17 10:00"
    r"(?i:(?:first\ )?published|updated|posted|last\ updated)(?:\ (?i:on|at))?\s*:?\s+"
    r"(?:\d{1,4}[-/.\ ]|" + _MONTH + r"|(?i:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\ ).{0,60}",
)
_BOILERPLATE_LINE = re.compile("|".join(f"(?:{pattern})" for pattern in _BOILERPLATE_LINE_PATTERNS))

# "caption text - Copyright AFP/File Pedro Pardo": a photo caption with its credit at the end.
_CAPTION_CREDIT = re.compile(
    r"\s[-–—|]\s+"
    r"(?P<credit>(?:(?i:copyright)|©|\(c\)|(?i:photo(?:graph)?s?|credit|image|picture|foto)\s*:)"
    r"\s*[^\s.!?][^.!?]{0,100}\.?)\Z"
)
_MIN_CAPTION = 10
_CREDIT_TAIL = 160

# "© Collage: IMAGO/SNA/Cover-Images" anywhere in a paragraph: the © sign, an optional label,
# a first word, then only words that look like credits (slashed names or known agencies), so
# the first ordinary word after the credit ("The US has ...") ends it.
_INLINE_CREDIT = re.compile(
    r"(?<!\w)©\s*(?:(?i:collage|photo|foto|image|picture|illustration|graphic|video|file)s?\s*:\s*)?"
    r"(?:\d{4}\s+)?[\w.&'’+-]+(?:/[\w.&'’+-]+)*"
    r"(?:\s+(?:" + _CREDIT_WORD + r"|" + _CREDIT_NAME + r")(?![\w/]))*"
)

# "(Photo: Jane Doe/Reuters)" closing a paragraph.
_TRAILING_PHOTO_CREDIT = re.compile(
    r"\((?i:photo|image|picture|file\ photo|credit)s?\s*(?::|\ by)\s*[^()]{1,100}\)\Z"
)


def is_boilerplate_line(line: str) -> bool:
    """True when a whole line (stripped) is boilerplate rather than reporting."""
    return len(line) <= _MAX_BOILERPLATE_LINE and _BOILERPLATE_LINE.fullmatch(line) is not None


def paragraphs_from_blocks(blocks: list[list[str]]) -> list[Paragraph]:
    """Reading-order paragraphs of the blocks, with boilerplate split out and flagged."""
    paragraphs: list[Paragraph] = []
    for block in blocks:
        body_lines: list[str] = []
        for line in block:
            line = collapse_space(line)
            if not line:
                continue
            if is_boilerplate_line(line):
                _add_body(paragraphs, body_lines)
                body_lines = []
                paragraphs.append(Paragraph(line, boilerplate=True))
            else:
                body_lines.append(line)
        _add_body(paragraphs, body_lines)
    return paragraphs


def _add_body(paragraphs: list[Paragraph], lines: list[str]) -> None:
    if not lines:
        return
    text = " ".join(lines)
    # A credit is short and ends the text: only the tail needs searching.
    credit = (
        _CAPTION_CREDIT.search(text, max(0, len(text) - _CREDIT_TAIL))
        if len(text) <= _MAX_CAPTION
        else None
    )
    if credit is not None and credit.start() >= _MIN_CAPTION:
        paragraphs.append(Paragraph(text[: credit.start()].strip(), boilerplate=True))
        paragraphs.append(Paragraph(credit.group("credit").strip(), boilerplate=True))
        return
    trailing = _TRAILING_PHOTO_CREDIT.search(text)
    if trailing is not None and trailing.start() == 0:
        paragraphs.append(Paragraph(text, boilerplate=True))  # a credit line on its own
        return
    tail = None
    if trailing is not None:
        tail = Paragraph(trailing.group().strip(), boilerplate=True)
        text = text[: trailing.start()].rstrip()
    paragraphs.extend(split_inline_credits(text))
    if tail is not None:
        paragraphs.append(tail)


def split_inline_credits(text: str) -> list[Paragraph]:
    """`text` as body paragraphs around any "© ..." credits, which become boilerplate."""
    if "©" not in text:
        return [Paragraph(text)] if text else []
    pieces: list[Paragraph] = []
    start = 0
    for match in _INLINE_CREDIT.finditer(text):
        before = text[start : match.start()].strip()
        if before:
            pieces.append(Paragraph(before))
        pieces.append(Paragraph(match.group().strip(), boilerplate=True))
        start = match.end()
    after = text[start:].strip()
    if after:
        pieces.append(Paragraph(after))
    return pieces
