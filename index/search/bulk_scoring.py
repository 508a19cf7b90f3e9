"""Scoring a query a posting list at a time instead of a document at a time.

Whoosh walks a query as a tree of matchers, several Python calls per posting per node: a
two-word AND over title and body at 20k articles spent most of its 20 ms stepping through
postings one by one. The queries users type most are words joined by AND and OR, phrases,
dates and wildcards. For those this module takes the matcher tree Whoosh builds for the
query, reads each term's postings whole, scores them with the term's own BM25F scorer (the
merged postings of a date range or a wide wildcard by their constant weight) and combines
them with dict and set operations, node by node in the same tree. An AND reads its smaller
side first and decodes only those blocks of the other side that can hold one of its
documents; a phrase of common words reads its pairs' postings first (word_pairs). The
scores are Whoosh's to the last bit and the order is Whoosh's (highest score, then lowest
document number), with every match counted.

A tree with any other node (NOT, coordination, phrases with slop, the arrays Whoosh
preloads for an OR of several terms under 5,000 documents) gets None, and the caller lets
Whoosh walk it. The postings are read through Whoosh-Reloaded 2.7's
W3 codec internals, so pyproject pins that minor version; a change there falls back to
Whoosh's walk rather than failing (see `_postings`).
"""

from __future__ import annotations

import contextlib
import heapq
import weakref
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import accumulate, chain
from pickle import loads

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.formats import Characters
from whoosh.matching import (
    FilterMatcher,
    IntersectionMatcher,
    ListMatcher,
    Matcher,
    NullMatcher,
    NullMatcherClass,
    UnionMatcher,
    WrappingMatcher,
)
from whoosh.query import And, ConstantScoreQuery, NumericRange, Or, Query, Term, TermRange
from whoosh.query.spans import SpanNear2
from whoosh.reading import TermNotFound
from whoosh.scoring import BM25F, BM25FScorer, WeightScorer
from whoosh.searching import Results, Searcher
from whoosh.system import _INT_SIZE
from whoosh.util import make_weighted_tree
from whoosh.util.numeric import byte_to_length

from index.search.schema import PAIR_FIELDS
from index.search.term_ranges import range_terms
from index.search.word_pairs import pair_terms

_PhraseMatcher = SpanNear2.SpanNear2Matcher
_BYTE_TO_LENGTH = [byte_to_length(b) for b in range(256)]

Scores = dict[int, float]
# The documents a node's parent can still keep: an AND scores its smaller side first and
# then the other only there. Ascending document numbers within a segment; None for all.
Within = list[int] | None


class Unsupported(Exception):
    """A matcher this module does not score; Whoosh walks the query instead."""


def search_in_bulk(searcher: Searcher, parsed: Query, limit: int) -> Results | None:
    """The `limit` best matches of `parsed` as Whoosh's `Results`, every match counted and
    each top hit's matched terms and their character spans recorded for highlighting;
    None if the query has a part this module does not score."""
    context = searcher.context()
    total = 0
    candidates: list[tuple[float, int]] = []
    leaves: list[_Leaf] = []
    for subsearcher, offset in searcher.leaf_searchers():
        reader = subsearcher.reader()
        segment = range(offset, offset + reader.doc_count_all())
        segment_leaves: list[_Leaf] = []
        try:
            matcher = _matcher(parsed, subsearcher, context)
            scores = _scores(matcher, reader, segment, segment_leaves)
        except Unsupported:
            return None
        total += len(scores)
        candidates.extend(_best(scores, offset, limit))
        leaves.extend(segment_leaves)
    top = [(score, -negated) for score, negated in heapq.nlargest(limit, candidates)]
    results = Results(searcher, parsed, top)
    results._total = total
    _record_matched_terms(results, leaves)
    return results


def _best(scores: Scores, offset: int, limit: int) -> list[tuple[float, int]]:
    """(score, negated global document number) of a segment's `limit` best documents, and
    of any that tie with the last of them. Negated: equal scores rank the lower number
    first, as in Whoosh. The scores alone find the cut, so the segment's every match does
    not become a tuple (12,000 for one common word at 50k, and the garbage collections
    that many new objects set off)."""
    if len(scores) > limit:
        cut = heapq.nlargest(limit, scores.values())[-1] if limit > 0 else float("inf")
        return [(score, -(docnum + offset)) for docnum, score in scores.items() if score >= cut]
    return [(score, -(docnum + offset)) for docnum, score in scores.items()]


