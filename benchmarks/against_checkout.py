"""What the benchmarks that compare this checkout with another share: their command-line
arguments, running a job in either checkout's own interpreter, and the table of medians.

The other checkout is usually a `git worktree` of an older commit, with an index of its own
(caches of two versions cannot share a folder). Each job runs with its checkout as the
working directory, so `import index` finds that checkout's code. Jobs are code strings,
each whole in itself, not functions of this package: an older checkout has none of them.
"""

from __future__ import annotations

import argparse
import inspect
import json
import statistics
import subprocess
import sys
from pathlib import Path

from benchmarks.speed import app_ready

HERE = Path(__file__).resolve().parents[1]
Results = dict[tuple[str, str], list[float]]


# Put before a job's own code: `app_ready(pilot)`, as source, since the other checkout
# may not have it.
APP_READY = "\n" + inspect.getsource(app_ready)


def add_arguments(parser: argparse.ArgumentParser, rounds: int) -> None:
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--baseline-repo", type=Path, required=True)
    parser.add_argument("--baseline-config", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=rounds)


def sides(args: argparse.Namespace) -> dict[str, tuple[Path, Path]]:
    """Each side's checkout and config, by name."""
    return {
        "baseline": (args.baseline_repo.resolve(), args.baseline_config.resolve()),
        "this": (HERE, args.config.resolve()),
    }


def order(round_number: int) -> tuple[str, str]:
    """Which side goes first, alternating by round."""
    return ("baseline", "this") if round_number % 2 == 0 else ("this", "baseline")


def python_of(repo: Path) -> str:
    venv = repo / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def run_job(repo: Path, code: str, *args: str) -> dict[str, float]:
    """Run `code` with `repo`'s interpreter; the JSON object it printed last."""
    done = subprocess.run(
        [python_of(repo), "-c", code, *args], cwd=repo, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"{repo}: the job failed: {done.stderr[-800:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def print_medians(results: Results, rounds: int, unit: str) -> None:
    print(f"{rounds} alternating rounds; medians, {unit}")
    print("| | baseline | this | this/baseline |")
    print("|---|---:|---:|---:|")
    for name in dict.fromkeys(name for _, name in results):
        old = statistics.median(results[("baseline", name)])
        new = statistics.median(results[("this", name)])
        ratio = f"{new / old:.2f}" if old else ""
        print(f"| {name} | {old:.3f} | {new:.3f} | {ratio} |")
