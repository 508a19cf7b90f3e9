"""The query layer: the Whoosh query language over title and body, hits with snippets.

Users type words, "phrases", AND/OR/NOT, wildcards and field queries (`source:afp`,
`person:"dong jun"`, `published:2024-09`, `published:[2024-04-01 to 2024-04-30]`). A query
that Whoosh cannot make sense of, an unknown field or an over-long query raises a
`QueryError` with one line; a query that finds nothing gets a "did you mean" built from
the index's own vocabulary.
"""

from __future__ import annotations

import contextlib
import re
import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from whoosh import collectors, highlight, qparser, query, sorting
from whoosh.index import Index
from whoosh.qparser.dateparse import DateParserPlugin
from whoosh.searching import Results, Searcher

from index.errors import QueryError
from index.model import ArticleSummary
from index.search.bulk_scoring import search_in_bulk
from index.search.schema import FIELD_ALIASES, QUERYABLE_FIELDS, SEARCHABLE_FIELDS
from index.search.vocabulary import Vocabulary

MAX_QUERY_CHARS = 1000
SNIPPET_HITS = 30
SNIPPET_CHARS = 200
MAX_SUGGESTION_TERMS = 16
_FIELD_PREFIX = re.compile(r'(?<![\w"\\])([A-Za-z_]\w*):(?=\S)')
_RANGE = re.compile(r"[\[{][^\]}]*[\]}]")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b")


@dataclass
class Hit:
    id: str
    title: str
    source: str | None
    published: date | None
    score: float
    snippet: str
    # (start, end) character spans of matched words in `snippet`, for highlighting.
    highlights: list[tuple[int, int]] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "published": self.published.isoformat() if self.published else None,
            "score": round(self.score, 4),
            "snippet": self.snippet,
        }


@dataclass
class SearchResult:
    query: str
    hits: list[Hit]
    total: int  # every matching article, not only the hits
    suggestion: str | None = None  # "did you mean" when nothing matched


class _SpanFormatter(highlight.Formatter):
    """Joins fragments into plain text and remembers where the matched words are.

    Article text is never turned into markup; the caller styles the spans itself.
    """

    between = " … "

    def format_token(self, text, token, replace=False):
        return highlight.get_text(text, token, replace)

    def format(self, fragments, replace=False):
        pieces: list[str] = []
        spans: list[tuple[int, int]] = []
        length = 0
        for number, fragment in enumerate(fragments):
            if number:
                pieces.append(self.between)
                length += len(self.between)
            text, cursor = fragment.text, fragment.startchar
            for token in fragment.matches:
                if token.startchar < cursor:
                    continue
                before = text[cursor : token.startchar]
                word = text[token.startchar : token.endchar]
                pieces.append(before)
                spans.append((length + len(before), length + len(before) + len(word)))
                pieces.append(word)
                length += len(before) + len(word)
                cursor = token.endchar
            rest = text[cursor : fragment.endchar]
            pieces.append(rest)
            length += len(rest)
        return " ".join("".join(pieces).split("\n")), spans


def make_parser(ix: Index) -> qparser.QueryParser:
    # Building the parser and its plugins cost a millisecond a query: one per index.
    cached = _parsers.get(ix)
    if cached is None:
        cached = _parsers[ix] = _new_parser(ix)
    return cached


_parsers: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _new_parser(ix: Index) -> qparser.QueryParser:
    parser = qparser.MultifieldParser(list(SEARCHABLE_FIELDS), ix.schema, group=qparser.AndGroup)
    parser.add_plugin(qparser.FieldAliasPlugin(FIELD_ALIASES))
    parser.add_plugin(DateParserPlugin(free=False))
    parser.add_plugin(qparser.GtLtPlugin())
    return parser


