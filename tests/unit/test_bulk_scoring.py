"""Bulk scoring must give exactly what Whoosh's own walk gives: the same hits in the same
order with bit-equal scores, the same count of every match, the same snippets.

The index is made here: words drawn with a long-tailed frequency, several segments (three
commits, the first in Whoosh's own block format, the others in the fast-loading one), and
deleted and replaced documents, with the app's own schema and parser. The forty most
frequent words are common words (index.search.word_pairs), so that phrases of them are read
from their pairs; the queries name every word by its rank ("w001": the second).
"""

from __future__ import annotations

import random
import re
from datetime import datetime, timedelta
from itertools import pairwise

import pytest
from whoosh import collectors
from whoosh.codec.whoosh3 import W3Codec

from index.search.bulk_scoring import search_in_bulk
from index.search.postings_codec import FastLoadingCodec, PackedValues
from index.search.queries import parse_query, ready_to_highlight, run_query
from index.search.schema import article_schema, with_word_pairs
from index.search.store import create_index
from index.search.word_pairs import COMMON_WORDS

_analyzer = article_schema()["body"].analyzer
# Common words the analyzer keeps as they are, so a query names the very terms indexed.
_KEPT_COMMON = [
    w for w in sorted(COMMON_WORDS) if w.isalpha() and [t.text for t in _analyzer(w)] == [w]
]
WORDS = [*_KEPT_COMMON[:40], *(f"w{n:03d}" for n in range(40, 400))]


def _words(text: str) -> str:
    """`text` with each word named by its rank ("w001") written as the word."""
    return re.sub(r"w(\d{3})", lambda match: WORDS[int(match.group(1))], text)


PEOPLE = ["dong jun", "lloyd austin", "zhang youxia", "samuel paparo", "wu qian"]
LIMIT = 10


def _text(rng: random.Random, length: int) -> str:
    # Zipf-like: a few words in most documents, most words in a few.
    return " ".join(
        WORDS[min(int(rng.paretovariate(0.9)) - 1, len(WORDS) - 1)] for _ in range(length)
    )


@pytest.fixture(scope="module")
def ix(tmp_path_factory):
    rng = random.Random(20261121)
    ix = create_index(tmp_path_factory.mktemp("bulk") / "index")
    for commit in range(3):
        # An index written before the fast-loading codec, then added to with it.
        writer = ix.writer(codec=FastLoadingCodec() if commit else W3Codec())
        for number in range(500):
            doc = f"{commit}-{number}"
            writer.add_document(
                **with_word_pairs(
                    {
                        "id": doc,
                        "title": _text(rng, rng.randint(3, 9)),
                        "body": _text(rng, rng.randint(20, 160)),
                        "people": ",".join(rng.sample(PEOPLE, rng.randint(0, 2))),
                        "published": datetime(2023, 6, 1) + timedelta(days=rng.randint(0, 540)),
                    }
                )
            )
        if commit:
            # Deletions in older segments, and documents replaced by newer versions.
            for number in rng.sample(range(500), 40):
                writer.delete_by_term("id", f"{commit - 1}-{number}")
            for number in rng.sample(range(500), 20):
                writer.update_document(
                    **with_word_pairs(
                        {"id": f"0-{number}", "title": _text(rng, 5), "body": _text(rng, 60)}
                    ),
                    people="",
                )
        writer.commit(merge=False)
    return ix


def _whoosh_walk(searcher, parsed, limit):
    collector = collectors.TermsCollector(
        collectors.TopCollector(limit, usequality=False, replace=0)
    )
    searcher.search_with_collector(parsed, collector)
    return collector.results()


def _snippets(results, limit):
    ready_to_highlight(results)
    return [results[rank].highlights("body", top=2) for rank in range(min(limit, len(results)))]


BULK_QUERIES = [
    "w000",
    "w003",
    "w250",
    "w001 w002",
    "w000 AND w017",
    "w002 w005 w009",
    "(w001 w040) AND w003",
    '"w000 w000"',
    '"w001 w000"',
    '"w000 w001 w000"',
    '"w002 w003"',
    '"w001 w050"',
    '"w050 w001"',
    '"w003 w001 w000 w002"',
    'title:"w001 w000"',
    '"w001 w000" AND w003',
    "title:w002",
    'person:"dong jun"',
    'person:"dong jun" w003',
    "nosuchword",
    "w000 nosuchword",
    "published:2024",
    "published:2024-02",
    "published:[2023-12-01 to 2024-01-15]",
    "published:2024 w003",
    # Words in three or fewer documents of a segment: postings kept in its term table.
    "w260",
    "w260 AND w001",
    "w330",
    '"w000 w260"',
    '"w260 w003"',
]


