"""Terminal escapes and markup in article text never reach the terminal or the renderer.

Articles in every supported format carry escape sequences (OSC 52 clipboard writes in 7-bit
and 8-bit form, OSC 0 title changes, OSC 8 hyperlinks, CSI screen clears, DCS, APC), bidi
overrides, and Rich/Textual markup in their titles, bodies, sources and metadata. After a
real `briefing index`, every command that prints article text (`list`, `show`, `search`,
`entities`, `engagements`, `stories`, `brief`, plain and --json), run with colours forced
on as on a terminal, must print no escape sequence of its own making other than Rich's
colour codes, and the markup must come out literally.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from index.corpus import load_corpus
from tests.conftest import SEEDS, write_config

REPO = Path(__file__).resolve().parents[2]
OSC52 = "\x1b]52;c;ZWNobyBvd25lZA==\x07"
HOSTILE = (
    f"{OSC52}\x9d52;c;aGk=\x9c\x1b]0;pwned\x07\x1b]8;;http://evil.example/\x1b\\x\x1b]8;;\x1b\\"
    "\x1b[2J\x1b[31m\x9b6n\x1bP+q544e\x1b\\\x1b_Gf=100\x1b\\\u202e\u2066\x07\x08"
)
MARKUP = "[bold red]alarm[/] [link=http://evil.example]click[/link] [@click=app.quit]q[/]"
BODY = (
    "Defence ministers {h}met in Manila on Tuesday{h} to discuss maritime security, officials "
    "said. {m}\n\nThe talks {h}covered the South China Sea and {m} joint patrols.\n"
)


def _articles() -> dict[str, str]:
    return {
        name: text.replace("officials said", f"officials said in {name}")
        for name, text in _texts().items()
    }


def _texts() -> dict[str, str]:
    body = BODY.format(h=HOSTILE, m=MARKUP)
    title = f"Escape {HOSTILE} title {MARKUP}"
    return {
        "esc_t.txt": f"title: {title}\nsource: Wire{HOSTILE}\ndate: 2024-05-02\n{body}",
        "esc_m.md": (
            f'---\ntitle: "{title.replace(chr(92), "")}"\nsource: "Md {MARKUP}"\n---\n'
            f"# Heading {HOSTILE}\n\n{body}"
        ),
        "esc_h.html": (
            f"<html><head><title>{title}</title>"
            f"<meta property='og:site_name' content='Site{HOSTILE}'></head><body><article>"
            f"<p>{body}</p><p>&#x1b;]52;c;aGk=&#7; &#27;[2J &#x9b;6n &#x202e;x</p>"
            "</article></body></html>"
        ),
        "esc_j.json": json.dumps(
            {"title": title, "source": f"J{HOSTILE}", "text": body, "url": f"http://x/{HOSTILE}"}
        ),
        "esc_l.jsonl": json.dumps({"title": title, "text": body}) + "\n",
    }


# Anything but Rich's own SGR colour codes (ESC [ ... m) is a leak.
LEAK = re.compile(r"\x1b(?!\[[0-9;]*m)|[\x07\x08\x80-\x9f\u202a-\u202e\u2066-\u2069]")


def hostile_corpus(folder: Path) -> Path:
    """Two seeds and the hostile articles in `folder`/corpus; the config that reads them."""
    corpus = folder / "corpus"
    corpus.mkdir()
    for name in sorted(SEEDS.iterdir())[:2]:
        (corpus / name.name).write_bytes(name.read_bytes())
    for name, text in _articles().items():
        (corpus / name).write_text(text, encoding="utf-8")
    return write_config(folder, corpus)


@pytest.fixture(scope="module")
def indexed(tmp_path_factory) -> Path:
    config = hostile_corpus(tmp_path_factory.mktemp("escapes"))
    done = run(config, "index")
    assert done.returncode == 0, done.stderr
    return config


def run(config: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "FORCE_COLOR": "1", "TERM": "xterm-256color", "COLUMNS": "120"}
    env.pop("NO_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "index.cli", "--config", str(config), *args],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120, errors="surrogateescape",
    )  # fmt: skip


def test_every_loader_strips_the_escapes(indexed):
    corpus = Path(indexed).parent / "corpus"
    loaded = {a.id: a for a in load_corpus(corpus).articles}
    escaped = [a for a in loaded.values() if a.id.startswith("esc")]
    assert len(escaped) == 5, sorted(loaded)
    for article in escaped:
        for text in (
            article.title,
            article.source or "",
            article.url or "",
            *article.body_paragraphs,
        ):
            assert not LEAK.search(text), (article.id, text)
            assert "\x1b" not in text


def _commands(config: Path) -> list[tuple[str, ...]]:
    corpus = Path(config).parent / "corpus"
    ids = [a.id for a in load_corpus(corpus).articles if a.id.startswith("esc")]
    commands: list[tuple[str, ...]] = [("list",), ("entities",), ("engagements",), ("stories",)]
    for query in ("maritime", "alarm", "Manila", "pwned", '"joint patrols"'):
        commands.append(("search", query))
    for article_id in ids:
        commands.append(("show", article_id))
    return commands


def test_no_escape_reaches_the_terminal_from_any_command(indexed):
    commands = _commands(indexed)
    briefs = json.loads(run(indexed, "engagements", "--json").stdout or "[]")
    briefs += json.loads(run(indexed, "stories", "--json").stdout or "[]")
    for subject in briefs[:4]:
        for fmt in ("text", "markdown", "json"):
            commands.append(("brief", subject["id"], "--format", fmt))
    printed = 0
    for command in commands:
        for extra in ((), ("--json",)) if command[0] != "brief" else ((),):
            done = run(indexed, *command, *extra)
            assert done.returncode == 0, (command, done.stderr)
            for stream in (done.stdout, done.stderr):
                leak = LEAK.search(stream)
                assert leak is None, (
                    command,
                    extra,
                    stream[max(0, leak.start() - 40) : leak.end() + 40],
                )
            printed += len(done.stdout)
    assert printed > 2000


def test_markup_is_printed_literally(indexed):
    corpus = Path(indexed).parent / "corpus"
    article_id = next(a.id for a in load_corpus(corpus).articles if a.id == "esc_t")
    shown = run(indexed, "show", article_id)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", shown.stdout)
    # Rich would have turned "[bold red]alarm[/]" into styled "alarm"; the words must stay.
    assert "[bold red]alarm[/]" in plain
    assert "[@click=app.quit]q[/]" in plain
    found = run(indexed, "search", "alarm")
    assert "[bold red]" in re.sub(r"\x1b\[[0-9;]*m", "", found.stdout)


def test_the_clipboard_escape_never_survives_indexing(indexed):
    index_dir = Path(indexed).parent / "index"
    for path in [*index_dir.rglob("*"), Path(indexed).parent / "analysis.pickle"]:
        if path.is_file():
            data = path.read_bytes()
            assert b"\x1b]52" not in data and b"ZWNobyBvd25lZA==" not in data, path
