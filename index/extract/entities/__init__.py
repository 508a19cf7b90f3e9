"""Named-entity extraction: people, organisations and places, with roles, sides and aliases.

The public face of the subpackage. `extract_mentions` reads one article (pure, cacheable by
content hash); `resolve_entities` merges mentions across the corpus into `Entity` records
(`extend_entities` adds a few articles' mentions to such a catalog);
`extract_entities` does both; `tag_tokens`/`tag_document` expose the same engine at token
level for the CoNLL benchmark. No model is loaded: the engine is rules over shipped and
packaged word lists (see `lexicon.py`), loaded once per process on first use.
"""

from __future__ import annotations

from index.model import Article, Entity

from .mentions import EntityMention, extract_mentions
from .resolve import extend_entities, resolve_entities
from .tagger import tag_document, tag_tokens

__all__ = [
    "EntityMention",
    "extract_mentions",
    "resolve_entities",
    "extend_entities",
    "extract_entities",
    "tag_tokens",
    "tag_document",
]


def extract_entities(
    articles: list[Article], aliases: dict[str, list[str]] | None = None
) -> list[Entity]:
    """Mentions from every article, resolved across the corpus; most-mentioned first."""
    return resolve_entities(
        {article.id: extract_mentions(article) for article in articles}, aliases
    )
