"""The reader: one article's paragraphs, boilerplate greyed, search terms and entities marked.

The article arrives as plain data and is drawn as a `rich.text.Text` built from its plain
characters, so markup-looking text in an article shows literally. The pane scrolls with
the same vim motions as the lists.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.widgets import Static

from index.model import Article
from tui.widgets.scrolling_text import ScrollingText
from tui.widgets.text import BOILERPLATE_STYLE, ENTITY_STYLE, HIT_STYLE, date_label, mark_words

EMPTY = "No article open. Move the cursor in the list, or press / to search."


def article_text(article: Article, terms: Iterable[str] = (), names: Iterable[str] = ()) -> Text:
    text = Text(article.title or "(untitled)", style="bold")
    meta = [date_label(article.published), article.source or "unknown source"]
    if article.dateline:
        meta.append(article.dateline)
    text.append("\n" + " · ".join(meta), "dim")
    if article.url:
        text.append("\n" + article.url, "dim underline")
    for paragraph in article.paragraphs:
        text.append("\n\n")
        text.append(paragraph.text, BOILERPLATE_STYLE if paragraph.boilerplate else "")
    mark_words(text, names, ENTITY_STYLE)
    mark_words(text, terms, HIT_STYLE)
    return text


class Reader(ScrollingText):
    """A scrolling view of one article."""

    ALLOW_MAXIMIZE = True
    BODY_ID = "reader-body"

    DEFAULT_CSS = """
    Reader > #reader-body { padding: 0 1; }
    """

    def compose(self):
        yield Static(Text(EMPTY, style="dim"), id="reader-body")

    def show(self, article: Article | None, terms: Iterable[str] = (), names=()) -> None:
        body = self.query_one("#reader-body", Static)
        if article is None:
            body.update(Text(EMPTY, style="dim"))
        else:
            body.update(article_text(article, terms, names))
        self.scroll_home(animate=False)