class _DeferredIntersection(IntersectionMatcher):
    """Whoosh's AND node without its first step: building an IntersectionMatcher walks both
    sides to their first common document, which for words that never meet ("police chi"
    as it is typed) is a walk through every posting of both, 17 ms at 50k articles. Bulk
    scoring reads the sides itself, so the walk is skipped. Only this module builds it."""

    def __init__(self, a: Matcher, b: Matcher):
        Matcher.__init__(self)
        self.a, self.b = a, b


def _matcher(query: Query, searcher: Searcher, context) -> Matcher:
    """`query.matcher(searcher, context)`, with its ANDs deferred: the same tree as
    Whoosh's `And._matcher` (same shape, so the same order of additions)."""
    if isinstance(query, NumericRange) and query.constantscore and not context.needs_current:
        compiled = query._compile_query(searcher.reader())
        if type(compiled) is ConstantScoreQuery:
            return _preloaded(compiled, searcher, context)
    subqueries = query.subqueries if type(query) is And else ()
    if len(subqueries) < 2:
        return query.matcher(searcher, context)
    reader = searcher.reader()
    weighted = [(0 - q.estimate_size(reader), _matcher(q, searcher, context)) for q in subqueries]
    tree = make_weighted_tree(_DeferredIntersection, weighted)
    return WrappingMatcher(tree, query.boost) if query.boost != 1.0 else tree


def _preloaded(query: ConstantScoreQuery, searcher: Searcher, context) -> Matcher:
    """`ConstantScoreQuery.matcher`: the documents of a date range (an OR of a few terms
    and ranges of terms, at several precisions) as one list, each with the same score.

    Whoosh collects them by walking its tree of unions a document at a time: four fifths
    of a month's search at 50k articles. Here each term's postings are read whole and
    merged. Whoosh also lists the terms of each range three times (to estimate its size,
    to order the tree, to read it), each a binary search of the term table with a seek
    and a read per step: most of what was left of a date search in segments of a few
    thousand articles. Here they are listed once."""
    reader = searcher.reader()
    try:
        terms = _terms_of(query.child, reader)
    except Unsupported:
        return query.matcher(searcher, context)
    ids: set[int] = set()
    for fieldname, btext in terms:
        ids |= _term_ids(reader.postings(fieldname, btext))
    if not ids:
        return NullMatcher
    term = terms[0] if len(terms) == 1 else None  # a union names no one term, as in Whoosh
    return ListMatcher(array("I", sorted(ids)), all_weights=query.score, term=term)


def _terms_of(query: Query, reader) -> list[tuple[str, bytes]]:
    """The indexed terms of a union of terms and ranges of terms, each listed once."""
    kind = type(query)
    if kind is Or:
        return [term for part in query.subqueries for term in _terms_of(part, reader)]
    if kind is TermRange:
        return [(query.fieldname, btext) for btext in range_terms(query, reader)]
    if kind is Term and isinstance(query.text, bytes):
        return [(query.fieldname, query.text)] if (query.fieldname, query.text) in reader else []
    raise Unsupported(kind.__name__)


def _term_ids(matcher: Matcher) -> set[int]:
    """The live documents of one term's postings in a segment, read whole."""
    kind = type(matcher)
    if kind is W3LeafMatcher or kind is ListMatcher:
        return set(_postings(matcher, False)[0])
    if kind is FilterMatcher:  # the segment's deletions, left out as Whoosh leaves them out
        ids, exclude = matcher._ids, matcher._exclude
        return {d for d in _term_ids(matcher.child) if (d in ids) != exclude}
    raise Unsupported(kind.__name__)


@dataclass
class _Leaf:
    """One term's postings in one segment, as read for a query: the blocks that could hold
    a document the query keeps."""

    matcher: Matcher
    term: tuple[str, bytes] | None  # None: several terms' postings merged
    segment: range  # the segment's global document numbers
    ids: list[int]  # within the segment, ascending
    scores: Scores
    values: _BlockValues | None  # positions (and characters), when the field keeps them
    decode_positions: Callable | None
    decode_characters: Callable | None
    # Where the term counts as matched for highlighting: inside a phrase, only where the
    # phrase matched (Whoosh's `matching_terms`).
    matched: Scores

    def value(self, docnum: int):
        """The encoded positions (and characters) of the term in `docnum` of the segment."""
        return self.values[bisect_left(self.ids, docnum)]

    def positions(self, docnum: int) -> list[int]:
        """The term's positions in `docnum`, read from all its values at once: a phrase
        asks for them in most documents of the term."""
        return self.decode_positions(self.values.flat()[bisect_left(self.ids, docnum)])


