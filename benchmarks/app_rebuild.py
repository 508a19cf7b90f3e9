"""The app's rebuild: in its worker thread (one process) against a process of its own.

A process with threads cannot fork workers (`index.forking`), so a refresh run in the app's
worker thread does all its reading, analysis and writing in one process; `apart=True`
(`index.refresh_apart`) runs it in a fresh interpreter that forks its workers as
`briefing index` does. Each round times one clean rebuild of the scale corpus both ways,
alternating which goes first, each in a new process with a thread alive as the app has.

It also measures what the app's own process feels meanwhile: a thread that asks to wake
every 10 ms records how late it wakes. That lateness is what a keystroke or a repaint waits
for the GIL while the rebuild runs in the same process.

    python -m benchmarks.app_rebuild [--size 5000] [--rounds 2] [--json]
    python -m benchmarks.app_rebuild --size 50000 --in-app

`--in-app` drives the app itself instead (Pilot): opened on the corpus with no index it
builds one, then, with the whole reading loaded and shown, rebuilds it. It reports the
seconds and the peak PSS of the app and all its children for each.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from argparse import SUPPRESS
from pathlib import Path

from benchmarks.scale_corpus import build_corpus
from benchmarks.speed import TreeMemory, _config, peak_rss_mb, percentile

TICK_SECONDS = 0.010
MODES = ("thread", "apart")


def rebuild_once(mode: str, corpus: Path, work: Path) -> dict:
    """One clean rebuild as the app runs it; the caller is a fresh process."""
    from index.facade import Briefing

    lateness: list[float] = []
    done = threading.Event()

    def tick() -> None:
        while not done.is_set():
            asked = time.perf_counter()
            time.sleep(TICK_SECONDS)
            lateness.append(time.perf_counter() - asked - TICK_SECONDS)

    ticker = threading.Thread(target=tick, daemon=True)
    ticker.start()  # also what makes this process one that must not fork, as the app is
    briefing = Briefing(_config(corpus, work))
    started = time.perf_counter()
    with TreeMemory(os.getpid()) as memory:
        report = briefing.refresh(rebuild=True, apart=mode == "apart")
    seconds = time.perf_counter() - started
    done.set()
    ticker.join()
    return {
        "mode": mode,
        "articles": report.added,
        "seconds": round(seconds, 2),
        "app_peak_rss_mb": peak_rss_mb(),
        # The app with the child and its workers, shared pages counted once.
        "tree_peak_pss_mb": memory.peak_mb,
        "tick_late_ms_p99": round(percentile(lateness, 99) * 1000, 2),
        "tick_late_ms_max": round(max(lateness) * 1000, 2),
    }


def builds_in_app(corpus: Path, work: Path) -> dict:
    """The app itself under Pilot, as a user meets a build: opened on a corpus with no index,
    it builds one; then, with that reading loaded and shown, it rebuilds. For each, the
    seconds to the app's report and the peak PSS of the app with all its children."""
    import asyncio

    from index.facade import Briefing
    from tui.app import create_app
    from tui.messages import RefreshFinished

    seen: list = []
    figures: dict = {}

    async def finished(pilot, count: int) -> None:
        while sum(isinstance(m, RefreshFinished) for m in seen) < count:
            await pilot.pause(0.5)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.5)

    async def drive() -> None:
        app = create_app(Briefing(_config(corpus, work)))
        async with app.run_test(size=(160, 48), message_hook=seen.append) as pilot:
            for step, rebuild in (("first_build", None), ("rebuild_with_reading_loaded", True)):
                with TreeMemory(os.getpid()) as memory:
                    started = time.perf_counter()
                    if rebuild:
                        app.screen.action_refresh_index(rebuild)
                    await finished(pilot, len(figures) + 1)
                figures[step] = {
                    "seconds": round(time.perf_counter() - started, 1),
                    "tree_peak_pss_mb": memory.peak_mb,
                    "articles_listed": len(app.screen.summaries),
                }

    asyncio.run(drive())
    return figures


def measure_in_app(size: int) -> dict:
    corpus = build_corpus(size, log=lambda *_: None)
    with tempfile.TemporaryDirectory(prefix="app-builds-") as scratch:
        argv = [sys.executable, "-m", "benchmarks.app_rebuild", "--one", "app", str(corpus)]
        line = subprocess.run([*argv, scratch], check=True, capture_output=True, text=True)
    return {"size": size, **json.loads(line.stdout)}


def measure(size: int, rounds: int) -> dict:
    corpus = build_corpus(size, log=lambda *_: None)
    runs: dict[str, list[dict]] = {mode: [] for mode in MODES}
    with tempfile.TemporaryDirectory(prefix="app-rebuild-") as scratch:
        for round_number in range(rounds):
            order = MODES if round_number % 2 == 0 else MODES[::-1]
            for mode in order:
                work = Path(scratch) / mode
                shutil.rmtree(work, ignore_errors=True)
                one = ["--one", mode, str(corpus), str(work)]
                argv = [sys.executable, "-m", "benchmarks.app_rebuild", *one]
                line = subprocess.run(argv, check=True, capture_output=True, text=True).stdout
                runs[mode].append(json.loads(line))
    medians = {
        mode: {
            key: statistics.median(run[key] for run in found)
            for key in ("seconds", "app_peak_rss_mb", "tree_peak_pss_mb", "tick_late_ms_p99")
        }
        for mode, found in runs.items()
    }
    return {
        "size": size,
        "rounds": rounds,
        "runs": runs,
        "medians": medians,
        "speedup_apart_vs_thread": round(
            medians["thread"]["seconds"] / medians["apart"]["seconds"], 2
        ),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--in-app",
        action="store_true",
        help="instead: the app itself builds the corpus from nothing, then rebuilds it (JSON)",
    )
    parser.add_argument("--one", nargs=3, metavar=("MODE", "CORPUS", "WORK"), help=SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        mode, corpus, work = args.one
        one = builds_in_app if mode == "app" else functools.partial(rebuild_once, mode)
        print(json.dumps(one(Path(corpus), Path(work))))
        return 0
    if args.in_app:
        json.dump(measure_in_app(args.size), sys.stdout, indent=2)
        print()
        return 0
    figures = measure(args.size, args.rounds)
    if args.json:
        json.dump(figures, sys.stdout, indent=2)
        print()
        return 0
    print(
        "| rebuild in the app | seconds (median) | app process peak RSS MB "
        "| app and child tree peak PSS MB | app thread late p99 ms |"
    )
    print("|---|---:|---:|---:|---:|")
    for mode in MODES:
        m = figures["medians"][mode]
        print(
            f"| {mode} | {m['seconds']} | {m['app_peak_rss_mb']} | {m['tree_peak_pss_mb']} "
            f"| {m['tick_late_ms_p99']} |"
        )
    print(
        f"\n{figures['size']} articles, {figures['rounds']} rounds: "
        f"apart is {figures['speedup_apart_vs_thread']}x the thread's speed"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
