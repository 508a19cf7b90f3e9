"""The analysis cache is read a part at a time: a reader reads only what it shows, and a
refresh that finds nothing to do reads none of it."""

from __future__ import annotations

import dataclasses

import pytest

from index.analysis import PARTS, CachedAnalysis, open_analysis, save_analysis
from index.facade import Briefing


def test_a_part_is_read_only_when_asked_for(tmp_path, seed_briefing):
    analysis = seed_briefing._reading().whole()
    cache = tmp_path / "analysis.pickle"
    save_analysis(cache, analysis)
    opened = open_analysis(cache)
    assert opened.index_key == analysis.index_key
    assert opened.provisional == analysis.provisional
    assert not any(opened.loaded(part) for part in PARTS)
    assert opened.engagements == analysis.engagements
    assert [part for part in PARTS if opened.loaded(part)] == ["engagements"]


def test_a_reader_keeps_the_cache_it_opened_when_a_refresh_replaces_it(tmp_path, seed_briefing):
    analysis = seed_briefing._reading().whole()
    cache = tmp_path / "analysis.pickle"
    save_analysis(cache, analysis)
    opened = open_analysis(cache)
    # Another process writes a new cache over it: what this reader reads is still the old.
    save_analysis(cache, dataclasses.replace(analysis, index_key="other", engagements=[]))
    assert opened.index_key == analysis.index_key
    assert opened.engagements == analysis.engagements


@pytest.fixture
def parts_read(monkeypatch) -> list[str]:
    """The parts of any analysis cache read from disk, in order."""
    read: list[str] = []
    real_read = CachedAnalysis._read

    def recording_read(self, name):
        read.append(name)
        return real_read(self, name)

    monkeypatch.setattr(CachedAnalysis, "_read", recording_read)
    return read


def test_a_refresh_with_nothing_to_do_reads_no_part_of_the_cache(seed_briefing, parts_read):
    report = Briefing(seed_briefing.config).refresh()
    assert not report.changed
    assert parts_read == []


def test_a_reader_reads_only_the_parts_it_shows(seed_briefing, parts_read):
    reader = Briefing(seed_briefing.config)
    assert reader.engagements()
    assert parts_read == ["engagements"]
    assert reader.articles()
    assert parts_read == ["engagements", "summaries"]
