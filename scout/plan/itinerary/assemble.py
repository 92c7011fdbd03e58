"""A plan made into an itinerary: timed days, the chosen states in order, the value (computed here once),
the bound, the next-best sets, and a reason a person can act on for every place of the chosen states left out.
"""

from __future__ import annotations

from scout.model.itinerary import Alternative, Itinerary, StateChoice, Unvisited
from scout.plan import reasons
from scout.plan.days.arrangements import day_states
from scout.plan.days.build import DaysResult
from scout.plan.itinerary.caveats import caveats
from scout.plan.itinerary.schedule import build_days
from scout.plan.params import PlanParams
from scout.plan.problem import Candidate, TripProblem
from scout.plan.result import Plan
from scout.plan.rules import day_span
from scout.plan.value import shares

VALUE_DIGITS = 2  # items' values and the itinerary's are rounded alike, so the total is the items' sum


def build_itinerary(plan: Plan, params: PlanParams) -> Itinerary:
    """The itinerary of a plan, listing ``params.alternatives`` other state sets (the best by bound first).

    Each visit's value is its share after the variety rule, rounded to ``VALUE_DIGITS``; the itinerary's
    value is the sum of those, as written. ``source`` and ``solve_seconds`` are left for the caller, who
    knows the trip file and the clock.
    """
    problem, best = plan.problem, plan.best
    values = {place: round(share, VALUE_DIGITS) for place, share in best.shares.items()}
    days = build_days(problem, best.routes, values)
    states = tuple(_state_choice(problem, code) for code in best.arrangement.states)
    listed = tuple(
        Alternative(
            outcome.states.states,
            None if outcome.best is None else round(outcome.best.value, VALUE_DIGITS),
            round(outcome.states.bound, VALUE_DIGITS),
        )
        for outcome in plan.outcomes
        if outcome.best is not best
    )[: params.alternatives]
    trip = problem.trip
    return Itinerary(
        name=trip.name,
        start_date=trip.start,
        end_date=trip.end,
        source=None,
        states=states,
        value=round(sum(values.values()), VALUE_DIGITS),
        bound=round(plan.bound, VALUE_DIGITS),
        days=days,
        unvisited=unvisited(problem, best, params.shortlist),
        alternatives=listed,
        proved_optimal=plan.proved_optimal,
        solve_seconds=None,
        warnings=caveats(problem, best.routes),
    )


def unvisited(problem: TripProblem, best: DaysResult, shortlisted: int) -> tuple[Unvisited, ...]:
    """Every scoutable place of the chosen states that the itinerary does not visit, with why."""
    chosen = set(best.arrangement.states)
    visited = set(best.visited)
    result = [Unvisited(e.place.id, e.place.name, e.reason) for e in problem.excluded if e.place.state in chosen]
    least_rate: dict[str, float] = {}  # per state: the lowest worth per hour among the places visited there
    for place_id in visited & problem.candidates.keys():
        state = problem.candidates[place_id].state
        rate = _worth_per_hour(problem, problem.candidates[place_id], best.shares[place_id])[0]
        least_rate[state] = min(rate, least_rate.get(state, rate))
    seen = [problem.candidates[p] for p in best.visited if p in problem.candidates]
    total = sum(shares(seen, problem.trip.variety).values())
    for candidate in problem.candidates.values():
        if candidate.state not in chosen or candidate.id in visited:
            continue
        days = [d for d in range(problem.trip.day_count) if candidate.state in day_states(problem, best.arrangement, d)]
        open_days = [d for d in days if candidate.starts[d]]
        state_name = problem.catalogue.state(candidate.state).name
        if best.shortlist is not None and candidate.id not in best.shortlist:
            reason = reasons.not_shortlisted(shortlisted, state_name, candidate.worth, candidate.duration)
        elif not open_days:
            why = [candidate.availability[d].reason or "open too briefly" for d in days]
            reason = reasons.closed_on_the_days(state_name, [problem.dates[d] for d in days], why)
        elif (far := _too_far(problem, best, candidate, open_days)) is not None:
            reason = far
        else:
            # What it would add beside the places visited, after the variety rule (a further place of a kind
            # seen counts less), per hour of the visit and the round trip from its nearest base.
            added = sum(shares([*seen, candidate], problem.trip.variety).values()) - total
            worth = (added, candidate.worth)
            rate, hours = _worth_per_hour(problem, candidate, added)
            base = _nearest_base(problem, candidate)
            base_name = problem.catalogue.place(base).name
            lowest = least_rate.get(candidate.state)
            if lowest is None or rate < lowest:
                reason = reasons.not_worth_the_time(worth, hours, base_name, rate, lowest)
            else:
                when = [problem.dates[d] for d in open_days]
                another = _a_day_fits(problem, candidate, base)
                reason = reasons.no_room(state_name, when, worth, hours, base_name, another)
        result.append(Unvisited(candidate.id, candidate.place.name, reason))
    result.sort(key=lambda u: (problem.catalogue.place(u.place).state, u.name))
    return tuple(result)


def _too_far(problem: TripProblem, best: DaysResult, candidate: Candidate, days: list[int]) -> str | None:
    """Why no day of this itinerary in the place's state could include it within the travel limit, if so."""
    limit = problem.trip.schedule.max_travel
    detours = []
    for day in days:
        route = best.routes[day]
        detours.append((problem.minutes(route.origin, candidate.id) + problem.minutes(candidate.id, route.destination),
                        route.origin, route.destination))  # fmt: skip
    least, origin, destination = min(detours)
    if least <= limit:
        return None
    ends = (
        _name(problem, origin)
        if origin == destination
        else f"{_name(problem, origin)} to {_name(problem, destination)}"
    )
    return reasons.too_far(problem.catalogue.state(candidate.state).name, ends, least, limit)


def _name(problem: TripProblem, place_id: str) -> str:
    return problem.catalogue.place(place_id).name


def _worth_per_hour(problem: TripProblem, candidate: Candidate, worth: float) -> tuple[float, float]:
    """What a visit worth ``worth`` gives per hour spent on it, counting the round trip from its state's nearest
    base; and the hours."""
    there = problem.minutes(_nearest_base(problem, candidate), candidate.id)
    hours = (candidate.duration + 2 * there) / 60
    return worth / max(hours, 1 / 60), hours


def _a_day_fits(problem: TripProblem, candidate: Candidate, base: str) -> bool:
    """Whether a day of the trip spent at ``base`` could hold the visit: there and back within the travel limit,
    inside the day's schedule and one of the place's windows that day."""
    there, back = problem.minutes(base, candidate.id), problem.minutes(candidate.id, base)
    if there + back > problem.trip.schedule.max_travel:
        return False
    for day, windows in enumerate(candidate.starts):
        start, end = day_span(problem, day, base)
        for low, high in windows:
            begin = max(low, start + there)
            if begin <= high and begin + candidate.duration + back <= end:
                return True
    return False


def _nearest_base(problem: TripProblem, candidate: Candidate) -> str:
    """The base of the candidate's state it is the fewest minutes from."""
    return min(problem.bases(candidate.state), key=lambda base: (problem.minutes(base, candidate.id), base))


def _state_choice(problem: TripProblem, code: str) -> StateChoice:
    state = problem.catalogue.state(code)
    return StateChoice(code, state.name, state.time_zone, state.permits, state.incentives)
