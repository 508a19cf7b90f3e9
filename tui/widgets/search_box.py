"""The search row: the query box, a removable filter chip, and the query's error line.

Typing is never blocked: the screen runs each query in an exclusive thread worker, so the
box only reports changes. A query the index rejects shows its one-line reason under the
box; the filter chip shows the entity, engagement or story the list is narrowed to.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Static
from textual.widgets.input import Selection

from tui.messages import FilterRemoved

PLACEHOLDER = '/ search: words, "phrases", AND/OR/NOT, source:afp, person:"dong jun"'


class SearchBox(Input):
    """The query box. Enter or Down hands the keyboard back to the list."""

    BINDINGS = [
        Binding(
            "down",
            "leave",
            "To the list",
            show=False,
            id="search_to_list",
            tooltip="In the search box: go to the list (Enter does too)",
        ),
    ]

    def __init__(self, **kwargs) -> None:
        # Selecting on the Focus event would land after keys typed right behind `/` and
        # swallow them; the screen selects the old query itself, at once (`take_keys`).
        super().__init__(select_on_focus=False, **kwargs)

    def take_keys(self) -> None:
        """Focused by `/`: select the old query so typing replaces it."""
        self.selection = Selection(0, len(self.value))

    def action_leave(self) -> None:
        self.screen.set_focus(self.screen.query_one("#articles"))


class FilterChip(Static):
    """The filter the list is narrowed to; clicking it (or Esc) removes it."""

    def on_click(self) -> None:
        self.post_message(FilterRemoved())


class SearchRow(Vertical):
    """The box, the chip and the error line."""

    DEFAULT_CSS = """
    SearchRow { height: auto; }
    SearchRow > Horizontal { height: auto; }
    SearchRow #chip { width: auto; max-width: 50%; height: 1; margin: 0 0 0 1; display: none; }
    SearchRow #chip.-on { display: block; }
    SearchRow #query-error { height: auto; padding: 0 1; display: none; color: $error; }
    SearchRow #query-error.-on { display: block; }
    """

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield SearchBox(placeholder=PLACEHOLDER, id="search", compact=True)
            yield FilterChip(id="chip")
        yield Static(id="query-error")

    def show_error(self, error: str | None) -> None:
        line = self.query_one("#query-error", Static)
        line.update(Text(error or ""))
        line.set_class(bool(error), "-on")

    def show_chip(self, label: str | None) -> None:
        chip = self.query_one("#chip", FilterChip)
        if label:
            text = Text(f" {label} ", style="reverse")
            text.append(" Esc ✕", "dim")
            chip.update(text)
        chip.set_class(bool(label), "-on")
