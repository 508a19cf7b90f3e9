"""Entity extraction cost per article, as a ratio to reading and cleaning that article.

Runs on the first N articles of the deterministic scale corpus (real text from
../shared/corpora first), timing `read_article_file` and `extract_mentions` on each and
reporting medians and the ratio of the totals, both measured in the same run.

    python -m benchmarks.extraction_cost [--articles 3000] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time

from benchmarks.scale_corpus import build_corpus
from index.corpus import read_article_file, scan_corpus
from index.extract.entities import extract_mentions


def measure(count: int) -> dict:
    folder = build_corpus(max(count, 1000), log=lambda *_: None)
    paths = scan_corpus(folder)[:count]
    extract_mentions(read_article_file(paths[0], folder).articles[0])  # load gazetteers once
    read_times, extract_times = [], []
    for path in paths:
        started = time.perf_counter()
        result = read_article_file(path, folder)
        read_times.append(time.perf_counter() - started)
        for article in result.articles:
            started = time.perf_counter()
            extract_mentions(article)
            extract_times.append(time.perf_counter() - started)
    return {
        "articles": len(extract_times),
        "read_ms_median": round(statistics.median(read_times) * 1000, 3),
        "extract_ms_median": round(statistics.median(extract_times) * 1000, 3),
        "read_s_total": round(sum(read_times), 3),
        "extract_s_total": round(sum(extract_times), 3),
        "extract_to_read_ratio": round(sum(extract_times) / sum(read_times), 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    figures = measure(args.articles)
    if args.json:
        json.dump(figures, sys.stdout, indent=2)
        print()
        return 0
    print("| articles | read+clean median ms | extraction median ms | extraction / read (totals) |")
    print("|---:|---:|---:|---:|")
    print(
        f"| {figures['articles']} | {figures['read_ms_median']} | {figures['extract_ms_median']} "
        f"| {figures['extract_to_read_ratio']}x |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
