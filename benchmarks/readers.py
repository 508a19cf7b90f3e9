"""What a reader of a built index waits for: each CLI reader as a whole process, and one new
article read back after the fast path, against another checkout of briefing.

A reader at 50k articles spent most of its time reading the analysis cache and printing
JSON, not searching. Each round runs every command once in this checkout and once in the
baseline, alternating which goes first; the table gives medians and their ratio. The
baseline is another checkout (a `git worktree` of an older commit) with an index of its
own: caches of two versions cannot share a folder.

    python -m benchmarks.readers --config NEW/config.yaml \\
        --baseline-repo OLD_CHECKOUT --baseline-config OLD/config.yaml [--rounds 5]
        [--new-article]

Both configs must name the same corpus, built by each checkout (`briefing index`).
`--new-article` adds one article to that corpus in each round, runs the fast path
(`refresh(reconcile=False)`, as `briefing index --quick`), reads the article's entities and
engagement with a fresh reader, and puts the index, cache and corpus back.

`--in-app` does the same in the app itself (Pilot), as a user would: with the app open on
the index, one article is added and `r` pressed. It reports when the article is in the
app's list and when the refresh, full analysis included, has ended.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.against_checkout import (
    APP_READY,
    Results,
    add_arguments,
    order,
    print_medians,
    python_of,
    run_job,
    sides,
)

COMMANDS = {
    "index (up to date)": ["index"],
    "engagements --json": ["engagements", "--json"],
    "stories --json": ["stories", "--json"],
    "list --json": ["list", "--json"],
    "entities --json": ["entities", "--json"],
    "search austin --json": ["search", "austin", "--json"],
}
NEW_ARTICLE = (
    "title: Defense chiefs talk quillfeatherbench\ndate: 2024-04-17\n\n"
    "US Defense Secretary Lloyd Austin spoke with Chinese Defense Minister Dong Jun by video "
    "call on Tuesday, the Pentagon said. Austin and Dong discussed the South China Sea."
)
# The start and the end of a job that adds an article to the corpus: the index and its
# cache are copied aside first, and put back (the article gone) whatever happens.
SET_ASIDE = r"""
import json, os, shutil, sys, time
from pathlib import Path
from index.analysis import journal_path
from index.config import load_config
from index.facade import Briefing
config = load_config(Path(sys.argv[1]))
folder = config.corpus / "zz-readers-bench"
index_copy = config.index_dir.with_name("index.readers-bench")
cache_copy = config.analysis_path.with_name("analysis.readers-bench")
shutil.rmtree(index_copy, ignore_errors=True)
shutil.copytree(config.index_dir, index_copy)
shutil.copy2(config.analysis_path, cache_copy)
"""
PUT_BACK = r"""
finally:
    shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(config.index_dir, ignore_errors=True)
    os.replace(index_copy, config.index_dir)
    os.replace(cache_copy, config.analysis_path)
    journal_path(config.analysis_path).unlink(missing_ok=True)
"""

# Run by each checkout's own interpreter: the fast path, then a fresh reader.
NEW_ARTICLE_JOB = (
    SET_ASIDE
    + r"""
try:
    folder.mkdir(exist_ok=True)
    (folder / "new.txt").write_text(sys.argv[2], encoding="utf-8")
    started = time.perf_counter()
    Briefing(config).refresh(reconcile=False)
    refreshed = time.perf_counter()
    reader = Briefing(config)
    article = "zz-readers-bench/new"
    entities = reader.entities(article=article)
    engaged = [e.id for e in reader.engagements() if article in e.articles]
    done = time.perf_counter()
    assert entities and engaged, "the new article was not read back"
    print(json.dumps({"refresh": refreshed - started, "read back": done - refreshed,
                      "whole": done - started}))
"""
    + PUT_BACK
)

# Run by each checkout's own interpreter: the app, one new article, `r`.
IN_APP_JOB = (
    SET_ASIDE
    + APP_READY
    + r"""
import asyncio
from tui.app import create_app
result = {}
try:
    app = create_app(Briefing(config))
    async def drive():
        async with app.run_test(size=(140, 45)) as pilot:
            screen = await app_ready(pilot)
            before = len(screen.summaries)
            folder.mkdir(exist_ok=True)
            (folder / "new.txt").write_text(sys.argv[2], encoding="utf-8")
            started = time.perf_counter()
            await pilot.press("r")
            await pilot.pause()
            while "shown" not in result or screen.refreshing:
                await asyncio.sleep(0.05)
                now = time.perf_counter() - started
                if "shown" not in result and len(screen.summaries) > before:
                    result["shown"] = now
                if "ended" not in result and not screen.refreshing:
                    result["ended"] = now
                if now > 3600:
                    raise SystemExit("no new article after an hour")
    asyncio.run(drive())
"""
    + PUT_BACK
    + r"""
print(json.dumps({"in the app's list": result["shown"], "refresh ended": result["ended"]}))
"""
)


def _time_command(repo: Path, config: Path, args: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        [python_of(repo), "-m", "index.cli", "--config", str(config), *args],
        cwd=repo, capture_output=True, text=True,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{repo}: briefing {' '.join(args)} failed: {done.stderr[-400:]}")
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser, rounds=5)
    parser.add_argument("--new-article", action="store_true")
    parser.add_argument("--in-app", action="store_true", help="the app only, not the CLI")
    args = parser.parse_args(argv)
    checkouts = sides(args)
    seconds: Results = {}
    for number in range(args.rounds):
        for name, command in ({} if args.in_app else COMMANDS).items():
            for side in order(number):
                repo, config = checkouts[side]
                seconds.setdefault((side, name), []).append(_time_command(repo, config, command))
        jobs = {"new article in the app": IN_APP_JOB} if args.in_app else {}
        if args.new_article:
            jobs["new article"] = NEW_ARTICLE_JOB
        for label, job in jobs.items():
            for side in order(number):
                repo, config = checkouts[side]
                for step, value in run_job(repo, job, str(config), NEW_ARTICLE).items():
                    seconds.setdefault((side, f"{label}: {step}"), []).append(value)
        print(f"round {number + 1} of {args.rounds} done", file=sys.stderr, flush=True)
    labelled = {
        (side, f"`briefing {' '.join(COMMANDS[name])}`" if name in COMMANDS else name): values
        for (side, name), values in seconds.items()
    }
    print_medians(labelled, args.rounds, "seconds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
