"""Nights in real hotels: a state's several bases, the planner's choice of each night's hotel, the nights a
trip fixes, and the errors a wrong hotel or base gives."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from scout.cli import app
from scout.errors import InputError
from scout.io.catalogue import parse_catalogue
from scout.io.trip import parse_trip
from scout.model import Kind
from scout.plan.bound.bounds import SetBounds
from scout.plan.days.arrangements import arrangements, hotel_choices
from scout.plan.params import PlanParams
from scout.plan.result import Planned
from tests.conftest import small_catalogue_data
from tests.itinerary_rules import check_itinerary_rules
from tests.plan.trips import runner
from tests.shipped import CATALOGUE, problem_of, shipped_catalogue

SAMALAYUCA = "medanos-de-samalayuca"
JUAREZ = "hotel-gamma-ciudad-juarez"


def chihuahua_trip(**changes: Any) -> dict[str, Any]:
    """Four days from Los Angeles in Chihuahua alone, the dunes of Samalayuca a must-visit: under an hour and a
    half from Ciudad Juárez, seven hours each way from Chihuahua city (the state's default base), with at most
    7 h of travel a day."""
    trip: dict[str, Any] = {
        "name": "Samalayuca",
        "start": "2024-10-14",
        "days": 4,
        "origin": "lax",
        "states": {"count": 1, "include": ["CHIH"]},
        "schedule": {"start": "07:30", "end": "20:00", "max_travel": "7h"},
        "must_visit": [SAMALAYUCA],
        "travel": {"assume_flights": True},
        "solver": {"time_limit": "4s", "seed": 1},
    }
    trip.update(changes)
    return trip


def plan_file(folder: Path, trip: dict[str, Any]) -> tuple[int, str, dict[str, Any] | None]:
    path = folder / "trip.yaml"
    path.write_text(yaml.safe_dump(trip, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = folder / "out"
    result = runner.invoke(app, ["plan", str(path), "--out", str(out), "--data", str(CATALOGUE)])
    target = out / "itinerary.json"
    return result.exit_code, result.output, json.loads(target.read_text("utf-8")) if target.exists() else None


def test_every_state_sleeps_in_hotels_of_its_own_with_an_address_and_a_source() -> None:
    catalogue = shipped_catalogue()
    for state in catalogue.states:
        if not state.is_mexican:
            continue
        assert state.bases, state.code
        for base in state.bases:
            place = catalogue.place(base)
            assert place.state == state.code and place.kind.is_base
            if place.kind is Kind.HOTEL:
                assert place.address and place.sources and place.location is not None, base
    # Chihuahua has three bases: its capital by default, then Creel and Ciudad Juárez.
    assert catalogue.state("CHIH").bases == ("hotel-el-doroteo-chihuahua", "hotel-lodge-at-creel", JUAREZ)


def test_a_must_visit_only_a_second_base_reaches_is_planned_from_it(tmp_path: Path) -> None:
    problem = problem_of(parse_trip(chihuahua_trip(), shipped_catalogue(), "trip.yaml"))
    assert SAMALAYUCA in problem.candidates  # within reach of a day from Ciudad Juárez
    options = list(arrangements(problem, ("CHIH",)))
    assert [a.hotels for a in options] == [("hotel-el-doroteo-chihuahua",) * 3]  # the default base first
    # From the capital the dunes are out of reach: no day can take them; the other hotels are offered.
    assert {JUAREZ} < {h for other in hotel_choices(problem, options[0]) for h in other.hotels}
    code, output, doc = plan_file(tmp_path, chihuahua_trip())
    assert code == 0, output
    assert doc is not None
    assert check_itinerary_rules(doc, shipped_catalogue()) == []
    nights = [day["night"]["place"] for day in doc["days"] if day["night"] is not None]
    visit_day = next(i for i, day in enumerate(doc["days"]) for item in day["items"] if item.get("place") == SAMALAYUCA)
    # The day of the dunes wakes or sleeps in Ciudad Juárez.
    ends = {nights[visit_day - 1] if visit_day > 0 else None, nights[visit_day] if visit_day < len(nights) else None}
    assert JUAREZ in ends, nights


def test_the_planner_moves_within_a_state_when_that_pays(planned_sample: Planned) -> None:
    # The sample's Baja California nights: Tijuana, then Ensenada for the wine valley and the port.
    best = planned_sample.plan.best
    assert best.arrangement.hotels[0] == "hotel-grand-tijuana"
    assert "hotel-coral-marina-ensenada" in best.arrangement.hotels
    nights = [day.night.place for day in planned_sample.itinerary.days if day.night is not None]
    assert nights == list(best.arrangement.hotels)
    # The bound's model has this very itinerary among its solutions, hotels and all.
    assert SetBounds(planned_sample.plan.problem, PlanParams()).admits(best)


def test_a_night_the_trip_fixes_is_spent_there(tmp_path: Path) -> None:
    # The second night at the Lodge at Creel: out from Chihuahua city and back (Creel is too far from the
    # airports to fly home from it within a day's 9 h of travel).
    trip = chihuahua_trip(nights=[{"date": "2024-10-15", "hotel": "hotel-lodge-at-creel"}], must_visit=[])
    trip["schedule"]["max_travel"] = "9h"
    code, output, doc = plan_file(tmp_path, trip)
    assert code == 0, output
    assert doc is not None
    nights = [day["night"] for day in doc["days"] if day["night"] is not None]
    assert nights[1]["place"] == "hotel-lodge-at-creel" and nights[1]["name"] == "The Lodge at Creel"
    assert nights[2]["place"] != "hotel-lodge-at-creel"
    assert check_itinerary_rules(doc, shipped_catalogue()) == []


def test_a_wrong_night_is_reported_at_its_line_with_every_other_problem(tmp_path: Path) -> None:
    trip = chihuahua_trip(
        nights=[
            {"date": "2024-10-17", "hotel": "hotel-lodge-at-creel"},  # the last day: no night follows in Mexico
            {"date": "2024-10-15", "hotel": "medanos-de-samalayuca"},  # dunes, not a hotel
            {"date": "2024-10-16", "hotel": "hotel-nowhere"},
        ]
    )
    code, output, doc = plan_file(tmp_path, trip)
    assert code == 2, output
    assert doc is None
    said = " ".join(output.split())
    assert "2024-10-17 is not a night of the trip" in said
    assert "is a dunes" in said and "a place of kind hotel or city" in said
    assert "unknown place 'hotel-nowhere'" in said
    assert "trip.yaml:" in said


def test_a_base_list_is_checked_entry_by_entry() -> None:
    data = small_catalogue_data()
    bc = next(s for s in data["states"] if s["code"] == "BC")
    bc["base"] = ["tijuana-centro", "rosarito", "guadalajara-centro", "tijuana-centro"]
    with pytest.raises(InputError) as raised:
        parse_catalogue(data)
    messages = " | ".join(p.what for p in raised.value.problems)
    assert "place 'rosarito' is a beach" in messages
    assert "place 'guadalajara-centro' is in state 'JAL'" in messages
    assert "a base is listed twice" in messages
