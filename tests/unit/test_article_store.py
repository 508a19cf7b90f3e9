"""The article store: what goes in comes back, in id order, from a file not from memory."""

from __future__ import annotations

import os
from datetime import date

import pytest

from index.article_store import ArticleStore
from index.model import Article, Paragraph


def article(article_id: str, body: str = "Body text.") -> Article:
    return Article(
        id=article_id,
        path=f"{article_id}.txt",
        title=f"Title of {article_id}",
        source="Wire",
        dateline=None,
        published=date(2024, 4, 16),
        paragraphs=[Paragraph(body), Paragraph("Subscribe now.", boilerplate=True)],
        content_hash=f"hash-{article_id}",
    )


def test_articles_and_mentions_come_back_equal_in_id_order(tmp_path):
    store = ArticleStore(spill_dir=tmp_path)
    store.add(article("b", "Second."), ["mention of b"])
    store.add(article("a", "First."))
    store.add(article("c", "Third." * 1000), [])
    assert store.ids() == ["a", "b", "c"]
    assert [a.body for a in store] == ["First.", "Second.", "Third." * 1000]
    assert store.get("b") == article("b", "Second.")
    assert store.mentions_of("b") == ["mention of b"]
    assert store.mentions_of("a") == []  # added without mentions
    assert store.mentions_of("missing") == []
    assert dict(store.mentions) == {"a": [], "b": ["mention of b"], "c": []}
    assert len(store) == 3 and "a" in store and "z" not in store


def test_adding_an_id_again_replaces_it_and_keeps_its_mentions(tmp_path):
    store = ArticleStore(spill_dir=tmp_path)
    store.add(article("a", "Old."), ["kept"])
    store.add(article("b"))
    store.add(article("a", "New."))
    assert store.ids() == ["a", "b"]
    assert store.get("a").body == "New."
    assert store.mentions_of("a") == ["kept"]
    store.add(article("a", "Newer."), ["replaced"])
    assert (store.get("a").body, store.mentions_of("a")) == ("Newer.", ["replaced"])


def test_the_text_is_written_at_once_to_an_unnamed_file_in_the_spill_folder(tmp_path):
    """At once, not buffered: the extraction pool and Whoosh's writer fork while a store is
    open, and a child flushing an inherited buffer would write into the parent's file."""
    store = ArticleStore(spill_dir=tmp_path)
    body = os.urandom(3000).hex()  # compresses to no less than half: smaller than a buffer
    store.add(article("a", body))
    assert list(tmp_path.iterdir()) == []  # unlinked at once: nothing left behind by a kill
    spilled = os.fstat(store._spill._file.fileno()).st_size
    assert spilled >= len(body) // 2
    assert store.get("a").body == body
    store.close()


def test_a_cut_short_file_is_an_error_not_a_wrong_article(tmp_path):
    store = ArticleStore(spill_dir=tmp_path)
    store.add(article("a", "Some text."))
    os.ftruncate(store._spill._file.fileno(), 3)
    with pytest.raises(OSError, match="cut short"):
        store.get("a")


def test_without_positional_reads_the_store_seeks_under_a_lock(tmp_path, monkeypatch):
    """Platforms without os.pread (Windows) read and write by seeking, one at a time."""
    monkeypatch.delattr(os, "pread")
    store = ArticleStore(spill_dir=tmp_path)
    assert store._spill._lock is not None
    store.add(article("b", "Second."), ["m"])
    assert store.get("b").body == "Second."  # a read moves the file's one position
    store.add(article("a", "First."))
    assert [a.body for a in store] == ["First.", "Second."]
    assert store.mentions_of("b") == ["m"]
