"""Arrangements of the nights: the order of a set's states and how many nights each gets.

Every order of the states with every split of the nights is an arrangement, unless a dated meeting falls on
a day that does not touch its state. The days of an arrangement are then built by
:mod:`scout.plan.days.build`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from scout.plan.problem import TripProblem


@dataclass(frozen=True)
class Arrangement:
    """The order of the states and the number of nights in each."""

    states: tuple[str, ...]
    nights: tuple[int, ...]

    def night_states(self) -> list[str]:
        return [state for state, count in zip(self.states, self.nights, strict=True) for _ in range(count)]


def arrangements(problem: TripProblem, states: tuple[str, ...]) -> Iterator[Arrangement]:
    """Every order of ``states`` with every split of the nights, that fits the dated meetings."""
    nights = problem.trip.day_count - 1
    k = len(states)
    for order in itertools.permutations(states):
        for cuts in itertools.combinations(range(1, nights), k - 1):
            bounds = (0, *cuts, nights)
            split = tuple(b - a for a, b in itertools.pairwise(bounds))
            arrangement = Arrangement(order, split)
            if _meetings_fit(problem, arrangement):
                yield arrangement


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