class _BlockValues:
    """A term's encoded positions (and characters) as its blocks were read, each block's
    left as the codec gives it: postings_codec's blocks decode their values only when one
    is asked for, and most queries ask for the few of their top hits."""

    __slots__ = ("starts", "blocks", "_flat")

    def __init__(self) -> None:
        self.starts: list[int] = []  # the index in the term's ids of each block's first
        self.blocks: list = []
        self._flat: list | None = None

    def add(self, start: int, block) -> None:
        self.starts.append(start)
        self.blocks.append(block)

    def __getitem__(self, index: int):
        block = bisect_right(self.starts, index) - 1
        return self.blocks[block][index - self.starts[block]]

    def flat(self) -> list:
        """Every value, in the order of the term's ids."""
        if self._flat is None:
            self._flat = list(chain.from_iterable(self.blocks))
        return self._flat


def _scores(
    matcher: Matcher, reader, segment: range, leaves: list[_Leaf], within: Within = None
) -> Scores:
    """Document number -> score for every document `matcher` matches (of those `within`,
    if given: the result may hold more, never fewer), computed as Whoosh's
    `matcher.score()` would, in the same order of additions."""
    kind = type(matcher)
    if kind is W3LeafMatcher or kind is ListMatcher:
        leaf = _read_leaf(matcher, reader, segment, within)
        leaves.append(leaf)
        return leaf.scores
    if kind is UnionMatcher:
        a = _scores(matcher.a, reader, segment, leaves, within)
        b = _scores(matcher.b, reader, segment, leaves, within)
        union = dict(a)
        for docnum, score in b.items():
            union[docnum] = a[docnum] + score if docnum in a else score
        return union
    if kind is IntersectionMatcher or kind is _DeferredIntersection:
        # The side with fewer postings first; the other is read and scored only where the
        # first matched (at 50k articles, most postings of "news AND third" are not).
        smaller_first = _postings_size(matcher.a) <= _postings_size(matcher.b)
        first, second = (matcher.a, matcher.b) if smaller_first else (matcher.b, matcher.a)
        found = _scores(first, reader, segment, leaves, within)
        narrowed = _scores(second, reader, segment, leaves, sorted(found))
        a, b = (found, narrowed) if smaller_first else (narrowed, found)
        if len(a) <= len(b):
            return {docnum: score + b[docnum] for docnum, score in a.items() if docnum in b}
        return {docnum: a[docnum] + score for docnum, score in b.items() if docnum in a}
    if kind is _PhraseMatcher:
        return _phrase_scores(matcher, reader, segment, leaves, within)
    if kind is FilterMatcher:  # a segment's deleted documents, left out
        child = _scores(matcher.child, reader, segment, leaves, within)
        ids, exclude, boost = matcher._ids, matcher._exclude, matcher.boost
        return {d: score * boost for d, score in child.items() if (d in ids) != exclude}
    if kind is WrappingMatcher:
        child = _scores(matcher.child, reader, segment, leaves, within)
        boost = matcher.boost
        return {docnum: score * boost for docnum, score in child.items()}
    if kind is NullMatcherClass:
        return {}
    raise Unsupported(kind.__name__)


def _postings_size(matcher: Matcher) -> float:
    """Roughly how many postings reading `matcher` decodes: which side of an AND to read
    first. Only the speed depends on it, never the result."""
    kind = type(matcher)
    if kind is W3LeafMatcher:
        length = matcher._length  # the postings' bytes on disk (a 1-tuple in Whoosh-Reloaded)
        return length[0] if isinstance(length, tuple) else length
    if kind is ListMatcher:
        return len(matcher._ids) * 4
    if kind is UnionMatcher:
        return _postings_size(matcher.a) + _postings_size(matcher.b)
    if kind is IntersectionMatcher or kind is _DeferredIntersection:
        return min(_postings_size(matcher.a), _postings_size(matcher.b))
    if kind is NullMatcherClass:
        return 0
    child = getattr(matcher, "child", None)
    return _postings_size(child) if child is not None else float("inf")


