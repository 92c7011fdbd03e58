"""What an itinerary is worth: interest-weighted values with diminishing returns for repeated kinds.

The delegation should see the range of looks and of the industry, so the k-th place of one kind counts
``variety ** (k - 1)`` of its value: with variety 0.5 a second desert is worth half, a third a quarter.
The best places of a kind take the full shares. Solvers work in integers: values times ``SCALE``.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Container, Iterable

from ortools.sat.python import cp_model

from scout.geo.distance import haversine_km
from scout.model.catalogue import TravelMode
from scout.plan.problem import Candidate, TripProblem

SCALE = 1000  # value units per integer unit in the solvers
MAX_RANKS = 8  # kinds with more places than this share the last, smallest share in the models (a bound)
HAVERSINE_SLACK = 0.995  # the sphere may be up to 0.5 % longer or shorter than the ellipsoid


def shares(candidates: Iterable[Candidate], variety: float) -> dict[str, float]:
    """Each visited place's contribution: its worth times its kind's share for its rank in that kind."""
    by_kind: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        by_kind[candidate.kind.value].append(candidate)
    result = {}
    for group in by_kind.values():
        group.sort(key=lambda c: (-c.worth, c.id))
        for rank, candidate in enumerate(group):
            result[candidate.id] = candidate.worth * variety**rank
    return result


class VarietyRanks:
    """Rank variables in a CP-SAT model: place p takes rank j of its kind, worth ``worth * variety**j``.

    Maximising puts the most valuable chosen places on the first ranks, so the objective equals the exact
    value (or exceeds it, past ``MAX_RANKS`` places of one kind, which keeps it an upper bound).
    """

    def __init__(self, model: cp_model.CpModel, candidates: Iterable[Candidate], variety: float) -> None:
        self.model = model
        self.terms: list[tuple[int, cp_model.IntVar]] = []
        self.by_place: dict[str, list[cp_model.IntVar]] = {}
        by_kind: dict[str, list[Candidate]] = defaultdict(list)
        for candidate in candidates:
            by_kind[candidate.kind.value].append(candidate)
        for _, group in sorted(by_kind.items()):
            ranks = min(len(group), MAX_RANKS)
            slots: list[list[cp_model.IntVar]] = [[] for _ in range(ranks)]
            for candidate in sorted(group, key=lambda c: c.id):
                row = []
                for rank in range(ranks):
                    var = model.new_bool_var(f"rank_{candidate.id}_{rank}")
                    slots[rank].append(var)
                    row.append(var)
                    self.terms.append((round(SCALE * candidate.worth * variety**rank), var))
                model.add(sum(row) <= 1)
                self.by_place[candidate.id] = row
            last = ranks - 1 if len(group) > MAX_RANKS else ranks
            for rank in range(last):
                model.add(sum(slots[rank]) <= 1)

    def assigned(self, candidate_id: str) -> cp_model.LinearExprT:
        return sum(self.by_place[candidate_id])

    def objective(self) -> cp_model.LinearExprT:
        return sum(weight * var for weight, var in self.terms)


def lower_bound_minutes(problem: TripProblem, origin: str, destination: str) -> int:
    """A quick lower bound on the travel time between two places, valid for every mode."""
    if origin == destination:
        return 0
    travel = problem.travel
    known = travel.known(origin, destination)
    a = problem.catalogue.place(origin).location
    b = problem.catalogue.place(destination).location
    assert a is not None and b is not None
    km = haversine_km(a, b)
    best = minutes_floor(problem, km)
    if travel.crosses_border(origin, destination):
        best = min(best + travel.assumptions.border_crossing, _by_air(problem, km))
    return min(best, known.minutes) if known is not None else best


def minutes_floor(problem: TripProblem, km: float) -> int:
    """The least time any journey between two points ``km`` apart (great circle) can take, border aside."""
    assumptions = problem.travel.assumptions
    by_road = math.floor(km * HAVERSINE_SLACK * assumptions.detour / assumptions.road_speed * 60)
    return min(by_road, _by_air(problem, km))  # walking, when chosen, is slower still than driving


def _by_air(problem: TripProblem, km: float) -> int:
    # A journey by air spends the airport times and covers the distance no faster than a plane (its drives
    # to and from the airports are slower still), unless the catalogue knows a faster flight.
    assumptions = problem.travel.assumptions
    airborne = math.floor(km * HAVERSINE_SLACK / assumptions.flight_speed * 60)
    by_air = assumptions.airport_before + assumptions.airport_after + airborne
    fastest = _fastest_known_flight(problem)
    return by_air if fastest is None else min(by_air, fastest)


def known_minimum(problem: TripProblem, place: str, among: Container[str]) -> int | None:
    """The shortest known travel time (from the catalogue) between ``place`` and any of ``among``."""
    times = [
        t.minutes
        for t in problem.catalogue.travel_times
        if (t.origin == place and t.destination in among) or (t.destination == place and t.origin in among)
    ]
    return min(times, default=None)


def _fastest_known_flight(problem: TripProblem) -> int | None:
    flights = [t.minutes for t in problem.catalogue.travel_times if t.mode is TravelMode.FLIGHT]
    return min(flights, default=None)
