"""What an itinerary is worth: interest-weighted values with diminishing returns for repeated kinds.

The delegation should see the range of looks and of the industry, so the k-th place of one kind counts
``variety ** (k - 1)`` of its value: with variety 0.5 a second desert is worth half, a third a quarter.
The best places of a kind take the full shares. Solvers work in integers: values times ``SCALE``.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Container, Iterable

from ortools.sat.python import cp_model

from scout.plan.problem import Candidate, TripProblem

SCALE = 1000  # value units per integer unit in the solvers
MAX_RANKS = 8  # kinds with more places than this share the last, smallest share in the models (a bound)


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
    """The value of the chosen places, with variety, as a linear objective over few variables.

    Within a kind, sort the chosen places by worth: the r-th is worth ``worth * variety**r``. Written by
    worth levels ``w_1 > w_2 > …`` (with ``w_{L+1} = 0``), that sum is ``Σ_l (w_l − w_{l+1}) · S(C_l)``,
    where ``C_l`` counts the chosen places worth at least ``w_l`` and ``S(n) = Σ_{r<n} variety**r``. Each
    ``S(C_l)`` is a row of rank slots (at most ``C_l`` of them filled) that maximising fills from the
    first, so the objective equals the exact value. A kind then costs levels × ranks variables rather than
    places × ranks: on a 5,000-place catalogue, about 1,100 instead of 40,000. Past ``MAX_RANKS`` places of
    a kind, the rest share the last, smallest share (an upper bound), and coefficients are rounded up: the
    objective never falls below the exact value, so its optimum stays an upper bound.
    """

    def __init__(
        self,
        model: cp_model.CpModel,
        candidates: Iterable[Candidate],
        variety: float,
        picked: dict[str, cp_model.IntVar],
    ) -> None:
        self.terms: list[tuple[int, cp_model.IntVar]] = []
        by_kind: dict[str, list[Candidate]] = defaultdict(list)
        for candidate in candidates:
            by_kind[candidate.kind.value].append(candidate)
        for kind, group in sorted(by_kind.items()):
            ranks = min(len(group), MAX_RANKS)
            shared_last = len(group) > MAX_RANKS
            levels = sorted({c.worth for c in group}, reverse=True)
            for position, level in enumerate(levels):
                step = level - (levels[position + 1] if position + 1 < len(levels) else 0.0)
                at_least = [picked[c.id] for c in sorted(group, key=lambda c: c.id) if c.worth >= level]
                singles = ranks - 1 if shared_last else ranks
                slots = [model.new_bool_var(f"rank_{kind}_{position}_{rank}") for rank in range(singles)]
                for rank, slot in enumerate(slots):
                    self.terms.append((math.ceil(SCALE * step * variety**rank - 1e-9), slot))
                for earlier, later in itertools.pairwise(slots):  # the slots are alike: fill them in order
                    model.add_implication(later, earlier)
                filled: list[cp_model.IntVar] = list(slots)
                if shared_last:
                    rest = model.new_int_var(0, len(at_least), f"rank_{kind}_{position}_rest")
                    self.terms.append((math.ceil(SCALE * step * variety ** (ranks - 1) - 1e-9), rest))
                    filled.append(rest)
                model.add(cp_model.LinearExpr.sum(filled) <= cp_model.LinearExpr.sum(at_least))

    def objective(self) -> cp_model.LinearExprT:
        return sum(weight * var for weight, var in self.terms)


def lower_bound_minutes(problem: TripProblem, origin: str, destination: str) -> int:
    """A quick lower bound on the travel time between two places, valid for every mode."""
    return math.floor(problem.floor.least(origin, destination))


def minutes_floor(problem: TripProblem, km: float) -> int:
    """The least time any journey between two points ``km`` apart (great circle) can take, border aside."""
    return math.floor(problem.floor.by_distance(km))


def known_minimum(problem: TripProblem, place: str, among: Container[str]) -> int | None:
    """The shortest known travel time (from the catalogue) between ``place`` and any other of ``among``."""
    times = [
        t.minutes
        for t in problem.catalogue.travel_times
        if (t.origin == place and t.destination in among and t.destination != place)
        or (t.destination == place and t.origin in among and t.origin != place)
    ]
    return min(times, default=None)
