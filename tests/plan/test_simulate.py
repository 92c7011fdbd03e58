"""Simulated days (scout.plan.bound.simulate): a set of places no simulated day holds is in no real day
between the same two ends, so the simulation is held against the sample itinerary's real days and against
hand-worked days of the sample trip."""

from __future__ import annotations

import itertools

from scout.plan.bound.bounds import SetBounds
from scout.plan.params import PlanParams
from scout.plan.problem import TripProblem
from scout.plan.result import Planned


def test_every_real_day_fits_its_simulations(planned_sample: Planned) -> None:
    # Each day of the sample itinerary, its places singly, in pairs and in threes, fit a simulated day
    # between the same two ends: the simulation only ever drops what a real day has.
    plan = planned_sample.plan
    problem = plan.problem
    bounds = SetBounds(problem, PlanParams())
    simulator = bounds.simulator
    states = plan.best.arrangement.states
    travel = bounds.travel(states)
    checked = 0
    for route in plan.best.routes:
        places = tuple(sorted(stop.place for stop in route.stops))
        for size in (1, 2, 3):
            for group in itertools.combinations(places, size):
                assert simulator.fits(travel, route.day, route.origin, route.destination, group), (route.day, group)
                checked += 1
        by_state: dict[str, list[str]] = {}
        for place in places:
            by_state.setdefault(problem.candidates[place].state, []).append(place)
        for members in by_state.values():
            least_sets = simulator.infeasible_sets(travel, route.day, route.origin, route.destination, tuple(members))
            assert not any(set(least) <= set(members) for least in least_sets)
    assert checked > 30


def test_the_first_day_holds_the_meeting_and_the_studios_but_no_third_office(sample_problem: TripProblem) -> None:
    # Day 1 drives from Los Angeles to Tijuana (5 h 24 min with the border's wait and the city's traffic)
    # for the Film Commission's welcome at 16:00. One office across town fits beside it (the CANACINE
    # delegation, or the rental house), but not two; Baja Studios (two hours, south of the city) and the
    # Valle de Guadalupe fit no such day beside the meeting. The least sets found say the same.
    bounds = SetBounds(sample_problem, PlanParams())
    simulator = bounds.simulator
    travel = bounds.travel(("BC", "CDMX", "DGO"))
    ends = (0, sample_problem.trip.origin, sample_problem.base("BC"))
    meeting, rental, office = "bc-film-commission", "estudio-3351", "canacine-bc"
    for pair in itertools.combinations((meeting, rental, office), 2):
        assert simulator.fits(travel, *ends, pair), pair
    assert not simulator.fits(travel, *ends, (meeting, rental, office))
    assert not simulator.fits(travel, *ends, (meeting, "baja-studios"))
    assert not simulator.fits(travel, *ends, (meeting, "valle-de-guadalupe"))
    group = tuple(sorted((meeting, rental, office, "baja-studios")))
    least = simulator.infeasible_sets(travel, *ends, group)
    assert tuple(sorted((meeting, rental, office))) in least
    assert tuple(sorted((meeting, "baja-studios"))) in least
    for group in least:  # each is least: every smaller part fits
        for part in itertools.combinations(group, len(group) - 1):
            assert simulator.fits(travel, *ends, part)


def test_a_day_holds_every_subset_of_what_it_holds(sample_problem: TripProblem) -> None:
    # The subsets a simulated day holds are closed downwards (waiting is allowed and the measure obeys the
    # triangle inequality), which is what lets the least infeasible sets say all there is.
    bounds = SetBounds(sample_problem, PlanParams())
    travel = bounds.travel(("BC", "CDMX", "DGO"))
    places = ("bc-film-commission", "baja-studios", "canacine-bc", "valle-de-guadalupe")
    feasible = bounds.simulator.feasible_masks(travel, 0, sample_problem.trip.origin, sample_problem.base("BC"), places)
    assert 0 in feasible
    for mask in feasible:
        for bit in range(len(places)):
            assert mask & ~(1 << bit) in feasible
