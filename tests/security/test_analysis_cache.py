"""The analysis cache is a pickle: reading it must never run what a planted file names."""

from __future__ import annotations

import os
import pickle

from index.analysis import CACHE_VERSION, journal_path, load_analysis, save_analysis


class _Planted:
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_a_planted_pickle_is_refused_not_run(tmp_path):
    marker = tmp_path / "ran"
    cache = tmp_path / "analysis.pickle"
    cache.write_bytes(pickle.dumps({"version": CACHE_VERSION, "analysis": _Planted(marker)}))
    assert load_analysis(cache) is None
    assert not marker.exists()


def test_a_planted_journal_is_refused_not_run(tmp_path, seed_briefing):
    marker = tmp_path / "ran"
    cache = tmp_path / "analysis.pickle"
    save_analysis(cache, seed_briefing._reading())
    planted = {"version": CACHE_VERSION, "index_key": "x", "journal": _Planted(marker)}
    journal_path(cache).write_bytes(pickle.dumps(planted))
    assert load_analysis(cache).index_key == seed_briefing._reading().index_key
    assert not marker.exists()


def test_the_cache_reads_back_what_was_saved(tmp_path, seed_briefing):
    analysis = seed_briefing._reading()
    cache = tmp_path / "analysis.pickle"
    save_analysis(cache, analysis)
    again = load_analysis(cache)
    assert again is not analysis
    assert again.vocabulary.counts == analysis.vocabulary.counts
    again.vocabulary = analysis.vocabulary  # a Vocabulary has no == of its own
    assert again == analysis
    assert again.entities and again.engagements and again.stories and again.summaries


def test_a_damaged_or_foreign_cache_is_ignored(tmp_path):
    cache = tmp_path / "analysis.pickle"
    cache.write_bytes(b"\x80\x05garbage")
    assert load_analysis(cache) is None
    cache.write_bytes(pickle.dumps({"version": CACHE_VERSION - 1, "analysis": None}))
    assert load_analysis(cache) is None
    cache.write_text('{"version": 2}')  # the JSON cache of earlier versions
    assert load_analysis(cache) is None
