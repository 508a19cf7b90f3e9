"""Stories: groups of articles about one real-world event, whatever the event.

`group_stories(articles)` puts every article in exactly one story. Articles are compared as
TF-IDF vectors in which names and numbers weigh more than common words (two earthquakes or
two rehab check-ins share their vocabulary; they differ in who, where and how many), and are
joined by average-link clustering over a sparse similarity graph. Pairs are only scored when
they share one of each other's most distinctive terms (an inverted index), and dated articles
only when their dates are close, so the cost grows with the number of plausible pairs, not the
square of the corpus. Works without dates; an undated article whose own text pins its date
(a day-month plus a weekday, read against the corpus's latest date) is treated as dated.

Two events of one kind (two Internet Explorer patches, two drunk-driving arrests of one team's
players) share most of their words, so a merge of two stories of some size is scored down when
each has signature names (rare names that many of its articles mention) that the other hardly
mentions: the last, large wrong merges of average link are the ones that cost most.

Settings (`python -m benchmarks.grouping --cv`): two-fold cross-validation over the ECB+ topic
halves, each half picking the setting whose neighbourhood scores best and being scored on the
other half. The shipped setting sits in the flat region good on both halves and on Clust-McMs;
the cross-validated held-out figure, not the shipped setting's score, is the honest estimate.

Story ids are the story's earliest date and a slug of its most central article's title
("2024-04-16-austin-spoke-with-chinese-counterpart"), so they stay the same while the corpus does.
"""

from __future__ import annotations

import heapq
import math
import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from datetime import date
from functools import lru_cache
from pathlib import Path

from index.article_pool import read_each
from index.article_store import ArticleStore, SpillFile, in_id_order
from index.extract.dates import infer_reference_date
from index.extract.sentences import STOPWORDS, split_sentences, stem, words
from index.freed_memory import give_back_freed_memory
from index.model import Article, Story

THRESHOLD = 0.20  # average-link cosine; see the module docstring for how it was chosen
NAME_WEIGHT = 4.0  # a capitalised name or a number says more about *which* event than a word
TITLE_WEIGHT = 1.5
DATE_WINDOW_DAYS = 10  # two reports of one event rarely lie further apart
CANDIDATE_TERMS = 40  # distinctive terms per article used to find candidate pairs
MAX_POSTING = 400  # terms shared by more articles than this find no candidates
# Pairs less similar than this are dropped: at 20k articles the pairs that merely share a
# word were most of grouping's memory, and ECB+ and Clust-McMs B3 are the same up to 0.08.
SIMILARITY_FLOOR = 0.05
RARE_NAME_SHARE = 0.03  # a name in at most this share of the articles can tell events apart
SIGNATURE_SHARE = 0.3  # a rare name in at least this share of a story's articles is its signature
DISTINCT_COVERAGE = 0.5  # stories sharing less of each other's signature than this are scored down
DISTINCT_POWER = 1.0
DISTINCT_MIN_SIZE = (4, 4)  # (larger, smaller) story sizes from which signatures are compared


class Vector:
    """An L2-normalised sparse TF-IDF vector, as parallel arrays of term ids and weights.

    Arrays, not a dict: at 50k articles the dicts alone took most of a gigabyte. Terms found
    in one article only are left out (they can add nothing to a dot product with another
    article); `private` keeps the sum of their squared weights, which a centroid still counts.
    """

    __slots__ = ("terms", "weights", "private", "distinctive")

    def __init__(self, weights: dict[int, float], private: float = 0.0, distinctive: int = -1):
        ordered = sorted(weights.items(), key=lambda kv: -kv[1])
        self.terms = array("I", [t for t, _ in ordered])
        # Single precision: B3 on ECB+ and Clust-McMs is the same as in double.
        self.weights = array("f", [w for _, w in ordered])
        self.private = private
        # How many of `terms` are among the article's CANDIDATE_TERMS heaviest terms of all.
        self.distinctive = min(len(ordered), CANDIDATE_TERMS) if distinctive < 0 else distinctive

    @classmethod
    def of_arrays(cls, terms: array, weights: array, private: float, distinctive: int) -> Vector:
        """A vector from its parts as they are stored, already in order."""
        vector = cls.__new__(cls)
        vector.terms, vector.weights = terms, weights
        vector.private, vector.distinctive = private, distinctive
        return vector

    def as_dict(self) -> dict[int, float]:
        return dict(zip(self.terms, self.weights, strict=True))

    def dot_with(self, weights: dict[int, float]) -> float:
        """The dot product with a vector given as a dict (build it once, compare with many)."""
        get = weights.get
        return sum(w * get(t, 0.0) for t, w in zip(self.terms, self.weights, strict=True))


