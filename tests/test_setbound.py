"""The day-by-day bound of a set of states (scout.plan.setbound): it must never cut off a real itinerary.

A bound that did could not be seen in the plan's figures (a set refuted against the best value reports that
value), so these tests hold the model against the days the planner really builds, on the sample trip and on
the benchmark's generated trips, and check the simulated days it rests on against hand-worked cases.
"""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import pytest

from bench.plan import generated
from scout.geo.travel import TravelPlanner
from scout.io.catalogue import load_catalogue
from scout.io.trip import load_trip
from scout.model import TripRequest
from scout.plan.problem import TripProblem, build_problem
from scout.plan.bound.setmodel import SetBounds
from scout.plan.solve import plan_trip

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = load_catalogue(ROOT / "data" / "locations.yaml")
SAMPLE = ROOT / "trips" / "familiarization-2024.yaml"


def problem_of(trip: TripRequest) -> TripProblem:
    return build_problem(CATALOGUE, trip, TravelPlanner(CATALOGUE, trip.travel))


@pytest.fixture(scope="module")
def sample() -> TripProblem:
    return problem_of(load_trip(SAMPLE, CATALOGUE))


@pytest.mark.parametrize(
    "trip",
    [
        pytest.param(lambda: load_trip(SAMPLE, CATALOGUE), id="sample"),
        pytest.param(lambda: generated(CATALOGUE, "week-any-3", date(2024, 10, 7), 7, "2-3", ()), id="week"),
        pytest.param(
            lambda: generated(CATALOGUE, "ten-days-3", date(2024, 11, 11), 10, "3", ("canacine", "filma-jalisco")),
            id="ten-days",
        ),
    ],
)
def test_every_itinerary_built_is_a_solution_of_its_sets_model(trip) -> None:  # type: ignore[no-untyped-def]
    problem = problem_of(trip())
    plan = plan_trip(problem)
    bounds = SetBounds(problem)
    built = [outcome.best for outcome in plan.outcomes if outcome.best is not None]
    assert built
    for days in built:
        assert bounds.admits(days), days.arrangement
        # ...and so its own model's bound, solved afresh, is at least what it is worth
        found = bounds.bound(bounds.build(days.arrangement.states), 10.0, 1)
        assert found is not None and found >= days.value - 1e-6


def test_every_real_day_fits_its_simulations(sample: TripProblem) -> None:
    # Each day of the sample itinerary, its places singly, in pairs and in threes, fit a simulated day
    # between the same two ends: the simulation only ever drops what a real day has.
    plan = plan_trip(sample)
    bounds = SetBounds(sample)
    states = plan.best.arrangement.states
    travel = bounds.travel(states)
    checked = 0
    for route in plan.best.routes:
        places = tuple(sorted(stop.place for stop in route.stops))
        for size in (1, 2, 3):
            for group in itertools.combinations(places, size):
                assert travel.fits(route.day, route.origin, route.destination, group), (route.day, group)
                checked += 1
        by_state: dict[str, list[str]] = {}
        for place in places:
            by_state.setdefault(sample.candidates[place].state, []).append(place)
        for members in by_state.values():
            least_sets = travel.infeasible_sets(route.day, route.origin, route.destination, tuple(members))
            assert not any(set(least) <= set(members) for least in least_sets)
    assert checked > 50


def test_the_first_day_holds_the_meeting_and_the_studios_but_no_third_office(sample: TripProblem) -> None:
    # Day 1 drives from Los Angeles to Tijuana (4 h 46 min with the border) for the Film Commission's welcome
    # at 16:00. Baja Studios (open from 09:00, two hours) fits beside it, and so does the CANACINE delegation
    # (an hour, until 17:00), and the two together; all three do not. The Valle de Guadalupe, 71 minutes
    # out of Tijuana, fits no such day beside the meeting. The least sets found say the same.
    bounds = SetBounds(sample)
    states = ("BC", "CDMX", "DGO")
    travel = bounds.travel(states)
    ends = (0, sample.trip.origin, sample.base("BC"))
    meeting, studios, office = "bc-film-commission", "baja-studios", "canacine-bc"
    for pair in itertools.combinations((meeting, studios, office), 2):
        assert travel.fits(*ends, pair), pair
    assert not travel.fits(*ends, (meeting, studios, office))
    assert not travel.fits(*ends, (meeting, "valle-de-guadalupe"))
    least = travel.infeasible_sets(*ends, tuple(sorted((meeting, studios, office, "valle-de-guadalupe"))))
    assert tuple(sorted((meeting, studios, office))) in least
    assert tuple(sorted((meeting, "valle-de-guadalupe"))) in least
    for group in least:  # each is least: every smaller part fits
        for part in itertools.combinations(group, len(group) - 1):
            assert travel.fits(*ends, part)


def test_the_journeys_measure_travel_tighter_than_the_floors(sample: TripProblem) -> None:
    # The floors allow a flight from Los Angeles (257 minutes to the Rumorosa grade); the planner's own
    # journeys drive there, crossing the border. The measure is the shortest chain of journeys: never more
    # than a journey, and here far above the floor.
    bounds = SetBounds(sample)
    states = ("BC", "CDMX", "DGO")
    travel = bounds.travel(states)
    nodes = travel.nodes
    assert travel.measured
    lax, grade = sample.trip.origin, "la-rumorosa-grade"
    assert travel.floor(lax, grade) <= sample.minutes(lax, grade)
    assert travel.floor(lax, grade) > sample.floor.least(lax, grade) + 30
    for a, b in itertools.islice(itertools.permutations(nodes, 2), 400):
        assert travel.floor(a, b) <= sample.minutes(a, b) + 1e-9
        for c in nodes[:5]:
            assert travel.floor(a, b) <= travel.floor(a, c) + travel.floor(c, b) + 1e-9


def test_a_refuted_check_is_a_proof_and_a_passed_one_is_not(sample: TripProblem) -> None:
    bounds = SetBounds(sample)
    model = bounds.build(("BC", "CDMX", "DGO"))
    best = bounds.bound(model, 10.0, 1)
    assert best is not None and best >= 211.3
    assert bounds.exceeds(model, best - 1, 10.0, 1)
    assert not bounds.exceeds(model, best + 2, 10.0, 1)  # near the optimum a check may time out: "maybe"
    assert bounds.bound(model, 10.0, 1, above=best + 5) == best + 5  # refuted: the value it beat
    assert bounds.bound(model, 10.0, 1, above=best - 1) == best  # solved


def test_a_set_with_more_states_than_nights_has_no_itinerary(sample: TripProblem) -> None:
    bounds = SetBounds(sample)
    six = ("BC", "BCS", "SON", "CHIH", "DGO", "CDMX")  # six states, five nights
    assert bounds.bound(bounds.build(six), 1.0, 1) is None
    assert not bounds.exceeds(bounds.build(six), 0.0, 1.0, 1)
