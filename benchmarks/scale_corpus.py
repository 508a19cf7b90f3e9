"""The deterministic scale corpus: 1k to 50k news articles built from real text.

This module owns the benchmark corpus. It reads the real articles of `../shared/corpora/`
in place (ECB+, Clust-McMs, Multi-News: about 1,260 articles once crawl notices are left
out), writes them first, then seeded variants of them: re-dated, re-titled, and with their
sentences recombined with those of other articles of the same event cluster, so vocabulary,
length and entity density stay news-like. Article `i` depends only on the seed and `i`, so
the 5k corpus is the 1k corpus plus 4,000 more and the same seed always gives the same bytes.
Corpora go to a cache outside the repository (`$BRIEFING_BENCH_DIR` or /tmp/briefing-bench),
never into it: the source texts' licences are research-only.

    python -m benchmarks.scale_corpus 5000      # writes (or reuses) the 5k corpus, prints its path
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shutil
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

GENERATOR_VERSION = 1
DEFAULT_SEED = 20260421
SHARD_SIZE = 1000
# A fixed mtime keeps file signatures reproducible between runs.
FIXED_MTIME = 1_700_000_000

CORPORA = Path(
    os.environ.get("BRIEFING_CORPORA", Path(__file__).resolve().parents[2] / "shared" / "corpora")
)

# Outlets named where the source text has none (ECB's older half, Clust-McMs, Multi-News).
SOURCE_POOL = (
    "Reuters", "AP", "AFP", "BBC", "Bloomberg", "CNA", "Guardian", "Xinhua",
    "Politico", "NPR", "Kyodo", "Yonhap", "Bernama", "DW", "Axios",
)  # fmt: skip
TITLE_PREFIXES = ("UPDATE 1-", "UPDATE 2-", "Analysis: ", "Explainer: ", "Live: ", "Exclusive: ")
TITLE_SUFFIXES = (" - report", " - officials", ", sources say", " (updated)")

_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        (
            "january february march april may june july august september october november december"
        ).split()
    )
}
_MONTH_DATE = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+(\d{1,2})\s*,\s*(\d{4})\b"
)
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’']))\s+(?=[A-Z\"“‘(])")


@dataclass
class RealArticle:
    """One real article, normalised: title, date, outlet, sentences, and its event cluster."""

    title: str
    published: date
    source: str
    paragraphs: list[list[str]]  # sentences, grouped as the source text groups them
    cluster: str
    lang: str
    origin: str  # which corpus: ecbplus, clustmcms or multinews

    @property
    def sentences(self) -> list[str]:
        return [s for paragraph in self.paragraphs for s in paragraph]


def bench_dir() -> Path:
    return Path(os.environ.get("BRIEFING_BENCH_DIR", "/tmp/briefing-bench"))


# -- reading the real text ------------------------------------------------------------------


def _detokenise(text: str) -> str:
    """ECB+ stores tokens joined by spaces; give them back their ordinary spacing."""
    text = text.replace("``", "“").replace("''", "”")
    text = re.sub(r"\s+([,.;:!?%)\]])", r"\1", text)
    text = re.sub(r"([(\[$“])\s+", r"\1", text)
    text = re.sub(r"\s+”", "”", text)
    text = re.sub(r"\s+(n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", text)
    text = re.sub(r"(\w)\s+-\s+(\w)", r"\1-\2", text)
    return text.strip()


def _seeded_date(key: str, start: date, days: int) -> date:
    digest = int(hashlib.sha256(key.encode()).hexdigest()[:8], 16)
    return start + timedelta(days=digest % days)


def _pooled_source(key: str) -> str:
    digest = int(hashlib.sha256(("source:" + key).encode()).hexdigest()[:8], 16)
    return SOURCE_POOL[digest % len(SOURCE_POOL)]


def _domain_source(url: str | None, key: str) -> str:
    if url:
        match = re.match(r"https?://(?:www\.)?([^/]+)", url)
        if match:
            return match.group(1)
    return _pooled_source(key)


def _title_from(sentence: str, words: int = 12) -> str:
    tokens = sentence.split()
    title = " ".join(tokens[:words]).rstrip(",;:")
    return title.rstrip(".")


def _read_ecbplus(path: Path) -> list[RealArticle]:
    articles = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        sentences = [_detokenise(s) for s in row["sentences"] if s.strip()]
        if not sentences:
            continue
        cluster = f"ecb:{row['gold_event_cluster']}"
        published = None
        for sentence in sentences[:3]:
            match = _MONTH_DATE.search(sentence)
            if match:
                try:
                    month = _MONTHS[match.group(1).lower()]
                    published = date(int(match.group(3)), month, int(match.group(2)))
                except ValueError:
                    published = None
                break
        if published is None:
            base = _seeded_date(cluster, date(2008, 1, 1), 6 * 365)
            published = base + timedelta(days=_seeded_date(row["doc_id"], date(2000, 1, 1), 4).day)
        if row["corpus_part"] == "ecbplus" and len(sentences) > 2:
            title, body = _title_from(sentences[0], 16), sentences[1:]
            if _MONTH_DATE.fullmatch(body[0].strip()) or len(body[0].split()) <= 4:
                body = body[1:]  # the dateline sentence "May 03, 2013"
        else:
            title, body = _title_from(sentences[0]), sentences
        paragraphs = [body[i : i + 3] for i in range(0, len(body), 3)]
        articles.append(
            RealArticle(
                title,
                published,
                _domain_source(row.get("source_url"), row["doc_id"]),
                paragraphs,
                cluster,
                "en",
                "ecbplus",
            )  # fmt: skip
        )
    return articles


def _read_clustmcms(path: Path) -> list[RealArticle]:
    articles = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        sentences = [s["text"].strip() for s in row["sentences"] if s["text"].strip()]
        if not sentences:
            continue
        if row.get("publish_date"):
            published = date.fromisoformat(row["publish_date"][:10])
        else:  # the set covers Sep-Oct 2022
            published = _seeded_date(f"cm:{row['id']}", date(2022, 9, 1), 61)
        paragraphs = [[s] for s in sentences]  # CNA and the Straits Times: one-sentence paragraphs
        articles.append(
            RealArticle(
                row["title"].strip(),
                published,
                _pooled_source(f"cm:{row['id']}"),
                paragraphs,
                f"cm:{row['gold_cluster']}",
                row.get("lang_guess") or "en",
                "clustmcms",
            )  # fmt: skip
        )
    return articles


def _read_multinews(path: Path) -> list[RealArticle]:
    articles = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        cluster = f"mn:{row['id'][:12]}"
        base = _seeded_date(cluster, date(2011, 1, 1), 6 * 365)
        for number, (text, boilerplate) in enumerate(
            zip(row["documents"], row["doc_is_wayback_boilerplate"], strict=False)
        ):
            if boilerplate or len(text.split()) < 40:
                continue
            paragraphs = []
            for block in re.split(r"\n\s*\n|\n", text):
                block = " ".join(block.split())
                if block:
                    paragraphs.append(_SENTENCE_END.split(block))
            if not paragraphs:
                continue
            key = f"{cluster}:{number}"
            published = base + timedelta(days=_seeded_date(key, date(2000, 1, 1), 3).day - 1)
            articles.append(
                RealArticle(
                    _title_from(paragraphs[0][0]),
                    published,
                    _pooled_source(key),
                    paragraphs,
                    cluster,
                    "en",
                    "multinews",
                )  # fmt: skip
            )
    return articles


def real_articles(corpora: Path = CORPORA) -> list[RealArticle]:
    """Every usable real article, in a fixed order: ECB+, Clust-McMs, then Multi-News."""
    found = [
        *_read_ecbplus(corpora / "ecbplus" / "documents.jsonl"),
        *_read_clustmcms(corpora / "clustmcms" / "articles.jsonl"),
        *_read_multinews(corpora / "multinews" / "clusters.jsonl"),
    ]
    if not found:
        raise SystemExit(f"{corpora}: no real articles found")
    return found


def _sources_fingerprint(corpora: Path) -> str:
    digest = hashlib.sha256()
    for name in ("ecbplus/documents.jsonl", "clustmcms/articles.jsonl", "multinews/clusters.jsonl"):
        info = (corpora / name).stat()
        digest.update(f"{name}:{info.st_size}".encode())
    return digest.hexdigest()[:16]


# -- variants ---------------------------------------------------------------------------------


@dataclass
class GeneratedArticle:
    number: int
    title: str
    published: date
    source: str
    paragraphs: list[list[str]]
    markdown: bool

    @property
    def relative_path(self) -> str:
        suffix = ".md" if self.markdown else ".txt"
        return f"shard-{self.number // SHARD_SIZE:03d}/a{self.number:06d}{suffix}"

    def render(self) -> str:
        body = "\n\n".join(" ".join(p) for p in self.paragraphs)
        if self.markdown:
            title = self.title.replace('"', "'")
            return (
                f'---\ntitle: "{title}"\ndate: {self.published.isoformat()}\n'
                f'source: "{self.source}"\n---\n\n{body}\n'
            )
        return (
            f"title: {self.title}\nsource: {self.source}\ndate: {self.published.isoformat()}\n\n"
            f"{body}\n"
        )


class ScaleCorpus:
    """The article sequence for one seed: `article(i)` is the same for every corpus size."""

    def __init__(self, seed: int = DEFAULT_SEED, corpora: Path = CORPORA):
        self.seed = seed
        self.corpora = corpora
        self.real = real_articles(corpora)
        self.by_cluster: dict[str, list[int]] = defaultdict(list)
        self.by_lang: dict[str, list[int]] = defaultdict(list)
        for number, article in enumerate(self.real):
            self.by_cluster[article.cluster].append(number)
            self.by_lang[article.lang].append(number)

    def article(self, number: int) -> GeneratedArticle:
        markdown = number % 5 == 4
        if number < len(self.real):
            real = self.real[number]
            return GeneratedArticle(
                number, real.title, real.published, real.source, real.paragraphs, markdown
            )
        return self._variant(number, markdown)

    def _variant(self, number: int, markdown: bool) -> GeneratedArticle:
        rng = random.Random(f"{self.seed}:{number}")
        base = self.real[rng.randrange(len(self.real))]
        peers = [self.real[i] for i in self.by_cluster[base.cluster] if self.real[i] is not base]
        if not peers:
            pool = self.by_lang[base.lang]
            peers = [self.real[pool[rng.randrange(len(pool))]] for _ in range(2)]
        donor_sentences = [s for peer in peers for s in peer.sentences]

        # Recombine: keep the lead, swap about a third of the rest for a peer's sentences,
        # drop a few, append one or two; always change at least one sentence.
        paragraphs: list[list[str]] = []
        changed = False
        for p_number, paragraph in enumerate(base.paragraphs):
            kept = []
            for s_number, sentence in enumerate(paragraph):
                roll = rng.random()
                if p_number == 0 and s_number == 0:
                    kept.append(sentence)
                elif roll < 0.33 and donor_sentences:
                    kept.append(donor_sentences[rng.randrange(len(donor_sentences))])
                    changed = True
                elif roll < 0.43:
                    changed = True
                else:
                    kept.append(sentence)
            if kept:
                paragraphs.append(kept)
        if donor_sentences and (not changed or rng.random() < 0.5):
            extra = [donor_sentences[rng.randrange(len(donor_sentences))] for _ in range(2)]
            paragraphs.append(extra)
        if len(paragraphs) > 3 and rng.random() < 0.5:
            i = rng.randrange(1, len(paragraphs) - 1)
            paragraphs[i], paragraphs[i + 1] = paragraphs[i + 1], paragraphs[i]

        # Re-date: the same kind of event recurs, weeks to years away from the original.
        shift = rng.choice((rng.randint(-30, 30), rng.randint(-400, 400), rng.randint(-1800, 1800)))
        published = base.published + timedelta(days=shift)

        # Re-title: a wire-style prefix or suffix, or a headline cut from another lead.
        style = rng.random()
        if style < 0.3:
            title = rng.choice(TITLE_PREFIXES) + base.title
        elif style < 0.5:
            title = base.title + rng.choice(TITLE_SUFFIXES)
        elif style < 0.8 and peers:
            title = rng.choice(peers).title
        else:
            lead = paragraphs[0][0] if paragraphs and paragraphs[0] else base.title
            title = _title_from(lead, rng.randint(7, 12))
        source = base.source if rng.random() < 0.4 else SOURCE_POOL[rng.randrange(len(SOURCE_POOL))]
        return GeneratedArticle(number, title, published, source, paragraphs, markdown)


def corpus_path(size: int, seed: int = DEFAULT_SEED) -> Path:
    return bench_dir() / f"corpus-{size}-s{seed}"


def build_corpus(size: int, seed: int = DEFAULT_SEED, log=print) -> Path:
    """The corpus of `size` articles, written once and reused while its manifest matches."""
    folder = corpus_path(size, seed)
    manifest_path = folder.with_name(folder.name + ".manifest.json")
    manifest = {
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "size": size,
        "sources": _sources_fingerprint(CORPORA),
    }
    if folder.is_dir() and manifest_path.exists():
        try:
            if json.loads(manifest_path.read_text()) == manifest:
                return folder
        except ValueError:
            pass
    log(f"writing the {size:,}-article corpus to {folder} ...")
    if folder.exists():
        shutil.rmtree(folder)
    manifest_path.unlink(missing_ok=True)
    corpus = ScaleCorpus(seed)
    for number in range(size):
        article = corpus.article(number)
        path = folder / article.relative_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article.render(), encoding="utf-8")
        os.utime(path, (FIXED_MTIME, FIXED_MTIME))
    manifest_path.write_text(json.dumps(manifest))
    return folder


def corpus_stats(folder: Path) -> dict:
    files = [p for p in folder.rglob("*") if p.is_file()]
    total = sum(p.stat().st_size for p in files)
    return {"files": len(files), "megabytes": round(total / 1e6, 1)}


# -- the fixed query set -----------------------------------------------------------------------

_STOP = set(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    out over own said same she should so some such than that the their theirs them then there
    these they this those through to too under until up very was we were what when where which
    while who whom why will with would you your yours says say told one two three new last first
    year years would could people time week monday tuesday wednesday thursday friday saturday
    sunday mr mrs ms""".split()
)
_CAPITALISED_NOT_NAMES = _STOP | set(_MONTHS) | {
    "the", "in", "on", "at", "but", "and", "it", "he", "she", "they", "we", "this", "that",
    "police", "president", "city", "county", "state", "court", "news", "new", "north", "south",
    "east", "west", "united", "national", "prime", "minister", "center", "university",
}  # fmt: skip
_WORD = re.compile(r"[A-Za-z][a-z]+")


