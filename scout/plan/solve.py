"""The planner: choose the states, arrange the nights, route the days, explain what was left out.

``plan_trip`` is a function of explicit inputs (catalogue, trip, travel assumptions, effort) that returns a
plain :class:`Plan`; nothing here reads a file, prints, or looks at the clock to decide anything.

1. The selection relaxation (CP-SAT, :mod:`scout.plan.selection`) ranks state sets by the most any
   itinerary through them could be worth; the first bound is an upper bound for the whole request.
2. For the best sets, every arrangement (order of states, nights in each) that fits the dated meetings is
   routed quickly (first solution); the most promising are improved by local search.
3. Sets are examined best bound first, and the search stops early when the next set's bound cannot beat
   the best itinerary found: that itinerary is then proved the best over all other state sets. The next
   set's relaxation is solved in a second thread while this set's days are routed.
4. The best itineraries after local search, over every set, get a number of seeded iterations of the
   compiled ruin-and-recreate search (:mod:`scout.plan.search`).
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

Progress = Callable[[str], None]


@dataclass(frozen=True)
class SetOutcome:
    """What one set of states gave: its bound, and the best days found for it (if any)."""

    states: StateSet
    best: DaysResult | None
    arrangements_tried: int


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
        How many state sets to build days for at the most (the best by their bound). The relaxation's order
        is only a guide: on the generated week-any-3 trip, the set of the best itinerary has the fourth
        bound, so fewer than ``SETS`` can miss it.
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
    say = progress or (lambda message: None)
    trip = problem.trip
    say("choosing the states")
    relaxation = Relaxation(problem)
    outcomes: list[SetOutcome] = []
    searched: list[_Searched] = []
    found: list[StateSet] = []
    best: DaysResult | None = None
    global_bound: float | None = None
    limit, seed = trip.solver.time_limit, trip.solver.seed
    # The next set's search runs while this set's days are routed: CP-SAT releases the GIL, so the two
    # share the machine's cores. The search is bounded by deterministic time, so running it alongside
    # changes when it ends, never what it finds.
    with ThreadPoolExecutor(max_workers=1) as ahead:
        pending: Future[StateSet | None] | None = ahead.submit(relaxation.solve, limit, seed)
        try:
            while pending is not None:
                try:
                    state_set = pending.result()
                except SearchLimitError:
                    if best is None:
                        raise
                    break  # an itinerary is in hand: only the comparison with further sets is cut short
                pending = None
                if state_set is None:
                    break  # no other set of states is possible at all
                relaxation.forbid(state_set.states)
                found.append(state_set)
                if global_bound is None:
                    global_bound = state_set.bound
                if best is not None and state_set.bound <= best.value + 1e-9:
                    break  # no remaining set can beat the best itinerary found
                if len(found) < max(sets, 1):
                    pending = ahead.submit(relaxation.solve, limit, seed)
                names = " + ".join(problem.catalogue.state(code).name for code in state_set.states)
                say(f"building days through {names}")
                outcome, descended = _best_days(problem, state_set, improve, len(outcomes))
                outcomes.append(outcome)
                searched.extend(descended)
                if outcome.best is not None and (best is None or outcome.best.value > best.value + 1e-9):
                    best = outcome.best
        finally:
            relaxation.stop()  # a search still running (after Ctrl-C, or not needed) ends now
    if best is None or global_bound is None:
        raise ImpossibleRequestError("no itinerary satisfies the trip", _why_none(problem, outcomes))
    # Ruin and recreate finds what the local search cannot (on the sample trip, 211.3 against 195.3, with any
    # seed); only the most promising arrangements get it.
    say("improving the best itineraries")
    for entry in sorted(searched, key=lambda entry: -entry.value)[: max(polish, 0) if ruins > 0 else 0]:
        # An iteration's cost grows with the places routed times the days (about 50 µs on the sample trip):
        # larger itineraries get proportionally fewer, by count, so the time stays bounded.
        size = max(1, len(entry.routed) * trip.day_count)
        rounds = max(1, min(ruins, ruins * RUIN_SIZE // size))
        improved = plan_days(problem, entry.arrangement, entry.ranks, Effort.DESCENT, entry.routed, entry.table,
                             ruins=rounds, seed=trip.solver.seed)  # fmt: skip
        if improved is None:
            continue
        outcome = outcomes[entry.outcome]
        if outcome.best is None or improved.value > outcome.best.value + 1e-9:
            outcomes[entry.outcome] = replace(outcome, best=improved)
        if improved.value > best.value + 1e-9:
            best = improved
    return Plan(problem, best, global_bound, tuple(outcomes))


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
