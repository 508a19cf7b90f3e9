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


async def _type(app, monkeypatch, keys: str, gap: float, settle_each: bool) -> int:
    """Type `keys` into the search box `gap` seconds apart by the app's (fake) clock; the
    rows listed at the end. A long debounce makes sure a key within it cancels the search
    before it, however slowly the test runs."""
    clock = FakeClock()
    monkeypatch.setattr(typing_pace, "SEARCH_DEBOUNCE", 0.5)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        app.screen.typing_pace = TypingPace(clock)
        await pilot.press("slash")
        for key in keys:
            await pilot.press(key)
            clock.now += gap
            if settle_each:
                await settle(pilot)
        await settle(pilot)
        return app.screen.query_one(ArticleList).option_count


async def test_a_burst_of_keys_searches_its_first_and_last_key_only(
    briefing, system_clipboard, counted_searches, monkeypatch
):
    app = create_app(briefing, system_clipboard=system_clipboard)
    rows = await _type(app, monkeypatch, "Honolulu", gap=0.001, settle_each=False)

    assert counted_searches == ["H", "Honolulu"]
    assert rows == briefing.search("Honolulu").total > 0


async def test_keys_typed_after_a_pause_each_search(
    briefing, system_clipboard, counted_searches, monkeypatch
):
    app = create_app(briefing, system_clipboard=system_clipboard)
    await _type(app, monkeypatch, "Dong", gap=1.0, settle_each=True)

    assert counted_searches == ["D", "Do", "Don", "Dong"]
