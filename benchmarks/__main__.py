"""`python -m benchmarks`: the speed suite of issue 6, one run per corpus size.

    python -m benchmarks                          # 1k and 5k: fits in 10 minutes on 2 cores
    python -m benchmarks --sizes 1000,5000,20000
    python -m benchmarks --with-50k               # adds 50k (its ingest alone: about 10 min)
    python -m benchmarks --profile                # also a cProfile of one full ingest per size

It writes `benchmarks/results.json` (per size: the target ratios and the raw numbers) and
prints a Markdown section, also written into `--out` (BENCHMARKS.md by default, replacing the
section an earlier run wrote there). The
quality benchmarks (entities_conll, grouping, briefs_multinews) are separate modules.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import pstats
import shlex
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from benchmarks import scale_corpus, speed

RESULTS = Path(__file__).resolve().parent / "results.json"
KEYS = "police chief"
TARGETS = {
    "ingest_speedup_vs_whoosh_default": (">=", 1.5),
    "search_p95_ratio_vs_fts5": ("<=", 3.0),
    "search_p95_ratio_vs_ripgrep": ("<=", 1 / 20),
    "incremental_fraction_of_full": ("<", 0.01),
    "keystroke_p95_ms": ("<", 50.0),
    "startup_ratio_vs_textual_import": ("<", 3.0),
    "peak_rss_mb": ("<", 500.0),
}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _median(runs: list[dict], key: str = "seconds") -> float | None:
    values = [r[key] for r in runs if key in r]
    return statistics.median(values) if values else None


def _ratio(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or b == 0:
        return None
    return round(a / b, 4)


def measure_size(size: int, args) -> dict:
    corpus = scale_corpus.build_corpus(size, args.seed, log=log)
    work = scale_corpus.bench_dir() / f"work-{size}-s{args.seed}"
    work.mkdir(parents=True, exist_ok=True)
    stats = scale_corpus.corpus_stats(corpus)
    out: dict = {"size": size, "corpus": str(corpus), "corpus_megabytes": stats["megabytes"]}
    repeats = args.ingest_repeats or (3 if size <= 1000 else 1)

    # Ingest: interleaved so drift in the machine's speed hits every engine alike.
    runs: dict[str, list[dict]] = {"pipeline": [], "whoosh_default": [], "fts5": []}
    errors = []
    timed_out: dict[str, float] = {}  # a job past --ingest-timeout is not tried again
    for round_number in range(repeats):
        for name, job in (
            ("whoosh_default", "ingest_whoosh"),
            ("fts5", "ingest_fts5"),
            ("pipeline", "ingest_pipeline"),
        ):
            if name in timed_out:
                continue
            log(f"{size:,}: ingest {name} ({round_number + 1}/{repeats})")
            result = speed.run_child(
                job,
                timeout=args.ingest_timeout,
                sample_tree=True,
                corpus=str(corpus),
                work=str(work),
            )
            if result.get("timed_out"):
                timed_out[name] = args.ingest_timeout
            if "error" in result:
                errors.append(result["error"])
                log(f"  {result['error']}")
            else:
                runs[name].append(result)
                log(f"  {result['seconds']:.1f}s, {result.get('peak_rss_mb')} MB")
    ingest = {}
    for name, results in runs.items():
        seconds = _median(results)
        articles = results[-1]["articles"] if results else None
        ingest[name] = {
            "median_seconds": round(seconds, 3) if seconds else None,
            "articles": articles,
            "articles_per_second": round(articles / seconds, 1) if seconds else None,
            "peak_rss_mb": max((r["peak_rss_mb"] for r in results), default=None),
            "runs": len(results),
        }
        if any("forks_workers" in r for r in results):
            ingest[name]["forks_workers"] = all(r.get("forks_workers") for r in results)
        phases = [r["phases_seconds"] for r in results if r.get("phases_seconds")]
        if phases:
            ingest[name]["phases_median_seconds"] = {
                phase: round(statistics.median(run.get(phase, 0.0) for run in phases), 3)
                for phase in phases[0]
            }
    out["ingest"] = ingest
    pipeline_ok = bool(runs["pipeline"])
    if "pipeline" in timed_out:
        # A lower bound on its time: the speed-up is at most this.
        ingest["pipeline"]["timed_out_after_seconds"] = timed_out["pipeline"]
        ingest["pipeline"]["median_seconds"] = None
    if errors:
        out["errors"] = errors
    out["ingest_speedup_vs_whoosh_default"] = _ratio(
        ingest["whoosh_default"]["median_seconds"], ingest["pipeline"]["median_seconds"]
    )
    if "pipeline" in timed_out and ingest["whoosh_default"]["median_seconds"]:
        out["ingest_speedup_vs_whoosh_default"] = _ratio(
            ingest["whoosh_default"]["median_seconds"], timed_out["pipeline"]
        )
        out["ingest_speedup_is_upper_bound"] = True
    out["ingest_speed_ratio_vs_fts5"] = _ratio(
        ingest["fts5"]["median_seconds"], ingest["pipeline"]["median_seconds"]
    )

    # Search: the same 200 queries in each engine's syntax.
    queries = scale_corpus.fixed_queries(args.seed)
    kinds = [q.kind for q in queries]
    search_repeats = 3
    search: dict = {}
    if pipeline_ok:
        log(f"{size:,}: search briefing (200 queries x {search_repeats})")
        mine = speed.run_child(
            "search_pipeline", corpus=str(corpus), work=str(work),
            queries=[q.whoosh for q in queries], repeats=search_repeats,
        )  # fmt: skip
        if "error" not in mine:
            search["briefing"] = {
                **speed.summarise(mine["seconds"]),
                "by_kind": speed.by_kind(kinds, mine["seconds"]),
                "queries_with_hits": sum(1 for h in mine["hits"] if h),
                "query_errors": [
                    f"{q.whoosh}: {e}" for q, e in zip(queries, mine["errors"], strict=True) if e
                ],
                "peak_rss_mb": mine["peak_rss_mb"],
            }
        else:
            search["briefing"] = {"error": mine["error"]}
            log(f"  {mine['error']}")
    log(f"{size:,}: search fts5")
    fts = speed.run_child(
        "search_fts5", work=str(work), queries=[q.fts5 for q in queries], repeats=search_repeats
    )
    if "error" not in fts:
        search["fts5"] = {
            **speed.summarise(fts["seconds"]),
            "by_kind": speed.by_kind(kinds, fts["seconds"]),
            "queries_with_hits": sum(1 for h in fts["hits"] if h),
            "query_errors": [
                f"{q.fts5}: {e}" for q, e in zip(queries, fts["errors"], strict=True) if e
            ],
        }
    else:
        search["fts5"] = {"error": fts["error"]}
    rg_repeats = 3 if size <= 5000 else 1
    log(f"{size:,}: search ripgrep (200 queries x {rg_repeats})")
    rg = speed.time_ripgrep(corpus, [q.rg for q in queries], rg_repeats)
    if "error" in rg:
        log(f"  {rg['error']}")
        search["ripgrep"] = {"error": rg["error"]}
    else:
        search["ripgrep"] = {
            **speed.summarise(rg["seconds"]),
            "by_kind": speed.by_kind(kinds, rg["seconds"]),
            "queries_with_hits": sum(1 for m in rg["files_matched"] if m),
            "version": _rg_version(),
        }
    out["search"] = search
    mine_p95 = search.get("briefing", {}).get("p95_ms")
    out["search_p95_ratio_vs_fts5"] = _ratio(mine_p95, search["fts5"].get("p95_ms"))
    out["search_p95_ratio_vs_ripgrep"] = _ratio(mine_p95, search["ripgrep"].get("p95_ms"))

    # Start-up: whole processes, against a bare `import textual.app` in the same run.
    startup_repeats = 5
    log(f"{size:,}: start-up")
    config_path = speed.write_config_yaml(corpus, work)
    textual_import = speed.time_process([speed.PYTHON, "-c", "import textual.app"], startup_repeats)
    bare_python = speed.time_process([speed.PYTHON, "-c", "pass"], startup_repeats)
    startup = {
        "textual_import_seconds": round(textual_import["median_seconds"], 4),
        "bare_python_seconds": round(bare_python["median_seconds"], 4),
    }
    if pipeline_ok:
        cli = speed.time_process(
            [speed.BRIEFING, "--config", str(config_path), "search", "police"], startup_repeats
        )
        startup["briefing_search_seconds"] = round(cli["median_seconds"], 4)
        if "error" in cli:
            startup["briefing_search_error"] = cli["error"]
        startup["briefing_search_ratio_vs_textual_import"] = _ratio(
            cli["median_seconds"], textual_import["median_seconds"]
        )

    # The app: first paint and keystrokes under Pilot (each in a fresh process).
    app_runs = []
    keystroke_source = None
    keystrokes: list[float] = []
    if pipeline_ok:
        for number in range(args.app_repeats):
            log(f"{size:,}: app under Pilot ({number + 1}/{args.app_repeats})")
            result = speed.run_child(
                "app", corpus=str(corpus), work=str(work), keys=KEYS, started=time.monotonic()
            )
            if "error" in result:
                log(f"  {result['error']}")
                startup["app_error"] = result["error"]
                break
            app_runs.append(result)
            keystrokes.extend(result.get("keystroke_seconds", []))
        if app_runs:
            paint = _median(app_runs, "first_paint_seconds")
            startup["app_first_paint_seconds"] = round(paint, 4)
            startup["app_ready_seconds"] = round(_median(app_runs, "ready_seconds"), 4)
            startup["app_first_paint_ratio_vs_textual_import"] = _ratio(
                paint, textual_import["median_seconds"]
            )
            startup["app_peak_rss_mb"] = max(r["peak_rss_mb"] for r in app_runs)
            startup["keystrokes_without_update"] = sum(
                r.get("keystrokes_without_update", 0) for r in app_runs
            )
            keystroke_source = (
                "app (Pilot): key press in the search box to ArticleList.show_articles"
            )
        if not keystrokes:
            log(f"{size:,}: keystroke proxy (facade.search of each typed prefix)")
            proxy = speed.run_child(
                "prefix_search", corpus=str(corpus), work=str(work), keys=KEYS, repeats=3
            )
            if "error" not in proxy:
                keystrokes = proxy["keystroke_seconds"]
                keystroke_source = (
                    "proxy: facade.search(prefix*, limit=200) per typed prefix; the app could "
                    "not be driven under Pilot"
                )
        listing = speed.run_child("list_articles", corpus=str(corpus), work=str(work))
        if "error" not in listing:
            startup["facade_list_articles_seconds"] = round(listing["seconds"], 4)
            startup["facade_list_articles_peak_rss_mb"] = listing["peak_rss_mb"]
    out["startup"] = startup
    out["startup_ratio_vs_textual_import"] = startup.get(
        "app_first_paint_ratio_vs_textual_import",
        startup.get("briefing_search_ratio_vs_textual_import"),
    )
    if "app_first_paint_ratio_vs_textual_import" in startup:
        out["startup_ratio_measures"] = "app first paint"
    elif "briefing_search_ratio_vs_textual_import" in startup:
        out["startup_ratio_measures"] = (
            "the `briefing search` process (the app could not be driven)"
        )
    else:
        out["startup_ratio_measures"] = "nothing: the full pipeline did not finish, so no index"

    out["keystroke"] = {
        "source": keystroke_source,
        "keys": KEYS,
        "samples": len(keystrokes),
        **(speed.summarise(keystrokes) if keystrokes else {}),
    }
    out["keystroke_p95_ms"] = out["keystroke"].get("p95_ms")

    # Incremental: one new article, last, so it cannot disturb the search timings.
    if pipeline_ok:
        log(f"{size:,}: incremental (one new article)")
        marker = "quillfeatherbench"
        article_text = _incremental_article(size, args.seed, marker)
        incremental_runs = []
        for _ in range(args.incremental_repeats or (3 if size <= 1000 else 1)):
            result = speed.run_child(
                "incremental",
                timeout=args.ingest_timeout, sample_tree=True,
                corpus=str(corpus), work=str(work),
                article_text=article_text, marker=marker,
            )  # fmt: skip
            if "error" in result:
                log(f"  {result['error']}")
                out["incremental"] = {"error": result["error"]}
                break
            incremental_runs.append(result)
        if incremental_runs:
            seconds = _median(incremental_runs)
            last = incremental_runs[-1]
            out["incremental"] = {
                "median_seconds": round(seconds, 3),
                "refresh_seconds": round(_median(incremental_runs, "refresh_seconds"), 3),
                "search_seconds": round(_median(incremental_runs, "search_seconds"), 4),
                "analysis_seconds": round(_median(incremental_runs, "analysis_seconds"), 4),
                "searchable": last["searchable"],
                "entities": last["entities"],
                "engagements": last["engagements"],
                "peak_rss_mb": max(r["peak_rss_mb"] for r in incremental_runs),
            }
            out["incremental_fraction_of_full"] = _ratio(
                seconds, ingest["pipeline"]["median_seconds"]
            )
    out.setdefault("incremental_fraction_of_full", None)

    rss = [ingest["pipeline"]["peak_rss_mb"], startup.get("app_peak_rss_mb")]
    rss = [r for r in rss if r is not None]
    out["peak_rss_mb"] = max(rss) if rss else None

    if args.profile and pipeline_ok:
        out["profile"] = profile_pipeline(corpus, work, size)
    return out


def _incremental_article(size: int, seed: int, marker: str) -> str:
    """The new article: the first sample article (a reported engagement, the Austin-Dong call),
    re-titled with a word no other article has; a generated one if the seeds are missing."""
    seeds = sorted((speed.REPO / "seeds").glob("*.txt"))
    if seeds:
        body = seeds[0].read_text(encoding="utf-8")
        return f"title: Defense chiefs talk {marker}\ndate: 2024-04-17\n\n{body}"
    article = scale_corpus.ScaleCorpus(seed).article(size)
    article.title = f"{article.title} {marker}"
    return article.render()


def profile_pipeline(corpus: Path, work: Path, size: int) -> dict:
    """cProfile of one full ingest; the top functions by own time and by cumulative time."""
    stats_path = scale_corpus.bench_dir() / f"profile-ingest-{size}.pstats"
    log(f"{size:,}: profiling one full ingest (cProfile) -> {stats_path}")
    result = speed.run_child(
        "ingest_pipeline", corpus=str(corpus), work=str(work), profile=str(stats_path)
    )
    if "error" in result:
        return {"error": result["error"]}
    stats = pstats.Stats(str(stats_path))
    total = stats.total_tt

    def top(sort: str, count: int = 15) -> list[dict]:
        rows = []
        for (filename, line, name), (_, calls, tottime, cumtime, _) in stats.stats.items():
            rows.append(
                {
                    "function": f"{_short(filename)}:{line}:{name}",
                    "calls": calls,
                    "own_s": round(tottime, 3),
                    "cumulative_s": round(cumtime, 3),
                }
            )
        key = "own_s" if sort == "own" else "cumulative_s"
        return sorted(rows, key=lambda r: -r[key])[:count]

    return {
        "stats_file": str(stats_path),
        "profiled_seconds": round(total, 2),
        "top_own": top("own"),
        "top_cumulative": top("cumulative", 25),
    }


def _short(filename: str) -> str:
    for marker in ("/site-packages/", "/work/main/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


def _rg_version() -> str | None:
    import subprocess

    rg = speed.ripgrep_path()
    if not rg:
        return None
    return subprocess.run([rg, "--version"], capture_output=True, text=True).stdout.split("\n")[0]


# -- reporting --------------------------------------------------------------------------------


def _fmt(value, digits: int = 2) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def verdict(name: str, value) -> str:
    if value is None:
        return "not measured"
    op, limit = TARGETS[name]
    ok = {"<": value < limit, "<=": value <= limit, ">=": value >= limit}[op]
    return "met" if ok else "missed"


def _phase_table(results: dict) -> list[str]:
    """`briefing index`'s ingest by step, beside plain Whoosh's whole ingest: the steps
    Whoosh has no counterpart for, and the index write, which it has."""
    by_size = {
        size: row["ingest"]["pipeline"].get("phases_median_seconds")
        for size, row in results["sizes"].items()
    }
    phases = next((list(p) for p in by_size.values() if p), None)
    if not phases:
        return []
    lines = [
        "",
        "### Ingest by step (s): `briefing index` against plain Whoosh's whole ingest",
        "",
        "Reading is loading, cleaning and extracting entities, on every core. Whoosh's "
        "whole ingest reads the files and writes its index in one process; the last "
        "column divides it by briefing's index write alone.",
        "",
        "| size | " + " | ".join(phases) + " | Whoosh default | Whoosh / briefing's write |",
        "|---:|" + "---:|" * (len(phases) + 2),
    ]
    for size, found in by_size.items():
        if not found:
            continue
        whoosh = results["sizes"][size]["ingest"]["whoosh_default"]["median_seconds"]
        write = found.get("writing the index")
        cells = [_fmt(found.get(phase), 1) for phase in phases]
        ratio = _fmt(whoosh / write, 2) if whoosh and write else ""
        lines.append(
            f"| {int(size):,} | " + " | ".join(cells) + f" | {_fmt(whoosh, 1)} | {ratio} |"
        )
    return lines


def _pipeline_rate(pipeline: dict, size: int) -> str:
    if pipeline.get("timed_out_after_seconds"):
        stopped = pipeline["timed_out_after_seconds"]
        return f"< {size / stopped:,.1f} (stopped at {stopped:g}s)"
    return _fmt(pipeline.get("articles_per_second"), 0)


def _verdict(row: dict, name: str) -> str:
    value = row.get(name)
    if name == "ingest_speedup_vs_whoosh_default" and row.get("ingest_speedup_is_upper_bound"):
        return "missed" if value is not None and value < TARGETS[name][1] else "unknown"
    return verdict(name, value)


def markdown(results: dict) -> str:
    lines = [
        "## Speed at scale",
        "",
        f"Command: `{results['command']}`  ",
        f"Run: {results['started']} on {results['machine']}; ripgrep: "
        f"{results.get('ripgrep') or 'not installed (apt-get install ripgrep)'}.  ",
        "Times are medians over repeats on a warm page cache; each target is a ratio to a "
        "baseline measured in the same run.",
        "",
        "### Targets",
        "",
        "| size | metric | value | target | verdict |",
        "|---:|---|---:|---|---|",
    ]
    for size, row in results["sizes"].items():
        for name, (op, limit) in TARGETS.items():
            value = row.get(name)
            shown = _fmt(value, 4 if name.endswith(("fraction_of_full", "vs_ripgrep")) else 2)
            if name == "ingest_speedup_vs_whoosh_default" and row.get(
                "ingest_speedup_is_upper_bound"
            ):
                shown = f"< {shown} (timed out)"
            lines.append(
                f"| {int(size):,} | `{name}` | {shown} | {op} {limit:g} | {_verdict(row, name)} |"
            )
    lines += [
        "",
        "### Raw numbers",
        "",
        "| size | MB | ingest art/s: briefing / Whoosh default / FTS5 | search p50/p95 ms: "
        "briefing / FTS5 / ripgrep | one new article s | `briefing search` s | "
        "first paint s | `import textual.app` s | keystroke p50/p95 ms | peak RSS MB: "
        "ingest / app |",
        "|---:|---:|---|---|---:|---:|---:|---:|---|---|",
    ]
    for size, row in results["sizes"].items():
        ingest, search, startup = row["ingest"], row["search"], row["startup"]
        ks = row["keystroke"]

        def p(engine: str, search: dict = search) -> str:
            s = search.get(engine, {})
            return f"{_fmt(s.get('p50_ms'))}/{_fmt(s.get('p95_ms'))}"

        lines.append(
            f"| {int(size):,} | {row['corpus_megabytes']} | "
            f"{_pipeline_rate(ingest['pipeline'], int(size))} / "
            f"{_fmt(ingest['whoosh_default']['articles_per_second'], 0)} / "
            f"{_fmt(ingest['fts5']['articles_per_second'], 0)} | "
            f"{p('briefing')} / {p('fts5')} / {p('ripgrep')} | "
            f"{_fmt(row.get('incremental', {}).get('median_seconds'))} | "
            f"{_fmt(startup.get('briefing_search_seconds'))} | "
            f"{_fmt(startup.get('app_first_paint_seconds'))} | "
            f"{_fmt(startup.get('textual_import_seconds'))} | "
            f"{_fmt(ks.get('p50_ms'))}/{_fmt(ks.get('p95_ms'))} | "
            f"{_fmt(ingest['pipeline']['peak_rss_mb'], 0)} / "
            f"{_fmt(startup.get('app_peak_rss_mb'), 0)} |"
        )
    lines += ["", "### Search p95 by query kind (ms): briefing / FTS5 / ripgrep", ""]
    kinds = list(scale_corpus.QUERY_MIX)
    lines.append("| size | " + " | ".join(kinds) + " |")
    lines.append("|---:|" + "---|" * len(kinds))
    for size, row in results["sizes"].items():
        cells = []
        for kind in kinds:
            parts = [
                _fmt(row["search"].get(e, {}).get("by_kind", {}).get(kind, {}).get("p95_ms"), 1)
                for e in ("briefing", "fts5", "ripgrep")
            ]
            cells.append(" / ".join(parts))
        lines.append(f"| {int(size):,} | " + " | ".join(cells) + " |")
    lines += _phase_table(results)
    notes = []
    for size, row in results["sizes"].items():
        if row.get("errors"):
            notes.append(f"- {int(size):,}: errors: " + "; ".join(row["errors"])[:600])
        if row["keystroke"].get("source"):
            notes.append(f"- {int(size):,}: keystroke measured by {row['keystroke']['source']}.")
        notes.append(f"- {int(size):,}: start-up ratio measures {row['startup_ratio_measures']}.")
        if row["ingest"]["pipeline"].get("forks_workers") is False:
            notes.append(
                f"- {int(size):,}: the pipeline's ingest ran in one process: its job could "
                "not fork workers."
            )
        inc = row.get("incremental")
        if inc and "error" not in inc:
            notes.append(
                f"- {int(size):,}: one new article: refresh {inc['refresh_seconds']}s, then "
                f"search {inc['search_seconds']}s, "
                f"entities/engagements {inc['analysis_seconds']}s; "
                f"searchable={inc['searchable']}, entities={inc['entities']}, "
                f"engagements={inc['engagements']}."
            )
    lines += ["", "### Notes", "", *notes, ""]
    return "\n".join(lines)


SECTION_START = "<!-- speed: written by python -m benchmarks -->"
SECTION_END = "<!-- end of speed -->"


def write_section(path: Path, text: str) -> None:
    """Put the speed section into `path`, replacing the one an earlier run wrote there,
    so the quality figures written by hand around it stay."""
    section = f"{SECTION_START}\n{text.strip()}\n{SECTION_END}\n"
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if SECTION_START in old and SECTION_END in old:
        before, rest = old.split(SECTION_START, 1)
        after = rest.split(SECTION_END, 1)[1].lstrip("\n")
        new = before + section + ("\n" + after if after else "")
    else:
        new = (old.rstrip("\n") + "\n\n" if old else "") + section
    path.write_text(new, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--sizes", default="1000,5000", help="comma-separated corpus sizes")
    parser.add_argument("--with-50k", action="store_true", help="add the 50,000-article size")
    parser.add_argument("--out", type=Path, default=Path("BENCHMARKS.md"))
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--seed", type=int, default=scale_corpus.DEFAULT_SEED)
    parser.add_argument("--ingest-repeats", type=int, default=0, help="0: 3 at 1k, 1 above")
    parser.add_argument(
        "--ingest-timeout", type=float, default=180.0,
        help="seconds before a full-pipeline ingest is stopped and reported as a bound",
    )  # fmt: skip
    parser.add_argument("--app-repeats", type=int, default=3)
    parser.add_argument("--incremental-repeats", type=int, default=0, help="0: 3 at 1k, 1 above")
    parser.add_argument("--profile", action="store_true", help="cProfile one ingest per size")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.with_50k and 50_000 not in sizes:
        sizes.append(50_000)
    if speed.ripgrep_path() is None:
        log("ripgrep (rg) is not installed: its column will say so (apt-get install ripgrep)")
    results = {
        "command": " ".join(
            ["python -m benchmarks", *(shlex.quote(a) for a in (argv or sys.argv[1:]))]
        ),
        "started": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.machine()}, {_cpus()} cores, Python {platform.python_version()}",
        "ripgrep": _rg_version(),
        "seed": args.seed,
        "targets": {k: f"{op} {limit:g}" for k, (op, limit) in TARGETS.items()},
        "sizes": {},
    }
    started = time.perf_counter()
    for size in sorted(sizes):
        results["sizes"][str(size)] = measure_size(size, args)
        args.results.write_text(json.dumps(results, indent=2) + "\n")
    results["wall_seconds"] = round(time.perf_counter() - started, 1)
    args.results.write_text(json.dumps(results, indent=2) + "\n")
    text = markdown(results)
    write_section(args.out, text)
    print(text)
    log(f"done in {results['wall_seconds']:.0f}s; wrote {args.results} and {args.out}")
    return 0


def _cpus() -> int:

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


if __name__ == "__main__":
    sys.exit(main())
