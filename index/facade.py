"""The one object the TUI and the CLI talk to: a corpus, its index and its reading.

`Briefing` opens lazily and cheaply (the article list, entities and engagements come from
the analysis cache, not from the articles), so the app can paint before anything slow
happens. Everything it raises on purpose is a `BriefingError` with a one-line message.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from pathlib import Path

from whoosh.index import Index
from whoosh.searching import Searcher

from index.analysis import Analysis, CacheDamaged, CachedAnalysis
from index.config import Config, load_config
from index.errors import BriefingError, NotFoundError
from index.model import Article, ArticleSummary, Brief, Engagement, Entity, Story
from index.pipeline import (
    IndexReport,
    Progress,
    Stage,
    ensure_analysis,
    refresh,
    write_analysis,
)
from index.search.article_records import ArticleRecords
from index.search.bulk_scoring import prepare_length_factors
from index.search.queries import (
    SNIPPET_HITS,
    SearchResult,
    make_parser,
    parse_query,
    search,
    suggest_query,
)
from index.search.schema import SEARCHABLE_FIELDS
from index.search.store import IndexDamaged, open_index

KEPT_RESULTS = 8  # searches remembered, for the same query typed again


class Briefing:
    def __init__(self, config: Config):
        self.config = config
        self._ix: Index | None = None
        self._searcher: Searcher | None = None
        self._summary_index: tuple[object, dict[str, ArticleSummary]] | None = None
        self._analysis: Analysis | CachedAnalysis | None = None
        self._article_cache: dict[str, Article] = {}
        self._lock = threading.RLock()
        self._results: dict[tuple, tuple[Searcher, SearchResult]] = {}

    @classmethod
    def from_config_file(cls, path: Path | None = None) -> Briefing:
        return cls(load_config(path))

    # -- the index -----------------------------------------------------------------------

    def refresh(
        self,
        rebuild: bool = False,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
        wait_seconds: float = 10.0,
        searchable: Callable[[], None] | None = None,
        reconcile: bool = True,
        apart: bool = False,
        stage: Stage | None = None,
    ) -> IndexReport:
        """See `index.pipeline.refresh`; `searchable` and `stage` are called from the
        refreshing thread. When `searchable` is called, this object already reads the new
        commit: the caller can show the new articles while the full analysis runs on.

        `apart`: in a process of its own (`index.refresh_apart`), for a caller with threads,
        which cannot fork workers."""
        if apart:
            from index.refresh_apart import refresh_apart as run
        else:
            run = refresh

        def committed() -> None:
            self._forget()
            if searchable:
                searchable()

        report = run(
            self.config,
            rebuild=rebuild,
            progress=progress,
            cancelled=cancelled,
            wait_seconds=wait_seconds,
            searchable=committed,
            reconcile=reconcile,
            stage=stage,
        )
        self._forget()
        return report

    def _forget(self) -> None:
        """Drop what was read of the index and its analysis: the next read sees the latest
        commit. A reader in another thread finishes with what it had opened."""
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
            if self._ix is not None:
                self._ix.close()
            self._ix, self._searcher, self._analysis = None, None, None
            self._results.clear()
            self._article_cache.clear()

    @property
    def has_index(self) -> bool:
        try:
            return self._index(required=False) is not None
        except BriefingError:
            return False

    def _index(self, required: bool = True) -> Index | None:
        with self._lock:
            if self._ix is None:
                try:
                    self._ix = open_index(self.config.index_dir)
                except IndexDamaged as damage:
                    # An index from another version is not damage; say which it is.
                    state = "needs rebuilding" if "schema version" in str(damage) else "is damaged"
                    raise BriefingError(
                        f"{self.config.index_dir}: index {state} ({damage}); "
                        "run `briefing index` to rebuild it"
                    ) from None
            if self._ix is None and required:
                raise BriefingError(
                    f"{self.config.index_dir}: no index yet; run `briefing index` first"
                )
            return self._ix

    def _reading(self) -> Analysis | CachedAnalysis:
        with self._lock:
            if self._analysis is None:
                self._analysis = ensure_analysis(self._index(), self.config)
            return self._analysis

    def _part(self, name: str):
        """One part of the analysis (`index.analysis.PARTS`), read from the cache the first
        time it is asked for; the whole analysis is recomputed if that part is damaged."""
        reading = self._reading()
        try:
            return getattr(reading, name)
        except CacheDamaged:
            with self._lock:
                if self._analysis is reading:
                    self._analysis = write_analysis(self._index(), self.config)
            return self._part(name)  # the recomputed analysis, or a refresh's newer cache

    # -- articles and search ----------------------------------------------------------------

    def articles(self) -> list[ArticleSummary]:
        """Every article, newest first, undated last."""
        return list(self._part("summaries"))

    def article(self, article_id: str) -> Article:
        with self._lock:
            cached = self._article_cache.get(article_id)
            if cached is not None:
                return cached
            article = ArticleRecords(self._open_searcher()).article_by_id(article_id)
            if article is None:
                raise NotFoundError(f"no article with id '{article_id}'")
            self._article_cache[article_id] = article
            return article

    def search(
        self,
        text: str,
        limit: int | None = None,
        sort: str = "score",
        suggest: bool = True,
        snippets: int = SNIPPET_HITS,
        snippets_from: int = 0,
    ) -> SearchResult:
        """Hits for `text` (see `index.search.queries.search`). Search-as-you-type passes
        `suggest=False` and asks `suggest` once the list is shown.

        The last few results are kept: typing a space or a stopword ("police " and
        "police a" after "police") asks the same query again."""
        with self._lock:
            ix, searcher = self._index(), self._open_searcher()
            limit = limit or self.config.search_limit
            parsed = parse_query(ix, text)
            query_key = text.strip() if suggest else str(parsed)
            key = (query_key, limit, sort, suggest, snippets, snippets_from)
            cached = self._results.get(key)
            if cached is not None and cached[0] is searcher:
                return dataclasses.replace(cached[1], query=text)
            reading = self._analysis
            vocabulary = (
                reading.vocabulary if suggest and reading and reading.loaded("vocabulary") else None
            )
            result = search(
                ix,
                text,
                limit,
                sort,
                snippets=snippets,
                suggest=suggest,
                searcher=searcher,
                summaries=self._summaries_by_id(),
                snippets_from=snippets_from,
                vocabulary=vocabulary,
                parsed=parsed,
            )
            if suggest and not result.hits and vocabulary is None:
                # Only a search that finds nothing needs the corpus's words, and they come
                # with the whole analysis: a one-off search (the CLI's) that finds something
                # never loads it (half a second at 50k articles).
                suggestion = suggest_query(self._part("vocabulary"), text)
                result = dataclasses.replace(result, suggestion=suggestion)
            self._results[key] = (searcher, result)
            while len(self._results) > KEPT_RESULTS:
                self._results.pop(next(iter(self._results)))
            return result

    def prepare_search(self) -> None:
        """Open the searcher and read what a first search would (the query parser, each
        segment's title and body lengths, the hits' summaries by id), so that the first
        keystroke does not wait."""
        with self._lock:
            searcher = self._open_searcher()
            make_parser(self._index())
            prepare_length_factors(searcher, SEARCHABLE_FIELDS)
            self._summaries_by_id()

    def suggest(self, text: str) -> str | None:
        """A "did you mean" for `text`, or None."""
        with self._lock:
            parse_query(self._index(), text)  # a query that cannot run gets its error
            return suggest_query(self._part("vocabulary"), text)

    def _summaries_by_id(self) -> dict[str, ArticleSummary] | None:
        """The article list by id, if it is loaded already: a search never waits for it."""
        reading = self._analysis
        if reading is None or not reading.loaded("summaries"):
            return None
        if self._summary_index is None or self._summary_index[0] is not reading:
            self._summary_index = (reading, {s.id: s for s in reading.summaries})
        return self._summary_index[1]

    def _open_searcher(self) -> Searcher:
        """One searcher kept open across queries, renewed when another process commits."""
        if self._searcher is None:
            self._searcher = self._index().searcher()
        else:
            # The fresh searcher reuses the old one's unchanged segment readers and closes
            # the rest itself: closing the old searcher here would close them under it.
            self._searcher = self._searcher.refresh()
        return self._searcher

    # -- entities, engagements, stories, briefs --------------------------------------------

    def entities(self, kind: str | None = None, article: str | None = None) -> list[Entity]:
        found = [
            entity
            for entity in self._part("entities")
            if (kind is None or entity.type == kind)
            and (article is None or article in entity.mentions)
        ]
        if article is not None:
            return sorted(found, key=lambda e: (-e.mentions[article], e.name))
        return sorted(found, key=lambda e: (-e.total_mentions, e.name))

    def engagements(self, include_background: bool = True) -> list[Engagement]:
        """Reported engagements and, unless told not to, those only mentioned, by date."""
        found = [e for e in self._part("engagements") if include_background or e.reported]
        return sorted(found, key=lambda e: (e.date is None, e.date or "", e.id))

    def engagement(self, engagement_id: str) -> Engagement:
        for engagement in self._part("engagements"):
            if engagement.id == engagement_id:
                return engagement
        raise NotFoundError(f"no engagement with id '{engagement_id}'")

    def stories(self) -> list[Story]:
        return list(self._part("stories"))

    def story(self, story_id: str) -> Story:
        for story in self._part("stories"):
            if story.id == story_id:
                return story
        raise NotFoundError(f"no story with id '{story_id}'")

    def brief(self, subject_id: str) -> Brief:
        """The brief of an engagement, or of a story when no engagement has that id."""
        from index.brief import compose_brief

        try:
            subject: Engagement | Story = self.engagement(subject_id)
            article_ids = [*subject.articles, *subject.mentioned_in]
        except NotFoundError:
            try:
                subject = self.story(subject_id)
            except NotFoundError:
                raise NotFoundError(f"no engagement or story with id '{subject_id}'") from None
            article_ids = list(subject.articles)
        articles = {i: self.article(i) for i in article_ids}
        return compose_brief(subject, articles, self._part("entities"), self.config.brief_words)

    @staticmethod
    def render_brief(brief: Brief, fmt: str = "text") -> str:
        from index.brief import render_brief

        return render_brief(brief, fmt)
