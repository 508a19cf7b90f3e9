"""Whoosh's W3 postings, each block pickled at a protocol that holds bytes as bytes.

W3 pickles a block of 128 postings (ids, weights, and each posting's positions and
characters as bytes) at protocol 2, which has no opcode for bytes: every value becomes a
call to `_codecs.encode` when the block is read. At 50k articles that was 0.47 s of the 1.8 s
the benchmark's 20 slowest queries took (each run three times), about 60 µs a block; at
protocol 4 a block loads in about 7 µs and is 40 % smaller before compression.

Only the writing changes. Whoosh's reader unpickles a block with `pickle.loads`, which reads
any protocol, so an index written here is a plain W3 index that any Whoosh-Reloaded 2.7 reads,
and its older segments, written at protocol 2, read as before until a merge rewrites them.
`W3Codec._write_block` is copied here with its protocol changed; pyproject pins that
minor version of Whoosh-Reloaded.
"""

from __future__ import annotations

import pickle
import zlib

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3PostingsWriter
from whoosh.util.numeric import length_to_byte

BLOCK_PROTOCOL = 4


class FastLoadingCodec(W3Codec):
    """W3Codec whose postings blocks are pickled at `BLOCK_PROTOCOL`."""

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
        # is W3Codec's, so the index names W3Codec and stays readable without this module.
        return (W3Codec, (self._blocklimit, self._compression, self._inlinelimit))


class _FastLoadingPostingsWriter(W3PostingsWriter):
    def _write_block(self, last=False):
        """W3PostingsWriter._write_block, but at BLOCK_PROTOCOL."""
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)

        data = (self._mini_ids(), self._mini_weights(), self._mini_values())
        databytes = pickle.dumps(data, BLOCK_PROTOCOL)
        compression = self._compression
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
