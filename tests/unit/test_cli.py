"""The `briefing` command as a user runs it: output shapes, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import write_config


def briefing(config: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "index.cli", "--config", str(config), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


@pytest.fixture
def config(seed_briefing) -> Path:
    return seed_briefing.config.source


def test_index_json_summary_then_nothing_to_do(seed_config):
    first = briefing(seed_config, "index", "--json")
    assert first.returncode == 0, first.stderr
    summary = json.loads(first.stdout)
    assert summary["added"] == 5 and summary["removed"] == 0
    assert set(summary) >= {"added", "updated", "removed", "skipped", "warnings"}
    second = briefing(seed_config, "index")
    assert second.returncode == 0
    assert "up to date" in second.stdout and "nothing written" in second.stdout


def test_index_prints_plain_progress_lines_when_not_a_terminal(seed_config):
    run = briefing(seed_config, "index")
    lines = run.stderr.splitlines()
    assert "indexing: 5/5 files" in lines
    # Then each step that counts nothing, named as it starts.
    after_reading = lines[lines.index("indexing: 5/5 files") + 1 :]
    assert after_reading[0] == "indexing: grouping stories"
    assert after_reading[-1] == "indexing: saving the analysis"


def test_a_json_list_prints_one_element_to_a_line(config):
    run = briefing(config, "engagements", "--json")
    engagements = json.loads(run.stdout)
    lines = run.stdout.splitlines()
    assert len(engagements) > 1
    assert lines == ["[", *(f"{json.dumps(e, ensure_ascii=False)}," for e in engagements[:-1]),
                     json.dumps(engagements[-1], ensure_ascii=False), "]"]  # fmt: skip
    empty = briefing(config, "entities", "--article", "no-such-article", "--json")
    assert empty.stdout == "[]\n"


def test_list_json_newest_first_unknown_dates_last(config):
    run = briefing(config, "list", "--json")
    articles = json.loads(run.stdout)
    dates = [a["published"] for a in articles]
    known = [d for d in dates if d]
    assert known == sorted(known, reverse=True)
    assert dates.index(None) == len(known)
    assert {a["id"] for a in articles} >= {"004_0011330f49dcaf1b", "003_7a427d73bfb55530"}


def test_search_json_shape(config):
    run = briefing(config, "search", "Paparo", "--json")
    assert run.returncode == 0, run.stderr
    [hit] = json.loads(run.stdout)
    assert set(hit) == {"id", "title", "source", "published", "score", "snippet"}
    assert hit["published"] == "2024-09-10" and "Paparo" in hit["snippet"]


def test_search_text_table(config):
    run = briefing(config, "search", '"video teleconference"')
    assert run.returncode == 0
    assert "001_8f90672e2de6c76f" in run.stdout and "1 matching" in run.stdout


def test_search_suggests_a_spelling(config):
    run = briefing(config, "search", "paparro")
    assert "did you mean: paparo" in run.stdout


def test_malformed_query_is_one_line_exit_1(config):
    run = briefing(config, "search", "published:[garbage")
    assert run.returncode == 1
    assert run.stderr.count("\n") == 1 and "cannot parse" in run.stderr
    assert "Traceback" not in run.stderr


def test_show_json_keeps_boilerplate_apart(config):
    run = briefing(config, "show", "000_430fa6ff25a7538e", "--json")
    article = json.loads(run.stdout)
    flagged = [p["text"] for p in article["paragraphs"] if p["boilerplate"]]
    assert "©2024 Bloomberg L.P." in flagged
    assert article["source"] == "Bloomberg"


def test_show_unknown_id(config):
    run = briefing(config, "show", "nope")
    assert run.returncode == 1 and "no article with id 'nope'" in run.stderr


def test_usage_error_exits_2(config):
    run = briefing(config, "search")
    assert run.returncode == 2


def test_markup_in_an_article_prints_literally(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "m.txt").write_text(
        "Officials met [bold]today[/bold] at [link=http://x]HQ[/link] in Oslo."
    )
    cfg = write_config(tmp_path, corpus)
    assert briefing(cfg, "index").returncode == 0
    shown = briefing(cfg, "show", "m")
    assert "[bold]today[/bold]" in shown.stdout and "[link=http://x]HQ[/link]" in shown.stdout


def test_brief_copy_uses_the_system_clipboard_tool(config, tmp_path):
    tools = tmp_path / "bin"
    tools.mkdir()
    sink = tmp_path / "clipboard.txt"
    fake = tools / "xclip"
    fake.write_text(f"#!/bin/sh\ncat > {sink}\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    engagements = json.loads(briefing(config, "engagements", "--json").stdout)
    target = next(e["id"] for e in engagements if e["reported"])
    run = briefing(
        config,
        "brief",
        target,
        "--copy",
        env={"PATH": f"{tools}:{os.environ['PATH']}", "DISPLAY": ":99", "WAYLAND_DISPLAY": ""},
    )
    assert run.returncode == 0, run.stderr
    assert "xclip" in run.stderr
    assert sink.read_text().strip() == run.stdout.strip()
    assert "[1]" in sink.read_text()


def test_brief_copy_without_a_tool_says_so(config):
    engagements = json.loads(briefing(config, "engagements", "--json").stdout)
    target = next(e["id"] for e in engagements if e["reported"])
    run = briefing(config, "brief", target, "--copy", env={"PATH": "/nonexistent", "DISPLAY": ""})
    assert run.returncode == 1
    assert "no clipboard tool found" in run.stderr


def test_index_counts_the_warnings_an_earlier_run_gave(seed_config, seed_corpus):
    """Files that index nothing are reported on every run; after the first, one line counts
    them, so that a new warning is not lost among hundreds of old ones."""
    first_article = sorted(seed_corpus.iterdir())[0]
    (seed_corpus / "copy-1.txt").write_bytes(first_article.read_bytes())
    (seed_corpus / "empty.txt").write_text("")
    first = briefing(seed_config, "index").stderr.splitlines()
    old = [line for line in first if line.startswith("warning: ")]
    assert len(old) == 2 and not any("as before" in line for line in old)

    (seed_corpus / "empty-2.txt").write_text(" \n")
    second = briefing(seed_config, "index").stderr.splitlines()
    warned = [line for line in second if line.startswith("warning: ")]
    assert len(warned) == 2 and "empty-2.txt" in warned[0]
    assert warned[1].startswith("warning: 2 more as before")

    every = briefing(seed_config, "index", "--all-warnings").stderr.splitlines()
    warned = [line for line in every if line.startswith("warning: ")]
    assert sorted(warned) == sorted([*old, next(w for w in second if "empty-2.txt" in w)])
