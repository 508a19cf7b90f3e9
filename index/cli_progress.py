"""Indexing progress for the CLI: a Rich bar on a terminal, plain lines otherwise."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from dataclasses import dataclass

from index.pipeline import Progress, Stage


@dataclass
class IndexingReporter:
    """The two things a refresh reports: files read, then the steps that count nothing."""

    files: Progress | None = None
    stage: Stage | None = None


@contextlib.contextmanager
def progress_reporter(enabled: bool = True) -> Iterator[IndexingReporter]:
    if not enabled:
        yield IndexingReporter()
        return
    if not sys.stderr.isatty():
        last_step = [-1]

        def plain(done: int, total: int, _path: str) -> None:
            # A line per tenth keeps logs short on big corpora.
            step = done * 10 // max(total, 1)
            if step != last_step[0] or done == total:
                last_step[0] = step
                print(f"indexing: {done}/{total} files", file=sys.stderr, flush=True)

        def plain_stage(name: str) -> None:
            print(f"indexing: {name}", file=sys.stderr, flush=True)

        yield IndexingReporter(plain, plain_stage)
        return
    from rich.console import Console
    from rich.progress import BarColumn, TextColumn, TimeRemainingColumn
    from rich.progress import Progress as Bar
    from rich.text import Text

    class RemainingWhileCounting(TimeRemainingColumn):
        """A step with nothing to count has no time left to show."""

        def render(self, task) -> Text:
            return Text("") if task.total is None else super().render(task)

    with Bar(
        "[progress.description]{task.description}",
        BarColumn(),
        TextColumn("{task.fields[detail]}"),
        RemainingWhileCounting(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        reading = bar.add_task("indexing", total=None, detail="")
        steps = []

        def update(done: int, total: int, _path: str) -> None:
            bar.update(reading, completed=done, total=total, detail=f"{done}/{total} files")

        def update_stage(name: str) -> None:
            # A bar of its own, with no total: it pulses, and the files read stay in view.
            if not steps:
                files_read = bar.tasks[reading].completed
                bar.update(reading, visible=False)
                steps.append(bar.add_task(name, total=None, detail=f"{files_read:.0f} files read"))
            bar.update(steps[0], description=name)

        yield IndexingReporter(update, update_stage)
