"""Which side (country or bloc) a phrase speaks for: "Chinese", "Beijing's", "the Pentagon" -> a
side.

Engagements are contacts between two sides, and the entity extractor does not always know a
person's side. This module owns the small lexicon of side cues (demonyms, capitals, a few
institutions that stand for their state) and the rules that keep place names such as "South
China Sea" or portfolios such as "secretary of defense for China" from counting as a cue.
"""

from __future__ import annotations

import re
from collections import Counter

SIDE_CUES: dict[str, list[str]] = {
    "US": [
        "United States",
        "U.S.",
        "US",
        "USA",
        "American",
        "America",
        "Washington",
        "Pentagon",
        "White House",
        "State Department",
        "INDOPACOM",
    ],
    "China": [
        "China",
        "Chinese",
        "Beijing",
        "PRC",
        "PLA",
        "People's Liberation Army",
        "People’s Liberation Army",
    ],
    "Russia": ["Russia", "Russian", "Moscow", "Kremlin"],
    "Japan": ["Japan", "Japanese", "Tokyo"],
    "Philippines": ["Philippines", "Philippine", "Filipino", "Manila"],
    "Taiwan": ["Taiwanese", "Taipei"],
    "India": ["India", "Indian", "New Delhi"],
    "UK": ["United Kingdom", "UK", "U.K.", "British", "Britain", "London"],
    "France": ["France", "French", "Paris"],
    "Germany": ["Germany", "German", "Berlin"],
    "Ukraine": ["Ukraine", "Ukrainian", "Kyiv"],
    "North Korea": ["North Korea", "North Korean", "Pyongyang", "DPRK"],
    "South Korea": ["South Korea", "South Korean", "Seoul"],
    "Australia": ["Australia", "Australian", "Canberra"],
    "Vietnam": ["Vietnam", "Vietnamese", "Hanoi"],
    "Iran": ["Iran", "Iranian", "Tehran"],
    "Israel": ["Israel", "Israeli"],
    "EU": ["European Union", "EU", "Brussels"],
}

DEMONYMS = {
    "US": "US",
    "China": "Chinese",
    "Russia": "Russian",
    "Japan": "Japanese",
    "Philippines": "Philippine",
    "Taiwan": "Taiwanese",
    "India": "Indian",
    "UK": "British",
    "France": "French",
    "Germany": "German",
    "Ukraine": "Ukrainian",
    "North Korea": "North Korean",
    "South Korea": "South Korean",
    "Australia": "Australian",
    "Vietnam": "Vietnamese",
    "Iran": "Iranian",
    "Israel": "Israeli",
    "EU": "EU",
}

# Names that contain a side word without speaking for that side.
_NOT_A_SIDE = re.compile(
    r"South China Sea|East China Sea|Korean Peninsula"
    r"|Taiwan Strait|Taiwan Relations Act|Indo-Pacific|Asia-Pacific"
    r"|Washington DC -"
)

_CUE_PATTERN = re.compile(
    r"(?<![\w])("
    + "|".join(
        re.escape(cue)
        for cue in sorted({c for cues in SIDE_CUES.values() for c in cues}, key=len, reverse=True)
    )
    + r")(?:'s|’s)?(?![\w])"
)
_CUE_TO_SIDE = {cue: side for side, cues in SIDE_CUES.items() for cue in cues}
# A portfolio, not a nationality: "secretary of defense for China", "envoy to Russia".
_PORTFOLIO = re.compile(r"\b(?:for|to|on|against|over|into|toward|towards)\s+$", re.I)


def side_cues(text: str, skip_portfolios: bool = True) -> list[str]:
    """Sides named in the text, in order, one entry per cue."""
    sides: list[str] = []
    masked = _NOT_A_SIDE.sub(lambda m: " " * len(m.group(0)), text)
    for match in _CUE_PATTERN.finditer(masked):
        if skip_portfolios and _PORTFOLIO.search(
            masked[max(0, match.start() - 12) : match.start()]
        ):
            continue
        sides.append(_CUE_TO_SIDE[match.group(1)])
    return sides


def main_side(text: str) -> str | None:
    counts = Counter(side_cues(text))
    return counts.most_common(1)[0][0] if counts else None


def demonym(side: str | None) -> str:
    return DEMONYMS.get(side or "", side or "")
