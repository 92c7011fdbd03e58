"""Lower bounds on travel time between catalogue places, for the planner's bounds.

Every journey :mod:`scout.geo.travel` times rounds its legs up to whole minutes, at the rates it defines
(:meth:`~scout.geo.travel.TravelPlanner.drive_minutes` and the others), so the real-valued floors here, which
apply the same rates to distances shortened by the sphere's error, never exceed it: a drive covers the great
circle times the detour at the road speed, a flight spends the time at both airports and covers the great
circle no faster than a plane (or takes the fastest flight the catalogue knows), a border adds its least
wait to a drive. Ground and water are covered no faster than the fastest of the open road, any routed road
time and any ferry (cities are only ever slower), and every move between two different places costs at
least the smaller of the trip's two buffers (a walk within a site costs no more than its buffer), and a
place on a stand-in point in a city at least the city's cross-town time. These floors obey the triangle
inequality, so the least travel of any sequence of legs is the floor between its ends, or a path through
the catalogue's known travel times, which may be faster: :meth:`TravelFloor.least` takes both.
"""

from __future__ import annotations

import math
from collections.abc import Container, Iterable, Sequence

from scout.geo.distance import haversine_km, nearest_km
from scout.geo.travel import TravelPlanner
from scout.model import Coordinates, Kind, TravelMode, TravelTime

HAVERSINE_SLACK = 0.995  # the sphere may be up to 0.5 % longer or shorter than the ellipsoid


def _routed_rates(travel: TravelPlanner) -> list[float]:
    """Minutes per great-circle kilometre of every routed road time (free flow: maybe faster than the model)."""
    rates = []
    for r in travel.catalogue.routed:
        km = haversine_km(r.origin_point, r.destination_point)
        if km > 0:
            rates.append(r.minutes / (km / HAVERSINE_SLACK))
    return rates


def _ferry_rates(travel: TravelPlanner) -> list[float]:
    """Minutes per great-circle kilometre of every crossing (waiting aside)."""
    rates = []
    for ferry in travel.catalogue.ferries:
        a = travel.catalogue.place(ferry.origin).location
        b = travel.catalogue.place(ferry.destination).location
        if a is not None and b is not None and (km := haversine_km(a, b)) > 0:
            rates.append(ferry.minutes / (km / HAVERSINE_SLACK))
    return rates