def _phrase_scores(
    matcher: Matcher, reader, segment: range, leaves: list[_Leaf], within: Within
) -> Scores:
    """A phrase is the intersection of its words, scored as such, kept where the words
    stand next to each other in order. Where two neighbouring words are common, the
    articles holding them side by side are read from their pair's postings first, and the
    words are scored only there; a phrase of just those two is then checked no further."""
    if (matcher.slop, matcher.ordered, matcher.mindist) != (1, True, 1):
        raise Unsupported("a phrase with slop")
    word_matchers = [_unwrapped(word) for word in matcher.ms]
    holding = _holding_pairs(word_matchers, reader, within)
    if holding is not None:
        if not holding:
            return {}
        within = holding
    first = len(leaves)
    scores = _scores(matcher.child, reader, segment, leaves, within)
    # In the phrase's order: the intersection reads its words smallest first.
    read = {id(leaf.matcher): leaf for leaf in leaves[first:]}
    words = [read.get(id(word)) for word in word_matchers]
    if any(w is None or w.decode_positions is None for w in words):
        raise Unsupported("a phrase over other queries than words")
    if holding is None:
        kept = {docnum: score for docnum, score in scores.items() if _adjacent(words, docnum)}
    else:
        held = set(holding)
        checked = len(words) > 2  # pairs "a b" and "b c" in one article may stand apart
        kept = {
            docnum: score
            for docnum, score in scores.items()
            if docnum in held and (not checked or _adjacent(words, docnum))
        }
    for word in words:
        word.matched = kept
    return {docnum: score * matcher.boost for docnum, score in kept.items()}


def _holding_pairs(words: list[Matcher], reader, within: Within) -> list[int] | None:
    """The segment's documents (of those `within`) that hold every pair of common words
    of the phrase, ascending; None if the phrase has no such pair or its field keeps no
    pairs."""
    terms = [word.term() for word in words]
    if any(term is None for term in terms) or len({field for field, _ in terms}) != 1:
        return None
    fieldname = terms[0][0]
    pairs_field = PAIR_FIELDS.get(fieldname)
    if pairs_field is None or pairs_field not in reader.schema:
        return None
    field = reader.schema[fieldname]
    pairs = [pair for pair in pair_terms([field.from_bytes(t) for _, t in terms]) if pair]
    if not pairs:
        return None
    holding = within
    for pair in pairs:
        try:
            # Deleted documents are left in: the words' own postings leave them out.
            postings = _unwrapped(reader.postings(pairs_field, pair))
        except TermNotFound:
            return []
        ids, _, _ = _postings(postings, False, holding)
        holding = ids if holding is None else sorted(set(holding).intersection(ids))
        if not holding:
            return []
    return holding


def _unwrapped(matcher: Matcher) -> Matcher:
    """The leaf inside a word's wrappers (a segment's deletions filter each word)."""
    while type(matcher) is FilterMatcher or type(matcher) is WrappingMatcher:
        matcher = matcher.child
    return matcher


def _adjacent(words: list[_Leaf], docnum: int) -> bool:
    """Whether the words occur in `docnum` one after another (Whoosh's SpanNear2 with
    slop 1, in order, at least one apart: each next word exactly one position on)."""
    starts = set(words[0].positions(docnum))
    for offset, word in enumerate(words[1:], start=1):
        later = set(word.positions(docnum))
        starts = {start for start in starts if start + offset in later}
        if not starts:
            return False
    return True


def _read_leaf(matcher: Matcher, reader, segment: range, within: Within) -> _Leaf:
    if matcher.term() is None:
        return _merged_leaf(matcher, segment, within)
    fieldname = matcher.term()[0]
    keeps_positions = reader.schema[fieldname].supports("positions")
    keeps_characters = reader.schema[fieldname].supports("characters")
    ids, weights, values = _postings(matcher, keeps_positions, within)
    postings = zip(ids, weights, strict=True)
    if within is not None:
        wanted = set(within)
        postings = ((docnum, tf) for docnum, tf in postings if docnum in wanted)
    if type(matcher) is W3LeafMatcher:
        scorer, format_ = matcher.scorer, matcher.format
    else:  # a list of postings inlined in the term table (postings_codec.INLINE_LIMIT)
        scorer, format_ = matcher._scorer, matcher._format
    # No scorer: a date range whose one term in this segment `_preloaded` read as a list
    # with a constant score, which its weights already are.
    if type(scorer) is WeightScorer or scorer is None:
        scores = dict(postings)
    elif type(scorer) is BM25FScorer:
        norms = _length_norms(reader, fieldname, scorer.B, scorer.K1, scorer.avgfl)
        idf, k1_plus_1 = scorer.idf, scorer.K1 + 1
        # whoosh.scoring.bm25, written out so that each posting costs no call.
        scores = {
            docnum: idf * ((tf * k1_plus_1) / (tf + norms[docnum])) for docnum, tf in postings
        }
    else:
        raise Unsupported(type(scorer).__name__)
    return _Leaf(
        matcher,
        matcher.term(),
        segment,
        ids,
        scores,
        values,
        _positions_decoder(format_) if keeps_positions else None,
        format_.decoder("characters") if keeps_characters else None,
        scores,
    )


