"""Travel floors (scout.geo.floors): they must never exceed real journeys, chained or not."""

from __future__ import annotations

import itertools

from scout.geo.floors import TravelFloor
from scout.geo.travel import TravelPlanner
from scout.io.catalogue import parse_catalogue
from scout.plan.problem import TripProblem
from tests.conftest import small_catalogue_data
from tests.shipped import sample_trip


def test_floors_never_exceed_real_journeys_one_after_another(sample_problem: TripProblem) -> None:
    # Baja California, Baja California Sur, Sonora (remote places, flights, the border from Los Angeles) and
    # Mexico City (places a minute apart), with their bases, airports and the origin: the floor from a to c
    # is at most the journey a -> c, and at most any journey a -> b followed by b -> c.
    problem = sample_problem
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
    floor = TravelFloor(TravelPlanner(catalogue, sample_trip().travel))
    assert floor.least("tijuana-centro", "tequila") <= 30
    assert floor.least("tequila", "tijuana-centro") <= 30  # known times hold both ways
    through = floor.direct("rosarito", "tijuana-centro") + 30
    assert floor.least("rosarito", "tequila") <= through
    assert floor.direct("rosarito", "tequila") > through  # without the known time, far more
