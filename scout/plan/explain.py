"""The finished itinerary, and a reason a person can act on for every place of the chosen states left out."""

from __future__ import annotations

from datetime import date

from scout.model.itinerary import Alternative, Itinerary, StateChoice, Unvisited
from scout.plan.days import SHORTLIST, DaysResult, day_states
from scout.plan.problem import Candidate, TripProblem
from scout.plan.reach import duration_text
from scout.plan.schedule import build_days
from scout.plan.solve import Plan
from scout.plan.value import shares


def assemble(
    plan: Plan, source: str | None, seconds: float | None = None, alternatives: int | None = None
) -> Itinerary:
    """The itinerary of a plan: timed days, the chosen states in order, value, bound and explanations.

    ``alternatives`` limits the other state sets listed (the best by bound first); ``None`` lists all.
    """
    problem, best = plan.problem, plan.best
    values = shares((problem.candidates[p] for p in best.visited), problem.trip.variety)
    days = build_days(problem, best.routes, values)
    states = tuple(_state_choice(problem, code) for code in best.arrangement.states)
    listed = tuple(
        Alternative(
            outcome.states.states,
            None if outcome.best is None else round(outcome.best.value, 2),
            round(outcome.states.bound, 2),
        )
        for outcome in plan.outcomes
        if outcome.best is not best
    )[:alternatives]
    trip = problem.trip
    return Itinerary(
        name=trip.name,
        start_date=trip.start,
        end_date=trip.end,
        source=source,
        states=states,
        value=round(sum(values.values()), 2),
        bound=round(plan.bound, 2),
        days=days,
        unvisited=unvisited(problem, best),
        alternatives=listed,
        proved_optimal=plan.bound <= best.value + 1e-6,
        solve_seconds=seconds,
    )


def unvisited(problem: TripProblem, best: DaysResult) -> tuple[Unvisited, ...]:
    """Every scoutable place of the chosen states that the itinerary does not visit, with why."""
    chosen = set(best.arrangement.states)
    visited = set(best.visited)
    result = [Unvisited(e.place.id, e.place.name, e.reason) for e in problem.excluded if e.place.state in chosen]
    least_rate: dict[str, float] = {}  # per state: the lowest worth per hour among the places visited there
    for place_id in visited & problem.candidates.keys():
        state = problem.candidates[place_id].state
        rate = _worth_per_hour(problem, problem.candidates[place_id])[0]
        least_rate[state] = min(rate, least_rate.get(state, rate))
    for candidate in problem.candidates.values():
        if candidate.state not in chosen or candidate.id in visited:
            continue
        days = [d for d in range(problem.trip.day_count) if candidate.state in day_states(problem, best.arrangement, d)]
        open_days = [d for d in days if candidate.starts[d]]
        state_name = problem.catalogue.state(candidate.state).name
        if best.routed is not None and candidate.id not in best.routed:
            reason = (
                f"not among the {SHORTLIST} most promising places of {state_name} the days were built from "
                f"(worth {candidate.worth:g} for {candidate.duration} minutes on site)"
            )
        elif not open_days:
            reasons = sorted({candidate.availability[d].reason or "open too briefly" for d in days})
            when = _dates([problem.dates[d] for d in days])
            reason = f"closed on the days in {state_name} ({when}): " + "; ".join(reasons)
        elif (far := _too_far(problem, best, candidate, open_days)) is not None:
            reason = far
        else:
            rate, hours = _worth_per_hour(problem, candidate)
            base_name = problem.catalogue.place(problem.base(candidate.state)).name
            lowest = least_rate.get(candidate.state)
            if lowest is None or rate < lowest:
                least = f"; the least of those visited there gives {lowest:.1f}" if lowest is not None else ""
                reason = (
                    f"not worth the time: worth {candidate.worth:g} for about {hours:.1f} h with the round trip "
                    f"from {base_name}, {rate:.1f} an hour{least}"
                )
            else:
                when = _dates([problem.dates[d] for d in open_days])
                reason = (
                    f"no room left in {state_name} on {when} beside the meetings, opening hours and travel "
                    f"(worth {candidate.worth:g}, about {hours:.1f} h with the round trip from {base_name}); "
                    f"another day there could fit it"
                )
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
    return (
        f"too far for the days in {problem.catalogue.state(candidate.state).name}: going there on the way from "
        f"{ends} takes {duration_text(least)} of travel, over the trip's limit of {duration_text(limit)} a day"
    )


def _name(problem: TripProblem, place_id: str) -> str:
    return problem.catalogue.place(place_id).name


def _worth_per_hour(problem: TripProblem, candidate: Candidate) -> tuple[float, float]:
    """What a visit gives per hour spent on it, counting the round trip from its state's base; and the hours."""
    there = problem.minutes(problem.base(candidate.state), candidate.id)
    hours = (candidate.duration + 2 * there) / 60
    return candidate.worth / max(hours, 1 / 60), hours


def _dates(days: list[date]) -> str:
    if not days:
        return "no day"
    if len(days) == 1:
        return f"{days[0]:%a %d %b}"
    return f"{days[0]:%a %d} – {days[-1]:%a %d %b}"


def _state_choice(problem: TripProblem, code: str) -> StateChoice:
    state = problem.catalogue.state(code)
    return StateChoice(code, state.name, state.time_zone, state.permits, state.incentives)
