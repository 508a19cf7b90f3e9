"""Search as you type waits only inside a burst of keys: a key after a pause searches at
once, and a burst runs its first key's search and its last's, not one per key."""

from __future__ import annotations

import pytest
from tui_support import WIDE, settle

from tui import typing_pace
from tui.app import create_app
from tui.typing_pace import SEARCH_DEBOUNCE, TypingPace
from tui.widgets.article_list import ArticleList


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_only_a_key_close_behind_another_waits():
    clock = FakeClock()
    pace = TypingPace(clock)

    waits = []
    for gap in (None, 0.2, 0.001, 0.001, SEARCH_DEBOUNCE * 0.9, SEARCH_DEBOUNCE * 1.1, 1.0):
        clock.now += gap or 0.0
        waits.append(pace.wait_before_search())

    debounce = SEARCH_DEBOUNCE
    assert waits == [0.0, 0.0, debounce, debounce, debounce, 0.0, 0.0]


@pytest.fixture
def counted_searches(briefing):
    queries = []
    search = briefing.search

    def counted(text, *args, **kwargs):
        queries.append(text)
        return search(text, *args, **kwargs)

    briefing.search = counted
    return queries


async def test_a_burst_of_keys_searches_its_first_and_last_key_only(
    briefing, system_clipboard, counted_searches, monkeypatch
):
    # Every key comes 1 ms after the one before, by the app's clock; a long wait makes
    # sure each newer key cancels the search before it however slowly the test runs.
    clock = FakeClock()
    monkeypatch.setattr(typing_pace, "SEARCH_DEBOUNCE", 0.5)
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        app.screen.typing_pace = TypingPace(clock)
        await pilot.press("slash")
        for key in "Honolulu":
            await pilot.press(key)
            clock.now += 0.001
        await settle(pilot)

        assert counted_searches == ["H", "Honolulu"]
        expected = briefing.search("Honolulu").total
        assert app.screen.query_one(ArticleList).option_count == expected > 0


async def test_keys_typed_after_a_pause_each_search(
    briefing, system_clipboard, counted_searches, monkeypatch
):
    clock = FakeClock()
    monkeypatch.setattr(typing_pace, "SEARCH_DEBOUNCE", 0.5)
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        app.screen.typing_pace = TypingPace(clock)
        await pilot.press("slash")
        for key in "Dong":
            await pilot.press(key)
            clock.now += 1.0
            await settle(pilot)

        assert counted_searches == ["D", "Do", "Don", "Dong"]
