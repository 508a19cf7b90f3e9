"""A refresh in a process of its own (`index.refresh_apart`): the same outcome as in this
process, its errors raised here, and a cancel that stops the child and its workers and
leaves the previous index as it was."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from index import refresh_apart as apart_module
from index.analysis import load_analysis
from index.config import load_config
from index.errors import BriefingError, IndexBusyError
from index.facade import Briefing
from index.forking import POOL_MIN_FILES
from index.pipeline import IndexingCancelled
from index.search.store import writer_lock
from tests.conftest import SEEDS, write_config
from tests.faults.harness import group_gone
from tests.unit.test_incremental import NEW_CALL


def test_a_refresh_apart_reports_and_indexes_as_one_in_process(
    seed_config, tmp_path, refresh_children, monkeypatch
):
    monkeypatch.setattr(apart_module, "PROGRESS_EVERY_SECONDS", 0)  # every file passed on
    progress: list[tuple[int, int, str]] = []
    apart = Briefing(load_config(seed_config))
    report = apart.refresh(progress=lambda *step: progress.append(step), apart=True)

    (tmp_path / "at_home").mkdir()
    at_home_config = write_config(tmp_path / "at_home", load_config(seed_config).corpus)
    at_home = Briefing(load_config(at_home_config))
    expected = at_home.refresh()

    assert len(refresh_children) == 1 and refresh_children[0].returncode == 0
    assert (report.added, report.warnings, report.duplicates) == (
        expected.added,
        expected.warnings,
        expected.duplicates,
    )
    assert report.added == len(list(SEEDS.glob("*.txt")))
    assert [done for done, _, _ in progress] == list(range(1, report.added + 1))
    assert {total for _, total, _ in progress} == {report.added}
    assert [a.id for a in apart.articles()] == [a.id for a in at_home.articles()]
    assert [e.id for e in apart.engagements()] == [e.id for e in at_home.engagements()]


def test_the_child_passes_progress_on_at_most_so_often_and_always_the_last_file(
    seed_config, monkeypatch
):
    monkeypatch.setattr(apart_module, "PROGRESS_EVERY_SECONDS", 3600)
    progress: list[int] = []
    report = Briefing(load_config(seed_config)).refresh(
        progress=lambda done, total, path: progress.append(done), apart=True
    )
    assert report.added == 5
    assert progress == [1, 5]  # the first file, then none for an hour, but the last


def test_the_fast_path_apart_says_when_a_new_article_is_searchable(seed_briefing):
    (seed_briefing.config.corpus / "new_call.md").write_text(NEW_CALL)
    seen: list[list[str]] = []

    def searchable() -> None:
        # Called before the refresh returns, once the child has committed the new article.
        seen.append([hit.id for hit in Briefing(seed_briefing.config).search("person:dong").hits])

    report = seed_briefing.refresh(searchable=searchable, reconcile=False, apart=True)

    assert report.added == 1 and report.provisional
    assert len(seen) == 1 and "new_call" in seen[0]
    assert load_analysis(seed_briefing.config.analysis_path).provisional  # not reconciled


def test_an_error_in_the_child_is_raised_here_with_its_class_and_message(seed_config):
    briefing = Briefing(load_config(seed_config))
    with writer_lock(briefing.config.index_dir, 0), pytest.raises(IndexBusyError) as raised:
        briefing.refresh(apart=True, wait_seconds=0.2)
    assert "index is busy" in str(raised.value)
    assert str(briefing.config.index_dir) in str(raised.value)


def test_a_child_that_dies_is_reported_with_the_last_line_it_wrote(seed_config, monkeypatch):
    script = "import sys; print('noise'); sys.exit('out of memory, say')"
    monkeypatch.setattr(apart_module, "_child_command", lambda _: [sys.executable, "-c", script])
    with pytest.raises(BriefingError, match=r"stopped unexpectedly: out of memory, say$"):
        Briefing(load_config(seed_config)).refresh(apart=True)


def _write_many_articles(corpus: Path, count: int) -> None:
    seed_text = sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8")
    for number in range(count):
        text = seed_text + f"\n\nThe ministry published note {number} of the series on Friday.\n"
        (corpus / f"extra_{number:04d}.txt").write_text(text, encoding="utf-8")


def test_a_cancel_stops_the_child_and_its_workers_and_keeps_the_index(
    seed_config, refresh_children, monkeypatch
):
    monkeypatch.setattr(apart_module, "PROGRESS_EVERY_SECONDS", 0)  # counts files
    briefing = Briefing(load_config(seed_config))
    briefing.refresh()
    before = [a.id for a in briefing.articles()]
    # Enough files that the child forks its reading workers before the cancel comes.
    _write_many_articles(briefing.config.corpus, POOL_MIN_FILES + 100)
    progress: list[int] = []

    with pytest.raises(IndexingCancelled, match="previous index is unchanged"):
        briefing.refresh(
            rebuild=True,
            progress=lambda done, total, path: progress.append(done),
            cancelled=lambda: len(progress) >= 20,
            apart=True,
        )

    (child,) = refresh_children
    assert child.returncode < 0  # stopped by a signal, not finished
    assert len(progress) == 20  # nothing was passed on after the cancel
    assert group_gone(child.pid)
    assert [a.id for a in Briefing(load_config(seed_config)).articles()] == before
