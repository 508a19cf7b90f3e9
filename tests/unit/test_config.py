"""The config schema: defaults, relative paths, and one-line errors naming file, key, line."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from benchmarks.common_words import LIST_SIZE
from index import locations
from index.config import load_config
from index.errors import ConfigError

REPO = Path(__file__).resolve().parents[2]


def test_default_config_points_at_the_seeds():
    config = load_config()
    assert config.corpus == REPO / "seeds"
    assert config.index_dir == REPO / ".briefing" / "index"
    assert config.brief_words == (60, 140)
    assert config.aliases["Charles Q. Brown"] == ["General Charles Brown", "Gen. Q Brown"]


def test_relative_paths_resolve_against_the_config_file(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("corpus: articles\nindex_dir: cache/ix\n")
    config = load_config(path)
    assert config.corpus == tmp_path / "articles"
    assert config.index_dir == tmp_path / "cache" / "ix"
    assert config.max_article_bytes == 5_000_000


@pytest.mark.parametrize(
    "text, words",
    [
        ("corpus: seeds\ncolour: blue\n", ["line 2", "unknown key 'colour'"]),
        (
            "corpus: seeds\nmax_article_bytes: lots\n",
            ["line 2", "max_article_bytes", "whole number"],
        ),
        ("brief_words: [140, 60]\n", ["line 1", "brief_words"]),
        ("brief_words: 100\n", ["line 1", "brief_words"]),
        ("corpus: [a, b]\n", ["line 1", "'corpus'", "folder path"]),
        ("aliases:\n  X: notalist\n", ["line 1", "aliases"]),
        ("keys:\n  quit: 3\n", ["line 1", "keys"]),
        ("corpus: seeds\n  index_dir: x\n bad: [\n", ["YAML syntax error", "line"]),
        ("- just\n- a list\n", ["must be a mapping"]),
        ("max_article_bytes: true\n", ["max_article_bytes"]),
    ],
)
def test_bad_config_gives_one_line_naming_file_key_and_line(tmp_path, text, words):
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert "\n" not in message
    assert str(path) in message
    for word in words:
        assert word in message


def test_missing_config_file(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.yaml")


def test_empty_config_takes_the_defaults(tmp_path):
    path = tmp_path / "empty.yaml"
    path.write_text("# nothing\n")
    assert load_config(path).corpus == tmp_path / "seeds"


def test_cli_exits_2_on_a_broken_config(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("corpus: seeds\nsurprise: 1\n")
    run = subprocess.run(
        [sys.executable, "-m", "index.cli", "--config", str(path), "list"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1
    assert "surprise" in run.stderr and "line 2" in run.stderr


def test_editable_install_uses_the_repository_config():
    path, base = locations.default_config()
    assert path == REPO / "config.yaml"
    assert base == REPO


def test_wheel_carries_the_default_config_and_loads_it(tmp_path):
    """Build the wheel, unpack it away from the checkout, and load the default from it."""
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path / "dist"),
            str(REPO),
        ],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    wheel = next((tmp_path / "dist").glob("briefing_reader-*.whl"))
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        assert "index/default_config.yaml" in archive.namelist()
        assert "index/search/common_words.txt" in archive.namelist()  # read on import
        assert "index/extract/data/places.txt" in archive.namelist()  # read to tag places
        assert "tui/app.py" in archive.namelist() or any(
            n.startswith("tui/") for n in archive.namelist()
        )
        archive.extractall(site)
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    probe = (
        "import index.locations as l, index.config as c; "
        "cfg = c.load_config(); "
        "print(l.default_config()[0].name, cfg.corpus, cfg.brief_words); "
        "import index.search.word_pairs as w; print(len(w.COMMON_WORDS))"
    )
    run = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=workdir,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    first, common_words = run.stdout.splitlines()
    assert common_words == str(LIST_SIZE)
    name, corpus, words = first.split(" ", 2)
    assert name == "default_config.yaml"
    assert corpus == str(workdir / "seeds")
    assert words.strip() == "(60, 140)"
