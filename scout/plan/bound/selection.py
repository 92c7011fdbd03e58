"""Choosing the states: a CP-SAT relaxation of the whole trip over every candidate state at once.

The relaxation keeps what limits a trip most (working minutes per day, the days each state gets, the travel
into each state and into each place, the variety of kinds) and drops the order of visits. Its optimum is
therefore an upper bound on the value of any itinerary through the same states, and the best state sets
of the relaxation are the ones worth building days for. Solving it again with each found set forbidden
(:meth:`Relaxation.forbid`) lists the next-best sets in order, with their bounds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

from scout.errors import SearchLimitError
from scout.geo.distance import haversine_km, nearest_km
from scout.model import Coordinates
from scout.plan.bound import cpsat
from scout.plan.bound.variety import VarietyRanks
from scout.plan.params import PlanParams
from scout.plan.problem import TripProblem
from scout.plan.rules import day_span, lunch_starts
from scout.plan.value import SCALE

ORIGIN = ""  # the origin among the ends of the journeys between states


@dataclass(frozen=True)
class StateSet:
    """A set of states with the most any itinerary through exactly them could be worth."""

    states: tuple[str, ...]  # catalogue order
    bound: float
    places: tuple[str, ...]  # what the relaxation picked, a first guess at the itinerary


class Relaxation:
    """The selection model, built once and re-solved with found sets forbidden."""

    def __init__(self, problem: TripProblem, params: PlanParams) -> None:
        self.problem = problem
        self._running: cpsat.CpSolver | None = None
        self._stopped = False
        trip = problem.trip
        schedule = trip.schedule
        self.capacity = schedule.end - schedule.start - schedule.lunch_length
        self.model = cpsat.CpModel()
        model = self.model
        days = trip.day_count
        count = trip.state_count

        self.chosen = {code: model.new_bool_var(f"state_{code}") for code in problem.states}
        model.add(sum(self.chosen.values()) >= count.low)
        model.add(sum(self.chosen.values()) <= count.high)
        for code in problem.required_states:
            model.add(self.chosen[code] == 1)

        # Days that touch each state: a state with n nights touches n + 1 days, so over k states the days
        # touched add up to (nights) + k.
        touched = {code: model.new_int_var(0, days, f"days_{code}") for code in problem.states}
        for code, var in touched.items():
            model.add(var >= 2 * self.chosen[code])
            model.add(var <= days * self.chosen[code])
        model.add(sum(touched.values()) <= days - 1 + sum(self.chosen.values()))

        cost, way_in = self._place_costs()
        self.picked: dict[str, cpsat.IntVar] = {}
        for candidate in problem.candidates.values():
            var = model.new_bool_var(f"visit_{candidate.id}")
            model.add_implication(var, self.chosen[candidate.state])
            if candidate.required:
                model.add(var == 1)
            self.picked[candidate.id] = var
        for code in problem.states:
            load = sum(cost[c.id] * self.picked[c.id] for c in problem.in_state(code))
            model.add(load <= self.capacity * touched[code])
        # The journey into a state ends at its base or at a visit, whose way in is already counted with
        # its cost: take the largest way in of the state's places off, so the bound holds whichever it is.
        entry = self._entry_minutes()
        way_in_max = {code: max((way_in[c.id] for c in problem.in_state(code)), default=0) for code in problem.states}
        for code in problem.states:
            entry[code] -= way_in_max[code]
        # The last journey, to the origin, may leave from a visit rather than a base.
        origin = trip.origin
        leaving = (problem.floor.least_minutes(node, origin) for node, _ in self._nodes if node != origin)
        back = min(leaving, default=0)
        total = sum(cost[c] * var for c, var in self.picked.items())
        used = total + sum(entry[s] * self.chosen[s] for s in problem.states) + back
        # A day spent inside one state ends, in effect, when its last place can close a visit: a state with n
        # nights has n - 1 such days, and the days it is entered or left (one more than the states) keep the
        # whole schedule. Over the trip the zone changes of those days cancel out (each is undone on the way
        # home), so they add up to the schedule's length each.
        # Clocks falling back during the trip lengthen the days beyond that (_clock_change_minutes).
        usable = self._usable_minutes()
        inside = sum(usable[s] * (touched[s] - 2 * self.chosen[s]) for s in problem.states)
        available = inside + (sum(self.chosen.values()) + 1) * self.capacity + self._clock_change_minutes()
        model.add(used <= available)
        # The journeys between states, in the order visited: from the origin, from state to state, home.
        legs = self._legs()
        ends = [*problem.states, ORIGIN]
        arcs = {(a, b): model.new_bool_var(f"leg_{a}_{b}") for a in ends for b in ends if a != b}
        for code in ends:
            present = 1 if code == ORIGIN else self.chosen[code]
            model.add(sum(arcs[a, b] for a, b in arcs if b == code) == present)
            model.add(sum(arcs[a, b] for a, b in arcs if a == code) == present)
        for a, b in arcs:
            if a != ORIGIN and b != ORIGIN and a < b:
                model.add(arcs[a, b] + arcs[b, a] <= 1)  # with at most three states, only two can close a loop
        journeys = sum((legs[a, b] - (way_in_max[b] if b != ORIGIN else 0)) * var for (a, b), var in arcs.items())
        model.add(total + journeys <= available)

        ranks = VarietyRanks(model, problem.candidates.values(), trip.variety, self.picked, params.max_ranks)
        model.maximize(ranks.objective())

    def _place_costs(self) -> tuple[dict[str, int], dict[str, int]]:
        """Minutes a visit takes at the least (on site, plus the shortest way in from any other point), and
        the way-in part alone."""
        problem = self.problem
        way_in = problem.floor.ways_in(problem.candidates, self._nodes)
        cost = {c.id: c.duration + way_in[c.id] for c in problem.candidates.values()}
        return cost, way_in

    def _legs(self) -> dict[tuple[str, str], int]:
        """A floor on the journey between any point of one state (or the origin) and any point of another.

        Points of a state (its places and bases) lie within its radius of its default base, so two states are
        at least the distance between their default bases less both radii apart (exact pairs would cost 5,000²
        distances on a large catalogue). Known travel times may beat the floors; a path can use each at most
        once, so their savings come off.
        """
        problem = self.problem
        centres = {ORIGIN: self._location(problem.trip.origin)}
        radius = {ORIGIN: 0.0}
        for code in problem.states:
            centre = self._location(problem.base(code))
            centres[code] = centre
            points = [*problem.bases(code), *(c.id for c in problem.in_state(code))]
            radius[code] = max((haversine_km(centre, self._location(p)) for p in points), default=0.0)
        floor = problem.floor
        savings = sum(
            max(0.0, floor.direct(t.origin, t.destination) - t.minutes) * floor.known_uses(t) for t in floor.known
        )
        legs = {}
        for a, centre_a in centres.items():
            for b, centre_b in centres.items():
                if a != b:
                    km = max(0.0, haversine_km(centre_a, centre_b) - radius[a] - radius[b])
                    legs[a, b] = max(0, math.floor(floor.by_distance(km) - savings))
        return legs

    def _clock_change_minutes(self) -> int:
        """The most the days can add up to beyond the schedule's length each, from clock changes.

        A day runs from the schedule's start where the delegation wakes to its end where it sleeps; over the
        trip, the zone differences of those ends cancel out (every move is undone on the way home) except
        where a clock changes during the trip: at the origin between the first and last days, and at the
        place of a night when the clocks change that night. Summed, the days' lengths exceed the schedule's
        by at most the origin's shift plus, each night, the largest shift at any point a night is spent.
        """
        problem = self.problem
        trip = problem.trip
        points = [trip.origin, *(base for code in problem.states for base in problem.bases(code))]
        days = trip.day_count

        def shift(day: int, point: str) -> int:  # how much later in trip minutes the day starts than day 0
            return day_span(problem, day, point)[0] - day_span(problem, 0, point)[0] - 1440 * day

        extra = shift(days - 1, trip.origin)
        for night in range(1, days):
            extra += max(shift(night - 1, p) - shift(night, p) for p in points)
        return max(0, extra)

    def _usable_minutes(self) -> dict[str, int]:
        """Per state, the most working minutes a day spent wholly inside it can use: from the schedule's start
        to the latest end of a visit to any of its places (or the schedule's end), less the part of lunch that
        cannot be had after it. Travel to the first visit may start with the day, so the morning counts."""
        problem = self.problem
        length = problem.trip.schedule.lunch_length
        usable = {}
        for code in problem.states:
            best = 0
            for day in range(problem.trip.day_count):
                ends = [b + c.duration for c in problem.in_state(code) for _, b in c.starts[day]]
                if not ends:
                    continue
                for base in problem.bases(code):  # a day inside the state wakes at one of its bases
                    start, end = day_span(problem, day, base)
                    close = min(end, max(ends))
                    low, high = lunch_starts(problem, day, base)
                    lunch = min(max(0, min(at + length, close) - max(at, start)) for at in (low, high))
                    best = max(best, close - start - lunch)
            usable[code] = min(best, self.capacity)
        return usable

    def _entry_minutes(self) -> dict[str, int]:
        """The least travel to get into each state from the origin or from any other state."""
        problem = self.problem
        nodes = self._nodes
        state_of = {node: problem.catalogue.place(node).state for node, _ in nodes}
        entry = {}
        for code in problem.states:
            inside = [(node, where) for node, where in nodes if state_of[node] == code]
            outside = {node for node, _ in nodes if state_of[node] != code}
            nearest = nearest_km(inside, nodes, lambda _, point, code=code: state_of[point] == code, shared=True)  # type: ignore[misc]
            closest = min(nearest.values(), default=math.inf)
            best = problem.floor.minutes_by_distance(closest) if closest < math.inf else 0
            known = [k for node, _ in inside if (k := problem.floor.known_minimum(node, outside)) is not None]
            entry[code] = min([best, *known])
        return entry

    @cached_property
    def _nodes(self) -> list[tuple[str, Coordinates]]:
        """Every point a trip can pass through: the candidates, the states' bases and the origin."""
        problem = self.problem
        bases = [base for code in problem.states for base in problem.bases(code)]
        ids = dict.fromkeys([*problem.candidates, *bases, problem.trip.origin])
        return [(node, self._location(node)) for node in ids]

    def _location(self, place_id: str) -> Coordinates:
        location = self.problem.catalogue.place(place_id).location
        assert location is not None  # places without coordinates are never candidates, bases or the origin
        return location

    def stop(self) -> None:
        """End a search running in another thread, and any later one; they return ``None``."""
        self._stopped = True
        if self._running is not None:
            self._running.stop_search()

    def forbid(self, states: tuple[str, ...]) -> None:
        """Rule out exactly this set of states from later solves."""
        inside = [self.chosen[s] for s in states]
        outside = [var for code, var in self.chosen.items() if code not in states]
        self.model.add(sum(inside) - sum(outside) <= len(inside) - 1)

    def solve(self, time_limit: float, seed: int) -> StateSet | None:
        """The best state set not yet forbidden, or ``None`` if no other set is possible.

        Raises
        ------
        SearchLimitError
            When the search ends at its time limit (and again at four times it) without any state set: that
            says nothing about whether one exists.
        """
        for limit in (time_limit, 4 * time_limit):
            solver = cpsat.CpSolver()
            cpsat.configure(solver, limit, seed)
            self._running = solver
            if self._stopped:
                return None
            status = solver.solve(self.model)
            if status in (cpsat.OPTIMAL, cpsat.FEASIBLE):
                break
            if status == cpsat.INFEASIBLE:
                return None
        else:
            raise SearchLimitError(
                f"choosing the states found no answer within {4 * time_limit:g} s of search on "
                f"{len(self.problem.candidates)} candidate places",
                "raise solver.time_limit in the trip file, or narrow the states with states.include/exclude",
            )
        states = tuple(code for code in self.problem.states if solver.boolean_value(self.chosen[code]))
        places = tuple(c for c, var in self.picked.items() if solver.boolean_value(var))
        # The relaxation's proved bound, not its incumbent: valid even if the search stopped early.
        bound = math.floor(solver.best_objective_bound + 1e-6) / SCALE
        return StateSet(states, bound, places)
