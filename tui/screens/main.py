"""The main screen: the list, the reader, entities, engagements, search and status, wired up.

It owns the reading state (the query and its hits, the filter, the open article, the chosen
engagement or story) and is the only place that calls the `Briefing` facade. Widgets post
messages about what the user did; slow calls (loading, search as you type, briefs, refresh)
run in named thread workers whose failures all land in `on_worker_state_changed`.
"""

from __future__ import annotations

import contextlib
import time
import webbrowser
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Input
from textual.worker import Worker, WorkerState, get_current_worker

from index.errors import BriefingError, QueryError
from index.model import Article, ArticleSummary, Brief, Engagement, Entity, Story
from index.search.queries import SearchResult
from tui.commands import BriefingCommands
from tui.garbage_collection import freeze_loaded, thaw_before_load
from tui.messages import (
    ArticleHighlighted,
    ArticleOpened,
    BriefReady,
    CopyReady,
    EngagementChosen,
    EntityChosen,
    FilterRemoved,
    MoreHits,
    MoreRowsWanted,
    RefreshFinished,
    RefreshProgress,
    RefreshSearchable,
    RefreshStage,
    SearchFailed,
    SearchFinished,
    StoryOpened,
    SuggestionFound,
)
from tui.typing_pace import TypingPace
from tui.widgets.article_list import PAGE, ArticleList
from tui.widgets.engagements import (
    BriefView,
    EngagementList,
    EngagementPane,
    engagement_when,
)
from tui.widgets.entities import EntityTree
from tui.widgets.reader import Reader
from tui.widgets.search_box import SearchBox, SearchRow
from tui.widgets.status import StatusLine
from tui.widgets.text import words_at

if TYPE_CHECKING:
    from index.pipeline import IndexReport

START_HINT = "e: timeline and briefs · /: search · ?: keys"
SEARCH_HINT = "type a query · Enter or ↓ goes to the list · Esc leaves the box"
NARROW_BELOW = 120  # columns: below this the side panes open one at a time over the reader
LIST_PAGE = PAGE  # hits asked for per keystroke, and per page as the list scrolls
SNIPPET_ROWS = 20  # hits of the first page with a snippet: a tall terminal's worth of rows


def _key(key: str, action: str, description: str, binding_id: str, tooltip: str, show=True):
    """A binding with the id users remap it by in `config.yaml`, and a tooltip for `?`."""
    return Binding(key, action, description, show=show, id=binding_id, tooltip=tooltip)


@dataclass
class Scope:
    """What the list is narrowed to besides the query: an entity, engagement or story."""

    kind: str
    id: str
    label: str
    articles: list[str] = field(default_factory=list)


