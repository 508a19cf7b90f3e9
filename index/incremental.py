"""The fast path of an update: a few new articles read against the cached analysis.

`extend_analysis` takes the analysis of the index as it was (the cache of its last commit)
and fits a few fresh articles into it without re-reading the corpus: their mentions resolve
against the cached entity catalog (`extend_entities`), their main contact joins the cached
engagement it matches (`same_contact`) or starts one, and each joins the cached story its
closest indexed neighbours belong to, or starts a story of one. Neighbours are found
through the index itself (a query of the article's key terms), so the cost follows the
number of fresh articles, not the size of the corpus.

The result is provisional (`Analysis.provisional`): grouping a corpus is not incremental in
general (a new full name can make an old surname ambiguous, a new report can merge two
stories), so `refresh` follows it with the full analysis and corrects whatever differs.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import replace
from datetime import date

from whoosh import query
from whoosh.lang.porter import stem as porter_stem
from whoosh.searching import Searcher

from index.analysis import Analysis, engagement_order, newest_first, story_order
from index.extract.engagements import article_contact, reported_engagement, same_contact
from index.extract.entities import EntityMention, extend_entities
from index.extract.stories import DATE_WINDOW_DAYS, THRESHOLD, article_terms, group_stories
from index.model import Article, ArticleSummary, Engagement, Entity, Story
from index.search.article_records import ArticleRecords
from index.search.bulk_scoring import search_in_bulk

NEIGHBOURS = 20  # indexed articles a fresh one is compared with for its story
KEY_TERMS = 12  # terms of the fresh article that find its neighbours
STORY_SAMPLE = 20  # members of a candidate story read to score it (average link)


def extend_analysis(
    cached: Analysis,
    fresh: list[Article],
    mentions: dict[str, list[EntityMention]],
    gone: set[str],
    searcher: Searcher,
    aliases: dict[str, list[str]],
) -> Analysis:
    """`cached` without the articles in `gone`, plus `fresh`; provisional.

    `searcher` reads the index before the fresh articles are written to it."""
    fresh = sorted(fresh, key=lambda a: a.id)  # one order, whatever the scan's
    base = _without(cached, gone)
    entities = extend_entities(base.entities, {a.id: mentions[a.id] for a in fresh}, aliases)
    dates = [s.published for s in base.summaries if s.published]
    dates += [a.published for a in fresh if a.published]
    latest = max(dates, default=None)
    return Analysis(
        entities=entities,
        engagements=_engagements(base.engagements, fresh, entities, latest),
        stories=_stories(base.stories, fresh, searcher),
        summaries=newest_first(
            [
                *base.summaries,
                *(ArticleSummary(a.id, a.title, a.source, a.published) for a in fresh),
            ]
        ),
        provisional=True,
    )


def _without(analysis: Analysis, gone: set[str]) -> Analysis:
    """A copy of `analysis` that knows nothing of the articles in `gone`."""
    if not gone:
        # Adding articles removes nothing: share the catalog (extend_entities copies on write).
        return Analysis(
            entities=list(analysis.entities),
            engagements=list(analysis.engagements),
            stories=list(analysis.stories),
            summaries=list(analysis.summaries),
        )
    entities = []
    for e in analysis.entities:
        counts = {i: n for i, n in e.mentions.items() if i not in gone}
        if counts:
            entities.append(Entity(e.name, e.type, list(e.aliases), e.role, e.side, counts))
    engagements = []
    for e in analysis.engagements:
        articles = [i for i in e.articles if i not in gone]
        mentioned = [i for i in e.mentioned_in if i not in gone]
        if articles or (not e.reported and mentioned):
            engagements.append(
                Engagement(**{**vars(e), "articles": articles, "mentioned_in": mentioned})
            )
    stories = [
        Story(s.id, s.title, s.date, [i for i in s.articles if i not in gone])
        for s in analysis.stories
    ]
    return Analysis(
        entities=entities,
        engagements=engagements,
        stories=[s for s in stories if s.articles],
        summaries=[s for s in analysis.summaries if s.id not in gone],
    )


def _engagements(
    engagements: list[Engagement], fresh: list[Article], entities: list[Entity], latest
) -> list[Engagement]:
    """Each fresh article's main contact joins the cached engagement it matches, else its own."""
    # Only the fresh articles' entities: every article's, at 50k articles, was a second of
    # the fast path.
    fresh_ids = {article.id for article in fresh}
    by_article: dict[str, list[Entity]] = {}
    for entity in entities:
        mentions = entity.mentions
        for article_id in fresh_ids:
            if article_id in mentions:
                by_article.setdefault(article_id, []).append(entity)
    taken = {e.id for e in engagements}
    for article in fresh:
        own = by_article.get(article.id, [])
        contact = article_contact(article, own, latest)
        if contact is None:
            continue
        # Earliest first, then by id: the same cache and article always pick the same one.
        ordered = sorted(
            (e for e in engagements if same_contact(contact, e)),
            key=lambda e: (e.date or date.max, -len(e.articles), e.id),
        )
        if ordered:
            # A copy, not the cached engagement changed: the cache saves what was replaced.
            joined = ordered[0]
            where = next(i for i, e in enumerate(engagements) if e is joined)
            engagements[where] = replace(joined, articles=sorted({*joined.articles, article.id}))
            continue
        engagement = reported_engagement([contact], own)
        engagement.id = _unique(engagement.id, taken)
        engagements.append(engagement)
    return sorted(engagements, key=engagement_order)


