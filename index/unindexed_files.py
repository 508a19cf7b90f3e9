"""Files that indexed nothing, remembered so that a refresh does not read them again.

A file that yields no article (empty, binary, too large, unparseable) or only duplicates
of indexed articles has no document in the index to compare its signature with, so every
refresh read and tagged it again: 74 files and 0.4 s of a one-article refresh at 20k
articles. The memo keeps each such file's signature and what reading it reported. A
refresh reports the same again without reading while the file is unchanged and, for a
duplicate, while the article it duplicates is still indexed under the same id with the
same text; otherwise it reads the file as before.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from index.atomic_files import write_json_atomically

MEMO_VERSION = 1


@dataclass
class UnindexedFile:
    signature: str  # size and modification time, as the index keeps for indexed files
    no_articles: bool  # reading it gave no article at all (it counts as skipped)
    warnings: list[str] = field(default_factory=list)
    # (article id, content hash, id of the indexed article it duplicates)
    duplicates: list[tuple[str, str, str]] = field(default_factory=list)

    def still_holds(self, signature: str, indexed_by_hash: dict[str, str]) -> bool:
        """Whether reading the file now would report the same: same bytes on disk, and
        each article it duplicates still indexed with that text."""
        return signature == self.signature and all(
            indexed_by_hash.get(content_hash) == kept for _, content_hash, kept in self.duplicates
        )


def load_memo(path: Path, max_article_bytes: int) -> dict[str, UnindexedFile]:
    """The memo by file key; empty if missing, unreadable, of another version, or made
    under another size limit (a file too large then may be read now)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != MEMO_VERSION or data.get("max_bytes") != max_article_bytes:
            return {}
        return {
            key: UnindexedFile(
                signature=entry["signature"],
                no_articles=bool(entry["no_articles"]),
                warnings=[str(w) for w in entry["warnings"]],
                duplicates=[(str(a), str(h), str(k)) for a, h, k in entry["duplicates"]],
            )
            for key, entry in data["files"].items()
        }
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def save_memo(path: Path, memo: dict[str, UnindexedFile], max_article_bytes: int) -> None:
    files = {
        key: {
            "signature": entry.signature,
            "no_articles": entry.no_articles,
            "warnings": entry.warnings,
            "duplicates": [list(d) for d in entry.duplicates],
        }
        for key, entry in sorted(memo.items())
    }
    write_json_atomically(
        path, {"version": MEMO_VERSION, "max_bytes": max_article_bytes, "files": files}
    )