class TravelFloor:
    """Least travel minutes between catalogue places, valid for every mode of travel."""

    def __init__(self, travel: TravelPlanner) -> None:
        self.travel = travel
        catalogue = travel.catalogue
        flights = [t.minutes for t in catalogue.travel_times if t.mode is TravelMode.FLIGHT]
        self._fastest_flight = min(flights, default=None)
        self._move = travel.assumptions.least_move
        # Flights: the least airport time, the fastest rate in the air and the shortest route of any flight
        # (listed, or estimated where flights are assumed).
        self._at_airports = travel.least_airport_minutes
        self._per_km_air = travel.least_air_minutes_per_km
        self._shortest_flight = travel.shortest_flight_km
        self._per_km_ground = min([travel.drive_minutes(1.0), *_routed_rates(travel), *_ferry_rates(travel)])
        # An island's airport is flown to however near: a flight from or to a state with one may be short.
        self._island_states = {p.state for p in catalogue.places if p.kind is Kind.AIRPORT and p.island}
        airports = {p.id for p in catalogue.places if p.kind is Kind.AIRPORT}
        airports.update(a for state in catalogue.states for a in state.airports)
        self._airports = [loc for a in sorted(airports) if (loc := catalogue.place(a).location) is not None]
        self._to_airport: dict[str, float] = {}
        # With only listed flights, which airports a flight joins matters: the least time between any two
        # airports, over chains of listed flights and drives between airports (Floyd–Warshall, vectorised).
        self._graph: tuple[list[str], list[list[float]]] | None = None
        self._via: dict[str, list[float]] = {}
        if not travel.estimates_flights:
            self._graph = self._airport_graph(sorted(airports))
        self._ends_of: dict[str, tuple[list[float], list[float]]] = {}
        # Known times are shortcuts: close the few places they join under the floors, once.
        # A known time to a place without coordinates (not geocoded yet) is in no journey: the planner only
        # times places it can locate.
        self.known = tuple(
            t for t in catalogue.travel_times
            if catalogue.place(t.origin).location is not None and catalogue.place(t.destination).location is not None
        )  # fmt: skip
        ends = sorted({p for t in self.known for p in (t.origin, t.destination)})
        self._ends = ends
        self._exits: dict[str, int] = {}
        # Places a known time may join, its ends and the places at their very points (TravelPlanner.known)
        self._known_ends = {p for t in catalogue.travel_times for p in (t.origin, t.destination)}
        for place in catalogue.places:
            if place.location is not None and any(catalogue.place(end).location == place.location for end in ends):
                self._known_ends.add(place.id)
        least = {(a, b): self.direct(a, b) for a in ends for b in ends}
        for t in self.known:
            for a, b in ((t.origin, t.destination), (t.destination, t.origin)):
                least[a, b] = min(least[a, b], t.minutes + (self._move if t.mode is not TravelMode.FLIGHT else 0))
        for via in ends:  # Floyd–Warshall over a handful of places
            for a in ends:
                for b in ends:
                    least[a, b] = min(least[a, b], least[a, via] + least[via, b])
        self._between_ends = least

    def by_distance(self, km: float) -> float:
        """The least time any journey between two points ``km`` apart (great circle) takes, border aside.

        Weaker than :meth:`direct`, which knows where the airports are; for when only a distance is known.
        The two points are different places.
        """
        shortest = 0.0 if self._island_states else self._shortest_flight
        return self._floor(km * HAVERSINE_SLACK, 0.0, 0, shortest)

    def direct(self, origin: str, destination: str) -> float:
        """The floor between two places from where they and the airports are, without known times."""
        if origin == destination:
            return 0.0
        catalogue = self.travel.catalogue
        a = catalogue.place(origin).location
        b = catalogue.place(destination).location
        assert a is not None and b is not None  # only places with coordinates are timed
        border = self.travel.border_wait(origin, destination)
        near = self._airport_km(origin) + self._airport_km(destination)
        # A journey flies from an airport of the origin's state to one of the destination's (or from the
        # place itself, an airport): only an island's airport among them makes a short flight possible.
        ends = {catalogue.place(origin).state, catalogue.place(destination).state}
        shortest = 0.0 if ends & self._island_states else self._shortest_flight
        km = haversine_km(a, b) * HAVERSINE_SLACK
        if self._graph is None:
            floor = self._floor(km, near * HAVERSINE_SLACK, border, shortest)
        else:  # the road, or a chain through the airports that listed flights join
            by_air = min(map(sum, zip(self._via_airports(origin), self._from_airports(destination), strict=True)))
            floor = min(self._ground(km, border), by_air)
        site = catalogue.place(origin).site
        if site is not None and site == catalogue.place(destination).site:
            floor = min(floor, float(self.travel.assumptions.same_site))
        return max(floor, self._stand_in(origin, destination))

    def _ground(self, km: float, border: int) -> float:
        """The least a journey on the ground (or water) over ``km`` great-circle kilometres takes, with a
        border's least wait."""
        return km * self._per_km_ground + border + self._move

    def _airport_graph(self, airports: list[str]) -> tuple[list[str], list[list[float]]]:
        """The least minutes between every two airports: drives (at the ground floor) and the listed flights
        (their airports' times and shortest block), closed under chains (Floyd–Warshall)."""
        travel = self.travel
        catalogue = travel.catalogue
        located = [a for a in airports if catalogue.place(a).location is not None]
        points = [catalogue.place(a).location for a in located]
        least = []
        for p, here in zip(located, points, strict=True):
            row = []
            for q, there in zip(located, points, strict=True):
                if p == q:
                    row.append(0.0)
                    continue
                assert here is not None and there is not None
                minutes = self._ground(haversine_km(here, there) * HAVERSINE_SLACK, travel.border_wait(p, q))
                leg = travel.flight_leg(p, q) if travel.scheduled(p, q) else None
                row.append(min(minutes, leg.minutes) if leg is not None else minutes)
            least.append(row)
        n = len(located)
        for k in range(n):
            through = least[k]
            for i in range(n):
                into = least[i][k]
                row = least[i]
                for j in range(n):
                    if into + through[j] < row[j]:
                        row[j] = into + through[j]
        return located, least

    def _to_each_airport(self, place_id: str, inbound: bool) -> list[float]:
        """The ground floor from a place to every airport of the graph (or from every airport to it)."""
        assert self._graph is not None
        travel = self.travel
        here = travel.catalogue.place(place_id).location
        assert here is not None
        found = []
        for airport in self._graph[0]:
            there = travel.catalogue.place(airport).location
            assert there is not None
            if airport == place_id:
                found.append(0.0)
                continue
            border = travel.border_wait(airport, place_id) if inbound else travel.border_wait(place_id, airport)
            found.append(self._ground(haversine_km(here, there) * HAVERSINE_SLACK, border))
        return found

    def _via_airports(self, place_id: str) -> list[float]:
        """For each airport: the least from a place to it through any airport (a drive, then the graph)."""
        if place_id not in self._via:
            assert self._graph is not None
            drives = self._to_each_airport(place_id, False)
            least = self._graph[1]
            self._via[place_id] = [min(d + row[j] for d, row in zip(drives, least, strict=True))
                                   for j in range(len(drives))]  # fmt: skip
        return self._via[place_id]

    def _from_airports(self, place_id: str) -> list[float]:
        key = "\0" + place_id
        if key not in self._via:
            self._via[key] = self._to_each_airport(place_id, True)
        return self._via[key]

    def exit_minutes(self, place_id: str) -> int:
        """The least any leg to or from a place takes beyond its buffer because the place stands on an
        approximate point in a metropolitan area: the area's cross-town time (0 for other places, and for
        those a known time or a site joins, which such legs may take instead)."""
        if place_id not in self._exits:
            place = self.travel.catalogue.place(place_id)
            area = self.travel.area_of(place_id)
            loose = place.approx and area is not None and place.site is None and place_id not in self._known_ends
            self._exits[place_id] = area.cross_town if loose and area is not None else 0
        return self._exits[place_id]

    def _stand_in(self, origin: str, destination: str) -> float:
        """Every journey between two different places starts with a leg from the first and ends with one
        into the second, each of which takes at least its stand-in time and the least buffer."""
        if origin == destination:
            return 0.0
        return float(max(self.exit_minutes(origin), self.exit_minutes(destination)) + self._move)

    def _floor(self, km: float, near: float, border: int, shortest_flight: float) -> float:
        """The least of a drive over ``km`` (plus ``border``) and a flight between points ``near`` km from
        airports in all."""
        per_km_road, per_km_air = self._per_km_ground, self._per_km_air
        at_airports = self._at_airports
        if per_km_road >= per_km_air:
            # A flight from airport A to B is a drive to A, the airports, the flight, a drive from B. The
            # drives cover a >= `near` km, and a >= shortest - d(x, y) too, since no flight is shorter than
            # `shortest`; the flight covers d(A, B) >= max(shortest, d(x, y) - a). The time grows with a (a
            # road is slower than a plane), so the least a gives the floor: for far places, the flight over
            # d(x, y) plus, at each end, the drive to the nearest airport less the flight over it.
            shortest = shortest_flight * HAVERSINE_SLACK
            drives = max(near, shortest - km)
            by_air = at_airports + max(shortest, km - drives) * per_km_air + drives * per_km_road
        else:  # a road faster than a plane: any flight is at least the airports and the road's time
            by_air = at_airports + km * per_km_road
        if self._fastest_flight is not None:
            by_air = min(by_air, self._fastest_flight)
        # Walking, when chosen, is slower still than driving; a move costs its buffer, a flight its airports.
        return min(km * per_km_road + border + self._move, by_air)

    def known_uses(self, travel: TravelTime) -> int:
        """How many legs of one path may take a known time: each place at most once, and the places at the
        very point of either end take it too (:meth:`scout.geo.travel.TravelPlanner.known`)."""
        return self._twins_of(travel.origin) + self._twins_of(travel.destination)

    def _twins_of(self, place_id: str) -> int:
        location = self.travel.catalogue.place(place_id).location
        return sum(1 for p in self.travel.catalogue.places if p.location == location and not p.approx) or 1

    def _airport_km(self, place_id: str) -> float:
        if place_id not in self._to_airport:
            location = self.travel.catalogue.place(place_id).location
            assert location is not None
            self._to_airport[place_id] = min((haversine_km(location, a) for a in self._airports), default=0.0)
        return self._to_airport[place_id]

    def least(self, origin: str, destination: str) -> float:
        """The least travel of any sequence of journeys from one place to another (known times included)."""
        best = self.direct(origin, destination)
        if self._ends:
            into = self._via_ends(origin)[0]
            onward = self._via_ends(destination)[1]
            best = min(best, *(a + b for a, b in zip(into, onward, strict=True)))
        return max(best, self._stand_in(origin, destination))

    def _via_ends(self, place_id: str) -> tuple[list[float], list[float]]:
        """For each place a known time joins: the floor from ``place_id`` to it, and the least from it on to
        ``place_id`` through the known times. (Floors are symmetric; known times hold both ways.)"""
        if place_id not in self._ends_of:
            ends = self._ends
            to_end = [self.direct(place_id, end) for end in ends]
            onward = [min(self._between_ends[u, v] + to_end[j] for j, v in enumerate(ends)) for u in ends]
            self._ends_of[place_id] = (to_end, onward)
        return self._ends_of[place_id]

    def minutes_by_distance(self, km: float) -> int:
        """:meth:`by_distance` in whole minutes, rounded down (still a floor)."""
        return math.floor(self.by_distance(km))

    def least_minutes(self, origin: str, destination: str) -> int:
        """:meth:`least` in whole minutes, rounded down (still a floor)."""
        return math.floor(self.least(origin, destination))

    def known_minimum(self, place: str, among: Container[str]) -> int | None:
        """The shortest known travel time (from the catalogue) between ``place`` and any other of ``among``."""
        times = [
            t.minutes
            for t in self.known
            if (t.origin == place and t.destination in among and t.destination != place)
            or (t.destination == place and t.origin in among and t.origin != place)
        ]
        return min(times, default=None)

    def ways_in(self, places: Iterable[str], nodes: Sequence[tuple[str, Coordinates]]) -> dict[str, int]:
        """The least leg into each of ``places`` from any other of ``nodes`` (ids with their points): the
        floor over the distance to the nearest of them, or a known time from one of them when shorter."""
        catalogue = self.travel.catalogue
        queries = [(p, location) for p in places if (location := catalogue.place(p).location) is not None]
        nearest = nearest_km(queries, list(nodes))
        among = {node for node, _ in nodes}
        result = {}
        for place, _ in queries:
            by_distance = self.minutes_by_distance(nearest[place]) if nearest[place] < math.inf else 0
            known = self.known_minimum(place, among)
            result[place] = by_distance if known is None else min(by_distance, known)
        sites: dict[str, int] = {}
        for node in among:
            if (site := catalogue.place(node).site) is not None:
                sites[site] = sites.get(site, 0) + 1
        walk = self.travel.assumptions.same_site
        for place in result:
            site = catalogue.place(place).site
            if site is not None and sites.get(site, 0) - (place in among) > 0:
                result[place] = min(result[place], walk)  # a walk from another place of its site
            result[place] = max(result[place], self.exit_minutes(place) + self._move)
        return result