def _stories(stories: list[Story], fresh: list[Article], searcher: Searcher) -> list[Story]:
    """Each fresh article joins the story of its closest indexed neighbours, else its own."""
    # Stories by id, articles by their story's id: a story a fresh article joins is
    # replaced by a copy, not changed, since the cache saves what was replaced.
    by_id = {s.id: s for s in stories}
    story_of = {i: s.id for s in stories for i in s.articles}
    taken = set(by_id)
    weigh = _Weights(searcher)
    records = ArticleRecords(searcher)
    vectors: dict[str, dict[str, float]] = {}
    added: dict[str, Article] = {}

    def vector(article_id: str) -> dict[str, float] | None:
        if article_id not in vectors:
            article = added.get(article_id)
            if article is None:
                article = records.article_by_id(article_id)
                if article is None:
                    return None
            vectors[article_id] = weigh.vector(article)
        return vectors[article_id]

    for article in fresh:
        added[article.id] = article
        mine = vector(article.id)
        candidates = _neighbour_stories(article, searcher, story_of)
        candidates += [story_of[i] for i in added if i != article.id and i in story_of]
        best, best_score = None, THRESHOLD
        for story in (by_id[story_id] for story_id in sorted(set(candidates))):
            members = [vector(i) for i in story.articles[:STORY_SAMPLE]]
            scores = [_cosine(mine, v) for v in members if v is not None]
            score = sum(scores) / len(scores) if scores else 0.0
            if score > best_score:
                best, best_score = story, score
        if best is not None:
            earliest = best.date
            if article.published and (earliest is None or article.published < earliest):
                earliest = article.published
            best = Story(best.id, best.title, earliest, sorted({*best.articles, article.id}))
        else:
            best = group_stories([article])[0]
            best.id = _unique(best.id, taken)
        by_id[best.id] = best
        story_of[article.id] = best.id
    return sorted(by_id.values(), key=story_order)


def _neighbour_stories(article: Article, searcher: Searcher, story_of: dict) -> list[str]:
    """The ids of the stories of the indexed articles that share the fresh one's key
    terms, in its date window."""
    terms = [t for t, _ in searcher.key_terms_from_text("body", article.body, numterms=KEY_TERMS)]
    if not terms:
        return []
    neighbours = query.Or([query.Term("body", t) for t in terms])
    # The same top hits as Whoosh's search, without its walk of every posting.
    hits = search_in_bulk(searcher, neighbours, NEIGHBOURS) or searcher.search(
        neighbours, limit=NEIGHBOURS
    )
    found = []
    for hit in hits:
        published = hit.get("published")
        if article.published and published:
            if abs((published.date() - article.published).days) > DATE_WINDOW_DAYS:
                continue
        story = story_of.get(hit["id"])
        if story is not None:
            found.append(story)
    return found


class _Weights:
    """TF-IDF vectors as `stories` weighs terms, with document frequencies from the index
    (its own stemmer's form of each term): no pass over the corpus."""

    def __init__(self, searcher: Searcher):
        self.searcher = searcher
        self.n = searcher.doc_count()
        self.df: dict[str, int] = {}

    def idf(self, term: str) -> float:
        if term not in self.df:
            self.df[term] = self.searcher.doc_frequency("body", porter_stem(term))
        return math.log((1 + self.n) / (1 + self.df[term])) + 1

    def vector(self, article: Article) -> dict[str, float]:
        counts: Counter = article_terms(article)
        weights = {t: (1 + math.log(c)) * self.idf(t) for t, c in counts.items() if c > 0}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {t: w / norm for t, w in weights.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(b) < len(a):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def _unique(wanted: str, taken: set[str]) -> str:
    """`wanted`, or with the first free suffix, as the full analysis numbers repeats."""
    candidate, n = wanted, 1
    while candidate in taken:
        n += 1
        candidate = f"{wanted}-{n}"
    taken.add(candidate)
    return candidate