_NAME = re.compile(r"^(?:[A-Z][\w'’.-]*|\d[\d.,]*)$")


@lru_cache(maxsize=1 << 16)
def _token_terms(token: str) -> tuple[bool, tuple[str, ...]]:
    """Whether a whitespace token looks like a name or number, and its content-word stems.
    Cached: the same tokens recur across every article of a corpus."""
    looks_like_name = bool(_NAME.match(token.strip("\"'“”‘’(),.;:")))
    stems = tuple(stem(w) for w in words(token) if w not in STOPWORDS and len(w) >= 2)
    return looks_like_name, stems


def article_features(article: Article) -> tuple[Counter, set[str]]:
    """Weighted term counts (names and numbers not at a sentence start count extra) and the
    stemmed names and numbers, in one pass over the text. One loop, not a generator of
    (term, weight, is_name) read by another: that hand-over was half of the pass."""
    counts: Counter = Counter()
    names: set[str] = set()
    count_of = counts.get
    for weight, text in [(TITLE_WEIGHT, article.title or "")] + [
        (1.0, p) for p in article.body_paragraphs
    ]:
        name_weight = weight * NAME_WEIGHT
        for sentence in split_sentences(text):
            for position, token in enumerate(sentence.split()):
                looks_like_name, stems = _token_terms(token)
                if position > 0 and looks_like_name:
                    for term in stems:
                        counts[term] = count_of(term, 0) + name_weight
                        names.add(term)
                else:
                    for term in stems:
                        counts[term] = count_of(term, 0) + weight
    return counts, names


def _features_of(article: Article) -> tuple[str, date | None, Counter, tuple[str, ...]]:
    counts, names = article_features(article)
    # Names as a tuple: a set costs four times as much, and they are held per article.
    return article.id, article.published, counts, tuple(names)


def article_terms(article: Article) -> Counter:
    """Weighted term counts: names and numbers (not at a sentence start) count extra."""
    return article_features(article)[0]


def article_names(article: Article) -> set[str]:
    """The stemmed names and numbers an article mentions (not at a sentence start)."""
    return article_features(article)[1]


def rare_names(
    names: list[set[str]] | list[tuple[str, ...]], share: float | None = None
) -> tuple[list[tuple[str, ...]], dict[str, float]]:
    """Each article's rare names (in at most `share` of the articles) and every name's IDF."""
    share = RARE_NAME_SHARE if share is None else share
    df: Counter = Counter()
    for found in names:
        df.update(found)
    n = len(names)
    # Only rare names are ever weighed: an IDF for every name and number of a large corpus
    # was a third of grouping's memory.
    idf = {t: math.log(n / k) for t, k in df.items() if k <= share * n}
    # Tuples: a set per article was a third of grouping's memory at 20k articles.
    return [tuple(t for t in found if df[t] <= share * n) for found in names], idf


class TermCounts:
    """Articles' weighted term counts as arrays over one shared vocabulary: a corpus's worth
    of Counters is most of a gigabyte at 50k articles, these are a fifth of it."""

    def __init__(self) -> None:
        self.vocabulary: dict[str, int] = {}
        self.articles: list[tuple[array, array]] = []

    def add(self, counts: Counter) -> None:
        ids = array("I")
        values = array("f")  # counts are sums of 1, 1.5, 4 and 6: exact in single precision
        vocabulary = self.vocabulary
        for term, count in counts.items():
            if count > 0:
                ids.append(vocabulary.setdefault(term, len(vocabulary)))
                values.append(count)
        self.articles.append((ids, values))


