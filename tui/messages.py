"""The messages of the app: what widgets tell the screen, and what workers report back.

Widgets post small dataclass messages about what the user did (attributes down, messages
up); thread workers post their results the same way, so the app handles both on its own
thread. Progress messages coalesce (`can_replace`) so a fast refresh never floods the queue.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from index.model import Brief
    from index.pipeline import IndexReport
    from index.search.queries import SearchResult

# -- what the user did -------------------------------------------------------------------------


@dataclass
class ArticleHighlighted(Message):
    """The list cursor rests on an article: show it in the reader."""

    article_id: str


@dataclass
class ArticleOpened(Message):
    """Enter on an article: read it."""

    article_id: str


@dataclass
class StoryOpened(Message):
    """Enter on a story row of the grouped list: show its articles and its brief."""

    story_id: str


@dataclass
class EntityChosen(Message):
    """An entity was chosen in the entities pane: filter the list to its articles."""

    name: str
    type: str


@dataclass
class EngagementChosen(Message):
    """An engagement was chosen on the timeline: show its articles and its brief."""

    engagement_id: str


@dataclass
class FilterRemoved(Message):
    """The filter chip was clicked away."""


# -- what the workers found --------------------------------------------------------------------


@dataclass
class SearchFinished(Message):
    """Hits for a query, ranked."""

    result: SearchResult


@dataclass
class SuggestionFound(Message):
    """A "did you mean" for a query that matched nothing, after its empty list was shown."""

    query: str
    suggestion: str


@dataclass
class MoreHits(Message):
    """The next page of a query's hits."""

    query: str
    hits: list
    more: bool


@dataclass
class MoreRowsWanted(Message):
    """The article list showed every row it has, and the screen said more exist."""


@dataclass
class SearchFailed(Message):
    """A query the index could not run; `error` is the one line to show under the box."""

    query: str
    error: str


@dataclass
class RefreshProgress(Message):
    """One more article read by a refresh. Newer progress replaces older in the queue."""

    done: int
    total: int
    path: str

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, RefreshProgress)


@dataclass
class RefreshSearchable(Message):
    """A refresh has committed its new articles; the full analysis may still run on."""


@dataclass
class RefreshStage(Message):
    """A refresh has read its files and started the step `name` ("grouping stories")."""

    name: str


@dataclass
class RefreshFinished(Message):
    """A refresh is done; the list, entities and engagements must be reloaded."""

    report: IndexReport


@dataclass
class BriefReady(Message):
    """The brief of an engagement or story, composed in a worker."""

    subject: str
    brief: Brief


@dataclass
class CopyReady(Message):
    """Text to put on the clipboard; `what` says what it is, for the notification."""

    text: str
    what: str
