"""Travel floors and the places no day can reach: the floors must never exceed real journeys, chained or not."""

from __future__ import annotations

import itertools
from pathlib import Path

from typer.testing import CliRunner

from scout.cli import app
from scout.geo.travel import TravelPlanner
from scout.io.catalogue import load_catalogue, parse_catalogue
from scout.io.trip import load_trip, parse_trip
from scout.plan.problem import TripProblem, build_problem
from scout.plan.reach import TravelFloor, out_of_reach
from scout.plan.solve import plan_trip
from tests.conftest import small_catalogue_data

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "data" / "locations.yaml"
SAMPLE = ROOT / "trips" / "familiarization-2024.yaml"


def sample_problem() -> TripProblem:
    catalogue = load_catalogue(CATALOGUE)
    trip = load_trip(SAMPLE, catalogue)
    return build_problem(catalogue, trip, TravelPlanner(catalogue, trip.travel))


def test_floors_never_exceed_real_journeys_one_after_another() -> None:
    # Baja California, Baja California Sur, Sonora (remote places, flights, the border from Los Angeles) and
    # Mexico City (places a minute apart), with their bases, airports and the origin: the floor from a to c
    # is at most the journey a -> c, and at most any journey a -> b followed by b -> c.
    problem = sample_problem()
    catalogue = problem.catalogue
    wanted = {"BC", "BCS", "SON", "CDMX"}
    nodes = sorted(
        {problem.trip.origin} | {p.id for p in catalogue.places if p.state in wanted and p.location is not None}
    )
    floor = problem.floor
    minutes = {(a, b): problem.minutes(a, b) for a in nodes for b in nodes}
    least = {(a, b): floor.least(a, b) for a in nodes for b in nodes}
    assert len(nodes) > 50
    for a, b in itertools.product(nodes, nodes):
        assert least[a, b] <= minutes[a, b] + 1e-9, (a, b)
    for a, b, c in itertools.product(nodes, nodes, nodes):
        assert least[a, c] <= minutes[a, b] + minutes[b, c] + 1e-9, (a, b, c)
    # The floors are close: within 3 % of the flight from Tijuana to Mexico City (362 minutes), and they
    # count the drive from San Felipe to an airport (547 minutes in all; a floor on the distance alone: 322).
    assert (
        floor.least("tijuana-centro", "ciudad-de-mexico-centro")
        >= 0.97 * minutes["tijuana-centro", "ciudad-de-mexico-centro"]
    )
    assert floor.least("san-felipe-bc", "ciudad-de-mexico-centro") > 470
    # No flight is shorter than min_flight_km (350): Los Angeles to Tijuana, 200 km apart, is driven (272
    # minutes with the border), and its floor knows that a flight would start with a drive of 150 km or more.
    assert 0.97 * minutes["lax", "tijuana-centro"] <= floor.least("lax", "tijuana-centro")


def test_a_known_travel_time_shortens_the_floor_of_every_journey_through_it() -> None:
    data = small_catalogue_data()
    data["travel_times"] = [{"from": "tijuana-centro", "to": "tequila", "duration": "30m", "mode": "drive",
                             "source": "inegi"}]  # fmt: skip
    catalogue = parse_catalogue(data)
    trip_assumptions = load_trip(SAMPLE, load_catalogue(CATALOGUE)).travel
    floor = TravelFloor(TravelPlanner(catalogue, trip_assumptions))
    assert floor.least("tijuana-centro", "tequila") <= 30
    assert floor.least("tequila", "tijuana-centro") <= 30  # known times hold both ways
    through = floor.direct("rosarito", "tijuana-centro") + 30
    assert floor.least("rosarito", "tequila") <= through
    assert floor.direct("rosarito", "tequila") > through  # without the known time, far more


def test_a_place_that_fits_no_day_schedule_is_out_of_reach_and_one_that_does_is_not() -> None:
    catalogue = parse_catalogue(small_catalogue_data())
    floor = TravelFloor(TravelPlanner(catalogue, load_trip(SAMPLE, load_catalogue(CATALOGUE)).travel))
    points = ["lax", "tijuana-centro", "guadalajara-centro"]
    into = min(floor.least(p, "rosarito") for p in points)
    assert into > 10  # Rosarito is more than ten minutes from every point a day starts at
    day = (1000, 1700)
    # Open to start only in the first ten minutes of the day: nobody can be there by then.
    early = out_of_reach(floor, "rosarito", "tijuana-centro", points, 90, [[(1000, 1010)]], [day], 480)
    assert early is not None
    assert "does not fit its opening hours" in early
    # Open all day: a round trip from the base fits.
    assert out_of_reach(floor, "rosarito", "tijuana-centro", points, 90, [[(1000, 1600)]], [day], 480) is None
    # A travel limit below any round trip: out of reach, and the reason says by how much.
    short = out_of_reach(floor, "rosarito", "tijuana-centro", points, 90, [[(1000, 1600)]], [day], 10)
    assert short is not None
    assert "over the trip's limit of 0 h 10 min a day" in short


def test_a_must_visit_out_of_reach_is_refused_with_exit_4(tmp_path: Path) -> None:
    # San Felipe is almost five hours' drive from Tijuana: no day within 8 hours of travel can go and come back.
    text = SAMPLE.read_text(encoding="utf-8")
    assert "must_visit:\n  - baja-studios\n" in text
    path = tmp_path / "trip.yaml"
    path.write_text(text.replace("  - baja-studios\n", "  - baja-studios\n  - san-felipe-bc\n"), encoding="utf-8")
    result = CliRunner().invoke(app, ["plan", str(path), "--out", str(tmp_path / "out"), "--data", str(CATALOGUE)])
    assert result.exit_code == 4, result.output
    said = " ".join(result.output.split())
    assert "must-visit place San Felipe" in said
    assert "out of reach in a day" in said
    assert "over the trip's limit of 8 h a day" in said
    assert not (tmp_path / "out").exists()


def test_places_out_of_reach_leave_the_bound() -> None:
    # The sample trip's states include places no day can reach (San Felipe, the Gulf islands): they are left
    # out with that reason and the selection model no longer counts them.
    problem = sample_problem()
    reasons = {e.place.id: e.reason for e in problem.excluded}
    for place in ("san-felipe-bc", "gulf-of-california-islands"):
        assert place not in problem.candidates
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
    problem = build_problem(catalogue, trip, TravelPlanner(catalogue, trip.travel))
    assert problem.floor.known == ()
    assert "ensenada-port" not in problem.candidates
    plan = plan_trip(problem)
    assert plan.best.value <= plan.bound
    assert "rosarito" in plan.best.visited
