"""What the fault tests share: running the real `briefing` command, and a fingerprint of an
index that two indexes of the same corpus must share wherever the corpus lives."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from index.facade import Briefing
from index.search.article_records import ArticleRecords

REPO = Path(__file__).resolve().parents[2]
QUERIES = [
    "zq0003x", "zq0150x", "zq0205x", '"South China Sea"', "austin", "quokka", "diplomats",
    "person:austin", "place:tokyo", "source:wire", "published:2024-05", "defence AND NOT talks",
    "paparo",
]  # fmt: skip


# The processes a fault test starts share one hash seed, so that comparing a recovered index
# with a clean build tests recovery alone; test_determinism checks builds across seeds.
PINNED_ENV = {**os.environ, "PYTHONHASHSEED": "0"}


def run_briefing(config: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "index.cli", "--config", str(config), *args],
        cwd=REPO, env=PINNED_ENV, capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip


def fingerprint(config: Path) -> dict:
    """Everything a reader can see of an index, independent of where the corpus lives:
    ids, counts, stored articles and entity fields, the article list, entities, and the
    results of a set of searches."""
    briefing = Briefing.from_config_file(config)
    ix = briefing._index()
    docs = {}
    with ix.searcher() as searcher:
        doc_count = searcher.doc_count()
        records = ArticleRecords(searcher)
        for docnum, fields in searcher.reader().iter_docs():
            stored = records.article(docnum)
            article = {**stored.to_json(), "content_hash": stored.content_hash}
            del article["path"]
            docs[fields["id"]] = {
                "file_hash": fields["file_hash"],
                "article": article,
                "mentions": [m.to_json() for m in records.mentions(docnum)],
                **{k: fields.get(k, "") for k in ("people", "orgs", "places", "engagement")},
            }
    searches = {}
    for query in QUERIES:
        result = briefing.search(query, limit=1000)
        searches[query] = (result.total, sorted(hit.id for hit in result.hits))
    return {
        "doc_count": doc_count,
        "ids": sorted(docs),
        "docs": docs,
        "searches": searches,
        "list": [s.to_json() for s in briefing.articles()],
        "entities": sorted(
            (e.name, e.type, sorted(e.mentions.items())) for e in briefing.entities()
        ),
        # Kept by adding and taking away per article: must end as a clean build counts it.
        "vocabulary": briefing._reading().vocabulary.to_json(),
    }


def difference(got: dict, expected: dict) -> str | None:
    """The first part of two fingerprints that differs, described; None if they are equal."""
    for key, value in expected.items():
        if got[key] != value:
            detail = ""
            if key == "docs":
                differing = sorted(set(value) ^ set(got["docs"])) or [
                    i for i in value if got["docs"].get(i) != value[i]
                ]
                detail = f" (e.g. {differing[:3]})"
            elif key == "searches":
                detail = f" (e.g. {[q for q in value if got[key].get(q) != value[q]][:3]})"
            return f"'{key}' differs from a clean build{detail}"
    return None


def stored_ids(config: Path) -> set[str] | None:
    """The ids a reader sees; None if there is no index. Checks there are no duplicate
    documents and that search answers."""
    briefing = Briefing.from_config_file(config)
    if not briefing.has_index:
        return None
    ix = briefing._index()
    with ix.searcher() as searcher:
        ids = [fields["id"] for fields in searcher.all_stored_fields()]
        assert len(ids) == searcher.doc_count() == len(set(ids)), "duplicate or lost documents"
    assert briefing.search("defence OR military", limit=5).hits, "the index opens but finds nothing"
    return set(ids)


def living_members(group: int) -> list[int]:
    """Processes of the process group `group` that have not exited (zombies have)."""
    living = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        state, process_group = fields[0], int(fields[2])
        if process_group == group and state != "Z":
            living.append(int(stat.parent.name))
    return living


def group_gone(group: int) -> bool:
    """Whether the group's last members have exited, waiting a little for a SIGKILL sent
    to them to land."""
    deadline = time.monotonic() + 10
    while living_members(group) and time.monotonic() < deadline:
        time.sleep(0.05)
    return living_members(group) == []
