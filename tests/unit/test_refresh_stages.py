"""A refresh names each step after its files are read, as the step starts: at 50k articles
those steps take minutes, and a count of files stopped at its total said nothing."""

from __future__ import annotations

from index.facade import Briefing
from tests.unit.test_incremental import NEW_CALL

BUILD_STEPS = [
    "grouping stories",
    "resolving entities",
    "detecting engagements",
    "writing the index",
    "saving the analysis",
]


def _refresh_recording(briefing: Briefing, **options) -> list[str]:
    """What the refresh reported, in order: "file N/M" for progress, a step by its name,
    and "searchable" when the fast path's commit was."""
    events: list[str] = []
    briefing.refresh(
        progress=lambda done, total, _path: events.append(f"file {done}/{total}"),
        stage=events.append,
        searchable=lambda: events.append("searchable"),
        **options,
    )
    return events


def test_a_build_names_its_steps_after_the_last_file(seed_config):
    events = _refresh_recording(Briefing.from_config_file(seed_config))
    files = [event for event in events if event.startswith("file ")]
    assert files[-1] == "file 5/5"
    # A build saves its analysis last: it has nothing to show early, so no "searchable".
    assert events[events.index("file 5/5") + 1 :] == BUILD_STEPS


def test_a_refresh_with_nothing_to_do_names_no_step(seed_briefing):
    assert _refresh_recording(seed_briefing) == []


def test_the_fast_path_names_its_commit_then_the_full_analysis(seed_briefing):
    (seed_briefing.config.corpus / "new_call.md").write_text(NEW_CALL)
    events = _refresh_recording(seed_briefing)
    assert events == [
        "file 1/1",
        "adding to the analysis",
        "writing the index",
        "saving the analysis",
        "searchable",
        "reading back the indexed articles",
        *BUILD_STEPS[:3],
        "correcting the articles' entity fields",
        "saving the analysis",
    ]


def test_a_rebuild_apart_names_the_same_steps_as_one_in_process(seed_briefing):
    def steps(events: list[str]) -> list[str]:
        # The child passes progress on at most every so often (refresh_apart): files apart.
        return [event for event in events if not event.startswith("file ")]

    in_process = _refresh_recording(seed_briefing, rebuild=True)
    apart = _refresh_recording(seed_briefing, rebuild=True, apart=True)
    assert steps(apart) == steps(in_process)
    assert "writing the index" in apart


def test_the_fast_path_shows_its_caller_the_new_article_before_the_refresh_returns(
    seed_briefing,
):
    seed_briefing.articles()  # read before: the caller's Briefing must not keep this
    (seed_briefing.config.corpus / "new_call.md").write_text(NEW_CALL)
    seen: list[set[str]] = []

    def searchable() -> None:
        seen.append({a.id for a in seed_briefing.articles()})
        seen.append({e.name for e in seed_briefing.entities(article="new_call")})

    seed_briefing.refresh(searchable=searchable, apart=True)
    assert "new_call" in seen[0]
    assert {"Lloyd Austin", "Dong Jun"} <= seen[1]


def test_a_build_analysed_in_a_child_names_the_same_steps(seed_config, monkeypatch):
    from index import article_pool

    # Five articles are worth a child: the analysis, its grouping and its resolution fork.
    monkeypatch.setattr(article_pool, "worker_count", lambda count: 2)
    events = _refresh_recording(Briefing.from_config_file(seed_config))

    assert events[events.index("file 5/5") + 1 :] == BUILD_STEPS
