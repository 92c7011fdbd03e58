"""The bound of one set of states: the trip relaxed day by day, in CP-SAT.

The selection relaxation (:mod:`scout.plan.bound.selection`) weighs every set of states at once, so it keeps only
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
(nothing worth more than a value) proves that none is. Travel is measured by :mod:`scout.plan.bound.measure`,
simulated days by :mod:`scout.plan.bound.simulate`; :mod:`scout.plan.bound.bounds` asks the questions of the
model.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np

from scout.model import Interval
from scout.plan.bound import cpsat
from scout.plan.bound.measure import SetTravel
from scout.plan.bound.simulate import DaySimulator
from scout.plan.bound.variety import VarietyRanks
from scout.plan.params import PlanParams
from scout.plan.problem import TripProblem

_EPS = 1e-6


@dataclass(frozen=True)
class DayEnds:
    """One way a day can run: where it starts, where it ends, and the literal that says it does."""

    wake: str
    sleep: str
    var: cpsat.IntVar


@dataclass(frozen=True)
class _Stretch:
    """The part of one way a day can run that the visits of one state can use."""

    ends: DayEnds
    begin: int  # the day's start, trip minutes
    journey_in: float  # travel into the state before its first visit, beyond the largest way in
    finish: float  # the latest end of the state's visits: the day's end, less the journey out if it leaves
    lunch: Interval | None  # when lunch may start, unless the day may skip it
    crossing: float | None  # on a day that enters from a far state: the crossing, beyond the largest way in


class DayModel:
    """The CP-SAT model of the days of one set of states, built when made.

    ``objective`` is the value of the visits, with variety; it is not set as the model's objective, since a
    check only asks for more than a value (:mod:`scout.plan.bound.bounds`).
    """

    def __init__(
        self,
        problem: TripProblem,
        states: tuple[str, ...],
        measure: SetTravel,
        simulator: DaySimulator,
        params: PlanParams,
    ) -> None:
        self.problem, self.states, self.measure, self.simulator, self.params = (
            problem, states, measure, simulator, params
        )  # fmt: skip
        self.model = cpsat.CpModel()
        self.objective: cpsat.LinearExprT = 0
        trip = problem.trip
        self.bases = {s: problem.bases(s) for s in states}
        self.base_state = {hotel: s for s in states for hotel in self.bases[s]}
        self.members = {s: list(problem.in_state(s)) for s in states}
        self.state_of = {c.id: s for s in states for c in self.members[s]}
        self.way_in = self._way_in()
        self.sites = self._sites()
        self.way_in_apart = self._way_in_apart()
        self.largest_way_in = {s: max((self.way_in[c.id] for c in self.members[s]), default=0) for s in states}
        self.travel: dict[int, cpsat.IntVar] = {}
        self.night: list[dict[str, cpsat.IntVar]] = []
        self.hotel: list[dict[str, cpsat.IntVar]] = []  # per night, whether it is spent at each base
        self.ends: list[list[DayEnds]] = []
        self.picked: dict[str, cpsat.IntVar] = {}
        self.visit: dict[tuple[str, int], cpsat.IntVar] = {}
        if trip.day_count < len(states) + 1:  # each state needs a night: no arrangement exists
            self.model.add_bool_or([])
            return
        self._nights()
        self._visits()
        for day in range(trip.day_count):
            self._day(day)
        self._cuts()
        picked = {c: self.picked[c] for c in self.state_of}
        candidates = (problem.candidates[c] for c in self.state_of)
        self.objective = VarietyRanks(self.model, candidates, trip.variety, picked, params.max_ranks).objective()

    # -- the nights and the kinds of days ------------------------------------------------------------------

    def _nights(self) -> None:
        """One state per night, every state some nights, each state's nights in one run (as arrangements); each
        night at one of its state's bases, the one the trip fixes if it does (any sequence of bases: a relaxation
        of the few the arrangements try, :func:`scout.plan.days.arrangements.stays`)."""
        model, states = self.model, self.states
        trip = self.problem.trip
        nights = trip.day_count - 1
        self.night = [{s: model.new_bool_var(f"night_{d}_{s}") for s in states} for d in range(nights)]
        for d in range(nights):
            model.add_exactly_one(self.night[d].values())
            at: dict[str, cpsat.IntVar] = {}
            for s in states:
                if len(self.bases[s]) == 1:
                    at[self.bases[s][0]] = self.night[d][s]
                    continue
                for hotel in self.bases[s]:
                    at[hotel] = model.new_bool_var(f"hotel_{d}_{hotel}")
                model.add(sum(at[hotel] for hotel in self.bases[s]) == self.night[d][s])
            fixed = trip.hotel_on(d)
            if fixed is not None:
                if fixed in at:
                    model.add(at[fixed] == 1)
                else:  # the hotel of a state outside the set: no itinerary of this set keeps it
                    model.add_bool_or([])
            self.hotel.append(at)
        for s in states:
            model.add(sum(self.night[d][s] for d in range(nights)) >= 1)
            runs = []
            for d in range(nights):
                run = model.new_bool_var(f"run_{d}_{s}")
                model.add(run >= self.night[d][s] - (self.night[d - 1][s] if d else 0))
                runs.append(run)
            model.add(sum(runs) <= 1)
        # For each day, the ways it can run: (wake, sleep, literal), exactly one of them true.
        origin = trip.origin
        last = nights
        for d in range(nights + 1):
            if d == 0:
                ways = [DayEnds(origin, hotel, var) for hotel, var in self.hotel[0].items()]
            elif d == last:
                ways = [DayEnds(hotel, origin, var) for hotel, var in self.hotel[last - 1].items()]
            else:
                ways = []
                for a, before in self.hotel[d - 1].items():
                    for b, after in self.hotel[d].items():
                        literal = model.new_bool_var(f"ends_{d}_{a}_{b}")
                        model.add(literal <= before)
                        model.add(literal <= after)
                        model.add(literal >= before + after - 1)
                        ways.append(DayEnds(a, b, literal))
            self.ends.append(ways)

    def _ways_for(self, day: int, state: str) -> list[DayEnds]:
        """The ways a day can run that touch ``state``: woken or slept at one of its bases."""
        return [e for e in self.ends[day] if state in (self._state_at(e.wake), self._state_at(e.sleep))]

    def _inside(self, ends: DayEnds) -> bool:
        """True for a day that wakes and sleeps in one state (at one of its bases or two)."""
        return self._state_at(ends.wake) == self._state_at(ends.sleep)

    def _ends_known(self, day: int, ends: DayEnds) -> bool:
        """True for days whose places are all in one state with both ends known (first, last, inside)."""
        return day in (0, len(self.ends) - 1) or self._inside(ends)

    # -- the visits ----------------------------------------------------------------------------------------

    def _visits(self) -> None:
        """A place is visited at most once, on a day that touches its state, that it is open, and on which a
        simulated day from that day's start to its end can include it."""
        model, problem = self.model, self.problem
        for place, state in self.state_of.items():
            candidate = problem.candidates[place]
            picked = model.new_bool_var(f"visit_{place}")
            if candidate.required:
                model.add(picked == 1)
            on_days = []
            for day, windows in enumerate(candidate.starts):
                if not windows:
                    continue
                ways = [e.var for e in self._ways_for(day, state) if self._fits(day, e, (place,))]
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
        return problem.floor.ways_in(self.state_of, located)

    def _sites(self) -> dict[str, tuple[str, ...]]:
        """The sites with more than one candidate of the set: a short walk joins their places."""
        sites: dict[str, list[str]] = {}
        for place in self.state_of:
            site = self.problem.catalogue.place(place).site
            if site is not None:
                sites.setdefault(site, []).append(place)
        return {site: tuple(sorted(ps)) for site, ps in sorted(sites.items()) if len(ps) > 1}

    def _way_in_apart(self) -> dict[str, int]:
        """The least leg into each place of a site from any point outside its site (the leg into the first
        place of a site visited that day); the way in of every other place."""
        apart = dict(self.way_in)
        if not self.sites or not self.measure.measured:
            return apart
        floor = self.measure.floor
        for members in self.sites.values():
            for p in members:
                others = [q for q in self.measure.nodes if q != p and q not in members]
                if others:
                    apart[p] = max(apart[p], math.floor(min(floor(q, p) for q in others) + _EPS))
        return apart

    def _fits(self, day: int, e: DayEnds, places: tuple[str, ...]) -> bool:
        return self.simulator.fits(self.measure, day, e.wake, e.sleep, places)

    # -- each day's time and travel ------------------------------------------------------------------------

    def _day(self, day: int) -> None:
        model, problem, rules = self.model, self.problem, self.simulator
        schedule = problem.trip.schedule
        visits = [(p, var) for (p, d), var in self.visit.items() if d == day]
        travel = model.new_int_var(0, schedule.max_travel, f"travel_{day}")
        self.travel[day] = travel
        ways = self.ends[day]
        # The visits, the lunch (unless only a flight can hold it, as the routing core allows) and the travel
        # fit between the start of the schedule where the day wakes and its end where it sleeps.
        length = sum(
            (rules.day(day, e.wake, e.sleep).end - rules.day(day, e.wake, e.sleep).start) * e.var for e in ways
        )
        lunch = sum((0 if rules.day(day, e.wake, e.sleep).lunch_optional else schedule.lunch_length) * e.var
                    for e in ways)  # fmt: skip
        duration = sum(problem.candidates[p].duration * var for p, var in visits)
        model.add(duration + travel + lunch <= length)
        # The day travels at least from its start to its end.
        model.add(travel >= sum(math.floor(self.measure.floor(e.wake, e.sleep)) * e.var for e in ways))
        # Each visit has a leg into it of at least its way in; on a day that changes state, the leg that
        # crosses into the next state (or home) is at least the least floor between the two, and if it ends
        # at a visit, that visit's way in is already counted: take the state's largest way in off.
        crossing = []
        for e in ways:
            if self._inside(e):
                continue
            into = self._state_at(e.sleep)
            cross = self.measure.between(self._state_at(e.wake), into)
            if into is not None:
                cross -= self.largest_way_in[into]
            if cross > 0:
                crossing.append(math.floor(cross) * e.var)
        model.add(travel >= sum(self.way_in[p] * var for p, var in visits) + sum(crossing))
        # The same with the legs into places of a site from outside it, but for the places a site-mate
        # visited that day may lead to (each but the first of a site's visits), and the leg back to where the
        # day sleeps from its last visit, on a day that sleeps where it woke.
        walks = self._walks(dict(visits), f"walks_{day}")
        home = []
        if visits:
            any_visit = model.new_bool_var(f"visits_{day}")
            for _, var in visits:
                model.add(any_visit >= var)
            for e in ways:
                if not self._inside(e):
                    continue
                touched = [p for p, _ in visits if self.state_of[p] == self._state_at(e.sleep)]
                back = min((self.measure.floor(p, e.sleep) for p in touched), default=0.0)
                if back >= 1:
                    both = model.new_bool_var(f"home_{day}_{e.sleep}")
                    model.add(both >= e.var + any_visit - 1)
                    home.append(math.floor(back + _EPS) * both)
        if walks or home:
            model.add(travel >= sum(self.way_in_apart[p] * var for p, var in visits) - sum(walks) + sum(home)
                      + sum(crossing))  # fmt: skip
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

    def _closing(self, day: int, visits: list[tuple[str, cpsat.IntVar]]) -> None:
        """Visits confined to a stretch of the day fit in it, with the legs between them and lunch.

        For each state and each stretch from ``o`` to ``c`` (``o`` a time before which some of its places
        cannot start, or the day's start; ``c`` a time by which some must end), the visits that can only
        fall inside it take their length there, and the legs into them too but the first (which may start
        earlier: the state's largest way in is given back), with the part of lunch its window forces inside.
        The stretch shrinks to what the day allows (:meth:`_stretches`).

        On a day that enters the state from one far away, every visit of the state left comes before the
        crossing: when the day visits a place that ends by ``c``, those visits and their ways in come before
        ``c`` too.
        """
        candidates = self.problem.candidates
        for state in self.states:
            here = [(p, var) for p, var in visits if self.state_of[p] == state]
            if not here:
                continue
            first = {p: min(low for low, _ in candidates[p].starts[day]) for p, _ in here}
            last = {p: max(high for _, high in candidates[p].starts[day]) + candidates[p].duration for p, _ in here}
            elsewhere = [(p, var) for p, var in visits if self.state_of[p] != state]
            others = sum((candidates[p].duration + self.way_in[p]) * var for p, var in elsewhere)
            stretches = self._stretches(day, state)
            opens = sorted({*first.values()})
            for close in sorted(set(last.values())):
                for open_ in [None, *opens]:
                    inside = [(p, var) for p, var in here if last[p] <= close and (open_ is None or first[p] >= open_)]
                    if inside and (open_ is None or open_ < close):
                        self._fit_stretch(state, stretches, inside, others, open_, close)

    def _stretches(self, day: int, state: str) -> list[_Stretch]:
        """For each way the day can run through ``state``, the part of it the state's visits can use.

        After the journey into the state, on a day that enters it; before the journey out of it, on a day that
        leaves it for the origin or a state so far away that crossing three times exceeds the daily travel
        limit (then no visit of the state comes after it).
        """
        largest_way_in = self.largest_way_in[state]
        stretches = []
        for e in self._ways_for(day, state):
            rule = self.simulator.day(day, e.wake, e.sleep)
            journey_in, crossing, finish = 0.0, None, float(rule.end)
            if self._state_at(e.wake) != state:  # entering: the journey to the state's first point comes first
                points = self.measure.points[state]
                journey_in = max(0.0, min(self.measure.floor(e.wake, q) for q in points) - largest_way_in)
                left = self._state_at(e.wake)
                if left is not None and self._far(left, state):
                    # the visits of the state left, with their ways in, then the leg that crosses
                    crossing = max(0.0, self.measure.between(left, state) - largest_way_in)
            if self._state_at(e.sleep) != state:  # leaving: for good, home or to a far state
                onward = self._state_at(e.sleep)
                if onward is None or self._far(state, onward):
                    finish -= self.measure.between(state, onward)
            lunch = None if rule.lunch_optional else rule.lunch
            stretches.append(_Stretch(e, rule.start, journey_in, finish, lunch, crossing))
        return stretches

    def _fit_stretch(
        self,
        state: str,
        stretches: list[_Stretch],
        inside: list[tuple[str, cpsat.IntVar]],
        others: cpsat.LinearExpr | int,
        open_: int | None,
        close: int,
    ) -> None:
        """The visits ``inside`` (which can only fall between ``open_``, or the day's start, and ``close``),
        with their ways in, fit in that stretch of whichever way the day runs."""
        model, candidates = self.model, self.problem.candidates
        largest_way_in = self.largest_way_in[state]
        needed = sum((candidates[p].duration + self.way_in[p]) * var for p, var in inside)
        for stretch in stretches:
            if stretch.crossing is not None and open_ is None:
                # Once the day visits one of these, the state left comes first, then the crossing.
                high = min(close, stretch.finish)
                forced = self._forced_lunch(stretch, float(stretch.begin), high)
                first_part = max(0, math.floor(high - stretch.begin - stretch.crossing - forced))
                for _, var in inside:
                    model.add(needed + others <= first_part).only_enforce_if([stretch.ends.var, var])
        model.add(needed <= self._room(state, stretches, open_, close, largest_way_in))
        # The same with the legs into places of a site from outside it, less a walk for each but the first of
        # a site's visits in the stretch.
        walks = self._walks(dict(inside), "stretch_walks")
        if any(self.way_in_apart[p] != self.way_in[p] for p, _ in inside):
            apart = sum((candidates[p].duration + self.way_in_apart[p]) * var for p, var in inside) - sum(walks)
            largest = max((self.way_in_apart[c.id] for c in self.members[state]), default=0)
            model.add(apart <= self._room(state, stretches, open_, close, largest))

    def _walks(self, visits: dict[str, cpsat.IntVar], name: str) -> list[cpsat.LinearExpr]:
        """What the walks within sites save on the legs into ``visits`` counted from outside their sites: for
        each site, all but the first of its visits may come from a site-mate."""
        walks: list[cpsat.LinearExpr] = []
        for site, members in self.sites.items():
            here = [visits[p] for p in members if p in visits]
            if len(here) < 2:
                continue
            followers = self.model.new_int_var(0, len(here) - 1, f"{name}_{site}")
            for var in here:
                self.model.add(followers <= sum(here) - var)
            saving = max(self.way_in_apart[p] for p in members if p in visits) - min(self.way_in[p] for p in members)
            walks.append(saving * followers)
        return walks

    def _forced_lunch(self, stretch: _Stretch, low: float, high: float) -> float:
        lunch = stretch.lunch
        return 0.0 if lunch is None else _overlap(lunch, self.problem.trip.schedule.lunch_length, low, high)

    def _room(
        self, state: str, stretches: list[_Stretch], open_: int | None, close: int, given_back: int
    ) -> cpsat.LinearExprT:
        """The minutes for visits and their ways in between ``open_`` (or the day's start) and ``close``, on
        whichever way the day runs; ``given_back`` is the largest way in counted (at least the state's
        largest way in), as the leg into the first visit may come before the opening, and is part of the
        journey into the state on a day that enters it."""
        room = []
        beyond = given_back - self.largest_way_in[state]
        for stretch in stretches:
            high = min(close, stretch.finish)
            if open_ is None or open_ <= stretch.begin + stretch.journey_in:
                # From the day's start: the journey in, lunch and the visits (lunch and travel never overlap: a
                # lunch on the way lengthens the leg)
                low, taken = float(stretch.begin), max(0.0, stretch.journey_in - beyond)
            else:  # from the opening: the leg into the first visit may come before it
                low, taken = float(open_), -given_back
            forced = self._forced_lunch(stretch, low, high)
            room.append(max(0, math.floor(high - low - taken - forced)) * stretch.ends.var)
        return sum(room)

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
                # Days between two states get the least sets of a small state too: a flight out of Durango
                # leaves room for one of its places, not four (the sample's bound: 175.0 to 173.5). Their pairs
                # took twice as long to plan the sample for 3.0 more, so they are kept to days with known ends.
                for e in self._ways_for(day, state):
                    exact = len(here) <= self.params.exact_places
                    if exact:
                        infeasible = self.simulator.infeasible_sets(self.measure, day, e.wake, e.sleep, tuple(here))
                        for least in infeasible:
                            model.add(sum(self.visit[p, day] for p in least) + e.var <= len(least))
                    if len(here) > self.params.pair_places or not self._ends_known(day, e):
                        continue
                    self._pairs(day, e, here, exact=exact)
                    if self.params.exact_places < len(here) <= self.params.triple_places:
                        self._triples(day, e, here)

    def _legs(self, e: DayEnds, here: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """For a day from ``e.wake`` to ``e.sleep``: the least travel into each of ``here``, out of each,
        between each two, and of the day through each pair in the better order."""
        floor = self.measure.floor
        into = np.array([floor(e.wake, p) for p in here])
        out = np.array([floor(p, e.sleep) for p in here])
        between = np.array([[floor(a, b) for b in here] for a in here])
        ordered = into[:, None] + between + out[None, :]  # [i, j]: wake -> i -> j -> sleep
        return into, out, between, np.minimum(ordered, ordered.T)

    def _pairs(self, day: int, e: DayEnds, here: list[str], exact: bool) -> None:
        model, visit, travel = self.model, self.visit, self.travel[day]
        into, out, _, pairs = self._legs(e, here)
        single = into + out
        for (a, i), (b, j) in itertools.combinations(enumerate(here), 2):
            if not exact and not self._fits(day, e, (i, j)):
                model.add(visit[i, day] + visit[j, day] + e.var <= 2)
                continue
            both = pairs[a, b]
            if both > max(single[a], single[b]) + self.params.margin:
                model.add(travel >= math.floor(both + _EPS) * (visit[i, day] + visit[j, day] + e.var - 2))

    def _triples(self, day: int, e: DayEnds, here: list[str]) -> None:
        # A visit at a fixed time (a meeting) splits its day: two places that each fit beside it, and beside
        # each other, may not fit all three.
        model, visit, travel, problem = self.model, self.visit, self.travel[day], self.problem
        starts = {p: problem.candidates[p].starts[day] for p in here}
        anchors = {p for p in here if all(high - low <= self.params.anchor_width for low, high in starts[p])}
        for triple in itertools.combinations(here, 3):
            if anchors.intersection(triple):
                pairs_fit = all(self._fits(day, e, pair) for pair in itertools.combinations(triple, 2))
                if pairs_fit and not self._fits(day, e, triple):
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
        for n in np.nonzero(three > two + self.params.margin)[0]:
            triple = (here[i[n]], here[j[n]], here[k[n]])
            model.add(travel >= math.floor(three[n] + _EPS) * (sum(visit[p, day] for p in triple) + e.var - 3))

    # -- helpers -------------------------------------------------------------------------------------------

    def _state_at(self, point: str) -> str | None:
        """The state whose base ``point`` is, or ``None`` for the origin."""
        return self.base_state.get(point)


def _overlap(window: tuple[int, int], length: int, low: float, high: float) -> float:
    """The least part of a lunch of ``length``, starting anywhere in ``window``, inside ``[low, high]``.

    The overlap first grows, then stays, then shrinks as the start moves, so its least is at an end."""

    def inside(start: int) -> float:
        return max(0.0, min(start + length, high) - max(start, low))

    return min(inside(window[0]), inside(window[1]))
