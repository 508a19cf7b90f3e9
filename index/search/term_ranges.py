"""The terms of a range, found by a binary search of the term table that remembers its steps.

A date query is an OR of a dozen ranges of terms (one per precision at each end of the
span). Whoosh lists each range's terms by a binary search of the segment's whole table of
terms, a seek and two reads for each of its 17 to 19 steps: at 1k articles two thirds of a
month's search, and at 50k two fifths. Every search of the same field passes the same
first steps (the table is sorted by field, then term), so each segment's table here keeps
the keys its searches have read at each step, and a later search reads only the steps
near its own range.

The table is read through Whoosh-Reloaded 2.7's W3 term table (pinned in pyproject); a
reader of another kind gets Whoosh's own listing.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator

from whoosh.codec.whoosh3 import W3TermsReader
from whoosh.filedb.filetables import OrderedHashReader
from whoosh.query import TermRange

# Keys remembered per segment: a search remembers at most one per step, about 19, so this
# holds the paths of a few hundred ranges and stays under a megabyte.
MAX_REMEMBERED_STEPS = 8192

_steps_of: weakref.WeakKeyDictionary[OrderedHashReader, dict[int, bytes]] = (
    weakref.WeakKeyDictionary()
)


def range_terms(query: TermRange, reader) -> list[bytes]:
    """The indexed terms of `query` in the segment `reader`, as `query._btexts` lists them."""
    terms = getattr(reader, "_terms", None)
    if type(terms) is not W3TermsReader or type(terms._tindex) is not OrderedHashReader:
        return list(query._btexts(reader))
    field = reader.schema[query.fieldname]
    try:
        start = b"" if query.start is None else field.to_bytes(query.start)
        end = b"\xff\xff\xff\xff" if query.end is None else field.to_bytes(query.end)
    except ValueError:
        return []
    found = []
    for term in _field_terms_from(terms, query.fieldname, start):
        if term == start and query.startexcl:
            continue
        if term > end or (term == end and query.endexcl):
            break
        found.append(term)
    return found


def _field_terms_from(terms: W3TermsReader, fieldname: str, start: bytes) -> Iterator[bytes]:
    """The field's terms from `start` on, in order."""
    table = terms._tindex
    position = _closest_key_position(table, terms._keycoder(fieldname, start))
    if position is None:
        return
    prefix = terms._keycoder(fieldname, b"")
    for key_position, key_length, _, _ in table._ranges(pos=position):
        key = table.dbfile.get(key_position, key_length)
        if not key.startswith(prefix):
            return
        yield key[len(prefix) :]


def _closest_key_position(table: OrderedHashReader, key: bytes) -> int | None:
    """`OrderedHashReader.closest_key_pos`, reading each step's key once per segment."""
    steps = _steps_of.get(table)
    if steps is None or len(steps) > MAX_REMEMBERED_STEPS:
        steps = _steps_of[table] = {}
    base, size, position_at = table.indexbase, table.indexsize, table._get_pos
    low, high = 0, table.indexlen
    while low < high:
        middle = (low + high) // 2
        step_key = steps.get(middle)
        if step_key is None:
            step_key = steps[middle] = table.key_at(position_at(base + middle * size))
        if step_key < key:
            low = middle + 1
        else:
            high = middle
    if low == table.indexlen:
        return None
    return position_at(base + low * size)
