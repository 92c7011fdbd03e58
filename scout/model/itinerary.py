"""The planned trip: days of timed items, the nights, what was left out and why.

Times are aware ``datetime`` values in the local time of the place where each thing happens, so a flight
departs in one offset and lands in another. Renderers format everything from this alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from scout.model.catalogue import Contact, Coordinates, TravelMode


class ItemType(StrEnum):
    VISIT = "visit"
    MEETING = "meeting"
    TRAVEL = "travel"
    BREAK = "break"


@dataclass(frozen=True)
class Point:
    """A place the delegation is at, as it appears in the itinerary."""

    place: str
    name: str
    location: Coordinates
    state: str | None = None  # state code; None abroad or unknown
    zone: str | None = None  # IANA time zone of the place
    address: str | None = None  # the street address, where the catalogue gives one (a hotel's)
    approx: bool = False  # the coordinates stand in for the place (its block, its town), not its door


@dataclass(frozen=True)
class Item:
    """One thing that happens: a visit, a meeting, a travel leg or a break."""

    type: ItemType
    start: datetime
    end: datetime
    # visits and meetings
    place: str | None = None
    name: str | None = None
    state: str | None = None  # state code; None abroad
    location: Coordinates | None = None
    value: float = 0.0
    window: tuple[datetime, datetime] | None = None
    kind: str | None = None
    title: str | None = None  # a meeting's title
    zone: str | None = None  # IANA zone of the place (visits, meetings, breaks), for zone abbreviations
    # what the delegation needs to know on the spot, copied from the catalogue so exports need nothing else
    address: str | None = None
    approx: bool = False  # the coordinates locate the town or area, not the exact spot
    contact: Contact | None = None
    permits: str | None = None
    notes: str | None = None
    # travel
    mode: TravelMode | None = None
    origin: Point | None = None
    destination: Point | None = None
    km: float | None = None
    source: str | None = None  # travel: known, routed, estimated or scheduled
    buffer: int | None = None  # travel: minutes of it that are the fixed cost of moving the group
    operator: str | None = None  # a ferry's operator
    carrier: str | None = None  # a scheduled flight's airline (the item spans take-off to landing)
    flight_number: str | None = None  # a scheduled flight's number, where the schedule gives it
    # breaks
    label: str | None = None
    break_kind: str | None = None  # lunch, airport, border or wait

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"{self.type} item ends before it starts")
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError("item times must carry their UTC offset")


@dataclass(frozen=True)
class Day:
    date: date
    items: tuple[Item, ...]
    night: Point | None
    sunrise: datetime | None = None  # where the delegation sleeps (or ends the day)
    sunset: datetime | None = None
    zone: str | None = None  # IANA zone where the day ends (where sunrise and sunset are given)
    notes: tuple[str, ...] = ()  # what a person should read with the day


@dataclass(frozen=True)
class Caveat:
    """What makes an itinerary less certain than it looks (``warnings`` in the JSON)."""

    code: str
    message: str
    places: tuple[str, ...] = ()


@dataclass(frozen=True)
class Unvisited:
    place: str
    name: str
    reason: str


@dataclass(frozen=True)
class StateChoice:
    code: str
    name: str
    zone: str | None = None  # the state's IANA time zone
    permits: str | None = None  # how filming permits work there, from the catalogue
    incentives: str | None = None


@dataclass(frozen=True)
class Alternative:
    """Another set of states the optimiser weighed, with what it could give."""

    states: tuple[str, ...]
    value: float | None  # an itinerary's value, when one was built for these states
    bound: float  # the most any itinerary through these states could give


@dataclass(frozen=True)
class Itinerary:
    """A planned trip, as the JSON format ``scout.itinerary/1`` describes it."""

    name: str
    start_date: date
    end_date: date
    source: str | None
    states: tuple[StateChoice, ...]
    value: float
    bound: float | None
    days: tuple[Day, ...]
    unvisited: tuple[Unvisited, ...] = ()
    alternatives: tuple[Alternative, ...] = field(default=())
    proved_optimal: bool = False
    solve_seconds: float | None = None
    warnings: tuple[Caveat, ...] = ()
