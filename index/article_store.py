"""The corpus's articles and entity mentions, compressed in a temporary file, in id order.

The corpus-level analysis reads every article several times (sides, contacts, stories) but
needs only one at a time. Held as `Article` objects a 50k-article corpus took 300 MB and its
mentions another 130 MB; pickled and zlib-compressed they take about a fifth of that, and an
article costs tens of microseconds to bring back. Even compressed they were 120 MB of the
indexing process's peak at 50k, held through the whole analysis, so the blobs go to an
unnamed temporary file beside the index and only their places stay in memory: the operating
system keeps the file in its page cache while memory is plentiful and can drop it when not.
Iterating a store yields fresh objects in id order, so the analysis sees one canonical order
whatever order the files were read in.
"""

from __future__ import annotations

import os
import pickle
import tempfile
import threading
import zlib
from array import array
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from index.model import Article

# Level 1: most of the size gain of level 6 at a third of its time.
_LEVEL = 1
_ABSENT = -1  # the place of an article's mentions when it was added without them


def _pack(value) -> bytes:
    return zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), _LEVEL)


def _unpack(blob: bytes):
    return pickle.loads(zlib.decompress(blob))


class SpillFile:
    """Blobs appended to an unnamed temporary file and read back by place.

    Unbuffered and positional (pwrite/pread): the extraction pool and Whoosh's writer fork
    while a store is open, and a forked child flushing an inherited write buffer, or
    moving a shared file offset, would corrupt the parent's blobs."""

    def __init__(self, folder: Path | None):
        self._file = tempfile.TemporaryFile(prefix="briefing-store-", dir=folder, buffering=0)
        self._end = 0
        self._lock = None if hasattr(os, "pread") else threading.Lock()

    def append(self, blob: bytes) -> int:
        place = self._end
        if self._lock is None:
            written = 0
            while written < len(blob):  # pwrite may write less than asked
                written += os.pwrite(self._file.fileno(), blob[written:], place + written)
        else:
            with self._lock:
                self._file.seek(place)
                self._file.write(blob)
        self._end += len(blob)
        return place

    def read(self, place: int, length: int) -> bytes:
        if self._lock is None:
            blob = os.pread(self._file.fileno(), length, place)
        else:
            with self._lock:
                self._file.seek(place)
                blob = self._file.read(length)
        if len(blob) != length:
            raise OSError(f"{self._file.name}: the article store's temporary file was cut short")
        return blob

    def close(self) -> None:
        self._file.close()

    def __del__(self) -> None:
        # The file is deleted when closed; closing it here also spares the "unclosed
        # file" warning an open one would give when collected.
        if hasattr(self, "_file"):  # not if creating the file failed
            self.close()


class ArticleStore:
    """Articles (and their mentions) by id; iterates in id order.

    `spill_dir` is where the temporary file goes (the system's temporary folder if None):
    beside the index, not in a /tmp that may itself be memory."""

    def __init__(self, articles: Iterable[Article] = (), spill_dir: Path | None = None):
        self.spill_dir = spill_dir
        self._spill = SpillFile(spill_dir)
        self._slots: dict[str, int] = {}
        # Per slot, where each blob starts and how long it is: arrays, since a tuple per
        # article would give back a tenth of what the file saves.
        self._article_at = array("q")
        self._article_length = array("I")
        self._mentions_at = array("q")
        self._mentions_length = array("I")
        self._order: list[str] | None = None
        for article in articles:
            self.add(article)

    def add(self, article: Article, mentions: list | None = None) -> None:
        blob = _pack(article)
        slot = self._slots.get(article.id)
        if slot is None:  # a new article: a slot at the end of each column
            slot = self._slots[article.id] = len(self._article_at)
            self._article_at.append(0)
            self._article_length.append(0)
            self._mentions_at.append(_ABSENT)
            self._mentions_length.append(0)
            self._order = None
        self._article_at[slot] = self._spill.append(blob)
        self._article_length[slot] = len(blob)
        if mentions is not None:
            blob = _pack(mentions)
            self._mentions_at[slot] = self._spill.append(blob)
            self._mentions_length[slot] = len(blob)

    def ids(self) -> list[str]:
        if self._order is None:
            self._order = sorted(self._slots)
        return self._order

    def get(self, article_id: str) -> Article:
        slot = self._slots[article_id]
        return _unpack(self._spill.read(self._article_at[slot], self._article_length[slot]))

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._slots

    def __len__(self) -> int:
        return len(self._slots)

    def __iter__(self) -> Iterator[Article]:
        for article_id in self.ids():
            yield self.get(article_id)

    def mentions_of(self, article_id: str) -> list:
        slot = self._slots.get(article_id)
        if slot is None or self._mentions_at[slot] == _ABSENT:
            return []
        return _unpack(self._spill.read(self._mentions_at[slot], self._mentions_length[slot]))

    @property
    def mentions(self) -> Mapping[str, list]:
        """Every article's entity mentions, unpacked as they are read."""
        return _Mentions(self)

    def close(self) -> None:
        """Delete the temporary file now rather than when the store is collected."""
        self._spill.close()


class _Mentions(Mapping):
    def __init__(self, store: ArticleStore):
        self._store = store

    def __getitem__(self, article_id: str) -> list:
        if article_id not in self._store:
            raise KeyError(article_id)
        return self._store.mentions_of(article_id)

    def __iter__(self) -> Iterator[str]:
        return iter(self._store.ids())

    def __len__(self) -> int:
        return len(self._store)


def in_id_order(articles: Iterable[Article]) -> ArticleStore | list[Article]:
    """The articles sorted by id: a store already is; a list is sorted (it is small)."""
    if isinstance(articles, ArticleStore):
        return articles
    return sorted(articles, key=lambda article: article.id)