def parse_query(ix: Index, text: str) -> query.Query:
    text = text.strip()
    if not text:
        raise QueryError("empty query")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"query is {len(text)} characters long; the limit is {MAX_QUERY_CHARS}")
    for name in _FIELD_PREFIX.findall(text):
        if name.lower() not in QUERYABLE_FIELDS:
            known = ", ".join(sorted(set(QUERYABLE_FIELDS) - {"id"}))
            raise QueryError(f"unknown field '{name}:' (fields: {known})")
    try:
        parsed = make_parser(ix).parse(_compact_range_dates(_lowercase_field_names(text)))
    except Exception as error:  # Whoosh's parser raises assorted errors on odd input
        raise QueryError(f"cannot parse query: {str(error)[:120]}") from None
    # The date plugin makes its own null queries: compare by type, not identity.
    null = query.qcore._NullQuery
    if isinstance(parsed, null) or any(isinstance(leaf, null) for leaf in parsed.leaves()):
        if _only_unindexed_words(ix, text):
            raise QueryError(
                f"nothing to search for in {_shown(text)}: words of one letter and common "
                "words such as 'the' are not indexed"
            )
        raise QueryError(f"cannot parse query {_shown(text)}: check brackets, quotes and dates")
    return parsed


def _only_unindexed_words(ix: Index, text: str) -> bool:
    """Whether `text` is plain words, all of which the index leaves out ("p", "the"): the
    first letter typed in the search box is one."""
    if not _PLAIN_WORDS.fullmatch(text):
        return False
    return not any(True for _ in ix.schema["body"].analyzer(text))


_WORD = r"[^\W\d_][\w'’-]*"  # a word as users type it: a letter, then letters, ' and -
_PLAIN_WORDS = re.compile(rf"{_WORD}(\s+{_WORD})*")


def _shown(text: str, limit: int = 60) -> str:
    """The query as an error message quotes it: a 1,000-character echo is not one clear line."""
    return repr(text if len(text) <= limit else text[:limit] + "…")


def _compact_range_dates(text: str) -> str:
    """2024-04-01 inside a range becomes 20240401: Whoosh's date plugin reads a dashed date
    in a range as its whole year, so `published:[2024-04-01 to 2024-04-30]` matched 2024."""

    def compact(date: re.Match) -> str:
        return "".join(part for part in date.groups() if part)

    return _RANGE.sub(lambda bracket: _ISO_DATE.sub(compact, bracket.group()), text)


def _lowercase_field_names(text: str) -> str:
    return _FIELD_PREFIX.sub(lambda m: m.group(1).lower() + ":", text)


def _newest_first_facet(searcher) -> sorting.FunctionFacet:
    """Newest first, undated last: Whoosh fills a missing date with the largest value,
    which a plain reversed date sort would put first."""
    dates = searcher.reader().column_reader("published", translate=False)
    missing = searcher.schema["published"].column_type.default_value()

    def key(_searcher, docid: int) -> tuple[int, int]:
        value = dates[docid]
        return (1, 0) if value == missing else (0, -value)

    return sorting.FunctionFacet(key)


def search(
    ix: Index,
    text: str,
    limit: int = 20,
    sort: str = "score",
    snippets: int = SNIPPET_HITS,
    suggest: bool = True,
    searcher: Searcher | None = None,
    summaries: Mapping[str, ArticleSummary] | None = None,
    snippets_from: int = 0,
    vocabulary: Vocabulary | None = None,
    parsed: query.Query | None = None,
) -> SearchResult:
    """The `limit` best hits for `text`; `snippets` of them, from rank `snippets_from` on,
    get a snippet (a page further down the list asks for its own).

    Pass an open `searcher` to reuse it: opening one reads the segment files again, which
    is most of a short query's cost on a large index. Pass `summaries` (article id ->
    title, source, date) to build the hits without snippets from them: each stored
    document Whoosh loads carries the whole article.
    A "did you mean" needs the corpus's `vocabulary`; `parsed` is `text` parsed already.
    """
    if parsed is None:
        parsed = parse_query(ix, text)
    with contextlib.nullcontext(searcher) if searcher else ix.searcher() as searcher:
        results = run_query(searcher, parsed, limit, sort)
        ids = _id_column(searcher) if summaries is not None else None
        hits = []
        for rank in range(results.scored_length()):
            snippet_wanted = snippets_from <= rank < snippets_from + snippets
            if not snippet_wanted and ids is not None:
                summary = summaries.get(ids[results.docnum(rank)])
                if summary is not None:
                    hits.append(
                        Hit(
                            id=summary.id,
                            title=summary.title,
                            source=summary.source,
                            published=summary.published,
                            score=_score(results, rank),
                            snippet="",
                        )
                    )
                    continue
            hit = results[rank]
            snippet, spans = "", []
            # Highlighting reads each hit's body: only the rows a reader looks at get one.
            if snippet_wanted:
                snippet, spans = hit.highlights("body", top=2) or ("", [])
                if not snippet:
                    snippet = hit.get("body", "")[:SNIPPET_CHARS].replace("\n", " ")
            published = hit.get("published")
            hits.append(
                Hit(
                    id=hit["id"],
                    title=hit.get("title", ""),
                    source=hit.get("source") or None,
                    published=published.date() if published else None,
                    score=_score(results, rank),
                    snippet=snippet,
                    highlights=spans,
                )
            )
        total = len(results)
        suggestion = None
        if not hits and suggest and vocabulary is not None:
            suggestion = suggest_query(vocabulary, text)
        return SearchResult(query=text, hits=hits, total=total, suggestion=suggestion)


