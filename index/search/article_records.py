"""Each article and its entity mentions as the index keeps them: in two columns, read only
when asked for, not among the fields Whoosh stores.

Whoosh loads a document's stored fields whole, and a search loads them for every hit it
cuts a snippet from. The article (its text again, as JSON) and its mentions were most of
those bytes: 40 % of the snippets' time at 50k articles went to loading them for nothing.
In a column each is a compressed JSON value that a reader reads by document number.
"""

from __future__ import annotations

import json
import zlib

from whoosh.columns import ColumnReader
from whoosh.searching import Searcher

from index.extract.entities import EntityMention
from index.model import Article

ARTICLE_COLUMN = "article"
MENTIONS_COLUMN = "mentions"
COLUMNS = (ARTICLE_COLUMN, MENTIONS_COLUMN)
# Level 1: most of level 6's size at a third of its time, as in the article store.
_LEVEL = 1


def record_columns(article: Article, mentions: list[EntityMention]) -> dict[str, bytes]:
    """The column values of an article's document, as the writer takes them."""
    return {
        ARTICLE_COLUMN: _encode({**article.to_json(), "content_hash": article.content_hash}),
        MENTIONS_COLUMN: _encode([mention.to_json() for mention in mentions]),
    }


def _encode(value) -> bytes:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(text.encode("utf-8"), _LEVEL)


def _decode(blob: bytes):
    return json.loads(zlib.decompress(blob))


class ArticleRecords:
    """The articles and mentions of the index a searcher reads, by document number or id."""

    def __init__(self, searcher: Searcher):
        self._searcher = searcher
        self._readers: dict[str, ColumnReader] = {}

    def _column(self, name: str) -> ColumnReader:
        # Opened when first read: an empty index's reader has no columns to open.
        reader = self._readers.get(name)
        if reader is None:
            reader = self._readers[name] = self._searcher.reader().column_reader(
                name, translate=False
            )
        return reader

    def number_of(self, article_id: str) -> int | None:
        """The document number of a live article, or None."""
        return self._searcher.document_number(id=article_id)

    def article(self, docnum: int) -> Article:
        return Article.from_json(_decode(self._column(ARTICLE_COLUMN)[docnum]))

    def article_by_id(self, article_id: str) -> Article | None:
        docnum = self.number_of(article_id)
        return None if docnum is None else self.article(docnum)

    def mentions(self, docnum: int) -> list[EntityMention]:
        blob = self._column(MENTIONS_COLUMN)[docnum]
        return [EntityMention.from_json(m) for m in _decode(blob)] if blob else []

    def raw_columns(self, docnum: int) -> dict[str, bytes]:
        """A document's column values as written, to write the document again unchanged."""
        return {name: self._column(name)[docnum] for name in COLUMNS}
