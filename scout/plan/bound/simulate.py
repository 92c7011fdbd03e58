"""Simulated days: which sets of a state's places one day, from where it wakes to where it sleeps, can hold.

A simulated day starts at the schedule's start where it wakes and must end by the schedule's end where it
sleeps; each visit starts in one of its windows; travel follows a set's measure (never more than the real
chain of journeys between the same points); lunch starts in its window and may be had on the way (a stop
along a leg) or on arrival, and adds its length, as in the routing core; the travel stays within the daily
limit. Waiting is allowed. Other visits of the day only take time, so a set that no simulated day holds is
in no real day between the same two ends. The day's rules come from :mod:`scout.plan.rules`, as the days
built read them.
"""

from __future__ import annotations

from dataclasses import dataclass

from scout.model import Interval
from scout.plan.bound.measure import SetTravel
from scout.plan.bound.memo import Memo
from scout.plan.problem import TripProblem
from scout.plan.rules import day_between, lunch_optional, lunch_window

_EPS = 1e-6


@dataclass(frozen=True)
class DayRule:
    """What the rules allow a day from one point to another: its span and its lunch."""

    start: int  # the schedule's start where the day wakes, trip minutes
    end: int  # the schedule's end where it sleeps
    lunch: Interval  # when lunch may start
    lunch_optional: bool  # no lunch asked for, or had in the air


class DaySimulator:
    """Simulated days of one trip, shared by the models of every set of states (their results depend only on
    the day, its ends, the places and the travel among them, which is part of each key)."""

    def __init__(self, problem: TripProblem) -> None:
        self.problem = problem
        self._rules: Memo[tuple[int, str, str], DayRule] = Memo()
        self._masks: Memo[tuple[int, str, str, tuple[str, ...], tuple[float, ...]], frozenset[int]] = Memo()

    def day(self, day: int, wake: str, sleep: str) -> DayRule:
        """The rules of a day from ``wake`` to ``sleep``."""
        return self._rules.get((day, wake, sleep), lambda: self._rule(day, wake, sleep))

    def _rule(self, day: int, wake: str, sleep: str) -> DayRule:
        problem = self.problem
        start, end = day_between(problem, day, wake, sleep)
        optional = lunch_optional(problem, day, wake, sleep)
        return DayRule(start, end, lunch_window(problem, day, wake, sleep), optional)

    def fits(self, travel: SetTravel, day: int, wake: str, sleep: str, places: tuple[str, ...]) -> bool:
        """Whether some order of ``places`` and lunch fits a simulated day from ``wake`` to ``sleep``."""
        return (1 << len(places)) - 1 in self.feasible_masks(travel, day, wake, sleep, places)

    def infeasible_sets(
        self, travel: SetTravel, day: int, wake: str, sleep: str, places: tuple[str, ...]
    ) -> list[tuple[str, ...]]:
        """The least sets of ``places`` (sorted) that no simulated day from ``wake`` to ``sleep`` holds.

        Found by enumerating every subset with a label-setting search over orders (the time and travel of
        each partial day, with or without lunch had, keeping the labels no other beats on both). A day that
        holds a set holds each of its subsets (floors obey the triangle inequality, and waiting is allowed),
        so the least sets it cannot hold say all there is. An empty tuple among them means the day cannot
        run at all between these ends.
        """
        feasible = self.feasible_masks(travel, day, wake, sleep, places)
        n = len(places)
        least = []
        for mask in range(1 << n):
            if mask in feasible:
                continue
            if all((mask & ~(1 << i)) in feasible for i in range(n) if mask >> i & 1):
                least.append(tuple(places[i] for i in range(n) if mask >> i & 1))
        return least

    def feasible_masks(
        self, travel: SetTravel, day: int, wake: str, sleep: str, places: tuple[str, ...]
    ) -> frozenset[int]:
        """The subsets of ``places`` (bit masks) that some simulated day from ``wake`` to ``sleep`` holds."""
        key = (day, wake, sleep, places, travel.signature((wake, sleep, *places)))
        return self._masks.get(key, lambda: self._feasible_masks(travel, day, wake, sleep, places))

    def _feasible_masks(
        self, travel: SetTravel, day: int, wake: str, sleep: str, places: tuple[str, ...]
    ) -> frozenset[int]:
        """The subsets of ``places`` (bit masks) that some simulated day from ``wake`` to ``sleep`` holds."""
        problem = self.problem
        schedule = problem.trip.schedule
        lunch_length, limit = schedule.lunch_length, schedule.max_travel + _EPS
        rule = self.day(day, wake, sleep)
        low, high = rule.lunch
        optional = rule.lunch_optional
        start = float(rule.start)
        end = rule.end + _EPS
        n = len(places)
        candidates = [problem.candidates[p] for p in places]
        home = [travel.floor(p, sleep) for p in places]
        legs = [[travel.floor(a, b) for b in places] for a in [*places, wake]]  # row n: from the wake-up place

        def arrive(j: int, t: float) -> float | None:
            for opens, latest in candidates[j].starts[day]:
                if latest >= t - _EPS:
                    return max(t, opens) + candidates[j].duration
            return None

        def finishes(last: int, t: float, travelled: float, lunched: bool) -> bool:
            leg = travel.floor(wake, sleep) if last == n else home[last]
            if travelled + leg > limit:
                return False
            if lunched or optional:
                return t + leg <= end
            return max(t, low) <= high + _EPS and max(t + leg, low) + lunch_length <= end

        # labels[(mask, last, lunched)] = [(time, travelled)], none beaten by another on both
        labels: dict[tuple[int, int, bool], list[tuple[float, float]]] = {(0, n, lunch_length == 0): [(start, 0.0)]}
        feasible = set()
        for mask in range(1 << n):
            for last in range(n + 1):
                for lunched in (False, True):
                    front = labels.pop((mask, last, lunched), None)
                    if not front:
                        continue
                    for t, travelled in front:
                        if mask not in feasible and finishes(last, t, travelled, lunched):
                            feasible.add(mask)
                        for j in range(n):
                            if mask >> j & 1:
                                continue
                            leg = legs[last][j]
                            if travelled + leg + home[j] > limit:
                                continue
                            options = [(t + leg, lunched)]
                            if not lunched and max(t, low) <= high + _EPS:
                                options.append((max(t + leg, low) + lunch_length, True))
                            for reach, had in options:
                                done = arrive(j, reach)
                                if done is None or done + home[j] > end:
                                    continue
                                _keep(labels.setdefault((mask | 1 << j, j, had), []), done, travelled + leg)
        return frozenset(feasible)


def _keep(front: list[tuple[float, float]], t: float, travelled: float) -> None:
    """Add a label (time, travel) to a front unless one there is no later and no longer; drop those it beats."""
    for other_t, other_travelled in front:
        if other_t <= t + _EPS and other_travelled <= travelled + _EPS:
            return
    front[:] = [(a, b) for a, b in front if not (t <= a + _EPS and travelled <= b + _EPS)]
    front.append((t, travelled))
