"""data/flights.yaml -> FlightSchedule: the officer's flight schedule, checked against the catalogue's airports.

Every problem is reported at file:line:column, all of them at once, as for the catalogue: a flight's
airports must be airports of the catalogue, its days weekdays or dates, its times clock times (an arrival
the next day written ``00:10+1``), its validity a range of dates, and every source one listed under
``sources:`` or an address.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from scout.io.catalogue import is_url, read_sources
from scout.io.fields import Fields, Report, did_you_mean, one_of, sub_mapping, type_name
from scout.io.values import WEEKDAY_KEYS, as_date, parse_time_of_day, weekdays_of
from scout.io.yamlfile import Mark, mark_of, read_yaml
from scout.model import Catalogue, Kind, Source
from scout.model.flights import FlightSchedule, ScheduledFlight

TOP_KEYS = ("flights", "sources")
FLIGHT_KEYS = ("carrier", "number", "from", "to", "days", "dates", "departs", "arrives", "valid_from", "valid_to",
               "checked", "source", "notes")  # fmt: skip
ARRIVAL = re.compile(r"^\s*(\d{1,2}:\d{2})\s*(?:\+\s*([12]))?\s*$")
FLIGHT_NUMBER = re.compile(r"^[A-Z0-9]{2}\s?\d{1,4}[A-Z]?$")


def flights_path(catalogue_path: Path) -> Path:
    """Where the flight schedule of a catalogue lives: ``flights.yaml`` beside it."""
    return catalogue_path.with_name("flights.yaml")


def load_flights(path: Path, catalogue: Catalogue, display: str | None = None) -> FlightSchedule:
    """Read and check the flight schedule at ``path``.

    Raises
    ------
    InputError
        With every problem in the file.
    """
    name = display or path.as_posix()
    return parse_flights(read_yaml(path, name), catalogue, name)


def parse_flights(data: Any, catalogue: Catalogue, file: str | None = None) -> FlightSchedule:
    """Check schedule data (as read from YAML) against the catalogue and build the :class:`FlightSchedule`."""
    report = Report(file)
    if data is None:
        data = {}
    body = sub_mapping(report, data, mark_of(data), "the flight schedule")
    if body is None:
        report.raise_if_any()
        return FlightSchedule(path=file)
    top = Fields(report, body, "the flight schedule", TOP_KEYS, required=("flights",))
    sources = read_sources(top)
    airports = {p.id: p for p in catalogue.places if p.kind is Kind.AIRPORT}
    flights: list[ScheduledFlight] = []
    marks: list[Mark | None] = []
    if top.has("flights") and not isinstance(top.data["flights"], list):
        top.error("flights", f"found {type_name(top.data['flights'])}", "a list of flights, each starting with '- '")
    else:
        for item, mark in top.items("flights"):
            flight = _read_flight(report, item, mark, airports, sources)
            if flight is not None:
                flights.append(flight)
                marks.append(mark_of(item) or mark)
    for flight, mark in zip(flights, marks, strict=True):
        _check_block(report, flight, mark, catalogue)
    report.raise_if_any()
    used = {s for f in flights for s in f.sources}
    return FlightSchedule(tuple(flights), tuple(s for s in sources.values() if s.id in used), file)


FASTEST_KMH = 1000.0  # no airliner covers the great circle faster, gate to gate


def _check_block(report: Report, flight: ScheduledFlight, mark: Mark | None, catalogue: Catalogue) -> None:
    """A flight's local times, read in its airports' zones, must give a take-off before the landing and no
    more than a jet's speed, on every day it is valid (a zone's clock change can turn good times bad)."""
    from scout.geo.distance import geodesic_km  # the airports' distance: geo's one home for it
    from scout.geo.travel import block_minutes

    a, b = catalogue.place(flight.origin), catalogue.place(flight.destination)
    if a.location is None or b.location is None:
        return
    km = geodesic_km(a.location, b.location)
    zones = catalogue.time_zone_of(a), catalogue.time_zone_of(b)
    first = flight.valid_from or flight.checked
    last = flight.valid_to or date(first.year + 1, first.month, 1)
    days = (
        sorted(flight.dates)
        if flight.dates
        else [date.fromordinal(n) for n in range(first.toordinal(), last.toordinal() + 1, 7)]
    )
    for day in days:
        block = block_minutes(flight, day, *zones)
        if block <= 0 or km / block * 60 > FASTEST_KMH:
            what = "lands before it takes off" if block <= 0 else f"would cover {km:.0f} km in {block} min"
            report.add(mark, f"flight {flight.label} {flight.origin.upper()}-{flight.destination.upper()} {what} on "
                       f"{day.isoformat()} (local times in {zones[0]} and {zones[1]})",
                       "departure and arrival local times of a real flight (+1 on the arrival for the next day); "
                       "end valid_to where a clock change makes the times wrong")  # fmt: skip
            return


def _read_flight(
    report: Report, item: Any, mark: Mark | None, airports: dict[str, Any], sources: dict[str, Source]
) -> ScheduledFlight | None:
    body = sub_mapping(report, item, mark, "a flight")
    if body is None:
        return None
    route = f"{body.get('from')}-{body.get('to')}" if "from" in body and "to" in body else None
    context = f"flight {body.get('number') or route or ''}".strip() if (body.get("number") or route) else "a flight"
    f = Fields(report, body, context, FLIGHT_KEYS,
               required=("carrier", "from", "to", "departs", "arrives", "checked", "source"))  # fmt: skip
    carrier = f.text("carrier")
    number = f.text("number", check=FLIGHT_NUMBER.match, expected="a flight number such as AM 647 or Y4 1922")
    origin = _airport(f, "from", airports)
    destination = _airport(f, "to", airports)
    if origin is not None and origin == destination:
        f.error("to", f"is the departure airport {origin.upper()}", "another airport")
        destination = None
    departs = f.parsed("departs", parse_time_of_day)
    arrival = f.parsed("arrives", _arrival)
    weekdays: frozenset[int] = frozenset()
    dates: frozenset[date] = frozenset()
    if f.has("days") and f.has("dates"):
        f.error("dates", "is given with days", "either days (weekdays, or daily) or dates, not both")
    elif f.has("dates"):
        read = (_date_item(report, value, where, context) for value, where in f.items("dates"))
        dates = frozenset(d for d in read if d is not None)
    elif f.has("days"):
        weekdays = _weekdays(f)
    else:
        f.error("days", "is missing", "days (such as daily, or [mon, wed, fri]) or dates (a list of YYYY-MM-DD)")
    valid_from = _date(f, "valid_from")
    valid_to = _date(f, "valid_to")
    if valid_from is not None and valid_to is not None and valid_to < valid_from:
        f.error("valid_to", f"{valid_to} is before valid_from {valid_from}", "a date on or after valid_from")
    checked = _date(f, "checked")
    cited = _sources(f, sources)
    if None in (carrier, origin, destination, departs, arrival, checked) or not cited or not (weekdays or dates):
        return None
    assert carrier is not None and origin is not None and destination is not None and departs is not None
    assert arrival is not None and checked is not None
    return ScheduledFlight(carrier, number, origin, destination, weekdays, dates, departs, arrival[0], arrival[1],
                           valid_from, valid_to, checked, cited, f.text("notes"))  # fmt: skip


def _airport(f: Fields, key: str, airports: dict[str, Any]) -> str | None:
    code = f.text(key, check=lambda v: re.fullmatch(r"[A-Z]{3}", v), expected="a three-letter IATA code, such as MEX")
    if code is None:
        return None
    if code.lower() not in airports:
        known = sorted(a.upper() for a in airports)
        f.error(key, f"airport {code} is not in the catalogue", "the IATA code of an airport of data/locations.yaml",
                did_you_mean(code, known))  # fmt: skip
        return None
    return code.lower()


def _arrival(value: object) -> tuple[int, int]:
    match = ARRIVAL.match(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError("a clock time such as 14:25, with +1 when it lands the next day (00:10+1)")
    return parse_time_of_day(match.group(1)), int(match.group(2) or 0)


def _weekdays(f: Fields) -> frozenset[int]:
    found: set[int] = set()
    for item, mark in f.items("days"):
        try:
            found.update(weekdays_of(item))
        except ValueError:
            f.report.add(mark, f"days of {f.context}: {item!r} is not a weekday", one_of(list(WEEKDAY_KEYS)))
    return frozenset(found)


def _date(f: Fields, key: str) -> date | None:
    value = f.data.get(key)
    if value is None:
        return None
    parsed = as_date(value)
    if parsed is None:
        f.error(key, f"found {type_name(value)}", "a date as YYYY-MM-DD")
    return parsed


def _date_item(report: Report, value: object, mark: Mark | None, context: str) -> date | None:
    parsed = as_date(value)
    if parsed is None:
        report.add(mark, f"dates of {context}: found {type_name(value)}", "a date as YYYY-MM-DD")
    return parsed


def _sources(f: Fields, sources: dict[str, Source]) -> tuple[str, ...]:
    found: list[str] = []
    for item, mark in f.items("source"):
        text = item.strip() if isinstance(item, str) else None
        if text and (is_url(text) or text in sources):
            found.append(text)
        elif text:
            expected = "an http(s):// address or an id listed under 'sources:'"
            f.report.add(mark, f"source of {f.context}: unknown source {text!r}", expected, did_you_mean(text, sources))
        else:
            f.report.add(mark, f"source of {f.context}: found {type_name(item)}", "a source id or an address")
    return tuple(found)
