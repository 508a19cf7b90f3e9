"""Keystrokes in the app while its child process rebuilds the index.

The app (Pilot) opens on a built index, starts a rebuild (as "Rebuild the index from
scratch" in the command palette does), waits 5 s, then types "police chief" in the search
box over and over for `--seconds`, clearing the box between, and times each key to the
updated article list. It quits before the rebuild ends: the child is stopped and the
index is left as it was.

    python -m benchmarks.keys_during_rebuild --config CONFIG [--seconds 60]

Prints the keys timed, p50/p95/max in ms, how many times the phrase was typed, and where
the rebuild had got to.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path

PHRASE = "police chief"


async def _drive(config: Path, seconds: float) -> dict:
    from benchmarks.speed import app_ready, record_list_updates
    from index.config import load_config
    from index.facade import Briefing
    from tui.app import create_app

    app = create_app(Briefing(load_config(config)))
    result: dict = {}
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await app_ready(pilot)
        shown = record_list_updates(screen.query_one("#articles"))
        screen.action_refresh_index(True)
        await asyncio.sleep(5)
        await pilot.press("slash")
        await pilot.pause()
        latencies, typed = [], 0
        ends = time.perf_counter() + seconds
        while time.perf_counter() < ends:
            for key in PHRASE:
                before, started = len(shown), time.perf_counter()
                await pilot.press("space" if key == " " else key)
                while len(shown) == before and time.perf_counter() - started < 3:
                    await asyncio.sleep(0.001)
                if len(shown) > before:  # a space asks the same query: no new list
                    latencies.append((shown[before] - started) * 1000)
            await pilot.press("ctrl+u")
            typed += 1
            await asyncio.sleep(0.2)
        latencies.sort()
        result = {
            "keys timed": len(latencies),
            "p50 ms": round(statistics.median(latencies), 1),
            "p95 ms": round(latencies[int(0.95 * (len(latencies) - 1))], 1),
            "max ms": round(latencies[-1], 1),
            "phrases typed": typed,
            "rebuild": str(screen.status.state),
        }
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args(argv)
    print(json.dumps(asyncio.run(_drive(args.config.resolve(), args.seconds))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