def _positions_decoder(format_) -> Callable:
    return _character_positions if type(format_) is Characters else format_.decoder("positions")


def _character_positions(value: bytes) -> list[int]:
    """`Characters.decode_positions` with less around it (0.77 against 0.95 µs a posting).
    A phrase decodes two postings for each document that has both its words: 9,500 for
    "police report" at 50k articles, where this saves 2 ms of 45."""
    if value[-1:] != b".":
        value += b"."
    position = 0
    positions = []
    for code in loads(value[_INT_SIZE:]):
        position += code[0]
        positions.append(position)
    return positions


def _merged_leaf(matcher: Matcher, segment: range, within: Within) -> _Leaf:
    """Several terms' postings merged into one list, as a date range preloads them: scored
    by weight when it has no scorer (a constant score), and no term to highlight."""
    if type(matcher) is not ListMatcher or matcher._scorer is not None:
        raise Unsupported("merged postings with a scorer")
    ids, weights, _ = _postings(matcher, False, within)
    scores = dict(zip(ids, weights, strict=True))
    return _Leaf(matcher, None, segment, ids, scores, None, None, None, scores)


def _postings(
    matcher: Matcher, with_values: bool, within: Within = None
) -> tuple[list[int], list[float], _BlockValues | None]:
    """Every document number, weight and (if asked) encoded value of one term's postings,
    a block at a time, from the first: a wrapping matcher (deletions, phrases) has
    already moved it to its first match. With `within`, the blocks that hold none of its
    documents are skipped undecoded (their headers say which documents they span)."""
    if type(matcher) is ListMatcher:
        ids = list(matcher._ids)
        if matcher._all_weights:
            weights = [matcher._all_weights] * len(ids)
        elif matcher._weights:
            weights = list(matcher._weights)
        else:
            weights = [1.0] * len(ids)
        if not with_values:
            return ids, weights, None
        values = _BlockValues()
        values.add(0, list(matcher._values))
        return ids, weights, values
    ids: list[int] = []
    weights: list[float] = []
    values = _BlockValues() if with_values else None
    try:
        matcher.reset()
        after = -1  # the last document of the block before
        while True:
            if within is not None and not _spans_any(within, after, matcher._maxid):
                if matcher._lastblock:
                    return ids, weights, values
                after = matcher._maxid
                matcher._goto(matcher._nextoffset)
                continue
            after = matcher._maxid
            # W3LeafMatcher._read_ids/_read_weights, a block at a time instead of by id.
            matcher._read_data()
            block_ids, block_weights = matcher._data[0], matcher._data[1]
            count = matcher._blocklength
            if values is not None:
                matcher._read_values()
                values.add(len(ids), matcher._values)
            ids.extend(block_ids if matcher._byteids else accumulate(block_ids))
            if block_weights is None:
                weights.extend([1.0] * count)
            elif isinstance(block_weights, float):
                weights.extend([block_weights] * count)
            else:
                weights.extend(block_weights)
            if matcher._lastblock:
                return ids, weights, values
            matcher._goto(matcher._nextoffset)
    except AttributeError as error:  # another Whoosh-Reloaded: let Whoosh walk it
        raise Unsupported(str(error)) from None


def _spans_any(documents: list[int], after: int, last: int) -> bool:
    """Whether any of the ascending `documents` lies in (after, last]."""
    index = bisect_right(documents, after)
    return index < len(documents) and documents[index] <= last


