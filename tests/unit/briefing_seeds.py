"""Seed articles and entities for the engagement, story and brief tests, built from gold.

Uses `index.corpus.load_corpus` when the loader exists; until then builds Articles directly:
a leading " date YYYY-MM-DD" becomes `published`, paragraphs split on newlines, and the gold
boilerplate lines are split out and flagged. Entities come from the gold entity lists with no
side and no role, so the engagement code is tested on the imperfect input it must survive.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path

import yaml

from index.model import Article, Entity, Paragraph

REPO = Path(__file__).resolve().parents[2]
GOLD_PATH = REPO.parent / "shared" / "gold" / "seeds.yaml"
SEEDS = REPO / "seeds"
ALIASES = {"Charles Q. Brown": ["General Charles Brown", "Gen. Q Brown"]}


def load_gold() -> dict:
    return yaml.safe_load(GOLD_PATH.read_text(encoding="utf-8"))


def _article_from_file(path: Path, boilerplate: list[str]) -> Article:
    text = path.read_text(encoding="utf-8")
    published = None
    m = re.match(r"\s*date (\d{4}-\d{2}-\d{2})\s+", text)
    if m:
        published = date.fromisoformat(m.group(1))
        text = text[m.end() :]
    paragraphs: list[Paragraph] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        pieces = [line]
        for bp in boilerplate:
            pieces = [part for piece in pieces for part in _split_keep(piece, bp)]
        for piece in pieces:
            piece = piece.strip()
            if piece:
                paragraphs.append(Paragraph(piece, boilerplate=piece in boilerplate))
    body = [p.text for p in paragraphs if not p.boilerplate]
    return Article(
        id=path.stem,
        path=str(path),
        title=body[0][:80] if body else path.stem,
        source=None,
        dateline=None,
        published=published,
        paragraphs=paragraphs,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
    )


def _split_keep(text: str, sep: str) -> list[str]:
    if sep not in text:
        return [text]
    out: list[str] = []
    for i, part in enumerate(text.split(sep)):
        if i:
            out.append(sep)
        out.append(part)
    return out


def seed_articles() -> list[Article]:
    try:
        from index.corpus import load_corpus  # type: ignore[attr-defined]
    except ImportError:
        load_corpus = None
    if load_corpus is not None:
        return sorted(load_corpus(SEEDS).articles, key=lambda a: a.id)
    gold = load_gold()
    return [
        _article_from_file(path, (gold["articles"].get(path.stem) or {}).get("boilerplate") or [])
        for path in sorted(SEEDS.glob("*.txt"))
    ]


def gold_entities(articles: list[Article]) -> list[Entity]:
    """People, organisations and places from gold, with per-article mention counts."""
    gold = load_gold()["entities"]
    entities: list[Entity] = []
    for name, forms in gold["people"].items():
        aliases = sorted(set(forms) | set(ALIASES.get(name, [])) - {name})
        entities.append(Entity(name, "person", aliases))
    entities += [Entity(name, "organization") for name in gold["organizations"]]
    entities += [Entity(name, "place") for name in gold["places"]]
    for entity in entities:
        for article in articles:
            # Articles write both apostrophes: "People's" and "People’s".
            forms = {v for f in [entity.name, *entity.aliases] for v in (f, f.replace("'", "’"))}
            count = sum(article.body.count(form) for form in forms)
            if count:
                entity.mentions[article.id] = count
    return entities
