"""Fixtures shared by every test layer: the seed corpus, a config that points at a copy of
it, and a built index, so no test writes into the repository."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SHARED = REPO.parent / "shared"
GOLD = SHARED / "gold" / "seeds.yaml"
SEED_ALIASES = {"Charles Q. Brown": ["General Charles Brown", "Gen. Q Brown"]}


def write_config(folder: Path, corpus: Path, **extra) -> Path:
    values = {"corpus": str(corpus), "index_dir": str(folder / "index"), "aliases": SEED_ALIASES}
    values.update(extra)
    path = folder / "config.yaml"
    path.write_text(yaml.safe_dump(values))
    return path


@pytest.fixture
def gold() -> dict:
    return yaml.safe_load(GOLD.read_text())


@pytest.fixture
def seed_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    return corpus


@pytest.fixture
def seed_config(tmp_path: Path, seed_corpus: Path) -> Path:
    return write_config(tmp_path, seed_corpus)


@pytest.fixture(scope="session")
def built_seed_index(tmp_path_factory) -> Path:
    """A folder holding corpus/, index/ and config.yaml, indexed once per session."""
    from index.facade import Briefing

    folder = tmp_path_factory.mktemp("built")
    shutil.copytree(SEEDS, folder / "corpus")
    config = write_config(folder, folder / "corpus")
    Briefing.from_config_file(config).refresh()
    return folder


@pytest.fixture
def seed_briefing(built_seed_index: Path, tmp_path: Path):
    """A Briefing over its own copy of the built seed index."""
    from index.facade import Briefing

    folder = tmp_path / "copy"
    shutil.copytree(built_seed_index, folder)
    config = write_config(folder, folder / "corpus")
    return Briefing.from_config_file(config)


@pytest.fixture
def refresh_children(monkeypatch) -> list:
    """Every child process `index.refresh_apart` starts, as `subprocess.Popen` objects."""
    import subprocess

    from index import refresh_apart

    started: list[subprocess.Popen] = []
    real_popen = subprocess.Popen

    def recording_popen(*args, **kwargs):
        child = real_popen(*args, **kwargs)
        started.append(child)
        return child

    monkeypatch.setattr(refresh_apart.subprocess, "Popen", recording_popen)
    return started
