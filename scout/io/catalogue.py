"""The catalogue file (``data/locations.yaml``) to a :class:`scout.model.Catalogue`, and its validation.

Reading is in two passes: every entry is read on its own (types, ranges, vocabularies), then the
references between entries are checked (states, bases, film commissions, sources, duplicates). Every
problem of both passes is reported together. The format is documented in ``docs/catalogue.md``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scout.errors import Problem
from scout.io.fields import Fields, Report, did_you_mean, one_of, sub_mapping, type_name
from scout.io.geocode_cache import cache_path, read_geocode_cache
from scout.io.travel_cache import cache_path as travel_cache_path
from scout.io.travel_cache import read_travel_cache
from scout.io.values import parse_duration, parse_intervals, parse_time_of_day, weekdays_of, weekly_hours
from scout.io.yamlfile import Mark, mark_of, read_yaml
from scout.model import (
    KIND_DEFAULTS,
    WEEKDAYS,
    AirportTimes,
    Area,
    Catalogue,
    Contact,
    Coordinates,
    Ferry,
    Interval,
    Kind,
    Place,
    RoutedTime,
    Source,
    State,
    TravelMode,
    TravelTime,
    WeeklyHours,
)
from scout.model.catalogue import GeocodedAddress, GeocodeStatus
from scout.timezones import is_zone, zone_names

PLACE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
STATE_CODE = re.compile(r"^[A-Z]{2,5}$")
IATA_CODE = re.compile(r"^[A-Z]{3}$")
COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")

# Mexico's outline spans 14.55..32.72 N and 118.37..86.70 W (Natural Earth, shared/reference); the margin
# keeps offshore islands such as Guadalupe and the Revillagigedos inside.
MEXICO_LAT = (14.3, 32.8)
MEXICO_LON = (-118.6, -86.5)

TOP_KEYS = ("states", "places", "travel_times", "areas", "ferries", "sources")
AREA_KEYS = (
    "id", "name", "state", "lat", "lon", "radius_km", "speed_kmh", "cross_town", "assumed", "notes", "source"
)  # fmt: skip
FERRY_KEYS = (
    "from", "to", "operator", "duration", "first", "last", "every", "departures", "back", "valid", "assumed",
    "notes", "source",
)  # fmt: skip
FERRY_TIMES_KEYS = ("first", "last", "every", "departures", "assumed")
STATE_KEYS = (
    "code",
    "name",
    "country",
    "time_zone",
    "airports",
    "film_commission",
    "base",
    "incentives",
    "permits",
    "notes",
    "source",
)
AIRPORT_KEYS = ("iata", "name", "lat", "lon", "approx", "time_zone", "island", "times", "notes", "source")
AIRPORT_TIME_KEYS = ("before", "before_international", "after", "after_international")
PLACE_KEYS = (
    "id",
    "name",
    "state",
    "kind",
    "lat",
    "lon",
    "address",
    "approx",
    "time_zone",
    "duration",
    "value",
    "hours",
    "holidays",
    "exterior",
    "tags",
    "productions",
    "contact",
    "permits",
    "notes",
    "site",
    "island",
    "source",
)
CONTACT_KEYS = ("name", "phone", "email", "web")
TRAVEL_KEYS = ("from", "to", "duration", "km", "mode", "source")
SOURCE_KEYS = ("title", "url")
KINDS = tuple(kind.value for kind in Kind)

PlaceCheck = Callable[[Place, Mapping[str, State]], Iterable[Problem]]
"""An extra check of each place with coordinates, given the states by code (such as
:func:`scout.geo.placement.outside_its_state`). Its problems come without a position; they are placed at
the place's ``lat``, or at its ``address`` when the point was geocoded."""


def load_catalogue(path: Path, display: str | None = None, *, check: PlaceCheck | None = None) -> Catalogue:
    """Read and validate the catalogue at ``path``, with the geocoded points and routed times beside it.

    Raises
    ------
    InputError
        With every problem in the file (and in the geocode or travel cache, if one is damaged).
    """
    name = display or str(path)
    return parse_catalogue_file(read_yaml(path, name), path, name, check=check)


def parse_catalogue_file(
    data: Any, path: Path, display: str | None = None, *, check: PlaceCheck | None = None
) -> Catalogue:
    """:func:`parse_catalogue` for a document read from ``path``: the geocode and travel caches beside it are
    merged."""
    geocoded = read_geocode_cache(cache_path(path))
    routed = read_travel_cache(travel_cache_path(path))
    return parse_catalogue(data, display or str(path), geocoded=geocoded, routed=routed, check=check)


