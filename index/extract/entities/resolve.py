"""Corpus-level resolution: many surface mentions in, one `Entity` per real-world name out.

A person's canonical name is the title-free full name; a bare surname (or title plus surname)
resolves to the one full name in the same article that ends in it (begins with it for
Chinese names read surname first), else to the one full name in the whole corpus that fits;
when two people fit, it stays its own entity rather than merging them. Configured aliases
(canonical -> surface forms) win over everything. Places and organisations fold their
short forms ("US" -> United States, "PLA" -> People's Liberation Army). Role and side are
the most frequent ones the mentions carried.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict

from index.model import Entity

from . import lexicon as lx
from .mentions import EntityMention, tokenize
from .tagger import family_name_first

_TITLE_WORDS = (
    lx.RANKS | lx.OFFICE_HEADS | {"Vice", "Deputy", "Prime", "Defense", "Defence", "Foreign"}
)


# A corpus repeats its names: a 5k corpus strips titles from 377k mentions of far fewer
# names, and resolving it took 2.0-2.4 s of CPU without the cache, 0.7-1.0 s with it.
@functools.lru_cache(maxsize=1 << 16)
def strip_title(text: str) -> str:
    """'Maj. Gen. Song Yanchao' -> 'Song Yanchao'; a name made only of title words stays as is."""
    words = [t[0] for t in tokenize(text)]
    i = 0
    while i < len(words) - 1 and words[i] in _TITLE_WORDS:
        i += 1
    return _rejoin(text, i)


def _rejoin(text: str, first_token: int) -> str:
    tokens = tokenize(text)
    return text[tokens[first_token][1] :].strip() if tokens else text


def _surname_key(full_name: str) -> str:
    words = [w for w in full_name.split() if w not in lx.NAME_SUFFIXES]
    if not words:
        return full_name
    return words[0] if len(words) == 2 and family_name_first(words) else words[-1]


def _canonical_non_person(mention: EntityMention) -> str:
    text = mention.text.replace("’", "'")
    if text.startswith("The ") or text.startswith("the "):
        text = text[4:]
    if mention.type == "place":
        return lx.PLACE_CANONICAL.get(text, text)
    if text in lx.KNOWN_ORGS:
        return lx.KNOWN_ORGS[text]
    return text.replace("Defence", "Defense")


def _configured_aliases(aliases: dict[str, list[str]] | None) -> dict[str, str]:
    """Every configured form, with and without its title, to its canonical name."""
    alias_to_canonical: dict[str, str] = {}
    for canonical, forms in (aliases or {}).items():
        alias_to_canonical[canonical] = canonical
        for form in forms:
            alias_to_canonical[form] = canonical
            alias_to_canonical[strip_title(form)] = canonical
    return alias_to_canonical


def _configured_name(mention: EntityMention, alias_to_canonical: dict[str, str]) -> str | None:
    return alias_to_canonical.get(mention.text) or alias_to_canonical.get(strip_title(mention.text))


def _full_names(
    mentions_by_article: dict[str, list[EntityMention]],
    alias_to_canonical: dict[str, str],
    corpus_full: dict[str, set[str]],
) -> dict[str, list[str]]:
    """Each article's full person names in order of appearance; also adds them to
    `corpus_full` (surname -> full names), which surnames are resolved against."""
    full_by_article: dict[str, list[str]] = {}
    for article_id, mentions in mentions_by_article.items():
        names: list[str] = []
        for mention in mentions:
            if mention.type != "person":
                continue
            name = _configured_name(mention, alias_to_canonical) or strip_title(mention.text)
            if len(name.split()) >= 2 and name not in names:
                names.append(name)
                corpus_full[_surname_key(name)].add(name)
        full_by_article[article_id] = names
    return full_by_article


def resolve_entities(
    mentions_by_article: dict[str, list[EntityMention]], aliases: dict[str, list[str]] | None = None
) -> list[Entity]:
    """One Entity per person, organisation and place; most-mentioned first."""
    alias_to_canonical = _configured_aliases(aliases)

    def configured(mention: EntityMention) -> str | None:
        return _configured_name(mention, alias_to_canonical)

    # Full names per article and in the corpus, to resolve surnames against.
    corpus_full: dict[str, set[str]] = defaultdict(set)  # surname -> full names
    for canonical in set(alias_to_canonical.values()):
        corpus_full[_surname_key(canonical)].add(canonical)
    full_by_article = _full_names(mentions_by_article, alias_to_canonical, corpus_full)

    surface: dict[tuple[str, str], set[str]] = defaultdict(set)
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    roles: dict[tuple[str, str], Counter] = defaultdict(Counter)
    sides: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for article_id, mentions in mentions_by_article.items():
        for mention in mentions:
            if mention.type == "person":
                canonical = configured(mention) or _resolve_person(
                    strip_title(mention.text), full_by_article[article_id], corpus_full
                )
            else:
                canonical = _canonical_non_person(mention)
            key = (canonical, mention.type)
            written = mention.text.replace("’", "'")
            surface[key].add(written)
            if mention.type == "person" and len(strip_title(written).split()) >= 1:
                surface[key].add(strip_title(written))  # "Dr. Chase" is also "Chase"
            counts[key][article_id] += 1
            if mention.role:
                roles[key][mention.role] += 1
            if mention.side:
                sides[key][mention.side] += 1

    configured_names = set(alias_to_canonical.values())
    _fold_spellings(counts, configured_names, counters=(roles, sides), sets=(surface,))
    entities = [
        Entity(
            name=name,
            type=entity_type,
            aliases=sorted(surface[(name, entity_type)] | {name}),
            role=_best_role(roles[(name, entity_type)]),
            side=sides[(name, entity_type)].most_common(1)[0][0]
            if sides[(name, entity_type)]
            else None,
            mentions=dict(counts[(name, entity_type)]),
        )
        for name, entity_type in counts
    ]
    entities.sort(key=lambda e: (-e.total_mentions, e.name))
    strip_title.cache_clear()  # kept, it would hold up to 65,536 names to the end of a run
    return entities


def _spelling(name: str) -> str:
    """A person's name with case and hyphens set aside: "Kim Jong Un" and "Kim Jong-un" are
    one name spelled two ways, as Korean names are."""
    return " ".join(name.replace("-", " ").split()).casefold()


def _fold_spellings(
    counts: dict, configured: set[str], counters: tuple[dict, ...], sets: tuple[dict, ...]
) -> None:
    """Merge the people whose names differ only in spelling (`_spelling`) into the one
    spelled most often, or the one the configuration names (its aliases win over
    everything), in place: `counts` and each of `counters` and `sets`, all keyed by
    (name, type)."""
    by_spelling: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key in counts:
        if key[1] == "person":
            by_spelling[_spelling(key[0])].append(key)
    for keys in by_spelling.values():
        kept = max(keys, key=lambda k: (k[0] in configured, sum(counts[k].values()), k[0]))
        for key in keys:
            if key == kept:
                continue
            counts[kept].update(counts.pop(key))
            for table in counters:
                table[kept].update(table.pop(key, Counter()))
            for table in sets:
                table[kept] |= table.pop(key, set())


def _best_role(seen: Counter) -> str | None:
    """A written-out office beats a bare title: "Secretary of Defense" over "Secretary"."""
    if not seen:
        return None
    return max(seen, key=lambda role: (len(role.split()) > 1, seen[role], len(role)))


def _resolve_person(
    name: str, article_full_names: list[str], corpus_full: dict[str, set[str]]
) -> str:
    if len(name.split()) >= 2:
        return name
    in_article = [full for full in article_full_names if _surname_key(full) == name]
    if len(in_article) == 1:
        return in_article[0]
    if len(in_article) > 1:
        return name  # two people share it here: never merge them
    in_corpus = corpus_full.get(name, set())
    if len(in_corpus) == 1:
        return next(iter(in_corpus))
    return name


def extended_catalog_order(entity: Entity) -> tuple[int, str, str]:
    """The order of an extended catalog: most mentioned first, then by name and type, so
    that the catalog can be rebuilt in the same order from its entities alone."""
    return (-entity.total_mentions, entity.name, entity.type)


def extend_entities(
    catalog: list[Entity],
    mentions_by_article: dict[str, list[EntityMention]],
    aliases: dict[str, list[str]] | None = None,
) -> list[Entity]:
    """`catalog` (entities already resolved over a corpus) plus a few new articles' mentions,
    resolved against it without re-reading the corpus: a surname or one-word alias that
    names exactly one catalogued person resolves to that person; a new full name becomes a
    new entity. Provisional: the catalog's roles and sides stand, and a surname that a new
    full name makes ambiguous keeps its old reading until the next full resolution."""
    alias_to_canonical = _configured_aliases(aliases)

    def configured(mention: EntityMention) -> str | None:
        return _configured_name(mention, alias_to_canonical)

    corpus_full: dict[str, set[str]] = defaultdict(set)
    by_alias: dict[str, set[str]] = defaultdict(set)  # one-word form -> catalogued people
    for canonical in set(alias_to_canonical.values()):
        corpus_full[_surname_key(canonical)].add(canonical)
    by_spelling: dict[str, str] = {}  # a catalogued person's name, however spelled
    for entity in catalog:
        if entity.type != "person" or len(entity.name.split()) < 2:
            continue
        by_spelling[_spelling(entity.name)] = entity.name
        corpus_full[_surname_key(entity.name)].add(entity.name)
        for alias in entity.aliases:
            if len(alias.split()) == 1:
                by_alias[alias].add(entity.name)
    full_by_article = _full_names(mentions_by_article, alias_to_canonical, corpus_full)

    # Copy on write: most of a large catalog is untouched by a few new articles.
    entities = {(e.name, e.type): e for e in catalog}
    copied: set[tuple[str, str]] = set()
    for article_id, mentions in mentions_by_article.items():
        for mention in mentions:
            if mention.type == "person":
                name = strip_title(mention.text)
                canonical = configured(mention) or _resolve_person(
                    name, full_by_article[article_id], corpus_full
                )
                if canonical == name and len(name.split()) == 1 and len(by_alias[name]) == 1:
                    canonical = next(iter(by_alias[name]))
                elif (canonical, "person") not in entities:
                    canonical = by_spelling.get(_spelling(canonical), canonical)
            else:
                canonical = _canonical_non_person(mention)
            key = (canonical, mention.type)
            entity = entities.get(key)
            if entity is None:
                entity = entities[key] = Entity(canonical, mention.type, [canonical])
                copied.add(key)
            elif key not in copied:
                entity = entities[key] = Entity(
                    entity.name,
                    entity.type,
                    list(entity.aliases),
                    entity.role,
                    entity.side,
                    dict(entity.mentions),
                )
                copied.add(key)
            written = mention.text.replace("’", "'")
            forms = {written, strip_title(written)} if mention.type == "person" else {written}
            entity.aliases = sorted(set(entity.aliases) | forms)
            entity.mentions[article_id] = entity.mentions.get(article_id, 0) + 1
            entity.role = entity.role or mention.role
            entity.side = entity.side or mention.side
    return sorted(entities.values(), key=extended_catalog_order)