def test_the_index_has_segments_and_deletions(ix):
    with ix.searcher() as searcher:
        assert len(searcher.leaf_searchers()) >= 3
        assert searcher.reader().has_deletions()


@pytest.mark.parametrize("text", BULK_QUERIES)
def test_bulk_scoring_equals_whooshs_walk(ix, text):
    parsed = parse_query(ix, _words(text))
    with ix.searcher() as searcher:
        bulk = search_in_bulk(searcher, parsed, LIMIT)
        walked = _whoosh_walk(searcher, parsed, LIMIT)
        assert bulk is not None, "this query should be scored in bulk"
        assert len(bulk) == len(walked) == len(list(searcher.docs_for_query(parsed)))
        assert bulk.top_n == walked.top_n  # scores equal to the last bit, same order
        assert _snippets(bulk, LIMIT) == _snippets(walked, LIMIT)


def test_the_bulk_queries_read_postings_kept_in_the_term_table(ix):
    """Short lists are inlined (postings_codec.INLINE_LIMIT) and read by a ListMatcher,
    not a block: the queries above must reach both kinds, in the body, which keeps
    positions, and in the title."""
    kinds = set()
    with ix.reader() as reader:
        for subreader, _ in reader.leaf_readers():
            for fieldname, word in [("body", "w260"), ("body", "w330"), ("title", "w050")]:
                btext = _words(word).encode()
                if (fieldname, btext) in subreader:
                    kinds.add((fieldname, subreader.term_info(fieldname, btext).is_inlined()))
    assert {("body", True), ("body", False), ("title", True)} <= kinds


def test_the_bulk_queries_find_something_worth_comparing(ix):
    with ix.searcher() as searcher:
        found = [
            len(_whoosh_walk(searcher, parse_query(ix, _words(t)), LIMIT)) for t in BULK_QUERIES
        ]
    assert sum(n > LIMIT for n in found) >= 8  # more matches than hits: counting matters
    assert found[BULK_QUERIES.index('"w001 w000"')] > 0  # a phrase that matches
    assert found[BULK_QUERIES.index('"w000 w260"')] > 0  # one with a word kept inline


# An OR of more than two terms Whoosh preloads into one array under 5,000 documents, with
# its own order of additions: left to Whoosh too (above that, it is a tree of unions).
@pytest.mark.parametrize(
    "text", ["w04*", "w001 NOT w002", '"w001 w000"~3', "w004 OR w030", "w330 OR w370"]
)
def test_other_queries_are_left_to_whoosh_and_counted_exactly(ix, text):
    parsed = parse_query(ix, _words(text))
    with ix.searcher() as searcher:
        assert search_in_bulk(searcher, parsed, LIMIT) is None
        results = run_query(searcher, parsed, LIMIT, "score")
        assert len(results) == len(list(searcher.docs_for_query(parsed)))


@pytest.mark.parametrize(
    "text, checked",
    [
        ('"w001 w000"', "nothing"),  # two common words: their pair's postings are the answer
        ('"w000 w001 w000"', "pair holders"),  # "a b" and "b a" may stand apart
        ('"w001 w050"', "word holders"),  # w050 is not a common word: no pair
    ],
)
def test_a_phrase_checks_positions_only_where_its_pairs_cannot_answer(
    ix, monkeypatch, text, checked
):
    from index.search import bulk_scoring

    adjacent, seen = bulk_scoring._adjacent, []

    def counted(words, docnum):
        seen.append(docnum)
        return adjacent(words, docnum)

    monkeypatch.setattr(bulk_scoring, "_adjacent", counted)
    words = _words(text).strip('"').split()
    with ix.searcher() as searcher:
        assert search_in_bulk(searcher, parse_query(ix, _words(text)), LIMIT) is not None
        reader = searcher.reader()
        in_title = _holding_all(reader, "title", words)
        in_body = _holding_all(reader, "body", words)
        pairs = [f"{a} {b}" for a, b in pairwise(words)]
        in_pairs = _holding_all(reader, "body_pairs", pairs)
    # Worth counting: both fields have candidates, and pairs, where indexed, narrow them.
    assert in_title > 0 and in_body > 0
    assert checked == "word holders" or in_body > in_pairs > 0
    # The title keeps no pairs: its phrase is checked wherever the words meet.
    assert (
        len(seen)
        == in_title + {"nothing": 0, "pair holders": in_pairs, "word holders": in_body}[checked]
    )


