"""Story grouping measured on ECB+ and on the English part of Clust-McMs, against a TF-IDF
baseline.

`python -m benchmarks.grouping` runs `index.extract.stories.group_stories` on Articles built
from the corpora records (read in place from ../shared/corpora) and scores pairwise and B-cubed
precision, recall and F1 against the gold event clusters. ECB+ is split by topic parity: the
baseline's threshold is chosen on the odd topics (`--sweep` prints it), `--cv` runs a two-fold
cross-validation of group_stories' settings over the two halves (see `cross_validate`); the
whole corpus is also clustered at once. Clust-McMs articles are all clustered (noise bucket
included, with their dates) and the noise bucket is left out of scoring. The baseline is
plain TF-IDF (lower-cased words, no stemming, no weighting of names) with average link over
all pairs. `--json` prints the figures as JSON.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
import time
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

from index.extract import stories
from index.extract.sentences import STOPWORDS, words
from index.model import Article, Paragraph

CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"
SWEEP = [round(0.06 + 0.02 * i, 2) for i in range(13)]


def _article(doc_id: str, title: str, sentences: list[str], published: date | None) -> Article:
    text = "\n".join(sentences)
    return Article(
        id=doc_id,
        path=doc_id,
        title=title,
        source=None,
        dateline=None,
        published=published,
        paragraphs=[Paragraph(s) for s in sentences],
        content_hash=hashlib.sha1(text.encode()).hexdigest(),
    )


def load_ecbplus() -> list[tuple[Article, str, int]]:
    rows = []
    with (CORPORA / "ecbplus" / "documents.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            sentences = record["sentences"]
            # No titles and no dates: the first sentence stands in for a title, as a loader would.
            rows.append(
                (
                    _article(record["doc_id"], sentences[0], sentences[1:] or sentences, None),
                    record["gold_event_cluster"],
                    record["topic"],
                )
            )
    return rows


def load_clustmcms() -> list[tuple[Article, str | None]]:
    rows = []
    with (CORPORA / "clustmcms" / "articles.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["lang_guess"] != "en":
                continue
            published = (
                date.fromisoformat(record["publish_date"][:10])
                if record.get("publish_date")
                else None
            )
            article = _article(
                str(record["id"]),
                record["title"],
                [s["text"] for s in record["sentences"]],
                published,
            )
            rows.append(
                (article, None if record["is_noise_bucket"] else str(record["gold_cluster"]))
            )
    return rows


def score(predicted: dict[str, int], gold: dict[str, str]) -> dict[str, float]:
    """Pairwise and B-cubed P/R/F1 over the items that have a gold label."""
    items = [i for i in gold if i in predicted]
    pred_groups: dict[int, set[str]] = defaultdict(set)
    gold_groups: dict[str, set[str]] = defaultdict(set)
    for i in items:
        pred_groups[predicted[i]].add(i)
        gold_groups[gold[i]].add(i)
    pairs_pred = sum(len(g) * (len(g) - 1) // 2 for g in pred_groups.values())
    pairs_gold = sum(len(g) * (len(g) - 1) // 2 for g in gold_groups.values())
    pairs_both = sum(
        n * (n - 1) // 2 for g in pred_groups.values() for n in Counter(gold[i] for i in g).values()
    )
    bp = sum(
        len(pred_groups[predicted[i]] & gold_groups[gold[i]]) / len(pred_groups[predicted[i]])
        for i in items
    ) / len(items)
    br = sum(
        len(pred_groups[predicted[i]] & gold_groups[gold[i]]) / len(gold_groups[gold[i]])
        for i in items
    ) / len(items)
    pp = pairs_both / pairs_pred if pairs_pred else 1.0
    pr = pairs_both / pairs_gold if pairs_gold else 1.0
    return {
        "pairwise_p": pp,
        "pairwise_r": pr,
        "pairwise_f1": _f1(pp, pr),
        "bcubed_p": bp,
        "bcubed_r": br,
        "bcubed_f1": _f1(bp, br),
    }


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def run_grouper(articles: list[Article], threshold: float = stories.THRESHOLD) -> dict[str, int]:
    return {
        aid: n
        for n, story in enumerate(stories.group_stories(articles, threshold))
        for aid in story.articles
    }


def baseline_similarities(articles: list[Article]) -> dict[tuple[int, int], float]:
    """Plain TF-IDF cosine over all pairs: the textbook baseline."""
    counts = [
        Counter(w for w in words(a.title + " " + a.body) if w not in STOPWORDS) for a in articles
    ]
    df: Counter = Counter()
    for c in counts:
        df.update(c.keys())
    n = len(articles)
    vectors = []
    for c in counts:
        weights = {
            t: (1 + math.log(k)) * (math.log((1 + n) / (1 + df[t])) + 1) for t, k in c.items()
        }
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        vectors.append({t: w / norm for t, w in weights.items()})
    sims = {}
    for i in range(n):
        vi = vectors[i]
        for j in range(i + 1, n):
            vj = vectors[j]
            small, large = (vi, vj) if len(vi) < len(vj) else (vj, vi)
            s = sum(w * large.get(t, 0.0) for t, w in small.items())
            if s > 0:
                sims[(i, j)] = s
    return sims


def run_baseline(articles: list[Article], threshold: float, sims=None) -> dict[str, int]:
    sims = sims if sims is not None else baseline_similarities(articles)
    clusters = stories.average_link(len(articles), sims, threshold)
    return {articles[i].id: n for n, cluster in enumerate(clusters) for i in cluster}


def _prepared(articles: list[Article]):
    ordered = sorted(articles, key=lambda a: a.id)
    vectors = stories.tfidf_vectors([stories.article_terms(a) for a in ordered])
    sims = stories.candidate_pairs(vectors, [a.published for a in ordered])
    return ordered, sims, [stories.article_names(a) for a in ordered]


def _cluster_score(
    prepared,
    gold: dict[str, str],
    threshold: float,
    share: float,
    coverage: float,
    min_size: tuple[int, int] | None = None,
):
    ordered, sims, names = prepared
    rare, idf = stories.rare_names(names, share)
    saved = stories.DISTINCT_COVERAGE, stories.DISTINCT_MIN_SIZE
    stories.DISTINCT_COVERAGE = coverage
    stories.DISTINCT_MIN_SIZE = min_size or saved[1]
    try:
        clusters = stories.average_link(len(ordered), sims, threshold, rare, idf)
    finally:
        stories.DISTINCT_COVERAGE, stories.DISTINCT_MIN_SIZE = saved
    return score({ordered[i].id: n for n, c in enumerate(clusters) for i in c}, gold)


def _grouper_sweep(articles: list[Article], gold: dict[str, str]) -> dict[float, float]:
    prepared = _prepared(articles)
    return {
        t: _cluster_score(prepared, gold, t, stories.RARE_NAME_SHARE, stories.DISTINCT_COVERAGE)[
            "bcubed_f1"
        ]
        for t in SWEEP
    }


CV_THRESHOLDS = [0.12, 0.14, 0.16, 0.18, 0.20, 0.22, 0.24]
CV_COVERAGES = [0.3, 0.4, 0.5, 0.6]
CV_SHARES = [0.03, 0.05]
CV_MIN_SIZES = [(3, 3), (4, 4), (6, 6)]


def cross_validate(ecb: list[tuple[Article, str, int]], gold: dict[str, str]) -> dict:
    """Two-fold CV over (rare-name share, minimum story size, signature coverage, threshold).

    Each ECB+ topic half picks the setting whose neighbourhood (threshold ±1 step, coverage ±1
    step, same share and size) has the best mean B³ F1 on it, a flat region rather than a lucky
    point, and is scored on the other half; both held-out figures and their mean are reported.
    """
    halves = {
        "odd": _prepared([a for a, _, t in ecb if t % 2 == 1]),
        "even": _prepared([a for a, _, t in ecb if t % 2 == 0]),
    }
    grid = {
        half: {
            (share, size, cov, t): _cluster_score(prepared, gold, t, share, cov, size)["bcubed_f1"]
            for share in CV_SHARES
            for size in CV_MIN_SIZES
            for cov in CV_COVERAGES
            for t in CV_THRESHOLDS
        }
        for half, prepared in halves.items()
    }

    def flat(half: str, key: tuple) -> float:
        share, size, cov, t = key
        ci, ti = CV_COVERAGES.index(cov), CV_THRESHOLDS.index(t)
        values = [
            grid[half][(share, size, CV_COVERAGES[c], CV_THRESHOLDS[k])]
            for c in range(max(0, ci - 1), min(len(CV_COVERAGES), ci + 2))
            for k in range(max(0, ti - 1), min(len(CV_THRESHOLDS), ti + 2))
        ]
        return sum(values) / len(values)

    folds = {}
    for tune, test in (("odd", "even"), ("even", "odd")):
        for how, objective in (
            ("flat", lambda k, h=tune: flat(h, k)),
            ("point", lambda k, h=tune: grid[h][k]),
        ):
            best = max(sorted(grid[tune]), key=objective)
            folds[f"pick on {tune} ({how})"] = {
                "setting": {
                    "rare_share": best[0],
                    "min_size": best[1][0],
                    "coverage": best[2],
                    "threshold": best[3],
                },
                "tuning_bcubed_f1": round(grid[tune][best], 4),
                "tuning_neighbourhood_bcubed_f1": round(flat(tune, best), 4),
                f"held_out_{test}_bcubed_f1": round(grid[test][best], 4),
            }
    means = {
        how: round(
            (
                folds[f"pick on odd ({how})"]["held_out_even_bcubed_f1"]
                + folds[f"pick on even ({how})"]["held_out_odd_bcubed_f1"]
            )
            / 2,
            4,
        )
        for how in ("flat", "point")
    }
    chosen = (
        stories.RARE_NAME_SHARE,
        stories.DISTINCT_MIN_SIZE,
        stories.DISTINCT_COVERAGE,
        stories.THRESHOLD,
    )
    shipped = {
        half: round(grid[half][chosen], 4) if chosen in grid[half] else None for half in grid
    }
    return {"folds": folds, "mean_held_out_bcubed_f1": means, "shipped_setting": shipped}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--sweep", action="store_true", help="show the odd-topic threshold sweep")
    parser.add_argument(
        "--cv", action="store_true", help="two-fold cross-validation over the ECB+ topic halves"
    )
    args = parser.parse_args(argv)

    started = time.perf_counter()
    ecb = load_ecbplus()
    gold_ecb = {a.id: g for a, g, _ in ecb}
    splits = {
        "ECB+ odd topics": [a for a, _, t in ecb if t % 2 == 1],
        "ECB+ even topics": [a for a, _, t in ecb if t % 2 == 0],
        "ECB+ all topics together": [a for a, _, _ in ecb],
    }
    odd = splits["ECB+ odd topics"]
    odd_baseline_sims = baseline_similarities(odd)
    baseline_sweep = {
        t: score(run_baseline(odd, t, odd_baseline_sims), gold_ecb)["bcubed_f1"] for t in SWEEP
    }
    baseline_threshold = max(SWEEP, key=lambda t: (baseline_sweep[t], -t))
    grouper_sweep = _grouper_sweep(odd, gold_ecb) if args.sweep else {}

    results: dict[str, dict] = {}
    timings: dict[str, float] = {}
    for name, articles in splits.items():
        t0 = time.perf_counter()
        ours = score(run_grouper(articles), gold_ecb)
        timings[name] = time.perf_counter() - t0
        base = score(run_baseline(articles, baseline_threshold), gold_ecb)
        results[name] = {
            "group_stories": ours,
            "tfidf_average_link": base,
            "articles": len(articles),
        }
    clust = load_clustmcms()
    clust_articles = [a for a, _ in clust]
    gold_clust = {a.id: g for a, g in clust if g is not None}
    t0 = time.perf_counter()
    ours = score(run_grouper(clust_articles), gold_clust)
    timings["Clust-McMs en"] = time.perf_counter() - t0
    results["Clust-McMs en (noise unscored)"] = {
        "group_stories": ours,
        "tfidf_average_link": score(run_baseline(clust_articles, baseline_threshold), gold_clust),
        "articles": len(clust_articles),
    }
    figures = {
        "threshold": stories.THRESHOLD,
        "baseline_threshold": baseline_threshold,
        "results": results,
        "group_stories_seconds": {k: round(v, 3) for k, v in timings.items()},
        "total_seconds": round(time.perf_counter() - started, 1),
    }
    if args.sweep:
        figures["odd_topic_sweep_bcubed_f1"] = {
            "group_stories": {str(t): round(f, 4) for t, f in grouper_sweep.items()},
            "baseline": {str(t): round(f, 4) for t, f in baseline_sweep.items()},
        }
    if args.cv:
        figures["cross_validation"] = cross_validate(ecb, gold_ecb)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(_markdown(figures))
    return 0


def _markdown(figures: dict) -> str:
    lines = [
        f"Story grouping (`group_stories`, threshold {figures['threshold']}; "
        "baseline TF-IDF + average link, "
        f"threshold {figures['baseline_threshold']} chosen on odd ECB+ topics)",
        "",
        "| data | articles | system | pairwise P | pairwise R | pairwise F1 "
        "| B³ P | B³ R | B³ F1 |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, row in figures["results"].items():
        for system in ("group_stories", "tfidf_average_link"):
            s = row[system]
            lines.append(
                f"| {name} | {row['articles']} | {system} "
                f"| {s['pairwise_p']:.3f} | {s['pairwise_r']:.3f} | "
                f"{s['pairwise_f1']:.3f} | {s['bcubed_p']:.3f} "
                f"| {s['bcubed_r']:.3f} | {s['bcubed_f1']:.3f} |"
            )
    lines.append("")
    lines.append(
        f"group_stories time (s): {figures['group_stories_seconds']}; "
        f"whole run {figures['total_seconds']} s"
    )
    if "odd_topic_sweep_bcubed_f1" in figures:
        lines.append("")
        lines.append("Odd-topic sweep (B³ F1): " + json.dumps(figures["odd_topic_sweep_bcubed_f1"]))
    if "cross_validation" in figures:
        cv = figures["cross_validation"]
        lines.append("")
        lines.append("Two-fold cross-validation over ECB+ topic halves (B³ F1):")
        for name, fold in cv["folds"].items():
            lines.append(f"- {name}: {json.dumps(fold)}")
        lines.append(f"- mean held-out: {json.dumps(cv['mean_held_out_bcubed_f1'])}")
        lines.append(f"- shipped setting on each half: {json.dumps(cv['shipped_setting'])}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
