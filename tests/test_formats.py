"""Minutes, durations and dates as people read them (scout.formats): the same text on every machine."""

from __future__ import annotations

from datetime import date

import pytest

from scout.formats import (
    clock_text,
    days_text,
    did_you_mean,
    duration_text,
    long_date,
    long_date_range,
    one_of,
    short_date,
    short_date_range,
)


def test_clock_times_have_two_digits_each() -> None:
    assert [clock_text(m) for m in (0, 7 * 60 + 5, 13 * 60 + 30, 23 * 60 + 59)] == ["00:00", "07:05", "13:30", "23:59"]


@pytest.mark.parametrize(
    ("minutes", "text"),
    [(0, "0 h"), (45, "0 h 45 min"), (480, "8 h"), (482, "8 h 02 min"), (481.2, "8 h 02 min"),
     (480.0000000001, "8 h"), (590, "9 h 50 min")],
)  # fmt: skip
def test_durations_round_up_to_the_minute(minutes: float, text: str) -> None:
    # Up, so that "at least 8 h 02 min of travel" is never less than what was measured (a hair past is noise).
    assert duration_text(minutes) == text


def test_dates_are_english_and_not_zero_padded() -> None:
    monday = date(2024, 9, 2)
    assert short_date(monday) == "Mon 2 Sep"
    assert short_date(monday, year=True) == "Mon 2 Sep 2024"
    assert long_date(monday) == "Monday 2 September 2024"


def test_date_ranges_name_months_and_years_only_where_they_differ() -> None:
    assert long_date_range(date(2024, 9, 23), date(2024, 9, 28)) == "Monday 23 – Saturday 28 September 2024"
    assert long_date_range(date(2024, 9, 30), date(2024, 10, 2)) == "Monday 30 September – Wednesday 2 October 2024"
    assert long_date_range(date(2024, 12, 31), date(2025, 1, 1)) == (
        "Tuesday 31 December 2024 – Wednesday 1 January 2025"
    )
    assert long_date_range(date(2024, 9, 23), date(2024, 9, 23)) == "Monday 23 September 2024"
    assert short_date_range(date(2024, 9, 23), date(2024, 9, 28)) == "Mon 23 Sep – Sat 28 Sep 2024"
    assert short_date_range(date(2024, 12, 31), date(2025, 1, 1)) == "Tue 31 Dec 2024 – Wed 1 Jan 2025"
    assert short_date_range(date(2024, 9, 23), date(2024, 9, 23)) == "Mon 23 Sep 2024"


def test_some_days_of_a_trip_are_named_by_the_first_and_last() -> None:
    assert days_text([]) == "no day"
    assert days_text([date(2024, 9, 24)]) == "Tue 24 Sep"
    assert days_text([date(2024, 9, 24), date(2024, 9, 25), date(2024, 9, 27)]) == "Tue 24 – Fri 27 Sep"
    assert days_text([date(2024, 9, 30), date(2024, 10, 1)]) == "Mon 30 Sep – Tue 1 Oct"


def test_a_misspelt_word_gets_the_closest_option() -> None:
    assert did_you_mean("dessert", ["desert", "beach"]) == "did you mean 'desert'?"
    assert did_you_mean("Colonial_Town", ["colonial-town"]) == "did you mean 'colonial-town'?"
    assert did_you_mean("xyz", ["desert", "beach"]) is None
    assert did_you_mean(3, ["desert"]) is None
    assert one_of(["a", "b"]) == "one of a, b"
    assert one_of([str(n) for n in range(14)], limit=3) == "one of 0, 1, 2, … (14 in all)"
