"""No escape sequence or markup from an article reaches any pane of the app.

The app is driven headless over the hostile corpus of `test_terminal_escapes` (escapes,
OSC 52, bidi overrides and Rich/Textual markup in every format): every article is opened in
the reader, a search is run, and the engagements pane is shown. Each screen, as exported,
holds no escape byte, C1 control or bidi override, and the reader shows markup literally.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest

from index.facade import Briefing
from tests.security.test_terminal_escapes import hostile_corpus

BAD = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    config = hostile_corpus(tmp_path_factory.mktemp("panes"))
    Briefing.from_config_file(config).refresh()
    return config


async def _settle(pilot) -> None:
    from textual.worker import WorkerFailed

    for _ in range(3):
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerFailed:
            pass
        await pilot.pause()


def _screens(config: Path) -> tuple[list[str], list[str]]:
    from tui.app import create_app
    from tui.widgets.reader import Reader

    briefing = Briefing.from_config_file(config)
    count = len(briefing.articles())

    async def drive():
        shots, readers = [], []
        app = create_app(briefing, system_clipboard=lambda text: None)
        async with app.run_test(size=(160, 48)) as pilot:
            await _settle(pilot)
            for n in range(count):
                if n:
                    await pilot.press("j")
                await pilot.press("enter")
                await _settle(pilot)
                shots.append(app.export_screenshot())
                readers.append(app.screen.query_one(Reader).plain)
                await pilot.press("escape")
            await pilot.press("slash", *"alarm", "enter")
            await _settle(pilot)
            shots.append(app.export_screenshot())
            await pilot.press("escape", "e")
            await _settle(pilot)
            shots.append(app.export_screenshot())
        return shots, readers

    return asyncio.run(drive())


def test_no_escape_reaches_any_pane(hostile):
    shots, readers = _screens(hostile)
    assert len(shots) >= 9
    for shot in shots:
        leak = BAD.search(shot.replace("\n", "").replace("\t", ""))
        assert leak is None, shot[max(0, leak.start() - 80) : leak.end() + 80]
    # Markup is shown as the words it is, in the reader.
    assert any("[bold red]alarm[/]" in text for text in readers), [t[:200] for t in readers]
    for text in readers:
        assert not BAD.search(text.replace("\n", "")), text[:200]
