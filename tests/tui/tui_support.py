"""What the app's tests share: the test corpus, a clipboard recorder, and settling helpers.

`write_corpus` lays out seeds and a config under a folder; `ClipboardRecorder` stands in for
the system clipboard tool; `settle` waits for every worker and the messages they posted.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.pilot import Pilot
from textual.worker import WorkerFailed

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
WIDE = (160, 48)  # the terminal size most app tests run at
CONFIG = """\
corpus: seeds
index_dir: .briefing/index
aliases:
  Charles Q. Brown: [General Charles Brown, Gen. Q Brown]
"""
MARKUP_ARTICLE = """\
---
title: "Talks [bold]x[/bold] and [link=http://e]y[/link]"
date: 2024-05-02
source: Test Wire
url: http://example.com/markup
---
Officials wrote [bold]x[/bold] and [link=http://e]y[/link] and [red]z in their notes on the talks.

The Pentagon said the two sides would keep talking about the South China Sea.
"""


def write_corpus(root: Path, keys: dict[str, str] | None = None) -> Path:
    shutil.copytree(SEEDS, root / "seeds")
    config = CONFIG
    if keys:
        config += "keys:\n" + "".join(f"  {k}: {v!r}\n" for k, v in keys.items())
    (root / "config.yaml").write_text(config, encoding="utf-8")
    return root / "config.yaml"


class ClipboardRecorder:
    """Stands in for `copy_to_system_clipboard`: remembers what it was given."""

    def __init__(self, tool: str | None = "xclip") -> None:
        self.tool = tool
        self.copied: list[str] = []

    def __call__(self, text: str) -> str | None:
        self.copied.append(text)
        return self.tool


async def settle(pilot: Pilot) -> None:
    """Wait until every worker is done and every message they posted is handled."""
    app = pilot.app
    for _ in range(3):
        try:
            await app.workers.wait_for_complete()
        except WorkerFailed:
            pass  # the app reports it; tests assert on what the user sees
        await pilot.pause()


def notifications(app) -> list[str]:
    return [notification.message for notification in app._notifications]


def option_texts(option_list) -> list[str]:
    return [str(option.prompt) for option in option_list.options]


async def palette_ready(pilot: Pilot, timeout: float = 5.0) -> None:
    """Wait until the command palette lists at least one command for what was typed."""
    from textual.command import CommandList

    for _ in range(int(timeout / 0.05)):
        lists = pilot.app.screen.query(CommandList)
        if lists and lists.first().option_count:
            await pilot.pause(0.2)  # let the palette finish gathering every provider's hits
            return
        await pilot.pause(0.05)
    raise AssertionError("the command palette found nothing")
