"""Sanitising of untrusted text: everything read from an article file passes through here.

Article files come from anywhere, and their text ends up on a terminal, so this module owns
making text safe and uniform before any other code looks at it: line endings become `\\n`,
terminal escape sequences (CSI, OSC including OSC 52 clipboard writes, DCS, SOS/PM/APC and the
short ESC forms, in their 7-bit and 8-bit spellings) are removed, the C0/C1 control characters
other than `\\n` and `\\t` are dropped, bidirectional override characters are dropped, and the
result is NFC-normalised. Markup-looking text such as `[bold]` is deliberately left alone: it is
literal article text and the renderer escapes it.
"""

from __future__ import annotations

import re
import unicodedata

# Anything in here means the slow path has work to do; most clean UTF-8 articles skip it.
_NEEDS_CLEANING = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]"
)

_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028]")

# Order matters: string-carrying sequences (OSC/DCS/...) first, so their payload goes with
# them, then CSI, then the short ESC forms. An unterminated string sequence is cut at the end
# of its line rather than swallowing the rest of the article.
_ESCAPE_SEQUENCE = re.compile(
    r"""
      (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])   # OSC, DCS, SOS, PM, APC introducers
      [^\x07\x1b\x9c\n]*                        # their payload (e.g. OSC 52 base64)
      (?:\x07|\x1b\\|\x9c)?                     # BEL or ST terminator
    | (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]          # CSI: colours, cursor moves, ...
    | \x1b[ -/]*[0-~]                           # other ESC sequences: ESC c, ESC (B, ESC 7
    """,
    re.VERBOSE,
)

# C0 except \t and \n, DEL, C1; bidi embeddings/overrides/isolates (they can make a terminal
# show text in a different order than it is stored); stray byte-order marks.
_UNSAFE_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")


def sanitize_text(text: str) -> str:
    """Return `text` safe to show on a terminal: no escapes, no control characters, NFC."""
    if _NEEDS_CLEANING.search(text) is not None:
        text = _LINE_BREAKS.sub("\n", text).replace("\u2029", "\n\n")
        text = _ESCAPE_SEQUENCE.sub("", text)
        text = _UNSAFE_CHARACTERS.sub("", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def unify_line_endings(text: str) -> str:
    """`\\r\\n` and lone `\\r` made `\\n`; nothing else changed."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def collapse_space(text: str) -> str:
    """One line of text with runs of spaces, tabs and no-break spaces made single spaces."""
    # str.split() knows every Unicode space (NBSP, thin and ideographic spaces) and is far
    # faster than a regex substitution that replaces each single space.
    return " ".join(text.split())


def control_character_share(text: str) -> float:
    """Share of characters that are control characters other than common whitespace."""
    if not text or _UNSAFE_CHARACTERS.search(text) is None:
        return 0.0
    # \r and \f are ordinary in text files; they are not evidence of binary data.
    text = text.replace("\x0c", "").replace("\r", "")
    kept = _UNSAFE_CHARACTERS.sub("", text)
    return (len(text) - len(kept)) / max(len(text), 1)