def parse_catalogue(
    data: Any,
    file: str | None = None,
    *,
    geocoded: Iterable[GeocodedAddress] = (),
    routed: Iterable[RoutedTime] = (),
    check: PlaceCheck | None = None,
) -> Catalogue:
    """Validate catalogue data (as read from YAML) and build the :class:`Catalogue`.

    Parameters
    ----------
    data
        The document: a mapping with ``states`` and ``places``.
    file
        How to name the file in messages.
    geocoded
        Geocoded addresses (from the geocode cache). A place with an address and no ``lat``/``lon`` takes the
        point of the entry found for its id and that very address, and is marked ``geocoded``.
    routed
        Road times from the travel cache. Those whose two places exist and still stand at the points
        routed (within :data:`scout.model.catalogue.SAME_POINT_METRES`) become ``Catalogue.routed``; the
        others are stale and left out silently (``scout travel`` asks them again).
    check
        An extra check of every place with coordinates, run with the second pass.
    """
    report = Report(file)
    if not isinstance(data, Mapping):
        report.add(
            mark_of(data) or Mark(1, 1),
            f"the catalogue is {type_name(data)}",
            "a mapping with keys 'states' and 'places'",
        )
        report.raise_if_any()
    top = Fields(report, data, "the catalogue", TOP_KEYS, required=("states", "places"))
    builder = _Builder(report, read_sources(top), geocoded, check)
    for item, mark in _entries(top, "states"):
        builder.read_state(item, mark)
    for item, mark in _entries(top, "places"):
        builder.read_place(item, mark)
    for item, mark in _entries(top, "travel_times"):
        builder.read_travel_time(item, mark)
    for item, mark in _entries(top, "areas"):
        builder.read_area(item, mark)
    for item, mark in _entries(top, "ferries"):
        builder.read_ferry(item, mark)
    builder.check_references()
    report.raise_if_any()
    return builder.catalogue(routed)


def _entries(top: Fields, key: str) -> list[tuple[Any, Mark | None]]:
    if top.has(key) and not isinstance(top.data[key], list):
        top.error(key, f"found {type_name(top.data[key])}", "a list of entries, each starting with '- '")
        return []
    return top.items(key)


def read_sources(top: Fields) -> dict[str, Source]:
    """The ``sources:`` table of a document (the catalogue's, the flight schedule's), by id."""
    sources: dict[str, Source] = {}
    table = top.mapping("sources")
    if table is None:
        return sources
    for source_id, entry in table.items():
        mark = table.key_marks.get(source_id) if hasattr(table, "key_marks") else None
        if not isinstance(source_id, str) or not PLACE_ID.match(source_id):
            top.report.add(mark, f"source id {source_id!r} is not valid", "lower-case letters, digits and hyphens")
            continue
        if isinstance(entry, str):
            entry = {"title": entry}
        body = sub_mapping(top.report, entry, mark_of(entry) or mark, f"source {source_id!r}")
        if body is None:
            continue
        fields = Fields(top.report, body, f"source {source_id!r}", SOURCE_KEYS, required=("title",), at=mark)
        title = fields.text("title")
        url = fields.text("url", check=is_url, expected="an http:// or https:// address")
        sources[source_id] = Source(source_id, title or source_id, url)
    return sources


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://")) and " " not in text.strip()


_MEXICO_EXPECTED = (
    f"a point in Mexico (latitude {MEXICO_LAT[0]}..{MEXICO_LAT[1]}, longitude {MEXICO_LON[0]}..{MEXICO_LON[1]})"
)


def _in_mexico(lat: float, lon: float) -> bool:
    return MEXICO_LAT[0] <= lat <= MEXICO_LAT[1] and MEXICO_LON[0] <= lon <= MEXICO_LON[1]


def _outside_mexico(lat: float, lon: float) -> str:
    return f"({_degrees(lat)}, {_degrees(lon)}) is outside Mexico"


def _zone_hint(name: str) -> str | None:
    """A "did you mean" for an unknown time zone; a region (``America``, ``Etc``) gets a zone inside it."""
    folder = name.strip("/").lower() + "/"
    inside = sorted(zone for zone in zone_names() if zone.lower().startswith(folder))
    if inside:
        example = next((zone for zone in ("America/Mexico_City", "Etc/UTC") if zone in inside), inside[0])
        return f"{name!r} is a region, not a zone; did you mean '{example}'?"
    return did_you_mean(name, zone_names())


def _degrees(value: float) -> str:
    """A coordinate with every digit it was written with (``repr`` of a float is the shortest exact form)."""
    return str(int(value)) if value.is_integer() else repr(value)


