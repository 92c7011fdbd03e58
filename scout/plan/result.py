"""What the planner returns: the best days found, the bound proved, every set of states examined, and the
itinerary made of them."""

from __future__ import annotations

from dataclasses import dataclass

from scout.model.itinerary import Itinerary
from scout.plan.bound.selection import StateSet
from scout.plan.days.build import DaysResult
from scout.plan.problem import TripProblem


@dataclass(frozen=True)
class SetOutcome:
    """What one set of states gave: its bound, and the best days found for it (if it was built into days)."""

    states: StateSet  # with the best bound proved for this set
    best: DaysResult | None
    arrangements_tried: int  # 0 for a set not built into days (its bound left no room to beat the best)
    built: bool = True  # built into days (else refuted against the best itinerary, or never reached)


@dataclass(frozen=True)
class Plan:
    """The optimiser's answer, before it becomes an itinerary."""

    problem: TripProblem
    best: DaysResult
    bound: float  # upper bound on the value of any itinerary for this request
    outcomes: tuple[SetOutcome, ...]  # every set examined, best bound first

    @property
    def clock_limited(self) -> bool:
        """True if a routing search was cut by its wall-clock guard: then the result may vary by machine."""
        return any(o.best is not None and o.best.stopped_by_clock for o in self.outcomes)

    @property
    def proved_optimal(self) -> bool:
        return self.bound <= self.best.value + 1e-6


@dataclass(frozen=True)
class Planned:
    """:func:`scout.plan.solve.plan_trip`'s result: the plan, and the itinerary that renders it."""

    plan: Plan
    itinerary: Itinerary

    @property
    def clock_limited(self) -> bool:
        return self.plan.clock_limited
