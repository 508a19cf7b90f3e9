"""The article list: newest first, or a search's hits ranked, or one row per story.

An `OptionList` with vim motions (after elia's chat list). It only shows what the screen
hands it and reports the cursor: `ArticleHighlighted` as the cursor moves, `ArticleOpened`
or `StoryOpened` on Enter. Option ids are prefixed (`a:` article, `s:` story) so the two
kinds of row never collide.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from index.model import ArticleSummary, Story
from index.search.queries import Hit
from tui.messages import ArticleHighlighted, ArticleOpened, StoryOpened
from tui.widgets.keys import VIM_MOTION
from tui.widgets.text import date_label, snippet_text

ARTICLE, STORY = "a:", "s:"


def article_prompt(summary: ArticleSummary | Hit) -> Text:
    text = Text(summary.title or "(untitled)", style="bold")
    text.append("\n")
    text.append(f"{date_label(summary.published)} · {summary.source or 'unknown source'}", "dim")
    if isinstance(summary, Hit) and summary.snippet:
        text.append("\n")
        text.append_text(snippet_text(summary.snippet, summary.highlights))
    return text


def story_prompt(story: Story) -> Text:
    count = len(story.articles)
    text = Text(story.title or "(untitled story)", style="bold")
    text.append("\n")
    text.append(f"{date_label(story.date)} · {count} article{'s' * (count != 1)}", "dim")
    return text


class ArticleList(OptionList):
    """Articles or stories; the cursor is the article the reader shows."""

    BINDINGS = [
        *VIM_MOTION,
        Binding("enter", "select", "Open", id="open", tooltip="Read the article under the cursor"),
    ]

    DEFAULT_CSS = """
    ArticleList > .option-list--option { padding: 0 1; }
    """

    def show_articles(self, rows: Sequence[ArticleSummary | Hit], keep: str | None = None) -> None:
        """Replace the rows; keep the cursor on article `keep` when it is still listed."""
        self._fill([Option(article_prompt(r), id=ARTICLE + r.id) for r in rows], keep)

    def show_stories(self, stories: Sequence[Story]) -> None:
        self._fill([Option(story_prompt(s), id=STORY + s.id) for s in stories], None)

    def _fill(self, options: list[Option], keep: str | None) -> None:
        with self.app.batch_update():
            self.clear_options()
            self.add_options(options)
            if not options:
                return
            index = 0
            if keep is not None:
                try:
                    index = self.get_option_index(ARTICLE + keep)
                except Exception:  # OptionDoesNotExist: the article left the list
                    index = 0
            self.highlighted = index

    @property
    def current_id(self) -> str | None:
        """The id (without prefix) of the row under the cursor."""
        option = self.highlighted_option
        return option.id[2:] if option is not None and option.id else None

    @property
    def showing_stories(self) -> bool:
        option = self.highlighted_option
        return bool(option is not None and option.id and option.id.startswith(STORY))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        option_id = event.option.id or ""
        if option_id.startswith(ARTICLE):
            self.post_message(ArticleHighlighted(option_id[2:]))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if option_id.startswith(ARTICLE):
            self.post_message(ArticleOpened(option_id[2:]))
        elif option_id.startswith(STORY):
            self.post_message(StoryOpened(option_id[2:]))
