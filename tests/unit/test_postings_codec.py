"""The fast-loading codec changes how postings are laid out and nothing else: the same
postings read back through Whoosh's own reader, a block's values are unpacked only when
one is read, short lists are kept in the term table and survive a merge, the index still
names Whoosh's codec, and the pipeline's writers, one process or several, all use it."""

from __future__ import annotations

import pickle
import random
import zlib

import pytest
from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter, W3LeafMatcher

from index import pipeline
from index.forking import can_fork
from index.search.postings_codec import (
    BLOCK_PROTOCOL,
    INLINE_LIMIT,
    FastLoadingCodec,
    PackedValues,
    _PackedBucket,
)
from index.search.store import create_index

WORDS = [f"w{n:02d}" for n in range(60)]


def _documents(count: int = 400):
    rng = random.Random(20261121)
    for number in range(count):
        yield {
            "id": str(number),
            "title": " ".join(rng.choices(WORDS, k=4)),
            # "common" in every document: several blocks of postings
            "body": "common " + " ".join(rng.choices(WORDS, k=rng.randint(5, 40))),
            "people": "dong jun" if number % 3 else "",
        }


def _index(path, codec):
    ix = create_index(path)
    writer = ix.writer(codec=codec)
    for document in _documents():
        writer.add_document(**document)
    writer.commit()
    return ix


def _all_postings(ix) -> dict:
    """(field, term) -> every (document, weight, encoded value) of its postings."""
    postings = {}
    with ix.reader() as reader:
        for fieldname, btext in reader.all_terms():
            matcher = reader.postings(fieldname, btext)
            items = []
            while matcher.is_active():
                items.append((matcher.id(), matcher.weight(), matcher.value()))
                matcher.next()
            postings[fieldname, btext] = items
    return postings


def _inlined(ix) -> dict[bool, int]:
    """How many terms, in all segments, keep their postings in the term table or not."""
    counts = {True: 0, False: 0}
    with ix.reader() as reader:
        for subreader, _ in reader.leaf_readers():
            for fieldname, btext in subreader.all_terms():
                counts[subreader.term_info(fieldname, btext).is_inlined()] += 1
    return counts


def _block_protocols(ix, fieldname: str, btext: bytes) -> list[int]:
    """The pickle protocol of each block of a term's postings, in every segment."""
    protocols = []
    with ix.reader() as reader:
        for subreader, _ in reader.leaf_readers():
            matcher = subreader.postings(fieldname, btext)
            assert type(matcher) is W3LeafMatcher
            matcher._goto(matcher._baseoffset)
            while True:
                raw = matcher._postfile.get(
                    matcher._dataoffset, matcher._nextoffset - matcher._dataoffset
                )
                if matcher._compression:
                    raw = zlib.decompress(raw)
                assert raw[0] == pickle.PROTO[0]
                protocols.append(raw[1])
                if matcher._lastblock:
                    break
                matcher._goto(matcher._nextoffset)
    return protocols


@pytest.mark.parametrize("compression", [3, 0])
def test_postings_read_back_exactly_as_whoosh_wrote_them(tmp_path, compression):
    whoosh_ix = _index(tmp_path / "whoosh", W3Codec(compression=compression))
    fast_ix = _index(tmp_path / "fast", FastLoadingCodec(compression=compression))

    written_by_whoosh = _all_postings(whoosh_ix)
    assert written_by_whoosh == _all_postings(fast_ix)
    assert len(written_by_whoosh[("body", b"common")]) == 400
    assert _inlined(whoosh_ix)[True] == 0
    assert _inlined(fast_ix)[True] == 400  # every id: each is in one document


def _rare_word_documents():
    """Documents in which word rN is in exactly N of them, N from 1 to 6: lists on both
    sides of the inline limit, in a field with positions and one (id) without values."""
    for number in range(12):
        words = [f"r{count}" for count in range(1, 7) if number < count]
        yield {"id": f"doc{number}", "body": "common " + " ".join(words * (number % 3 + 1))}


def test_lists_shorter_than_the_limit_are_kept_in_the_term_table(tmp_path):
    ix = create_index(tmp_path / "index")
    writer = ix.writer(codec=FastLoadingCodec())
    for document in _rare_word_documents():
        writer.add_document(**document)
    writer.commit()

    with ix.reader() as reader:
        inlined = {
            count: reader.term_info("body", f"r{count}".encode()).is_inlined()
            for count in range(1, 7)
        }
        assert reader.term_info("id", b"doc3").is_inlined()
        assert reader.term_info("body", b"common").is_inlined() is False
    assert inlined == {count: count < INLINE_LIMIT for count in range(1, 7)}


