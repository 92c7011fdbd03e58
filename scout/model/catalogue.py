"""The catalogue: states, places, known travel times, sources and routed road times.

Everything here is immutable and checked at construction; a variant is made with
:func:`dataclasses.replace`. This module imports nothing else of ``scout``.

Units, written down once: coordinates in decimal degrees (WGS 84); durations in whole minutes; times of
day in minutes after local midnight (0–1440); values on a 0–10 scale.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType

MINUTES_PER_DAY = 24 * 60
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class KindGroup(StrEnum):
    """What a kind of place is for: what the delegation looks at, meets, or sleeps in."""

    LANDSCAPE = "landscape"
    BUILT = "built setting"
    INDUSTRY = "industry"
    INSTITUTION = "institution"
    LOGISTICS = "logistics"


class Kind(StrEnum):
    """The documented vocabulary of place kinds (``docs/catalogue.md``)."""

    DESERT = "desert"
    DUNES = "dunes"
    BEACH = "beach"
    COAST = "coast"
    ISLAND = "island"
    JUNGLE = "jungle"
    FOREST = "forest"
    CANYON = "canyon"
    CENOTE = "cenote"
    MOUNTAIN = "mountain"
    VOLCANO = "volcano"
    LAKE = "lake"
    RIVER = "river"
    WATERFALL = "waterfall"
    WETLAND = "wetland"
    ROCK_FORMATION = "rock-formation"
    VINEYARD = "vineyard"

    COLONIAL_TOWN = "colonial-town"
    HACIENDA = "hacienda"
    URBAN = "urban"
    ARCHAEOLOGICAL_SITE = "archaeological-site"
    GHOST_TOWN = "ghost-town"
    MISSION = "mission"
    VILLAGE = "village"
    LANDMARK = "landmark"
    INDUSTRIAL = "industrial"

    STUDIO = "studio"
    BACKLOT = "backlot"
    POST_PRODUCTION = "post-production"
    EQUIPMENT_RENTAL = "equipment-rental"
    FILM_SCHOOL = "film-school"
    FILM_ARCHIVE = "film-archive"

    FILM_COMMISSION = "film-commission"
    ORGANIZATION = "organization"

    HOTEL = "hotel"
    CITY = "city"
    AIRPORT = "airport"
    PORT = "port"  # a ferry terminal
    BORDER_CROSSING = "border-crossing"  # a road port of entry between two countries

    @property
    def group(self) -> KindGroup:
        return _GROUP_OF_KIND[self]

    @property
    def label(self) -> str:
        """The kind as a person writes it: ``colonial town``."""
        return self.value.replace("-", " ")

    @property
    def is_logistics(self) -> bool:
        """Hotels, cities, airports, ports and border crossings: places to sleep, land, leave and cross,
        never scouted for value."""
        return self.group is KindGroup.LOGISTICS

    @property
    def is_base(self) -> bool:
        """Whether a night can be spent at a place of this kind."""
        return self in (Kind.HOTEL, Kind.CITY)


_GROUPS: dict[KindGroup, tuple[Kind, ...]] = {
    KindGroup.LANDSCAPE: (
        Kind.DESERT, Kind.DUNES, Kind.BEACH, Kind.COAST, Kind.ISLAND, Kind.JUNGLE, Kind.FOREST,
        Kind.CANYON, Kind.CENOTE, Kind.MOUNTAIN, Kind.VOLCANO, Kind.LAKE, Kind.RIVER, Kind.WATERFALL,
        Kind.WETLAND, Kind.ROCK_FORMATION, Kind.VINEYARD,
    ),
    KindGroup.BUILT: (
        Kind.COLONIAL_TOWN, Kind.HACIENDA, Kind.URBAN, Kind.ARCHAEOLOGICAL_SITE, Kind.GHOST_TOWN,
        Kind.MISSION, Kind.VILLAGE, Kind.LANDMARK, Kind.INDUSTRIAL,
    ),
    KindGroup.INDUSTRY: (
        Kind.STUDIO, Kind.BACKLOT, Kind.POST_PRODUCTION, Kind.EQUIPMENT_RENTAL, Kind.FILM_SCHOOL,
        Kind.FILM_ARCHIVE,
    ),
    KindGroup.INSTITUTION: (Kind.FILM_COMMISSION, Kind.ORGANIZATION),
    KindGroup.LOGISTICS: (Kind.HOTEL, Kind.CITY, Kind.AIRPORT, Kind.PORT, Kind.BORDER_CROSSING),
}  # fmt: skip
_GROUP_OF_KIND = {kind: group for group, kinds in _GROUPS.items() for kind in kinds}


@dataclass(frozen=True)
class KindDefaults:
    """What a place of a group gets when its catalogue entry leaves a field out."""

    duration: int
    value: float
    exterior: bool
    closed_on_holidays: bool


KIND_DEFAULTS: Mapping[KindGroup, KindDefaults] = MappingProxyType(
    {
        KindGroup.LANDSCAPE: KindDefaults(duration=90, value=5, exterior=True, closed_on_holidays=False),
        KindGroup.BUILT: KindDefaults(duration=90, value=5, exterior=True, closed_on_holidays=False),
        KindGroup.INDUSTRY: KindDefaults(duration=90, value=6, exterior=False, closed_on_holidays=True),
        KindGroup.INSTITUTION: KindDefaults(duration=60, value=6, exterior=False, closed_on_holidays=True),
        KindGroup.LOGISTICS: KindDefaults(duration=0, value=0, exterior=False, closed_on_holidays=False),
    }
)


@dataclass(frozen=True)
class Coordinates:
    """A point in decimal degrees, WGS 84."""

    lat: float
    lon: float

    def __post_init__(self) -> None:
        if not (math.isfinite(self.lat) and -90 <= self.lat <= 90):
            raise ValueError(f"latitude {self.lat} is outside -90..90")
        if not (math.isfinite(self.lon) and -180 <= self.lon <= 180):
            raise ValueError(f"longitude {self.lon} is outside -180..180")


Interval = tuple[int, int]
"""An opening interval, ``(open, close)`` in minutes after local midnight, ``open < close``."""


@dataclass(frozen=True)
class WeeklyHours:
    """Opening hours for each weekday, Monday first; an empty day is closed."""

    days: tuple[tuple[Interval, ...], ...]

    def __post_init__(self) -> None:
        if len(self.days) != 7:
            raise ValueError("weekly hours need exactly seven days")
        for intervals in self.days:
            previous_close = -1
            for start, end in intervals:
                if not 0 <= start < end <= MINUTES_PER_DAY:
                    raise ValueError(f"bad opening interval {start}-{end}")
                if start < previous_close:
                    raise ValueError("opening intervals overlap or are out of order")
                previous_close = end

    @classmethod
    def always(cls) -> WeeklyHours:
        return cls(days=(((0, MINUTES_PER_DAY),),) * 7)

    @property
    def is_always(self) -> bool:
        return all(day == ((0, MINUTES_PER_DAY),) for day in self.days)

    def on(self, weekday: int) -> tuple[Interval, ...]:
        """The intervals of a weekday, 0 = Monday (as :meth:`datetime.date.weekday`)."""
        return self.days[weekday]


@dataclass(frozen=True)
class Contact:
    name: str | None = None
    phone: str | None = None
    email: str | None = None
    web: str | None = None


@dataclass(frozen=True)
class AirportTimes:
    """An airport's own minutes before a departure (check-in and security) and after an arrival (the way
    out; immigration and customs after an international flight), where they differ from the trip's
    defaults by kind of flight; ``None`` keeps the default."""

    before: int | None = None
    before_international: int | None = None
    after: int | None = None
    after_international: int | None = None


@dataclass(frozen=True)
class Place:
    """Anything the delegation can go to: a location, a studio, an office, a hotel, an airport."""

    id: str
    name: str
    state: str
    kind: Kind
    location: Coordinates | None
    sources: tuple[str, ...]
    address: str | None = None
    approx: bool = False
    time_zone: str | None = None  # only when it differs from the state's
    duration: int = 60
    value: float = 0.0
    hours: WeeklyHours = field(default_factory=WeeklyHours.always)
    closed_on_holidays: bool = False
    exterior: bool = False
    tags: tuple[str, ...] = ()
    productions: tuple[str, ...] = ()
    contact: Contact | None = None
    permits: str | None = None
    notes: str | None = None
    iata: str | None = None  # airports only
    geocoded: bool = False  # the coordinates come from geocoding the address, not from the catalogue
    site: str | None = None  # places of one site (a campus, a studio lot) are a short walk apart
    island: str | None = None  # on an island: reached only by ferry or flight from anywhere else
    airport_times: AirportTimes | None = None  # airports only: overrides of the trip's airport times

    def __post_init__(self) -> None:
        if not self.id:
            raise ValueError("a place needs an id")
        if self.location is None and not self.address:
            raise ValueError(f"place {self.id!r} needs coordinates or an address")
        if self.duration < 0:
            raise ValueError(f"place {self.id!r} has a negative duration")
        if not 0 <= self.value <= 10:
            raise ValueError(f"place {self.id!r} has a value outside 0..10")


@dataclass(frozen=True)
class State:
    """A Mexican state (or a region abroad, such as California, that holds the delegation's origin)."""

    code: str
    name: str
    time_zone: str
    sources: tuple[str, ...]
    country: str = "MX"
    airports: tuple[str, ...] = ()  # place ids
    film_commission: str | None = None  # place id
    # Place ids of the hotels (or cities) a night in the state can be spent at: the first is the default, the
    # others further bases (Creel and Ciudad Juárez beside Chihuahua city) the planner may move to.
    bases: tuple[str, ...] = ()
    incentives: str | None = None
    permits: str | None = None
    notes: str | None = None

    @property
    def is_mexican(self) -> bool:
        return self.country == "MX"

    @property
    def base(self) -> str | None:
        """The default base: where a night in the state is spent unless the planner or the trip moves it."""
        return self.bases[0] if self.bases else None


class TravelMode(StrEnum):
    DRIVE = "drive"
    FLIGHT = "flight"
    WALK = "walk"
    TRANSFER = "transfer"
    FERRY = "ferry"


class TimeSource(StrEnum):
    """Where a leg's duration comes from."""

    KNOWN = "known"  # the catalogue's travel times
    ROUTED = "routed"  # a routing engine's answer, cached beside the catalogue
    ESTIMATED = "estimated"  # the model, from distances and speeds
    SCHEDULED = "scheduled"  # a timetable (a ferry, a flight)


@dataclass(frozen=True)
class Area:
    """A metropolitan area: a drive with both ends inside it runs at its speed, not the open road's.

    The circle of ``radius_km`` around ``centre`` stands for the built-up area. ``speed_kmh`` is the mean
    driving speed over the road on a working day (a traffic index); ``cross_town`` is the least a leg takes
    when one of its ends is only an approximate point in the area (its real place could be anywhere in town).
    """

    id: str
    name: str
    state: str
    centre: Coordinates
    radius_km: float
    speed_kmh: float
    cross_town: int
    sources: tuple[str, ...]
    notes: str | None = None
    assumed: bool = False  # no published figure: the speed is the catalogue's stated assumption

    def __post_init__(self) -> None:
        if not 0 < self.radius_km <= 200:
            raise ValueError(f"area {self.id!r} has a radius outside 0..200 km")
        if not 1 <= self.speed_kmh <= 150:
            raise ValueError(f"area {self.id!r} has a speed outside 1..150 km/h")
        if self.cross_town < 0:
            raise ValueError(f"area {self.id!r} has a negative cross-town time")


@dataclass(frozen=True)
class Ferry:
    """A scheduled crossing from one port to another (one direction), by its departures in local time.

    ``departures`` are minutes after local midnight at the departure port, sorted; a frequent service is
    written in the catalogue as first, last and every, and expanded here.
    """

    origin: str  # port place id
    destination: str  # port place id
    minutes: int  # the crossing itself
    departures: tuple[int, ...]
    operator: str | None = None
    sources: tuple[str, ...] = ()
    notes: str | None = None
    valid: str | None = None  # the period the timetable is from
    assumed: bool = False  # the timetable is not confirmed for the trip's dates

    def __post_init__(self) -> None:
        if self.minutes <= 0:
            raise ValueError("a crossing takes some time")
        if not self.departures or list(self.departures) != sorted(set(self.departures)):
            raise ValueError("a ferry needs its departures, sorted and distinct")
        if not all(0 <= d < MINUTES_PER_DAY for d in self.departures):
            raise ValueError("departures are times of day")

    def next_departure(self, at: int) -> int | None:
        """The first departure at or after ``at`` (local minutes after midnight), or ``None`` that day."""
        return next((d for d in self.departures if d >= at), None)

    def longest_wait(self, low: int, high: int) -> int | None:
        """The longest wait for a departure for someone arriving at the port between ``low`` and ``high``
        (local minutes): up to the next departure, which must leave by ``high``; ``None`` when none does."""
        inside = [d for d in self.departures if low <= d <= high]
        if not inside:
            return None
        waits = [inside[0] - low] + [b - a for a, b in itertools.pairwise(inside)]
        return max(waits)


@dataclass(frozen=True)
class TravelTime:
    """A known door-to-door travel time between two places, in both directions."""

    origin: str
    destination: str
    minutes: int
    km: float | None = None
    mode: TravelMode = TravelMode.DRIVE
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    url: str | None = None


ROUTER_NAMES = ("osrm", "valhalla", "ors")
"""The routing engines whose answers a :class:`RoutedTime` can hold."""

SAME_POINT_METRES = 1.0
"""How far a place may move before its routed times stop applying: less than any road's width."""

_METRES_PER_DEGREE = 111_195.0  # along a meridian, on the mean Earth sphere (6371.0088 km)


@dataclass(frozen=True)
class RoutedTime:
    """A routing engine's free-flow road time from one place to another (one direction).

    It applies only while both places are still at ``origin_point`` and ``destination_point``
    (:meth:`applies`): a moved place is routed again. ``minutes`` is the engine's answer as it gave it
    (seconds / 60, not rounded), with no traffic; ``time`` is when the engine answered (timezone-aware).
    """

    origin: str  # place id
    destination: str  # place id
    minutes: float  # free-flow driving time
    km: float  # road distance
    router: str  # one of ROUTER_NAMES
    origin_point: Coordinates
    destination_point: Coordinates
    time: datetime

    def __post_init__(self) -> None:
        if not self.origin or not self.destination or self.origin == self.destination:
            raise ValueError(f"a routed time needs two different places, not {self.origin!r} and {self.destination!r}")
        if not (math.isfinite(self.minutes) and self.minutes >= 0):
            raise ValueError(f"routed time {self.origin!r} to {self.destination!r} has minutes {self.minutes}")
        if not (math.isfinite(self.km) and self.km >= 0):
            raise ValueError(f"routed time {self.origin!r} to {self.destination!r} has km {self.km}")
        if self.router not in ROUTER_NAMES:
            raise ValueError(f"unknown router {self.router!r}")
        if self.time.tzinfo is None:
            raise ValueError("the time of a routed time must be timezone-aware")

    def applies(self, origin: Coordinates, destination: Coordinates) -> bool:
        """Whether the places now at ``origin`` and ``destination`` are still the points that were routed."""
        return same_point(self.origin_point, origin) and same_point(self.destination_point, destination)


def same_point(a: Coordinates, b: Coordinates) -> bool:
    """Whether two points lie within :data:`SAME_POINT_METRES` of each other (flat-Earth, exact enough at 1 m)."""
    north = (a.lat - b.lat) * _METRES_PER_DEGREE
    east = (a.lon - b.lon) * _METRES_PER_DEGREE * math.cos(math.radians((a.lat + b.lat) / 2))
    return math.hypot(north, east) <= SAME_POINT_METRES


@dataclass(frozen=True)
class Catalogue:
    """Every state and place a trip can use, with lookups by code and id.

    ``routed`` holds the routing engine's road times between places (from the travel cache), each for
    places that exist and still stand where they were routed; at most one per ordered pair.
    """

    states: tuple[State, ...]
    places: tuple[Place, ...]
    travel_times: tuple[TravelTime, ...] = ()
    sources: tuple[Source, ...] = ()
    areas: tuple[Area, ...] = ()
    ferries: tuple[Ferry, ...] = ()
    routed: tuple[RoutedTime, ...] = ()
    _state_index: Mapping[str, State] = field(init=False, repr=False, compare=False)
    _place_index: Mapping[str, Place] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        states = {state.code: state for state in self.states}
        places = {place.id: place for place in self.places}
        if len(states) != len(self.states):
            raise ValueError("state codes must be unique")
        if len(places) != len(self.places):
            raise ValueError("place ids must be unique")
        for place in self.places:
            if place.state not in states:
                raise ValueError(f"place {place.id!r} is in unknown state {place.state!r}")
        pairs = set()
        for routed in self.routed:
            for place_id in (routed.origin, routed.destination):
                if place_id not in places:
                    pair = f"{routed.origin!r} to {routed.destination!r}"
                    raise ValueError(f"routed time {pair}: unknown place {place_id!r}")
            pairs.add((routed.origin, routed.destination))
        if len(pairs) != len(self.routed):
            raise ValueError("routed times must be unique for each origin and destination")
        object.__setattr__(self, "_state_index", MappingProxyType(states))
        object.__setattr__(self, "_place_index", MappingProxyType(places))

    def state(self, code: str) -> State:
        return self._state_index[code]

    def place(self, place_id: str) -> Place:
        return self._place_index[place_id]

    def has_place(self, place_id: str) -> bool:
        return place_id in self._place_index

    def has_state(self, code: str) -> bool:
        return code in self._state_index

    def places_in(self, code: str) -> Iterator[Place]:
        return (place for place in self.places if place.state == code)

    def time_zone_of(self, place: Place) -> str:
        """The IANA zone a place keeps its clocks in: its own if set, else its state's."""
        return place.time_zone or self.state(place.state).time_zone


class GeocodeStatus(StrEnum):
    """What geocoding an address gave."""

    FOUND = "found"  # one point, or several within a stone's throw of each other
    AMBIGUOUS = "ambiguous"  # several points far apart in the place's state: the officer picks one
    NOT_FOUND = "not-found"  # nothing
    OUTSIDE_STATE = "outside-state"  # results, but none in the place's state


@dataclass(frozen=True)
class GeocodeMatch:
    """One result of a geocoder: a point and how the geocoder names it."""

    location: Coordinates
    label: str


@dataclass(frozen=True)
class GeocodedAddress:
    """The answer to geocoding one place's address, as kept in the geocode cache.

    It applies to the place ``place`` only while its address is still ``query``: a changed address is
    geocoded again. ``time`` is when the geocoder answered (timezone-aware).
    """

    place: str
    query: str
    provider: str
    status: GeocodeStatus
    matches: tuple[GeocodeMatch, ...]
    time: datetime

    def __post_init__(self) -> None:
        if self.status is GeocodeStatus.FOUND and not self.matches:
            raise ValueError(f"geocoded address of {self.place!r} is found but has no match")
        if self.time.tzinfo is None:
            raise ValueError("the time of a geocoded address must be timezone-aware")

    @property
    def location(self) -> Coordinates | None:
        """The point to use for the place: the first match when found, else ``None``."""
        return self.matches[0].location if self.status is GeocodeStatus.FOUND else None
