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
    # The floors are close: within 20 % of the flight from Tijuana's hotel to Mexico City's (448 minutes; the
    # floors leave out the cities' traffic and the hotels' stand-in points on the ways to and from the
    # airports), and they count the drive from San Felipe to an airport (a floor on the distance alone: 322).
    assert (
        floor.least("hotel-grand-tijuana", "hotel-hilton-reforma")
        >= 0.8 * minutes["hotel-grand-tijuana", "hotel-hilton-reforma"]
    )
    assert floor.least("san-felipe-bc", "hotel-hilton-reforma") > 470
    # No flight is shorter than min_flight_km (350): Los Angeles to Tijuana, 200 km apart, is driven (294
    # minutes with the crossing's wait and Tijuana's traffic), and its floor knows that a flight would start
    # with a drive of 150 km or more (the floors leave out the traffic and the way round by the crossing).
    assert 0.8 * minutes["lax", "hotel-grand-tijuana"] <= floor.least("lax", "hotel-grand-tijuana")


def test_a_known_travel_time_shortens_the_floor_of_every_journey_through_it() -> None:
    data = small_catalogue_data()
    data["travel_times"] = [{"from": "tijuana-centro", "to": "tequila", "duration": "30m", "mode": "drive",
                             "source": "inegi"}]  # fmt: skip
    catalogue = parse_catalogue(data)
    floor = TravelFloor(TravelPlanner(catalogue, sample_trip().travel))
    assert floor.least("tijuana-centro", "tequila") <= 30 + 15  # the known drive, and the move's buffer
    assert floor.least("tequila", "tijuana-centro") <= 30 + 15  # known times hold both ways
    through = floor.direct("rosarito", "tijuana-centro") + 30 + 15
    assert floor.least("rosarito", "tequila") <= through
    assert floor.direct("rosarito", "tequila") > through  # without the known time, far more


def test_floors_hold_for_ferries_islands_crossings_cities_sites_and_stand_in_points() -> None:
    # The small world of tests/test_ground_travel.py: a city area with a stand-in office, a campus, a border
    # crossing, two islands (one with an airport) and their ferries; with a routed time and a known one.
    from dataclasses import replace
    from datetime import UTC, datetime

    from scout.model import TravelAssumptions
    from scout.model.catalogue import RoutedTime
    from tests.test_ground_travel import world

    data = world()
    data["travel_times"] = [{"from": "cancun", "to": "puerto-juarez", "duration": "5m", "source": "inegi"}]
    catalogue = parse_catalogue(data)
    zona, rosarito = catalogue.place("zona-rio"), catalogue.place("rosarito")
    fast = RoutedTime("zona-rio", "rosarito", 8.0, 20.0, "osrm", zona.location, rosarito.location,  # type: ignore[arg-type]
                      datetime(2024, 6, 1, tzinfo=UTC))  # fmt: skip
    catalogue = replace(catalogue, routed=(fast,))
    for rules in (TravelAssumptions(), TravelAssumptions(buffer=0, same_site=0, border_south=0, city_factor=0.5)):
        travel = TravelPlanner(catalogue, rules)
        floor = TravelFloor(travel)
        nodes = [p.id for p in catalogue.places if p.location is not None]
        minutes = {(a, b): travel.journey(a, b).minutes for a in nodes for b in nodes}
        for a, b in itertools.product(nodes, nodes):
            assert floor.least(a, b) <= minutes[a, b] + 1e-9, (a, b)
        for a, b, c in itertools.product(nodes, nodes, nodes):
            assert floor.least(a, c) <= minutes[a, b] + minutes[b, c] + 1e-9, (a, b, c)
    # Every move costs a buffer: the floor between two places at one point is the smaller buffer, at least.
    floor = TravelFloor(TravelPlanner(catalogue, TravelAssumptions()))
    assert floor.least("tijuana-centro", "bc-film-commission") >= 5
    # A stand-in point in an area is at least a drive across town away from anything.
    assert floor.least("tijuana-office", "zona-rio") >= 25 + 5
