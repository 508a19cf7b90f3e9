"""The analysis cache is pickles: reading it must never run what a planted file names, and a
damaged part costs a recomputation, never a wrong answer."""

from __future__ import annotations

import dataclasses
import os
import pickle

import pytest

from index.analysis import (
    CACHE_VERSION,
    PARTS,
    CacheDamaged,
    journal_path,
    load_analysis,
    open_analysis,
    save_analysis,
)
from index.facade import Briefing


class _Planted:
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_a_planted_table_of_contents_is_refused_not_run(tmp_path):
    marker = tmp_path / "ran"
    cache = tmp_path / "analysis.pickle"
    planted = pickle.dumps(_Planted(marker))
    cache.write_bytes(planted + (0).to_bytes(8, "little"))  # its contents at offset 0
    assert open_analysis(cache) is None
    assert load_analysis(cache) is None
    assert not marker.exists()


@pytest.mark.parametrize("part", PARTS)
def test_a_planted_part_is_refused_not_run_and_the_reader_recomputes(part, tmp_path, seed_briefing):
    marker = tmp_path / "ran"
    analysis = seed_briefing._reading().whole()
    cache = seed_briefing.config.analysis_path
    save_analysis(cache, dataclasses.replace(analysis, **{part: _Planted(marker)}))

    assert load_analysis(cache) is None
    opened = open_analysis(cache)
    with pytest.raises(CacheDamaged):
        getattr(opened, part)
    # A reader of the index still gets the right answer: the analysis is recomputed.
    reader = Briefing(seed_briefing.config)
    assert [a.id for a in reader.articles()] == [s.id for s in analysis.summaries]
    assert [e.id for e in reader.engagements()] == [e.id for e in analysis.engagements]
    assert not marker.exists()


def test_a_planted_journal_is_refused_not_run(tmp_path, seed_briefing):
    marker = tmp_path / "ran"
    cache = tmp_path / "analysis.pickle"
    save_analysis(cache, seed_briefing._reading().whole())
    planted = {"version": CACHE_VERSION, "index_key": "x", "journal": _Planted(marker)}
    journal_path(cache).write_bytes(pickle.dumps(planted))
    assert load_analysis(cache).index_key == seed_briefing._reading().index_key
    assert not marker.exists()


def test_the_cache_reads_back_what_was_saved(tmp_path, seed_briefing):
    analysis = seed_briefing._reading().whole()
    cache = tmp_path / "analysis.pickle"
    save_analysis(cache, analysis)
    again = load_analysis(cache)
    assert again is not analysis
    assert again.vocabulary.counts == analysis.vocabulary.counts
    again.vocabulary = analysis.vocabulary  # a Vocabulary has no == of its own
    assert again == analysis
    assert again.entities and again.engagements and again.stories and again.summaries


def test_a_damaged_or_foreign_cache_is_ignored(tmp_path, seed_briefing):
    cache = tmp_path / "analysis.pickle"
    cache.write_bytes(b"\x80\x05garbage")
    assert load_analysis(cache) is None
    cache.write_bytes(pickle.dumps({"version": CACHE_VERSION - 1, "analysis": None}))
    assert load_analysis(cache) is None
    cache.write_text('{"version": 2}')  # the JSON cache of earlier versions
    assert load_analysis(cache) is None
    save_analysis(cache, seed_briefing._reading().whole())
    whole = cache.read_bytes()
    cache.write_bytes(whole[: len(whole) // 2])  # cut short: no table of contents
    assert load_analysis(cache) is None
