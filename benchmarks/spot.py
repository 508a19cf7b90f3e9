"""Spot checks at one size after the full run: the app (first paint, keystrokes, memory),
one new article with its reconcile, and one full ingest, each in a fresh process on the
index the full run left in the work folder.

    python -m benchmarks.spot --size 50000 [--skip-ingest]

Prints one JSON object; used to measure commits made after `python -m benchmarks`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time

from benchmarks import scale_corpus, speed
from benchmarks.__main__ import KEYS, _incremental_article


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=scale_corpus.DEFAULT_SEED)
    parser.add_argument("--skip-ingest", action="store_true")
    args = parser.parse_args(argv)
    corpus = scale_corpus.build_corpus(args.size, args.seed)
    work = scale_corpus.bench_dir() / f"work-{args.size}-s{args.seed}"
    out: dict = {"size": args.size}
    apps = [
        speed.run_child(
            "app", corpus=str(corpus), work=str(work), keys=KEYS, started=time.monotonic()
        )
        for _ in range(3)
    ]
    latencies = [s * 1000 for run in apps for s in run.get("keystroke_seconds", [])]
    out["app"] = {
        "first_paint_s": statistics.median(r["first_paint_seconds"] for r in apps),
        "ready_s": statistics.median(r["ready_seconds"] for r in apps),
        "keystroke_p50_ms": round(speed.percentile(latencies, 50), 1),
        "keystroke_p95_ms": round(speed.percentile(latencies, 95), 1),
        "keystrokes_without_update": sum(r.get("keystrokes_without_update", 0) for r in apps),
        "peak_rss_mb": max(r["peak_rss_mb"] for r in apps),
    }
    marker = "quillfeatherbench"
    article_text = _incremental_article(args.size, args.seed, marker)
    out["incremental"] = speed.run_child(
        "incremental",
        sample_tree=True,
        corpus=str(corpus),
        work=str(work),
        article_text=article_text,
        marker=marker,
    )
    if not args.skip_ingest:
        out["ingest"] = speed.run_child(
            "ingest_pipeline", timeout=3600, sample_tree=True, corpus=str(corpus), work=str(work)
        )
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