def run_query(searcher: Searcher, parsed: query.Query, limit: int, sort: str) -> Results:
    """Whoosh's results for a parsed query, ready to highlight, with every match counted.

    Words joined by AND and OR, phrases and dates are scored a posting list at a time
    (`bulk_scoring`); the rest Whoosh walks with a collector that scores every match, so
    that it counts them in the same walk. Its default collector prunes matches that cannot
    reach the top (`replace`, block quality) and then undercounts, or walks the postings
    again to count. A date-sorted search collects every match anyway.
    """
    if sort == "date":
        newest_first = _newest_first_facet(searcher)
        results = searcher.search(parsed, limit=limit, sortedby=newest_first, terms=True)
    elif sort != "score":
        raise QueryError(f"unknown sort '{sort}' (use score or date)")
    else:
        results = search_in_bulk(searcher, parsed, limit)
        if results is None:
            collector = collectors.TopCollector(limit, usequality=False, replace=0)
            results = _collect(searcher, parsed, collectors.TermsCollector(collector))
    return ready_to_highlight(results)


def ready_to_highlight(results: Results) -> Results:
    """Snippets cut around the matched words, as plain text with the words' spans."""
    results.fragmenter = highlight.PinpointFragmenter(
        maxchars=SNIPPET_CHARS, surround=60, autotrim=True
    )
    results.formatter = _SpanFormatter()
    return results


def _collect(searcher: Searcher, parsed: query.Query, collector) -> Results:
    searcher.search_with_collector(parsed, collector)
    return collector.results()


def _id_column(searcher: Searcher):
    """The id column of the searcher's reader, made once per searcher: making it reads the
    column's offset table, a millisecond per segment and query."""
    column = _id_columns.get(searcher)
    if column is None:
        column = _id_columns[searcher] = searcher.reader().column_reader("id")
    return column


_id_columns: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _score(results: Results, rank: int) -> float:
    score = results.score(rank)
    # A date-sorted search has sort keys, not scores.
    return float(score) if isinstance(score, (int, float)) else 0.0


_QUERY_WORD = re.compile(rf"(?<![\w:])({_WORD})(?![\w:])")
_OPERATORS = {"and", "or", "not", "to"}


def suggest_query(vocabulary: Vocabulary, text: str) -> str | None:
    """A "did you mean" for a query that found nothing, or None.

    Each word of the query the corpus never uses is replaced by the nearest word it does
    use (`Vocabulary.correct`): correcting the parsed query would offer stems ("govern").
    """
    words = [w for w in _QUERY_WORD.findall(text) if w.lower() not in _OPERATORS]
    # A query this long was not a typo.
    if not words or len(words) > MAX_SUGGESTION_TERMS:
        return None
    suggestion, changed = text, False
    for word in words:
        if word.lower() in vocabulary:
            continue
        best = vocabulary.correct(word)
        if best is None:
            continue
        suggestion = re.sub(rf"(?<![\w:]){re.escape(word)}(?![\w:])", best, suggestion)
        changed = True
    return suggestion if changed else None
