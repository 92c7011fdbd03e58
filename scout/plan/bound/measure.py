"""How travel is measured for one set of states: between the points its days can pass (the origin, the
states' bases and places), by the shortest chains of the planner's own journeys.

The routing core times each leg by its journey; a day's legs chain journeys, and a chain is never shorter
than the shortest chain between its ends (Floyd–Warshall), which obeys the triangle inequality that dropping
a visit from a day relies on. Journeys rounded up to whole minutes are at least the floors of
:mod:`scout.geo.floors`, so this is tighter (on the sample trip, Los Angeles to the Rumorosa grade: 257
minutes by the floors, which allow a flight, against 346 by road). A set with more points than
``PlanParams.journey_nodes`` is measured by the floors instead.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from scout.plan.bound.memo import Memo
from scout.plan.params import PlanParams
from scout.plan.problem import TripProblem


class SetTravel:
    """The least travel between the points of one set of states."""

    def __init__(self, problem: TripProblem, states: tuple[str, ...], params: PlanParams) -> None:
        self.problem = problem
        self.states = states
        self.points: dict[str | None, list[str]] = {None: [problem.trip.origin]}  # None: the origin
        for state in states:
            self.points[state] = [*problem.bases(state), *(c.id for c in problem.in_state(state))]
        self.nodes = list(dict.fromkeys(point for points in self.points.values() for point in points))
        self.metric = journeys(problem, self.nodes) if len(self.nodes) <= params.journey_nodes else None
        self._floors: Memo[tuple[str, str], float] = Memo()
        self._between: Memo[tuple[str | None, str | None], float] = Memo()

    @property
    def measured(self) -> bool:
        """True when measured by the journeys (not by the floors)."""
        return self.metric is not None

    def floor(self, origin: str, destination: str) -> float:
        """The least travel from one point of the set to another, by any chain of journeys (by the travel
        floors when the set is too large to measure by its journeys)."""
        if self.metric is not None:
            return self.metric[origin, destination]
        return self._floors.get((origin, destination), lambda: self.problem.floor.least(origin, destination))

    def between(self, a: str | None, b: str | None) -> float:
        """The least travel from any point of one state (``None``: the origin) to any point of another."""
        floor = self.floor
        return self._between.get((a, b), lambda: min(floor(p, q) for p in self.points[a] for q in self.points[b]))

    def signature(self, points: Sequence[str]) -> tuple[float, ...]:
        """The travel between some points: results that depend on nothing else can be shared by every set
        that measures them alike."""
        floor = self.floor
        return tuple(floor(a, b) for a in points for b in points)


def journeys(problem: TripProblem, nodes: list[str]) -> dict[tuple[str, str], float]:
    """The least travel between any two of ``nodes`` by a chain of the planner's own journeys."""
    minutes = problem.minutes
    table = np.array([[0.0 if a == b else float(minutes(a, b)) for b in nodes] for a in nodes])
    for via in range(len(nodes)):
        np.minimum(table, table[:, via : via + 1] + table[via : via + 1, :], out=table)
    return {(a, b): float(table[i, j]) for i, a in enumerate(nodes) for j, b in enumerate(nodes)}