@dataclass
class _Entry:
    """A place or state read in the first pass, with its fields kept for locating later problems."""

    fields: Fields
    mark: Mark | None


class _Builder:
    def __init__(
        self,
        report: Report,
        sources: dict[str, Source],
        geocoded: Iterable[GeocodedAddress] = (),
        check: PlaceCheck | None = None,
    ) -> None:
        self.report = report
        self.sources = sources
        self.geocoded = {
            (entry.place, entry.query): entry.location
            for entry in geocoded
            if entry.status is GeocodeStatus.FOUND and entry.location is not None
        }
        self.check = check
        self.states: list[tuple[State, _Entry]] = []
        self.places: list[tuple[Place, _Entry]] = []
        self.travel_times: list[tuple[TravelTime, _Entry]] = []
        self.areas: list[tuple[Area, _Entry]] = []
        self.area_ids: list[tuple[str, Fields, str]] = []
        self.ferries: list[tuple[Ferry, _Entry]] = []
        # Identities and references are claimed as soon as they are read, so that duplicates and unknown
        # states are reported even for entries that have other problems.
        self.state_codes: list[tuple[str, Fields, str]] = []
        self.state_countries: dict[str, str] = {}  # the country of each claimed state code, as first given
        self.place_ids: list[tuple[str, Fields, str]] = []
        self.state_references: list[tuple[str, Fields]] = []
        self.state_places: list[tuple[str | None, str, str, Fields]] = []  # state, key, place id

    # -- first pass: each entry on its own ---------------------------------------------------------

    def read_state(self, item: Any, mark: Mark | None) -> None:
        body = sub_mapping(self.report, item, mark, "a state")
        if body is None:
            return
        code_hint = body.get("code") if isinstance(body.get("code"), str) else None
        context = f"state {code_hint!r}" if code_hint else "a state"
        f = Fields(self.report, body, context, STATE_KEYS, required=("code", "name", "time_zone", "source"))
        code = f.text("code", check=STATE_CODE.match, expected="2 to 5 upper-case letters, such as JAL")
        name = f.text("name")
        country = f.text("country", check=COUNTRY_CODE.match, expected="a two-letter country code such as MX") or "MX"
        if code is not None:
            self.state_codes.append((code, f, "code"))
            self.state_countries.setdefault(code, country)
        time_zone = self._time_zone(f, "time_zone")
        sources = self._sources(f)
        commission = f.text("film_commission")
        if commission is not None:
            self.state_places.append((code, "film_commission", commission, f))
        bases = f.texts("base")  # one id, or a list of them: the first is the default
        for place_id in bases:
            self.state_places.append((code, "base", place_id, f))
        if len(set(bases)) < len(bases):
            f.error("base", "a base is listed twice", "each hotel once")
        if not bases and country == "MX" and body.get("base") is None:  # `base:` alone is missing too
            self.report.add(
                f.mark,
                f"missing key 'base' in {context}",
                "the id of a hotel or city where the delegation sleeps in this state (or a list of them)",
            )
        airports: list[str] = []
        for airport_item, airport_mark in f.items("airports"):
            airport = self._read_airport(airport_item, airport_mark, code, mexican=country == "MX")
            if airport is not None:
                airports.append(airport.id)
        if code is None or name is None or time_zone is None or not sources:
            return
        state = State(
            code=code,
            name=name,
            time_zone=time_zone,
            sources=sources,
            country=country,
            airports=tuple(airports),
            film_commission=commission,
            bases=tuple(dict.fromkeys(bases)),
            incentives=f.text("incentives"),
            permits=f.text("permits"),
            notes=f.text("notes"),
        )
        self.states.append((state, _Entry(f, mark)))

    def _read_airport(self, item: Any, mark: Mark | None, state: str | None, *, mexican: bool) -> Place | None:
        body = sub_mapping(self.report, item, mark, f"an airport of state {state!r}")
        if body is None:
            return None
        iata_hint = body.get("iata") if isinstance(body.get("iata"), str) else None
        context = f"airport {iata_hint!r}" if iata_hint else f"an airport of state {state!r}"
        f = Fields(self.report, body, context, AIRPORT_KEYS, required=("iata", "name", "source"))
        iata = f.text("iata", check=IATA_CODE.match, expected="a three-letter IATA code in capitals, such as GDL")
        if iata is not None:
            self.place_ids.append((iata.lower(), f, "iata"))
        name = f.text("name")
        location = self._coordinates(f, "lat and lon", mexican=mexican)
        time_zone = self._time_zone(f, "time_zone")
        sources = self._sources(f)
        if iata is None or name is None or location is None or state is None or not sources:
            return None
        place = Place(
            id=iata.lower(),
            name=name,
            state=state,
            kind=Kind.AIRPORT,
            location=location,
            sources=sources,
            approx=bool(f.boolean("approx")),
            time_zone=time_zone,
            duration=KIND_DEFAULTS[Kind.AIRPORT.group].duration,
            notes=f.text("notes"),
            iata=iata,
            island=f.text("island", check=PLACE_ID.match, expected="lower-case letters, digits and hyphens"),
            airport_times=self._airport_times(f),
        )
        self.places.append((place, _Entry(f, mark)))
        return place

    def _airport_times(self, f: Fields) -> AirportTimes | None:
        table = f.mapping("times")
        if table is None:
            return None
        t = Fields(self.report, table, f"the airport times of {f.context}", AIRPORT_TIME_KEYS)
        found = [t.parsed(key, lambda v: parse_duration(v, maximum=6 * 60, zero=True)) for key in AIRPORT_TIME_KEYS]
        return AirportTimes(*found)

    def read_place(self, item: Any, mark: Mark | None) -> None:
        body = sub_mapping(self.report, item, mark, "a place")
        if body is None:
            return
        id_hint = body.get("id") if isinstance(body.get("id"), str) else None
        context = f"place {id_hint!r}" if id_hint else "a place"
        f = Fields(self.report, body, context, PLACE_KEYS, required=("id", "name", "state", "kind", "source"))
        place_id = f.text("id", check=PLACE_ID.match, expected="lower-case letters, digits and hyphens")
        if place_id is not None:
            self.place_ids.append((place_id, f, "id"))
        name = f.text("name")
        state = f.text("state")
        if state is not None:
            self.state_references.append((state, f))
        kind_text = f.choice("kind", KINDS)
        kind = Kind(kind_text) if kind_text else None
        address = f.text("address")
        location = self._coordinates(
            f,
            "lat and lon, or an address to geocode",
            optional=address is not None,
            mexican=state is not None and self.state_countries.get(state) == "MX",
        )
        time_zone = self._time_zone(f, "time_zone")
        sources = self._sources(f)
        duration = f.parsed("duration", parse_duration)
        value = f.number("value", low=0, high=10)
        hours = self._hours(f)
        holidays = f.choice("holidays", ("open", "closed"))
        exterior = f.boolean("exterior")
        contact = self._contact(f)
        geocoded = False
        if place_id is not None and address is not None and not ({"lat", "lon"} & set(f.data)):
            location = self.geocoded.get((place_id, address))
            geocoded = location is not None
        if None in (place_id, name, state, kind) or (location is None and address is None) or not sources:
            return
        assert place_id and name and state and kind  # narrowed by the check above
        defaults = KIND_DEFAULTS[kind.group]
        if kind.is_logistics and value:
            f.error("value", "hotels, cities and airports are not scouted for value", "no value")
        place = Place(
            id=place_id,
            name=name,
            state=state,
            kind=kind,
            location=location,
            sources=sources,
            address=address,
            approx=bool(f.boolean("approx")),
            time_zone=time_zone,
            duration=duration if duration is not None else defaults.duration,
            value=value if value is not None else defaults.value,
            hours=hours,
            closed_on_holidays=(holidays == "closed") if holidays else defaults.closed_on_holidays,
            exterior=exterior if exterior is not None else defaults.exterior,
            tags=f.texts("tags"),
            productions=f.texts("productions"),
            contact=contact,
            permits=f.text("permits"),
            notes=f.text("notes"),
            geocoded=geocoded,
            site=f.text("site", check=PLACE_ID.match, expected="lower-case letters, digits and hyphens"),
            island=f.text("island", check=PLACE_ID.match, expected="lower-case letters, digits and hyphens"),
        )
        self.places.append((place, _Entry(f, mark)))

    def read_travel_time(self, item: Any, mark: Mark | None) -> None:
        body = sub_mapping(self.report, item, mark, "a travel time")
        if body is None:
            return
        f = Fields(self.report, body, "a travel time", TRAVEL_KEYS, required=("from", "to", "duration"))
        origin = f.text("from")
        destination = f.text("to")
        minutes = f.parsed("duration", lambda value: parse_duration(value, maximum=48 * 60))
        km = f.number("km", low=0, high=20_000)
        mode = f.choice("mode", tuple(mode.value for mode in TravelMode))
        sources = self._sources(f, required=False)
        if origin is None or destination is None or minutes is None:
            return
        if origin == destination:
            f.error("to", "is the same place as 'from'", "two different places")
            return
        travel = TravelTime(origin, destination, minutes, km, TravelMode(mode or "drive"), sources)
        self.travel_times.append((travel, _Entry(f, mark)))

    def read_area(self, item: Any, mark: Mark | None) -> None:
        body = sub_mapping(self.report, item, mark, "an area")
        if body is None:
            return
        id_hint = body.get("id") if isinstance(body.get("id"), str) else None
        context = f"area {id_hint!r}" if id_hint else "an area"
        required = ("id", "name", "state", "lat", "lon", "radius_km", "speed_kmh", "cross_town")
        f = Fields(self.report, body, context, AREA_KEYS, required=required)
        area_id = f.text("id", check=PLACE_ID.match, expected="lower-case letters, digits and hyphens")
        if area_id is not None:
            self.area_ids.append((area_id, f, "id"))
        name = f.text("name")
        state = f.text("state")
        if state is not None:
            self.state_references.append((state, f))
        location = self._coordinates(f, "lat and lon of the area's centre", mexican=True)
        radius = f.number("radius_km", low=0.5, high=200)
        speed = f.number("speed_kmh", low=1, high=150)
        cross_town = f.parsed("cross_town", lambda v: parse_duration(v, maximum=6 * 60, zero=True))
        sources = self._sources(f, required=False)
        assumed = bool(f.boolean("assumed"))
        # A speed with no published figure is the officer's stated assumption: it says so, and why.
        if not sources and not f.has("source"):
            if not assumed:
                self.report.add(f.mark, f"{f.context} has no source", "a source, or assumed: true with notes")
            elif not f.has("notes"):
                self.report.add(f.mark, f"{f.context} is assumed without notes", "notes saying what is assumed")
        if None in (area_id, name, state, location, radius, speed, cross_town) or (not sources and not assumed):
            return
        assert area_id and name and state and location and radius and speed and cross_town is not None
        area = Area(area_id, name, state, location, radius, speed, cross_town, sources, f.text("notes"), assumed)
        self.areas.append((area, _Entry(f, mark)))

    def read_ferry(self, item: Any, mark: Mark | None) -> None:
        body = sub_mapping(self.report, item, mark, "a ferry")
        if body is None:
            return
        required = ("from", "to", "duration", "source")
        f = Fields(self.report, body, "a ferry", FERRY_KEYS, required=required)
        origin = f.text("from")
        destination = f.text("to")
        minutes = f.parsed("duration", lambda value: parse_duration(value, maximum=24 * 60))
        sources = self._sources(f)
        there = self._departures(f)
        back_table = f.mapping("back")
        back = there
        assumed = bool(f.boolean("assumed"))
        back_assumed = assumed
        if back_table is not None:
            b = Fields(self.report, back_table, "the ferry's way back", FERRY_TIMES_KEYS)
            back = self._departures(b)
            back_assumed = assumed or bool(b.boolean("assumed"))
        if None in (origin, destination, minutes, there, back) or not sources:
            return
        assert origin and destination and minutes and there and back
        if origin == destination:
            f.error("to", "is the same port as 'from'", "two different ports")
            return
        operator, notes, valid = f.text("operator"), f.text("notes"), f.text("valid")
        for a, b_, times, guess in ((origin, destination, there, assumed), (destination, origin, back, back_assumed)):
            ferry = Ferry(a, b_, minutes, times, operator, sources, notes, valid, guess)
            self.ferries.append((ferry, _Entry(f, mark)))

    def _departures(self, f: Fields) -> tuple[int, ...] | None:
        """A ferry's departures: a list of times, or the first and last with how often it leaves between."""
        if f.has("departures"):
            times = []
            for item, mark in f.items("departures"):
                try:
                    times.append(parse_time_of_day(item))
                except ValueError as error:
                    self.report.add(mark, f"departure of {f.context}: {error}", "a time such as 07:30")
                    return None
            if not times:
                f.error("departures", "is empty", "at least one time such as 07:30")
                return None
            if any(f.has(key) for key in ("first", "last", "every")):
                expected = "either departures, or first, last and every"
                f.error("departures", "is given with first, last or every", expected)
                return None
            return tuple(sorted(set(times)))
        first = f.parsed("first", parse_time_of_day)
        last = f.parsed("last", parse_time_of_day)
        every = f.parsed("every", lambda v: parse_duration(v, maximum=12 * 60))
        if first is None or last is None or every is None:
            if not any(f.has(key) for key in ("first", "last", "every")):
                self.report.add(f.mark, f"{f.context} has no departures", "departures, or first, last and every")
            elif not all(f.has(key) for key in ("first", "last", "every")):
                missing = [key for key in ("first", "last", "every") if not f.has(key)]
                self.report.add(f.mark, f"{f.context} lacks {', '.join(missing)}", "first, last and every together")
            return None
        if last < first:
            f.error("last", "is before the first departure", "a last departure at or after the first")
            return None
        return tuple(range(first, last + 1, every))

    def _coordinates(
        self, f: Fields, expected: str, optional: bool = False, *, mexican: bool = False
    ) -> Coordinates | None:
        """``lat``/``lon`` of an entry; ``optional`` when an address may stand in for them.

        For an entry of a Mexican state, swapped coordinates are recognised before the ranges are checked:
        a Mexican longitude (about -118..-86) taken for a latitude is out of range, and a bare "out of
        range" would hide the obvious fix.
        """
        if mexican and self._swapped(f):
            return None
        lat = f.number("lat", low=-90, high=90)
        lon = f.number("lon", low=-180, high=180)
        given = [key for key in ("lat", "lon") if key in f.data]
        if not given:
            if not optional:
                self.report.add(f.mark, f"{f.context} has no coordinates", expected)
            return None
        for key in ("lat", "lon"):
            if key not in f.data:
                self.report.add(f.mark, f"missing key {key!r} in {f.context}", "lat and lon together")
            elif f.data[key] is None:
                f.error(key, "is empty", "a number")
        if lat is None or lon is None:
            return None
        return Coordinates(lat, lon)

    def _swapped(self, f: Fields) -> bool:
        """Report ``lat``/``lon`` that lie outside Mexico as given but inside it once swapped."""
        lat, lon = f.data.get("lat"), f.data.get("lon")
        numbers = [value for value in (lat, lon) if isinstance(value, (int, float)) and not isinstance(value, bool)]
        # Only finite numbers within any coordinate range can be swapped ones (and an int such as 10**400
        # cannot even become a float): NaN fails every comparison, so it is left out too.
        if len(numbers) != 2 or not all(-1000 < value < 1000 for value in numbers):
            return False
        lat, lon = float(numbers[0]), float(numbers[1])
        if _in_mexico(lat, lon) or not _in_mexico(lon, lat):
            return False
        f.error(
            "lat",
            f"{_outside_mexico(lat, lon)}: latitude and longitude look swapped",
            _MEXICO_EXPECTED,
            f"did you mean lat: {_degrees(lon)}, lon: {_degrees(lat)}?",
        )
        return True

    def _time_zone(self, f: Fields, key: str) -> str | None:
        name = f.text(key)
        if name is None:
            return None
        if not is_zone(name):
            f.error(
                key,
                f"unknown time zone {name!r}",
                "an IANA time zone such as America/Mexico_City",
                _zone_hint(name),
            )
            return None
        return name

    def _sources(self, f: Fields, required: bool = True) -> tuple[str, ...]:
        found: list[str] = []
        for item, mark in f.items("source"):
            if not isinstance(item, str) or not item.strip():
                self.report.add(mark, f"source of {f.context}: found {type_name(item)}", "a source id or an address")
                continue
            text = item.strip()
            if is_url(text) or text in self.sources:
                found.append(text)
            else:
                self.report.add(
                    mark,
                    f"source of {f.context}: unknown source {text!r}",
                    "an http(s):// address or an id listed under 'sources:'",
                    did_you_mean(text, self.sources),
                )
        if required and not found and f.data.get("source") is not None and not f.items("source"):
            f.error("source", "is empty", "at least one source")
        return tuple(found)

    def _hours(self, f: Fields) -> WeeklyHours:
        value = f.data.get("hours")
        if value is None or (isinstance(value, str) and value.strip().lower() == "always"):
            return WeeklyHours.always()
        table = f.mapping("hours")
        if table is None:
            if isinstance(value, str):
                f.error("hours", f"{value!r} is not valid", "'always' or a mapping of weekdays to hours")
            return WeeklyHours.always()
        days: dict[int, tuple[Interval, ...]] = {}
        given_by: dict[int, str] = {}
        key_marks = getattr(table, "key_marks", {})
        value_marks = getattr(table, "value_marks", {})
        for key, intervals_text in table.items():
            where = key_marks.get(key, f.value_mark("hours"))
            try:
                weekdays = weekdays_of(key)
            except ValueError as error:
                keys = (*WEEKDAYS, "daily", "mon-fri", "sat-sun")
                what = f"hours of {f.context}: unknown weekday key {key!r}"
                self.report.add(where, what, str(error), did_you_mean(str(key), keys))
                continue
            try:
                intervals = parse_intervals(intervals_text)
            except ValueError as error:
                what = f"hours of {f.context}: {key}: {type_name(intervals_text)} is not valid"
                self.report.add(value_marks.get(key, where), what, str(error))
                continue
            for day in weekdays:
                if day in given_by:
                    self.report.add(
                        where,
                        f"hours of {f.context}: {key!r} gives a weekday already given by {given_by[day]!r}",
                        "each weekday once",
                    )
                    break
                given_by[day] = str(key)
                days[day] = intervals
        return weekly_hours(days)

    def _contact(self, f: Fields) -> Contact | None:
        table = f.mapping("contact")
        if table is None:
            return None
        c = Fields(self.report, table, f"contact of {f.context}", CONTACT_KEYS)
        web = c.text("web", check=is_url, expected="an http:// or https:// address")
        return Contact(name=c.text("name"), phone=c.text("phone"), email=c.text("email"), web=web)

    # -- second pass: references between entries --------------------------------------------------

    def check_references(self) -> None:
        state_codes = self._unique(self.state_codes, "state code")
        place_ids = self._unique(self.place_ids, "place id")  # every claimed id, even of a place with problems
        for code, f in self.state_references:
            if code not in state_codes:
                f.error(
                    "state", f"unknown state {code!r}", one_of(sorted(state_codes)), did_you_mean(code, state_codes)
                )
        states = {state.code: state for state, _ in self.states}
        places = {place.id: place for place, _ in self.places}
        for place, entry in self.places:
            state = states.get(place.state)
            if state is not None and state.is_mexican and place.location is not None:
                self._check_in_mexico(place, entry.fields)
        self._check_states(place_ids, places)
        if self.check is not None:
            self._run_check(self.check, states)
        self._unique(self.area_ids, "area id")
        self._check_travel_network(places)
        for travel, entry in self.travel_times:
            for key, place_id in (("from", travel.origin), ("to", travel.destination)):
                if place_id not in place_ids:
                    entry.fields.error(
                        key,
                        f"unknown place {place_id!r}",
                        "a place id of this catalogue",
                        did_you_mean(place_id, place_ids),
                    )

    def _run_check(self, check: PlaceCheck, states: Mapping[str, State]) -> None:
        for place, entry in self.places:
            if place.location is None or not _in_mexico(place.location.lat, place.location.lon):
                continue  # a point outside Mexico is reported already, with a better hint
            key = "address" if place.geocoded else "lat"
            mark = entry.fields.value_mark(key) if key in entry.fields.data else entry.mark
            for problem in check(place, states):
                self.report.add(mark, problem.what, problem.expected, problem.hint)

    def _unique(self, claims: Iterable[tuple[str, Fields, str]], what: str) -> set[str]:
        """The claimed identities; one claimed twice is reported where it stands both times."""
        first: dict[str, tuple[Mark | None, str]] = {}
        for identity, f, field in claims:
            mark = f.value_mark(field)
            if identity not in first:
                first[identity] = (mark, field)
                continue
            earlier, earlier_field = first[identity]
            first_line = earlier.line if earlier else "?"
            again_line = mark.line if mark else "?"
            if field == "iata" and earlier_field == "iata":
                # Two airports with one IATA code: say so, rather than name the place id made of it.
                code = identity.upper()
                expected = "a unique IATA code"
                self.report.add(
                    mark, f"duplicate airport IATA code {code!r}: first used at line {first_line}", expected
                )
                self.report.add(
                    earlier, f"duplicate airport IATA code {code!r}: used again at line {again_line}", expected
                )
            elif "iata" in (field, earlier_field):
                # An airport is a place whose id is its IATA code in lower case; a place took the same id.
                code = identity.upper()
                airport_mark, place_mark = (earlier, mark) if earlier_field == "iata" else (mark, earlier)
                airport_line = airport_mark.line if airport_mark else "?"
                place_line = place_mark.line if place_mark else "?"
                expected = "a unique place id (each airport is also a place, whose id is its IATA code in lower case)"
                self.report.add(
                    place_mark,
                    f"place id {identity!r} is also the id of airport {code} at line {airport_line}",
                    expected,
                )
                self.report.add(
                    airport_mark, f"airport {code} has the id {identity!r} of the place at line {place_line}", expected
                )
            else:
                self.report.add(
                    mark, f"duplicate {what} {identity!r}: first used at line {first_line}", f"a unique {what}"
                )
                self.report.add(
                    earlier, f"duplicate {what} {identity!r}: used again at line {again_line}", f"a unique {what}"
                )
        return set(first)

    def _check_in_mexico(self, place: Place, f: Fields) -> None:
        """A place of a Mexican state must lie in Mexico (swapped coordinates were caught when read)."""
        assert place.location is not None
        lat, lon = place.location.lat, place.location.lon
        if _in_mexico(lat, lon):
            return
        where = _outside_mexico(lat, lon)
        inside_lat = MEXICO_LAT[0] <= lat <= MEXICO_LAT[1]
        inside_lon = MEXICO_LON[0] <= lon <= MEXICO_LON[1]
        if inside_lat and MEXICO_LON[0] <= -lon <= MEXICO_LON[1]:
            f.error(
                "lon",
                f"{where}: longitude {_degrees(lon)} is east of Greenwich",
                _MEXICO_EXPECTED,
                f"did you forget the minus sign ({_degrees(-lon)})?",
            )
        elif inside_lon and MEXICO_LAT[0] <= -lat <= MEXICO_LAT[1]:
            f.error(
                "lat",
                f"{where}: latitude {_degrees(lat)} is south of the equator",
                _MEXICO_EXPECTED,
                f"did you mean {_degrees(-lat)}?",
            )
        else:
            f.error("lat" if not inside_lat else "lon", where, _MEXICO_EXPECTED)

    def _check_states(self, place_ids: set[str], places: dict[str, Place]) -> None:
        """Bases and film commissions: claimed place ids, and of the right kind and state when the place was built."""
        for code, key, place_id, f in self.state_places:
            kinds: tuple[Kind, ...]
            if key == "base":
                kinds, expected = (Kind.HOTEL, Kind.CITY), "a place of kind hotel or city in this state"
            else:
                kinds, expected = (Kind.FILM_COMMISSION,), "a place of kind film-commission in this state"
            place = places.get(place_id)
            if place_id not in place_ids:
                candidates = [p.id for p in places.values() if p.state == code] or sorted(place_ids)
                f.error(key, f"unknown place {place_id!r}", expected, did_you_mean(place_id, candidates))
            elif place is None:
                continue  # the place exists but has problems of its own, already reported where it stands
            elif place.kind not in kinds:
                f.error(key, f"place {place_id!r} is a {place.kind.label}", expected)
            elif code is not None and place.state != code:
                f.error(key, f"place {place_id!r} is in state {place.state!r}", expected)

    def _check_travel_network(self, places: dict[str, Place]) -> None:
        """Ferries join two ports; every island can be reached from elsewhere, by a ferry or its airport."""
        reached: set[str] = set()
        for ferry, entry in self.ferries:
            for key, place_id in (("from", ferry.origin), ("to", ferry.destination)):
                place = places.get(place_id)
                if place is None:
                    ports = [p.id for p in places.values() if p.kind is Kind.PORT]
                    entry.fields.error(key, f"unknown port {place_id!r}", "the id of a place of kind port",
                                       did_you_mean(place_id, ports))  # fmt: skip
                elif place.kind is not Kind.PORT:
                    entry.fields.error(key, f"place {place_id!r} is a {place.kind.label}", "a place of kind port")
            ends = [places.get(ferry.origin), places.get(ferry.destination)]
            if all(ends) and ends[0].island != ends[1].island:  # type: ignore[union-attr]
                reached.update(p.island for p in ends if p is not None and p.island)
        for place in places.values():
            if place.kind is Kind.AIRPORT and place.island:
                reached.add(place.island)
        for place, entry in self.places:
            if place.island and place.island not in reached:
                entry.fields.error(
                    "island",
                    f"nothing reaches island {place.island!r}",
                    "a ferry from a port on the mainland to a port of this island, or an airport on it",
                )

    def catalogue(self, routed: Iterable[RoutedTime] = ()) -> Catalogue:
        places = {place.id: place for place, _ in self.places}
        return Catalogue(
            states=tuple(state for state, _ in self.states),
            places=tuple(place for place, _ in self.places),
            travel_times=tuple(travel for travel, _ in self.travel_times),
            sources=tuple(self.sources.values()),
            areas=tuple(area for area, _ in self.areas),
            ferries=tuple(ferry for ferry, _ in self.ferries),
            routed=_applying(routed, places),
        )


def _applying(routed: Iterable[RoutedTime], places: Mapping[str, Place]) -> tuple[RoutedTime, ...]:
    """The routed times whose places exist and stand where they were routed; the last for each pair."""
    kept: dict[tuple[str, str], RoutedTime] = {}
    for entry in routed:
        origin, destination = places.get(entry.origin), places.get(entry.destination)
        if origin is None or destination is None or origin.location is None or destination.location is None:
            continue
        if entry.applies(origin.location, destination.location):
            kept[entry.origin, entry.destination] = entry
    return tuple(kept[pair] for pair in sorted(kept))
