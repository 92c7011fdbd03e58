"""The bound of one set of states: the trip relaxed day by day, in CP-SAT.

The selection relaxation (:mod:`scout.plan.selection`) weighs every set of states at once, so it keeps only
totals: minutes per state, journeys in order. This model takes one set and keeps its days. Each night is
spent in one state of the set, the nights of a state follow each other, and every day runs from where the
delegation woke (the origin or a base) to where it sleeps. A place is visited at most once, on a day that
touches its state and on which it is open. Per day, the visits, lunch and a travel variable fit between the
schedule's start where the day wakes and its end where it sleeps; the travel is at least the journey between
the two, the legs into the visits, and the detours through visits, pairs and triples. Visits that must fall
between an opening and a closing time fit there. On days whose two ends are known (the first, the last and
the days inside one state), a state with few places gets every least set of them that no simulated day
holds; travel is measured by the shortest chains of the planner's own journeys.

Every constraint holds for every itinerary the planner can build (the reasons are beside each), so the
optimum is an upper bound on the value of any itinerary through exactly these states, and a refuted check
(nothing worth more than a value) proves that none is. On the sample trip the bound of Baja California,
Durango and Mexico City falls from 230.8 (the selection model) to 215.0, within 1.7 % of the itinerary.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from ortools.sat.python import cp_model

from scout.geo.distance import nearest_km
from scout.plan.days import DaysResult, lunch_only_in_the_air
from scout.plan.problem import TripProblem
from scout.plan.selection import configure
from scout.plan.value import SCALE, VarietyRanks, known_minimum, minutes_floor

CHECK_SECONDS = 0.5  # deterministic seconds to refute a set against a value; past them it may exceed it
BOUND_SECONDS = 2.0  # and to solve a set's model: its proved bound then, even if not yet its optimum
JOURNEY_NODES = 90  # points of a set up to which travel is measured by the journeys themselves
EXACT_PLACES = 10  # states with at most this many places open on a day get every set no day can hold
PAIR_PLACES = 40  # states with more candidates get no cuts on pairs (their number grows with the square)
TRIPLE_PLACES = 25  # nor on triples (the cube)
ANCHOR_WIDTH = 60  # minutes: a visit whose start can move at most this much splits its day (a meeting)
MARGIN = 5  # minutes a pair's or triple's detour must add to the single ones' to be worth a constraint
_EPS = 1e-6


@dataclass(frozen=True)
class SetModel:
    """The day-by-day model of one set of states, without an objective set (a check adds a floor instead)."""

    states: tuple[str, ...]
    model: cp_model.CpModel
    objective: cp_model.LinearExprT


@dataclass(frozen=True)
class _Ends:
    """One way a day can run: where it starts, where it ends, and the literal that says it does."""

    wake: str
    sleep: str
    var: cp_model.IntVar


class SetBounds:
    """Bounds for sets of states, one CP-SAT model per set; what sets share (travel floors, simulated days)
    is computed once."""

    def __init__(self, problem: TripProblem) -> None:
        self.problem = problem
        self._travels: dict[frozenset[str], _Travel] = {}
        self._day_bounds: dict[tuple[int, str], tuple[int, int]] = {}
        self._lunch: dict[tuple[int, str, str], tuple[int, int, bool]] = {}
        # Shared by every set that measures the travel among their points alike (it is part of the key):
        self._infeasible: dict[tuple[int, str, str, tuple[str, ...], tuple[float, ...]], list[tuple[str, ...]]] = {}

    def build(self, states: Sequence[str]) -> SetModel:
        """The model of one set of states, to ask :meth:`exceeds` and :meth:`bound` (safe in another thread)."""
        built = _SetModel(self, tuple(states))
        model, objective = built.build()
        return SetModel(tuple(states), model, objective)

    def exceeds(self, built: SetModel, value: float, time_limit: float, seed: int) -> bool:
        """Whether an itinerary through the set might be worth more than ``value``: ``False`` is a proof that
        none is (CP-SAT usually finds it in presolve)."""
        return self._above(built, value, time_limit, seed) != cp_model.INFEASIBLE

    def _above(self, built: SetModel, value: float, time_limit: float, seed: int) -> cp_model.CpSolverStatus:
        """The status of the search for a solution worth more than ``value``."""
        check = built.model.clone()
        check.add(built.objective >= math.floor(value * SCALE + _EPS) + 1)
        status, _ = self._solve(check, min(time_limit, CHECK_SECONDS), seed)
        return status

    def admits(self, days: DaysResult) -> bool:
        """Whether the model of the set these days go through has them among its solutions.

        It must, for every itinerary the planner builds: the tests check it, since a bound that cut a real
        itinerary off could not be seen in the plan's figures (a refuted check returns the value it beat).
        """
        arrangement = days.arrangement
        built = _SetModel(self, tuple(sorted(arrangement.states)))
        model, _ = built.build()
        for night, state in enumerate(arrangement.night_states()):
            model.add(built.night[night][state] == 1)
        for route in days.routes:
            for stop in route.stops:
                var = built.visit.get((stop.place, route.day))
                if var is None:
                    return False
                model.add(var == 1)
        status, _ = self._solve(model, 10.0, 0)
        return status in (cp_model.OPTIMAL, cp_model.FEASIBLE)

    def bound(self, built: SetModel, time_limit: float, seed: int, above: float | None = None) -> float | None:
        """The most any itinerary through the set could be worth.

        With ``above``, first asks only whether more than ``above`` is possible at all, which CP-SAT often
        refutes at once: then the answer is ``above`` (itself a valid bound). ``None`` means no itinerary
        through these states exists.
        """
        model = built.model.clone()
        if above is not None:
            status = self._above(built, above, time_limit, seed)
            if status == cp_model.INFEASIBLE:
                return above
            if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):  # a solution beats ``above``: so does the best
                model.add(built.objective >= math.floor(above * SCALE + _EPS) + 1)
        model.maximize(built.objective)
        status, solver = self._solve(model, min(time_limit, BOUND_SECONDS), seed)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE, cp_model.UNKNOWN):
            return None
        if status == cp_model.UNKNOWN and not math.isfinite(solver.best_objective_bound):
            return math.inf  # stopped before any bound: says nothing
        return math.floor(solver.best_objective_bound + _EPS) / SCALE

    def _solve(
        self, model: cp_model.CpModel, time_limit: float, seed: int
    ) -> tuple[cp_model.CpSolverStatus, cp_model.CpSolver]:
        solver = cp_model.CpSolver()
        configure(solver, time_limit, seed)
        return solver.solve(model), solver

    def travel(self, states: Sequence[str]) -> _Travel:
        """How travel is measured for one set of states (built once per set; safe from two threads, as every
        cache here holds values that depend only on their keys)."""
        key = frozenset(states)
        if key not in self._travels:
            self._travels[key] = _Travel(self, tuple(states))
        return self._travels[key]

    def day_bounds(self, day: int, point: str) -> tuple[int, int]:
        key = (day, point)
        if key not in self._day_bounds:
            self._day_bounds[key] = self.problem.day_bounds(day, point)
        return self._day_bounds[key]

    def lunch_window(self, day: int, wake: str, sleep: str) -> tuple[int, int]:
        """When lunch may start on a day between two places, as the routing core allows it (days.py)."""
        key = (day, wake, sleep)
        if key not in self._lunch:
            problem = self.problem
            low_wake, high_wake = problem.lunch_starts(day, wake)
            low_sleep, high_sleep = problem.lunch_starts(day, sleep)
            optional = problem.trip.schedule.lunch_length == 0 or lunch_only_in_the_air(problem, day, wake, sleep)
            self._lunch[key] = (min(low_wake, low_sleep), max(high_wake, high_sleep), optional)
        low, high, _ = self._lunch[key]
        return low, high

    def lunch_optional(self, day: int, wake: str, sleep: str) -> bool:
        """True when the routing core lets the day skip lunch (had in the air, on a long flight)."""
        self.lunch_window(day, wake, sleep)
        return self._lunch[day, wake, sleep][2]


class _Travel:
    """Travel between the points the days of one set of states can pass (the origin, the states' bases and
    places), and what simulated days show with it."""

    def __init__(self, bounds: SetBounds, states: tuple[str, ...]) -> None:
        self.bounds = bounds
        problem = self.problem = bounds.problem
        self.points: dict[str | None, list[str]] = {None: [problem.trip.origin]}  # None: the origin
        for state in states:
            self.points[state] = [problem.base(state), *(c.id for c in problem.in_state(state))]
        self.nodes = list(dict.fromkeys(point for points in self.points.values() for point in points))
        self.metric = _journeys(problem, self.nodes) if len(self.nodes) <= JOURNEY_NODES else None
        self._floors: dict[tuple[str, str], float] = {}
        self._between: dict[tuple[str | None, str | None], float] = {}
        self._fits: dict[tuple[int, str, str, tuple[str, ...]], bool] = {}

    @property
    def measured(self) -> bool:
        """True when measured by the journeys (not by the floors)."""
        return self.metric is not None

    def floor(self, origin: str, destination: str) -> float:
        """The least travel from one point of the set to another, by any chain of journeys (by the travel
        floors when the set is too large to measure by its journeys)."""
        if self.metric is not None:
            return self.metric[origin, destination]
        key = (origin, destination)
        if key not in self._floors:
            self._floors[key] = self.problem.floor.least(origin, destination)
        return self._floors[key]

    def between(self, a: str | None, b: str | None) -> float:
        """The least travel from any point of one state (``None``: the origin) to any point of another."""
        key = (a, b)
        if key not in self._between:
            floor = self.floor
            self._between[key] = min(floor(p, q) for p in self.points[a] for q in self.points[b])
        return self._between[key]

    def _signature(self, points: Sequence[str]) -> tuple[float, ...]:
        """The travel between some points, by which results that depend on nothing else can be shared by
        every set that measures them alike."""
        floor = self.floor
        return tuple(floor(a, b) for a in points for b in points)

    def fits(self, day: int, wake: str, sleep: str, places: tuple[str, ...]) -> bool:
        """Whether some order of ``places`` and lunch fits a day from ``wake`` to ``sleep``.

        The simulated day starts at the schedule's start where it wakes and must end by the schedule's end
        where it sleeps; each visit starts in one of its windows; travel follows :meth:`floor` (never more
        than the real chain of journeys between the same points); lunch starts in its window and may be
        had on the way (a stop along a leg) or on arrival, and adds its length, as in the routing core; the
        travel stays within the daily limit. Waiting is allowed. Other visits of the day only take time, so
        a ``False`` holds for any real day that includes ``places`` between these two ends.
        """
        key = (day, wake, sleep, places)
        if key not in self._fits:
            self._fits[key] = (1 << len(places)) - 1 in self._feasible_masks(day, wake, sleep, places)
        return self._fits[key]

    def infeasible_sets(self, day: int, wake: str, sleep: str, places: tuple[str, ...]) -> list[tuple[str, ...]]:
        """The least sets of ``places`` (sorted) that no simulated day from ``wake`` to ``sleep`` holds.

        Found by enumerating every subset with a label-setting search over orders (the time and travel of
        each partial day, with or without lunch had, keeping the labels no other beats on both). A day that
        holds a set holds each of its subsets (floors obey the triangle inequality, and waiting is allowed),
        so the least sets it cannot hold say all there is. An empty tuple among them means the day cannot
        run at all between these ends.
        """
        key = (day, wake, sleep, places, self._signature((wake, sleep, *places)))
        if key not in self.bounds._infeasible:
            feasible = self._feasible_masks(day, wake, sleep, places)
            n = len(places)
            least = []
            for mask in range(1 << n):
                if mask in feasible:
                    continue
                if all((mask & ~(1 << i)) in feasible for i in range(n) if mask >> i & 1):
                    least.append(tuple(places[i] for i in range(n) if mask >> i & 1))
            self.bounds._infeasible[key] = least
        return self.bounds._infeasible[key]

    def _feasible_masks(self, day: int, wake: str, sleep: str, places: tuple[str, ...]) -> set[int]:
        """The subsets of ``places`` (bit masks) that some simulated day from ``wake`` to ``sleep`` holds."""
        problem = self.problem
        schedule = problem.trip.schedule
        lunch_length, limit = schedule.lunch_length, schedule.max_travel + _EPS
        low, high = self.bounds.lunch_window(day, wake, sleep)
        optional = self.bounds.lunch_optional(day, wake, sleep)
        start = float(self.bounds.day_bounds(day, wake)[0])
        end = self.bounds.day_bounds(day, sleep)[1] + _EPS
        n = len(places)
        candidates = [problem.candidates[p] for p in places]
        home = [self.floor(p, sleep) for p in places]
        legs = [[self.floor(a, b) for b in places] for a in [*places, wake]]  # row n: from the wake-up place

        def arrive(j: int, t: float) -> float | None:
            for opens, latest in candidates[j].starts[day]:
                if latest >= t - _EPS:
                    return max(t, opens) + candidates[j].duration
            return None

        def finishes(last: int, t: float, travelled: float, lunched: bool) -> bool:
            leg = self.floor(wake, sleep) if last == n else home[last]
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
        return feasible


class _SetModel:
    """The CP-SAT model of one set of states (built once, by :meth:`build`)."""

    def __init__(self, bounds: SetBounds, states: tuple[str, ...]) -> None:
        self.bounds = bounds
        self.problem = bounds.problem
        self.states = states
        self.model = cp_model.CpModel()

    def build(self) -> tuple[cp_model.CpModel, cp_model.LinearExprT]:
        problem, model, states = self.problem, self.model, self.states
        trip = problem.trip
        days = trip.day_count
        self.base = {s: problem.base(s) for s in states}
        self.members = {s: [c for c in problem.in_state(s)] for s in states}
        self.state_of = {c.id: s for s in states for c in self.members[s]}
        self.measure = self.bounds.travel(states)
        self.travel: dict[int, cp_model.IntVar] = {}
        objective: cp_model.LinearExprT = 0
        if days < len(states) + 1:  # each state needs a night: no arrangement exists
            model.add_bool_or([])
            return model, objective
        self.way_in = self._way_in()
        self.largest_way_in = {s: max((self.way_in[c.id] for c in self.members[s]), default=0) for s in states}
        self._nights()
        self._visits()
        for day in range(days):
            self._day(day)
        self._cuts()
        picked = {c: self.picked[c] for c in self.state_of}
        ranks = VarietyRanks(model, (problem.candidates[c] for c in self.state_of), trip.variety, picked)
        return model, ranks.objective()  # not set as the objective: a check only asks for more than a value

    # -- the nights and the kinds of days ------------------------------------------------------------------

    def _nights(self) -> None:
        """One state per night, every state some nights, each state's nights in one run (as arrangements)."""
        model, states = self.model, self.states
        nights = self.problem.trip.day_count - 1
        self.night = [{s: model.new_bool_var(f"night_{d}_{s}") for s in states} for d in range(nights)]
        for d in range(nights):
            model.add_exactly_one(self.night[d].values())
        for s in states:
            model.add(sum(self.night[d][s] for d in range(nights)) >= 1)
            runs = []
            for d in range(nights):
                run = model.new_bool_var(f"run_{d}_{s}")
                model.add(run >= self.night[d][s] - (self.night[d - 1][s] if d else 0))
                runs.append(run)
            model.add(sum(runs) <= 1)
        # For each day, the ways it can run: (wake, sleep, literal), exactly one of them true.
        origin = self.problem.trip.origin
        self.ends: list[list[_Ends]] = []
        last = nights
        for d in range(nights + 1):
            if d == 0:
                ways = [_Ends(origin, self.base[s], self.night[0][s]) for s in states]
            elif d == last:
                ways = [_Ends(self.base[s], origin, self.night[last - 1][s]) for s in states]
            else:
                ways = []
                for a in states:
                    for b in states:
                        literal = model.new_bool_var(f"ends_{d}_{a}_{b}")
                        before, after = self.night[d - 1][a], self.night[d][b]
                        model.add(literal <= before)
                        model.add(literal <= after)
                        model.add(literal >= before + after - 1)
                        ways.append(_Ends(self.base[a], self.base[b], literal))
            self.ends.append(ways)

    def _ways_for(self, day: int, state: str) -> list[_Ends]:
        """The ways a day can run that touch ``state``: woken or slept at its base."""
        base = self.base[state]
        return [e for e in self.ends[day] if base in (e.wake, e.sleep)]

    def _settled(self, day: int, ends: _Ends) -> bool:
        """True for days whose places are all in one state with both ends known (first, last, inside)."""
        return day in (0, len(self.ends) - 1) or ends.wake == ends.sleep

    # -- the visits ----------------------------------------------------------------------------------------

    def _visits(self) -> None:
        """A place is visited at most once, on a day that touches its state, that it is open, and on which a
        simulated day from that day's start to its end can include it."""
        model, problem = self.model, self.problem
        self.picked: dict[str, cp_model.IntVar] = {}
        self.visit: dict[tuple[str, int], cp_model.IntVar] = {}
        for place, state in self.state_of.items():
            candidate = problem.candidates[place]
            picked = model.new_bool_var(f"visit_{place}")
            if candidate.required:
                model.add(picked == 1)
            on_days = []
            for day, windows in enumerate(candidate.starts):
                if not windows:
                    continue
                ways = [e.var for e in self._ways_for(day, state) if self.measure.fits(day, e.wake, e.sleep, (place,))]
                if not ways:
                    continue
                var = model.new_bool_var(f"visit_{place}_{day}")
                model.add(var <= sum(ways))
                self.visit[place, day] = var
                on_days.append(var)
            model.add(sum(on_days) == picked)
            self.picked[place] = picked

    def _way_in(self) -> dict[str, int]:
        """The least leg into each place, from any other point a day of this set can pass."""
        problem = self.problem
        nodes = self.measure.nodes
        if self.measure.measured:
            floor = self.measure.floor
            return {p: math.floor(min(floor(q, p) for q in nodes if q != p) + _EPS) for p in self.state_of}
        located = [(n, loc) for n in nodes if (loc := problem.catalogue.place(n).location) is not None]
        queries = [(p, loc) for p, loc in located if p in self.state_of]
        nearest = nearest_km(queries, located)
        among = set(nodes)
        result = {}
        for place in self.state_of:
            by_distance = minutes_floor(problem, nearest[place]) if nearest[place] < math.inf else 0
            known = known_minimum(problem, place, among)
            result[place] = by_distance if known is None else min(by_distance, known)
        return result

    # -- each day's time and travel ------------------------------------------------------------------------

    def _day(self, day: int) -> None:
        model, problem, bounds = self.model, self.problem, self.bounds
        schedule = problem.trip.schedule
        visits = [(p, var) for (p, d), var in self.visit.items() if d == day]
        travel = model.new_int_var(0, schedule.max_travel, f"travel_{day}")
        self.travel[day] = travel
        ways = self.ends[day]
        # The visits, the lunch (unless only a flight can hold it, as the routing core allows) and the travel
        # fit between the start of the schedule where the day wakes and its end where it sleeps.
        length = sum((bounds.day_bounds(day, e.sleep)[1] - bounds.day_bounds(day, e.wake)[0]) * e.var for e in ways)
        lunch = sum((0 if bounds.lunch_optional(day, e.wake, e.sleep) else schedule.lunch_length) * e.var for e in ways)
        duration = sum(problem.candidates[p].duration * var for p, var in visits)
        model.add(duration + travel + lunch <= length)
        # The day travels at least from its start to its end.
        model.add(travel >= sum(math.floor(self.measure.floor(e.wake, e.sleep)) * e.var for e in ways))
        # Each visit has a leg into it of at least its way in; on a day that changes state, the leg that
        # crosses into the next state (or home) is at least the least floor between the two, and if it ends
        # at a visit, that visit's way in is already counted: take the state's largest way in off.
        crossing = []
        for e in ways:
            if e.wake == e.sleep:
                continue
            into = self._state_at(e.sleep)
            cross = self.measure.between(self._state_at(e.wake), into)
            if into is not None:
                cross -= self.largest_way_in[into]
            if cross > 0:
                crossing.append(math.floor(cross) * e.var)
        model.add(travel >= sum(self.way_in[p] * var for p, var in visits) + sum(crossing))
        # A visit lies on the day's way from its start to its end: the travel is at least the detour through
        # it. (Written with the largest detour as a big-M: when the place is not visited, the right side is
        # at most the journey between the ends.)
        for place, var in visits:
            state = self.state_of[place]
            floor = self.measure.floor
            through = [(floor(e.wake, place) + floor(place, e.sleep), e) for e in self._ways_for(day, state)]
            slack = max(detour - self.measure.floor(e.wake, e.sleep) for detour, e in through)
            model.add(travel >= sum(math.floor(t) * e.var for t, e in through) - math.ceil(slack + 1) * (1 - var))
        self._closing(day, visits)

    def _closing(self, day: int, visits: list[tuple[str, cp_model.IntVar]]) -> None:
        """Visits confined to a stretch of the day fit in it, with the legs between them and lunch.

        For each state and each stretch from ``o`` to ``c`` (``o`` a time before which some of its places
        cannot start, or the day's start; ``c`` a time by which some must end), the visits that can only
        fall inside it take their length there, and the legs into them too but the first (which may start
        earlier: the state's largest way in is given back), with the part of lunch its window forces inside.
        The stretch shrinks to what the day allows: after the journey into the state, on a day that enters
        it; before the journey out of it, on a day that leaves it for the origin or a state so far away that
        crossing three times exceeds the daily travel limit (then no visit of the state comes after it).

        On a day that enters the state from one that far away, every visit of the state left comes before
        the crossing: when the day visits a place that ends by ``c``, those visits and their ways in come
        before ``c`` too.
        """
        model, problem, bounds = self.model, self.problem, self.bounds
        schedule = problem.trip.schedule
        candidates = problem.candidates
        for state in self.states:
            here = [(p, var) for p, var in visits if self.state_of[p] == state]
            if not here:
                continue
            first = {p: min(low for low, _ in candidates[p].starts[day]) for p, _ in here}
            last = {p: max(high for _, high in candidates[p].starts[day]) + candidates[p].duration for p, _ in here}
            elsewhere = [(p, var) for p, var in visits if self.state_of[p] != state]
            others = sum((candidates[p].duration + self.way_in[p]) * var for p, var in elsewhere)
            largest_way_in = self.largest_way_in[state]
            ways = []  # (ends, day start, journey in not counted, latest end, lunch window, crossing if ordered)
            for e in self._ways_for(day, state):
                begin = bounds.day_bounds(day, e.wake)[0]
                finish: float = bounds.day_bounds(day, e.sleep)[1]
                journey_in, crossing = 0.0, None
                if e.wake != self.base[state]:  # entering: the journey to the state's first point comes first
                    points = self.measure.points[state]
                    journey_in = max(0.0, min(self.measure.floor(e.wake, q) for q in points) - largest_way_in)
                    left = self._state_at(e.wake)
                    if left is not None and self._far(left, state):
                        # the visits of the state left, with their ways in, then the leg that crosses
                        crossing = max(0.0, self.measure.between(left, state) - largest_way_in)
                if e.sleep != self.base[state]:  # leaving: for good, home or to a far state
                    onward = self._state_at(e.sleep)
                    if onward is None or self._far(state, onward):
                        finish -= self.measure.between(state, onward)
                optional = bounds.lunch_optional(day, e.wake, e.sleep)
                lunch = None if optional else bounds.lunch_window(day, e.wake, e.sleep)
                ways.append((e, begin, journey_in, finish, lunch, crossing))
            opens = sorted({*first.values()})
            for close in sorted(set(last.values())):
                for open_ in [None, *opens]:
                    inside = [(p, var) for p, var in here if last[p] <= close and (open_ is None or first[p] >= open_)]
                    if not inside or (open_ is not None and open_ >= close):
                        continue
                    needed = sum((candidates[p].duration + self.way_in[p]) * var for p, var in inside)
                    room = []
                    for e, begin, journey_in, finish, lunch, crossing in ways:
                        high = min(close, finish)
                        if open_ is None or open_ <= begin + journey_in:
                            # From the day's start: the journey in, lunch and the visits (lunch and travel
                            # never overlap: a lunch on the way lengthens the leg)
                            low, taken = float(begin), journey_in
                        else:  # from the opening: the leg into the first visit may come before it
                            low, taken = float(open_), -largest_way_in
                        forced = 0.0 if lunch is None else _overlap(lunch, schedule.lunch_length, low, high)
                        room.append(max(0, math.floor(high - low - taken - forced)) * e.var)
                        if crossing is not None and open_ is None:
                            # Once the day visits one of these, the state left comes first, then the crossing.
                            first_part = max(0, math.floor(high - begin - crossing - forced))
                            for _, var in inside:
                                model.add(needed + others <= first_part).only_enforce_if([e.var, var])
                    model.add(needed <= sum(room))

    def _far(self, a: str, b: str) -> bool:
        """True when crossing between two states three times exceeds the daily travel limit, so that a day
        that goes from one to the other visits the first's places, crosses once, then the second's."""
        crossing = min(self.measure.between(a, b), self.measure.between(b, a))
        return 3 * crossing > self.problem.trip.schedule.max_travel

    # -- pairs and triples ---------------------------------------------------------------------------------

    def _cuts(self) -> None:
        """What simulated days show about the places of a state on a day, for each way the day can run.

        A state with few places open that day gets every set of them that no simulated day holds, at its
        least; a larger one gets the pairs (and, smaller, the triples) on days with both ends known, and the
        detours of pairs and triples where they exceed the single places'. Either way, other visits of the
        day only take time, so a simulated day of one state's places bounds every real day that has them.
        """
        model = self.model
        for day in range(len(self.ends)):
            for state in self.states:
                here = sorted(p for p in self.state_of if self.state_of[p] == state and (p, day) in self.visit)
                # Days between two states are left out: with them too, the sample trip's bound was the same
                # and the models took longer to build (their pairs of bases differ from set to set).
                for e in (e for e in self._ways_for(day, state) if self._settled(day, e)):
                    exact = len(here) <= EXACT_PLACES
                    if exact:
                        for least in self.measure.infeasible_sets(day, e.wake, e.sleep, tuple(here)):
                            model.add(sum(self.visit[p, day] for p in least) + e.var <= len(least))
                    if len(here) > PAIR_PLACES:
                        continue
                    self._pairs(day, e, here, exact=exact)
                    if EXACT_PLACES < len(here) <= TRIPLE_PLACES:
                        self._triples(day, e, here)

    def _legs(self, e: _Ends, here: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """For a day from ``e.wake`` to ``e.sleep``: the least travel into each of ``here``, out of each,
        between each two, and of the day through each pair in the better order."""
        floor = self.measure.floor
        into = np.array([floor(e.wake, p) for p in here])
        out = np.array([floor(p, e.sleep) for p in here])
        between = np.array([[floor(a, b) for b in here] for a in here])
        ordered = into[:, None] + between + out[None, :]  # [i, j]: wake -> i -> j -> sleep
        return into, out, between, np.minimum(ordered, ordered.T)

    def _pairs(self, day: int, e: _Ends, here: list[str], exact: bool) -> None:
        model, visit, travel = self.model, self.visit, self.travel[day]
        into, out, _, pairs = self._legs(e, here)
        single = into + out
        for (a, i), (b, j) in itertools.combinations(enumerate(here), 2):
            if not exact and not self.measure.fits(day, e.wake, e.sleep, (i, j)):
                model.add(visit[i, day] + visit[j, day] + e.var <= 2)
                continue
            both = pairs[a, b]
            if both > max(single[a], single[b]) + MARGIN:
                model.add(travel >= math.floor(both + _EPS) * (visit[i, day] + visit[j, day] + e.var - 2))

    def _triples(self, day: int, e: _Ends, here: list[str]) -> None:
        # A visit at a fixed time (a meeting) splits its day: two places that each fit beside it, and beside
        # each other, may not fit all three.
        model, visit, travel, problem = self.model, self.visit, self.travel[day], self.problem
        fits = self.measure.fits
        starts = {p: problem.candidates[p].starts[day] for p in here}
        anchors = {p for p in here if all(high - low <= ANCHOR_WIDTH for low, high in starts[p])}
        for triple in itertools.combinations(here, 3):
            if anchors.intersection(triple):
                pairs_fit = all(fits(day, e.wake, e.sleep, pair) for pair in itertools.combinations(triple, 2))
                if pairs_fit and not fits(day, e.wake, e.sleep, triple):
                    model.add(sum(visit[p, day] for p in triple) + e.var <= 3)
        # The detour of each triple, in its best order, against its pairs': every triple at once.
        if len(here) < 3:
            return
        into, out, between, pairs = self._legs(e, here)
        i, j, k = (np.array(axis) for axis in zip(*itertools.combinations(range(len(here)), 3), strict=True))
        three = np.full(len(i), np.inf)
        for x, y, z in itertools.permutations((i, j, k)):
            three = np.minimum(three, into[x] + between[x, y] + between[y, z] + out[z])
        two = np.maximum(np.maximum(pairs[i, j], pairs[i, k]), pairs[j, k])
        for n in np.nonzero(three > two + MARGIN)[0]:
            triple = (here[i[n]], here[j[n]], here[k[n]])
            model.add(travel >= math.floor(three[n] + _EPS) * (sum(visit[p, day] for p in triple) + e.var - 3))

    # -- helpers -------------------------------------------------------------------------------------------

    def _state_at(self, point: str) -> str | None:
        """The state whose base ``point`` is, or ``None`` for the origin."""
        return next((s for s, b in self.base.items() if b == point), None)


def _journeys(problem: TripProblem, nodes: list[str]) -> dict[tuple[str, str], float]:
    """The least travel between any two of ``nodes`` by a chain of the planner's own journeys.

    The routing core times each leg by its journey; a day's legs chain journeys, and a chain is never shorter
    than the shortest chain between its ends (Floyd–Warshall), which obeys the triangle inequality that
    dropping a visit from a day relies on. Journeys rounded up to whole minutes are at least the floors, so
    this is tighter (on the sample trip, Los Angeles to the Rumorosa grade: 257 minutes by the floors, which
    allow a flight, against 346 by road).
    """
    minutes = problem.minutes
    table = np.array([[0.0 if a == b else float(minutes(a, b)) for b in nodes] for a in nodes])
    for via in range(len(nodes)):
        np.minimum(table, table[:, via : via + 1] + table[via : via + 1, :], out=table)
    return {(a, b): float(table[i, j]) for i, a in enumerate(nodes) for j, b in enumerate(nodes)}


def _overlap(window: tuple[int, int], length: int, low: float, high: float) -> float:
    """The least part of a lunch of ``length``, starting anywhere in ``window``, inside ``[low, high]``.

    The overlap first grows, then stays, then shrinks as the start moves, so its least is at an end."""

    def inside(start: int) -> float:
        return max(0.0, min(start + length, high) - max(start, low))

    return min(inside(window[0]), inside(window[1]))


def _keep(front: list[tuple[float, float]], t: float, travelled: float) -> None:
    """Add a label (time, travel) to a front unless one there is no later and no longer; drop those it beats."""
    for other_t, other_travelled in front:
        if other_t <= t + _EPS and other_travelled <= travelled + _EPS:
            return
    front[:] = [(a, b) for a, b in front if not (t <= a + _EPS and travelled <= b + _EPS)]
    front.append((t, travelled))
