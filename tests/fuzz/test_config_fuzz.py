"""Config fuzzing: every key with every wrong type, unknown keys, and broken YAML.

Whatever the file holds, `load_config` either returns a Config or raises a ConfigError whose
one line names the file, and, when a key is at fault, the key and the line it is on. No
other exception escapes (the CLI would show it as a traceback).
"""

from __future__ import annotations

import itertools
import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from index.config import SCHEMA, Config, load_config
from index.errors import ConfigError

EXAMPLES = int(os.environ.get("BRIEFING_FUZZ_EXAMPLES", "200"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=timedelta(seconds=5),
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)
_names = itertools.count()

# What each key accepts, written out independently of the loader's own checks.
VALID = {
    "corpus": ["articles", "~/news", "/tmp/x y"],
    "index_dir": [".briefing/index", "/var/tmp/ix"],
    "max_article_bytes": [1, 5_000_000],
    "brief_words": [[60, 140], [10, 10]],
    "search_limit": [1, 200],
    "aliases": [{}, {"Lloyd Austin": ["Austin"]}, {"X": []}],
    "keys": [{}, {"copy_brief": "ctrl+y"}],
}
WRONG = [
    None, True, False, 0, -1, 3.5, "", "   ", "text", [], [1], [1, 2, 3], ["a", "b"], {}, {"a": 1},
    {"a": None}, {"a": [1]}, {"": ["x"]}, [[1, 2]], 10**30, float("inf"), "2024-04-17",
]  # fmt: skip


def is_valid(key: str, value) -> bool:
    """The schema, restated: what a user may write for `key`."""

    def text(v):
        return isinstance(v, str) and v.strip() != ""

    def positive(v):
        return type(v) is int and v > 0

    if key in ("corpus", "index_dir"):
        return text(value)
    if key in ("max_article_bytes", "search_limit"):
        return positive(value)
    if key == "brief_words":
        return (
            isinstance(value, list)
            and len(value) == 2
            and all(map(positive, value))
            and value[0] <= value[1]
        )
    if key == "aliases":
        return isinstance(value, dict) and all(
            text(k) and isinstance(v, list) and all(map(text, v)) for k, v in value.items()
        )
    if key == "keys":
        return isinstance(value, dict) and all(text(k) and text(v) for k, v in value.items())
    raise AssertionError(key)


def test_schema_is_the_one_tested():
    assert set(SCHEMA) == set(VALID)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("configs")


def write(folder: Path, text: str | bytes) -> Path:
    path = folder / f"config{next(_names)}.yaml"
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
    else:
        path.write_bytes(text)
    return path


def load(path: Path) -> Config | ConfigError:
    try:
        return load_config(path)
    except ConfigError as error:
        message = str(error)
        assert "\n" not in message and "\r" not in message, repr(message)
        assert message.startswith(f"{path}:"), message
        assert len(message) < 400, message
        return error


padding = st.lists(
    st.sampled_from(["# a comment", "", "   ", "search_limit: 20", "corpus: seeds"]), max_size=6
)


@FUZZ
@given(
    key=st.sampled_from(sorted(SCHEMA)),
    value=st.one_of(
        st.sampled_from(WRONG), st.sampled_from([v for vs in VALID.values() for v in vs])
    ),
    before=padding,
    flow=st.booleans(),
)
def test_every_key_with_every_type(folder, key, value, before, flow):
    # The key of interest goes last, so padding cannot shadow it.
    before = [line for line in before if not line.startswith(key)]
    if flow:  # key: {a: [b]} on one line
        inline = yaml.safe_dump([value], default_flow_style=True, allow_unicode=True, width=10**6)
        dumped = f"{key}: {inline.strip()[1:-1]}"
    else:
        dumped = yaml.safe_dump({key: value}, default_flow_style=False, allow_unicode=True).rstrip(
            "\n"
        )
    text = "\n".join([*before, dumped]) + "\n"
    path = write(folder, text)
    result = load(path)
    line = len(before) + 1
    if is_valid(key, value):
        assert isinstance(result, Config), f"{text!r}: {result}"
    else:
        assert isinstance(result, ConfigError), f"{text!r} was accepted"
        message = str(result)
        assert f"'{key}'" in message, message
        assert f"line {line}:" in message, message


@FUZZ
@given(
    key=st.from_regex(r"[A-Za-z_][A-Za-z0-9_\-]{0,30}", fullmatch=True).filter(
        lambda k: k not in SCHEMA
    ),
    before=padding,
)
@example(key="Corpus", before=[])
@example(key="index-dir", before=["corpus: seeds"])
def test_unknown_keys_are_named_with_their_line(folder, key, before):
    text = "\n".join([*before, f"{key}: 1"]) + "\n"
    path = write(folder, text)
    result = load(path)
    if yaml.safe_load(text) is not None and key in (yaml.safe_load(text) or {}):
        assert isinstance(result, ConfigError)
        assert f"unknown key '{key}'" in str(result)
        assert f"line {len(before) + 1}:" in str(result)


YAML_TOKENS = [
    "corpus:", "index_dir:", "aliases:", "keys:", "brief_words:", "search_limit:", " ", "  ",
    "\t", "\n", "-", "- ", ":", ": ", "[", "]", "{", "}", ",", "'", '"', "&a", "*a",
    "!!python/object:os.system",
    "!!binary", "%YAML 1.1", "---", "...", "? ", "|", ">", "#", "@", "`", "\\", "\x00", "\x1b[31m",
    "\ufeff", "\u2028", "é", "ساعة", "~", "null", "yes", "no", "0x1F", "1e9", ".inf", "<<: *a",
]  # fmt: skip


@FUZZ
@given(tokens=st.lists(st.one_of(st.sampled_from(YAML_TOKENS), st.text(max_size=8)), max_size=40))
@example(tokens=["corpus: seeds\n", "  index_dir: x\n", " bad: [\n"])
@example(tokens=["a: &a [x, x]\n", "b: &b [*a, *a]\n", "aliases: {k: [*b, *b]}\n"])
@example(tokens=["? [a, b]\n", ": 1\n"])
@example(tokens=["{1: 2}"])
@example(tokens=["corpus: seeds\n", "corpus: other\n"])
def test_broken_yaml(folder, tokens):
    path = write(folder, "".join(tokens))
    result = load(path)
    if isinstance(result, ConfigError) and "YAML" in str(result):
        # A syntax error names the line where YAML stopped, when YAML knows it.
        assert re.search(r"line \d+:", str(result)) or "YAML error" in str(result), str(result)


@FUZZ
@given(data=st.binary(max_size=300))
@example(data=b"\xff\xfecorpus: x\n")
@example(data="corpus: d\u00e9p\u00eaches\n".encode("latin-1"))
@example(data=b"corpus: seeds\x00\n")
def test_random_bytes(folder, data):
    load(write(folder, data))


def test_a_folder_instead_of_a_file(tmp_path):
    (tmp_path / "config.yaml").mkdir()
    result = load(tmp_path / "config.yaml")
    assert isinstance(result, ConfigError)
