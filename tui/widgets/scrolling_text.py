"""A focusable pane that scrolls one block of text with the shared vim motions.

The reader and the brief view are both this: one `Static` body, j/k/g/G scrolling it, and
`plain` for tests and copying. Each subclass names its body with `BODY_ID`.
"""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.widgets.keys import VIM_MOTION


class ScrollingText(VerticalScroll, can_focus=True):
    BODY_ID = "body"
    BINDINGS = [*VIM_MOTION]

    @property
    def body(self) -> Static:
        return self.query_one(f"#{self.BODY_ID}", Static)

    @property
    def plain(self) -> str:
        """The text on show, for tests and for copying."""
        content = self.body.content
        return content.plain if isinstance(content, Text) else str(content)

    def action_cursor_down(self) -> None:
        self.scroll_down(animate=False)

    def action_cursor_up(self) -> None:
        self.scroll_up(animate=False)

    def action_first(self) -> None:
        self.scroll_home(animate=False)

    def action_last(self) -> None:
        self.scroll_end(animate=False)
