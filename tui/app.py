"""The Textual application: one factory shared by the CLI and the tests, the clipboard, keys.

`create_app` builds the app on a `Briefing` (or on a start-up error to show); `run_app` runs
it and returns the exit code. The app owns the keymap from `config.yaml`, the help screen,
the clipboard (`copy_text` is the one way anything is copied: OSC 52 to the terminal, then
the system clipboard tool in a thread, then one notification saying where it went), and
when full garbage collections run (`tui.garbage_collection`: when input pauses).
"""

from __future__ import annotations

from textual import events, work
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from index.clipboard import copy_to_system_clipboard
from tui.garbage_collection import CHECK_SECONDS, IdleCollector
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen


class BriefingApp(App[int]):
    """Read a corpus of articles and copy sourced briefs, from the keyboard."""

    CSS_PATH = "app.tcss"
    TITLE = "briefing"
    ENABLE_COMMAND_PALETTE = True
    NOTIFICATION_TIMEOUT = 6

    BINDINGS = [
        Binding("question_mark", "help", "Keys", id="help", tooltip="Show every key and its id"),
        Binding("q", "quit", "Quit", id="quit", tooltip="Quit briefing"),
    ]

    def __init__(self, briefing, startup_error: str | None = None, system_clipboard=None) -> None:
        super().__init__()
        self.briefing = briefing
        self.startup_error = startup_error
        self.keymap: dict[str, str] = dict(briefing.config.keys) if briefing is not None else {}
        # Tests swap this out so a copy never touches the machine's real clipboard.
        self.system_clipboard = system_clipboard or copy_to_system_clipboard
        self.idle_collector = IdleCollector()

    def get_default_screen(self) -> Screen:
        return MainScreen(self.briefing, self.startup_error)

    def on_mount(self) -> None:
        if self.keymap:
            self._check_keymap()
            self.set_keymap(self.keymap)
        self.idle_collector.start()
        self.set_interval(CHECK_SECONDS, self.idle_collector.collect_if_due)

    def on_unmount(self) -> None:
        self.idle_collector.stop()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self.idle_collector.input_seen()
        await super().on_event(event)

    def _check_keymap(self) -> None:
        from tui.screens.help import binding_rows

        known = {binding_id for _, _, binding_id in binding_rows(self) if binding_id}
        unknown = sorted(set(self.keymap) - known)
        if unknown:
            self.notify(
                f"config keys: unknown binding id {', '.join(unknown)} (press ? for the ids)",
                severity="warning",
                markup=False,
            )

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    # -- the clipboard -------------------------------------------------------------------------

    def copy_text(self, text: str, what: str) -> None:
        """Copy `text` everywhere we can and say so; `what` names it for the user."""
        self.copy_to_clipboard(text)  # OSC 52: reaches the user's terminal, over ssh and tmux
        self._copy_to_system(text, what)

    @work(thread=True, exit_on_error=False, group="clipboard")
    def _copy_to_system(self, text: str, what: str) -> None:
        try:
            tool = self.system_clipboard(text)
        except Exception:  # a broken clipboard tool must not lose the OSC 52 copy
            tool = None
        self.call_from_thread(self._copied, text, what, tool)

    def _copied(self, text: str, what: str, tool: str | None) -> None:
        where = "the terminal clipboard (OSC 52)"
        if tool:
            where += f" and {tool}"
        message = f"Copied {what} ({len(text)} characters) to {where}"
        self.notify(message, title="Copied", markup=False)
        screen = self.screen
        if isinstance(screen, MainScreen):
            screen.status.last = f"copied {what}"


def create_app(briefing, startup_error: str | None = None, system_clipboard=None) -> BriefingApp:
    """The one way to build the app: used by `run_app`, the Pilot tests and the snapshots."""
    return BriefingApp(briefing, startup_error=startup_error, system_clipboard=system_clipboard)


def run_app(briefing, startup_error: str | None = None) -> int:
    app = create_app(briefing, startup_error)
    app.run()
    return app.return_code or 0
