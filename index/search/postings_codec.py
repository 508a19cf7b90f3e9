"""Whoosh's W3 postings, each block laid out so that a search decodes only what it reads.

W3 pickles a block of 128 postings (ids, weights, and each posting's positions and
characters as bytes) into one zlib-compressed tuple at protocol 2. Two costs followed:

- Protocol 2 has no opcode for bytes, so every value came back through `_codecs.encode`:
  60 µs a block against 7 µs at protocol 4, at 50k articles 0.47 s of the 1.8 s the
  benchmark's 20 slowest queries took (each run three times).
- The values are most of a block's bytes, and every block read inflated and unpickled
  them, though only a phrase reads them all: a word or an AND reads the values of the top
  hits only, for their snippets.

Here the ids and weights are compressed on their own, and the values on their own, each
at protocol 4; the values are inflated when a search first asks for one of them
(`PackedValues`). The block is pickled as a call to `unpack_block`, which gives Whoosh's
reader the tuple it expects, so reading stays W3's: its segments' codec is still named
W3Codec, and a block written by Whoosh itself or by an earlier briefing reads as before
until a merge rewrites it.
Blocks written here need this module to unpickle, so the names `unpack_block` and
`PackedValues` are part of the index format. W3's `_write_block` is copied here with its
layout changed; pyproject pins that minor version of Whoosh-Reloaded.

The codec's field writer writes the same files as W3's, with less work and memory on the
way: it reads a document's field length once per field, not once per posting, and holds
the table of terms in arrays until the commit closes it.

A term with fewer than `INLINE_LIMIT` postings keeps them in its entry of the term table,
as W3 was written to do, and writes no block: see `finish_postings`.
"""

from __future__ import annotations

import pickle
import zlib
from array import array
from collections.abc import Iterator

from whoosh.codec.base import OutOfOrderError
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3FieldWriter, W3PostingsWriter
from whoosh.util.numeric import length_to_byte

BLOCK_PROTOCOL = 4
# Most of a news index's terms are names, numbers and misspellings in one to three
# articles; each block costs three pickles, two compressions and a header. Inlining lists
# of up to three postings took the commit of 2,500 articles 8.6 -> 7.6 s of CPU and its
# postings and terms files 35.4 -> 30.7 MB; a limit of 2 saved less and 9 grew the files.
INLINE_LIMIT = 4


class PackedValues:
    """One block's values, inflated and unpickled when the first of them is read."""

    __slots__ = ("_packed", "_values")

    def __init__(self, packed: bytes, compressed: bool = True):
        self._packed = (packed, compressed)
        self._values: tuple | None = None

    def _unpacked(self) -> tuple:
        if self._values is None:
            packed, compressed = self._packed
            self._values = pickle.loads(zlib.decompress(packed) if compressed else packed)
        return self._values

    def __getitem__(self, index: int) -> bytes:
        return self._unpacked()[index]

    def __len__(self) -> int:
        return len(self._unpacked())

    def __iter__(self) -> Iterator[bytes]:
        return iter(self._unpacked())


def unpack_block(numbers: bytes, values: bytes, compressed: bool) -> tuple:
    """The (ids, weights, values) tuple W3's reader expects, from a block written here."""
    ids, weights = pickle.loads(zlib.decompress(numbers) if compressed else numbers)
    return ids, weights, PackedValues(values, compressed)


class _PackedBlock:
    """Pickles as a call to `unpack_block`."""

    def __init__(self, numbers: bytes, values: bytes, compressed: bool):
        self._arguments = (numbers, values, compressed)

    def __reduce__(self):
        return (unpack_block, self._arguments)


class FastLoadingCodec(W3Codec):
    """W3Codec whose postings blocks keep their values apart, at `BLOCK_PROTOCOL`, and
    whose field writer looks each document's field length up once and keeps its table of
    terms in arrays, and which inlines short lists of postings."""

    def __init__(self, blocklimit=128, compression=3, inlinelimit=INLINE_LIMIT):
        super().__init__(blocklimit, compression, inlinelimit)

    def field_writer(self, storage, segment):
        return _FieldWriter(self, storage, segment)

    def postings_writer(self, dbfile, byteids=False):
        return _FastLoadingPostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )

    def __reduce__(self):
        # A segment keeps its codec in the index's table of contents, for reading; reading
        # is W3Codec's, so the index names W3Codec.
        return (W3Codec, (self._blocklimit, self._compression, self._inlinelimit))


class _PackedBucket:
    """One of the 256 buckets of (hash, position) pairs Whoosh's term table keeps until
    it is closed, held in two arrays of numbers rather than a list of tuples. A segment of
    a 50k build has about 370,000 terms, and the tuples, at about 120 bytes a term, made
    the end of each sub-writer's commit the build's peak of memory."""

    __slots__ = ("_hashes", "_positions")

    def __init__(self):
        self._hashes = array("Q")
        self._positions = array("Q")

    def append(self, entry: tuple[int, int]) -> None:
        hashed, position = entry
        self._hashes.append(hashed)
        self._positions.append(position)

    def __len__(self) -> int:
        return len(self._hashes)

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return zip(self._hashes, self._positions, strict=True)


