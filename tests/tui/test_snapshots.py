"""Snapshot tests of what the app draws: the main layout narrow and wide, help, the brief pane.

Each builds the app with the same `create_app` the CLI uses, waits for its workers, and
compares an SVG screenshot with the accepted one under `__snapshots__/` (regenerate with
`pytest tests/tui --snapshot-update` and review the diff). Nothing on screen depends on the
clock or on where the test corpus lives, and the search box's cursor does not blink.
"""

from __future__ import annotations

from tui_support import WIDE, settle

from tui.app import create_app
from tui.screens.main import MainScreen
from tui.widgets.engagements import EngagementList
from tui.widgets.search_box import SearchBox

NARROW = (80, 24)


def ready(*keys: str, engagement: str | None = None):
    """A `run_before` that settles the app, presses `keys`, and optionally picks an engagement."""

    async def run_before(pilot) -> None:
        while not (isinstance(pilot.app.screen, MainScreen) and pilot.app.screen.query(SearchBox)):
            await pilot.pause()  # the default screen composes after the pilot starts
        pilot.app.screen.query_one(SearchBox).cursor_blink = False
        await settle(pilot)
        if engagement is not None:
            await pilot.press("e")
            timeline = pilot.app.screen.query_one(EngagementList)
            target = next(i for i, o in enumerate(timeline.options) if engagement in (o.id or ""))
            await pilot.press("g", *["j"] * target, "enter")
            await settle(pilot)
        if keys:
            await pilot.press(*keys)
            await settle(pilot)

    return run_before


def test_main_layout_80x24(snap_compare, briefing, system_clipboard):
    app = create_app(briefing, system_clipboard=system_clipboard)
    assert snap_compare(app, terminal_size=NARROW, run_before=ready())


def test_main_layout_160x48(snap_compare, briefing, system_clipboard):
    app = create_app(briefing, system_clipboard=system_clipboard)
    assert snap_compare(app, terminal_size=WIDE, run_before=ready())


def test_search_results_160x48(snap_compare, briefing, system_clipboard):
    app = create_app(briefing, system_clipboard=system_clipboard)
    assert snap_compare(app, terminal_size=WIDE, run_before=ready("slash", *"Honolulu", "enter"))


def test_help_screen_80x24(snap_compare, briefing, system_clipboard):
    app = create_app(briefing, system_clipboard=system_clipboard)
    assert snap_compare(app, terminal_size=NARROW, run_before=ready("question_mark"))


def test_help_screen_160x48(snap_compare, briefing, system_clipboard):
    app = create_app(briefing, system_clipboard=system_clipboard)
    assert snap_compare(app, terminal_size=WIDE, run_before=ready("question_mark"))


def test_brief_pane_160x48(snap_compare, briefing, system_clipboard):
    app = create_app(briefing, system_clipboard=system_clipboard)
    assert snap_compare(app, terminal_size=WIDE, run_before=ready(engagement="austin-dong"))


def test_brief_pane_80x24(snap_compare, briefing, system_clipboard):
    app = create_app(briefing, system_clipboard=system_clipboard)
    assert snap_compare(
        app, terminal_size=NARROW, run_before=ready("tab", engagement="austin-dong")
    )
