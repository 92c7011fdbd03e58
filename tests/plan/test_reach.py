"""The places no day of the trip can reach (scout.plan.reach): left out with the reason, or refused when
required, and no longer counted by the bound."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from scout.cli import app
from scout.geo.floors import TravelFloor
from scout.geo.travel import TravelPlanner
from scout.io.catalogue import parse_catalogue
from scout.io.trip import parse_trip
from scout.plan.problem import TripProblem
from scout.plan.reach import _why, out_of_reach
from scout.plan.solve import plan_trip
from tests.conftest import small_catalogue_data
from tests.plan.trips import small_problem
from tests.shipped import CATALOGUE, SAMPLE, problem_of, sample_trip

# San Felipe, on the Gulf coast of Baja California, with no known travel time: by the floors, going there from
# Tijuana and on (or from Los Angeles) takes 11 h 28 min at the least.
SAN_FELIPE = {"id": "san-felipe", "name": "San Felipe", "state": "BC", "kind": "beach", "lat": 31.0247,
              "lon": -114.8388, "value": 9, "duration": "1h", "source": "inegi"}  # fmt: skip


def test_a_place_that_fits_no_day_schedule_is_out_of_reach_and_one_that_does_is_not() -> None:
    catalogue = parse_catalogue(small_catalogue_data())
    floor = TravelFloor(TravelPlanner(catalogue, sample_trip().travel))
    points = ["lax", "tijuana-centro", "guadalajara-centro"]
    into = min(floor.least(p, "rosarito") for p in points)
    assert into > 10  # Rosarito is more than ten minutes from every point a day starts at
    day = (1000, 1700)
    # Open to start only in the first ten minutes of the day: nobody can be there by then.
    early = _why(floor, "rosarito", ("tijuana-centro",), points, 90, [[(1000, 1010)]], [day], 480)
    assert early is not None
    assert "does not fit its opening hours" in early
    # Open all day: a round trip from the base fits.
    assert _why(floor, "rosarito", ("tijuana-centro",), points, 90, [[(1000, 1600)]], [day], 480) is None
    # A travel limit below any round trip: out of reach, and the reason says by how much.
    short = _why(floor, "rosarito", ("tijuana-centro",), points, 90, [[(1000, 1600)]], [day], 10)
    assert short is not None
    assert "over the trip's limit of 0 h 10 min a day" in short


def test_a_place_too_far_for_the_travel_limit_is_left_out_with_the_least_detour() -> None:
    data = small_catalogue_data()
    data["places"].append(SAN_FELIPE)
    problem = small_problem(data)
    assert "san-felipe" not in problem.candidates
    reasons = {e.place.id: e.reason for e in problem.excluded}
    assert reasons["san-felipe"].startswith("out of reach in a day: at least 11 h 38 min of travel")
    assert reasons["san-felipe"].endswith("over the trip's limit of 8 h a day")
    # With 12 hours of travel a day it is within reach, and out_of_reach says nothing of it.
    wider = small_problem(data, schedule={"start": "05:00", "end": "23:00", "max_travel": "12h"})
    assert "san-felipe" in wider.candidates
    assert out_of_reach(wider) == {}
    assert set(out_of_reach(problem)) == set()  # the problem already left it out: its candidates all fit


def test_a_must_visit_out_of_reach_is_refused_with_exit_4(tmp_path: Path) -> None:
    # The Gulf of California's islands lie more than five hours from Tijuana and from Ensenada, Baja
    # California's two bases: no day within 8 hours of travel can go and come back.
    text = SAMPLE.read_text(encoding="utf-8")
    assert "must_visit:\n  - baja-studios\n" in text
    path = tmp_path / "trip.yaml"
    path.write_text(text.replace("  - baja-studios\n", "  - baja-studios\n  - gulf-of-california-islands\n"),
                    encoding="utf-8")  # fmt: skip
    result = CliRunner().invoke(app, ["plan", str(path), "--out", str(tmp_path / "out"), "--data", str(CATALOGUE)])
    assert result.exit_code == 4, result.output
    said = " ".join(result.output.split())
    assert "must-visit place Islands and Protected Areas of the Gulf of California" in said
    assert "out of reach in a day" in said
    assert "over the trip's limit of 8 h a day" in said
    assert not (tmp_path / "out").exists()


def test_places_out_of_reach_leave_the_bound(sample_problem: TripProblem) -> None:
    # The sample trip's states include places no day can reach (the Gulf islands, Mapimí): they are left out
    # with that reason and the selection model no longer counts them.
    reasons = {e.place.id: e.reason for e in sample_problem.excluded}
    for place in ("gulf-of-california-islands", "puente-de-ojuela-mapimi"):
        assert place not in sample_problem.candidates
        assert reasons[place].startswith("out of reach in a day")


def test_a_known_time_to_a_place_not_geocoded_yet_is_left_out_of_the_floors() -> None:
    # A place written with only an address has no coordinates until `scout geocode`: a known travel time to
    # it is in no journey, and planning must not trip over it.
    data = small_catalogue_data()
    data["places"].append(
        {
            "id": "ensenada-port",
            "name": "Ensenada port",
            "state": "BC",
            "kind": "coast",
            "address": "Boulevard Costero, Ensenada, Baja California",
            "source": "inegi",
        }
    )
    data["travel_times"] = [{"from": "rosarito", "to": "ensenada-port", "duration": "1h15m", "mode": "drive",
                             "source": "inegi"}]  # fmt: skip
    catalogue = parse_catalogue(data)
    trip = parse_trip(
        {"name": "Small", "start": "2024-09-23", "days": 2, "origin": "lax", "states": {"count": 1}}, catalogue
    )
    problem = problem_of(trip, catalogue)
    assert problem.floor.known == ()
    assert "ensenada-port" not in problem.candidates
    plan = plan_trip(problem).plan
    assert plan.best.value <= plan.bound
    assert "rosarito" in plan.best.visited
