"""What a refresh knows of the index before it reads a file: every live document's file,
signature and hashes, read from the columns, never a deleted document's."""

from __future__ import annotations

from index import pipeline
from index.config import load_config
from index.corpus import scan_corpus_by_key, scan_corpus_files
from index.search.store import open_index


def test_the_indexed_files_are_the_live_documents_files(seed_config):
    config = load_config(seed_config)
    pipeline.refresh(config)
    ix = open_index(config.index_dir)
    files, stored = pipeline._indexed_files(ix)
    gone = sorted(files)[0]
    with ix.searcher() as searcher:
        by_id = {fields["id"]: fields for fields in searcher.all_stored_fields()}
    writer = ix.writer()
    writer.delete_by_term("path", gone)
    writer.commit(merge=False)  # the deleted document stays in its segment, marked

    ix = open_index(config.index_dir)
    assert ix.reader().has_deletions()
    after, stored_after = pipeline._indexed_files(ix)

    assert len(files) == 5 and gone not in after
    assert after == {path: entry for path, entry in files.items() if path != gone}
    for article_id, known in stored_after.items():
        fields = by_id[article_id]
        assert (known.path, known.content_hash) == (fields["path"], fields["content_hash"])
        entry = after[known.path]
        assert (entry.signature, entry.file_hash) == (fields["signature"], fields["file_hash"])
    assert set(stored) - set(stored_after) == set(files[gone].article_ids)


def test_the_scan_by_key_and_as_strings_agree(seed_corpus):
    (seed_corpus / "more").mkdir()
    (seed_corpus / "more" / "b.md").write_text("# B\n\nText.\n")
    (seed_corpus / "more" / "LOUD.TXT").write_text("Loud.\n")
    (seed_corpus / "more" / "notes.pdf").write_bytes(b"%PDF")
    (seed_corpus / ".hidden.txt").write_text("hidden")

    as_strings = scan_corpus_files(seed_corpus)

    assert "more/b.md" in as_strings and ".hidden.txt" not in as_strings
    assert as_strings["more/LOUD.TXT"] == str(seed_corpus / "more" / "LOUD.TXT")
    assert len(as_strings) == 7
    assert {key: str(path) for key, path in scan_corpus_by_key(seed_corpus).items()} == as_strings


def test_columns_read_whole_give_what_whoosh_reads_a_value_at_a_time(tmp_path):
    from whoosh import fields
    from whoosh.index import create_in

    from index.search.columns import column_strings, column_values

    schema = fields.Schema(path=fields.ID(stored=True, sortable=True), n=fields.NUMERIC())
    ix = create_in(tmp_path, schema)
    batches = [["a.txt", "dossier/é ü.md"], ["", "b.txt", "c\u2028d.txt"], ["z.txt", "nul\x00.txt"]]
    for batch in batches:
        writer = ix.writer()
        for path in batch:
            writer.add_document(path=path, n=1)
        writer.commit(merge=False)  # a segment per batch
    writer = ix.writer()
    writer.delete_by_term("path", "b.txt")
    writer.commit(merge=False)

    with ix.searcher() as searcher:
        reader = searcher.reader()
        assert len(list(reader.leaf_readers())) == 3 and reader.has_deletions()
        whooshs = list(reader.column_reader("path", translate=False))
        assert column_values(reader, "path") == whooshs
        assert column_strings(reader, "path") == [value.decode() for value in whooshs]
        assert column_strings(reader, "path") == [p for batch in batches for p in batch]
