"""The questions the planner asks of a set of states' day-by-day model: could it beat a value, what is the
most it could be worth, and does it admit an itinerary the planner built.

The models share what does not depend on the set: simulated days (:class:`DaySimulator`) and each set's
travel measure, built once per set.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from scout.plan.bound import cpsat
from scout.plan.bound.measure import SetTravel
from scout.plan.bound.memo import Memo
from scout.plan.bound.setmodel import DayModel
from scout.plan.bound.simulate import DaySimulator
from scout.plan.days.build import DaysResult
from scout.plan.params import PlanParams
from scout.plan.problem import TripProblem
from scout.plan.value import SCALE

_EPS = 1e-6
ADMIT_SECONDS = 10.0  # deterministic seconds to find the planner's own days in a model (tests only)


@dataclass(frozen=True)
class SetModel:
    """The day-by-day model of one set of states, without an objective set (a check adds a floor instead)."""

    states: tuple[str, ...]
    model: cpsat.CpModel
    objective: cpsat.LinearExprT


class SetBounds:
    """Bounds for sets of states, one CP-SAT model per set; safe to use from several threads."""

    def __init__(self, problem: TripProblem, params: PlanParams) -> None:
        self.problem, self.params = problem, params
        self.simulator = DaySimulator(problem)
        self._travels: Memo[frozenset[str], SetTravel] = Memo()

    def travel(self, states: Sequence[str]) -> SetTravel:
        """How travel is measured for one set of states (built once per set)."""
        return self._travels.get(frozenset(states), lambda: SetTravel(self.problem, tuple(states), self.params))

    def _model(self, states: tuple[str, ...]) -> DayModel:
        return DayModel(self.problem, states, self.travel(states), self.simulator, self.params)

    def build(self, states: Sequence[str]) -> SetModel:
        """The model of one set of states, to ask :meth:`exceeds` and :meth:`bound`."""
        built = self._model(tuple(states))
        return SetModel(tuple(states), built.model, built.objective)

    def exceeds(self, built: SetModel, value: float, time_limit: float, seed: int) -> bool:
        """Whether an itinerary through the set might be worth more than ``value``: ``False`` is a proof that
        none is (CP-SAT usually finds it in presolve)."""
        return self._above(built, value, time_limit, seed) != cpsat.INFEASIBLE

    def _above(self, built: SetModel, value: float, time_limit: float, seed: int) -> cpsat.CpSolverStatus:
        """The status of the search for a solution worth more than ``value``."""
        check = built.model.clone()
        check.add(built.objective >= math.floor(value * SCALE + _EPS) + 1)
        status, _ = cpsat.solve(check, min(time_limit, self.params.check_seconds), seed)
        return status

    def admits(self, days: DaysResult) -> bool:
        """Whether the model of the set these days go through has them among its solutions.

        It must, for every itinerary the planner builds: the tests check it, since a bound that cut a real
        itinerary off could not be seen in the plan's figures (a refuted check returns the value it beat).
        """
        arrangement = days.arrangement
        built = self._model(tuple(sorted(arrangement.states)))
        model = built.model
        for night, (state, hotel) in enumerate(zip(arrangement.night_states(), arrangement.hotels, strict=True)):
            model.add(built.night[night][state] == 1)
            model.add(built.hotel[night][hotel] == 1)
        for route in days.routes:
            for stop in route.stops:
                var = built.visit.get((stop.place, route.day))
                if var is None:
                    return False
                model.add(var == 1)
        status, _ = cpsat.solve(model, ADMIT_SECONDS, 0)
        return status in (cpsat.OPTIMAL, cpsat.FEASIBLE)

    def bound(self, built: SetModel, time_limit: float, seed: int, above: float | None = None) -> float | None:
        """The most any itinerary through the set could be worth.

        With ``above``, first asks only whether more than ``above`` is possible at all, which CP-SAT often
        refutes at once: then the answer is ``above`` (itself a valid bound). ``None`` means no itinerary
        through these states exists.
        """
        model = built.model.clone()
        if above is not None:
            status = self._above(built, above, time_limit, seed)
            if status == cpsat.INFEASIBLE:
                return above
            if status in (cpsat.OPTIMAL, cpsat.FEASIBLE):  # a solution beats ``above``: so does the best
                model.add(built.objective >= math.floor(above * SCALE + _EPS) + 1)
        model.maximize(built.objective)
        status, solver = cpsat.solve(model, min(time_limit, self.params.bound_seconds), seed)
        if status not in (cpsat.OPTIMAL, cpsat.FEASIBLE, cpsat.UNKNOWN):
            return None
        if status == cpsat.UNKNOWN and not math.isfinite(solver.best_objective_bound):
            return math.inf  # stopped before any bound: says nothing
        return math.floor(solver.best_objective_bound + _EPS) / SCALE
