"""What makes an itinerary less certain than it looks: the ``warnings`` an officer reads before sending it.

Each is found from the day routes and the journeys between their points, so it names exactly the places
whose times rest on something weaker than a known, routed or scheduled time.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from scout.model import TimeSource
from scout.model.itinerary import Caveat
from scout.plan.days.build import DayRoute
from scout.plan.problem import TripProblem


def caveats(problem: TripProblem, routes: Sequence[DayRoute]) -> tuple[Caveat, ...]:
    """The itinerary's warnings, in a fixed order: stand-in points, assumed city speeds, assumed ferries."""
    stand_ins: dict[str, None] = {}
    areas: dict[str, None] = {}
    ports: dict[str, None] = {}
    travel = problem.travel
    for route in routes:
        points = [route.origin, *(stop.place for stop in route.stops), route.destination]
        for a, b in itertools.pairwise(points):
            for leg in problem.journey(a, b).legs:
                if leg.approx:
                    for end in (leg.origin, leg.destination):
                        if problem.catalogue.place(end).approx:
                            stand_ins[end] = None
                if leg.pause is None and leg.ferry is None and leg.source is TimeSource.ESTIMATED:
                    for end in (leg.origin, leg.destination):
                        area = travel.area_of(end)
                        if area is not None and area.assumed:
                            areas[area.id] = None
                if leg.ferry is not None and leg.ferry.assumed:
                    ports.update(dict.fromkeys(sorted((leg.origin, leg.destination))))
    found = []
    if stand_ins:
        names = _names(problem, stand_ins)
        found.append(Caveat(
            "approximate-point",
            f"The travel times to and from {names} rest on approximate points (the town's or the block's point "
            "stands in for the address): each such leg is timed at least as a drive across town. Check the "
            "addresses before the day.",
            tuple(stand_ins),
        ))  # fmt: skip
    if areas:
        named = ", ".join(a.name for a in problem.catalogue.areas if a.id in areas)
        found.append(Caveat(
            "assumed-city-speed",
            f"No published traffic figure was found for {named}: drives there are timed at the catalogue's "
            "assumed speed.",
            (),
        ))  # fmt: skip
    if ports:
        found.append(Caveat(
            "assumed-ferry-timetable",
            f"The ferry timetable between {_names(problem, ports)} is not confirmed for these dates: check the "
            "operator's departures.",
            tuple(ports),
        ))  # fmt: skip
    return tuple(found)


def _names(problem: TripProblem, ids: dict[str, None]) -> str:
    names = [problem.catalogue.place(place_id).name for place_id in ids]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
