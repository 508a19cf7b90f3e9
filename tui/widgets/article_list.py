"""The article list: newest first, or a search's hits ranked, or one row per story.

An `OptionList` with vim motions (after elia's chat list). It only shows what the screen
hands it and reports the cursor: `ArticleHighlighted` as the cursor moves, `ArticleOpened`
or `StoryOpened` on Enter. Option ids are prefixed (`a:` article, `s:` story) so the two
kinds of row never collide.

Rows become options a page at a time, as the cursor or the scroll nears the last one made:
50,000 options took seconds and hundreds of megabytes to make, and a keystroke's hits were
mostly never looked at. When every row handed over is shown and the screen said more exist
(`more_rows`), the list asks for them with `MoreRowsWanted`.

The options are a window on the rows, which need not start at the first: a list replaced
with its cursor kept on a row deep in it (a search cleared, an article jumped to, the
corpus reloaded), or sent to the last row, makes the rows around that one only. Textual
lays out every option it is given, about 0.08 ms each: keeping row 30,000 of a 50k list
made 30,000 options, and the app stood still for 2.5 s. The window grows upward a page at a
time as the cursor or the scroll nears its first row.
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
        self._start = 0  # the row of the first option
        self._moving_window = False  # its options are being replaced

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
        row = position or 0
        start = max(0, row - PAGE // 2)
        self._make_window(start, max(row + PAGE // 2, start + self._screenful()), row)

    def _make_window(self, start: int, end: int, cursor: int) -> None:
        """Options for the rows from `start` to `end`, the cursor on row `cursor`."""
        self._moving_window = True  # clearing the options scrolls to the top
        try:
            with self.app.batch_update():
                self.clear_options()
                self._start = start
                self._make_options(end - start)
                if self._rows:
                    self.highlighted = cursor - start
        finally:
            self._moving_window = False

    def _screenful(self) -> int:
        """Rows to make when the list is replaced: enough to fill the pane even if every
        row is two lines, and at most a page. Each row made is laid out at once, and the
        list is replaced on every keystroke of a search: 50 rows were 8-12 ms of one."""
        height = self.scrollable_content_region.height
        return min(PAGE, height // 2 + 1) if height else PAGE

    def _make_options(self, up_to: int) -> None:
        """Options up to `up_to` of them, for the rows from the window's start on."""
        made, start = self.option_count, self._start
        if up_to > made:
            prompt, prefix = self._prompt, self._prefix
            self.add_options(
                Option(prompt(row), id=prefix + row.id)
                for row in self._rows[start + made : start + up_to]
            )

    def _near_the_end(self, position: int) -> None:
        """Make the next page when `position` (an option index) nears the last one made."""
        if position < self.option_count - PAGE // 4:
            return
        if self._start + self.option_count < len(self._rows):
            self._make_options(self.option_count + PAGE)
        elif self.more_rows and not self._asked_for_more:
            self._asked_for_more = True
            self.post_message(MoreRowsWanted())

    def _near_the_start(self, position: int) -> None:
        """Make the page above when `position` (an option index) nears the window's first
        row and rows lie above it. The cursor stays on its row."""
        if self._start == 0 or position >= PAGE // 4:
            return
        row = self._start + position
        # Rows far below the cursor go: the window's cost stays a few pages.
        end = min(self._start + self.option_count, row + 2 * PAGE)
        self._make_window(max(0, self._start - PAGE), end, row)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if new_value >= self.max_scroll_y - self.scrollable_content_region.height:
            self._near_the_end(self.option_count)
        elif new_value <= 0 < self._start and new_value < old_value and not self._moving_window:
            self._scrolled_above_the_window()

    def _scrolled_above_the_window(self) -> None:
        """The scroll (not the cursor) reached the window's first row: make the page above
        and keep in view the row that was at the top."""
        top_row, cursor = self._start, self._start + (self.highlighted or 0)
        self._make_window(max(0, top_row - PAGE), top_row + self.option_count, cursor)
        line = self._index_to_line.get(top_row - self._start, 0)
        self.scroll_to(y=line, animate=False, immediate=True)

    def action_first(self) -> None:
        if self._start > 0:  # "g" goes to the real first row
            self._make_window(0, self._screenful(), 0)
        super().action_first()

    def action_last(self) -> None:
        # "G" goes to the real last row, with only the page above it made.
        last = len(self._rows) - 1
        if self._start + self.option_count <= last:
            self._make_window(max(0, last - PAGE), last + 1, last)
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
        self._near_the_start(event.option_index)
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
