"""A range's terms found by the remembering binary search must be exactly Whoosh's, and a
second search of the same field must read fewer of the term table's keys."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest
from whoosh.filedb.filetables import OrderedHashReader
from whoosh.query import DateRange, TermRange

from index.search import term_ranges
from index.search.store import create_index

FIRST_DAY = datetime(2020, 1, 1)


@pytest.fixture(scope="module")
def ix(tmp_path_factory):
    """Two segments of dated articles at any hour, with words in other fields around the
    dates' in the term table."""
    rng = random.Random(20261122)
    ix = create_index(tmp_path_factory.mktemp("ranges") / "index")
    for commit in range(2):
        with ix.writer() as writer:
            for number in range(400):
                writer.add_document(
                    id=f"{commit}-{number}",
                    title=f"word{rng.randint(0, 999):03d} other{number}",
                    published=FIRST_DAY + timedelta(hours=rng.randint(0, 3 * 365 * 24)),
                )
            writer.mergetype = lambda writer, segments: segments  # keep both segments
    return ix


def _random_ranges(rng: random.Random, count: int) -> list[TermRange]:
    """The ranges of terms that date queries compile to, over spans of an hour to a year."""
    ranges = []
    for _ in range(count):
        start = FIRST_DAY + timedelta(hours=rng.randint(-100, 3 * 365 * 24))
        span = timedelta(hours=rng.choice([1, 24, 24 * 31, 24 * 365]))
        ranges.append(DateRange("published", start, start + span))
    return ranges


def _compiled_ranges(query: DateRange, reader) -> list[TermRange]:
    compiled = query._compile_query(reader)
    parts = getattr(compiled, "child", compiled)
    return [part for part in getattr(parts, "subqueries", [parts]) if type(part) is TermRange]


def test_the_terms_of_a_range_are_whooshs(ix):
    rng = random.Random(1)
    checked = found = 0
    with ix.reader() as reader:
        for segment, _ in reader.leaf_readers():
            for query in _random_ranges(rng, 150):
                for part in _compiled_ranges(query, segment):
                    terms = term_ranges.range_terms(part, segment)
                    assert terms == list(part._btexts(segment))
                    checked += 1
                    found += len(terms)
            # An open start and end, exclusive ends, and a field with no such terms.
            for part in [
                TermRange("title", None, "word500"),
                TermRange("title", "word500", None),
                TermRange("title", "word100", "word200", startexcl=True, endexcl=True),
                TermRange("id", "0-1", "1-399"),
                TermRange("body", "a", "z"),
            ]:
                assert term_ranges.range_terms(part, segment) == list(part._btexts(segment))
    assert checked > 1000 and found > 1000  # ranges that find terms, and many of them


def test_a_later_search_reads_fewer_keys_of_the_term_table_than_whoosh(ix, monkeypatch):
    read = []
    key_at = OrderedHashReader.key_at

    def counted(self, position):
        read.append(position)
        return key_at(self, position)

    monkeypatch.setattr(OrderedHashReader, "key_at", counted)
    march = DateRange("published", datetime(2021, 3, 1), datetime(2021, 3, 31, 23))
    april = DateRange("published", datetime(2021, 4, 1), datetime(2021, 4, 30, 23))
    with ix.reader() as reader:
        segment = next(iter(reader.leaf_readers()))[0]
        first = [
            term_ranges.range_terms(part, segment) for part in _compiled_ranges(march, segment)
        ]
        read.clear()
        for part in _compiled_ranges(april, segment):
            list(part._btexts(segment))
        whooshs_reads = len(read)
        read.clear()
        for part in _compiled_ranges(april, segment):
            term_ranges.range_terms(part, segment)
        assert whooshs_reads > 50  # a binary search of the whole table for each range
        assert len(read) < whooshs_reads / 3
        read.clear()
        again = [
            term_ranges.range_terms(part, segment) for part in _compiled_ranges(march, segment)
        ]
        assert again == first and not read


def test_the_remembered_keys_are_let_go_past_their_bound(ix, monkeypatch):
    monkeypatch.setattr(term_ranges, "MAX_REMEMBERED_STEPS", 40)
    rng = random.Random(2)
    with ix.reader() as reader:
        segment = next(iter(reader.leaf_readers()))[0]
        sizes = []
        for query in _random_ranges(rng, 30):
            for part in _compiled_ranges(query, segment):
                term_ranges.range_terms(part, segment)
                sizes.append(len(term_ranges._steps_of[segment._terms._tindex]))
    assert max(sizes) <= 40 + 30  # one search past the bound, then cleared
    assert len(set(sizes)) > 5 and sizes.index(max(sizes)) < len(sizes) - 1
