"""The opener of a wire story: "WASHINGTON, April 17, 2024 (Reuters) - ...", "(Bloomberg) --".

This module owns reading the dateline: a leading place name, an optional date and an optional
agency tag in parentheses, ended by " - ", " -- ", " – " or " — ". It reports the place (seed
001: "Washington DC"), the agency tag as written, the date text, and where the body starts, so
the opener can be kept apart from the first body paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from index.corpus.dates import FULL_DATE_PATTERN, MONTH_NAME_PATTERN, date_from_match

# Up to five capitalised words, commas allowed between them: "Washington DC", "KUALA LUMPUR",
# "WASHINGTON, D.C.", "Kyiv, Ukraine".
_PLACE = r"[A-Z][\w.'’-]*(?:,?[ ][A-Z][\w.'’-]*){0,4}"
_OPENER = re.compile(
    r"(?P<place>" + _PLACE + r")?"
    r"(?:,?[ ](?:" + FULL_DATE_PATTERN + r"|" + MONTH_NAME_PATTERN + r"[ ]\d{1,2}))?"
    r"[ ]*(?:\((?P<agency>[A-Za-z][A-Za-z .&-]{0,38})\))?"
    r"[ ]*(?P<separator>--|[-–—])[ ]+"
)
# "SINGAPORE: A man ...": an all-capitals place and a colon, as Asian wires write it. Only
# capitals, so "Update: ..." or "Note: ..." are not read as places.
_CAPS_COLON_OPENER = re.compile(r"(?P<place>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}):[ ]+(?=\S)")
# Words that open a label, not a place: "Analysis - China's ...", AP's "FILE - In this photo",
# "MONDAY, Jan. 25, 2016 (HealthDay News) --".
_NOT_PLACES = frozenset(
    {
        "analysis", "exclusive", "update", "updated", "breaking", "opinion", "factbox",
        "explainer", "watch", "video", "live", "by", "editorial", "comment", "review",
        "photos", "the", "a", "an", "in", "on", "at", "this", "it", "file", "monday",
        "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "note", "warning",
        "correction", "editor's", "updates", "photo", "read", "related", "source",
    }
)  # fmt: skip
_MAX_PLACE = 40
# A place alone before " - " is a dateline only when a sentence follows, not a short heading.
_MIN_BODY_AFTER_PLACE = 40


@dataclass(frozen=True)
class Opener:
    """The dateline parts at the start of a paragraph; `end` is where the body text starts."""

    text: str
    place: str | None
    agency: str | None
    published: date | None
    end: int


def read_opener(paragraph: str) -> Opener | None:
    """The dateline opener of `paragraph`, or None when it does not start with one."""
    match = _OPENER.match(paragraph)
    if match is None or match.end() >= len(paragraph):
        return _read_caps_colon_opener(paragraph)
    place = match.group("place")
    published = date_from_match(match)
    agency = match.group("agency")
    if place is not None:
        first_word = place.split(" ", 1)[0].rstrip(",").lower()
        if first_word in _NOT_PLACES or len(place) > _MAX_PLACE:
            if agency is None:
                return None
            place = None
    if place is None and agency is None:
        return None
    if (
        agency is None
        and published is None
        and len(paragraph) - match.end() < _MIN_BODY_AFTER_PLACE
    ):
        return None  # "US - China talks resume" is a heading, not a dateline
    return Opener(
        text=paragraph[: match.end()].strip(),
        place=tidy_place(place) if place else None,
        agency=agency.strip() if agency else None,
        published=published,
        end=match.end(),
    )


def _read_caps_colon_opener(paragraph: str) -> Opener | None:
    match = _CAPS_COLON_OPENER.match(paragraph)
    if match is None or len(paragraph) - match.end() < _MIN_BODY_AFTER_PLACE:
        return None
    place = match.group("place")
    if len(place.replace(".", "")) < 3 or place.split(" ", 1)[0].lower() in _NOT_PLACES:
        return None  # "US: ..." or "UPDATE: ..." are labels more often than datelines
    return Opener(
        text=paragraph[: match.end()].strip(),
        place=tidy_place(place),
        agency=None,
        published=None,
        end=match.end(),
    )


def tidy_place(place: str) -> str:
    """ "KUALA LUMPUR" -> "Kuala Lumpur"; short all-caps words ("DC", "D.C.") stay as written."""
    words = []
    for word in place.rstrip(",").split(" "):
        letters = word.replace(".", "").replace(",", "")
        if letters.isupper() and len(letters) > 2:
            word = word.capitalize()
        words.append(word)
    return " ".join(words)
