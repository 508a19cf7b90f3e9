"""The main text and metadata of an HTML page, read with the standard library's html.parser.

This module owns reading HTML: it keeps the text of block elements as paragraphs, drops
markup, scripts, styles, navigation, headers, footers, asides, forms and figures, and prefers
the content of `<article>` or `<main>` when the page has one. It reads `<title>` and the
`og:title`, `article:published_time`, `og:site_name` and `og:url` meta tags. It never fetches
anything: `src` and `href` attributes are not followed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Content of these elements is never article text. Figures hold photo captions and credits:
# dropped along with the image, as they are not reporting.
_SKIPPED = frozenset(
    {
        "script", "style", "noscript", "template", "nav", "header", "footer", "aside",
        "form", "button", "select", "option", "textarea", "svg", "canvas", "iframe",
        "object", "embed", "figure", "figcaption", "title", "menu", "dialog",
    }
)  # fmt: skip
# Ending one of these ends a paragraph.
_BLOCKS = frozenset(
    {
        "p", "div", "section", "article", "main", "body", "blockquote", "li", "ul", "ol",
        "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "tr", "td",
        "th", "br", "hr", "address", "center",
    }
)  # fmt: skip
# Void elements have no end tag, so they must not open a skipped region.
_VOID = frozenset(
    {
        "br",
        "hr",
        "img",
        "input",
        "meta",
        "link",
        "area",
        "base",
        "col",
        "wbr",
        "source",
        "track",
        "param",
        "embed",
    }
)
_MAIN_CONTAINERS = frozenset({"article", "main"})
_WHITESPACE = re.compile(r"\s+")

_META_KEYS = {
    "og:title": "title",
    "twitter:title": "title",
    "article:published_time": "date",
    "og:published_time": "date",
    "date": "date",
    "pubdate": "date",
    "publishdate": "date",
    "dc.date": "date",
    "og:site_name": "source",
    "og:url": "url",
}


@dataclass
class HtmlPage:
    """What a page yields: its paragraphs (main content if marked) and metadata tags."""

    paragraphs: list[str]
    meta: dict[str, str] = field(default_factory=dict)


class _MainTextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.all_blocks: list[str] = []
        self.main_blocks: list[str] = []
        self._skip_stack: list[str] = []
        self._main_depth = 0
        self._pre_depth = 0
        self._in_title = False
        self._title_parts: list[str] = []
        self._current: list[str] = []
        self._current_in_main = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            self._read_meta(attrs)
        elif tag == "link" and ("rel", "canonical") in attrs:
            href = dict(attrs).get("href")
            if href:
                self.meta.setdefault("url", href)
        if tag == "title":
            self._in_title = True
        if tag in _SKIPPED and tag not in _VOID:
            self._skip_stack.append(tag)
            return
        if tag in _BLOCKS:
            self._end_block()
        if tag in _MAIN_CONTAINERS:
            self._main_depth += 1
        if tag == "pre":
            self._pre_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/>, <meta .../>: never open a region that waits for an end tag.
        if tag == "meta":
            self._read_meta(attrs)
        elif tag in _BLOCKS:
            self._end_block()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if self._skip_stack:
            if tag in self._skip_stack:
                # Close the region even if inner tags were left open, as browsers do.
                while self._skip_stack and self._skip_stack.pop() != tag:
                    pass
            return
        if tag in _BLOCKS:
            self._end_block()
        if tag in _MAIN_CONTAINERS and self._main_depth:
            self._main_depth -= 1
        if tag == "pre" and self._pre_depth:
            self._pre_depth -= 1

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title_parts.append(data)
            return
        if self._skip_stack:
            return
        if not self._current:
            self._current_in_main = self._main_depth > 0
        if self._pre_depth:
            # Preformatted text keeps its line breaks; each line becomes its own block later.
            for line in data.split("\n"):
                self._current.append(line)
                self._end_block()
            return
        self._current.append(data)

    def close(self) -> None:
        super().close()
        self._end_block()
        title = _WHITESPACE.sub(" ", "".join(self._title_parts)).strip()
        if title:
            self.meta.setdefault("html_title", title)

    def _end_block(self) -> None:
        if not self._current:
            return
        text = _WHITESPACE.sub(" ", "".join(self._current)).strip()
        self._current = []
        if text:
            self.all_blocks.append(text)
            if self._current_in_main:
                self.main_blocks.append(text)

    def _read_meta(self, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        key = (values.get("property") or values.get("name") or values.get("itemprop") or "").lower()
        content = values.get("content")
        if key in _META_KEYS and content and content.strip():
            self.meta.setdefault(_META_KEYS[key], content.strip())


def read_html(text: str) -> HtmlPage:
    """Paragraphs and metadata of the page in `text`. May raise on pathological markup."""
    parser = _MainTextParser()
    parser.feed(text)
    parser.close()
    meta = dict(parser.meta)
    html_title = meta.pop("html_title", None)
    if html_title:
        meta.setdefault("title", html_title)
    paragraphs = parser.main_blocks or parser.all_blocks
    return HtmlPage(paragraphs=paragraphs, meta=meta)
