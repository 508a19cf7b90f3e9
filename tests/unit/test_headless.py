"""The core stays headless: importing every index module never pulls in textual or tui."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_index_never_imports_the_ui():
    modules = sorted(
        ".".join(path.relative_to(REPO).with_suffix("").parts)
        for path in (REPO / "index").rglob("*.py")
        if path.name != "__main__.py"
    )
    probe = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'tui'))\n"
        "print(len(bad), bad[:5])\n"
    )
    run = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("0 "), run.stdout
    assert len(modules) > 10


def test_core_cli_does_not_open_the_app_by_itself():
    """`index.cli` needs the opener that the `briefing` entry point (tui.launch) plugs in."""
    run = subprocess.run(
        [sys.executable, "-m", "index.cli"], cwd=REPO, capture_output=True, text=True
    )
    assert run.returncode == 2
    assert "`briefing` command" in run.stderr


def test_briefing_entry_point_is_the_launcher():
    text = (REPO / "pyproject.toml").read_text()
    assert 'briefing = "tui.launch:main"' in text
    probe = "import sys, tui.launch; print('textual' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True)
    assert run.stdout.strip() == "False", run.stderr
