"""The one configuration schema and its loader.

A config is a YAML mapping. Every key is known, typed and optional (a user's file only says
what differs from the defaults); unknown keys, wrong types and YAML syntax errors raise a
`ConfigError` whose one line names the file, the key and the line. Relative paths resolve
against the config file's folder, or the working directory for the packaged default.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from index import locations
from index.errors import ConfigError


@dataclass(frozen=True)
class Config:
    source: Path | None
    corpus: Path
    index_dir: Path
    max_article_bytes: int = 5_000_000
    brief_words: tuple[int, int] = (60, 140)
    search_limit: int = 200
    aliases: dict[str, list[str]] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)

    @property
    def analysis_path(self) -> Path:
        """The cache of entities and engagements, rebuilt with the index."""
        return self.index_dir.parent / "analysis.pickle"

    @property
    def unindexed_path(self) -> Path:
        """The files that indexed nothing and why (see `index.unindexed_files`)."""
        return self.index_dir.parent / "unindexed-files.json"


def _is_str(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _is_positive_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _is_word_range(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 2
        and all(_is_positive_int(v) for v in value)
        and value[0] <= value[1]
    )


def _is_aliases(value: Any) -> bool:
    return isinstance(value, dict) and all(
        _is_str(k) and isinstance(v, list) and all(_is_str(form) for form in v)
        for k, v in value.items()
    )


def _is_keys(value: Any) -> bool:
    return isinstance(value, dict) and all(_is_str(k) and _is_str(v) for k, v in value.items())


# key -> (check, what a valid value looks like)
SCHEMA: dict[str, tuple[Callable[[Any], bool], str]] = {
    "corpus": (_is_str, "a folder path"),
    "index_dir": (_is_str, "a folder path"),
    "max_article_bytes": (_is_positive_int, "a positive whole number of bytes"),
    "brief_words": (_is_word_range, "two positive whole numbers [shortest, longest]"),
    "search_limit": (_is_positive_int, "a positive whole number"),
    "aliases": (_is_aliases, "a mapping of canonical name to a list of names"),
    "keys": (_is_keys, "a mapping of binding id to a key, e.g. copy_brief: ctrl+y"),
}


def load_config(path: Path | None = None) -> Config:
    """Load `path`, or the embedded default when `path` is None."""
    if path is None:
        default, base = locations.default_config()
        return _parse(default, base, user_file=False)
    path = Path(path).expanduser()
    return _parse(path, path.resolve().parent, user_file=True)


def _parse(path: Path, base: Path, user_file: bool) -> Config:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read config: {error}") from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        values = yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = f" line {mark.line + 1}:" if mark else ""
        raise ConfigError(f"{path}:{line} YAML syntax error: {error.problem}") from None
    except yaml.reader.ReaderError as error:
        # A character YAML refuses (NUL, other controls): PyYAML's message spans lines.
        line = text.count("\n", 0, error.position) + 1
        raise ConfigError(
            f"{path}: line {line}: YAML syntax error: character {error.character!r} is not allowed"
        ) from None
    except yaml.YAMLError as error:
        raise ConfigError(f"{path}: YAML error: {' '.join(str(error).split())}") from None
    if root is None:
        values = {}
    elif not isinstance(root, yaml.MappingNode) or not isinstance(values, dict):
        raise ConfigError(f"{path}: line 1: the config must be a mapping of keys to values")

    lines = {}
    for key_node, _ in root.value if root is not None else []:
        lines[key_node.value] = key_node.start_mark.line + 1
    for key, value in values.items():
        line = lines.get(str(key), 1)
        if key not in SCHEMA:
            known = ", ".join(SCHEMA)
            raise ConfigError(f"{path}: line {line}: unknown key '{key}' (known keys: {known})")
        check, expected = SCHEMA[key]
        if not check(value):
            raise ConfigError(
                f"{path}: line {line}: key '{key}' must be {expected}, got {value!r:.60}"
            )

    def resolve(folder: str) -> Path:
        folder_path = Path(folder).expanduser()
        return folder_path if folder_path.is_absolute() else (base / folder_path)

    return Config(
        source=path if user_file else None,
        corpus=resolve(values.get("corpus", "seeds")),
        index_dir=resolve(values.get("index_dir", ".briefing/index")),
        max_article_bytes=values.get("max_article_bytes", 5_000_000),
        brief_words=tuple(values.get("brief_words", (60, 140))),
        search_limit=values.get("search_limit", 200),
        aliases=dict(values.get("aliases") or {}),
        keys=dict(values.get("keys") or {}),
    )
