"""The engagement pane: the timeline of US–China military contacts, and the chosen one's brief.

The timeline lists reported engagements and, dimmed, those only mentioned as background, by
date. Enter posts `EngagementChosen`; the screen fetches the brief in a worker and hands it
to `BriefView`, which draws the paragraph with its numbered citations and source list.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from index.model import Brief, Engagement
from tui.messages import EngagementChosen
from tui.widgets.keys import VIM_MOTION
from tui.widgets.scrolling_text import ScrollingText
from tui.widgets.text import date_label

BRIEF_HINT = "Choose an engagement on the timeline (Enter) to read its brief."


def engagement_when(engagement: Engagement) -> str:
    if engagement.date is None:
        return "undated"
    day = engagement.date.isoformat()
    if engagement.date_precision == "month":
        day = day[:7]
    elif engagement.date_precision == "year":
        day = day[:4]
    return day + ("~" if engagement.date_inferred else "")


def engagement_prompt(engagement: Engagement) -> Text:
    text = Text(
        f"{engagement_when(engagement):<12}", style="bold" if engagement.reported else "dim"
    )
    text.append(engagement.title, "" if engagement.reported else "dim")
    if not engagement.reported:
        text.append("  mentioned", "dim italic")
    return text


class EngagementList(OptionList):
    """The timeline; option ids are engagement ids."""

    BINDINGS = [
        *VIM_MOTION,
        Binding("enter", "select", "Choose", id="open", tooltip="Show the engagement's brief"),
    ]

    def show(self, engagements: Sequence[Engagement], keep: str | None = None) -> None:
        with self.app.batch_update():
            self.clear_options()
            self.add_options([Option(engagement_prompt(e), id=e.id) for e in engagements])
            if engagements:
                ids = [e.id for e in engagements]
                self.highlighted = ids.index(keep) if keep in ids else 0

    def point_at(self, engagement_id: str) -> None:
        """Move the cursor to an engagement without redrawing the list."""
        try:
            self.highlighted = self.get_option_index(engagement_id)
        except Exception:  # OptionDoesNotExist: not on this timeline
            pass

    @property
    def current_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(EngagementChosen(event.option.id))


def brief_text(title: str, brief: Brief) -> Text:
    text = Text(title, style="bold")
    text.append("\n\n")
    for number, sentence in enumerate(brief.sentences):
        if number:
            text.append(" ")
        text.append(sentence.text)
        if sentence.sources:
            text.append(" " + "".join(f"[{n}]" for n in sentence.sources), "bold cyan")
    if brief.sources:
        text.append("\n\nSources", "bold")
    for source in brief.sources:
        text.append(f"\n[{source.n}] ", "bold")
        text.append(source.title)
        text.append(
            f" — {source.source or 'unknown source'}, {date_label(source.published)}", "dim"
        )
    return text


class EngagementPane(Vertical):
    """The timeline above the brief; `z` maximises the two together."""

    ALLOW_MAXIMIZE = True


class BriefView(ScrollingText):
    """One engagement's or story's brief, with its sources."""

    BODY_ID = "brief-body"

    def compose(self):
        yield Static(Text(BRIEF_HINT, style="dim"), id="brief-body")

    def show_hint(self, hint: str = BRIEF_HINT) -> None:
        self.query_one("#brief-body", Static).update(Text(hint, style="dim"))

    def show(self, title: str, brief: Brief) -> None:
        self.query_one("#brief-body", Static).update(brief_text(title, brief))
        self.scroll_home(animate=False)