def tfidf_vectors(term_counts: list[Counter] | TermCounts) -> list[Vector]:
    """Sublinear TF times smoothed IDF, L2-normalised. Frees the counts as it goes, so the
    counts and the vectors are never all held at once."""
    if not isinstance(term_counts, TermCounts):
        compact = TermCounts()
        for counts in term_counts:
            compact.add(counts)
        term_counts = compact
    df = [0] * len(term_counts.vocabulary)
    for ids, _ in term_counts.articles:
        for t in ids:
            df[t] += 1
    n = len(term_counts.articles)
    idf = [math.log((1 + n) / (1 + k)) + 1 for k in df]
    vectors = []
    for index, (ids, values) in enumerate(term_counts.articles):
        weights = {t: (1 + math.log(c)) * idf[t] for t, c in zip(ids, values, strict=True)}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        shared = {t: w / norm for t, w in weights.items() if df[t] > 1}
        private = sum((w / norm) ** 2 for t, w in weights.items() if df[t] == 1)
        heaviest = sorted(weights.items(), key=lambda kv: -kv[1])[:CANDIDATE_TERMS]
        distinctive = sum(1 for t, _ in heaviest if df[t] > 1)
        vectors.append(Vector(shared, private, distinctive))
        term_counts.articles[index] = None
    term_counts.vocabulary.clear()  # vectors keep term ids; the words are not needed again
    return vectors


def candidate_pairs(
    vectors: list[Vector], dates: list[date | None]
) -> dict[tuple[int, int], float]:
    """Cosine of every pair that shares a distinctive term and is close enough in time."""
    return {
        (i, j): similarity
        for i, row in candidate_links(vectors, dates).items()
        for j, similarity in row.items()
        if i < j
    }


def candidate_links(
    vectors: list[Vector],
    dates: list[date | None],
    set_aside: Callable[[Vector], None] | None = None,
) -> dict[int, dict[int, float]]:
    """`candidate_pairs` as each article's similar partners, the form clustering works on.

    Each article's partners (articles sharing one of its distinctive terms, close in time)
    are found and scored together, as array operations: compared one pair at a time in
    Python, this was half of grouping's time. Only the similar pairs are kept, so memory
    follows the links, not every pair that shares a term.

    An article is compared with those after it, so its vector is not read again once its
    turn has passed. With `set_aside`, each vector is handed to it then, in order, and
    dropped from `vectors`: the links grow as the vectors go."""
    links: dict[int, dict[int, float]] = defaultdict(dict)
    count = len(vectors)
    handed_over = 0

    def hand_over_before(end: int) -> None:
        nonlocal handed_over
        while set_aside is not None and handed_over < end:
            set_aside(vectors[handed_over])
            vectors[handed_over] = None
            handed_over += 1

    if count < 2:  # one new article in its own story (index.incremental): no numpy to load
        hand_over_before(count)
        return links
    import numpy as np  # only indexing groups stories: the app starts without it

    owner, term = _distinctive_terms(vectors)
    posting_size = np.bincount(term)
    useful = posting_size[term] <= MAX_POSTING
    owner, term = owner[useful], term[useful]
    del useful
    posted = owner[np.argsort(term)]
    kept_size = np.bincount(term, minlength=len(posting_size))
    posting_start = _offsets(kept_size)
    own_start = _offsets(np.bincount(owner, minlength=count))
    del owner, posting_size
    # Day numbers; an undated article is close to every other.
    undated = np.iinfo(np.int64).min
    days = np.array([d.toordinal() if d else undated for d in dates], dtype=np.int64)
    vocabulary = 1 + max((max(v.terms) for v in vectors if len(v.terms)), default=0)
    dense = np.zeros(vocabulary, dtype=np.float64)  # the current article, by term
    slot = np.empty(count, dtype=np.int64)
    # One int object per article for every link's key: `tolist` makes a new one each time,
    # 28 bytes a link (grouping's peak at 20k articles: 87 MB with them, 84 without).
    position = list(range(count))
    for i in position[:-1]:
        hand_over_before(i)
        own_terms = term[own_start[i] : own_start[i + 1]]
        if not len(own_terms):
            continue
        found = posted[_gather(posting_start[own_terms], kept_size[own_terms])]
        found = found[found > i]
        if days[i] != undated:
            theirs = days[found]
            found = found[(theirs == undated) | (np.abs(theirs - days[i]) <= DATE_WINDOW_DAYS)]
        if not len(found):
            continue
        # Each partner once: of the places a partner was found at, the one its slot holds.
        places = np.arange(len(found))
        slot[found] = places
        partners = np.sort(found[slot[found] == places]).tolist()
        # Read in place, not copied end to end: a copy of every vector was a third of
        # grouping's memory.
        own_row = np.frombuffer(vectors[i].terms, dtype=np.uint32)
        dense[own_row] = np.frombuffer(vectors[i].weights, dtype=np.float32)
        rows = [vectors[j] for j in partners]
        their_terms = np.concatenate([np.frombuffer(v.terms, dtype=np.uint32) for v in rows])
        products = dense[their_terms]
        products *= np.concatenate([np.frombuffer(v.weights, dtype=np.float32) for v in rows])
        dense[own_row] = 0.0
        row_starts = _offsets(np.fromiter((len(v.terms) for v in rows), np.int64, len(rows)))
        similarities = np.add.reduceat(products, row_starts[:-1]).tolist()
        for j, similarity in zip(partners, similarities, strict=True):
            if similarity >= SIMILARITY_FLOOR:
                links[i][position[j]] = links[j][i] = similarity
    hand_over_before(count)
    return links


