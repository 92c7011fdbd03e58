"""How travel is measured for a set of states (scout.plan.bound.measure): by the shortest chains of the
planner's own journeys, never more than a journey and never less than the floors."""

from __future__ import annotations

import itertools

from scout.plan.bound.measure import SetTravel
from scout.plan.params import PlanParams
from scout.plan.problem import TripProblem


def test_the_journeys_measure_travel_tighter_than_the_floors(sample_problem: TripProblem) -> None:
    # The floors allow a flight from Los Angeles (257 minutes to the Rumorosa grade); the planner's own
    # journeys drive there, crossing the border. The measure is the shortest chain of journeys: never more
    # than a journey, and here far above the floor.
    travel = SetTravel(sample_problem, ("BC", "CDMX", "DGO"), PlanParams())
    nodes = travel.nodes
    assert travel.measured
    lax, grade = sample_problem.trip.origin, "la-rumorosa-grade"
    assert travel.floor(lax, grade) <= sample_problem.minutes(lax, grade)
    assert travel.floor(lax, grade) > sample_problem.floor.least(lax, grade) + 30
    for a, b in itertools.islice(itertools.permutations(nodes, 2), 400):
        assert travel.floor(a, b) <= sample_problem.minutes(a, b) + 1e-9
        assert travel.floor(a, b) >= sample_problem.floor.least(a, b) - 1e-9
        for c in nodes[:5]:
            assert travel.floor(a, b) <= travel.floor(a, c) + travel.floor(c, b) + 1e-9


def test_a_set_with_more_points_than_journey_nodes_is_measured_by_the_floors(sample_problem: TripProblem) -> None:
    travel = SetTravel(sample_problem, ("BC", "CDMX", "DGO"), PlanParams(journey_nodes=5))
    assert not travel.measured
    lax, grade = sample_problem.trip.origin, "la-rumorosa-grade"
    assert travel.floor(lax, grade) == sample_problem.floor.least(lax, grade)
    # Between two states: the least over any point of one and any point of the other.
    tijuana = sample_problem.base("BC")
    assert travel.between(None, "BC") <= travel.floor(lax, tijuana)
    assert travel.between(None, "BC") == min(travel.floor(lax, p) for p in travel.points["BC"])
