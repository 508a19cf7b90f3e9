"""Indexing progress for the CLI: a Rich bar on a terminal, plain lines otherwise."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

from index.pipeline import Progress


@contextlib.contextmanager
def progress_reporter(enabled: bool = True) -> Iterator[Progress | None]:
    if not enabled:
        yield None
        return
    if not sys.stderr.isatty():
        last_step = [-1]

        def plain(done: int, total: int, _path: str) -> None:
            # A line per tenth keeps logs short on big corpora.
            step = done * 10 // max(total, 1)
            if step != last_step[0] or done == total:
                last_step[0] = step
                print(f"indexing: {done}/{total} files", file=sys.stderr, flush=True)

        yield plain
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TimeRemainingColumn
    from rich.progress import Progress as Bar

    with Bar(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("indexing", total=None)

        def update(done: int, total: int, _path: str) -> None:
            bar.update(task, completed=done, total=total)

        yield update
