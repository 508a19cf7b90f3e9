"""The on-disk Whoosh index: open it safely, write to it under one lock, recover from damage.

Whoosh keeps one writer at a time and stores pickles, and a crash can leave a half-written
index behind. This module owns those weak spots: a process-wide file lock around every
write (a second writer waits, then reports the index busy), an ownership and permission
check before anything is unpickled, a schema-version stamp, and detection of a corrupt or
half-written index, which callers rebuild. Whoosh writes its table of contents to a
temporary file and renames it, so a killed writer leaves the previous commit readable.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import stat
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.index import Index

from index.errors import BriefingError, IndexBusyError, IndexUnsafeError
from index.extract.entities.mentions import EXTRACTION_VERSION
from index.search.schema import SCHEMA_VERSION, article_schema
from index.search.word_pairs import WORD_LIST_DIGEST

VERSION_FILE = "briefing-schema.json"
LOCK_FILE = "briefing.lock"


class IndexDamaged(Exception):
    """The index exists but cannot be read; the message says why. Callers rebuild."""


def check_ownership(folder: Path) -> None:
    """Refuse a folder another user owns or others may write: it would feed us pickles."""
    try:
        info = folder.stat()
    except FileNotFoundError:
        return
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise IndexUnsafeError(
            f"{folder}: index directory is owned by another user (uid {info.st_uid}); "
            "refusing to open it because Whoosh indexes contain pickles"
        )
    if info.st_mode & (stat.S_IWOTH | stat.S_IWGRP):
        raise IndexUnsafeError(
            f"{folder}: index directory is writable by others; refusing to open it "
            f"(run: chmod go-w {folder})"
        )


def check_files(folder: Path) -> None:
    """Refuse an index whose files another user owns or others may write: a safe folder
    does not protect a world-writable file in it when others may enter the folder."""
    if not hasattr(os, "getuid") or not folder.is_dir():
        return
    folder_mode = folder.stat().st_mode
    unsafe_bits = stat.S_IWOTH | (stat.S_IWGRP if folder_mode & stat.S_IXGRP else 0)
    for entry in os.scandir(folder):
        try:
            if not entry.is_file():
                continue
            info = entry.stat(follow_symlinks=True)
        except FileNotFoundError:
            continue  # removed by a writer's commit while we looked
        if info.st_uid != os.getuid():
            raise IndexUnsafeError(
                f"{entry.path}: index file is owned by another user (uid {info.st_uid}); "
                "refusing to open the index because Whoosh indexes contain pickles"
            )
        if info.st_mode & unsafe_bits:
            raise IndexUnsafeError(
                f"{entry.path}: index file is writable by others; refusing to open the index "
                f"(run: chmod -R go-w {folder})"
            )


@contextlib.contextmanager
def writer_lock(index_dir: Path, wait_seconds: float = 10.0) -> Iterator[None]:
    """Hold the one writer lock of `index_dir`, waiting up to `wait_seconds` for it.

    An flock dies with its process, so a killed indexer never leaves a stale lock behind.
    """
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    lock_path = index_dir.parent / LOCK_FILE
    fd = os.open(lock_path, os.O_CREAT | os.O_WRONLY, 0o600)
    try:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise IndexBusyError(
                        f"{index_dir}: index is busy: another briefing process is writing it"
                    ) from None
                time.sleep(0.1)
        yield
    finally:
        os.close(fd)


def open_index(index_dir: Path) -> Index | None:
    """The index at `index_dir`, or None if there is none yet. Raises IndexDamaged."""
    check_ownership(index_dir.parent)
    previous = index_dir.with_name(index_dir.name + ".previous")
    if not index_dir.exists() and previous.is_dir():
        # A rebuild was killed between its two renames: read the previous index until the
        # next writer (under the lock) finishes the swap.
        index_dir = previous
    check_ownership(index_dir)
    check_files(index_dir)
    if not index_dir.is_dir():
        return None
    try:
        exists = whoosh_index.exists_in(str(index_dir))
    except Exception as error:  # a garbled table of contents fails already here
        raise IndexDamaged(f"{type(error).__name__}: {error}") from None
    if not exists:
        if any(index_dir.iterdir()):
            raise IndexDamaged("index folder holds no readable table of contents")
        return None
    stamp = _read_stamp(index_dir)
    version = stamp.get("schema_version")
    if version != SCHEMA_VERSION:
        written = "an unknown schema version" if version is None else f"schema version {version}"
        raise IndexDamaged(f"index was written by {written}, this is version {SCHEMA_VERSION}")
    if stamp.get("word_pairs") != WORD_LIST_DIGEST:
        # Its phrases would miss the pairs of the words this list adds.
        raise IndexDamaged(
            f"index was written by schema version {version} with another list of common words"
        )
    if stamp.get("extraction", 1) != EXTRACTION_VERSION:
        # Its documents' entities were read by another version of the extraction.
        raise IndexDamaged(
            f"index was written by schema version {version} with another entity extraction"
        )
    try:
        ix = whoosh_index.open_dir(str(index_dir))
        # Opening reads only the table of contents; touch the segments so damage shows now.
        with ix.searcher() as searcher:
            reader = searcher.reader()
            reader.doc_count()
            next(reader.iter_docs(), None)
            next(iter(reader.lexicon("id")), None)
        return ix
    except BriefingError:
        raise
    except Exception as error:  # Whoosh raises anything from EOFError to pickle errors
        raise IndexDamaged(f"{type(error).__name__}: {error}") from None


def create_index(index_dir: Path) -> Index:
    """A new, empty index at `index_dir`, replacing whatever was there."""
    if index_dir.exists():
        shutil.rmtree(index_dir)
    index_dir.mkdir(parents=True, mode=0o700)
    ix = whoosh_index.create_in(str(index_dir), article_schema())
    _write_version(index_dir)
    return ix


def _read_stamp(index_dir: Path) -> dict:
    try:
        stamp = json.loads((index_dir / VERSION_FILE).read_text())
        return stamp if isinstance(stamp, dict) else {}
    except (OSError, ValueError):
        return {}


def index_key(ix: Index) -> str:
    """Names one commit of one index: a cache made for another key is stale."""
    stamp = _read_stamp(Path(ix.storage.folder))
    return f"{stamp.get('index_id', '?')}:{ix.latest_generation()}"


def _write_version(index_dir: Path) -> None:
    temporary = index_dir / (VERSION_FILE + ".tmp")
    stamp = {
        "schema_version": SCHEMA_VERSION,
        "word_pairs": WORD_LIST_DIGEST,
        "extraction": EXTRACTION_VERSION,
        "index_id": uuid.uuid4().hex,
    }
    temporary.write_text(json.dumps(stamp))
    os.replace(temporary, index_dir / VERSION_FILE)
