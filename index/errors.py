"""The errors the core raises on purpose, each one a single line a user can act on.

The CLI prints `str(error)` and exits with `exit_code`; the TUI shows the same line. Anything
that is not a `BriefingError` is a bug and is allowed to surface as one.
"""

from __future__ import annotations


class BriefingError(Exception):
    """An expected failure with a one-line message for the user."""

    exit_code = 1


class ConfigError(BriefingError):
    """The config file is missing, not YAML, or breaks the schema. Names file, key and line."""

    exit_code = 2


class QueryError(BriefingError):
    """A search query that cannot be parsed or is too long."""


class IndexBusyError(BriefingError):
    """Another process holds the index writer lock."""


class IndexUnsafeError(BriefingError):
    """The index directory is owned by someone else or writable by others (Whoosh stores
    pickles)."""


class NotFoundError(BriefingError):
    """An article, engagement or story id that is not in the corpus."""
