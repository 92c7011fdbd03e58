"""Flights from the officer's schedule: validated at file:line, flown only as listed and at their times, with
the airports' time as items of their own; estimated flights only when assumed, and warned about."""

from __future__ import annotations

import itertools
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from scout.cli import app
from scout.errors import InputError
from scout.geo.travel import TravelPlanner
from scout.io.flights import load_flights, parse_flights
from scout.io.trip import load_trip
from scout.io.yamlfile import parse_yaml
from scout.plan.problem import build_problem
from scout.plan.routing.core import solve_routing
from scout.plan.routing.problem import Effort, RoutingProblem, Stop, Tour
from tests.itinerary_rules import check_itinerary_rules
from tests.plan.trips import runner
from tests.shipped import CATALOGUE, SAMPLE, shipped_catalogue

# A schedule written for these tests (not facts): flights that let the sample trip fly Tijuana - Mexico City -
# Durango and home, at fixed times on fixed days.
SCHEDULE: dict[str, Any] = {
    "flights": [
        {"carrier": "Test Air", "number": "TA 100", "from": "TIJ", "to": "MEX", "days": "daily",
         "departs": "07:00", "arrives": "12:35", "checked": "2026-12-01", "source": ["t"]},
        {"carrier": "Test Air", "number": "TA 102", "from": "TIJ", "to": "MEX", "days": ["mon", "wed"],
         "departs": "11:00", "arrives": "16:35", "checked": "2026-12-01", "source": ["t"]},
        {"carrier": "Test Air", "number": "TA 200", "from": "MEX", "to": "DGO", "days": "daily",
         "departs": "18:00", "arrives": "19:50", "checked": "2026-12-01", "source": ["t"]},
        {"carrier": "Test Air", "from": "MEX", "to": "LAX", "days": "daily",
         "departs": "14:00", "arrives": "16:10", "checked": "2026-12-01", "source": ["t"]},
        {"carrier": "Test Air", "number": "TA 300", "from": "DGO", "to": "TIJ", "days": ["fri", "sat"],
         "departs": "15:00", "arrives": "16:00", "valid_to": "2024-09-27", "checked": "2026-12-01", "source": ["t"]},
    ],
    "sources": {"t": {"title": "A schedule written for the tests", "url": "https://example.org/schedule"}},
}  # fmt: skip