class MainScreen(Screen):
    """Everything the reader sees at once."""

    AUTO_FOCUS = "#articles"
    COMMANDS = {BriefingCommands}

    BINDINGS = [
        _key("slash", "search", "Search", "search", "Type a query; results update as you type"),
        _key(
            "escape",
            "back",
            "Back",
            "back",
            "Leave the search box, restore a pane, or clear the filter",
            show=False,
        ),
        _key("tab", "next_pane", "Next pane", "next_pane", "Move to the next pane", show=False),
        _key(
            "shift+tab",
            "previous_pane",
            "Previous pane",
            "previous_pane",
            "Move to the previous pane",
            show=False,
        ),
        _key("e", "engagements", "Engagements", "engagements", "Go to the engagement timeline"),
        _key("n", "entities", "Entities", "entities", "Go to the entities tree", show=False),
        _key(
            "a",
            "entities_scope",
            "This article's entities",
            "entities_scope",
            "Switch the entities tree between the corpus and the open article",
            show=False,
        ),
        _key(
            "s",
            "stories",
            "Stories",
            "stories",
            "Group the list by story (one row per story), or ungroup it",
            show=False,
        ),
        _key(
            "c",
            "copy_brief",
            "Copy brief",
            "copy_brief",
            "Copy the chosen engagement's brief with its sources, as plain text",
        ),
        _key(
            "C",
            "copy_brief_markdown",
            "Copy Markdown",
            "copy_brief_markdown",
            "Copy the brief as Markdown with footnotes",
            show=False,
        ),
        _key(
            "y",
            "copy_article",
            "Copy id",
            "copy_article",
            "Copy the open article's id and title",
            show=False,
        ),
        _key(
            "o",
            "open_url",
            "Open URL",
            "open_url",
            "Open the article's source URL in the browser",
            show=False,
        ),
        _key(
            "r",
            "refresh_index",
            "Refresh",
            "refresh",
            "Bring the index up to date with the corpus folder",
            show=False,
        ),
        _key(
            "z",
            "toggle_maximize",
            "Maximise",
            "maximize",
            "Maximise the focused pane, or restore it",
            show=False,
        ),
        _key(
            "x",
            "toggle_side",
            "Side panes",
            "collapse",
            "Collapse or show the entities and engagement panes",
            show=False,
        ),
    ]

    # Narrow layout only: which side pane is open over the reader ("", entities, engagements).
    side: reactive[str] = reactive("", bindings=True)
    collapsed: reactive[bool] = reactive(False)
    grouped: reactive[bool] = reactive(False, bindings=True)
    refreshing: reactive[bool] = reactive(False, bindings=True)

    def __init__(self, briefing, startup_error: str | None = None) -> None:
        super().__init__()
        self.briefing = briefing
        self.startup_error = startup_error
        self.summaries: list[ArticleSummary] = []
        self.entity_list: list[Entity] = []
        self.engagement_list: list[Engagement] = []
        self.story_list: list[Story] = []
        self.query_text = ""
        self.typing_pace = TypingPace()
        self.result: SearchResult | None = None
        self.scope: Scope | None = None
        self.article: Article | None = None
        # Files read by the refresh under way, for its status once it analyses and writes.
        self._files_read = 0
        self.subject: tuple[str, str] | None = None  # (engagement or story id, title)
        self.briefs: dict[str, Brief] = {}
        self.entities_of_article = False
        self.keep_id: str | None = None  # the article to keep the cursor on across a reload

    # -- layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield SearchRow()
        with Horizontal(id="panes"):
            yield ArticleList(id="articles", classes="pane")
            yield Reader(id="reader", classes="pane")
            with Vertical(id="side"):
                yield EntityTree(id="entities", classes="pane")
                with EngagementPane(id="engagement-pane", classes="pane"):
                    yield EngagementList(id="timeline")
                    yield BriefView(id="brief")
        yield StatusLine(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#articles").border_title = "Articles"
        self.query_one("#reader").border_title = "Reader"
        self.query_one("#entities").border_title = "Entities · corpus"
        self.query_one("#engagement-pane").border_title = "Engagements"
        status = self.status
        if self.startup_error or self.briefing is None:
            self._show_failure(self.startup_error or "no briefing configured")
            return
        status.corpus = "loading…"
        status.state = "opening the index"
        self.load()

    def _no_index(self) -> None:
        self.status.state = "no index yet"
        self.reader.query_one("#reader-body").update(
            Text("No index yet: building it from the corpus. The list fills in when it is done.")
        )
        self.action_refresh_index()

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW_BELOW, "-narrow")

    def watch_side(self, side: str) -> None:
        self.set_class(bool(side), "-side-open")
        self.set_class(side == "entities", "-side-entities")
        self.set_class(side == "engagements", "-side-engagements")

    def watch_collapsed(self, collapsed: bool) -> None:
        self.set_class(collapsed, "-collapsed")

    @property
    def status(self) -> StatusLine:
        return self.query_one(StatusLine)

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def reader(self) -> Reader:
        return self.query_one(Reader)

    @property
    def narrow(self) -> bool:
        return self.has_class("-narrow")

    def _show_failure(self, message: str) -> None:
        self.status.state = "not available"
        self.status.last = message
        self.reader.query_one("#reader-body").update(
            Text.assemble(("briefing cannot open the corpus or its index\n\n", "bold"), message)
        )

    # -- loading -------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def load(self) -> None:
        """Read the list, entities, engagements and stories (from the analysis cache)."""
        if not self.briefing.has_index:
            self.app.call_from_thread(self._no_index)
            return
        thaw_before_load()
        data = (
            self.briefing.articles(),
            self.briefing.entities(),
            self.briefing.engagements(),
            self.briefing.stories(),
        )
        self.app.call_from_thread(self._loaded, *data)
        with contextlib.suppress(BriefingError):  # a search will report it
            self.briefing.prepare_search()
        freeze_loaded()

    def _loaded(self, summaries, entities, engagements, stories) -> None:
        self.summaries, self.entity_list = summaries, entities
        self.engagement_list, self.story_list = engagements, stories
        count = len(summaries)
        self.status.corpus = f"{count} article{'s' * (count != 1)}"
        if not self.refreshing:  # else the refresh's step stays in view
            self.status.state = "index ready"
        self.briefs.clear()
        self.query_one(EngagementList).show(
            engagements, keep=self.subject[0] if self.subject else None
        )
        self._show_entities()
        self._refill()
        if self.query_text:
            self.search(self.query_text)  # the hits came from the index before the refresh
        if not self.status.last:
            self.status.last = START_HINT
        self.refresh_bindings()

    # -- the list ------------------------------------------------------------------------------

    def _refill(self) -> None:
        """Redraw the list from the query, its hits, the scope and the grouping."""
        articles = self.article_list
        if self.grouped:
            articles.show_stories(self.story_list)
            articles.border_title = f"Stories · {len(self.story_list)}"
            self._show_filter()
            return
        rows: Sequence = self.summaries
        more_rows = False
        result = self.result if self.query_text else None
        if result is not None:
            rows = result.hits
            more_rows = result.total > len(result.hits)
        if self.scope is not None:
            allowed = set(self.scope.articles)
            rows = [row for row in rows if row.id in allowed]
            more_rows = False  # a scoped search asks for `search_limit` hits at once
        keep = self.article.id if self.article else self.keep_id
        articles.show_articles(rows, keep=keep, more_rows=more_rows)
        articles.border_title = self._list_title(len(rows))
        if not rows:
            hint = "Nothing matches."
            if self.result is not None and self.result.suggestion:
                hint += f" Did you mean: {self.result.suggestion}?"
            articles.border_subtitle = hint
            self.reader.show(None)
            self.article = None
        else:
            articles.border_subtitle = ""
        self._show_filter()
        self.refresh_bindings()

    def _list_title(self, rows: int) -> str:
        result = self.result if self.query_text else None
        if result is None:
            return f"Articles · {rows}"
        title = f"Hits · {rows}"
        if result.total > rows or self.scope is not None:
            title += f" of {result.total}"
        return title

    def _show_filter(self) -> None:
        parts = []
        if self.query_text:
            parts.append(f"search: {self.query_text}")
        if self.scope is not None:
            parts.append(f"{self.scope.kind}: {self.scope.label}")
        if self.grouped:
            parts.append("grouped by story")
        self.status.filter = " + ".join(parts) if parts else "all articles"
        self.query_one(SearchRow).show_chip(
            f"{self.scope.kind}: {self.scope.label}" if self.scope else None
        )

    def _set_scope(self, scope: Scope | None) -> None:
        self.scope = scope
        self.grouped = False
        self._refill()

    # -- what the user did ---------------------------------------------------------------------

    @on(ArticleHighlighted)
    def _article_highlighted(self, message: ArticleHighlighted) -> None:
        self._open_article(message.article_id)

    @on(ArticleOpened)
    def _article_opened(self, message: ArticleOpened) -> None:
        self._open_article(message.article_id)
        if self.narrow:
            self.side = ""
        self.set_focus(self.reader)

    def _open_article(self, article_id: str) -> None:
        if self.article is not None and self.article.id == article_id:
            return
        try:
            article = self.briefing.article(article_id)
            names = self._names_in(article_id)
        except BriefingError as error:
            self._report(str(error), error=True)
            return
        self.article = article
        terms = set()
        if self.result is not None and self.query_text:
            for hit in self.result.hits:
                terms |= words_at(hit.snippet, hit.highlights)
        self.reader.show(article, terms, names)
        self.reader.border_title = f"Reader · {article.source or 'unknown source'}"
        if self.entities_of_article:
            self._show_entities()
        # Point the timeline at the engagement this article reports, so `e` lands on it.
        for engagement in self.engagement_list:
            if article_id in engagement.articles:
                self.query_one(EngagementList).point_at(engagement.id)
                break
        self.refresh_bindings()

    def _names_in(self, article_id: str) -> list[str]:
        names: list[str] = []
        for entity in self.briefing.entities(article=article_id):
            names.append(entity.name)
            names.extend(entity.aliases)
        return names

    @on(StoryOpened)
    def _story_opened(self, message: StoryOpened) -> None:
        story = next((s for s in self.story_list if s.id == message.story_id), None)
        if story is None:
            return
        self.subject = (story.id, story.title)
        self._set_scope(Scope("story", story.id, story.title, list(story.articles)))
        self._request_brief(story.id, story.title)
        if self.narrow:
            self.side = "engagements"  # where the brief is drawn

    @on(EntityChosen)
    def _entity_chosen(self, message: EntityChosen) -> None:
        entity = next((e for e in self.entity_list if e.name == message.name), None)
        if entity is None:
            return
        self._set_scope(Scope(entity.type, entity.name, entity.name, list(entity.mentions)))
        self._report(f"filtered to {entity.name}: {len(entity.mentions)} articles")
        if self.narrow:
            self.side = ""
        self.set_focus(self.article_list)

    @on(FilterRemoved)
    def _filter_removed(self) -> None:
        if self.scope is not None:
            label = self.scope.label
            self._set_scope(None)
            self._report(f"filter cleared ({label})")

    @on(EngagementChosen)
    def _engagement_chosen(self, message: EngagementChosen) -> None:
        self.choose_engagement(message.engagement_id)

    def choose_engagement(self, engagement_id: str) -> None:
        engagement = next((e for e in self.engagement_list if e.id == engagement_id), None)
        if engagement is None:
            return
        title = f"{engagement_when(engagement)} {engagement.title}"
        self.subject = (engagement.id, title)
        self.query_one(EngagementList).point_at(engagement.id)
        articles = [*engagement.articles, *engagement.mentioned_in]
        self._set_scope(Scope("engagement", engagement.id, engagement.title, articles))
        self._request_brief(engagement.id, title)

    def jump_to_article(self, article_id: str) -> None:
        """Show one article, wherever it is: clears filters that would hide it."""
        if article_id not in {row.id for row in self.summaries}:
            return
        if self.scope is not None and article_id not in self.scope.articles:
            self.scope = None
        if self.query_text:
            self.query_text, self.result = "", None
            self.query_one(SearchBox).value = ""
        self.grouped = False
        self._open_article(article_id)
        self._refill()
        self.set_focus(self.reader)

    # -- search --------------------------------------------------------------------------------

    @on(Input.Changed, "#search")
    def _query_changed(self, event: Input.Changed) -> None:
        text = event.value.strip()
        if not text:
            self.workers.cancel_group(self, "search")
            self.query_text, self.result = "", None
            self.query_one(SearchRow).show_error(None)
            self._refill()
            return
        self.status.last = "searching…"
        self.search(text, wait=self.typing_pace.wait_before_search())

    def on_descendant_focus(self, event) -> None:
        if isinstance(event.widget, SearchBox):
            self.status.last = SEARCH_HINT

    def on_descendant_blur(self, event) -> None:
        if isinstance(event.widget, SearchBox) and self.status.last == SEARCH_HINT:
            self.status.last = ""

    @on(Input.Submitted, "#search")
    def _query_submitted(self) -> None:
        self.set_focus(self.article_list)

    @work(thread=True, exclusive=True, exit_on_error=False, group="search")
    def search(self, text: str, wait: float = 0.0) -> None:
        """The first page of hits with the count of every match, then (the list already
        shown) a "did you mean" when nothing matched: it tries edits of every word.
        `wait`: seconds in which a newer keystroke may cancel this search before it runs."""
        if wait:
            time.sleep(wait)
        worker = get_current_worker()
        if worker.is_cancelled:
            return
        limit = self.briefing.config.search_limit if self.scope is not None else LIST_PAGE
        try:
            result = self.briefing.search(text, limit=limit, suggest=False, snippets=SNIPPET_ROWS)
        except QueryError as error:
            self.post_message(SearchFailed(text, str(error)))
            return
        if worker.is_cancelled:
            return
        self.post_message(SearchFinished(result))
        if result.total:
            return
        suggestion = self.briefing.suggest(text)
        if suggestion and not worker.is_cancelled:
            self.post_message(SuggestionFound(text, suggestion))

    @on(SearchFinished)
    def _search_finished(self, message: SearchFinished) -> None:
        if message.result.query.strip() != self.query_one(SearchBox).value.strip():
            return  # typing moved on
        self.query_text, self.result = message.result.query.strip(), message.result
        self.grouped = False
        self.query_one(SearchRow).show_error(None)
        self._refill()
        total = message.result.total
        self.status.last = f"{total} hit{'s' * (total != 1)}"

    @on(SuggestionFound)
    def _suggestion_found(self, message: SuggestionFound) -> None:
        if self.result is None or message.query.strip() != self.query_text:
            return
        self.result.suggestion = message.suggestion
        self.status.last += f"; did you mean {message.suggestion}?"
        self.article_list.border_subtitle = f"Nothing matches. Did you mean: {message.suggestion}?"

    @on(MoreRowsWanted)
    def _more_rows_wanted(self, message: MoreRowsWanted) -> None:
        if self.query_text and self.result is not None and self.scope is None:
            self.fetch_more_hits(self.query_text, len(self.result.hits))

    @work(thread=True, exclusive=True, exit_on_error=False, group="more")
    def fetch_more_hits(self, text: str, have: int) -> None:
        """The next page of hits, with snippets for it."""
        try:
            result = self.briefing.search(
                text,
                limit=have + LIST_PAGE,
                suggest=False,
                snippets=LIST_PAGE,
                snippets_from=have,
            )
        except QueryError:
            return
        hits = result.hits[have:]
        self.post_message(MoreHits(text, hits, more=len(result.hits) == have + LIST_PAGE))

    @on(MoreHits)
    def _more_hits(self, message: MoreHits) -> None:
        if self.result is None or message.query != self.query_text:
            return
        self.result.hits.extend(message.hits)
        more = message.more and self.result.total > len(self.result.hits)
        self.article_list.add_rows(message.hits, more)
        self.article_list.border_title = self._list_title(self.article_list.row_count)

    @on(SearchFailed)
    def _search_failed(self, message: SearchFailed) -> None:
        if message.query != self.query_one(SearchBox).value.strip():
            return
        self.query_one(SearchRow).show_error(message.error)
        self.status.last = "query error"

    # -- briefs and copying --------------------------------------------------------------------

    def _request_brief(self, subject_id: str, title: str) -> None:
        brief = self.briefs.get(subject_id)
        view = self.query_one(BriefView)
        view.border_title = "Brief"
        if brief is not None:
            view.show(title, brief)
        else:
            view.show_hint(f"Composing the brief of {title}…")
            self.compose_brief(subject_id)
        self.refresh_bindings()

    @work(thread=True, exclusive=True, exit_on_error=False, group="brief")
    def compose_brief(self, subject_id: str) -> None:
        brief = self.briefing.brief(subject_id)
        self.post_message(BriefReady(subject_id, brief))

    @on(BriefReady)
    def _brief_ready(self, message: BriefReady) -> None:
        self.briefs[message.subject] = message.brief
        if self.subject and self.subject[0] == message.subject:
            self.query_one(BriefView).show(self.subject[1], message.brief)
            count = len(message.brief.sources)
            self._report(f"brief ready: {count} source{'s' * (count != 1)} · c copies it")

    @work(thread=True, exit_on_error=False, group="copy")
    def copy_brief(self, subject_id: str, title: str, fmt: str) -> None:
        brief = self.briefs.get(subject_id) or self.briefing.brief(subject_id)
        text = self.briefing.render_brief(brief, fmt)
        what = f"the brief of {title}" + (" as Markdown" if fmt == "markdown" else "")
        self.post_message(CopyReady(text, what))

    @on(CopyReady)
    def _copy_ready(self, message: CopyReady) -> None:
        self.app.copy_text(message.text, message.what)

    # -- refresh -------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="refresh")
    def refresh_index(self, rebuild: bool = False) -> None:
        worker = get_current_worker()

        def progress(done: int, total: int, path: str) -> None:
            self.post_message(RefreshProgress(done, total, path))

        def stage(name: str) -> None:
            self.post_message(RefreshStage(name))

        # In a process of its own: this one has threads, so it could not fork workers.
        report = self.briefing.refresh(
            rebuild=rebuild,
            progress=progress,
            stage=stage,
            searchable=lambda: self.post_message(RefreshSearchable()),
            cancelled=lambda: worker.is_cancelled,
            apart=True,
        )
        self.post_message(RefreshFinished(report))

    @on(RefreshProgress)
    def _refresh_progress(self, message: RefreshProgress) -> None:
        self._files_read = message.done
        self.status.progress(message.done, message.total)
        if message.done < message.total:
            self.status.state = f"indexing {message.done}/{message.total}"
        else:
            # The files are read; what is left counts nothing (at 50k articles it takes
            # minutes): say what it is rather than show a count that stopped.
            self.status.state = f"{message.total} files read; analysing and writing the index"

    @on(RefreshStage)
    def _refresh_stage(self, message: RefreshStage) -> None:
        self.status.progress_unknown()
        read = f"{self._files_read} files read; " if self._files_read else ""
        self.status.state = f"{read}{message.name}"

    @on(RefreshSearchable)
    def _refresh_searchable(self, message: RefreshSearchable) -> None:
        # A few new articles are committed with a provisional analysis; the exact one runs
        # on (minutes at 50k articles). Show them now; the finish reloads the corrections.
        self.status.last = "new articles searchable; checking the analysis of the corpus"
        self._reload()

    @on(RefreshFinished)
    def _refresh_finished(self, message: RefreshFinished) -> None:
        self.refreshing = False
        self.status.stop_progress()
        report = message.report
        if report.changed or report.rebuilt_because:
            summary = (
                f"index refreshed: {report.added} added, {report.updated} updated, "
                f"{report.removed} removed"
            )
        else:
            summary = f"index is up to date ({report.unchanged} articles)"
        new, counted = _warnings_of(report)
        summary += counted
        self.status.last = summary
        details = "\n".join(new[:3])
        self.notify(
            summary + (f"\n{details}" if details else ""),
            severity="warning" if new else "information",
            markup=False,
        )
        self._reload()

    def _reload(self) -> None:
        # Everything, the open article too: its text may have changed on disk.
        self.keep_id = self.article.id if self.article else None
        self.article = None
        self.load()

    # -- the one place worker failures land ----------------------------------------------------

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if event.state != WorkerState.ERROR:
            return
        error = worker.error
        message = str(error) if isinstance(error, BriefingError) else f"unexpected error: {error!r}"
        if worker.group == "refresh":
            self.refreshing = False
            self.status.stop_progress()
            self.status.state = "refresh failed"
        elif worker.group == "load":
            self._show_failure(message)
        elif worker.group == "brief":
            self.query_one(BriefView).show_hint(message)
        self._report(message, error=True)

    def _report(self, message: str, error: bool = False, notify: bool = False) -> None:
        self.status.last = message
        if error or notify:
            self.notify(message, severity="error" if error else "information", markup=False)

    # -- actions -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        ready = self.briefing is not None and bool(self.summaries)
        if action in ("copy_brief", "copy_brief_markdown"):
            return True if self.subject is not None else None
        if action == "copy_article":
            return True if self.article is not None else None
        if action == "open_url":
            return True if self.article is not None and self.article.url else None
        if action == "refresh_index":
            return None if self.refreshing or self.briefing is None else True
        if action == "stories":
            return True if ready and self.story_list else None
        if action in ("engagements", "entities", "entities_scope", "search"):
            return True if ready else None
        if action == "back":
            active = (
                isinstance(self.focused, Input)
                or self.maximized is not None
                or bool(self.side)
                or self.scope is not None
                or bool(self.query_text)
                or self.grouped
            )
            return True if active else None
        return True

    # Focus moves with `set_focus`, at once, not `widget.focus()` (which waits for the next
    # idle): keys typed in a burst after `/` or `e` must reach the pane they were meant for.

    def action_search(self) -> None:
        if self.narrow:
            self.side = ""
        box = self.query_one(SearchBox)
        self.set_focus(box)
        box.take_keys()

    def action_back(self) -> None:
        """Esc peels one layer: the search box, a maximised pane, a side pane, then filters."""
        if isinstance(self.focused, Input):
            self.set_focus(self.article_list)
        elif self.maximized is not None:
            self.minimize()
        elif self.side:
            self.side = ""
            self.set_focus(self.article_list)
        elif self.scope is not None:
            self._filter_removed()
        elif self.query_text:
            self.query_one(SearchBox).value = ""  # Input.Changed clears the hits
            self._report("search cleared")
        elif self.grouped:
            self.grouped = False
            self._refill()

    def action_next_pane(self) -> None:
        self.focus_next()

    def action_previous_pane(self) -> None:
        self.focus_previous()

    def action_engagements(self) -> None:
        if self.narrow:
            self.side = (
                ""
                if self.side == "engagements"
                and self.focused is not None
                and self.focused.id in ("timeline", "brief")
                else "engagements"
            )
            if not self.side:
                self.set_focus(self.article_list)
                return
        self.collapsed = False
        self.set_focus(self.query_one(EngagementList))

    def action_entities(self) -> None:
        if self.narrow:
            self.side = (
                ""
                if self.side == "entities"
                and self.focused is not None
                and self.focused.id == "entities"
                else "entities"
            )
            if not self.side:
                self.set_focus(self.article_list)
                return
        self.collapsed = False
        self.set_focus(self.query_one(EntityTree))

    def action_entities_scope(self) -> None:
        self.entities_of_article = not self.entities_of_article and self.article is not None
        self._show_entities()

    def _show_entities(self) -> None:
        tree = self.query_one(EntityTree)
        if self.entities_of_article and self.article is not None:
            tree.show(self.briefing.entities(article=self.article.id), article=self.article.id)
            tree.border_title = "Entities · this article"
        else:
            tree.show(self.entity_list)
            tree.border_title = "Entities · corpus"

    def action_stories(self) -> None:
        self.grouped = not self.grouped
        if self.grouped:
            self.scope = None
        self._refill()
        self._report("grouped by story" if self.grouped else "one row per article")
        self.set_focus(self.article_list)

    def action_copy_brief(self) -> None:
        if self.subject is not None:
            self.copy_brief(*self.subject, "text")

    def action_copy_brief_markdown(self) -> None:
        if self.subject is not None:
            self.copy_brief(*self.subject, "markdown")

    def action_copy_article(self) -> None:
        if self.article is not None:
            self.app.copy_text(
                f"{self.article.id}\t{self.article.title}", f"the id and title of {self.article.id}"
            )

    def action_open_url(self) -> None:
        if self.article is not None and self.article.url:
            self.open_url(self.article.url)

    @work(thread=True, exit_on_error=False, group="browser")
    def open_url(self, url: str) -> None:
        opened = webbrowser.open(url)
        self.app.call_from_thread(
            self._report, f"opened {url}" if opened else f"no browser to open {url}", not opened
        )

    def action_refresh_index(self, rebuild: bool = False) -> None:
        if self.refreshing or self.briefing is None:
            return
        self.refreshing = True
        self._files_read = 0
        self.status.start_progress()
        self.status.state = "indexing…"
        self._report("refreshing the index…")
        self.refresh_index(rebuild)

    def action_toggle_maximize(self) -> None:
        if self.maximized is not None:
            self.minimize()
        elif self.focused is not None:
            self.maximize(self.focused)

    def action_toggle_side(self) -> None:
        if self.narrow:
            self.side = ""
            self.set_focus(self.article_list)
        else:
            self.collapsed = not self.collapsed
            if (
                self.collapsed
                and self.focused is not None
                and self.query_one("#side") in self.focused.ancestors_with_self
            ):
                self.set_focus(self.article_list)


def _warnings_of(report: IndexReport) -> tuple[list[str], str]:
    """The refresh's new warnings, and its warnings counted for the status line. Those an
    earlier refresh gave already (at 50k articles, hundreds of duplicate files) are
    counted, not shown again, so that the new ones stand out."""
    new = report.new_warnings
    again = len(report.warnings) - len(new)
    if new and again:
        return new, f"; {len(new)} warning{'s' * (len(new) != 1)} ({again} more as before)"
    if new:
        return new, f"; {len(new)} warning{'s' * (len(new) != 1)}"
    if again:
        return new, f"; {again} warning{'s' * (again != 1)} as before"
    return new, ""
