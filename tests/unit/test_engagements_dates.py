"""Relative dates read against the article's date, and the weekday rule for undated articles."""

from datetime import date

import pytest

from index.extract.dates import find_time_expressions, infer_year_from_weekday, resolve

WEDNESDAY = date(2024, 4, 17)


@pytest.mark.parametrize(
    ("sentence", "ref", "expected", "precision"),
    [
        ("Austin spoke with Dong on Tuesday.", WEDNESDAY, date(2024, 4, 16), "day"),
        ("They spoke on Wednesday.", WEDNESDAY, date(2024, 4, 17), "day"),
        ("Sullivan visited Beijing last month.", date(2024, 9, 10), date(2024, 8, 1), "month"),
        ("In December, Brown spoke with Liu.", WEDNESDAY, date(2023, 12, 1), "month"),
        ("This month, officers met in Honolulu.", WEDNESDAY, date(2024, 4, 1), "month"),
        ("Last November, Biden and Xi met.", date(2024, 1, 9), date(2023, 11, 1), "month"),
        ("They met in August 2022.", WEDNESDAY, date(2022, 8, 1), "month"),
    ],
)
def test_relative_dates(sentence, ref, expected, precision):
    (expr,) = find_time_expressions(sentence)
    resolved = resolve(expr, ref)
    assert (resolved.start, resolved.precision) == (expected, precision)


def test_day_range_takes_year_of_article():
    (expr,) = find_time_expressions(
        "The meeting which was held between Jan. 8-9 was the 17th round."
    )
    resolved = resolve(expr, date(2024, 1, 10))
    assert (resolved.start, resolved.end) == (date(2024, 1, 8), date(2024, 1, 9))


def test_since_marks_a_reference_point_not_the_event():
    exprs = find_time_expressions(
        "the first since Dong was appointed, and the first since November 2022"
    )
    assert [e.reference_point for e in exprs] == [True]


def test_names_are_not_months():
    assert find_time_expressions("Dong Jun told Austin") == []


def test_weekday_rule_picks_most_recent_consistent_year():
    assert infer_year_from_weekday(1, [8, 9], 1, date(2024, 9, 10)) == 2024  # Jan 9 2024: Tuesday
    assert infer_year_from_weekday(1, [8, 9], 1, date(2023, 12, 31)) == 2019  # Jan 8 2019: Tuesday