@dataclass
class BenchQuery:
    """One query of the fixed set, in the syntax of each engine."""

    kind: str
    whoosh: str
    fts5: str
    rg: list[list[str]]  # one or two ripgrep stages; the second searches the first's files

    def to_json(self) -> dict:
        return {"kind": self.kind, "whoosh": self.whoosh, "fts5": self.fts5, "rg": self.rg}


QUERY_MIX = {
    "term": 60, "and": 50, "phrase": 35, "person": 20, "source": 15, "date": 15, "wildcard": 5,
}  # fmt: skip


def fixed_queries(seed: int = DEFAULT_SEED, pool_size: int = 1000) -> list[BenchQuery]:
    """200 queries drawn from the first `pool_size` articles (present in every corpus size)."""
    corpus = ScaleCorpus(seed)
    rng = random.Random(f"queries:{seed}")
    articles = [corpus.article(i) for i in range(min(pool_size, len(corpus.real)))]
    english = [a for a, r in zip(articles, corpus.real, strict=False) if r.lang == "en"]
    doc_words = []
    df: Counter[str] = Counter()
    bigrams: Counter[tuple[str, str]] = Counter()
    names: Counter[tuple[str, str]] = Counter()
    for article in english:
        text = " ".join(" ".join(p) for p in article.paragraphs)
        words = [w.lower() for w in _WORD.findall(text)]
        doc_words.append(words)
        df.update(set(words))
        for a, b in zip(words, words[1:], strict=False):
            if a not in _STOP and b not in _STOP and len(a) > 2 and len(b) > 2:
                bigrams[(a, b)] += 1
        for first, last in re.findall(r"(?<![.!?]\s)\b([A-Z][a-z]{2,}) ([A-Z][a-z]{2,})\b", text):
            if (
                first.lower() not in _CAPITALISED_NOT_NAMES
                and last.lower() not in _CAPITALISED_NOT_NAMES
            ):
                names[(first.lower(), last.lower())] += 1
    mid = sorted(w for w, n in df.items() if 5 <= n <= 80 and len(w) >= 4 and w not in _STOP)
    queries: list[BenchQuery] = []

    def word_rg(pattern: str) -> list[str]:
        return ["-i", "-w", "-m1", "-e", pattern]

    for word in rng.sample(mid, QUERY_MIX["term"]):
        queries.append(BenchQuery("term", word, f'"{word}"', [word_rg(word)]))
    made = 0
    while made < QUERY_MIX["and"]:
        words = rng.choice(doc_words)
        choices = sorted(
            {w for w in words if w in df and 5 <= df[w] <= 200 and w not in _STOP and len(w) >= 4}
        )
        if len(choices) < 2:
            continue
        a, b = rng.sample(choices, 2)
        queries.append(
            BenchQuery("and", f"{a} AND {b}", f'"{a}" AND "{b}"',
                       [["-i", "-w", "-l", "-e", a], word_rg(b)])
        )  # fmt: skip
        made += 1
    common_bigrams = sorted(pair for pair, n in bigrams.items() if n >= 3)
    for a, b in rng.sample(common_bigrams, QUERY_MIX["phrase"]):
        queries.append(
            BenchQuery(
                "phrase", f'"{a} {b}"', f'"{a} {b}"', [["-i", "-F", "-m1", "-e", f"{a} {b}"]]
            )
        )
    common_names = sorted(pair for pair, n in names.items() if n >= 3)
    for first, last in rng.sample(common_names, QUERY_MIX["person"]):
        queries.append(
            BenchQuery("person", f'person:"{first} {last}"', f'"{first} {last}"',
                       [["-i", "-F", "-m1", "-e", f"{first} {last}"]])
        )  # fmt: skip
    sources = sorted({a.source for a in articles})
    source_words = sorted(
        {w.lower() for s in sources for w in re.findall(r"[A-Za-z]{2,}", s)}
        - {"com", "www", "net", "org", "co", "uk"}
    )
    for word in rng.sample(source_words, min(QUERY_MIX["source"], len(source_words))):
        queries.append(
            BenchQuery("source", f"source:{word}", f'source: "{word}"',
                       [["-i", "-m1", "-e", rf"^source: .*\b{word}\b"]])
        )  # fmt: skip
    months = sorted({a.published.strftime("%Y-%m") for a in articles})
    for month in rng.sample(months, QUERY_MIX["date"]):
        year, mon = month.split("-")
        queries.append(
            BenchQuery("date", f"published:{month}", f'published: "{year} {mon}"',
                       [["-m1", "-e", f"^date: {month}"]])
        )  # fmt: skip
    stems = sorted({w[:5] for w in mid if len(w) >= 7})
    for stem in rng.sample(stems, QUERY_MIX["wildcard"]):
        queries.append(
            BenchQuery(
                "wildcard", f"{stem}*", f"{stem}*", [["-i", "-w", "-m1", "-e", rf"{stem}\w*"]]
            )
        )
    while len(queries) < 200:  # too few distinct sources: top up with single terms
        word = rng.choice(mid)
        queries.append(BenchQuery("term", word, f'"{word}"', [word_rg(word)]))
    return queries


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [1000]
    for size in sizes:
        folder = build_corpus(size)
        print(folder, corpus_stats(folder))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
