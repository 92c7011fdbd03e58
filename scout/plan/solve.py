"""The planner: choose the states, arrange the nights, route the days, explain what was left out.

``plan_trip`` is a function of explicit inputs (catalogue, trip, travel assumptions, effort) that returns a
plain :class:`Plan`; nothing here reads a file, prints, or looks at the clock to decide anything.

1. The selection relaxation (CP-SAT, :mod:`scout.plan.selection`) ranks state sets by the most any
   itinerary through them could be worth. The next sets are found, and their day-by-day models
   (:mod:`scout.plan.setbound`) built, in background threads while the planner works on this one.
2. Once an itinerary is in hand, each set is first checked against its value with its day-by-day model:
   a set proved unable to beat it is not built into days. The others (four at the most) are: every
   arrangement (order of states, nights in each) that fits the dated meetings is routed quickly (first
   solution), the most promising are improved by local search.
3. A set that beats an earlier set's best gets the compiled ruin-and-recreate search
   (:mod:`scout.plan.search`) at once, and its own bound solved in the background; the best of the other
   arrangements get it at the end.
4. The sets examined are settled: each refuted against the best value or the largest bound proved, or
   solved. The plan's bound is the largest; examination stops when no set left can raise it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace

from scout.errors import ImpossibleRequestError, SearchLimitError
from scout.plan.days import Arrangement, DaysResult, TravelTable, arrangements, plan_days, points_of, shortlist
from scout.plan.problem import TripProblem
from scout.plan.routing import Effort
from scout.plan.selection import Relaxation, StateSet
from scout.plan.setbound import SetBounds, SetModel

Progress = Callable[[str], None]


@dataclass(frozen=True)
class SetOutcome:
    """What one set of states gave: its bound, and the best days found for it (if it was built into days)."""

    states: StateSet  # with the best bound proved for this set
    best: DaysResult | None
    arrangements_tried: int  # 0 for a set not built into days (its bound left no room to beat the best)
    routed: bool = True


@dataclass(frozen=True)
class Plan:
    problem: TripProblem
    best: DaysResult
    bound: float  # upper bound on the value of any itinerary for this request
    outcomes: tuple[SetOutcome, ...]  # every set examined, best bound first

    @property
    def clock_limited(self) -> bool:
        """True if a routing search was cut by its wall-clock guard: then the result may vary by machine."""
        return any(o.best is not None and o.best.stopped_by_clock for o in self.outcomes)


SETS = 4  # state sets built into days at the most, best bound first (measured: docs/planner.md)
BOUND_SETS = 24  # state sets whose bound is proved set by set at the most, before the rest share one
SETTLE_GAP = 0.02  # within this share of a set's relaxation bound from the best value, settle the sets seen
BOUND_PLACES = 200  # candidates in a set up to which it gets the day-by-day bound (setbound.py)
LARGE_SETS = 3  # sets built into days at the most when they are larger (5,000 places: the 4th took 4 s, found less)
POLISH = 4  # itineraries that get ruin and recreate at the end: the best after local search, of any set
RUINS = 2000  # iterations of ruin and recreate each (measured on the sample trip: docs/planner.md)
RUIN_SIZE = 240  # places routed × days up to which an itinerary gets every iteration; larger get fewer


@dataclass(frozen=True)
class _Searched:
    """An arrangement after local search, with what it takes to search it again."""

    value: float
    outcome: int  # index in the plan's outcomes
    arrangement: Arrangement
    ranks: dict[str, int]
    routed: frozenset[str]
    table: TravelTable


@dataclass
class _Examined:
    """A set of states on its way through the planner: its bound so far, and whether that is proved tight."""

    states: StateSet
    bound: float  # the least upper bound proved so far for this set
    settled: bool  # True once ``bound`` is the day-by-day model's (or no better one is available)
    model: SetModel | None = None  # the day-by-day model, until settled
    solving: Future[float | None] | None = None  # its bound, being solved in the background
    best: DaysResult | None = None
    tried: int = 0
    routed: bool = False


class _Lookahead:
    """The sets of states in the selection relaxation's order, found and modelled ahead of the planner.

    One thread solves the relaxation again and again, each found set forbidden for the next; another builds
    the day-by-day model of each found set. The planner reads them in order with :meth:`get`.
    """

    def __init__(self, problem: TripProblem, relaxation: Relaxation, by_day: SetBounds) -> None:
        self.problem, self.relaxation, self.by_day = problem, relaxation, by_day
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
        if state_set is None or _candidates(self.problem, state_set) > BOUND_PLACES:
            return state_set, None
        return state_set, self.by_day.build(state_set.states)

    def close(self) -> None:
        self.relaxation.stop()
        for future in self._built:
            future.cancel()
        self._builder.shutdown(wait=True, cancel_futures=True)
        self._finder.shutdown(wait=True, cancel_futures=True)


def plan_trip(
    problem: TripProblem,
    *,
    sets: int = SETS,
    improve: int = 3,
    polish: int = POLISH,
    ruins: int = RUINS,
    progress: Progress | None = None,
) -> Plan:
    """Plan the trip described by ``problem``.

    Parameters
    ----------
    problem
        The request with its calendar rules already turned into windows.
    sets
        How many state sets to build days for at the most. Sets come in the selection relaxation's order;
        a set whose day-by-day bound cannot beat the best itinerary so far is not built at all.
    improve
        How many of each set's arrangements get a local search after the quick first routing.
    polish, ruins
        How many of the best itineraries after local search (over every set) then get ``ruins`` iterations
        of ruin and recreate; counts, never seconds, so the result is the same on any machine.
    progress
        Called with a short message at each step, for the terminal's progress display.

    Raises
    ------
    ImpossibleRequestError
        When no itinerary satisfies the request, naming the reasons.
    """
    planning = _Planning(problem, sets, improve, polish, ruins, progress or (lambda message: None))
    return planning.run()


class _Planning:
    """One run of :func:`plan_trip`: the sets examined, the arrangements searched, the best days so far."""

    def __init__(self, problem: TripProblem, sets: int, improve: int, polish: int, ruins: int, say: Progress) -> None:
        self.problem, self.sets, self.improve, self.polish, self.ruins, self.say = (
            problem, max(sets, 1), improve, polish, ruins, say
        )  # fmt: skip
        self.limit, self.seed = problem.trip.solver.time_limit, problem.trip.solver.seed
        self.examined: list[_Examined] = []
        self.searched: list[_Searched] = []
        self.polished: set[int] = set()  # positions in ``searched``
        self.best: DaysResult | None = None
        self.rest: float | None = None  # a bound for every set not examined, when the examination stops short

    def run(self) -> Plan:
        self.say("choosing the states")
        relaxation = Relaxation(self.problem)
        self.by_day = SetBounds(self.problem)
        # The best set's own bound is solved in this thread while the other sets are examined.
        self.background = ThreadPoolExecutor(max_workers=1)
        try:
            # The next sets are found (the selection relaxation, forbidding each found set in turn) and their
            # day-by-day models built in two more threads while this set is examined and its days routed:
            # CP-SAT releases the GIL, so the work shares the machine's cores. Searches are bounded by
            # deterministic time and read in order, so running them alongside changes when they end, never
            # what the plan is.
            ahead = _Lookahead(self.problem, relaxation, self.by_day)
            try:
                self._examine(ahead)
            finally:
                ahead.close()  # searches still running (after Ctrl-C, or not needed) end now
            best = self.best
            if best is None:
                built = [SetOutcome(e.states, e.best, e.tried) for e in self.examined if e.routed]
                raise ImpossibleRequestError("no itinerary satisfies the trip", _why_none(self.problem, built))
            # Ruin and recreate finds what the local search cannot (on the sample trip, 211.3 against 195.3,
            # with any seed); only the most promising arrangements get it.
            self.say("improving the best itineraries")
            searched = self.searched
            order = sorted(range(len(searched)), key=lambda i: -searched[i].value)
            room = max(0, self.polish - len(self.polished)) if self.ruins > 0 else 0
            for position in [i for i in order if i not in self.polished][:room]:
                self._improve(position)
            # Every set not yet settled gets its day-by-day bound: most are refuted against the best at once;
            # the others (the best itinerary's set, at least) are solved to their own bound.
            self.say("bounding the states")
            self._settle()
        finally:
            self.background.shutdown(wait=False, cancel_futures=True)
        best = self.best
        assert best is not None  # an impossible request has been refused above
        examined = self.examined
        bound = max([best.value, *(e.bound for e in examined), *([self.rest] if self.rest is not None else [])])
        ordered = sorted(examined, key=lambda e: (-e.bound, e.best is None, -(e.best.value if e.best else 0.0)))
        outcomes = tuple(SetOutcome(replace(e.states, bound=e.bound), e.best, e.tried, e.routed) for e in ordered)
        return Plan(self.problem, best, bound, outcomes)

    def _examine(self, ahead: _Lookahead) -> None:
        """Take the sets in the selection model's order: bound each, build the promising ones into days."""
        examined = self.examined
        index, room, depth = 0, BOUND_SETS, 1  # two ahead once a set proves small enough to model
        while True:
            if index >= room:
                self.rest = examined[-1].states.bound  # the sets not examined are bounded by this one's
                return
            try:
                state_set, model = ahead.get(index, depth=min(depth, room - index - 1))
            except SearchLimitError:
                if self.best is None:
                    raise
                self.rest = examined[-1].states.bound
                return  # an itinerary is in hand: only the comparison with further sets is cut short
            index += 1
            if state_set is None:
                return  # no other set of states is possible at all
            best = self.best
            if best is not None and state_set.bound <= best.value + 1e-9:
                return  # no remaining set can beat the best itinerary
            if best is not None and state_set.bound * (1 - SETTLE_GAP) <= best.value:
                # Close to the best itinerary's value: settling the sets examined so far (the best's own, at
                # least, to its optimum) may already prove that none of the rest can raise the bound.
                self.say("bounding the states")
                self._settle()
                if state_set.bound <= max(e.bound for e in examined) + 1e-9:
                    return
            entry = _Examined(state_set, state_set.bound, settled=model is None, model=model)
            examined.append(entry)
            if model is None:
                # Too large for the day-by-day model: as many sets as are built into days, and no more than
                # LARGE_SETS unless more are asked for (--alternatives): each takes seconds to solve and route.
                room, depth = (self.sets if self.sets > SETS else min(self.sets, LARGE_SETS)), 1
            else:
                depth = 2
            if model is not None and best is not None and not self._may_beat(model, best):
                entry.bound, entry.settled, entry.model = best.value, True, None
                continue  # the day-by-day bound proves it cannot beat the best itinerary: not built
            if sum(e.routed for e in examined) < self.sets:
                self._build(entry)

    def _may_beat(self, model: SetModel, best: DaysResult) -> bool:
        return self.by_day.exceeds(model, best.value, self.limit, self.seed)

    def _build(self, entry: _Examined) -> None:
        """Build one set into days; a set that beats an earlier set's best is polished at once."""
        problem, state_set = self.problem, entry.states
        names = " + ".join(problem.catalogue.state(code).name for code in state_set.states)
        self.say(f"building days through {names}")
        first = len(self.searched)
        outcome, descended = _best_days(problem, state_set, self.improve, len(self.examined) - 1)
        entry.best, entry.tried, entry.routed = outcome.best, outcome.arrangements_tried, True
        self.searched.extend(descended)
        if outcome.best is None or (self.best is not None and outcome.best.value <= self.best.value + 1e-9):
            return
        displaced, self.best = self.best is not None, outcome.best
        if not displaced:
            return  # the first set built has nothing to beat yet: it waits for the end, with the rest
        # A set that beats the best of another gets ruin and recreate now, on each arrangement searched (the
        # best after local search is not always the best after it): the higher the value to beat, the more of
        # the sets still to come the day-by-day bound rules out before they are built.
        if self.ruins > 0:
            for position in range(first, len(self.searched))[: max(0, self.polish - len(self.polished))]:
                self._improve(position)
        if entry.model is not None and entry.solving is None:
            # Its bound will be wanted when the sets are settled: solve it meanwhile, in the background (the
            # result does not depend on when it is read).
            value = self.best.value
            entry.solving = self.background.submit(self.by_day.bound, entry.model, self.limit, self.seed, value)

    def _improve(self, position: int) -> None:
        """Ruin and recreate one arrangement after its local search, and keep what it finds."""
        self.polished.add(position)
        entry = self.searched[position]
        # An iteration's cost grows with the places routed times the days (about 50 µs on the sample trip):
        # larger itineraries get proportionally fewer, by count, so the time stays bounded.
        size = max(1, len(entry.routed) * self.problem.trip.day_count)
        rounds = max(1, min(self.ruins, self.ruins * RUIN_SIZE // size))
        improved = plan_days(self.problem, entry.arrangement, entry.ranks, Effort.DESCENT, entry.routed,
                             entry.table, ruins=rounds, seed=self.seed)  # fmt: skip
        if improved is None:
            return
        owner = self.examined[entry.outcome]
        if owner.best is None or improved.value > owner.best.value + 1e-9:
            owner.best = improved
        if self.best is None or improved.value > self.best.value + 1e-9:
            self.best = improved

    def _settle(self) -> None:
        """Prove the day-by-day bound of every set examined and not yet settled, the largest relaxation bound
        first: each is refuted against the best value or the largest bound proved so far (which the plan's
        bound is anyway), often at once, or else solved, which raises that bar for the next."""
        assert self.best is not None
        proved = max([self.best.value, *(e.bound for e in self.examined if e.settled)])
        for entry in sorted((e for e in self.examined if not e.settled), key=lambda e: -e.bound):
            assert entry.model is not None
            if entry.solving is not None:  # started when it became the best: a bound of its own all the same
                found = entry.solving.result()
            else:
                found = self.by_day.bound(entry.model, self.limit, self.seed, above=proved)
            entry.model, entry.solving = None, None  # settled: the model is not needed any more
            entry.bound = min(entry.bound, 0.0 if found is None else found)  # None: no itinerary exists
            entry.settled = True
            proved = max(proved, entry.bound)


def _candidates(problem: TripProblem, state_set: StateSet) -> int:
    return sum(1 for c in problem.candidates.values() if c.state in state_set.states)


def _best_days(
    problem: TripProblem, state_set: StateSet, improve: int, index: int
) -> tuple[SetOutcome, list[_Searched]]:
    ranks = expected_ranks(problem, state_set.places)
    routed = shortlist(problem, state_set.states, state_set.places)
    table = TravelTable.between(problem, routed | points_of(problem, state_set.states))
    quick: list[tuple[float, int, Arrangement, DaysResult]] = []
    options = list(arrangements(problem, state_set.states))
    for position, arrangement in enumerate(options):
        result = plan_days(problem, arrangement, ranks, Effort.FIRST, routed, table)
        if result is not None:
            quick.append((result.value, -position, arrangement, result))
    if not quick:
        return SetOutcome(state_set, None, len(options)), []
    quick.sort(key=lambda entry: (entry[0], entry[1]), reverse=True)
    best = quick[0][3]
    searched = []
    for _, _, arrangement, _ in quick[:improve]:
        improved = plan_days(problem, arrangement, ranks, Effort.DESCENT, routed, table)
        if improved is None:
            continue
        searched.append(_Searched(improved.value, index, arrangement, ranks, routed, table))
        if improved.value > best.value + 1e-9:
            best = improved
    return SetOutcome(state_set, best, len(options)), searched


def expected_ranks(problem: TripProblem, picked: tuple[str, ...]) -> dict[str, int]:
    """Each candidate's likely rank within its kind: picked places by worth, the rest after them."""
    by_kind: dict[str, list[str]] = defaultdict(list)
    for place_id in picked:
        by_kind[problem.candidates[place_id].kind.value].append(place_id)
    ranks = {}
    for members in by_kind.values():
        members.sort(key=lambda p: (-problem.candidates[p].worth, p))
        ranks.update({place_id: rank for rank, place_id in enumerate(members)})
    for candidate in problem.candidates.values():
        if candidate.id not in ranks:
            ranks[candidate.id] = len(by_kind.get(candidate.kind.value, ()))
    return ranks


def _why_none(problem: TripProblem, outcomes: list[SetOutcome]) -> list[str]:
    trip = problem.trip
    reasons = []
    for outcome in outcomes:
        names = " + ".join(problem.catalogue.state(code).name for code in outcome.states.states)
        if outcome.arrangements_tried == 0:
            reasons.append(f"{names}: no order of the states puts each dated meeting on a day in its state")
        else:
            reasons.append(
                f"{names}: none of {outcome.arrangements_tried} arrangements of the nights fits the days "
                f"({_clock(trip.schedule.start)}–{_clock(trip.schedule.end)}, at most "
                f"{trip.schedule.max_travel // 60} h of travel a day) with every meeting and must-visit"
            )
    for meeting in trip.meetings:
        candidate = problem.candidates.get(meeting.place)
        if candidate is not None and len(candidate.open_days()) == 1 and meeting.date is None:
            day = problem.dates[candidate.open_days()[0]]
            reasons.append(f"the meeting at {candidate.place.name} can only be held on {day:%a %d %b}")
    if not outcomes:
        schedule = trip.schedule
        reasons.insert(
            0,
            f"no set of {trip.state_count.low}–{trip.state_count.high} states fits the working days: from "
            f"{problem.catalogue.place(trip.origin).name}, the travel into the states and back plus the meetings "
            f"and must-visits do not fit {trip.day_count} days of {_clock(schedule.start)}–{_clock(schedule.end)} "
            f"less {schedule.lunch_length} minutes of lunch",
        )
    return reasons or ["no set of states could be built into days"]


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
