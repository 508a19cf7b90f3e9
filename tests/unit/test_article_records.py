"""Each document keeps its article and mentions in columns, not in the stored fields a
snippet loads: they read back as the corpus gives them, survive a document being rewritten,
and are not found once the document is gone."""

from __future__ import annotations

from pathlib import Path

from index import pipeline
from index.corpus import load_corpus
from index.search.article_records import COLUMNS, ArticleRecords
from index.search.store import create_index


def _records_by_id(ix) -> dict[str, tuple[dict, list[dict]]]:
    with ix.searcher() as searcher:
        records = ArticleRecords(searcher)
        found = {}
        for docnum, fields in searcher.reader().iter_docs():
            article = records.article(docnum)
            found[fields["id"]] = (
                {**article.to_json(), "content_hash": article.content_hash},
                [m.to_json() for m in records.mentions(docnum)],
            )
        return found


def test_articles_and_mentions_read_back_from_columns_not_stored_fields(seed_briefing):
    ix = seed_briefing._index()
    corpus = load_corpus(Path(seed_briefing.config.corpus))
    with ix.searcher() as searcher:
        assert all(not set(COLUMNS) & set(fields) for fields in searcher.all_stored_fields())

    found = _records_by_id(ix)

    assert len(found) == len(corpus.articles) == 5
    for article in corpus.articles:
        stored, mentions = found[article.id]
        # The fixture's index was built in another folder, then copied.
        assert Path(stored.pop("path")).name == Path(article.path).name
        expected = {**article.to_json(), "content_hash": article.content_hash}
        del expected["path"]
        assert stored == expected
        assert mentions  # every seed article names someone
        paragraphs = article.body_paragraphs
        for mention in mentions:
            paragraph = paragraphs[mention["paragraph"]]
            assert paragraph[mention["start"] : mention["end"]] == mention["text"]


def test_a_rewritten_document_keeps_its_article_and_mentions(seed_briefing):
    ix = seed_briefing._index()
    before = _records_by_id(ix)
    stale = {article_id: b"stale" for article_id in before}

    with ix.writer() as writer:
        assert pipeline._update_fields(writer, ix, stale, {}, {}) == len(stale)

    assert _records_by_id(ix) == before


def test_a_deleted_article_is_not_found(seed_briefing):
    ix = seed_briefing._index()
    gone = sorted(_records_by_id(ix))[0]
    with ix.writer() as writer:
        writer.delete_by_term("id", gone)

    with ix.searcher() as searcher:
        records = ArticleRecords(searcher)
        assert records.article_by_id(gone) is None
        kept = [fields["id"] for fields in searcher.all_stored_fields()]
        assert all(records.article_by_id(i).id == i for i in kept)


def test_an_empty_index_has_no_articles(tmp_path):
    ix = create_index(tmp_path / "index")
    with ix.searcher() as searcher:
        assert ArticleRecords(searcher).article_by_id("anything") is None