def _distinctive_terms(vectors: list[Vector]):
    """Each article's distinctive terms (the heaviest, first in its vector) as two parallel
    arrays: the article's position, the term."""
    import numpy as np

    chosen = [np.frombuffer(v.terms, dtype=np.uint32)[: v.distinctive] for v in vectors]
    owner = np.repeat(np.arange(len(vectors), dtype=np.int32), [len(c) for c in chosen])
    return owner, np.concatenate(chosen)


def _offsets(sizes):
    """Where each of consecutive runs of `sizes` starts, and (last) where they all end."""
    import numpy as np

    offsets = np.zeros(len(sizes) + 1, dtype=np.int64)
    np.cumsum(sizes, out=offsets[1:])
    return offsets


def _gather(run_starts, run_lengths):
    """The positions of runs [start, start + length) one after another, as one index."""
    import numpy as np

    ends = np.cumsum(run_lengths)
    return np.arange(int(ends[-1])) + np.repeat(run_starts - (ends - run_lengths), run_lengths)


def average_link(
    n: int,
    sims: dict[tuple[int, int], float],
    threshold: float,
    names: list[set[str]] | list[tuple[str, ...]] | None = None,
    name_idf: dict[str, float] | None = None,
) -> list[list[int]]:
    """Agglomerative clustering, average link, over a sparse graph (missing pairs count as 0).

    A heap of candidate merges with lazy invalidation keeps it near O(E log E) instead of
    rescanning every link after each merge. With `names` (each item's rare names), a merge of
    two stories that each have their own signature names, which the other hardly mentions, is
    scored down (`_distinctness`): two reports of one event share its who and where, two events
    of one kind do not.
    """
    links: dict[int, dict[int, float]] = defaultdict(dict)
    for (i, j), s in sims.items():
        links[i][j] = links[i].get(j, 0.0) + s
        links[j][i] = links[j].get(i, 0.0) + s
    return _cluster(n, links, threshold, names, name_idf)


def _cluster(
    n: int,
    links: dict[int, dict[int, float]],
    threshold: float,
    names: list[set[str]] | list[tuple[str, ...]] | None,
    name_idf: dict[str, float] | None,
) -> list[list[int]]:
    """`average_link` over `links` (each item's partners and similarity), which it consumes:
    as clusters merge, their links become the summed similarity between clusters."""
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    # A cluster's names, counted once it has merged; a single article's are counted when
    # asked (a Counter per article was held for the whole clustering).
    profiles: dict[int, Counter] = {}

    def profile(cluster: int) -> Counter:
        found = profiles.get(cluster)
        return found if found is not None else Counter(names[cluster])

    idf = name_idf or {}
    # Entries: (-score to rank by, a, b, plain average-link score when pushed). The links
    # themselves wait in `initial`, already in order; the heap holds what merges push.
    initial = _initial_merges(links, threshold)
    waiting = next(initial, None)
    heap: list[tuple[float, int, int, float]] = []
    while heap or waiting is not None:
        if waiting is not None and not (heap and heap[0] < waiting):
            negative, a, b, raw = waiting
            waiting = next(initial, None)
        else:
            negative, a, b, raw = heapq.heappop(heap)
        if a not in members or b not in members:
            continue
        score = links[a].get(b, 0.0) / (len(members[a]) * len(members[b]))
        if abs(score - raw) > 1e-12:
            continue  # stale entry: the clusters changed since it was pushed
        if names and -negative == raw:
            penalised = raw * _distinctness(members[a], members[b], profile(a), profile(b), idf)
            if penalised < raw:  # re-queued at its lower score, merged when it comes up again
                if penalised >= threshold:
                    heapq.heappush(heap, (-penalised, a, b, raw))
                continue
        members[a].extend(members.pop(b))
        if names:
            merged_names = profiles[a] = profile(a)
            merged_names.update(profile(b))
            profiles.pop(b, None)
        for c, total in links.pop(b).items():
            if c == a:
                continue
            links[a][c] = links[a].get(c, 0.0) + total
            links[c][a] = links[c].get(a, 0.0) + total
            del links[c][b]
        links[a].pop(b, None)
        for c, total in links[a].items():
            merged = total / (len(members[a]) * len(members[c]))
            if merged >= threshold:
                heapq.heappush(heap, (-merged, min(a, c), max(a, c), merged))
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])


