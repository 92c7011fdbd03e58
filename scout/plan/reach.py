"""The places no day of the trip can reach at all.

A day starts where the delegation woke up (the origin, or a state's base) and ends where it sleeps, and one
of the two is a base of the state of each place it visits. A place whose least detour between such points exceeds
the daily travel limit, or that cannot be reached, visited and left within the longest day, is out of
reach on every day, whatever the order of the states: it is refused (a meeting or a must-visit) or left out
with that reason, and the bound no longer counts it. Travel is measured by the floors of
:mod:`scout.geo.floors`, and every test is a relaxation of a real day, so a place said to be out of reach is.
"""

from __future__ import annotations

from collections.abc import Sequence

from scout.geo.floors import TravelFloor
from scout.model import Interval
from scout.plan import reasons
from scout.plan.problem import TripProblem
from scout.plan.rules import day_span


def out_of_reach(problem: TripProblem) -> dict[str, str]:
    """The candidates no day can include, whatever the states and their order, with why."""
    points = [problem.trip.origin, *(base for code in problem.states for base in problem.bases(code))]
    # Each day from the earliest start of its schedule to the latest end, wherever it runs.
    days = []
    for day in range(problem.trip.day_count):
        spans = [day_span(problem, day, point) for point in points]
        days.append((min(start for start, _ in spans), max(end for _, end in spans)))
    found = {}
    limit = problem.trip.schedule.max_travel
    for candidate in problem.candidates.values():
        bases = problem.bases(candidate.state)
        far = _why(problem.floor, candidate.id, bases, points, candidate.duration, candidate.starts, days, limit)
        if far is not None:
            found[candidate.id] = far
    return found


def _why(
    floor: TravelFloor,
    place: str,
    bases: Sequence[str],
    points: Sequence[str],
    duration: int,
    starts: Sequence[Sequence[Interval]],
    days: Sequence[Interval],
    max_travel: int,
) -> str | None:
    """Why no day can include ``place`` (of the state with ``bases``), or ``None`` if some day might.

    ``points`` are where days start or end (the origin and every base); ``days`` gives, for each day, the
    earliest start and the latest end of its schedule at any of them (trip minutes); ``starts`` the place's
    start windows by day.
    """
    # The quick test: a round trip from a base that fits. Far places only get the full one.
    for base in bases:
        to_base, from_base = floor.least(base, place), floor.least(place, base)
        if to_base + from_base <= max_travel and _fits(to_base, from_base, duration, starts, days):
            return None
    to_base = min(floor.least(base, place) for base in bases)
    from_base = min(floor.least(place, base) for base in bases)
    into = min(floor.least(point, place) for point in points)
    out_of = min(floor.least(place, point) for point in points)
    detour = min(to_base + out_of, into + from_base)  # one end of a day in a state is one of that state's bases
    if detour > max_travel:
        return reasons.beyond_travel_limit(detour, max_travel)
    if not _fits(into, out_of, duration, starts, days):
        return reasons.beyond_opening_hours(detour, duration)
    return None


def _fits(
    into: float,
    out_of: float,
    duration: int,
    starts: Sequence[Sequence[Interval]],
    days: Sequence[Interval],
) -> bool:
    for windows, (start, end) in zip(starts, days, strict=True):
        earliest, latest = start + into, end - out_of - duration
        if any(max(low, earliest) <= min(high, latest) for low, high in windows):
            return True
    return False
