"""Arrangements of the nights: the order of a set's states, how many nights each gets, and the hotel of each.

Every order of the states with every split of the nights is an arrangement, unless a dated meeting falls on
a day that does not touch its state. In a state with several bases (Chihuahua city, Creel, Ciudad Juárez),
its nights are spent at one of them, or move on between them, each base once (or back to the first at the
end), always at the hotel the trip fixes for a night. The days of an arrangement are then built by
:mod:`scout.plan.days.build`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from scout.plan.problem import TripProblem


@dataclass(frozen=True)
class Arrangement:
    """The order of the states, the number of nights in each, and where each night is spent."""

    states: tuple[str, ...]
    nights: tuple[int, ...]
    hotels: tuple[str, ...]  # per night, the place id of its hotel

    def night_states(self) -> list[str]:
        return [state for state, count in zip(self.states, self.nights, strict=True) for _ in range(count)]


def arrangements(problem: TripProblem, states: tuple[str, ...]) -> Iterator[Arrangement]:
    """Every order of ``states`` with every split of the nights, that fits the dated meetings, each night at
    its state's default base (or the hotel the trip fixes): :func:`hotel_choices` gives the other hotels."""
    count = problem.trip.day_count - 1
    k = len(states)
    for order in itertools.permutations(states):
        for cuts in itertools.combinations(range(1, count), k - 1):
            bounds = (0, *cuts, count)
            split = tuple(b - a for a, b in itertools.pairwise(bounds))
            ranges = [range(a, b) for a, b in itertools.pairwise(bounds)]
            runs = [stays(problem, state, nights) for state, nights in zip(order, ranges, strict=True)]
            if not all(runs):
                continue  # the trip fixes a night of this split in another state
            arrangement = Arrangement(order, split, tuple(h for options in runs for h in options[0]))
            if _meetings_fit(problem, arrangement):
                yield arrangement


def hotel_choices(problem: TripProblem, arrangement: Arrangement, limit: int | None = None) -> list[Arrangement]:
    """The same order and split of the nights with other hotels in one of its states (the first ``limit``
    choices of :func:`stays` for that state's nights, the others' kept), state by state."""
    found = []
    first = 0
    for state, count in zip(arrangement.states, arrangement.nights, strict=True):
        for option in stays(problem, state, range(first, first + count))[:limit]:
            hotels = arrangement.hotels[:first] + option + arrangement.hotels[first + count :]
            if hotels != arrangement.hotels:
                found.append(Arrangement(arrangement.states, arrangement.nights, hotels))
        first += count
    return found


def stays(problem: TripProblem, state: str, nights: range) -> list[tuple[str, ...]]:
    """The hotels of a run of nights in ``state``: each base at most once in a row of stays, but for a return
    to the first at the end (Tijuana then Ensenada; Ciudad Juárez, the capital, Creel and back to the capital),
    keeping the hotels the trip fixes (however many moves those take); the default base throughout first."""
    bases = problem.bases(state)
    fixed = {night: hotel for night in nights if (hotel := problem.trip.hotel_on(night)) is not None}
    if any(hotel not in bases for hotel in fixed.values()):
        return []  # a night the trip spends in another state
    count = len(nights)
    found: list[tuple[str, ...]] = []
    for runs in range(1, min(len(bases) + 1, count) + 1):
        for order in _tours(bases, runs):
            for cuts in itertools.combinations(range(1, count), runs - 1):
                lengths = [b - a for a, b in itertools.pairwise((0, *cuts, count))]
                option = tuple(h for hotel, length in zip(order, lengths, strict=True) for h in [hotel] * length)
                if all(option[night - nights.start] == hotel for night, hotel in fixed.items()):
                    found.append(option)
    if not found and fixed:  # the fixed nights take more moves: they decide, the others stay beside them
        held: list[str | None] = []
        last: str | None = None
        for night in nights:
            last = fixed.get(night, last)
            held.append(last)
        first = next(h for h in held if h is not None)
        found.append(tuple(h if h is not None else first for h in held))
    return found


def _tours(bases: tuple[str, ...], runs: int) -> list[tuple[str, ...]]:
    """The orders of ``runs`` stays: distinct bases, or distinct ones and back to the first."""
    found = list(itertools.permutations(bases, runs))
    if runs >= 3:
        found.extend((*order, order[0]) for order in itertools.permutations(bases, runs - 1))
    return found


def _meetings_fit(problem: TripProblem, arrangement: Arrangement) -> bool:
    for meeting in problem.trip.meetings:
        if meeting.date is None:
            continue
        day = problem.dates.index(meeting.date)
        state = problem.catalogue.place(meeting.place).state
        if state not in day_states(problem, arrangement, day):
            return False
    return True


def day_states(problem: TripProblem, arrangement: Arrangement, day: int) -> set[str]:
    """The states the delegation is in during ``day``: where it woke up and where it sleeps."""
    nights = arrangement.night_states()
    found = set()
    if day > 0:
        found.add(nights[day - 1])
    if day < len(nights):
        found.add(nights[day])
    return found
