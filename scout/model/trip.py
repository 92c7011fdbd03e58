"""What the liaison officer asks for: the trip request read from a file under ``trips/``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from types import MappingProxyType

from scout.model.catalogue import MINUTES_PER_DAY, Interval


@dataclass(frozen=True)
class StateCount:
    """How many states the trip visits, ``low`` to ``high`` inclusive."""

    low: int = 2
    high: int = 3

    def __post_init__(self) -> None:
        if not 1 <= self.low <= self.high:
            raise ValueError(f"bad state count {self.low}-{self.high}")


@dataclass(frozen=True)
class DailySchedule:
    """The working day, in local minutes after midnight, and the limits on it."""

    start: int = 8 * 60
    end: int = 19 * 60
    lunch_window: Interval = (13 * 60, 15 * 60 + 30)
    lunch_length: int = 60
    max_travel: int = 9 * 60  # minutes of travel per day, flights and airport time included
    night_driving: bool = False  # whether an intercity drive may start before sunrise or end after sunset

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end <= MINUTES_PER_DAY:
            raise ValueError("the day must end after it starts")
        low, high = self.lunch_window
        if self.lunch_length and not (self.start <= low and high <= self.end and high - low >= self.lunch_length):
            raise ValueError("the lunch window must lie within the day and be at least as long as lunch")
        if self.max_travel <= 0:
            raise ValueError("the travel limit must be more than zero")


@dataclass(frozen=True)
class Meeting:
    """A fixed appointment: at a place, on a date or any day, at a time or within a window."""

    place: str
    length: int
    window: Interval  # local minutes; a fixed time is a window as long as the meeting
    date: date | None = None
    title: str | None = None

    @property
    def is_fixed_time(self) -> bool:
        return self.window[1] - self.window[0] == self.length


@dataclass(frozen=True)
class HotelNight:
    """A night the trip fixes: the hotel slept at after the day ``date``."""

    date: date
    hotel: str  # place id


@dataclass(frozen=True)
class TravelAssumptions:
    """How travel times are estimated where the catalogue has no known time."""

    road_speed: float = 60.0  # km/h, average door to door on Mexican roads
    detour: float = 1.3  # road distance / straight-line distance
    flight_speed: float = 650.0  # km/h, gate to gate including climb and descent
    airport_before: int = 90  # minutes at the departure airport before a domestic flight
    airport_after: int = 45  # minutes at the arrival airport after a domestic flight
    airport_before_international: int = 150  # before a flight to another country
    airport_after_international: int = 75  # after one: immigration, customs and baggage
    walk_below_km: float = 0.0  # legs shorter than this are walked
    min_flight_km: float = 350.0  # no flights between airports closer than this: the road is taken
    buffer: int = 15  # minutes every move between two different places costs (out of a building, into a van)
    same_site: int = 5  # minutes between two places of one site (a walk across a campus or a lot)
    city_factor: float = 1.0  # scales the time of drives inside a metropolitan area (pessimism)
    border_south: int = 15  # minutes of waiting to cross a land border into Mexico, most of the day
    border_south_peak: int = 120  # the same on weekday afternoons from border_peak_from (Fridays worst)
    border_peak_from: int = 15 * 60  # local time from which southbound waits are long on weekdays
    border_north: int = 120  # minutes of waiting to cross back into the United States
    assume_flights: bool = False  # also fly, with estimated flights, between airports no listed flight joins

    def __post_init__(self) -> None:
        if self.buffer < 0 or self.same_site < 0:
            raise ValueError("buffers are not negative")
        if self.city_factor <= 0:
            raise ValueError("the city factor must be more than zero")
        if min(self.border_south, self.border_south_peak, self.border_north) < 0:
            raise ValueError("border waits are not negative")

    @property
    def least_move(self) -> int:
        """The least any move between two different places costs: the smaller of the two buffers."""
        return min(self.buffer, self.same_site)


@dataclass(frozen=True)
class SolverSettings:
    time_limit: float = 5.0  # seconds
    seed: int = 1


@dataclass(frozen=True)
class TripRequest:
    """A trip as the liaison officer describes it."""

    name: str
    start: date
    day_count: int
    origin: str  # place id where the delegation arrives from and returns to
    state_count: StateCount = field(default_factory=StateCount)
    include_states: tuple[str, ...] = ()
    exclude_states: tuple[str, ...] = ()
    schedule: DailySchedule = field(default_factory=DailySchedule)
    interests: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    must_visit: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    nights: tuple[HotelNight, ...] = ()  # nights whose hotel the trip fixes, by date
    travel: TravelAssumptions = field(default_factory=TravelAssumptions)
    solver: SolverSettings = field(default_factory=SolverSettings)
    variety: float = 0.5  # each further place of the same kind is worth this fraction of the one before

    def __post_init__(self) -> None:
        if self.day_count < 1:
            raise ValueError("a trip lasts at least one day")
        if not 0 < self.variety <= 1:
            raise ValueError("variety must be in (0, 1]")
        object.__setattr__(self, "interests", MappingProxyType(dict(self.interests)))

    @property
    def end(self) -> date:
        return self.start + timedelta(days=self.day_count - 1)

    def hotel_on(self, night: int) -> str | None:
        """The hotel the trip fixes for the night after day ``night`` (0-based), if it fixes one."""
        when = self.start + timedelta(days=night)
        return next((n.hotel for n in self.nights if n.date == when), None)

    @cached_property
    def dates(self) -> tuple[date, ...]:
        return tuple(self.start + timedelta(days=offset) for offset in range(self.day_count))
