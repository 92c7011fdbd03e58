"""The optimiser's day routes made into timed items (scout.plan.itinerary.schedule): local times in the zone
where each thing happens, lunch where the routing core put it, or in the air when the flight leaves no time."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from scout.model import TravelMode
from scout.plan.solve import plan_trip
from tests.plan.trips import small_problem


def test_flight_between_zones_keeps_true_local_times(planned_doc: dict[str, Any]) -> None:
    days = planned_doc["days"]
    flights = [i for day in days for i in day["items"] if i["type"] == "travel" and i["mode"] == "flight"]
    assert flights
    home = flights[-1]
    assert home["to"]["place"] == "lax"
    assert home["end"].endswith("-07:00")  # Los Angeles is on PDT in late September
    assert not home["start"].endswith("-07:00")  # it leaves from a Mexican airport on UTC-6


def test_a_flight_that_leaves_no_time_to_lunch_on_the_ground_is_lunch() -> None:
    # Baja California, then Jalisco: the day from Tijuana to Guadalajara starts at 09:00 and flies 371
    # minutes (tests/plan/test_rules.py), too late for lunch on arrival and too long to lunch first.
    # The airports' times are a domestic flight's on every flight, as when this trip was first written.
    airports = {"airport_before_international": "1h30m", "airport_after_international": "45m"}
    problem = small_problem(days=3, states={"count": 2}, schedule={"start": "09:00", "end": "20:00"},
                            travel=airports)  # fmt: skip
    itinerary = plan_trip(problem).itinerary
    crossing = next(day for day in itinerary.days if any(i.mode is TravelMode.FLIGHT for i in day.items))
    flight = next(i for i in crossing.items if i.mode is TravelMode.FLIGHT)
    assert flight.label == "lunch at the airport or on board"
    assert not any(i.break_kind == "lunch" for i in crossing.items)
    assert any("on board" in note for note in crossing.notes)  # the day says so, for the delegation
    # The other days stop for an hour's lunch, starting 13:00-14:30 where it is had.
    for day in itinerary.days:
        if day is crossing:
            continue
        (lunch,) = [i for i in day.items if i.break_kind == "lunch"]
        assert lunch.end - lunch.start == timedelta(hours=1)
        assert (13, 0) <= (lunch.start.hour, lunch.start.minute) <= (14, 30), lunch
