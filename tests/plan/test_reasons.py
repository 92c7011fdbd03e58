"""Every sentence the planner says about a place it leaves out or a trip it refuses (scout.plan.reasons):
one phrasing wherever a reason comes from, with durations rounded up and dates as people read them."""

from __future__ import annotations

from datetime import date

from scout.model import DailySchedule
from scout.plan import reasons
from tests.plan.trips import small_problem

SCHEDULE = DailySchedule(start=7 * 60 + 30, end=20 * 60, max_travel=8 * 60)


def test_places_out_of_reach_say_how_far_and_against_what() -> None:
    assert reasons.beyond_travel_limit(481.5, 480) == (
        "out of reach in a day: at least 8 h 02 min of travel to go there and on, over the trip's limit of 8 h a day"
    )
    assert reasons.beyond_opening_hours(95, 120) == (
        "out of reach in a day: with at least 1 h 35 min of travel there and on, a 120-minute visit does not fit "
        "its opening hours inside any day's schedule"
    )


def test_places_left_out_of_the_chosen_states_say_why_in_words_a_person_can_act_on() -> None:
    days = [date(2024, 9, 24), date(2024, 9, 25), date(2024, 9, 27)]
    room = reasons.no_room("Ciudad de México", days, (10, 10), 1.25, "Hilton Mexico City Reforma", True)
    assert room.startswith("no room left in Ciudad de México on Tue 24 – Fri 27 Sep beside the meetings")
    assert room.endswith("(worth 10, about 1.2 h with the round trip from Hilton Mexico City Reforma); another day "
                         "there could fit it")  # fmt: skip
    # Only when a day at the base could hold it; and the worth is what it would add after the variety rule.
    tight = reasons.no_room("Durango", days[:1], (7, 14), 9.0, "Hotel Gobernador", False)
    assert "another day" not in tight
    assert "(worth 7 beside the places of its kind visited (14 alone), about 9.0 h" in tight
    assert reasons.not_worth_the_time((4, 4), 4.56, "Tijuana", 0.877, 2.3) == (
        "not worth the time: worth 4 for about 4.6 h with the round trip from Tijuana, 0.9 an hour; the least of "
        "those visited there gives 2.3"
    )
    assert reasons.not_worth_the_time((4, 4), 4.56, "Tijuana", 0.877, None).endswith("0.9 an hour")
    assert reasons.not_shortlisted(40, "Baja California", 6.5, 45) == (
        "not among the 40 most promising places of Baja California the days were built from (worth 6.5 for 45 "
        "minutes on site)"
    )
    assert reasons.closed_on_the_days("Jalisco", [date(2024, 9, 16)], ["a public holiday", "a public holiday"]) == (
        "closed on the days in Jalisco (Mon 16 Sep): a public holiday"
    )
    assert reasons.too_far("Durango", "Mexico City to Los Angeles", 502, 495) == (
        "too far for the days in Durango: going there on the way from Mexico City to Los Angeles takes 8 h 22 min "
        "of travel, over the trip's limit of 8 h 15 min a day"
    )


def test_places_the_trip_cannot_use_name_the_calendar_or_the_schedule() -> None:
    assert reasons.closed_every_day(["closed on Sundays", "a public holiday", "closed on Sundays"], 60) == (
        "closed on every day of the trip: a public holiday; closed on Sundays"
    )
    assert reasons.closed_every_day([], 90) == (
        "open too briefly on the trip's days for a 90-minute visit within the schedule"
    )


def test_required_places_and_refused_trips_name_the_place_and_the_day() -> None:
    commission = small_problem().catalogue.place("bc-film-commission")
    assert reasons.what(commission, None) == "must-visit place Baja California Film Commission"
    assert reasons.meeting_only_on(commission, date(2024, 9, 2)) == (
        "the meeting at Baja California Film Commission can only be held on Mon 2 Sep"
    )
    assert reasons.meeting_day_closed(commission, date(2024, 9, 16), "closed: a public holiday") == (
        "meeting at Baja California Film Commission on Mon 16 Sep 2024: Baja California Film Commission is "
        "closed: a public holiday"
    )
    assert reasons.no_arrangement_fits("Baja California + Jalisco", 4, SCHEDULE) == (
        "Baja California + Jalisco: none of 4 arrangements of the nights fits the days (07:30–20:00, at most 8 h "
        "of travel a day) with every meeting and must-visit"
    )
    assert reasons.no_state_set_fits(1, 2, "Los Angeles International", 2, SCHEDULE) == (
        "no set of 1–2 states fits the working days: from Los Angeles International, the travel into the states "
        "and back plus the meetings and must-visits do not fit 2 days of 07:30–20:00 less 60 minutes of lunch"
    )
