"""The status line: corpus size, index state, current filter, the last action's result.

The screen sets the four reactives; the line redraws itself. A progress bar appears beside
it only while a refresh runs.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import ProgressBar, Static


class StatusLine(Horizontal):
    """One line at the bottom of the screen."""

    DEFAULT_CSS = """
    StatusLine { height: 1; }
    StatusLine > #status-text { width: 1fr; height: 1; }
    StatusLine > ProgressBar { width: 40; display: none; }
    StatusLine.-busy > ProgressBar { display: block; }
    """

    corpus: reactive[str] = reactive("")
    state: reactive[str] = reactive("")
    filter: reactive[str] = reactive("")
    last: reactive[str] = reactive("")

    def compose(self) -> ComposeResult:
        yield Static(id="status-text")
        yield ProgressBar(show_eta=False, id="progress")

    def on_mount(self) -> None:
        self._redraw()

    def _redraw(self) -> None:
        if not self.is_mounted:
            return  # on_mount draws what was set before the children existed
        text = Text(no_wrap=True, overflow="ellipsis")
        parts = [(self.corpus, "bold"), (self.state, ""), (self.filter, "italic")]
        for value, style in parts:
            if value:
                if text:
                    text.append(" · ", "dim")
                text.append(value, style)
        if self.last:
            text.append("  │  ", "dim")
            text.append(self.last)
        self.query_one("#status-text", Static).update(text)

    def watch_corpus(self) -> None:
        self._redraw()

    def watch_state(self) -> None:
        self._redraw()

    def watch_filter(self) -> None:
        self._redraw()

    def watch_last(self) -> None:
        self._redraw()

    def start_progress(self) -> None:
        self.add_class("-busy")
        self.progress_unknown()

    def progress(self, done: int, total: int) -> None:
        self.query_one(ProgressBar).update(total=max(total, 1), progress=done)

    def progress_unknown(self) -> None:
        """Busy with nothing to count: the bar pulses."""
        self.query_one(ProgressBar).update(total=None, progress=0)

    def stop_progress(self) -> None:
        self.remove_class("-busy")