def write_schedule(folder: Path, schedule: dict[str, Any] = SCHEDULE) -> Path:
    path = folder / "flights.yaml"
    path.write_text(yaml.safe_dump(schedule, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def sample_without_assumed_flights(folder: Path) -> Path:
    text = SAMPLE.read_text(encoding="utf-8")
    assert "  assume_flights: true\n" in text
    path = folder / "trip.yaml"
    # A scheduled Tijuana - Mexico City day (5 h 35 in the air, the airports, the city) is over 9 h door to door.
    text = text.replace("  assume_flights: true\n", "  assume_flights: false\n").replace(
        "max_travel: 8h", "max_travel: 10h"
    )
    path.write_text(text, encoding="utf-8")
    return path


def plan(trip: Path, out: Path, *options: str) -> tuple[int, str, dict[str, Any] | None]:
    result = runner.invoke(app, ["plan", str(trip), "--out", str(out), "--data", str(CATALOGUE), *options])
    target = out / "itinerary.json"
    return result.exit_code, result.output, json.loads(target.read_text("utf-8")) if target.exists() else None


def items(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for day in doc["days"] for item in day["items"]]


def test_the_schedule_reports_every_problem_at_its_line() -> None:
    text = """flights:
  - carrier: Test Air
    from: TIJ
    to: XYZ
    days: daily
    departs: "07:00"
    arrives: "12:35"
    checked: 2026-12-01
    source: [t]
  - carrier: Test Air
    from: TIJ
    to: MEX
    days: [mon, someday]
    departs: "7 am"
    arrives: "12:35+3"
    checked: 2026-12-01
    source: [nowhere]
  - carrier: Test Air
    from: MEX
    to: LAX
    departs: "14:00"
    arrives: "14:10"
    checked: 2026-12-01
    source: [t]
  - carrier: Test Air
    from: MEX
    to: GDL
    days: daily
    departs: "14:00"
    arrives: "14:05"
    checked: 2026-12-01
    source: [t]
sources:
  t: {title: Test}
"""
    with pytest.raises(InputError) as raised:
        parse_flights(parse_yaml(text, "flights.yaml"), shipped_catalogue(), "flights.yaml")
    found = {(p.line, p.what.split(":")[0]) for p in raised.value.problems}
    lines = sorted(p.line for p in raised.value.problems if p.line is not None)
    messages = " | ".join(p.what for p in raised.value.problems)
    assert "airport XYZ is not in the catalogue" in messages and 4 in lines
    assert "'someday' is not a weekday" in messages and 13 in lines
    assert 14 in lines and 15 in lines  # the departure and the arrival that are no clock times
    assert "unknown source 'nowhere'" in messages and 17 in lines
    assert any("days" in what for _, what in found)  # the third flight has no days (line 18)
    assert "would cover" in messages  # Mexico City - Guadalajara in 5 minutes
    assert all(p.file == "flights.yaml" for p in raised.value.problems)


def test_the_shipped_schedule_is_valid_and_each_flight_has_a_source() -> None:
    schedule = load_flights(CATALOGUE.with_name("flights.yaml"), shipped_catalogue())
    assert schedule.flights
    listed = {s.id for s in schedule.sources}
    for flight in schedule.flights:
        assert flight.sources and all(s in listed or s.startswith("http") for s in flight.sources)
        assert flight.checked <= date(2026, 12, 2)


def test_the_sample_flies_only_listed_flights_at_their_times(tmp_path: Path) -> None:
    schedule = write_schedule(tmp_path)
    code, output, doc = plan(sample_without_assumed_flights(tmp_path), tmp_path / "out", "--flights", str(schedule))
    assert code == 0, output
    assert doc is not None
    assert check_itinerary_rules(doc, shipped_catalogue()) == []
    listed = load_flights(schedule, shipped_catalogue()).flights
    all_items = items(doc)
    flights = [i for i in all_items if i["type"] == "travel" and i["mode"] == "flight"]
    assert flights, "the sample crosses Mexico by air"
    for flight in flights:
        assert flight["source"] == "scheduled" and flight["flight"]["carrier"] == "Test Air"
        start, end = datetime.fromisoformat(flight["start"]), datetime.fromisoformat(flight["end"])
        assert flight["flight"]["departs"] == flight["start"] and flight["flight"]["arrives"] == flight["end"]
        route = (flight["from"]["place"], flight["to"]["place"])
        times = (start.hour * 60 + start.minute, end.hour * 60 + end.minute)
        matches = [f for f in listed if (f.origin, f.destination) == route and f.flies_on(start.date())
                   and (f.departs, f.arrives) == times]  # fmt: skip
        assert len(matches) == 1, flight
        assert flight["flight"]["number"] == matches[0].number
        # The airport's time is its own item on each side: the flight spans exactly take-off to landing.
        position = all_items.index(flight)
        before, after = all_items[position - 1], all_items[position + 1]
        assert before["type"] == "break" and before["kind"] == "airport" and before["end"] == flight["start"]
        assert after["type"] == "break" and after["kind"] == "airport" and after["start"] == flight["end"]
    assert not any(w["code"] == "estimated-flight" for w in doc.get("warnings", []))


def test_without_a_listed_flight_a_required_state_is_refused_naming_the_missing_link(tmp_path: Path) -> None:
    trip = tmp_path / "trip.yaml"
    trip.write_text(
        "name: Guadalajara\nstart: 2024-09-23\ndays: 3\norigin: lax\nstates: {count: 1, include: [JAL]}\n",
        encoding="utf-8",
    )
    code, output, doc = plan(trip, tmp_path / "out")
    assert code == 4 and doc is None
    assert "no listed flight" in output and "Jalisco" in output and "assume" in output


def test_assumed_flights_are_estimated_and_warned_about(tmp_path: Path) -> None:
    code, output, doc = plan(SAMPLE, tmp_path / "out")  # the sample assumes flights
    assert code == 0, output
    assert doc is not None
    flights = [i for i in items(doc) if i["type"] == "travel" and i["mode"] == "flight"]
    assert flights and all(f["source"] == "estimated" and "flight" not in f for f in flights)
    warned = [w for w in doc["warnings"] if w["code"] == "estimated-flight"]
    assert warned and all(f["from"]["place"] in warned[0]["places"] for f in flights)
    breaks = [i for i in items(doc) if i["type"] == "break" and i.get("kind") == "airport"]
    assert len(breaks) == 2 * len(flights)


def test_a_schedule_checked_long_before_the_trip_is_a_warning(tmp_path: Path) -> None:
    old = {**SCHEDULE, "flights": [{**f, "checked": "2022-05-01"} for f in SCHEDULE["flights"]]}
    code, output, doc = plan(sample_without_assumed_flights(tmp_path), tmp_path / "out", "--flights",
                             str(write_schedule(tmp_path, old)))  # fmt: skip
    assert code == 0, output
    assert doc is not None
    stale = [w for w in doc["warnings"] if w["code"] == "stale-flight-schedule"]
    assert stale and "2022-05-01" in stale[0]["message"]


def test_floors_stay_below_journeys_and_their_chains_with_a_schedule(tmp_path: Path) -> None:
    catalogue = shipped_catalogue()
    trip = load_trip(sample_without_assumed_flights(tmp_path), catalogue)
    schedule = load_flights(write_schedule(tmp_path), catalogue)
    problem = build_problem(catalogue, trip, TravelPlanner.for_trip(catalogue, trip, schedule))
    assert not problem.travel.estimates_flights
    wanted = {"BC", "CDMX", "DGO"}
    nodes = sorted({trip.origin} | {p.id for p in catalogue.places if p.state in wanted and p.location})[::3]
    minutes = {(a, b): problem.minutes(a, b) for a in nodes for b in nodes}
    least = {(a, b): problem.floor.least(a, b) for a in nodes for b in nodes}
    for a, b, c in itertools.product(nodes, nodes, nodes):
        assert least[a, c] <= minutes[a, b] + minutes[b, c] + 1e-9, (a, b, c)
    # The floor knows which airports a flight joins: Tijuana to Durango has no direct flight listed.
    assert problem.floor.least("hotel-grand-tijuana", "hotel-gobernador-durango") > problem.floor.least(
        "hotel-grand-tijuana", "hotel-hilton-reforma"
    )


def test_a_tour_takes_exactly_one_of_its_alternatives() -> None:
    # Nodes 0 (start) and 1 (end) are far apart; stops 2 and 3 are two flights, one of which must be taken:
    # 2 leaves too early for the tour's start, so 3 is the one.
    far = 10**6
    travel = [[0, far, 30, 30], [far, 0, far, far], [far, 20, 0, far], [far, 20, far, 0]]
    stops = {2: Stop(0, ((40, 40),), 0, True, group=0), 3: Stop(0, ((200, 200),), 0, True, group=0)}
    problem = RoutingProblem(4, stops, (Tour(0, 1, 100, 400),), travel, 1000)
    result = solve_routing(problem, Effort.DESCENT)
    assert result is not None
    assert [v.node for v in result.tours[0].visits] == [3]
