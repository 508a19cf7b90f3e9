"""Time expressions in one sentence, resolved against the date the article speaks from.

News rarely prints full dates: "on Tuesday", "Jan. 8-9", "last month", "in December",
"this month", "last November", "in August 2022". `find_time_expressions` finds them and
says how precise each is; `resolve` turns one into a date (or a date range) given the
article's reference date. Expressions after "since" name a reference point ("the first talks
since November 2022"), not the time of the event, and are flagged so callers can skip them.

`infer_year_from_weekday` handles articles that have no date at all: when the text pins a day
and month ("Jan. 8-9") and names a weekday for the same event ("announced on Tuesday"), the
year is the most recent one, not after the corpus's latest date, in which one of those days
falls on that weekday (Jan. 9 was a Tuesday in 2024, and before that in 2018).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from index.calendar_words import MONTH_NAMES, MONTH_NUMBERS, WEEKDAY_NUMBERS

Precision = Literal["day", "month", "year"]

MONTHS = MONTH_NUMBERS
WEEKDAYS = WEEKDAY_NUMBERS

_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # "Jan. 8-9", "January 8 to 9", "April 17, 2024", "Jan. 8"
    (
        "day_month",
        re.compile(
            _MONTH
            + r"\s+(?P<day>\d{1,2})(?:\s*(?:-|–|to|and)\s*(?P<day2>\d{1,2}))?(?:st|nd|rd|th)?"
            r"(?:,?\s+(?P<year>(?:19|20)\d{2}))?\b"
        ),
    ),
    # "8 January 2024", "8-9 January"
    (
        "month_day",
        re.compile(
            r"\b(?P<day>\d{1,2})(?:\s*(?:-|–)\s*(?P<day2>\d{1,2}))?\s+"
            + _MONTH
            + r"(?:\s+(?P<year>(?:19|20)\d{2}))?\b"
        ),
    ),
    (
        "last_month",
        re.compile(r"\b(?P<which>last|this|next|earlier this|later this)\s+month\b", re.I),
    ),
    ("last_week", re.compile(r"\b(?P<which>last|this|earlier this|later this)\s+week\b", re.I)),
    ("yesterday", re.compile(r"\b(?P<which>yesterday|today)\b", re.I)),
    ("weekday", re.compile(r"\b(?:(?P<which>last|this|next)\s+)?" + _WEEKDAY + r"(?:'s|’s)?\b")),
    # "last November", "in December", "a November meeting", "November 2022"
    (
        "month",
        re.compile(
            r"\b(?P<which>[Ll]ast|[Tt]his|[Nn]ext|[Ii]n|[Ee]arly|[Ll]ate|[Mm]id-?)?\s*(?:\b[Aa]n?\s+)?"
            + _MONTH
            + r"(?:\s+(?P<year>(?:19|20)\d{2}))?\b"
        ),
    ),
    ("year", re.compile(r"\b(?:in|since|of)\s+(?P<year>(?:19|20)\d{2})\b")),
]


@dataclass(frozen=True)
class TimeExpression:
    """One time expression as written: its kind, its parts, and where it sits in the sentence."""

    kind: str
    text: str
    start: int
    end: int
    which: str | None = None
    month: int | None = None
    day: int | None = None
    day2: int | None = None
    year: int | None = None
    weekday: int | None = None
    reference_point: bool = False  # "since November 2022": a yardstick, not the event's time

    @property
    def precision(self) -> Precision:
        if self.kind in ("day_month", "month_day", "weekday", "yesterday", "last_week"):
            return "day"
        if self.kind == "year":
            return "year"
        return "month"


def find_time_expressions(sentence: str) -> list[TimeExpression]:
    """Every time expression in the sentence, left to right, overlaps resolved first-come."""
    found: list[TimeExpression] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(sentence):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            groups = m.groupdict()
            month_word = groups.get("month")
            if month_word and month_word.lower().rstrip(".") == "may" and kind == "month":
                # "may" is a verb far more often than a month when no day or year follows.
                if not groups.get("year") and (groups.get("which") or "").strip().lower() not in (
                    "in",
                    "last",
                    "this",
                    "next",
                ):
                    continue
            if kind == "month" and month_word and not month_word[0].isupper():
                continue
            if (
                kind == "month"
                and month_word
                and len(month_word.rstrip(".")) <= 4
                and not groups.get("year")
                and not month_word.endswith(".")
            ):
                # "Dong Jun": a bare abbreviation is a name far more often than a month.
                if month_word.lower() not in ("may", "june", "july"):
                    continue
            before = sentence[max(0, m.start() - 12) : m.start()].lower()
            expression = TimeExpression(
                kind=kind,
                text=m.group(0).strip(),
                start=m.start(),
                end=m.end(),
                which=(groups.get("which") or "").strip().lower() or None,
                month=MONTHS[month_word.lower().rstrip(".")] if month_word else None,
                day=int(groups["day"]) if groups.get("day") else None,
                day2=int(groups["day2"]) if groups.get("day2") else None,
                year=int(groups["year"]) if groups.get("year") else None,
                weekday=WEEKDAYS[groups["weekday"].lower()] if groups.get("weekday") else None,
                reference_point=bool(re.search(r"\bsince\s*(?:\w+\s+)?$", before))
                or m.group(0).lower().startswith("since"),
            )
            found.append(expression)
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda e: e.start)


@dataclass(frozen=True)
class ResolvedDate:
    start: date
    end: date | None
    precision: Precision


def _month_back(ref: date, months: int) -> date:
    index = ref.year * 12 + ref.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def _year_for_month(month: int, ref: date, strictly_before: bool) -> int:
    """The year of the most recent `month` on or before the reference month."""
    if month < ref.month or (month == ref.month and not strictly_before):
        return ref.year
    return ref.year - 1


def resolve(expr: TimeExpression, ref: date | None) -> ResolvedDate | None:
    """The date an expression names, read from `ref` (the article's date); None if unknowable."""
    if expr.kind in ("day_month", "month_day"):
        year = expr.year
        if year is None:
            if ref is None:
                return None
            year = ref.year if (expr.month, expr.day) <= (ref.month, ref.day) else ref.year - 1
        try:
            start = date(year, expr.month, expr.day)
            end = date(year, expr.month, expr.day2) if expr.day2 else None
        except ValueError:
            return None
        return ResolvedDate(start, end, "day")
    if ref is None:
        if expr.kind == "month" and expr.year:
            return ResolvedDate(date(expr.year, expr.month, 1), None, "month")
        if expr.kind == "year":
            return ResolvedDate(date(expr.year, 1, 1), None, "year")
        return None
    if expr.kind == "weekday":
        back = (ref.weekday() - expr.weekday) % 7
        if expr.which == "last" and back == 0:
            back = 7
        if expr.which == "next":
            return ResolvedDate(
                ref + timedelta(days=(expr.weekday - ref.weekday()) % 7 or 7), None, "day"
            )
        return ResolvedDate(ref - timedelta(days=back), None, "day")
    if expr.kind == "yesterday":
        return ResolvedDate(
            ref - timedelta(days=1 if expr.which == "yesterday" else 0), None, "day"
        )
    if expr.kind == "last_week":
        # Only the week is known; keep its Monday at day precision's coarser cousin, month.
        monday = ref - timedelta(days=ref.weekday() + (7 if expr.which == "last" else 0))
        return ResolvedDate(monday, None, "month")
    if expr.kind == "last_month":
        offset = {"last": 1, "next": -1}.get(expr.which or "", 0)
        return ResolvedDate(_month_back(ref, offset), None, "month")
    if expr.kind == "month":
        if expr.year:
            return ResolvedDate(date(expr.year, expr.month, 1), None, "month")
        if expr.which == "next":
            year = ref.year if expr.month > ref.month else ref.year + 1
        else:
            year = _year_for_month(expr.month, ref, strictly_before=expr.which == "last")
        return ResolvedDate(date(year, expr.month, 1), None, "month")
    if expr.kind == "year":
        return ResolvedDate(date(expr.year, 1, 1), None, "year")
    return None


def infer_year_from_weekday(month: int, days: list[int], weekday: int, latest: date) -> int | None:
    """Most recent year <= latest.year where one of month/days falls on `weekday`."""
    for year in range(latest.year, latest.year - 12, -1):
        for day in sorted(days, reverse=True):
            try:
                candidate = date(year, month, day)
            except ValueError:
                continue
            if candidate <= latest and candidate.weekday() == weekday:
                return year
    return None


def format_day(d: date) -> str:
    """ "16 April 2024": the house style for dates in briefs."""
    return f"{d.day} {MONTH_NAMES[d.month]} {d.year}"


def format_month(d: date) -> str:
    return f"{MONTH_NAMES[d.month]} {d.year}"


def infer_reference_date(
    sentences: list[str], latest: date, prefer: list[TimeExpression] | None = None
) -> date | None:
    """An undated article's own date, from a day-month ("Jan. 8-9") and a weekday that must agree.

    The weekday ("announced on Tuesday") is taken to fall on one of the stated days; the year
    is the most recent, not after `latest`, that makes it so. `prefer` puts the day-month of the
    article's main event first.
    """
    expressions = [t for s in sentences for t in find_time_expressions(s) if not t.reference_point]
    day_months = [t for t in expressions if t.kind in ("day_month", "month_day") and t.year is None]
    weekdays = [t for t in expressions if t.kind == "weekday"]
    if prefer:
        wanted = {(t.month, t.day, t.day2) for t in prefer}
        day_months.sort(key=lambda t: (t.month, t.day, t.day2) not in wanted)
    if not day_months or not weekdays:
        return None
    expr = day_months[0]
    days = [expr.day] + ([expr.day2] if expr.day2 else [])
    year = infer_year_from_weekday(expr.month, days, weekdays[0].weekday, latest)
    if year is None:
        return None
    for day in sorted(days, reverse=True):
        candidate = date(year, expr.month, day)
        if candidate.weekday() == weekdays[0].weekday:
            return candidate
    return None
