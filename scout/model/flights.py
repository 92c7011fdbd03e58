"""The flight schedule the officer keeps (``data/flights.yaml``): the flights airlines fly, with their days,
local times, validity and the date and source they were checked against."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from scout.model.catalogue import Source


@dataclass(frozen=True)
class ScheduledFlight:
    """One flight of a timetable: a carrier's departure on some weekdays (or dates) between two airports.

    ``departs`` and ``arrives`` are minutes after local midnight at each airport; ``arrives_days`` counts the
    midnights between them (1 for a flight that lands the next calendar day).
    """

    carrier: str
    number: str | None
    origin: str  # place id of the departure airport (its IATA code in lower case)
    destination: str  # place id of the arrival airport
    weekdays: frozenset[int]  # 0 = Monday; empty when ``dates`` are given
    dates: frozenset[date]  # flown only on these dates; empty when ``weekdays`` are given
    departs: int
    arrives: int
    arrives_days: int
    valid_from: date | None
    valid_to: date | None
    checked: date
    sources: tuple[str, ...]
    notes: str | None = None

    def __post_init__(self) -> None:
        if self.origin == self.destination:
            raise ValueError("a flight joins two different airports")
        if not (0 <= self.departs < 1440 and 0 <= self.arrives < 1440) or not 0 <= self.arrives_days <= 2:
            raise ValueError("flight times are minutes of the day, landing within two days")
        if bool(self.weekdays) == bool(self.dates):
            raise ValueError("a flight has weekdays or dates, not both")

    def flies_on(self, day: date) -> bool:
        """Whether the flight leaves on ``day`` (local date at the departure airport), within its validity."""
        if self.valid_from is not None and day < self.valid_from:
            return False
        if self.valid_to is not None and day > self.valid_to:
            return False
        return day in self.dates if self.dates else day.weekday() in self.weekdays

    @property
    def label(self) -> str:
        """How the itinerary names it: the number, else the carrier."""
        return self.number or self.carrier


@dataclass(frozen=True)
class FlightSchedule:
    """Every flight of the schedule file, with its sources; ``path`` is where it was read from."""

    flights: tuple[ScheduledFlight, ...] = ()
    sources: tuple[Source, ...] = ()
    path: str | None = None
    period: tuple[date, date] | None = None  # the days it was cut to (:meth:`during`); None: any
    _by_route: dict[tuple[str, str], tuple[ScheduledFlight, ...]] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        routes: dict[tuple[str, str], list[ScheduledFlight]] = {}
        for flight in self.flights:
            routes.setdefault((flight.origin, flight.destination), []).append(flight)
        self._by_route.update({route: tuple(found) for route, found in routes.items()})

    def during(self, first: date, last: date) -> FlightSchedule:
        """The flights that leave on at least one day from ``first`` to ``last``."""
        days = [date.fromordinal(n) for n in range(first.toordinal(), last.toordinal() + 1)]
        kept = tuple(f for f in self.flights if any(f.flies_on(day) for day in days))
        return FlightSchedule(kept, self.sources, self.path, (first, last))

    def days_flown(self, flight: ScheduledFlight) -> tuple[date, ...]:
        """The days of the period on which a flight leaves (without a period: its first week of validity, or
        its dates)."""
        if self.period is not None:
            first, last = self.period
        elif flight.dates:
            return tuple(sorted(flight.dates))
        else:
            first = flight.valid_from or flight.checked
            last = date.fromordinal(first.toordinal() + 6)
        days = (date.fromordinal(n) for n in range(first.toordinal(), last.toordinal() + 1))
        return tuple(day for day in days if flight.flies_on(day))

    def route(self, origin: str, destination: str) -> tuple[ScheduledFlight, ...]:
        """The flights from one airport to another, in the file's order."""
        return self._by_route.get((origin, destination), ())

    def on(self, day: date, origin: str, destination: str) -> tuple[ScheduledFlight, ...]:
        """The flights from one airport to another that leave on ``day``, by departure time."""
        return tuple(sorted((f for f in self.route(origin, destination) if f.flies_on(day)),
                            key=lambda f: (f.departs, f.label)))  # fmt: skip

    @property
    def routes(self) -> tuple[tuple[str, str], ...]:
        return tuple(self._by_route)
