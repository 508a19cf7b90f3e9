"""Loading a corpus folder: finding article files, reading each one safely, removing duplicates.

This module owns orchestration and the public result types. `scan_corpus` lists the article
files under a root; `read_article_file` turns one file into articles plus warnings and never
raises for anything a file contains (unreadable, binary, empty, not UTF-8, too large,
malformed); `load_corpus` reads every file, keeps the first of each set of identical articles
(same normalised body text) and reports the others as duplicates.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from index.corpus.articles import build_article
from index.corpus.decode import decode_bytes
from index.corpus.formats import ARTICLE_SUFFIXES, PARSERS
from index.corpus.identity import article_id
from index.model import Article

DEFAULT_MAX_BYTES = 5_000_000
MAX_PROBLEMS_PER_FILE = 20


@dataclass
class LoadWarning:
    """Why one file (or part of one) could not be read as it should; one line of text."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class FileResult:
    articles: list[Article] = field(default_factory=list)
    warnings: list[LoadWarning] = field(default_factory=list)


@dataclass
class CorpusLoad:
    articles: list[Article] = field(default_factory=list)
    warnings: list[LoadWarning] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (duplicate id, kept id)


def scan_corpus(root: Path) -> list[Path]:
    """Every article file under `root`, recursively, sorted; hidden files and folders skipped."""
    return list(scan_corpus_by_key(root).values())


def scan_corpus_by_key(root: Path) -> dict[str, Path]:
    """`scan_corpus` keyed by each file's path under `root`, with forward slashes."""
    return {key: Path(path) for key, path in scan_corpus_files(root).items()}


def scan_corpus_files(root: Path) -> dict[str, str]:
    """`scan_corpus_by_key` with each file's path as a string. A refresh looks at every file
    but reads few, and making a `Path` of each took most of the scan of 50k files."""
    return _scan(Path(root), on_error=None)


def _scan(root: Path, on_error) -> dict[str, str]:
    if root.is_file():
        # The key Path.relative_to gave a corpus that is one file, kept for its index.
        return {".": str(root)} if root.suffix.lower() in ARTICLE_SUFFIXES else {}
    found: list[tuple[str, str]] = []
    # os.walk over Path.rglob: several times faster on big trees, and it does not follow
    # symlinked folders, so a link loop cannot make a scan endless.
    for folder, subfolders, files in os.walk(root, onerror=on_error):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        # The key by string, once per folder: Path.relative_to per file was a third of a
        # refresh's scan at 20k articles.
        under = os.path.relpath(folder, root)
        prefix = "" if under == "." else under.replace(os.sep, "/") + "/"
        # Joined and matched by string methods, not os.path per file: a sixth of a
        # refresh's scan of 50k files.
        base = folder if folder.endswith(os.sep) else folder + os.sep
        found.extend(
            (prefix + name, base + name)
            for name in files
            if not name.startswith(".") and name.lower().endswith(ARTICLE_SUFFIXES)
        )
    found.sort(key=lambda pair: pair[0])
    return dict(found)


def read_article_file(
    path: Path | str, root: Path, max_bytes: int = DEFAULT_MAX_BYTES
) -> FileResult:
    """The articles in one file and a warning for each problem; never raises for bad input."""
    path, root = Path(path), Path(root)
    try:
        return _read_article_file(path, root, max_bytes)
    except Exception as exc:  # last line of defence: one bad file must not stop a corpus load
        reason = f"internal error while reading ({type(exc).__name__}: {exc})"
        return FileResult([], [LoadWarning(str(path), _one_line(reason))])


