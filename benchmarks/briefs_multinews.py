"""Story briefs on Multi-News: ROUGE against the human summaries, a lead baseline, and faithfulness.

`python -m benchmarks.briefs_multinews` makes one Story per Multi-News cluster (documents that
are Wayback crawl notices skipped), composes its brief with `index.brief.compose_brief` at the
default length (60-140 words), and scores ROUGE-1/2 F (rouge-score, stemming) against the
reference summary. The lead baseline, computed in the same run, takes the first sentences of
each article round-robin and is cut to the brief's own word count. The faithfulness check runs
on every brief: a sentence passes when each of its content words occurs in the articles it
cites (`index.brief.faithfulness`). `--json` prints the figures as JSON.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import time
from pathlib import Path

from rouge_score import rouge_scorer

from index.brief import compose_brief
from index.brief.faithfulness import brief_pass_rate
from index.extract.sentences import split_sentences
from index.model import Article, Paragraph, Story

CORPUS = (
    Path(__file__).resolve().parents[1].parent
    / "shared"
    / "corpora"
    / "multinews"
    / "clusters.jsonl"
)


def _article(aid: str, text: str) -> Article:
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    return Article(
        id=aid,
        path=aid,
        title=paragraphs[0][:100] if paragraphs else aid,
        source=None,
        dateline=None,
        published=None,
        paragraphs=[Paragraph(p) for p in paragraphs],
        content_hash=hashlib.sha1(text.encode()).hexdigest(),
    )


def lead_baseline(articles: list[Article], n_words: int) -> str:
    """First sentences of each article in turn, cut to n_words."""
    queues = [[s for p in a.body_paragraphs for s in split_sentences(p)] for a in articles]
    out: list[str] = []
    depth = 0
    while sum(len(s.split()) for s in out) < n_words and any(depth < len(q) for q in queues):
        for q in queues:
            if depth < len(q):
                out.append(q[depth])
        depth += 1
    return " ".join(" ".join(out).split()[:n_words])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    ours = {"rouge1": [], "rouge2": []}
    lead = {"rouge1": [], "rouge2": []}
    lengths, times = [], []
    passing = total = 0
    with CORPUS.open(encoding="utf-8") as handle:
        clusters = [json.loads(line) for line in handle]
    for cluster in clusters:
        articles = [
            _article(f"{cluster['id']}-{i}", text)
            for i, (text, wayback) in enumerate(
                zip(cluster["documents"], cluster["doc_is_wayback_boilerplate"], strict=True)
            )
            if not wayback and text.strip()
        ]
        if not articles:
            continue
        story = Story(
            id=str(cluster["id"]),
            title=articles[0].title,
            date=None,
            articles=[a.id for a in articles],
        )
        by_id = {a.id: a for a in articles}
        started = time.perf_counter()
        brief = compose_brief(story, by_id, [])
        times.append((time.perf_counter() - started) * 1000)
        text = brief.text
        n_words = len(text.split())
        lengths.append(n_words)
        baseline = lead_baseline(articles, n_words)
        for candidate, store in ((text, ours), (baseline, lead)):
            scores = scorer.score(cluster["reference_summary"], candidate)
            store["rouge1"].append(scores["rouge1"].fmeasure)
            store["rouge2"].append(scores["rouge2"].fmeasure)
        ok, n = brief_pass_rate(brief, by_id)
        passing += ok
        total += n
    figures = {
        "clusters": len(lengths),
        "mean_brief_words": round(statistics.mean(lengths), 1),
        "compose_brief": {k: round(100 * statistics.mean(v), 2) for k, v in ours.items()},
        "lead_baseline_same_length": {
            k: round(100 * statistics.mean(v), 2) for k, v in lead.items()
        },
        "faithfulness_sentences_passing": round(passing / total, 4) if total else None,
        "sentences_checked": total,
        "ms_per_brief_median": round(statistics.median(times), 2),
        "ms_per_brief_max": round(max(times), 2),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(
            f"Multi-News, {figures['clusters']} clusters; "
            f"briefs {figures['mean_brief_words']} words on average "
            "(default 60-140); lead baseline cut to each brief's length\n\n"
            "| system | ROUGE-1 F | ROUGE-2 F |\n| --- | ---: | ---: |\n"
            f"| compose_brief (Story) | {figures['compose_brief']['rouge1']:.2f} "
            f"| {figures['compose_brief']['rouge2']:.2f} |\n"
            f"| lead, round-robin | {figures['lead_baseline_same_length']['rouge1']:.2f} "
            f"| {figures['lead_baseline_same_length']['rouge2']:.2f} |\n\n"
            f"Faithfulness: {100 * figures['faithfulness_sentences_passing']:.1f}% "
            f"of {total} sentences pass; "
            f"compose_brief {figures['ms_per_brief_median']} ms median, "
            f"{figures['ms_per_brief_max']} ms max per brief"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
