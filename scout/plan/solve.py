"""The planner: choose the states, arrange the nights, route the days, explain what was left out.

``plan_trip(problem, params, progress)`` is a function of explicit inputs (the problem, with its catalogue,
trip and travel; the search's parameters) that returns a plain :class:`~scout.plan.result.Planned`; nothing
here reads a file, prints, or looks at the clock to decide anything.

1. The selection relaxation (CP-SAT, :mod:`scout.plan.bound.selection`) ranks state sets by the most any
   itinerary through them could be worth. The next sets are found, and their day-by-day models
   (:mod:`scout.plan.bound.setmodel`) built, in background threads while the planner works on this one.
2. Once an itinerary is in hand, each set is first checked against its value with its day-by-day model:
   a set proved unable to beat it is not built into days. The others (``params.sets`` at the most) are: every
   arrangement (order of states, nights in each) that fits the dated meetings is routed quickly (first
   solution), the most promising are improved by local search.
3. A set that beats an earlier set's best gets the compiled ruin-and-recreate search
   (:mod:`scout.plan.routing.search`) at once, and its own bound solved in the background; the best of the
   other arrangements get it at the end.
4. The sets examined are settled: each refuted against the best value or the largest bound proved, or
   solved. The plan's bound is the largest; examination stops when no set left can raise it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace

from scout.errors import ImpossibleRequestError, SearchLimitError
from scout.plan import reasons
from scout.plan.bound.bounds import SetBounds, SetModel
from scout.plan.bound.selection import Relaxation, StateSet
from scout.plan.days.arrangements import Arrangement, arrangements, hotel_choices
from scout.plan.days.build import DaysResult, TravelTable, plan_days, points_of, shortlist
from scout.plan.itinerary.assemble import build_itinerary
from scout.plan.lookahead import Lookahead
from scout.plan.params import PlanParams
from scout.plan.problem import TripProblem
from scout.plan.result import Plan, Planned, SetOutcome
from scout.plan.routing.problem import Effort

Progress = Callable[[str], None]


@dataclass(frozen=True)
class _Searched:
    """An arrangement after local search, with what it takes to search it again."""

    value: float
    outcome: int  # index in the plan's outcomes
    arrangement: Arrangement
    ranks: dict[str, int]
    shortlist: frozenset[str]
    table: TravelTable


@dataclass
class _Examined:
    """A set of states on its way through the planner: its bound so far, and whether that is final."""

    states: StateSet
    bound: float  # the least upper bound proved so far for this set
    final: bool  # True once ``bound`` is the day-by-day model's (or no better one is available)
    model: SetModel | None = None  # the day-by-day model, until final
    solving: Future[float | None] | None = None  # its bound, being solved in the background
    best: DaysResult | None = None
    tried: int = 0
    built: bool = False


def plan_trip(problem: TripProblem, params: PlanParams | None = None, progress: Progress | None = None) -> Planned:
    """Plan the trip described by ``problem``: the best itinerary found, and the bound proved on any.

    Parameters
    ----------
    problem
        The request with its calendar rules already turned into windows (:func:`build_problem`).
    params
        How hard to search and how many alternatives to list (:class:`PlanParams`; its defaults when
        ``None``). Counts and deterministic seconds, never wall-clock time, so the result is the same on
        any machine.
    progress
        Called with a short message at each step, for the terminal's progress display.

    Raises
    ------
    ImpossibleRequestError
        When no itinerary satisfies the request, naming the reasons.
    SearchLimitError
        When choosing the states reaches its time limit (and four times it) before finding any set.
    """
    params = params if params is not None else PlanParams()
    plan = _Planning(problem, params, progress or (lambda message: None)).run()
    return Planned(plan, build_itinerary(plan, params))


class _Planning:
    """One run of :func:`plan_trip`: the sets examined, the arrangements searched, the best days so far."""

    def __init__(self, problem: TripProblem, params: PlanParams, say: Progress) -> None:
        self.problem, self.params, self.say = problem, params, say
        self.sets = params.sets_built
        self.limit, self.seed = problem.trip.solver.time_limit, problem.trip.solver.seed
        self.examined: list[_Examined] = []
        self.searched: list[_Searched] = []
        self.polished: set[int] = set()  # positions in ``searched``
        self.best: DaysResult | None = None
        self.rest: float | None = None  # a bound for every set not examined, when the examination stops short

    def run(self) -> Plan:
        self.say("choosing the states")
        relaxation = Relaxation(self.problem, self.params)
        self.by_day = SetBounds(self.problem, self.params)
        # The best set's own bound is solved in this thread while the other sets are examined.
        self.background = ThreadPoolExecutor(max_workers=1)
        try:
            # The next sets are found and modelled in two more threads while this one is routed.
            ahead = Lookahead(self.problem, relaxation, self.by_day, self.params)
            try:
                self._examine(ahead)
            finally:
                ahead.close()  # searches still running (after Ctrl-C, or not needed) end now
            best = self.best
            if best is None:
                built = [SetOutcome(e.states, e.best, e.tried) for e in self.examined if e.built]
                raise ImpossibleRequestError("no itinerary satisfies the trip", _why_none(self.problem, built))
            # Ruin and recreate finds what the local search cannot (on the sample trip, 211.3 against 195.3,
            # with any seed); only the most promising arrangements get it.
            self.say("improving the best itineraries")
            searched = self.searched
            order = sorted(range(len(searched)), key=lambda i: -searched[i].value)
            room = max(0, self.params.polish - len(self.polished)) if self.params.ruins > 0 else 0
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
        outcomes = tuple(SetOutcome(replace(e.states, bound=e.bound), e.best, e.tried, e.built) for e in ordered)
        return Plan(self.problem, best, bound, outcomes)

    def _examine(self, ahead: Lookahead) -> None:
        """Take the sets in the selection model's order: bound each, build the promising ones into days.

        Stops when no set is left, when the next set's selection bound cannot beat the best itinerary (or
        the largest bound proved, once the sets seen are settled), or after ``room`` sets: then every set
        not examined is bounded by the last one's selection bound (``self.rest``).
        """
        params, examined = self.params, self.examined
        room, depth = params.bound_sets, 1  # two ahead once a set proves small enough to model
        while len(examined) < room:
            try:
                state_set, model = ahead.get(len(examined), depth=min(depth, room - len(examined) - 1))
            except SearchLimitError:
                if self.best is None:
                    raise
                break  # an itinerary is in hand: only the comparison with further sets is cut short
            if state_set is None or not self._worth_examining(state_set):
                return
            entry = _Examined(state_set, state_set.bound, final=model is None, model=model)
            examined.append(entry)
            if model is None:  # too large for the day-by-day model: seconds a set to solve and route
                room, depth = min(room, params.large_sets_examined), 1
            else:
                depth = 2
            best = self.best
            if sum(e.built for e in examined) >= self.sets:
                # No more sets are built: settling (below) asks the same question, against a bar at least as
                # high, so asking it now as well would only solve the same model twice.
                continue
            if model is not None and best is not None and not self._may_beat(model, best):
                entry.bound, entry.final, entry.model = best.value, True, None
                continue  # the day-by-day bound proves it cannot beat the best itinerary: not built
            if model is not None and best is None and not self.by_day.exceeds(model, -1.0, self.limit, self.seed):
                # No itinerary through the set at all (no flight or road joins two of its states in a day):
                # proved, so it is neither built nor counted among the sets built.
                entry.bound, entry.final, entry.model = 0.0, True, None
                continue
            self._build(entry)
        self.rest = examined[-1].states.bound  # the sets not examined are bounded by the last one's

    def _worth_examining(self, state_set: StateSet) -> bool:
        """Whether a set's selection bound leaves room to beat the best itinerary, or to raise the bound."""
        best = self.best
        if best is None:
            return True
        if state_set.bound <= best.value + 1e-9:
            return False  # no remaining set can beat the best itinerary
        if state_set.bound * (1 - self.params.settle_gap) <= best.value:
            # Close to the best itinerary's value: settling the sets examined so far (the best's own, at least,
            # to its optimum) may already prove that none of the rest can raise the bound.
            self.say("bounding the states")
            self._settle()
            return state_set.bound > max(e.bound for e in self.examined) + 1e-9
        return True

    def _may_beat(self, model: SetModel, best: DaysResult) -> bool:
        return self.by_day.exceeds(model, best.value, self.limit, self.seed)

    def _build(self, entry: _Examined) -> None:
        """Build one set into days; a set that beats an earlier set's best is polished at once."""
        problem, state_set = self.problem, entry.states
        names = " + ".join(problem.catalogue.state(code).name for code in state_set.states)
        self.say(f"building days through {names}")
        first = len(self.searched)
        outcome, descended = _best_days(problem, state_set, self.params, len(self.examined) - 1)
        entry.best, entry.tried, entry.built = outcome.best, outcome.arrangements_tried, True
        self.searched.extend(descended)
        if outcome.best is None or (self.best is not None and outcome.best.value <= self.best.value + 1e-9):
            return
        displaced, self.best = self.best is not None, outcome.best
        if not displaced:
            return  # the first set built has nothing to beat yet: it waits for the end, with the rest
        # A set that beats the best of another gets ruin and recreate now, on each arrangement searched (the
        # best after local search is not always the best after it): the higher the value to beat, the more of
        # the sets still to come the day-by-day bound rules out before they are built.
        if self.params.ruins > 0:
            for position in range(first, len(self.searched))[: max(0, self.params.polish - len(self.polished))]:
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
        ruins = self.params.ruins
        size = max(1, len(entry.shortlist) * self.problem.trip.day_count)
        rounds = max(1, min(ruins, ruins * self.params.ruin_size // size))
        improved = plan_days(self.problem, entry.arrangement, entry.ranks, Effort.DESCENT, entry.shortlist,
                             entry.table, ruins=rounds, seed=self.seed, guard=self.params.routing_guard)  # fmt: skip
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
        proved = max([self.best.value, *(e.bound for e in self.examined if e.final)])
        for entry in sorted((e for e in self.examined if not e.final), key=lambda e: -e.bound):
            assert entry.model is not None
            if entry.solving is not None:  # started when it became the best: a bound of its own all the same
                found = entry.solving.result()
            else:
                found = self.by_day.bound(entry.model, self.limit, self.seed, above=proved)
            entry.model, entry.solving = None, None  # final: the model is not needed any more
            entry.bound = min(entry.bound, 0.0 if found is None else found)  # None: no itinerary exists
            entry.final = True
            proved = max(proved, entry.bound)


def _best_days(
    problem: TripProblem, state_set: StateSet, params: PlanParams, index: int
) -> tuple[SetOutcome, list[_Searched]]:
    ranks = expected_ranks(problem, state_set.places)
    routed = shortlist(problem, state_set.states, state_set.places, params.shortlist)
    table = TravelTable.between(problem, routed | points_of(problem, state_set.states))
    options = list(arrangements(problem, state_set.states))
    guard = params.routing_guard
    quick: list[tuple[float, int, Arrangement, DaysResult]] = []

    def route(arrangement: Arrangement) -> DaysResult | None:
        result = plan_days(problem, arrangement, ranks, Effort.FIRST, routed, table, guard=params.first_guard)
        if result is not None:
            quick.append((result.value, -len(quick), arrangement, result))
        return result

    # Every order and split of the nights, each night at its state's default base; then other hotels, one
    # state at a time (every choice of every split took the sample trip six times as long): for the best few
    # splits, each change that raises the value is kept; when no split has feasible days at the default
    # bases (a must-visit only a second base reaches), each split's first change that has.
    heads = [(result.value, -i, arrangement) for i, arrangement in enumerate(options)
             if (result := route(arrangement)) is not None]  # fmt: skip
    if not heads:
        for arrangement in options:
            for other in hotel_choices(problem, arrangement, params.stays):
                if (result := route(other)) is not None:
                    heads.append((result.value, -len(heads), other))
                    break
    heads.sort(key=lambda head: head[:2], reverse=True)
    for value, _, arrangement in heads[: params.improve]:
        for other in hotel_choices(problem, arrangement, params.stays):
            result = route(other)
            if result is not None and result.value > value + 1e-9:
                value, arrangement = result.value, other
    if not quick:
        return SetOutcome(state_set, None, len(options)), []
    quick.sort(key=lambda entry: (entry[0], entry[1]), reverse=True)
    best = quick[0][3]
    searched = []
    for _, _, arrangement, _ in quick[: params.improve]:
        improved = plan_days(problem, arrangement, ranks, Effort.DESCENT, routed, table, guard=guard)
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
    found = []
    for outcome in outcomes:
        names = " + ".join(problem.catalogue.state(code).name for code in outcome.states.states)
        if outcome.arrangements_tried == 0:
            found.append(reasons.no_meeting_order(names))
        else:
            found.append(reasons.no_arrangement_fits(names, outcome.arrangements_tried, trip.schedule))
    for meeting in trip.meetings:
        candidate = problem.candidates.get(meeting.place)
        if candidate is not None and len(candidate.open_days()) == 1 and meeting.date is None:
            found.append(reasons.meeting_only_on(candidate.place, problem.dates[candidate.open_days()[0]]))
    if not outcomes:
        origin = problem.catalogue.place(trip.origin).name
        count = trip.state_count
        found.insert(0, reasons.no_state_set_fits(count.low, count.high, origin, trip.day_count, trip.schedule))
    return found or [reasons.NO_SET_BUILT]
