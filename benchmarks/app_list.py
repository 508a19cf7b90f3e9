"""The app's article list at scale: keys that move far in it, against another checkout.

Each job drives the app under Pilot on a built index and times, from the key to the app
being idle again: `G` (the last row) and `g` (the first); jumping to the article at row
30,000 of the newest-first list (or the middle of a smaller one), as following an
article's link does; and clearing a search for "police" with the cursor on its first hit,
which shows the whole list again with the cursor kept on that hit.

    python -m benchmarks.app_list --config NEW/config.yaml \\
        --baseline-repo OLD_CHECKOUT --baseline-config OLD/config.yaml [--rounds 1]
"""

from __future__ import annotations

import argparse
import sys

from benchmarks.against_checkout import (
    APP_READY,
    Results,
    add_arguments,
    order,
    print_medians,
    run_job,
    sides,
)

# Run by each checkout's own interpreter.
JOB = (
    APP_READY
    + r"""
import asyncio, json, sys, time
from pathlib import Path
from index.config import load_config
from index.facade import Briefing
from tui.app import create_app
app = create_app(Briefing(load_config(Path(sys.argv[1]))))
seconds = {}

async def timed(name, pilot, action):
    started = time.perf_counter()
    await action()
    await app.workers.wait_for_complete()
    await pilot.pause()
    seconds[name] = time.perf_counter() - started

async def drive():
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await app_ready(pilot)
        articles = screen.query_one("#articles")
        screen.set_focus(articles)
        await pilot.pause()
        await timed("G: the last row", pilot, lambda: pilot.press("G"))
        await timed("g: the first row", pilot, lambda: pilot.press("g"))
        deep = screen.summaries[min(30000, len(screen.summaries) // 2)]

        async def jump():
            screen.jump_to_article(deep.id)

        await timed("jump to an article deep in the list", pilot, jump)
        # A search, the cursor on its first hit; clearing it shows the whole list again
        # with the cursor kept on that hit, wherever it is in the list.
        await pilot.press("slash", *"police")
        await app.workers.wait_for_complete()
        await pilot.pause()
        kept = screen.result.hits[0].id
        seconds["row of the first hit in the whole list"] = [
            s.id for s in screen.summaries
        ].index(kept)

        async def clear():
            await pilot.press("ctrl+u")

        await timed("clear a search, the cursor kept", pilot, clear)
        seconds["options made at the end"] = articles.option_count

asyncio.run(drive())
print(json.dumps(seconds))
"""
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser, rounds=1)
    args = parser.parse_args(argv)
    checkouts = sides(args)
    results: Results = {}
    for number in range(args.rounds):
        for side in order(number):
            repo, config = checkouts[side]
            for name, value in run_job(repo, JOB, str(config)).items():
                results.setdefault((side, name), []).append(value)
    print_medians(results, args.rounds, "seconds from the key to the app idle")
    return 0


if __name__ == "__main__":
    sys.exit(main())