def _initial_merges(
    links: dict[int, dict[int, float]], threshold: float
) -> Iterator[tuple[float, int, int, float]]:
    """Each link at or above `threshold` as a merge entry (-score, a, b, score), a < b, in
    the order a heap of them pops them.

    They are sorted in three arrays and made entries a few thousand at a time: as one heap
    of tuples (337,646 of them at 50k articles) they were the largest single step up of
    story grouping's memory, about 70 MB within two seconds, at the build's peak."""
    scores, firsts, seconds = array("d"), array("q"), array("q")
    for i, row in links.items():
        for j, score in row.items():
            if i < j and score >= threshold:
                scores.append(score)
                firsts.append(i)
                seconds.append(j)
    if not scores:
        return  # no numpy to load for a corpus without links (one new article's story)
    import numpy as np

    scores_array = np.frombuffer(scores, dtype=np.float64)
    firsts_array = np.frombuffer(firsts, dtype=np.int64)
    seconds_array = np.frombuffer(seconds, dtype=np.int64)
    # Tuples sort by -score, then a, then b: lexsort's last key is its first.
    order = np.lexsort((seconds_array, firsts_array, -scores_array))
    for start in range(0, len(order), _MERGES_MADE_AT_ONCE):
        chunk = order[start : start + _MERGES_MADE_AT_ONCE]
        chunk_scores = scores_array[chunk].tolist()
        yield from zip(
            (-score for score in chunk_scores),
            firsts_array[chunk].tolist(),
            seconds_array[chunk].tolist(),
            chunk_scores,
            strict=True,
        )


_MERGES_MADE_AT_ONCE = 4096


def _coverage(
    size_a: int, size_b: int, names_a: Counter, names_b: Counter, idf: dict[str, float]
) -> float:
    """How much of story A's signature (names in >= SIGNATURE_SHARE of it, by IDF) B shares."""
    covered = total = 0.0
    for name, count in names_a.items():
        share = count / size_a
        if share < SIGNATURE_SHARE:
            continue
        weight = share * idf.get(name, 1.0)
        total += weight
        covered += weight * min(1.0, names_b.get(name, 0) / size_b / share)
    return covered / total if total else 1.0


def _distinctness(
    a: list[int], b: list[int], names_a: Counter, names_b: Counter, idf: dict[str, float]
) -> float:
    """1.0, or less when two stories of some size each lack the other's signature names."""
    if max(len(a), len(b)) < DISTINCT_MIN_SIZE[0] or min(len(a), len(b)) < DISTINCT_MIN_SIZE[1]:
        return 1.0  # too few articles to tell an event's signature from one report's asides
    shared = max(
        _coverage(len(a), len(b), names_a, names_b, idf),
        _coverage(len(b), len(a), names_b, names_a, idf),
    )
    return min(1.0, shared / DISTINCT_COVERAGE) ** DISTINCT_POWER


def article_dates(articles: list[Article]) -> list[date | None]:
    """Published dates, or for an undated article the date its own text pins down, if any."""
    return _pinned_dates([a.published for a in articles], articles.__getitem__)


def _pinned_dates(published: list[date | None], article_at) -> list[date | None]:
    """`published`, with each undated article's date read from its text (`article_at(i)`)."""
    known = [d for d in published if d]
    if not known:
        # The weekday rule needs the corpus's own latest date as its anchor; without one a
        # guessed year would split events more often than it joins them.
        return list(published)
    latest = max(known)
    dates = list(published)
    for i, day in enumerate(published):
        if day is None:
            article = article_at(i)
            sentences = [s for p in article.body_paragraphs for s in split_sentences(p)]
            dates[i] = infer_reference_date(sentences, latest)
    return dates


def _slug(text: str, max_words: int = 6) -> str:
    tokens = [w for w in words(text) if w not in STOPWORDS and not w.isdigit()][:max_words]
    return "-".join(p for t in tokens for p in re.split(r"[^a-z0-9]+", t) if p) or "story"


