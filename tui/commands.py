"""The command palette (ctrl+p): every action by name, and jumps to an article or engagement.

Titles come from articles, so they are shown as plain `Content` with the fuzzy match styled
by offset, never parsed as markup (Textual's `Matcher.highlight` would parse them).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

ACTIONS = [
    ("Search", "search"),
    ("Copy the brief (plain text)", "copy_brief"),
    ("Copy the brief as Markdown", "copy_brief_markdown"),
    ("Copy the article's id and title", "copy_article"),
    ("Open the article's source URL", "open_url"),
    ("Go to the engagement timeline", "engagements"),
    ("Go to the entities", "entities"),
    ("Entities: corpus / this article", "entities_scope"),
    ("Group the list by story", "stories"),
    ("Clear the filter", "back"),
    ("Refresh the index", "refresh_index"),
    ("Rebuild the index from scratch", "refresh_index(True)"),
    ("Maximise or restore the focused pane", "toggle_maximize"),
    ("Collapse or show the side panes", "toggle_side"),
]


class BriefingCommands(Provider):
    """Actions of the main screen, then articles and engagements by title."""

    def _entries(self) -> list[tuple[str, Callable[[], object], str]]:
        screen = self.screen
        entries: list[tuple[str, Callable[[], object], str]] = []
        for name, action in ACTIONS:
            if screen.check_action(action.split("(")[0], ()) is not True:
                continue
            entries.append((name, _runner(screen, action), "action"))
        for engagement in getattr(screen, "engagement_list", []):
            when = engagement.date.isoformat() if engagement.date else "undated"
            entries.append(
                (
                    f"Engagement: {engagement.title} ({when})",
                    _call(screen.choose_engagement, engagement.id),
                    "show its articles and brief",
                )
            )
        for article in getattr(screen, "summaries", []):
            entries.append(
                (
                    f"Article: {article.title}",
                    _call(screen.jump_to_article, article.id),
                    f"{article.source or 'unknown source'}, {article.published or 'undated'}",
                )
            )
        return entries

    async def discover(self) -> Hits:
        for name, command, help_text in self._entries():
            if help_text == "action":
                yield DiscoveryHit(Content(name), command, text=name)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, command, help_text in self._entries():
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score, _highlight(matcher, query, name), command, text=name, help=help_text
                )


def _highlight(matcher, query: str, candidate: str) -> Content:
    content = Content(candidate)
    _, offsets = matcher.fuzzy_search.match(query, candidate)
    for offset in offsets:
        if not candidate[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def _runner(screen, action: str) -> Callable[[], object]:
    return lambda: screen.run_action(action)


def _call(function, *args) -> Callable[[], object]:
    return lambda: function(*args)
