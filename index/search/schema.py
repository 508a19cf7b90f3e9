"""The Whoosh schema of the article index, and its version.

Bump `SCHEMA_VERSION` whenever a field changes: an index written by another version is
detected on open and rebuilt, because Whoosh would otherwise fail late, mid-search.
"""

from __future__ import annotations

from whoosh import columns, fields, formats
from whoosh.analysis import StandardAnalyzer, StemmingAnalyzer

from index.search.body_values import FusedCharacters
from index.search.word_pairs import PairsAnalyzer, RecordingAnalyzer

SCHEMA_VERSION = 10

# Users type singular names; the index keeps the plural field names of the design.
FIELD_ALIASES = {"people": ["person"], "orgs": ["org", "organization"], "places": ["place"]}
SEARCHABLE_FIELDS = ("title", "body")
QUERYABLE_FIELDS = (
    "id",
    "title",
    "body",
    "source",
    "published",
    "people",
    "orgs",
    "places",
    "engagement",
    *(alias for aliases in FIELD_ALIASES.values() for alias in aliases),
)
# A text field -> the field of its pairs of common words (index.search.word_pairs).
PAIR_FIELDS = {"body": "body_pairs"}


def article_schema() -> fields.Schema:
    stemming = StemmingAnalyzer(cachesize=50_000)
    return fields.Schema(
        # sortable: a column, so a hit's id is read without unpickling its stored document.
        id=fields.ID(stored=True, unique=True, sortable=True),
        # Columns too, so that finding changed files reads four columns instead of
        # unpickling every stored document (seconds at 50k articles).
        path=fields.ID(stored=True, sortable=True),
        file_hash=fields.ID(stored=True, sortable=True),
        signature=fields.ID(stored=True, sortable=True),
        content_hash=fields.ID(stored=True, sortable=True),
        title=fields.TEXT(analyzer=stemming, stored=True, field_boost=2.0),
        source=fields.TEXT(analyzer=StandardAnalyzer(stoplist=None), stored=True),
        published=fields.DATETIME(stored=True, sortable=True),
        # chars=True keeps each term's character offsets in the postings, so snippets are
        # cut around them instead of re-tokenising every hit's whole text. No spelling=True:
        # "did you mean" reads the analysis's vocabulary (index.search.vocabulary).
        body=_fused(fields.TEXT(analyzer=RecordingAnalyzer(stemming), stored=True, chars=True)),
        # Which articles hold a pair of common words: no positions or frequencies. Scorable
        # only for its column of lengths: without one, Whoosh's writer asks the file system
        # whether the column exists, once for each posting.
        body_pairs=fields.FieldType(formats.Existence(), PairsAnalyzer(stemming), scorable=True),
        people=fields.KEYWORD(lowercase=True, commas=True, scorable=True, stored=True),
        orgs=fields.KEYWORD(lowercase=True, commas=True, scorable=True, stored=True),
        places=fields.KEYWORD(lowercase=True, commas=True, scorable=True, stored=True),
        engagement=fields.ID(stored=True),
        # The whole cleaned article and its entity mentions, so the app and the analysis
        # never re-read or re-extract files that have not changed. Columns, not stored
        # fields, so that a snippet does not load them (index.search.article_records).
        article=fields.COLUMN(columns.VarBytesColumn()),
        mentions=fields.COLUMN(columns.VarBytesColumn()),
    )


def _fused(field: fields.TEXT) -> fields.TEXT:
    """`field` with its word values computed in one loop (index.search.body_values)."""
    field.format = FusedCharacters(field_boost=field.format.field_boost)
    return field


def with_word_pairs(document: dict) -> dict:
    """`document` as the writer takes it: each paired field's text given to its pairs'
    field too. Every document written must go through this, or phrases miss it."""
    return {
        **document,
        **{pairs: document[field] for field, pairs in PAIR_FIELDS.items() if field in document},
    }
