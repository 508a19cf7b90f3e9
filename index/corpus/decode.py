"""Turning a file's bytes into text, or saying why they are not text.

This module owns the decision "is this a text file, and in which encoding": UTF-8 (with or
without a byte-order mark) is read as is; UTF-16/32 with a byte-order mark is honoured; NUL
bytes or a high share of control characters mean binary; anything else that is not valid UTF-8
is handed to charset-normalizer, and the caller is told which encoding was guessed so it can
warn once. charset-normalizer is imported only on that rare path, so loading a clean corpus
never pays for it.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from index.corpus.clean import control_character_share

# Above this share of control characters a file is "mostly non-text", whatever it decodes as.
BINARY_CONTROL_SHARE = 0.3

_UNICODE_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class DecodedText:
    """The text of a file, or `problem` saying why there is none.

    `encoding` is set only when the file was not UTF-8, so the caller can warn about it.
    """

    text: str | None
    encoding: str | None = None
    problem: str | None = None


def decode_bytes(data: bytes) -> DecodedText:
    """Decode `data` as article text; never raises."""
    for bom, encoding in _UNICODE_BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), encoding)
            except UnicodeDecodeError:
                return DecodedText(
                    None, problem=f"binary or undecodable ({encoding} byte-order mark, bad data)"
                )
    if b"\x00" in data:
        return DecodedText(None, problem="binary file (contains NUL bytes)")
    try:
        return _checked(data.decode("utf-8-sig"), None)
    except UnicodeDecodeError:
        pass
    return _guess_encoding(data)


def _guess_encoding(data: bytes) -> DecodedText:
    # Deferred import: charset-normalizer is slow to import and needed only for odd files.
    from charset_normalizer import from_bytes

    try:
        best = from_bytes(data).best()
    except Exception:  # a detector bug must not stop a corpus load
        best = None
    if best is None:
        return DecodedText(None, problem="binary or unknown encoding (not UTF-8, no encoding fits)")
    try:
        text = str(best)
    except Exception:
        return DecodedText(
            None, problem=f"binary or undecodable (not UTF-8, {best.encoding} failed)"
        )
    return _checked(text, best.encoding)


def _checked(text: str, encoding: str | None) -> DecodedText:
    if control_character_share(text) > BINARY_CONTROL_SHARE:
        return DecodedText(None, problem="binary file (mostly control characters)")
    return DecodedText(text, encoding=encoding)