def prepare_length_factors(searcher: Searcher, fieldnames: Iterable[str]) -> None:
    """Read each segment's lengths of `fieldnames` now, not on the first search, and work
    out their BM25 length factors as the searcher's weighting will ask for them."""
    weighting = searcher.weighting
    for subsearcher, _ in searcher.leaf_searchers():
        reader = subsearcher.reader()
        for fieldname in fieldnames:
            with contextlib.suppress(Unsupported):
                _field_lengths(reader, fieldname)
                if type(weighting) is BM25F and searcher.schema[fieldname].scorable:
                    # As BM25F.scorer and BM25FScorer set them up.
                    B = getattr(weighting, "_field_B", {}).get(fieldname, weighting.B)  # noqa: N806
                    avgfl = searcher.avg_field_length(fieldname) or 1
                    _length_norms(reader, fieldname, B, weighting.K1, avgfl)


def _field_lengths(reader, fieldname: str) -> list[int]:
    """Each document's length in `fieldname`, as BM25F reads it, for one segment."""
    per_field = _lengths.setdefault(reader, {})
    lengths = per_field.get(fieldname)
    if lengths is None:
        column = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if column is None:
            raise Unsupported(f"no lengths for {fieldname}")
        lengths = per_field[fieldname] = [_BYTE_TO_LENGTH[b] for b in _length_bytes(column)]
        lengths.extend([0] * (reader.doc_count_all() - len(lengths)))
    return lengths


def _length_norms(reader, fieldname: str, B: float, K1: float, avgfl: float) -> list[float]:  # noqa: N803
    """Each document's `K1 * ((1 - B) + B * length / avgfl)`, the part of BM25's denominator
    that depends on the document's length and not on the term: computed once per length
    and per searcher, not once per posting (a fifth of a broad word's scoring). The same
    expression, so the same floats to the last bit."""
    key = (B, K1, avgfl)
    per_field = _norms.setdefault(reader, {})
    cached = per_field.get(fieldname)
    if cached is not None and cached[0] == key:
        return cached[1]
    lengths = _field_lengths(reader, fieldname)
    by_length = {length: K1 * ((1 - B) + B * length / avgfl) for length in set(lengths)}
    norms = list(map(by_length.__getitem__, lengths))
    per_field[fieldname] = (key, norms)  # a new searcher's average replaces the old
    return norms


def _length_bytes(column) -> bytes:
    """The one-byte lengths column of a segment in one read: `column.load()` reads a byte
    per document through several calls (0.1 s for title and body at 20k articles, on the
    first keystroke). Documents past the stored ones have length 0."""
    try:
        if column._fixedlen == 1:
            return bytes(column._dbfile.get(column._basepos, column._count))
    except AttributeError:  # another Whoosh-Reloaded
        pass
    return bytes(column.load())


# Per segment reader: a reader opened again after a commit shares unchanged segments.
_lengths: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_norms: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _record_matched_terms(results: Results, leaves: list[_Leaf]) -> None:
    """What `terms=True` and Whoosh's pinpoint highlighter would record for the top hits:
    which query terms each contains and where (character spans, for fields that keep
    them). Reading them here reuses the postings already decoded; the highlighter would
    walk each term's postings again, one posting at a time."""
    top = sorted(docnum for _, docnum in results.top_n)
    docterms: dict[int, list] = {docnum: [] for docnum in top}
    termdocs: dict[tuple[str, bytes], list[int]] = {}
    characters: dict[str, dict[int, _Spans]] = {}
    for leaf in leaves:
        if leaf.term is None:
            continue
        fieldname, btext = leaf.term
        if leaf.decode_characters is not None:
            spans = characters.setdefault(fieldname, {docnum: _Spans() for docnum in top})
            text = results.searcher.schema[fieldname].from_bytes(btext)
        for docnum in top:
            local = docnum - leaf.segment.start
            if docnum not in leaf.segment or local not in leaf.matched:
                continue
            docterms[docnum].append(leaf.term)
            termdocs.setdefault(leaf.term, []).append(docnum)
            if leaf.decode_characters is not None:
                spans[docnum].encoded[text] = (leaf, local)
    results.docterms = docterms
    results.termdocs = termdocs
    results._char_cache.update(characters)


class _Spans(dict):
    """A hit's word -> character spans, as Whoosh's highlighter reads them, decoded when
    first read: only the hits shown with a snippet are (20 of the 50 of a keystroke's page;
    decoding all was a fifth of a two-word search at 50k articles)."""

    __slots__ = ("encoded",)

    def __init__(self) -> None:
        super().__init__()
        self.encoded: dict[str, tuple[_Leaf, int]] = {}  # the word's leaf, the document

    def __missing__(self, word: str) -> list:
        leaf, docnum = self.encoded[word]
        spans = self[word] = leaf.decode_characters(leaf.value(docnum))
        return spans
