"""Where a build's memory peaks: `briefing index --rebuild`, each process's PSS by step.

The suite reports one peak for the whole process tree. This runs one clean rebuild of a
configured corpus as a user does (the CLI, its workers forked), samples the proportional set
size of every process in its tree each second, and reads the steps it names on stderr. For
each step it prints the tree's peak and how it was split among the processes then: the
main process first, the others by size.

    python -m benchmarks.build_memory --config CONFIG
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.speed import TreeMemory

STEP_PREFIX = "indexing: "


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, required=True)
    args = parser.parse_args(argv)
    command = [sys.executable, "-m", "index.cli", "--config", str(args.config)]
    started = time.perf_counter()
    steps: list[tuple[float, str]] = [(0.0, "reading")]
    child = subprocess.Popen([*command, "index", "--rebuild"], stderr=subprocess.PIPE, text=True)
    with TreeMemory(child.pid, every=1.0) as memory:
        for line in child.stderr:
            step = line.strip().removeprefix(STEP_PREFIX)
            if line.startswith(STEP_PREFIX) and " files" not in step:
                steps.append((time.perf_counter() - started, step))
        child.wait()
    if child.returncode:
        raise SystemExit(f"briefing index failed ({child.returncode})")
    print(f"{time.perf_counter() - started:.0f} s; tree peak {memory.peak_mb} MB (PSS)")
    print("| step | from s | tree peak MB | main process, then the others |")
    print("|---|---:|---:|---|")
    for number, (start, step) in enumerate(steps):
        end = steps[number + 1][0] if number + 1 < len(steps) else float("inf")
        during = [each for seconds, each in memory.samples if start <= seconds < end]
        if not during:
            continue
        peak = max(during, key=lambda each: sum(each.values()))
        main_mb = peak.get(child.pid, 0.0)
        others = sorted((mb for pid, mb in peak.items() if pid != child.pid), reverse=True)
        split = " + ".join(f"{mb:.0f}" for mb in [main_mb, *others])
        print(f"| {step} | {start:.0f} | {sum(peak.values()):.0f} | {split} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