def test_inlined_postings_survive_a_merge(tmp_path):
    """A merge copies postings through Whoosh's reader and its own pool of postings, which
    asserts that a value is bytes or None."""
    ix = create_index(tmp_path / "index")
    for commit, codec in enumerate([FastLoadingCodec(inlinelimit=1), FastLoadingCodec()]):
        writer = ix.writer(codec=codec)
        for document in _rare_word_documents():
            writer.add_document(**{**document, "id": f"{commit}-{document['id']}"})
        writer.commit(merge=False)
    expected = _all_postings(ix)
    assert len(ix.reader().leaf_readers()) == 2

    writer = ix.writer(codec=FastLoadingCodec())
    writer.commit(optimize=True)

    assert len(ix.reader().leaf_readers()) == 1
    assert _all_postings(ix) == expected
    assert _inlined(ix)[True] > 0


def test_blocks_are_pickled_at_the_fast_protocol(tmp_path):
    ix = _index(tmp_path / "fast", FastLoadingCodec())

    protocols = _block_protocols(ix, "body", b"common")

    assert len(protocols) == 4  # 400 postings, 128 a block
    assert set(protocols) == {BLOCK_PROTOCOL}


def test_a_blocks_values_are_unpacked_only_when_one_is_read(tmp_path):
    ix = _index(tmp_path / "fast", FastLoadingCodec())
    with ix.reader() as reader:
        matcher = reader.postings("body", b"common")
        matcher.skip_to(200)  # the second block
        assert (matcher.id(), matcher.weight()) == (200, 1.0)
        values = matcher._data[2]
        assert type(values) is PackedValues
        assert values._values is None

        value = matcher.value()

    assert values._values is not None
    assert reader.schema["body"].format.decode_positions(value) == [0]


def test_the_index_names_whooshs_own_codec(tmp_path):
    """The table of contents pickles each segment's codec: it must not need this module."""
    ix = _index(tmp_path / "fast", FastLoadingCodec())

    table_of_contents = b"".join(path.read_bytes() for path in tmp_path.glob("fast/*.toc"))

    assert b"W3Codec" in table_of_contents
    assert b"postings_codec" not in table_of_contents
    assert type(ix.reader().segment().codec()) is W3Codec


@pytest.mark.parametrize("workers", [1, 2])
def test_the_pipelines_writers_use_it(tmp_path, monkeypatch, workers):
    if workers > 1 and not can_fork():
        pytest.skip("Whoosh's writer processes are forked; this platform cannot fork")
    monkeypatch.setattr(pipeline, "worker_count", lambda documents: workers)
    ix = create_index(tmp_path / "index")

    writer = pipeline._writer(ix, 400)
    for document in _documents():
        writer.add_document(**document)
    writer.commit()

    assert len(ix.reader().leaf_readers()) == workers
    assert set(_block_protocols(ix, "body", b"common")) == {BLOCK_PROTOCOL}


class _WhooshFieldWriterCodec(FastLoadingCodec):
    """The fast-loading codec with W3's own field writer."""

    def field_writer(self, storage, segment):
        return W3FieldWriter(self, storage, segment)


def _segment_files(folder, codec) -> dict[str, bytes]:
    """The bytes of each file of a one-segment index, by what its name adds to the
    segment's (the table of contents, which names the segment, left out)."""
    ix = create_index(folder)
    writer = ix.writer(codec=codec, compound=False)
    for document in _documents():
        writer.add_document(**document)
    writer.commit()
    segment = ix.reader().segment().segment_id()
    return {
        path.name.split(segment, 1)[-1]: path.read_bytes()
        for path in folder.iterdir()
        if segment in path.name
    }


def test_its_field_writer_writes_the_files_w3s_field_writer_writes(tmp_path):
    """Its field writer keeps each document's field length; the lengths are in each
    block's header, so a length taken from the wrong document or field changes bytes."""
    written_by_whoosh = _segment_files(tmp_path / "whoosh", _WhooshFieldWriterCodec())
    written_here = _segment_files(tmp_path / "fast", FastLoadingCodec())

    assert {".pst", ".trm"} <= set(written_by_whoosh)
    assert written_here == written_by_whoosh


def test_its_term_table_keeps_hashes_and_positions_as_numbers(tmp_path):
    """The table of a segment's terms is held until the commit ends: as arrays of numbers,
    not a tuple per term, and written as W3's (the test above compares the bytes)."""
    ix = create_index(tmp_path / "index")
    writer = ix.writer(codec=FastLoadingCodec())
    buckets = writer.fieldwriter._tindex.buckets
    for document in _documents():
        writer.add_document(**document)
    writer.commit()

    assert len(buckets) == 256
    assert all(type(bucket) is _PackedBucket for bucket in buckets)
    assert sum(len(bucket) for bucket in buckets) == len(list(ix.reader().all_terms()))
