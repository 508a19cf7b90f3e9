"""Which outlet or agency an article comes from.

This module owns the table of known news sources and the rules that read a source out of an
article when its metadata names none: the tag of a wire opener ("(Bloomberg) --",
"WASHINGTON (Reuters) -", "(AP) —"; an unknown tag is taken as written), a closing
"Source: AA" line, or a copyright line naming a news agency ("©2024 Bloomberg L.P.",
"Copyright AFP/File ..."). Photo agencies (IMAGO, Getty) credit pictures, not articles, so
they never make a source: seed 001 has IMAGO credits and no source.
"""

from __future__ import annotations

import re

from index.model import Paragraph

# Spelling as found (casefolded) -> the name the app shows. Keep it small and certain.
KNOWN_SOURCES: dict[str, str] = {
    "bloomberg": "Bloomberg",
    "bloomberg news": "Bloomberg",
    "bloomberg l.p.": "Bloomberg",
    "reuters": "Reuters",
    "thomson reuters": "Reuters",
    "ap": "Associated Press",
    "the associated press": "Associated Press",
    "associated press": "Associated Press",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "aa": "Anadolu Agency",
    "anadolu": "Anadolu Agency",
    "anadolu agency": "Anadolu Agency",
    "anadolu ajansı": "Anadolu Agency",
    "xinhua": "Xinhua",
    "xinhua news agency": "Xinhua",
    "dpa": "dpa",
    "efe": "EFE",
    "kyodo": "Kyodo News",
    "kyodo news": "Kyodo News",
    "yonhap": "Yonhap",
    "upi": "UPI",
    "ani": "ANI",
    "pti": "PTI",
    "ians": "IANS",
    "tass": "TASS",
    "bernama": "Bernama",
    "cnn": "CNN",
    "bbc": "BBC",
}

_NAMES = "|".join(re.escape(name) for name in sorted(KNOWN_SOURCES, key=len, reverse=True))
# "Source: AA", "Source: Anadolu Agency."
_SOURCE_LINE = re.compile(r"(?i:source|kaynak)\s*:\s*(?P<name>" + _NAMES + r")\.?", re.IGNORECASE)
# "©2024 Bloomberg L.P.", "Copyright AFP/File Pedro Pardo", "(c) 2024 The Associated Press".
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}\s*)?(?P<name>" + _NAMES + r")(?![\w])",
    re.IGNORECASE,
)


def canonical_source(name: str | None) -> str | None:
    """A metadata source as shown: known spellings unified ("AA" -> "Anadolu Agency")."""
    if not name:
        return None
    name = " ".join(name.split())
    if not name:
        return None
    return KNOWN_SOURCES.get(name.casefold(), name)


def known_source(name: str | None) -> str | None:
    """The canonical name when `name` is in the table, else None (for text evidence)."""
    if not name:
        return None
    return KNOWN_SOURCES.get(" ".join(name.split()).casefold())


def source_from_text(opener_agency: str | None, paragraphs: list[Paragraph]) -> str | None:
    """The source the article's own text names, strongest evidence first, or None."""
    if opener_agency:
        # The tag of a wire opener names the source even when the table does not know it:
        # "WOODLAND HILLS (CBSLA.com) —", "(HealthDay News) --".
        return known_source(opener_agency) or " ".join(opener_agency.split())
    boilerplate = [p.text for p in paragraphs if p.boilerplate]
    for text in reversed(boilerplate):
        match = _SOURCE_LINE.fullmatch(text)
        if match:
            return known_source(match.group("name"))
    for text in boilerplate:
        match = _COPYRIGHT.match(text)
        if match:
            return known_source(match.group("name"))
    return None
