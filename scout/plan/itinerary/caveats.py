"""What makes an itinerary less certain than it looks: the ``warnings`` an officer reads before sending it.

Each is found from the day routes and the journeys between their points, so it names exactly the places
whose times rest on something weaker than a known, routed or scheduled time.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date

from scout.geo.travel import Leg
from scout.model import TimeSource, TravelMode
from scout.model.itinerary import Caveat
from scout.plan.days.build import DayRoute
from scout.plan.problem import TripProblem

STALE_DAYS = 365  # a flight checked longer than this before the trip may have changed


def route_legs(problem: TripProblem, route: DayRoute) -> list[Leg]:
    """The legs of a day as the itinerary lays them out (the scheduled flight's way in and way out included,
    the flight itself aside)."""
    travel = problem.travel
    points = [route.origin, *(stop.place for stop in route.stops), route.destination]
    legs: list[Leg] = []
    for gap, (a, b) in enumerate(itertools.pairwise(points)):
        option = route.flight if route.flight is not None and gap == route.flight_at else None
        if option is not None:
            legs.extend(travel.access(a, option.flight.origin) or ())
            legs.extend(travel.access(option.flight.destination, b) or ())
            continue
        journey = travel.free_journey(a, b)
        legs.extend(journey.legs if journey is not None else ())
    return legs


def caveats(problem: TripProblem, routes: Sequence[DayRoute]) -> tuple[Caveat, ...]:
    """The itinerary's warnings, in a fixed order: stand-in points, assumed city speeds, assumed ferries,
    estimated flights, flights checked long before the trip."""
    stand_ins: dict[str, None] = {}
    areas: dict[str, None] = {}
    ports: dict[str, None] = {}
    estimated: dict[tuple[str, str], None] = {}
    stale: dict[tuple[str, str, date], None] = {}
    travel = problem.travel
    for route in routes:
        if route.flight is not None:
            flight = route.flight.flight
            if (problem.trip.start - flight.checked).days > STALE_DAYS:
                stale[flight.origin, flight.destination, flight.checked] = None
        for leg in route_legs(problem, route):
            if leg.mode is TravelMode.FLIGHT and leg.source is TimeSource.ESTIMATED:
                estimated[leg.origin, leg.destination] = None
            if leg.approx:
                for end in (leg.origin, leg.destination):
                    if problem.catalogue.place(end).approx:
                        stand_ins[end] = None
            driven = leg.pause is None and leg.ferry is None and leg.mode is not TravelMode.FLIGHT
            if driven and leg.source is TimeSource.ESTIMATED:
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
    if estimated:
        routes_text = ", ".join(f"{a.upper()} → {b.upper()}" for a, b in estimated)
        found.append(Caveat(
            "estimated-flight",
            f"No listed flight was found for {routes_text}: the flight is assumed, timed at an average speed "
            "at any hour. Book a real flight and plan again with it in data/flights.yaml.",
            tuple(dict.fromkeys(p for pair in estimated for p in pair)),
        ))  # fmt: skip
    if stale:
        listed = ", ".join(f"{a.upper()} → {b.upper()} (checked {when.isoformat()})" for a, b, when in stale)
        found.append(Caveat(
            "stale-flight-schedule",
            f"The schedule of {listed} was checked more than a year before the trip: check the airline's "
            "current timetable.",
            tuple(dict.fromkeys(p for a, b, _ in stale for p in (a, b))),
        ))  # fmt: skip
    return tuple(found)


def _names(problem: TripProblem, ids: dict[str, None]) -> str:
    names = [problem.catalogue.place(place_id).name for place_id in ids]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
