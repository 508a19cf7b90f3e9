"""English month and weekday words, the one table that loaders, date resolution and the
entity extractor share. Written out rather than taken from `calendar`, whose names follow
the process locale."""

from __future__ import annotations

MONTH_NAMES = [
    "",
    *(
        "January February March April May June July August September October November December"
    ).split(),
]
WEEKDAY_NAMES = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()

# Lower-case word or abbreviation (no dot) -> month number, weekday number (Monday 0).
MONTH_NUMBERS = {
    **{name.lower(): number for number, name in enumerate(MONTH_NAMES) if name},
    **{name[:3].lower(): number for number, name in enumerate(MONTH_NAMES) if name},
    "sept": 9,
}
WEEKDAY_NUMBERS = {name.lower(): number for number, name in enumerate(WEEKDAY_NAMES)}
