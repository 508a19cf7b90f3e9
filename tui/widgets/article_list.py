"""The article list: newest first, or a search's hits ranked, or one row per story.

An `OptionList` with vim motions (after elia's chat list). It only shows what the screen
hands it and reports the cursor: `ArticleHighlighted` as the cursor moves, `ArticleOpened`
or `StoryOpened` on Enter. Option ids are prefixed (`a:` article, `s:` story) so the two
kinds of row never collide.

Rows become options a page at a time, as the cursor or the scroll nears the last one made:
50,000 options took seconds and hundreds of megabytes to make, and a keystroke's hits were
mostly never looked at. When every row handed over is shown and the screen said more exist
(`more_rows`), the list asks for them with `MoreRowsWanted`.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from index.model import ArticleSummary, Story
from index.search.queries import Hit
from tui.messages import ArticleHighlighted, ArticleOpened, MoreRowsWanted, StoryOpened
from tui.widgets.keys import VIM_MOTION
from tui.widgets.text import date_label, snippet_text

ARTICLE, STORY = "a:", "s:"
PAGE = 50  # rows made at a time as the cursor nears the last made: a few screens' worth


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

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._rows: list[ArticleSummary | Hit | Story] = []
        self._prompt = article_prompt
        self._prefix = ARTICLE
        self.more_rows = False  # the screen can fetch rows past `_rows`
        self._asked_for_more = False

    def show_articles(
        self,
        rows: Sequence[ArticleSummary | Hit],
        keep: str | None = None,
        more_rows: bool = False,
    ) -> None:
        """Replace the rows; keep the cursor on article `keep` when it is still listed.
        `more_rows`: rows past these exist, and `MoreRowsWanted` will ask for them."""
        self._show(rows, article_prompt, ARTICLE, keep, more_rows)

    def show_stories(self, stories: Sequence[Story]) -> None:
        self._show(stories, story_prompt, STORY, None, False)

    def add_rows(self, rows: Sequence[ArticleSummary | Hit], more_rows: bool) -> None:
        """Rows the screen fetched after `MoreRowsWanted`."""
        self._rows.extend(rows)
        self.more_rows, self._asked_for_more = more_rows, False
        self._make_options(self.option_count + PAGE)

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def _show(self, rows, prompt, prefix: str, keep: str | None, more_rows: bool) -> None:
        # A copy: the screen goes on extending its own lists (a search's hits).
        self._rows, self._prompt, self._prefix = list(rows), prompt, prefix
        self.more_rows, self._asked_for_more = more_rows, False
        position = None
        if keep is not None:
            position = next((i for i, row in enumerate(rows) if row.id == keep), None)
        with self.app.batch_update():
            self.clear_options()
            around_kept = position + PAGE // 2 if position is not None else 0
            self._make_options(max(self._screenful(), around_kept))
            if rows:
                self.highlighted = position or 0

    def _screenful(self) -> int:
        """Rows to make when the list is replaced: enough to fill the pane even if every
        row is two lines, and at most a page. Each row made is laid out at once, and the
        list is replaced on every keystroke of a search: 50 rows were 8-12 ms of one."""
        height = self.scrollable_content_region.height
        return min(PAGE, height // 2 + 1) if height else PAGE

    def _make_options(self, up_to: int) -> None:
        made = self.option_count
        if up_to > made:
            prompt, prefix = self._prompt, self._prefix
            self.add_options(
                Option(prompt(row), id=prefix + row.id) for row in self._rows[made:up_to]
            )

    def _near_the_end(self, position: int) -> None:
        """Make the next page when `position` (a row index) nears the last option made."""
        if position < self.option_count - PAGE // 4:
            return
        if self.option_count < len(self._rows):
            self._make_options(self.option_count + PAGE)
        elif self.more_rows and not self._asked_for_more:
            self._asked_for_more = True
            self.post_message(MoreRowsWanted())

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if new_value >= self.max_scroll_y - self.scrollable_content_region.height:
            self._near_the_end(self.option_count)

    def action_last(self) -> None:
        self._make_options(len(self._rows))  # "G" goes to the real last row
        super().action_last()

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
        self._near_the_end(event.option_index)
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
