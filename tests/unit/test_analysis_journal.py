"""The fast path writes a journal of what it changed beside the whole analysis cache, and a
reader of the cache with its journal sees exactly the analysis the fast path made."""

from __future__ import annotations

import dataclasses

import pytest

from index import analysis as analysis_module
from index import facade as facade_module
from index import pipeline
from index.analysis import journal_path, load_analysis, save_analysis
from index.facade import Briefing
from index.search.store import index_key, open_index
from tests.unit.test_incremental import NEW_CALL

NEW_MEETING = (
    "---\ntitle: Blinken meets Wang Yi in Beijing\ndate: 2024-04-26\nsource: Example Wire\n"
    "---\nUS Secretary of State Antony Blinken met Chinese Foreign Minister Wang Yi in Beijing "
    "on Friday. Blinken raised Taiwan and the South China Sea; Wang Yi warned against "
    "interference.\n"
)


def comparable(analysis) -> dict:
    return {
        **{f.name: getattr(analysis, f.name) for f in dataclasses.fields(analysis)},
        "vocabulary": dict(analysis.vocabulary.counts),
        "journal": None,
    }


@pytest.fixture
def extensions(monkeypatch):
    """The analyses the fast path extended, as it saved them; the journal is kept for any
    number of new articles in the five-article seed corpus."""
    monkeypatch.setattr(analysis_module, "JOURNAL_MAX_SHARE", 1.0)
    saved = []
    save = pipeline.save_extension

    def recording(path, cached, extended, words):
        written = save(path, cached, extended, words)
        saved.append((written, extended))
        return written

    monkeypatch.setattr(pipeline, "save_extension", recording)
    return saved


def test_the_cache_read_with_its_journal_is_what_the_fast_path_made(seed_briefing, extensions):
    config = seed_briefing.config
    whole_before = config.analysis_path.read_bytes()
    for name, text in (("new_call.md", NEW_CALL), ("new_meeting.md", NEW_MEETING)):
        (config.corpus / name).write_text(text)
        assert seed_briefing.refresh(reconcile=False).added == 1

        written, extended = extensions[-1]
        assert written and journal_path(config.analysis_path).exists()
        # The whole cache was not written again.
        assert config.analysis_path.read_bytes() == whole_before
        read = load_analysis(config.analysis_path)
        assert comparable(read) == comparable(extended)
        assert read.index_key == index_key(open_index(config.index_dir))
        assert read.provisional

    read = load_analysis(config.analysis_path)
    assert {"new_call", "new_meeting"} <= {s.id for s in read.summaries}
    assert len(read.journal.summaries) == 2  # the second journal holds the first's too
    assert any("new_call" in e.articles for e in read.engagements)

    seed_briefing.refresh()  # the full analysis: the whole cache again, no journal
    assert not journal_path(config.analysis_path).exists()
    assert not load_analysis(config.analysis_path).provisional


def test_a_journal_of_another_cache_or_a_damaged_one_is_not_applied(seed_briefing, extensions):
    config = seed_briefing.config
    whole = load_analysis(config.analysis_path)
    (config.corpus / "new_call.md").write_text(NEW_CALL)
    seed_briefing.refresh(reconcile=False)
    journal = journal_path(config.analysis_path)
    kept = journal.read_bytes()

    # A run killed after it wrote the whole cache of a later commit, before it dropped
    # the journal.
    save_analysis(config.analysis_path, dataclasses.replace(whole, index_key="later"))
    assert not journal.exists()
    journal.write_bytes(kept)
    read = load_analysis(config.analysis_path)
    assert read.index_key == "later" and "new_call" not in {s.id for s in read.summaries}

    journal.write_bytes(kept[: len(kept) // 2])
    assert load_analysis(config.analysis_path).index_key == "later"


def test_an_edit_or_a_large_share_writes_the_whole_cache(seed_briefing, extensions, monkeypatch):
    config = seed_briefing.config
    edited = sorted(config.corpus.glob("*.txt"))[0]
    edited.write_text(edited.read_text() + "\nA late paragraph on the talks.\n")
    assert seed_briefing.refresh(reconcile=False).updated == 1
    assert extensions == []  # an edit's old entities and engagement go: no journal tried
    assert not journal_path(config.analysis_path).exists()
    assert load_analysis(config.analysis_path).provisional

    monkeypatch.setattr(analysis_module, "JOURNAL_MAX_SHARE", 0.1)  # one new of six: more
    (config.corpus / "new_call.md").write_text(NEW_CALL)
    assert seed_briefing.refresh(reconcile=False).added == 1
    assert extensions[-1][0] is False
    assert not journal_path(config.analysis_path).exists()
    assert "new_call" in {s.id for s in load_analysis(config.analysis_path).summaries}


def test_a_reader_reads_the_journal_and_computes_nothing(seed_briefing, extensions, monkeypatch):
    config = seed_briefing.config
    (config.corpus / "new_call.md").write_text(NEW_CALL)
    seed_briefing.refresh(reconcile=False)
    assert journal_path(config.analysis_path).exists()

    def recompute(*_):
        raise AssertionError("the reader recomputed the analysis")

    monkeypatch.setattr(pipeline, "write_analysis", recompute)
    monkeypatch.setattr(facade_module, "write_analysis", recompute)
    reader = Briefing(config)
    assert "Lloyd Austin" in {e.name for e in reader.entities(article="new_call")}
    assert "new_call" in {s.id for s in reader.articles()}
    assert "new_call" in reader.engagement("2024-04-16-austin-dong").articles


def test_a_journal_that_cannot_be_written_warns_and_loses_nothing(
    seed_briefing, extensions, monkeypatch
):
    import errno

    config = seed_briefing.config
    write = analysis_module.write_atomically

    def full_disk(path, body):
        if path == journal_path(config.analysis_path):
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return write(path, body)

    monkeypatch.setattr(analysis_module, "write_atomically", full_disk)
    (config.corpus / "new_call.md").write_text(NEW_CALL)
    report = seed_briefing.refresh(reconcile=False)

    assert report.added == 1
    assert any("cannot save the analysis cache (No space left" in w for w in report.warnings)
    assert not journal_path(config.analysis_path).exists()
    # The cache is of the commit before: a reader recomputes, and finds the new article.
    assert "Lloyd Austin" in {e.name for e in Briefing(config).entities(article="new_call")}
