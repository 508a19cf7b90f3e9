"""Publication dates: from metadata values, or from a clear full date written near the start.

This module owns what counts as a publication date. Metadata (`2024-04-17`, an ISO timestamp,
"Wed, 17 Apr 2024 10:00:00 GMT", a YAML date) is parsed with python-dateutil, but only when it
names a full day: a year or a month alone gives None. In article text only a complete written
date ("April 17, 2024", "17 April 2024", "2024-04-17") counts; weekdays and "Jan. 8-9" do not.
The file's modification time is never used: it says when a file was copied, not published.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from index.calendar_words import MONTH_NUMBERS

_EARLIEST_YEAR = 1900
_LATEST_YEAR = 2100

MONTHS = MONTH_NUMBERS
MONTH_NAME_PATTERN = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# A full date written out: "April 17, 2024", "Apr. 17 2024", "17 April 2024", "2024-04-17".
FULL_DATE_PATTERN = (
    r"(?:(?P<m1>" + MONTH_NAME_PATTERN + r")\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{4})"
    r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m2>" + MONTH_NAME_PATTERN + r"),?\s+(?P<y2>\d{4})"
    r"|(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2}))"
)
_FULL_DATE = re.compile(r"(?<![\w-])" + FULL_DATE_PATTERN + r"(?![\w-])")
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")

# Two far-apart defaults: a component dateutil filled in from the default differs between them.
_DEFAULT_A = datetime(2001, 1, 1)
_DEFAULT_B = datetime(2002, 2, 2)


def date_from_metadata(value: object) -> date | None:
    """The day a metadata value names, or None when it names no full, plausible day."""
    if isinstance(value, datetime):
        return _plausible(value.date())
    if isinstance(value, date):
        return _plausible(value)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 100:
        return None
    iso = _ISO_DAY.match(text)
    if iso:
        return _make_date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    written = _FULL_DATE.search(text)
    if written:
        return date_from_match(written)
    return _parse_with_dateutil(text)


def find_full_date(text: str) -> date | None:
    """The first complete written date in `text`, or None."""
    match = _FULL_DATE.search(text)
    return date_from_match(match) if match else None


def date_from_match(match: re.Match[str]) -> date | None:
    """The day named by a match of FULL_DATE_PATTERN (its named groups)."""
    groups = match.groupdict()
    if groups.get("y3"):
        return _make_date(int(groups["y3"]), int(groups["m3"]), int(groups["d3"]))
    month_name = groups.get("m1") or groups.get("m2") or ""
    day = groups.get("d1") or groups.get("d2")
    year = groups.get("y1") or groups.get("y2")
    month = MONTHS.get(month_name.rstrip(".").lower()[:4]) or MONTHS.get(month_name.lower()[:3])
    if not (month and day and year):
        return None
    return _make_date(int(year), month, int(day))


def _parse_with_dateutil(text: str) -> date | None:
    # Deferred import: most metadata dates are ISO and never need the general parser.
    from dateutil import parser

    try:
        first = parser.parse(text, default=_DEFAULT_A)
        second = parser.parse(text, default=_DEFAULT_B)
    except (ValueError, OverflowError, TypeError, parser.ParserError):
        return None
    if first.date() != second.date():
        return None  # a year, a month or a day was missing
    return _plausible(first.date())


def _make_date(year: int, month: int, day: int) -> date | None:
    try:
        return _plausible(date(year, month, day))
    except ValueError:
        return None


def _plausible(day: date) -> date | None:
    return day if _EARLIEST_YEAR <= day.year <= _LATEST_YEAR else None