class _FieldWriter(W3FieldWriter):
    def __init__(self, codec, storage, segment):
        super().__init__(codec, storage, segment)
        self._tindex.buckets = [_PackedBucket() for _ in self._tindex.buckets]

    def add_postings(self, schema, lengths, items):
        """FieldWriter.add_postings, with each document's length in a field read once.

        W3 asks the segment's length column for the posting's document at every posting,
        through two layers of method calls (a sixth of the write phase's CPU); a
        document's postings in one field all share the length, so it is kept per field."""
        start_term = self.start_term
        finish_term = self.finish_term
        lastfn = None
        lasttext = None
        add_posting = None
        length_of: dict[int, int] = {}
        for fieldname, btext, docnum, weight, value in items:
            if fieldname != lastfn:
                if lastfn is not None and fieldname < lastfn:
                    raise OutOfOrderError(f"Field {lastfn!r} .. {fieldname!r}")
                if lasttext is not None:
                    finish_term()
                if lastfn is not None:
                    self.finish_field()
                self.start_field(fieldname, schema[fieldname])
                add_posting = self._postwriter.add_posting
                lastfn = fieldname
                lasttext = None
                length_of = {}
            elif lasttext and btext < lasttext:
                raise OutOfOrderError(f"Term {lastfn}:{lasttext!r} .. {fieldname}:{btext!r}")
            if docnum == -1:  # Whoosh's mark of a word for the spelling graph, not a posting
                continue
            if btext != lasttext:
                if lasttext is not None:
                    finish_term()
                start_term(btext)
                lasttext = btext
            length = length_of.get(docnum)
            if length is None:
                length = length_of[docnum] = (
                    lengths.doc_field_length(docnum, fieldname) if lengths else 0
                )
            add_posting(docnum, weight, b"" if value is None else value, length)
        if lasttext is not None:
            finish_term()
        if lastfn is not None:
            self.finish_field()


class _FastLoadingPostingsWriter(W3PostingsWriter):
    def finish_postings(self):
        """W3PostingsWriter.finish_postings, with a list shorter than the inline limit kept
        in the term's entry of the term table.

        W3 means to do this, but calls `set_inline` on a term info whose method is named
        `set_inlined`: its default limit of 1 inlines nothing, and any higher limit
        raises. W3's reader reads inlined postings as they are written here, through a
        ListMatcher."""
        terminfo = self._terminfo
        if not self.written() and len(self) < self._inlinelimit:
            terminfo.add_block(self)
            values = self._values
            if self._format.fixed_value_size() == 0:
                # A field that keeps no values (the id) gets None for each posting from a
                # block, but "" from a ListMatcher with no values, which a merge passes on
                # to Whoosh's pool and writer where they assert bytes or None.
                values = (None,) * len(self._ids)
            terminfo.set_inlined(self._ids, self._weights, values)
        else:
            if self._ids:
                self._write_block(last=True)
            terminfo.set_extent(self._startoffset, self._postfile.tell() - self._startoffset)
        self._terminfo = None
        return terminfo

    def _write_block(self, last=False):
        """W3PostingsWriter._write_block, with the values packed apart."""
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)

        level = self._compression
        values = self._mini_values()
        if isinstance(values, tuple):  # one encoded value per posting: positions
            numbers = pickle.dumps((self._mini_ids(), self._mini_weights()), BLOCK_PROTOCOL)
            packed = pickle.dumps(values, BLOCK_PROTOCOL)
            if level:
                numbers, packed = zlib.compress(numbers, level), zlib.compress(packed, level)
            databytes = pickle.dumps(_PackedBlock(numbers, packed, bool(level)), BLOCK_PROTOCOL)
            # The header's compression is that of the block as a whole, which W3's reader
            # would inflate before unpickling; its parts are inflated by `unpack_block`.
            compression = 0
        else:
            data = (self._mini_ids(), self._mini_weights(), values)
            databytes = pickle.dumps(data, BLOCK_PROTOCOL)
            compression = level
            if compression:
                databytes = zlib.compress(databytes, compression)

        # The block's header, read when skipping a block without decoding it. It holds
        # numbers only, so protocol 2 costs nothing here, and it stays as Whoosh writes it.
        ids = self._ids
        infobytes = pickle.dumps(
            (
                len(ids),
                ids[-1],
                self._maxweight,
                compression,
                length_to_byte(self._minlength),
                length_to_byte(self._maxlength),
            ),
            2,
        )
        blocklength = len(infobytes) + len(databytes)
        # A negative length marks the last block of a term's postings.
        self._postfile.write_int(-blocklength if last else blocklength)
        self._postfile.write(infobytes)
        self._postfile.write(databytes)

        self._blockcount += 1
        self._new_block()
