"""Turning one raw record (text plus the file's metadata) into a clean `Article`.

This module owns the cleaning pipeline for a single article, in order: sanitise every string,
split paragraphs, flag boilerplate, keep the wire opener ("Washington DC -", "(Bloomberg) --")
apart from the first body paragraph as boilerplate (its place becomes `dateline`, its agency
a `source` candidate), then settle source, published date and title (metadata first, then the
text), and hash the normalised body. It returns None with a reason when no reporting is left.
"""

from __future__ import annotations

import re
from datetime import date

from index.corpus.boilerplate import paragraphs_from_blocks
from index.corpus.clean import collapse_space, sanitize_text
from index.corpus.dateline import Opener, read_opener
from index.corpus.dates import date_from_metadata, find_full_date
from index.corpus.formats import RawRecord
from index.corpus.identity import text_hash
from index.corpus.paragraphs import split_blocks
from index.corpus.sources import canonical_source, source_from_text
from index.corpus.titles import title_from_metadata, title_from_text
from index.model import Article, Paragraph

# A date this close to the start of the text is the article's own date (a dateline date),
# not an event it reports on.
_DATE_SEARCH_CHARS = 120
_MAX_URL_CHARS = 2_000
_URL = re.compile(r"https?://[^\s<>\"]+", re.IGNORECASE)


def build_article(
    record: RawRecord, article_id: str, path: str
) -> tuple[Article | None, str | None]:
    """The cleaned article for `record`, or (None, reason) when it holds no article text."""
    text = sanitize_text(record.text)
    paragraphs = paragraphs_from_blocks(split_blocks(text))
    opener = _split_opener(paragraphs)
    body = "\n\n".join(p.text for p in paragraphs if not p.boilerplate)
    if not body:
        if paragraphs:
            return None, "no article text (only boilerplate)"
        return None, "no article text"

    first_body = next(p.text for p in paragraphs if not p.boilerplate)
    source = canonical_source(_clean_meta(record.source)) or source_from_text(
        opener.agency if opener else None, paragraphs
    )
    published = (
        date_from_metadata(
            _clean_meta(record.date) if isinstance(record.date, str) else record.date
        )
        or (opener.published if opener else None)
        or _date_in_boilerplate(paragraphs)
        or find_full_date(first_body[:_DATE_SEARCH_CHARS])
    )
    title = (
        title_from_metadata(_clean_meta(record.title)) or title_from_text(first_body) or article_id
    )
    article = Article(
        id=article_id,
        path=path,
        title=title,
        source=source,
        dateline=opener.place if opener else None,
        published=published,
        paragraphs=paragraphs,
        content_hash=text_hash(body),
        url=_clean_url(record.url),
    )
    return article, None


def _split_opener(paragraphs: list[Paragraph]) -> Opener | None:
    """Cut the dateline opener off the first body paragraph, in place, as boilerplate."""
    for index, paragraph in enumerate(paragraphs):
        if paragraph.boilerplate:
            continue
        opener = read_opener(paragraph.text)
        if opener is not None:
            rest = paragraph.text[opener.end :].strip()
            paragraphs[index : index + 1] = [
                Paragraph(opener.text, boilerplate=True),
                Paragraph(rest),
            ]
        return opener
    return None


def _date_in_boilerplate(paragraphs: list[Paragraph]) -> date | None:
    # "Published April 17, 2024" lines near the top are boilerplate that dates the article.
    for paragraph in paragraphs[:4]:
        if paragraph.boilerplate and paragraph.text[:1].isalpha():
            found = (
                find_full_date(paragraph.text) if _PUBLISHED_WORDS.match(paragraph.text) else None
            )
            if found:
                return found
    return None


_PUBLISHED_WORDS = re.compile(r"(?i:(?:first\s+)?published|posted)\b")


def _clean_meta(value: str | None) -> str | None:
    if value is None:
        return None
    value = collapse_space(sanitize_text(value).replace("\n", " "))
    return value or None


def _clean_url(value: str | None) -> str | None:
    # Kept only as a label to show; never fetched. Anything not an http(s) URL is dropped.
    value = _clean_meta(value)
    if not value or len(value) > _MAX_URL_CHARS:
        return None
    match = _URL.fullmatch(value)
    return match.group() if match else None