def _holding_all(reader, fieldname: str, terms: list[str]) -> int:
    """How many live documents hold every term of `terms` in `fieldname`."""
    holding = [
        set(reader.postings(fieldname, term).all_ids()) if (fieldname, term) in reader else set()
        for term in terms
    ]
    return sum(not reader.is_deleted(docnum) for docnum in set.intersection(*holding))


def test_whooshs_default_search_undercounts_which_is_why_it_is_not_used(ix):
    """The reason for `replace=0`: once its heap is full, Whoosh's default collector drops
    matchers that cannot reach the top and stops counting their documents."""
    parsed = parse_query(ix, _words("w000"))
    with ix.searcher() as searcher:
        every = len(list(searcher.docs_for_query(parsed)))
        default = searcher.search(parsed, limit=LIMIT, optimize=False)
        assert len(default) < every
        assert len(run_query(searcher, parsed, LIMIT, "score")) == every


def test_postings_are_read_from_the_first_even_after_a_wrapper_moved_the_matcher(ix):
    """Phrase and deletion wrappers move their words' matchers to the first match."""
    from index.search.bulk_scoring import _postings

    with ix.searcher() as searcher:
        reader = searcher.leaf_searchers()[-1][0].reader()  # no deletions: a bare matcher
        assert not reader.has_deletions()
        fresh = reader.postings("body", WORDS[0])
        every = list(fresh.all_ids())
        assert len(every) > 300  # several blocks of 128
        moved = reader.postings("body", WORDS[0])
        moved.skip_to(every[-1])
        assert _postings(moved, with_values=False)[0] == every


def test_lengths_read_in_one_go_equal_whooshs_per_document_lengths(ix):
    from index.search.bulk_scoring import _field_lengths

    with ix.searcher() as searcher:
        for subsearcher, _ in searcher.leaf_searchers():
            reader = subsearcher.reader()
            for fieldname in ("title", "body", "people"):
                expected = [
                    reader.doc_field_length(docnum, fieldname, 0) or 0
                    for docnum in range(reader.doc_count_all())
                ]
                assert _field_lengths(reader, fieldname) == expected


def test_scores_stay_exact_when_a_commit_changes_the_average_length(tmp_path):
    """A refreshed searcher reuses the readers of unchanged segments, whose BM25 length
    factors were computed with the old average length."""
    rng = random.Random(20261121)
    ix = create_index(tmp_path / "index")
    for length in (30, 150):  # the second commit raises the average body length
        writer = ix.writer()
        for number in range(200):
            writer.add_document(
                **with_word_pairs(
                    {"id": f"{length}-{number}", "title": "", "body": _text(rng, length)}
                )
            )
        writer.commit(merge=False)
        if length == 30:
            searcher = ix.searcher()
        else:
            searcher = searcher.refresh()
        parsed = parse_query(ix, _words("w001"))
        every = 400  # every match, not only the top: those come from the longer documents
        bulk = search_in_bulk(searcher, parsed, every)
        assert bulk.top_n == _whoosh_walk(searcher, parsed, every).top_n
    assert len(searcher.leaf_searchers()) == 2
    assert len(bulk.top_n) > 200  # matches in both segments
    searcher.close()


def test_prepare_search_reads_what_the_first_search_needs(seed_briefing):
    from index.search import bulk_scoring

    seed_briefing.articles()  # as the app does: the list first
    seed_briefing.prepare_search()
    summary_index = seed_briefing._summary_index
    searcher = seed_briefing._searcher
    readers = [subsearcher.reader() for subsearcher, _ in searcher.leaf_searchers()]
    for reader in readers:
        assert {"title", "body"} <= set(bulk_scoring._lengths[reader])
    prepared = [{f: bulk_scoring._norms[r][f][1] for f in ("title", "body")} for r in readers]

    assert seed_briefing.search("Austin Dong").total > 0

    # The search used the length factors and the summaries prepared: it made none anew.
    for reader, norms_by_field in zip(readers, prepared, strict=True):
        for fieldname, norms in norms_by_field.items():
            assert bulk_scoring._norms[reader][fieldname][1] is norms
    assert summary_index is not None
    assert seed_briefing._summary_index is summary_index


