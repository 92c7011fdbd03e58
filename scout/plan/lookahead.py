"""The sets of states in the selection model's order, found and modelled in background threads.

CP-SAT releases Python's lock, so the next sets' selection solves and day-by-day models share the machine's
cores with the routing of the current one. Every search is bounded by deterministic time and the sets are
read in order, so running them alongside changes when they end, never what the plan is.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

from scout.plan.bound.bounds import SetBounds, SetModel
from scout.plan.bound.selection import Relaxation, StateSet
from scout.plan.params import PlanParams
from scout.plan.problem import TripProblem


class Lookahead:
    """The sets of states in the selection relaxation's order, found and modelled ahead of the planner.

    One thread solves the relaxation again and again, each found set forbidden for the next; another builds
    the day-by-day model of each found set. The planner reads them in order with :meth:`get`.
    """

    def __init__(self, problem: TripProblem, relaxation: Relaxation, by_day: SetBounds, params: PlanParams) -> None:
        self.problem, self.relaxation, self.by_day, self.params = problem, relaxation, by_day, params
        self._finder = ThreadPoolExecutor(max_workers=1)
        self._builder = ThreadPoolExecutor(max_workers=1)
        self._built: list[Future[tuple[StateSet | None, SetModel | None]]] = []

    def get(self, index: int, depth: int) -> tuple[StateSet | None, SetModel | None]:
        """The ``index``-th set and its model (``None`` past the last set, or for a set too large to model),
        with up to ``depth`` more sets started behind it."""
        while len(self._built) <= index + max(depth, 0):
            found = self._finder.submit(self._find)
            self._built.append(self._builder.submit(self._build, found))
        return self._built[index].result()

    def _find(self) -> StateSet | None:
        state_set = self.relaxation.solve(self.problem.trip.solver.time_limit, self.problem.trip.solver.seed)
        if state_set is not None:
            self.relaxation.forbid(state_set.states)
        return state_set

    def _build(self, found: Future[StateSet | None]) -> tuple[StateSet | None, SetModel | None]:
        state_set = found.result()
        if state_set is None or candidates_in(self.problem, state_set) > self.params.bound_places:
            return state_set, None
        return state_set, self.by_day.build(state_set.states)

    def close(self) -> None:
        self.relaxation.stop()
        for future in self._built:
            future.cancel()
        self._builder.shutdown(wait=True, cancel_futures=True)
        self._finder.shutdown(wait=True, cancel_futures=True)


def candidates_in(problem: TripProblem, state_set: StateSet) -> int:
    """How many candidate places a set of states holds."""
    return sum(1 for c in problem.candidates.values() if c.state in state_set.states)
