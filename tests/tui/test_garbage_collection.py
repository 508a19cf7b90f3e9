"""Full garbage collections wait for a pause in input: none lands between a key and the list."""

from __future__ import annotations

import gc

import pytest
from tui_support import WIDE, settle

import tui.garbage_collection as garbage_collection
from tui.app import create_app
from tui.garbage_collection import IdleCollector


@pytest.fixture
def own_thresholds():
    saved = gc.get_threshold()
    yield saved
    gc.set_threshold(*saved)


def _make_pending(count: int) -> None:
    """Second-generation collections since the last full one: what Python counts."""
    gc.collect()
    for _ in range(count):
        gc.collect(1)


def test_full_collections_are_held_off_and_run_once_input_pauses(own_thresholds, monkeypatch):
    collector = IdleCollector()
    collector.start()
    young, middle, full = own_thresholds
    assert gc.get_threshold()[:2] == (young, middle)
    assert gc.get_threshold()[2] > 1000 * full  # Python never starts one itself
    _make_pending(full)
    collector.input_seen()
    assert not collector.collect_if_due()  # typing: due, but not now
    assert gc.get_count()[2] >= full
    monkeypatch.setattr(garbage_collection, "IDLE_SECONDS", 0.0)
    assert collector.collect_if_due()  # the pause
    assert gc.get_count()[2] == 0
    assert not collector.collect_if_due()  # nothing due after it
    collector.stop()
    assert gc.get_threshold() == own_thresholds


def test_a_long_overdue_collection_runs_even_while_typing(own_thresholds):
    collector = IdleCollector()
    collector.start()
    full = own_thresholds[2]
    _make_pending(garbage_collection.OVERDUE * full)
    collector.input_seen()
    assert collector.collect_if_due()
    assert gc.get_count()[2] == 0
    collector.stop()


async def test_the_app_holds_full_collections_off_while_it_runs(
    briefing, system_clipboard, own_thresholds
):
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert gc.get_threshold()[2] > 1000 * own_thresholds[2]
        before = app.idle_collector._last_input
        await pilot.press("slash", "x")
        assert app.idle_collector._last_input > before  # a key counts as input
    assert gc.get_threshold() == own_thresholds  # given back when the app ends


async def test_the_loaded_analysis_is_frozen_out_of_collections(briefing, system_clipboard):
    gc.unfreeze()
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert app.screen.summaries  # loaded
        assert gc.get_freeze_count() > 0
    gc.unfreeze()
