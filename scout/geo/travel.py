"""Travel between places: known times from the catalogue, routed road times, else estimates; ferries,
flights and the border.

Every move between two different places costs at least the trip's buffer (out of a building, into a van and
out again), or the shorter walk between two places of one site. A drive's time is, first, the catalogue's
known time; else a routing engine's cached answer; else the geodesic distance times a detour factor at the
open road's speed. Inside a metropolitan area (the catalogue's ``areas``) a drive runs at the area's traffic
speed, scaled by the trip's city factor, and a drive that leaves an area covers the part inside it at that
speed too. A leg with an end that only stands in for its place (``approx``) takes at least the area's
cross-town time. Water is crossed by ferry (the catalogue's crossings, waiting up to the longest gap between
departures) or by plane; a land border is a wait at a crossing, a pause of its own in the journey.

Flights are the officer's schedule (``data/flights.yaml``): two airports are joined by air only when a listed
flight joins them during the trip, and such a journey is timed with the airports' times and the shortest
block of those flights (a floor of the day it is really flown on, which the days lay out at its scheduled
times). Only when the trip assumes flights (``--assume-flights``), or without a schedule at all, are other
airports more than ``min_flight_km`` apart joined by an estimated flight at ``flight_speed``.

Times are durations in whole minutes; the itinerary turns them into local clock times at each end, so a
flight between time zones is right. The journeys here do not depend on the hour: the itinerary lays out the
border's afternoon peak and the ferries' departures, which only ever make a wait shorter than the one timed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from scout.geo.distance import geodesic_km, haversine_km
from scout.model import (
    Area,
    Catalogue,
    Ferry,
    Kind,
    Place,
    TimeSource,
    TravelAssumptions,
    TravelMode,
    TravelTime,
    TripRequest,
)
from scout.model.catalogue import RoutedTime
from scout.model.flights import FlightSchedule, ScheduledFlight
from scout.timezones import zone

WALK_SPEED = 4.5  # km/h
BORDER = "border"  # the pause of a leg that waits at a land border


@dataclass(frozen=True)
class Leg:
    """One uninterrupted movement between two places, or a pause at one (``pause``)."""

    mode: TravelMode
    origin: str  # place id
    destination: str  # place id
    minutes: int  # for a flight: from arriving at the departure airport to leaving the arrival airport
    km: float
    source: TimeSource = TimeSource.ESTIMATED
    buffer: int = 0  # minutes of ``minutes`` that are the fixed cost of moving the group
    approx: bool = False  # an end only stands in for its place: the time is an estimate of town
    pause: str | None = None  # BORDER: a wait at ``origin`` (== ``destination``), not a movement
    ferry: Ferry | None = None  # the crossing of a ferry leg, whose minutes hold the longest wait for it
    northbound: bool = False  # a border pause into the United States
    before: int = 0  # a flight: minutes of ``minutes`` at the departure airport before take-off
    after: int = 0  # a flight: minutes of ``minutes`` at the arrival airport after landing
    flight: ScheduledFlight | None = None  # a flight laid out on its day: the scheduled flight taken

    @property
    def known(self) -> bool:
        return self.source is TimeSource.KNOWN


@dataclass(frozen=True)
class Journey:
    """How to get from one place to another: nothing, one leg, or a chain (drive–flight–drive, drive–border–
    drive, drive–ferry–drive)."""

    legs: tuple[Leg, ...]

    @property
    def minutes(self) -> int:
        return sum(leg.minutes for leg in self.legs)

    @property
    def km(self) -> float:
        return sum(leg.km for leg in self.legs)

    @property
    def flies(self) -> bool:
        return any(leg.mode is TravelMode.FLIGHT for leg in self.legs)

    @property
    def approx(self) -> bool:
        return any(leg.approx for leg in self.legs)


def flight_times(
    flight: ScheduledFlight, day: date, departure_zone: str, arrival_zone: str
) -> tuple[datetime, datetime]:
    """When a scheduled flight that leaves on ``day`` takes off and lands, as aware local datetimes."""
    takeoff = datetime.combine(day, time(0), tzinfo=zone(departure_zone)) + timedelta(minutes=flight.departs)
    landing_day = day + timedelta(days=flight.arrives_days)
    landing = datetime.combine(landing_day, time(0), tzinfo=zone(arrival_zone)) + timedelta(minutes=flight.arrives)
    # Re-resolve the wall-clock times so that a day a clock changes is read by the zones' rules.
    takeoff = takeoff.replace(tzinfo=None).replace(tzinfo=zone(departure_zone))
    landing = landing.replace(tzinfo=None).replace(tzinfo=zone(arrival_zone))
    return takeoff, landing


def block_minutes(flight: ScheduledFlight, day: date, departure_zone: str, arrival_zone: str) -> int:
    """Minutes from take-off to landing of a scheduled flight that leaves on ``day``."""
    takeoff, landing = flight_times(flight, day, departure_zone, arrival_zone)
    return round((landing - takeoff).total_seconds() / 60)


class TravelPlanner:
    """Journeys between catalogue places under a trip's travel assumptions, cached per pair.

    ``flights`` is the schedule flown during the trip (:meth:`FlightSchedule.during`); ``None`` joins every
    two airports far enough apart by an estimated flight, as ``assume_flights`` does for the airports the
    schedule does not join.
    """

    def __init__(
        self,
        catalogue: Catalogue,
        assumptions: TravelAssumptions,
        flights: FlightSchedule | None = None,
        *,
        assume_flights: bool = False,
    ) -> None:
        self.catalogue = catalogue
        self.assumptions = assumptions
        self.schedule = flights if flights is not None else FlightSchedule()
        self.estimates_flights = flights is None or assume_flights
        # The shortest block of each route flown during the trip (on any of its days there).
        self._blocks: dict[tuple[str, str], int] = {}
        for flight in self.schedule.flights:
            if not (catalogue.has_place(flight.origin) and catalogue.has_place(flight.destination)):
                continue
            zones = self.zone(flight.origin), self.zone(flight.destination)
            days = self.schedule.days_flown(flight)
            blocks = [block_minutes(flight, day, *zones) for day in days]
            if blocks:
                key = (flight.origin, flight.destination)
                self._blocks[key] = min(self._blocks.get(key, min(blocks)), min(blocks))
        self._known: dict[tuple[str, str], TravelTime] = {}
        for travel in catalogue.travel_times:
            self._known[(travel.origin, travel.destination)] = travel
            self._known.setdefault((travel.destination, travel.origin), travel)
        # A place at exactly the point of a known time's end (a town and the hotel that stands on its point)
        # takes that known time too: an estimate between two points 0 km apart would say nothing.
        self._twins: dict[str, tuple[str, ...]] = {}
        ends = {p for t in catalogue.travel_times for p in (t.origin, t.destination)}
        by_point: dict[tuple[float, float], list[str]] = {}
        for place in catalogue.places:
            if place.location is not None and not place.approx:
                by_point.setdefault((place.location.lat, place.location.lon), []).append(place.id)
        for ids in by_point.values():
            anchors = tuple(sorted(i for i in ids if i in ends))
            for place_id in ids:
                if anchors and place_id not in ends:
                    self._twins[place_id] = anchors
        self._routed: dict[tuple[str, str], RoutedTime] = {(r.origin, r.destination): r for r in catalogue.routed}
        self._ferries = tuple(
            f for f in catalogue.ferries if catalogue.has_place(f.origin) and catalogue.has_place(f.destination)
        )
        self._journeys: dict[tuple[str, str], Journey] = {}
        self._free: dict[tuple[str, str], Journey | None] = {}
        # Legs recur in many journeys (every place of a state drives to the same airports).
        self._ground: dict[tuple[str, str], tuple[Leg, ...] | None] = {}
        self._flights: dict[tuple[str, str], Leg | None] = {}
        self._airport_kms: dict[tuple[str, str], float] = {}
        self._areas: dict[str, Area | None] = {}
        self._crossings = tuple(p.id for p in catalogue.places if p.kind is Kind.BORDER_CROSSING and p.location)

    @classmethod
    def for_trip(
        cls, catalogue: Catalogue, trip: TripRequest, flights: FlightSchedule, *, assume_flights: bool = False
    ) -> TravelPlanner:
        """The planner a trip is planned with: the schedule's flights of the trip's days, and estimated
        flights too when the trip (or the caller) assumes them."""
        during = flights.during(trip.dates[0], trip.dates[-1])
        return cls(catalogue, trip.travel, during, assume_flights=assume_flights or trip.travel.assume_flights)

    def journey(self, origin: str, destination: str) -> Journey:
        """The fastest journey from one place to another."""
        key = (origin, destination)
        if key not in self._journeys:
            self._journeys[key] = self._journey(origin, destination)
        return self._journeys[key]

    def _journey(self, origin: str, destination: str) -> Journey:
        if origin == destination:
            return Journey(())
        free = self.free_journey(origin, destination)
        to_beat = free.minutes if free is not None else math.inf
        options = [] if free is None else [free]
        by_air = self._best_flight(origin, destination, to_beat, scheduled=True)
        if by_air is not None:
            options.append(by_air)
        if not options:
            a, b = self.catalogue.place(origin), self.catalogue.place(destination)
            raise ValueError(f"no way from {a.name} to {b.name}: water lies between them and no ferry or flight")
        # Fastest first; ties go to the one with fewer legs, then the first found (ground, ferry, air).
        return min(options, key=lambda j: (j.minutes, len(j.legs)))

    def free_journey(self, origin: str, destination: str) -> Journey | None:
        """The fastest journey that takes no scheduled flight (ground, ferries, or an estimated flight), which
        can set out at any hour; ``None`` when there is none. The days reach the rest by the flights of their
        date."""
        key = (origin, destination)
        if key not in self._free:
            self._free[key] = self._free_journey(origin, destination)
        return self._free[key]

    def _free_journey(self, origin: str, destination: str) -> Journey | None:
        if origin == destination:
            return Journey(())
        options: list[Journey] = []
        ground = self.ground(origin, destination)
        if ground is not None:
            options.append(Journey(ground))
        options.extend(self._by_ferry(origin, destination))
        to_beat = min((j.minutes for j in options), default=math.inf)
        by_air = self._best_flight(origin, destination, to_beat, scheduled=False)
        if by_air is not None:
            options.append(by_air)
        return min(options, key=lambda j: (j.minutes, len(j.legs))) if options else None

    def scheduled(self, departure: str, arrival: str) -> bool:
        """Whether a listed flight joins two airports during the trip."""
        return (departure, arrival) in self._blocks

    def zone(self, place_id: str) -> str:
        return self.catalogue.time_zone_of(self.catalogue.place(place_id))

    def international(self, departure: str, arrival: str) -> bool:
        """Whether a flight between two airports crosses a border (immigration and customs at the end)."""
        return self.crosses_border(departure, arrival)

    def airport_before(self, airport: str, international: bool) -> int:
        """Minutes at an airport before a flight's take-off: check-in, security, boarding."""
        return self._at_airport(airport, "before_international" if international else "before")

    def airport_after(self, airport: str, international: bool) -> int:
        """Minutes at an airport after a flight lands: the way out, with immigration and customs after an
        international flight."""
        return self._at_airport(airport, "after_international" if international else "after")

    def _at_airport(self, airport: str, which: str) -> int:
        """The airport's own minutes (``AirportTimes`` field ``which``), else the trip's default for them."""
        own = self.catalogue.place(airport).airport_times
        given: int | None = None if own is None else getattr(own, which)
        default: int = getattr(self.assumptions, f"airport_{which}")
        return given if given is not None else default

    def known(self, origin: str, destination: str) -> TravelTime | None:
        """The catalogue's known travel time between two places, either way round, if any (also for a place
        at the very point of one of its ends)."""
        found = self._known.get((origin, destination))
        if found is not None:
            return found
        for a in self._twins.get(origin, (origin,)):
            for b in self._twins.get(destination, (destination,)):
                if a != b and (a, b) != (origin, destination) and (hit := self._known.get((a, b))) is not None:
                    return hit
        return None

    # The rates below are the one home of the estimates' arithmetic: every estimate rounds them up to whole
    # minutes, and the travel floors (scout.geo.floors) apply them to shortened distances, so a floor can
    # never exceed the estimate it bounds.

    def drive_minutes(self, straight_km: float) -> float:
        """Minutes on the open road between two points ``straight_km`` apart (great circle), border aside."""
        return straight_km * self.assumptions.detour / self.assumptions.road_speed * 60

    def city_minutes(self, road_km: float, area: Area) -> float:
        """Minutes to drive ``road_km`` kilometres of road inside a metropolitan area."""
        return road_km / area.speed_kmh * 60 * self.assumptions.city_factor

    def airborne_minutes(self, straight_km: float) -> float:
        """Minutes in the air between two airports ``straight_km`` apart."""
        return straight_km / self.assumptions.flight_speed * 60

    @property
    def least_airport_minutes(self) -> int:
        """The least minutes any flight spends at its two airports (before take-off and after landing), over
        every airport and kind of flight: what the floors count."""
        rules = self.assumptions
        befores = [rules.airport_before, rules.airport_before_international]
        afters = [rules.airport_after, rules.airport_after_international]
        for place in self.catalogue.places:
            times = place.airport_times
            if times is not None:
                befores += [m for m in (times.before, times.before_international) if m is not None]
                afters += [m for m in (times.after, times.after_international) if m is not None]
        return min(befores) + min(afters)

    @property
    def least_air_minutes_per_km(self) -> float:
        """The least minutes in the air per great-circle kilometre of any flight: the estimate's speed, or a
        listed flight's faster block (tail winds)."""
        rates = [self.airborne_minutes(1.0)] if self.estimates_flights else []
        for (departure, arrival), block in self._blocks.items():
            km = self.airport_km(departure, arrival)
            if km > 0:
                rates.append(block / (km / 0.995))  # the sphere's error, as the floors allow for it
        return min(rates, default=self.airborne_minutes(1.0))

    @property
    def shortest_flight_km(self) -> float:
        """No flight joins airports closer than this (great circle): ``min_flight_km`` for estimated flights
        (on one landmass), or the shortest listed route."""
        shortest = [self.assumptions.min_flight_km] if self.estimates_flights else []
        shortest += [self.airport_km(a, b) for a, b in self._blocks]
        return min(shortest, default=math.inf)

    def crosses_border(self, origin: str, destination: str) -> bool:
        return self._country(self.catalogue.place(origin)) != self._country(self.catalogue.place(destination))

    def border_wait(self, origin: str, destination: str) -> int:
        """The wait timed for a land crossing from one place to another: the least wait southbound (the
        itinerary crosses before the afternoon peak where it can), the northbound wait into the US."""
        if not self.crosses_border(origin, destination):
            return 0
        north = self._country(self.catalogue.place(destination)) == "US"
        return self.assumptions.border_north if north else self.assumptions.border_south

    def area_of(self, place_id: str) -> Area | None:
        """The metropolitan area a place lies in (the first of the catalogue's areas that holds it); none for
        a place on an island, which no area's roads reach."""
        if place_id not in self._areas:
            place = self.catalogue.place(place_id)
            location = place.location
            found = None
            if location is not None and place.island is None:
                found = next((a for a in self.catalogue.areas if haversine_km(location, a.centre) <= a.radius_km), None)
            self._areas[place_id] = found
        return self._areas[place_id]

    def same_landmass(self, origin: str, destination: str) -> bool:
        """Whether a vehicle can drive from one place to the other: both on the mainland or on one island."""
        return self.catalogue.place(origin).island == self.catalogue.place(destination).island

    def ground(self, origin: str, destination: str) -> tuple[Leg, ...] | None:
        """A drive (or walk, or known transfer) between two places without flying or sailing: one leg, or
        drive–border–drive; ``None`` when water lies between them."""
        key = (origin, destination)
        if key not in self._ground:
            self._ground[key] = self._ground_legs(origin, destination)
        return self._ground[key]

    def ground_leg(self, origin: str, destination: str) -> Leg:
        """The single ground leg between two places on one side of a border (see :meth:`ground`)."""
        legs = self.ground(origin, destination)
        if legs is None or len(legs) != 1:
            raise ValueError(f"no single ground leg from {origin!r} to {destination!r}")
        return legs[0]

    def _ground_legs(self, origin: str, destination: str) -> tuple[Leg, ...] | None:
        if not self.same_landmass(origin, destination):
            return None
        if self.crosses_border(origin, destination) and self.known(origin, destination) is None:
            return self._across_border(origin, destination)
        return (self._leg(origin, destination),)

    def _across_border(self, origin: str, destination: str) -> tuple[Leg, ...]:
        """A drive to a crossing, the wait there, and on; without crossings in the catalogue, the wait is had
        at the border on the straight drive (a pause at the destination's side)."""
        wait = self.border_wait(origin, destination)
        north = self._country(self.catalogue.place(destination)) == "US"
        best: tuple[Leg, ...] | None = None
        for crossing in self._crossings:
            legs = (
                self._leg(origin, crossing),
                Leg(TravelMode.DRIVE, crossing, crossing, wait, 0.0, pause=BORDER, northbound=north),
                self._leg(crossing, destination, buffer=False),
            )
            if best is None or sum(leg.minutes for leg in legs) < sum(leg.minutes for leg in best):
                best = legs
        if best is not None:
            return best
        drive = self._leg(origin, destination)
        return (drive, Leg(TravelMode.DRIVE, destination, destination, wait, 0.0, pause=BORDER, northbound=north))

    def _leg(self, origin: str, destination: str, *, buffer: bool = True) -> Leg:
        """One ground leg between two places of one country and landmass."""
        a, b = self.catalogue.place(origin), self.catalogue.place(destination)
        straight = self._straight_km(a, b)
        rules = self.assumptions
        known = self.known(origin, destination)
        if known is not None:
            km = known.km if known.km is not None else straight * rules.detour
            extra = rules.buffer if buffer else 0
            return Leg(known.mode, origin, destination, known.minutes + extra, km, TimeSource.KNOWN, extra)
        if a.site is not None and a.site == b.site:
            return Leg(TravelMode.WALK, origin, destination, rules.same_site, straight, buffer=rules.same_site)
        extra = rules.buffer if buffer else 0
        km = straight * rules.detour
        if km < rules.walk_below_km:
            walk = math.ceil(km / WALK_SPEED * 60)
            return Leg(TravelMode.WALK, origin, destination, walk + extra, km, buffer=extra)
        approx = a.approx or b.approx
        routed = None if approx else self._routed.get((origin, destination))
        start_area, end_area = self.area_of(origin), self.area_of(destination)
        if routed is not None:  # free flow, slowed to the city's traffic
            km, minutes, source = routed.km, routed.minutes, TimeSource.ROUTED
            if start_area is not None and start_area is end_area:
                minutes = max(minutes, self.city_minutes(routed.km, start_area))
            else:
                minutes += self._leaving_town(straight, origin, destination)
        else:
            minutes, source = self.estimate_minutes(straight, origin, destination), TimeSource.ESTIMATED
        if approx:
            town = [area for area, place in ((start_area, a), (end_area, b)) if area is not None and place.approx]
            minutes = max(minutes, *(area.cross_town for area in town)) if town else minutes
        return Leg(TravelMode.DRIVE, origin, destination, math.ceil(minutes) + extra, km, source, extra, approx)

    def estimate_minutes(self, straight_km: float, origin: str, destination: str) -> float:
        """The model's drive between two places: at the area's speed inside one area; else the open road,
        with the part of the road inside the areas at either end at their speed."""
        rules = self.assumptions
        start_area, end_area = self.area_of(origin), self.area_of(destination)
        if start_area is not None and start_area is end_area:
            return self.city_minutes(straight_km * rules.detour, start_area)
        return self.drive_minutes(straight_km) + self._leaving_town(straight_km, origin, destination)

    def _leaving_town(self, straight_km: float, origin: str, destination: str) -> float:
        """What the part of a drive inside the areas at either end adds to the open road's time."""
        rules = self.assumptions
        minutes = 0.0
        for area, place_id in ((self.area_of(origin), origin), (self.area_of(destination), destination)):
            if area is None:
                continue
            location = self.catalogue.place(place_id).location
            assert location is not None
            inside = min(straight_km, max(0.0, area.radius_km - haversine_km(location, area.centre)))
            slower = self.city_minutes(inside * rules.detour, area) - self.drive_minutes(inside)
            minutes += max(0.0, slower)
        return minutes

    # -- ferries ---------------------------------------------------------------------------------------

    def _by_ferry(self, origin: str, destination: str) -> list[Journey]:
        """Journeys with a ferry (one, or one each way through the mainland between two islands)."""
        if self.same_landmass(origin, destination) or not self._ferries:
            return []
        found = []
        for ferry in self._ferries:
            before = self.access(origin, ferry.origin)
            after = self.access(ferry.destination, destination)
            if before is None or after is None:
                continue
            found.append(Journey((*before, self.ferry_leg(ferry), *after)))
        return found

    def _one_ferry(self, origin: str, destination: str) -> tuple[Leg, ...] | None:
        best: tuple[Leg, ...] | None = None
        for ferry in self._ferries:
            before = () if origin == ferry.origin else self.ground(origin, ferry.origin)
            after = () if ferry.destination == destination else self.ground(ferry.destination, destination)
            if before is None or after is None:
                continue
            legs = (*before, self.ferry_leg(ferry), *after)
            if best is None or sum(leg.minutes for leg in legs) < sum(leg.minutes for leg in best):
                best = legs
        return best

    def ferry_leg(self, ferry: Ferry) -> Leg:
        """A crossing, timed with the longest wait for it between its first and last departure."""
        a, b = self.catalogue.place(ferry.origin), self.catalogue.place(ferry.destination)
        wait = ferry.longest_wait(ferry.departures[0], ferry.departures[-1]) or 0
        km = self._straight_km(a, b)
        return Leg(TravelMode.FERRY, ferry.origin, ferry.destination, ferry.minutes + wait, km,
                   TimeSource.SCHEDULED, ferry=ferry)  # fmt: skip

    # -- flights ---------------------------------------------------------------------------------------

    def flight_leg(self, departure: str, arrival: str) -> Leg | None:
        """A flight between two airports with the time spent at both of them: scheduled (the route's shortest
        block during the trip), else estimated where flights are assumed; ``None`` when no flight joins them."""
        key = (departure, arrival)
        if key not in self._flights:
            self._flights[key] = self._flight_leg(departure, arrival)
        return self._flights[key]

    def _flight_leg(self, departure: str, arrival: str) -> Leg | None:
        a, b = self.catalogue.place(departure), self.catalogue.place(arrival)
        km = self._straight_km(a, b)
        abroad = self.international(departure, arrival)
        before, after = self.airport_before(departure, abroad), self.airport_after(arrival, abroad)
        block = self._blocks.get((departure, arrival))
        if block is not None:
            return Leg(TravelMode.FLIGHT, departure, arrival, before + block + after, km, TimeSource.SCHEDULED,
                       before=before, after=after)  # fmt: skip
        if not self.estimates_flights:
            return None
        known = self._known.get((departure, arrival))
        if known is not None and known.mode is TravelMode.FLIGHT:
            return Leg(TravelMode.FLIGHT, departure, arrival, known.minutes, known.km or km, TimeSource.KNOWN)
        # Short hops are driven, unless water lies between the airports (an island's airport).
        if km < self.assumptions.min_flight_km and self.same_landmass(departure, arrival):
            return None
        minutes = before + math.ceil(self.airborne_minutes(km)) + after
        return Leg(TravelMode.FLIGHT, departure, arrival, minutes, km, before=before, after=after)

    def _best_flight(self, origin: str, destination: str, to_beat: float, *, scheduled: bool) -> Journey | None:
        """The fastest journey with one flight (a listed one, or an estimated one), among those that could take
        less than ``to_beat`` minutes."""
        best: Journey | None = None
        for departure in self.airports_for(origin):
            for arrival in self.airports_for(destination):
                if departure == arrival or self.scheduled(departure, arrival) is not scheduled:
                    continue
                flight = self.flight_leg(departure, arrival)
                if flight is None or flight.minutes >= to_beat:
                    continue  # no flight, or the flight alone is no faster than the road
                before = self.access(origin, departure)
                after = self.access(arrival, destination)
                if before is None or after is None:
                    continue
                journey = Journey((*before, flight, *after))
                if best is None or journey.minutes < best.minutes:
                    best = journey
        return best

    def airport_km(self, departure: str, arrival: str) -> float:
        key = (departure, arrival)
        if key not in self._airport_kms:
            self._airport_kms[key] = self._straight_km(self.catalogue.place(departure), self.catalogue.place(arrival))
        return self._airport_kms[key]

    def access(self, origin: str, destination: str) -> tuple[Leg, ...] | None:
        """The way to or from a port or an airport: nothing, the ground, or one ferry across the water."""
        if origin == destination:
            return ()
        ground = self.ground(origin, destination)
        return ground if ground is not None else self._one_ferry(origin, destination)

    def airports_for(self, place_id: str) -> tuple[str, ...]:
        """The airports a journey from or to a place flies from: the place itself, or its state's."""
        place = self.catalogue.place(place_id)
        if place.kind is Kind.AIRPORT:
            return (place.id,)
        return self.catalogue.state(place.state).airports

    def _straight_km(self, a: Place, b: Place) -> float:
        if a.location is None or b.location is None:
            missing = a if a.location is None else b
            raise ValueError(f"place {missing.id!r} has no coordinates")
        return geodesic_km(a.location, b.location)

    def _country(self, place: Place) -> str:
        return self.catalogue.state(place.state).country