def _read_article_file(path: Path, root: Path, max_bytes: int) -> FileResult:
    result = FileResult()
    where = str(path)

    def warn(reason: str) -> FileResult:
        result.warnings.append(LoadWarning(where, _one_line(reason)))
        return result

    parser = PARSERS.get(path.suffix.lower())
    if parser is None:
        return warn(f"unsupported file type {path.suffix or '(no suffix)'!r}")
    data, problem = _read_bytes(path, max_bytes)
    if problem:
        return warn(problem)
    if not data.strip():
        return warn("empty file" if not data else "empty file (whitespace only)")
    decoded = decode_bytes(data)
    if decoded.text is None:
        return warn(decoded.problem or "not text")
    if decoded.encoding:
        warn(f"not UTF-8; decoded as {decoded.encoding}")
    if not decoded.text.strip():
        return warn("empty file (whitespace only)")

    parsed = parser(decoded.text)
    for problem in parsed.problems[:MAX_PROBLEMS_PER_FILE]:
        warn(problem)
    if len(parsed.problems) > MAX_PROBLEMS_PER_FILE:
        # A file of 50,000 broken lines is one problem to a reader, not 50,000.
        warn(f"... and {len(parsed.problems) - MAX_PROBLEMS_PER_FILE} more problems like these")
    for record in parsed.records:
        article, reason = build_article(record, article_id(path, root, record.item), where)
        if article is not None:
            result.articles.append(article)
        else:
            prefix = (
                ""
                if record.item is None
                else f"{'line' if path.suffix.lower() == '.jsonl' else 'item'} {record.item}: "
            )
            warn(f"{prefix}{reason}")
    return result


def _read_bytes(path: Path, max_bytes: int) -> tuple[bytes, str | None]:
    try:
        # Only regular files are articles: opening a FIFO waits for a writer for ever, and
        # reading /dev/zero never ends.
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            return b"", "cannot read: is a folder"
        if not stat.S_ISREG(mode):
            return b"", "cannot read: not a regular file (a pipe, device or socket)"
        with path.open("rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            if size > max_bytes:
                return b"", f"too large ({size:,} bytes; the limit is {max_bytes:,})"
            # Read one byte past the limit: a file that grew since fstat is still caught.
            data = stream.read(max_bytes + 1)
    except PermissionError:
        return b"", "cannot read: permission denied"
    except IsADirectoryError:
        return b"", "cannot read: is a folder"
    except FileNotFoundError:
        return b"", "cannot read: file not found (removed, or a broken link)"
    except OSError as exc:
        return b"", f"cannot read: {exc.strerror or type(exc).__name__}"
    if len(data) > max_bytes:
        return b"", f"too large (over the limit of {max_bytes:,} bytes)"
    return data, None


def load_corpus(root: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> CorpusLoad:
    """Every article under `root`; identical articles kept once and reported as duplicates."""
    root = Path(root)
    load = CorpusLoad()
    if not root.exists():
        load.warnings.append(LoadWarning(str(root), "corpus folder not found"))
        return load

    def scan_error(error: OSError) -> None:
        reason = "cannot list folder: " + (error.strerror or type(error).__name__)
        load.warnings.append(LoadWarning(str(error.filename or root), reason))

    kept_by_hash: dict[str, str] = {}
    taken_ids: dict[str, str] = {}  # id -> path that has it
    for path in map(Path, _scan(root, on_error=scan_error).values()):
        result = read_article_file(path, root, max_bytes)
        load.warnings.extend(result.warnings)
        for article in result.articles:
            kept = kept_by_hash.get(article.content_hash)
            if kept is not None:
                load.duplicates.append((article.id, kept))
                continue
            if article.id in taken_ids:
                # x.txt and x.md both want id "x": the later one keeps its suffix to stay unique.
                unique = _unique_id(article, path, taken_ids)
                load.warnings.append(
                    LoadWarning(
                        article.path,
                        f"id {article.id!r} already used by {taken_ids[article.id]}; "
                        f"using {unique!r}",
                    )
                )
                article.id = unique
            taken_ids[article.id] = article.path
            kept_by_hash[article.content_hash] = article.id
            load.articles.append(article)
    return load


def _unique_id(article: Article, path: Path, taken_ids: dict[str, str]) -> str:
    base, hash_mark, item = article.id.partition("#")
    candidate = f"{base}{path.suffix}{hash_mark}{item}"
    n = 2
    while candidate in taken_ids:
        candidate = f"{base}{path.suffix}~{n}{hash_mark}{item}"
        n += 1
    return candidate


def _one_line(text: str) -> str:
    return " ".join(text.split())
