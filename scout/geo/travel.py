"""Travel between places: known times from the catalogue, else estimates by road or by air.

A road estimate is the geodesic distance times a detour factor at an average speed; a flight goes from an
airport of the origin's state to an airport of the destination's state, with the time at both airports and
the drives to and from them. The faster of the two is taken. Times are durations in whole minutes; the
itinerary turns them into local clock times at each end, so a flight between time zones is right.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from scout.geo.distance import geodesic_km
from scout.model import Catalogue, Kind, Place, TravelAssumptions, TravelMode, TravelTime

WALK_SPEED = 4.5  # km/h


@dataclass(frozen=True)
class Leg:
    """One uninterrupted movement between two places."""

    mode: TravelMode
    origin: str  # place id
    destination: str  # place id
    minutes: int  # for a flight: from arriving at the departure airport to leaving the arrival airport
    km: float
    known: bool = False  # taken from the catalogue's travel_times rather than estimated


@dataclass(frozen=True)
class Journey:
    """How to get from one place to another: nothing, one leg, or drive–flight–drive."""

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


class TravelPlanner:
    """Journeys between catalogue places under a trip's travel assumptions, cached per pair."""

    def __init__(self, catalogue: Catalogue, assumptions: TravelAssumptions) -> None:
        self.catalogue = catalogue
        self.assumptions = assumptions
        self._known: dict[tuple[str, str], TravelTime] = {}
        for travel in catalogue.travel_times:
            self._known[(travel.origin, travel.destination)] = travel
            self._known.setdefault((travel.destination, travel.origin), travel)
        self._journeys: dict[tuple[str, str], Journey] = {}
        # Legs recur in many journeys (every place of a state drives to the same airports).
        self._ground: dict[tuple[str, str], Leg] = {}
        self._flights: dict[tuple[str, str], Leg] = {}
        self._airport_kms: dict[tuple[str, str], float] = {}

    def journey(self, origin: str, destination: str) -> Journey:
        """The fastest journey from one place to another."""
        key = (origin, destination)
        if key not in self._journeys:
            self._journeys[key] = self._journey(origin, destination)
        return self._journeys[key]

    def _journey(self, origin: str, destination: str) -> Journey:
        if origin == destination:
            return Journey(())
        by_road = Journey((self.ground_leg(origin, destination),))
        by_air = self._best_flight(origin, destination, by_road.minutes)
        if by_air is not None and by_air.minutes < by_road.minutes:
            return by_air
        return by_road

    def known(self, origin: str, destination: str) -> TravelTime | None:
        """The catalogue's known travel time between two places, either way round, if any."""
        return self._known.get((origin, destination))

    # The rates below are the one home of the estimates' arithmetic: every estimate rounds them up to whole
    # minutes, and the travel floors (scout.geo.floors) apply them to shortened distances, so a floor can
    # never exceed the estimate it bounds.

    def drive_minutes(self, straight_km: float) -> float:
        """Minutes on the road between two points ``straight_km`` apart (great circle), border aside."""
        return straight_km * self.assumptions.detour / self.assumptions.road_speed * 60

    def airborne_minutes(self, straight_km: float) -> float:
        """Minutes in the air between two airports ``straight_km`` apart."""
        return straight_km / self.assumptions.flight_speed * 60

    @property
    def airport_minutes(self) -> int:
        """Minutes at the two airports of a flight: before boarding, and after landing."""
        return self.assumptions.airport_before + self.assumptions.airport_after

    def crosses_border(self, origin: str, destination: str) -> bool:
        return self._country(self.catalogue.place(origin)) != self._country(self.catalogue.place(destination))

    def ground_leg(self, origin: str, destination: str) -> Leg:
        """A drive (or walk, or known transfer) between two places, without flying."""
        key = (origin, destination)
        if key not in self._ground:
            self._ground[key] = self._ground_leg(origin, destination)
        return self._ground[key]

    def _ground_leg(self, origin: str, destination: str) -> Leg:
        known = self._known.get((origin, destination))
        a, b = self.catalogue.place(origin), self.catalogue.place(destination)
        straight = self._straight_km(a, b)
        if known is not None:
            km = known.km if known.km is not None else straight * self.assumptions.detour
            return Leg(known.mode, origin, destination, known.minutes, km, known=True)
        km = straight * self.assumptions.detour
        if km < self.assumptions.walk_below_km:
            return Leg(TravelMode.WALK, origin, destination, max(1, math.ceil(km / WALK_SPEED * 60)), km)
        minutes = math.ceil(self.drive_minutes(straight))
        if self._country(a) != self._country(b):
            minutes += self.assumptions.border_crossing
        return Leg(TravelMode.DRIVE, origin, destination, max(1, minutes), km)

    def flight_leg(self, departure: str, arrival: str) -> Leg:
        """A flight between two airports, with the time spent at both of them."""
        key = (departure, arrival)
        if key not in self._flights:
            self._flights[key] = self._flight_leg(departure, arrival)
        return self._flights[key]

    def _flight_leg(self, departure: str, arrival: str) -> Leg:
        known = self._known.get((departure, arrival))
        a, b = self.catalogue.place(departure), self.catalogue.place(arrival)
        km = self._straight_km(a, b)
        if known is not None and known.mode is TravelMode.FLIGHT:
            return Leg(TravelMode.FLIGHT, departure, arrival, known.minutes, known.km or km, known=True)
        minutes = self.airport_minutes + math.ceil(self.airborne_minutes(km))
        return Leg(TravelMode.FLIGHT, departure, arrival, minutes, km)

    def _best_flight(self, origin: str, destination: str, to_beat: int) -> Journey | None:
        """The fastest journey with a flight, among those that could take less than ``to_beat`` minutes."""
        best: Journey | None = None
        for departure in self._airports_for(origin):
            for arrival in self._airports_for(destination):
                if departure == arrival or self._airport_km(departure, arrival) < self.assumptions.min_flight_km:
                    continue
                if self.flight_leg(departure, arrival).minutes >= to_beat:
                    continue  # the flight alone is no faster than the road: most pairs within a state
                legs = [
                    *self._access(origin, departure),
                    self.flight_leg(departure, arrival),
                    *self._access(arrival, destination),
                ]
                journey = Journey(tuple(legs))
                if best is None or journey.minutes < best.minutes:
                    best = journey
        return best

    def _airport_km(self, departure: str, arrival: str) -> float:
        key = (departure, arrival)
        if key not in self._airport_kms:
            self._airport_kms[key] = self._straight_km(self.catalogue.place(departure), self.catalogue.place(arrival))
        return self._airport_kms[key]

    def _access(self, origin: str, destination: str) -> tuple[Leg, ...]:
        return () if origin == destination else (self.ground_leg(origin, destination),)

    def _airports_for(self, place_id: str) -> tuple[str, ...]:
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