def test_a_date_sorted_search_counts_every_match_and_records_matched_terms(ix):
    parsed = parse_query(ix, _words("w000"))
    with ix.searcher() as searcher:
        results = run_query(searcher, parsed, LIMIT, "date")
        assert results.has_matched_terms()  # snippets from the postings' character spans
        assert len(results) == len(list(searcher.docs_for_query(parsed))) > LIMIT


@pytest.fixture(scope="module")
def blocks_ix(tmp_path_factory):
    """One segment of 640 documents: "common" in each (five blocks of 128 postings), a word
    of its own in each ("d127"), and "rare" in some on either side of the blocks' edges."""
    ix = create_index(tmp_path_factory.mktemp("blocks") / "index")
    writer = ix.writer(codec=FastLoadingCodec())
    for number in range(640):
        rare = " rare" if number in RARE_DOCUMENTS else ""
        writer.add_document(id=str(number), title="", body=f"common d{number}{rare}")
    writer.commit()
    return ix


RARE_DOCUMENTS = [0, 127, 128, 383, 384, 639]


@pytest.mark.parametrize(
    "words, documents",
    [
        ("rare", RARE_DOCUMENTS),
        ("d127", [127]),
        ("d128", [128]),
        ("d639", [639]),
        ("(body:d255 OR body:d256)", [255, 256]),
        ("d0", [0]),
    ],
)
def test_an_and_decodes_the_larger_side_only_where_the_smaller_matched(
    blocks_ix, words, documents, monkeypatch
):
    from whoosh.codec.whoosh3 import W3LeafMatcher

    from index.search import bulk_scoring

    decoded: list[tuple[str, int]] = []
    reading: list[bool] = []
    read_data, postings = W3LeafMatcher._read_data, bulk_scoring._postings

    def counted(matcher):
        if reading:  # Whoosh decodes first blocks itself as it builds the tree: not counted
            decoded.append((matcher.term()[1].decode(), matcher._maxid))
        read_data(matcher)

    def read_postings(*args):
        reading.append(True)
        try:
            return postings(*args)
        finally:
            reading.pop()

    monkeypatch.setattr(W3LeafMatcher, "_read_data", counted)
    monkeypatch.setattr(bulk_scoring, "_postings", read_postings)
    parsed = parse_query(blocks_ix, f"common AND {words}")
    with blocks_ix.searcher() as searcher:
        results = search_in_bulk(searcher, parsed, LIMIT)
        assert results is not None
        found = sorted(int(searcher.stored_fields(d)["id"]) for _, d in results.top_n)
    assert found == documents
    # The blocks of "common" decoded are exactly those holding a wanted document.
    assert sorted(block for term, block in decoded if term == "common") == sorted(
        {127 + 128 * (n // 128) for n in documents}
    )


def test_an_and_is_built_without_walking_to_its_first_common_document(blocks_ix, monkeypatch):
    """Whoosh's AND node walks both sides to their first common document as it is built,
    decoding blocks on the way. Bulk scoring defers that and reads the sides itself."""
    from whoosh.codec.whoosh3 import W3LeafMatcher

    from index.search.bulk_scoring import _matcher

    decoded: list[int] = []
    read_data = W3LeafMatcher._read_data

    def counted(matcher):
        decoded.append(matcher._maxid)
        read_data(matcher)

    monkeypatch.setattr(W3LeafMatcher, "_read_data", counted)
    parsed = parse_query(blocks_ix, "common AND d639")
    with blocks_ix.searcher() as searcher:
        parsed.matcher(searcher, searcher.context())
        assert decoded  # Whoosh's walk from document 0 to 639
        decoded.clear()
        _matcher(parsed, searcher, searcher.context())
        assert decoded == []


def test_a_word_search_unpacks_the_positions_of_the_hits_it_shows_only(blocks_ix, monkeypatch):
    """Scoring reads ids and weights; positions and characters are a snippet's, read for
    the hits shown, one block each."""
    unpacked: list[PackedValues] = []
    unpack = PackedValues._unpacked

    def counted(values):
        if values._values is None:
            unpacked.append(values)
        return unpack(values)

    monkeypatch.setattr(PackedValues, "_unpacked", counted)
    with blocks_ix.searcher() as searcher:
        results = search_in_bulk(searcher, parse_query(blocks_ix, "common"), LIMIT)
        assert results is not None
        assert len(results) == 640
        assert unpacked == []

        ready_to_highlight(results)
        snippet, spans = results[0].highlights("body")

    assert [snippet[start:end] for start, end in spans] == ["common"]
    assert len(unpacked) == 1


@pytest.fixture(scope="module", params=[5200, 1200])
def dated_ix(request, tmp_path_factory):
    """A segment of more than 5,000 documents, where Whoosh builds a date range as a tree of
    unions of its terms, or of fewer, where it would preload them into an array; with
    deletions made by a second commit."""
    rng = random.Random(20261121)
    first = request.param
    ix = create_index(tmp_path_factory.mktemp("dated") / "index")
    for commit, count in enumerate([first, 300]):
        with ix.writer() as writer:
            for number in range(count):
                writer.add_document(
                    id=f"{commit}-{number}",
                    title=WORDS[number % 7],
                    published=datetime(2023, 1, 1) + timedelta(days=rng.randint(0, 730)),
                )
            if commit:
                for number in rng.sample(range(first), first // 13):
                    writer.delete_by_term("id", f"0-{number}")
    return ix


@pytest.mark.parametrize(
    "text",
    [
        "published:2024-02",
        "published:2023",
        "published:[2023-03-10 to 2024-07-04]",
        "published:2024-02 w003",
    ],
)
def test_a_date_range_is_read_a_term_at_a_time_and_matches_whooshs_walk(
    dated_ix, monkeypatch, text
):
    from index.search import bulk_scoring

    read, term_ids = [], bulk_scoring._term_ids

    def counted(matcher):
        found = term_ids(matcher)
        read.append(len(found))
        return found

    listed = []
    range_terms = bulk_scoring.range_terms

    def counted_terms(query, reader):
        listed.append((query, reader))
        return range_terms(query, reader)

    monkeypatch.setattr(bulk_scoring, "_term_ids", counted)
    monkeypatch.setattr(bulk_scoring, "range_terms", counted_terms)
    parsed = parse_query(dated_ix, _words(text))
    with dated_ix.searcher() as searcher:
        assert searcher.reader().has_deletions()
        bulk = search_in_bulk(searcher, parsed, LIMIT)
        assert read and listed  # read here, not walked by Whoosh
        assert len(listed) == len(set(listed))  # each range's terms listed once here
        walked = _whoosh_walk(searcher, parsed, LIMIT)
        many = LIMIT if searcher.doc_count_all() > 5000 else 5
        assert len(bulk) == len(walked) == len(list(searcher.docs_for_query(parsed))) > many
        assert bulk.top_n == walked.top_n


@pytest.mark.parametrize("range_first", [False, True])
def test_a_constant_score_union_that_cannot_be_read_in_bulk_is_walked_whole(ix, range_first):
    """A union of a term and a range of many terms: in a segment under 5,000 documents
    Whoosh preloads the range into an array, which is not read in bulk. Whatever was read
    of the tree before that must not cut short Whoosh's own walk of it."""
    from whoosh.query import ConstantScoreQuery, Or, Term, TermRange

    from index.search.bulk_scoring import _preloaded

    parts = [Term("body", WORDS[0]), TermRange("body", "w100", "w399")]
    query = ConstantScoreQuery(Or(parts[::-1] if range_first else parts))
    with ix.searcher() as searcher:
        for subsearcher, _ in searcher.leaf_searchers():
            context = subsearcher.context()
            expected = list(query.matcher(subsearcher, context).all_ids())
            assert len(expected) > 100
            assert list(_preloaded(query, subsearcher, context).all_ids()) == expected


def test_a_date_range_with_one_term_in_a_segment_is_read_in_bulk(dated_ix):
    """A day holds one date in this index, so each segment's union of ranges finds one
    term, read as a list with a term and no scorer: it must not send the whole search
    back to Whoosh's walk, which took a one-hit month query at 1k articles 5 to 7 ms."""
    from index.search.bulk_scoring import _terms_of

    with dated_ix.searcher() as searcher:
        day = searcher.stored_fields(0)["published"].date().isoformat()
        parsed = parse_query(dated_ix, f"published:{day}")
        terms_found = [
            len(_terms_of(parsed._compile_query(sub.reader()).child, sub.reader()))
            for sub, _ in searcher.leaf_searchers()
        ]
        assert 1 in terms_found
        bulk = search_in_bulk(searcher, parsed, LIMIT)
        walked = _whoosh_walk(searcher, parsed, LIMIT)
        assert bulk is not None
        assert len(bulk) == len(walked) == len(list(searcher.docs_for_query(parsed))) > 0
        assert bulk.top_n == walked.top_n
