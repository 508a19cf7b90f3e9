"""Fixtures for the app's tests: a corpus indexed once per session, copied fresh per test.

Each test gets its own copy of the seeds, its config and a ready index under `tmp_path`, so
tests can add articles, break the index or refresh without touching each other. The system
clipboard is replaced by a recorder so no test writes to the machine's real clipboard.
`async def` tests run on a fresh event loop each (no asyncio plugin is needed).
"""

from __future__ import annotations

import asyncio
import inspect
import shutil
from pathlib import Path

import pytest
from tui_support import ClipboardRecorder, write_corpus

from index.config import load_config
from index.facade import Briefing


@pytest.fixture(scope="session")
def built_corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("built")
    config = write_corpus(root)
    Briefing(load_config(config)).refresh()
    return root


@pytest.fixture
def corpus(built_corpus: Path, tmp_path: Path) -> Path:
    """A private copy of the indexed seeds: its folder holds config.yaml, seeds/, .briefing/."""
    root = tmp_path / "corpus"
    shutil.copytree(built_corpus, root)
    return root


@pytest.fixture
def briefing(corpus: Path) -> Briefing:
    return Briefing(load_config(corpus / "config.yaml"))


@pytest.fixture
def system_clipboard() -> ClipboardRecorder:
    return ClipboardRecorder()


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    """Run `async def` tests to completion on their own event loop."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    arguments = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
    asyncio.run(pyfuncitem.obj(**arguments))
    return True
