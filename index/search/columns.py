"""Whoosh's stored columns read whole, a segment at a time.

Whoosh reads a column one value at a time, a seek and a read per document: the five columns
a refresh reads to learn what is indexed took 0.3–0.5 s of every refresh at 50k articles,
a sixth of adding one article. A variable-length column is its values back to back followed by
their lengths, so one read of the values and one slicing per document give the same bytes.
"""

from __future__ import annotations

from whoosh.columns import VarBytesColumn
from whoosh.reading import IndexReader


def column_strings(reader: IndexReader, name: str) -> list[str]:
    """`column_values` decoded from UTF-8."""
    values = column_values(reader, name)
    # Joined, decoded and split at once: decoding each value was a third of the read.
    # A NUL cannot be in a path, an id or a hash, but a value holding one is not split.
    joined = b"\0".join(values).decode("utf-8").split("\0")
    return joined if len(joined) == len(values) else [value.decode() for value in values]


def column_values(reader: IndexReader, name: str) -> list[bytes]:
    """Every document's value in the column `name`, in document order, deleted documents
    included (as Whoosh's own column reader gives them), untranslated."""
    values: list[bytes] = []
    for leaf, _ in reader.leaf_readers():
        values.extend(_segment_values(leaf.column_reader(name, translate=False)))
    return values


def _segment_values(column) -> list[bytes]:
    if not isinstance(column, VarBytesColumn.Reader):
        return list(column)  # another kind of column: Whoosh's own reading
    lengths, offsets = column._lengths, column._offsets
    if not lengths:
        return []
    data = column._dbfile.get(column._basepos, offsets[-1] + lengths[-1])
    return [data[start : start + length] for start, length in zip(offsets, lengths, strict=True)]
