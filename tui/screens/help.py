"""The help screen: every key the app answers to, as remapped by `config.yaml`, by binding id.

It reads the bindings from the classes that declare them, so it cannot drift from what the
keys really do, and shows each binding's id so users know what to write under `keys:`.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

INTRO = (
    "Search with /, move with j/k, read with Enter. Press e for the engagement timeline, Enter on "
    "one for its brief, c to copy it. Remap any key in config.yaml under `keys:` by its id."
)


def binding_rows(app) -> list[tuple[str, str, str]]:
    """(keys, description, id) for every binding with an id, in the order users meet them."""
    from tui.screens.main import MainScreen
    from tui.widgets.article_list import ArticleList
    from tui.widgets.search_box import SearchBox

    rows: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    sources = [
        ArticleList.BINDINGS,
        MainScreen.BINDINGS,
        SearchBox.BINDINGS,
        type(app).BINDINGS,
        HelpScreen.BINDINGS,
    ]
    keymap = getattr(app, "keymap", {})
    for bindings in sources:
        for binding in bindings:
            if not isinstance(binding, Binding) or not binding.id or binding.id in seen:
                continue
            seen.add(binding.id)
            keys = keymap.get(binding.id, binding.key)
            shown = ", ".join(
                app.get_key_display(Binding(key.strip(), binding.action)) for key in keys.split(",")
            )
            rows.append((shown, binding.tooltip or binding.description, binding.id))
    rows.append(("ctrl+p", "Command palette: every action, jump to an article or engagement", ""))
    rows.append(("↑ ↓ Home End", "Move in lists and scroll panes", ""))
    return rows


class HelpScreen(ModalScreen[None]):
    """A modal list of keys; any of Esc, ? or q closes it."""

    BINDINGS = [
        Binding(
            "escape,question_mark,q",
            "dismiss_help",
            "Close",
            id="close_help",
            tooltip="Close this help",
        ),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        overflow-x: hidden;
        width: 90%; max-width: 110; height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    """

    def compose(self) -> ComposeResult:
        table = Table(box=None, expand=True, show_header=True, header_style="bold", pad_edge=False)
        table.add_column("key", no_wrap=True)
        table.add_column("does", ratio=1)
        table.add_column("id (config.yaml keys:)", style="dim", no_wrap=True)
        for keys, does, binding_id in binding_rows(self.app):
            table.add_row(Text(keys, style="bold"), Text(does), Text(binding_id))
        with VerticalScroll() as scroll:
            scroll.border_title = "Keys"
            scroll.border_subtitle = "Esc closes"
            yield Static(Text(INTRO), id="help-intro")
            yield Static(table, id="help-keys")

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