def group_stories(
    articles: list[Article] | ArticleStore, threshold: float = THRESHOLD
) -> list[Story]:
    """Every article in exactly one story; stories sorted by date, then id.

    One pass over the articles, keeping only their compact term counts and names, so a
    store of a large corpus is never unpacked all at once."""
    if not len(articles):
        return []
    ordered = in_id_order(articles)
    ids: list[str] = []
    published: list[date | None] = []
    term_counts, all_names = TermCounts(), []
    # One string per name: each article's names arrive as their own copies, and at 50k
    # articles 1.6 million copies of 10,000 names were 62 MB of grouping's peak.
    one_copy: dict[str, str] = {}
    for article_id, when, counts, found in read_each(_features_of, ordered):
        ids.append(article_id)
        published.append(when)
        term_counts.add(counts)
        all_names.append(tuple(one_copy.setdefault(name, name) for name in found))
    del one_copy
    fetch = (
        ordered.get
        if isinstance(ordered, ArticleStore)
        else dict(zip(ids, ordered, strict=True)).get
    )
    names, idf = rare_names(all_names)
    del all_names
    vectors = tfidf_vectors(term_counts)
    dates = _pinned_dates(published, lambda i: fetch(ids[i]))
    folder = ordered.spill_dir if isinstance(ordered, ArticleStore) else None
    with _VectorsSetAside(folder) as set_aside:
        links = candidate_links(vectors, dates, set_aside.add)
        del vectors
        give_back_freed_memory()
        clusters = _cluster(len(ids), links, threshold, names, idf)
        del links
        stories: list[Story] = []
        for cluster in clusters:
            centre = _most_central(cluster, set_aside)
            lead = fetch(ids[cluster[centre]])
            known = [dates[i] for i in cluster if dates[i]]
            first = min(known) if known else None
            stories.append(
                Story(
                    id=f"{first.isoformat() if first else 'undated'}-"
                    f"{_slug(lead.title or lead.body[:120])}",
                    title=lead.title or lead.body[:80],
                    date=first,
                    articles=[ids[i] for i in cluster],
                )
            )
    # The words' cache serves one grouping; kept after it, it held 16 MB to the end of the
    # indexing run.
    _token_terms.cache_clear()
    seen: Counter = Counter()
    for story in sorted(stories, key=lambda s: (s.id, s.articles)):
        seen[story.id] += 1
        if seen[story.id] > 1:
            story.id = f"{story.id}-{seen[story.id]}"
    return sorted(stories, key=lambda s: (s.date or date.max, s.id))


def _most_central(cluster: list[int], set_aside: _VectorsSetAside) -> int:
    """The place in `cluster` of its article nearest the cluster's centroid."""
    if len(cluster) <= 2:
        return 0
    vectors = [set_aside[i] for i in cluster]
    centroid: Counter = Counter()
    for v in vectors:
        centroid.update(v.as_dict())
    return max(
        range(len(vectors)),
        key=lambda i: (vectors[i].dot_with(centroid) + vectors[i].private, -i),
    )


class _VectorsSetAside:
    """The articles' vectors in a temporary file, added in article order as the links are
    found and each read back when asked for.

    Clustering reads only the links; after it, the vectors of the stories of three articles
    or more are read once, to find each one's most central article. Held through the links
    and the clustering, the vectors were 60 MB of story grouping's peak at 50k articles
    (7.4 million terms), and grouping's peak was the build's. `folder` is where the file
    goes (None: the system's temporary folder)."""

    def __init__(self, folder: Path | None):
        self._file = SpillFile(folder)
        self._places = array("q")
        self._sizes = array("I")
        self._private = array("d")
        self._distinctive = array("I")

    def add(self, vector: Vector) -> None:
        self._places.append(self._file.append(vector.terms.tobytes() + vector.weights.tobytes()))
        self._sizes.append(len(vector.terms))
        self._private.append(vector.private)
        self._distinctive.append(vector.distinctive)

    def __getitem__(self, index: int) -> Vector:
        size = self._sizes[index]
        blob = self._file.read(self._places[index], 8 * size)
        return Vector.of_arrays(
            array("I", blob[: 4 * size]),
            array("f", blob[4 * size :]),
            self._private[index],
            self._distinctive[index],
        )

    def __enter__(self) -> _VectorsSetAside:
        return self

    def __exit__(self, *exc_info) -> None:
        self._file.close()  # deleted, as an unnamed temporary file is when closed
