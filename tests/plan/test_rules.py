"""The day's rules (scout.plan.rules), in trip minutes (minutes after 00:00 UTC of the trip's first day).

Monday 23 September 2024: Tijuana keeps US daylight time (UTC-7), Guadalajara none (UTC-6), so the same
clock time is an hour earlier in trip minutes in Guadalajara. The small trip's schedule runs 07:30-20:00;
lunch (an hour) starts 13:00-14:30, the default window 13:00-15:30 less its length.
"""

from __future__ import annotations

from dataclasses import replace

from scout.plan.rules import day_between, day_span, lunch_in_the_air, lunch_optional, lunch_starts, lunch_window
from tests.plan.trips import small_problem

TIJUANA, GUADALAJARA = "tijuana-centro", "guadalajara-centro"
DAY = 1440


def test_a_day_spans_the_schedule_in_local_time() -> None:
    problem = small_problem(days=3, states={"count": 2})
    assert day_span(problem, 0, TIJUANA) == (14 * 60 + 30, DAY + 3 * 60)  # 07:30 and 20:00 at UTC-7
    assert day_span(problem, 0, GUADALAJARA) == (13 * 60 + 30, DAY + 2 * 60)  # at UTC-6
    assert day_span(problem, 2, TIJUANA) == (2 * DAY + 14 * 60 + 30, 3 * DAY + 3 * 60)
    # A day from Tijuana to Guadalajara starts at the first's 07:30 and ends at the second's 20:00.
    assert day_between(problem, 0, TIJUANA, GUADALAJARA) == (14 * 60 + 30, DAY + 2 * 60)


def test_a_day_across_a_zone_line_lunches_in_the_lunch_hours_of_both_zones() -> None:
    problem = small_problem(days=3, states={"count": 2})
    assert lunch_starts(problem, 0, TIJUANA) == (20 * 60, 21 * 60 + 30)  # 13:00-14:30 at UTC-7
    assert lunch_starts(problem, 0, GUADALAJARA) == (19 * 60, 20 * 60 + 30)  # 13:00-14:30 at UTC-6
    # Either way across the line: lunch starts 13:00-13:30 in Tijuana, 14:00-14:30 in Guadalajara, so it is
    # in the lunch hours wherever it is had (a day that took Guadalajara's window could lunch at noon in
    # Tijuana, or lose lunch).
    assert lunch_window(problem, 0, TIJUANA, GUADALAJARA) == (20 * 60, 20 * 60 + 30)
    assert lunch_window(problem, 0, GUADALAJARA, TIJUANA) == (20 * 60, 20 * 60 + 30)
    assert lunch_window(problem, 0, TIJUANA, TIJUANA) == lunch_starts(problem, 0, TIJUANA)
    # When the two windows do not meet (a short window), the day may lunch in either.
    short = small_problem(days=3, states={"count": 2}, schedule={"lunch": "13:00-14:00", "lunch_length": "45m"})
    assert lunch_window(short, 0, TIJUANA, GUADALAJARA) == (19 * 60, 20 * 60 + 15)


def test_lunch_is_had_in_the_air_only_when_the_flight_leaves_no_time_on_the_ground() -> None:
    # Tijuana to Guadalajara: 22 minutes to the airport (its buffer of 15 included), 311 in the air and on the
    # ground at both ends, 38 into the city: 371 minutes. Leaving at 07:00 (14:00 UTC) it arrives at 14:11 in
    # Guadalajara, in time to start lunch by 14:30 there.
    early = small_problem(days=3, states={"count": 2}, schedule={"start": "07:00", "end": "20:00"})
    assert early.journey(TIJUANA, GUADALAJARA).minutes == 371
    assert not lunch_in_the_air(early, 0, TIJUANA, GUADALAJARA)
    assert not lunch_optional(early, 0, TIJUANA, GUADALAJARA)
    # From 09:00 it arrives at 16:11, too late; lunch at 13:00 in Tijuana first would land at 22:11 (20:00 is
    # the end): lunch is had on the way.
    late = small_problem(days=3, states={"count": 2}, schedule={"start": "09:00", "end": "20:00"})
    assert lunch_in_the_air(late, 0, TIJUANA, GUADALAJARA)
    assert lunch_optional(late, 0, TIJUANA, GUADALAJARA)
    # A day that does not fly always stops for lunch.
    assert not lunch_in_the_air(late, 0, TIJUANA, TIJUANA)
    assert not lunch_in_the_air(late, 0, "lax", TIJUANA)  # driven, across the border


def test_a_day_without_lunch_may_skip_it() -> None:
    # Trip files always ask for lunch; the model allows none (a schedule with no lunch length).
    problem = small_problem()
    trip = replace(problem.trip, schedule=replace(problem.trip.schedule, lunch_length=0))
    problem = replace(problem, trip=trip)
    assert lunch_optional(problem, 0, "lax", TIJUANA)
    assert lunch_optional(problem, 1, TIJUANA, "lax")
