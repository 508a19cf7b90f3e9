"""The suite's 200 fixed queries, by kind, against another checkout of briefing.

The suite reports one p95 over all queries; a change to one kind of query (dates, say) is
seen better by kind. Each round runs the queries in this checkout and in the baseline, each
in a fresh process, alternating which goes first. A process opens the index, searches
every query once to warm up, then times three passes over them as the suite does (top 20
with snippets, each query's median over the passes).

    python -m benchmarks.search_kinds --config NEW/config.yaml \\
        --baseline-repo OLD_CHECKOUT --baseline-config OLD/config.yaml [--rounds 4]

The configs may name the same index if both checkouts read the same version of it.
"""

from __future__ import annotations

import argparse
import json
import statistics
from collections import defaultdict

from benchmarks.against_checkout import Results, add_arguments, order, print_medians, run_job, sides
from benchmarks.scale_corpus import fixed_queries
from benchmarks.speed import percentile

# Run by each checkout's own interpreter: per-query medians in milliseconds.
SEARCH_JOB = r"""
import json, statistics, sys, time
from pathlib import Path
from index.config import load_config
from index.facade import Briefing
briefing = Briefing(load_config(Path(sys.argv[1])))
queries = json.loads(sys.argv[2])
for text in queries:
    briefing.search(text, limit=20)
times = {text: [] for text in queries}
for _ in range(3):
    for text in queries:
        start = time.perf_counter()
        briefing.search(text, limit=20)
        times[text].append((time.perf_counter() - start) * 1000)
print(json.dumps({text: statistics.median(spent) for text, spent in times.items()}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser, rounds=4)
    args = parser.parse_args()
    queries = fixed_queries()
    kinds = {query.whoosh: query.kind for query in queries}
    texts = json.dumps([query.whoosh for query in queries])
    results: Results = defaultdict(list)
    for round_number in range(args.rounds):
        for side in order(round_number):
            repo, config = sides(args)[side]
            milliseconds = run_job(repo, SEARCH_JOB, str(config), texts)
            every = list(milliseconds.values())
            results[(side, "all p50")].append(statistics.median(every))
            results[(side, "all p95")].append(percentile(every, 95))
            for kind in dict.fromkeys(kinds.values()):
                of_kind = [spent for text, spent in milliseconds.items() if kinds[text] == kind]
                results[(side, f"{kind} p50")].append(statistics.median(of_kind))
    print_medians(results, args.rounds, "milliseconds")


if __name__ == "__main__":
    main()
