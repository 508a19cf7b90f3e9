"""What makes an article itself: its id from its path, and the hash of its normalised text.

This module owns article identity. The id is the path under the corpus root without its
suffix, with posix separators (`sub/dir/x`); an article inside a multi-article file adds
`#n`. The content hash is the sha256 of the body text normalised for comparison (case folded,
typographic quotes and dashes made plain, whitespace collapsed), so an unchanged article keeps
its hash and two copies of one story that differ only in typography or boilerplate compare
equal.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path, PurePath

from index.model import Article

_PLAIN_PUNCTUATION = {
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"',
    "–": "-", "—": "-", "‒": "-", "―": "-", "…": "...",
}  # fmt: skip
# A regex over the few typographic characters is several times faster than str.translate
# with a dict, which looks up every character of the text in Python.
_TYPOGRAPHIC = re.compile("[" + "".join(_PLAIN_PUNCTUATION) + "]")


def article_id(path: Path, root: Path, item: int | None = None) -> str:
    """`sub/dir/x` for root/sub/dir/x.txt; `x#3` for the third item of x.jsonl."""
    try:
        relative: PurePath = path.relative_to(root)
    except ValueError:
        try:
            relative = path.resolve().relative_to(root.resolve())
        except (ValueError, OSError):
            relative = PurePath(path.name)  # a file outside the root: its name is all we have
    if relative == PurePath("."):
        relative = PurePath(path.name)  # the root is the file itself
    if relative.suffix:
        relative = relative.with_suffix("")
    base = relative.as_posix()
    return f"{base}#{item}" if item is not None else base


def normalised_text(text: str) -> str:
    """`text` as compared for duplicates: casefolded, plain punctuation, single spaces."""
    if not text.isascii():
        text = _TYPOGRAPHIC.sub(_plain_punctuation, text)
    return " ".join(text.casefold().split())


def _plain_punctuation(match: re.Match[str]) -> str:
    return _PLAIN_PUNCTUATION[match.group()]


def text_hash(body: str) -> str:
    return hashlib.sha256(normalised_text(body).encode("utf-8")).hexdigest()


def normalised_text_hash(article: Article) -> str:
    """What duplicate detection compares: the hash of the article's normalised body text."""
    return text_hash(article.body)
