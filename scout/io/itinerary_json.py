"""The itinerary JSON format ``scout.itinerary/1``: an :class:`Itinerary` to JSON and back.

The format is a contract documented in ``shared/spec/itinerary-json.md``: fields may be added, none renamed
or dropped. Besides the fields the spec requires, the writer adds ``objective.proved_optimal``,
``objective.gap`` and ``objective.solve_seconds``, a top-level ``alternatives`` list, items' ``kind``,
meetings' ``title`` and breaks' ``label`` (each only when set), each day's ``sunrise``, ``sunset`` and
``zone`` (when known), an IANA ``zone`` on visits, meetings, breaks and points, and on visits and meetings
what the delegation needs on the spot: ``address``, ``approx``, ``contact`` (``name``, ``phone``,
``email``, ``web``), ``permits`` and ``notes`` (each only when set). States may carry ``zone``,
``permits`` and ``incentives``. The reader accepts any extra field and ignores those it does not know.

Numbers are rounded when written: objective values, bounds and seconds to 2 decimals, item values to 4
(so that their sum stays within 0.01 of ``objective.value`` however many items there are), the relative
gap to 4, kilometres to 1 and coordinates to 6 (about 10 cm). Times keep their whole seconds and their UTC
offset. An itinerary whose numbers already have at most that precision comes back equal from a round
trip; any other comes back rounded, and a second round trip changes nothing.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar

from scout.errors import InputError, Problem
from scout.io.files import read_bytes, write_atomically
from scout.model.catalogue import Contact, Coordinates, TravelMode
from scout.model.itinerary import (
    Alternative,
    Caveat,
    Day,
    Item,
    ItemType,
    Itinerary,
    Point,
    StateChoice,
    Unvisited,
)

FORMAT = "scout.itinerary/1"

VALUE_DIGITS = 2  # objective value, bounds, alternatives, seconds
ITEM_VALUE_DIGITS = 4
GAP_DIGITS = 4
KM_DIGITS = 1
COORDINATE_DIGITS = 6

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME_EXAMPLE = "an ISO 8601 time with its UTC offset, such as 2024-09-23T09:30:00-07:00"
_PLACEHOLDER_TIME = datetime(2000, 1, 1, tzinfo=UTC)  # stands in for a bad time while reading goes on
_MISSING = object()

T = TypeVar("T")


# --- writing ---------------------------------------------------------------------------------------------


def itinerary_to_dict(itinerary: Itinerary) -> dict[str, Any]:
    """The itinerary as a ``scout.itinerary/1`` document, ready for :func:`json.dumps`.

    Parameters
    ----------
    itinerary
        The planned trip.

    Returns
    -------
    dict
        Plain dicts, lists, strings, numbers, booleans and ``None``, in the spec's key order.
    """
    document: dict[str, Any] = {
        "format": FORMAT,
        "trip": {
            "name": itinerary.name,
            "start_date": itinerary.start_date.isoformat(),
            "end_date": itinerary.end_date.isoformat(),
            "source": itinerary.source,
        },
        "states": [_state_to_dict(state) for state in itinerary.states],
        "objective": {
            "value": _round(itinerary.value, VALUE_DIGITS),
            "bound": _round_or_none(itinerary.bound, VALUE_DIGITS),
            "proved_optimal": itinerary.proved_optimal,
            # from the rounded numbers, so the document agrees with itself and a round trip keeps it
            "gap": _gap(_round(itinerary.value, VALUE_DIGITS), _round_or_none(itinerary.bound, VALUE_DIGITS)),
            "solve_seconds": _round_or_none(itinerary.solve_seconds, VALUE_DIGITS),
        },
        "days": [_day_to_dict(day) for day in itinerary.days],
        "unvisited": [
            {"place": entry.place, "name": entry.name, "reason": entry.reason} for entry in itinerary.unvisited
        ],
        "alternatives": [
            {
                "states": list(alternative.states),
                "value": _round_or_none(alternative.value, VALUE_DIGITS),
                "bound": _round(alternative.bound, VALUE_DIGITS),
            }
            for alternative in itinerary.alternatives
        ],
        "warnings": [
            {"code": caveat.code, "message": caveat.message, "places": list(caveat.places)}
            for caveat in itinerary.warnings
        ],
    }
    return document


def write_itinerary(itinerary: Itinerary, path: Path) -> None:
    """Write the itinerary as JSON to ``path``, atomically.

    The text goes to a temporary file in the same folder, is flushed to disk, then replaces ``path`` in
    one step: a reader sees the old file or the new one, never half of one. Missing folders are created.
    The temporary file is removed if anything fails.

    Parameters
    ----------
    itinerary
        The planned trip.
    path
        Where to write it; replaced if it exists.
    """
    text = json.dumps(itinerary_to_dict(itinerary), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    write_atomically(path, text.encode("utf-8"))


def _state_to_dict(state: StateChoice) -> dict[str, Any]:
    entry: dict[str, Any] = {"code": state.code, "name": state.name}
    for key in ("zone", "permits", "incentives"):
        if getattr(state, key) is not None:
            entry[key] = getattr(state, key)
    return entry


def _day_to_dict(day: Day) -> dict[str, Any]:
    entry: dict[str, Any] = {"date": day.date.isoformat()}
    if day.sunrise is not None:
        entry["sunrise"] = _time(day.sunrise)
    if day.sunset is not None:
        entry["sunset"] = _time(day.sunset)
    if day.zone is not None:
        entry["zone"] = day.zone
    entry["items"] = [_item_to_dict(item) for item in day.items]
    entry["night"] = _point_to_dict(day.night) if day.night is not None else None
    if day.notes:
        entry["notes"] = list(day.notes)
    return entry


def _item_to_dict(item: Item) -> dict[str, Any]:
    entry: dict[str, Any] = {"type": item.type.value}
    if item.type is ItemType.TRAVEL:
        entry["mode"] = item.mode.value if item.mode is not None else None
        entry["start"] = _time(item.start)
        entry["end"] = _time(item.end)
        entry["from"] = _point_to_dict(item.origin) if item.origin is not None else None
        entry["to"] = _point_to_dict(item.destination) if item.destination is not None else None
        entry["km"] = _round_or_none(item.km, KM_DIGITS)
        if item.source is not None:
            entry["source"] = item.source
        if item.buffer is not None:
            entry["buffer_min"] = item.buffer
        if item.operator is not None:
            entry["operator"] = item.operator
        if item.carrier is not None:  # a scheduled flight: the item spans exactly its departure to arrival
            entry["flight"] = {"carrier": item.carrier, "number": item.flight_number,
                               "departs": _time(item.start), "arrives": _time(item.end)}  # fmt: skip
        return entry
    if item.type is ItemType.BREAK:
        if item.break_kind is not None:
            entry["kind"] = item.break_kind
        if item.label is not None:
            entry["label"] = item.label
        if item.place is not None:
            entry["place"] = item.place
            entry["name"] = item.name
            if item.location is not None:
                entry["lat"] = _round(item.location.lat, COORDINATE_DIGITS)
                entry["lon"] = _round(item.location.lon, COORDINATE_DIGITS)
        if item.zone is not None:
            entry["zone"] = item.zone
        entry["start"] = _time(item.start)
        entry["end"] = _time(item.end)
        return entry
    if item.kind is not None:
        entry["kind"] = item.kind
    entry["place"] = item.place
    entry["name"] = item.name
    if item.title is not None:
        entry["title"] = item.title
    entry["state"] = item.state
    entry["lat"] = _round(item.location.lat, COORDINATE_DIGITS) if item.location is not None else None
    entry["lon"] = _round(item.location.lon, COORDINATE_DIGITS) if item.location is not None else None
    entry["start"] = _time(item.start)
    entry["end"] = _time(item.end)
    entry["value"] = _round(item.value, ITEM_VALUE_DIGITS)
    entry["window"] = [_time(item.window[0]), _time(item.window[1])] if item.window is not None else None
    if item.zone is not None:
        entry["zone"] = item.zone
    if item.address is not None:
        entry["address"] = item.address
    if item.approx:
        entry["approx"] = True
    if item.contact is not None:
        entry["contact"] = {k: v for k, v in _contact_to_dict(item.contact).items() if v is not None}
    if item.permits is not None:
        entry["permits"] = item.permits
    if item.notes is not None:
        entry["notes"] = item.notes
    return entry


def _contact_to_dict(contact: Contact) -> dict[str, str | None]:
    return {"name": contact.name, "phone": contact.phone, "email": contact.email, "web": contact.web}


def _point_to_dict(point: Point) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "place": point.place,
        "name": point.name,
        "lat": _round(point.location.lat, COORDINATE_DIGITS),
        "lon": _round(point.location.lon, COORDINATE_DIGITS),
    }
    if point.state is not None:
        entry["state"] = point.state  # an added field: the state code of a Mexican point
    if point.zone is not None:
        entry["zone"] = point.zone
    if point.address is not None:
        entry["address"] = point.address  # added fields: where the place is, and whether its point stands in
    if point.approx:
        entry["approx"] = True
    return entry


def _time(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _round(number: float, digits: int) -> float:
    return round(float(number), digits)


def _round_or_none(number: float | None, digits: int) -> float | None:
    return None if number is None else _round(number, digits)


def _gap(value: float, bound: float | None) -> float | None:
    """The relative optimality gap ``(bound - value) / bound``; ``None`` without a positive bound."""
    if bound is None or bound <= 0:
        return None
    return _round((bound - value) / bound, GAP_DIGITS)


# --- reading ---------------------------------------------------------------------------------------------


def read_itinerary(path: Path, display: str | None = None) -> Itinerary:
    """Read an itinerary written by :func:`write_itinerary`.

    Parameters
    ----------
    path
        The JSON file.
    display
        How to name the file in messages; defaults to ``path`` as given.

    Raises
    ------
    InputError
        If the file cannot be read, is not UTF-8 JSON (with the line and column of the error), or is not a
        ``scout.itinerary/1`` document (with the JSON path of every problem).
    """
    name = display or str(path)
    raw = read_bytes(path, name, "an itinerary JSON file")
    return itinerary_from_dict(_parse_json(raw, name), name)


def _parse_json(raw: bytes, name: str) -> Any:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a byte-order mark, as some Windows editors write
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise InputError(
            [Problem(name, line, column, f"byte 0x{raw[error.start]:02X} is not UTF-8", "a UTF-8 JSON file")]
        ) from None
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise InputError([Problem(name, error.lineno, error.colno, f"JSON syntax error: {error.msg}")]) from None
    except _ConstantError as error:
        raise InputError([Problem(name, None, None, f"{error} is not a JSON number", "a finite number")]) from None
    except RecursionError:
        raise InputError([Problem(name, None, None, "nesting is too deep")]) from None


class _ConstantError(ValueError):
    pass


def _refuse_constant(name: str) -> Any:
    # Python's json accepts NaN and Infinity, which JSON itself does not.
    raise _ConstantError(name)


def itinerary_from_dict(data: Any, file: str | None = None) -> Itinerary:
    """Build an :class:`Itinerary` from a ``scout.itinerary/1`` document (as :func:`json.loads` gives it).

    Parameters
    ----------
    data
        The document.
    file
        How to name the file in messages.

    Raises
    ------
    InputError
        With every problem found, each naming its JSON path (``days[2].items[0].start: ...``).
    """
    reader = _Reader(file)
    itinerary = reader.itinerary(data)
    if reader.problems or itinerary is None:
        raise InputError(reader.problems or [Problem(file, None, None, "not an itinerary")])
    return itinerary


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:39] + "…"
        return f"string {shown!r}"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list):
        return "an array"
    return type(value).__name__


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


class _Reader:
    """Reads a document into the model, recording a :class:`Problem` for each wrong field.

    Field readers return a placeholder when a field is wrong, so reading goes on and reports everything;
    each entity reader returns ``None`` if any problem was recorded while reading it.
    """

    def __init__(self, file: str | None) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def error(self, path: str, what: str, expected: str | None = None) -> None:
        where = path or "the document"
        self.problems.append(Problem(self.file, None, None, f"{where}: {what}", expected))

    # -- entities

    def itinerary(self, data: Any) -> Itinerary | None:
        if not isinstance(data, Mapping):
            self.error("", f"is {_json_type(data)}", f'an object with "format": {FORMAT!r}')
            return None
        before = len(self.problems)
        fmt = self.get(data, "format", "")
        if fmt is not _MISSING and fmt != FORMAT:
            self.error("format", f"is {_json_type(fmt)}", repr(FORMAT))
            return None  # another format: the rest would only add noise
        trip = self.mapping(data, "trip", "")
        name = self.text(trip, "trip.name") if trip is not None else ""
        start_date = self.calendar_date(trip, "trip.start_date") if trip is not None else None
        end_date = self.calendar_date(trip, "trip.end_date") if trip is not None else None
        source = self.optional_text(trip, "trip.source") if trip is not None else None
        states = self.array(data, "states", "", self.state)
        objective = self.mapping(data, "objective", "")
        value = self.number(objective, "objective.value") if objective is not None else 0.0
        bound = self.optional_number(objective, "objective.bound") if objective is not None else None
        proved_optimal = (
            self.boolean(objective, "objective.proved_optimal", required=False) if objective is not None else False
        )
        solve_seconds = (
            self.optional_number(objective, "objective.solve_seconds", required=False)
            if objective is not None
            else None
        )
        days = self.array(data, "days", "", self.day)
        unvisited = self.array(data, "unvisited", "", self.unvisited)
        alternatives = self.array(data, "alternatives", "", self.alternative, required=False)
        warnings = self.array(data, "warnings", "", self.caveat, required=False)
        if len(self.problems) > before or start_date is None or end_date is None:
            return None
        return Itinerary(
            name=name,
            start_date=start_date,
            end_date=end_date,
            source=source,
            states=states,
            value=value,
            bound=bound,
            days=days,
            unvisited=unvisited,
            alternatives=alternatives,
            proved_optimal=proved_optimal,
            solve_seconds=solve_seconds,
            warnings=warnings,
        )

    def state(self, data: Mapping[str, Any], path: str) -> StateChoice | None:
        before = len(self.problems)
        code = self.text(data, _join(path, "code"))
        name = self.text(data, _join(path, "name"))
        zone = self.optional_text(data, _join(path, "zone"), required=False)
        permits = self.optional_text(data, _join(path, "permits"), required=False)
        incentives = self.optional_text(data, _join(path, "incentives"), required=False)
        return StateChoice(code, name, zone, permits, incentives) if len(self.problems) == before else None

    def unvisited(self, data: Mapping[str, Any], path: str) -> Unvisited | None:
        before = len(self.problems)
        place = self.text(data, _join(path, "place"))
        name = self.text(data, _join(path, "name"))
        reason = self.text(data, _join(path, "reason"))
        return Unvisited(place, name, reason) if len(self.problems) == before else None

    def caveat(self, data: Mapping[str, Any], path: str) -> Caveat | None:
        before = len(self.problems)
        code = self.text(data, _join(path, "code"))
        message = self.text(data, _join(path, "message"))
        places = self.array(data, "places", path, self.string, required=False, of_objects=False)
        return Caveat(code, message, places) if len(self.problems) == before else None

    def alternative(self, data: Mapping[str, Any], path: str) -> Alternative | None:
        before = len(self.problems)
        states = self.array(data, "states", path, self.string, of_objects=False)
        value = self.optional_number(data, _join(path, "value"))
        bound = self.number(data, _join(path, "bound"))
        return Alternative(states, value, bound) if len(self.problems) == before else None

    def day(self, data: Mapping[str, Any], path: str) -> Day | None:
        before = len(self.problems)
        day = self.calendar_date(data, _join(path, "date"))
        sunrise = self.optional_time(data, _join(path, "sunrise"), required=False)
        sunset = self.optional_time(data, _join(path, "sunset"), required=False)
        items = self.array(data, "items", path, self.item)
        night = self.optional_point(data, _join(path, "night"))
        zone = self.optional_text(data, _join(path, "zone"), required=False)
        notes = self.array(data, "notes", path, self.string, required=False, of_objects=False)
        if len(self.problems) > before or day is None:
            return None
        return Day(date=day, items=items, night=night, sunrise=sunrise, sunset=sunset, zone=zone, notes=notes)

    def item(self, data: Mapping[str, Any], path: str) -> Item | None:
        before = len(self.problems)
        raw_type = self.get(data, "type", path)
        if raw_type is _MISSING:
            return None
        try:
            item_type = ItemType(raw_type)
        except ValueError:
            self.error(_join(path, "type"), f"is {_json_type(raw_type)}", "visit, meeting, travel or break")
            return None
        start = self.required_time(data, _join(path, "start"))
        end = self.required_time(data, _join(path, "end"))
        fields: dict[str, Any] = {}
        if item_type is ItemType.TRAVEL:
            fields["mode"] = self.mode(data, _join(path, "mode"))
            fields["origin"] = self.point(data, _join(path, "from"))
            fields["destination"] = self.point(data, _join(path, "to"))
            fields["km"] = self.optional_number(data, _join(path, "km"))
            fields["source"] = self.optional_text(data, _join(path, "source"), required=False)
            buffer = self.optional_number(data, _join(path, "buffer_min"), required=False)
            fields["buffer"] = None if buffer is None else int(buffer)
            fields["operator"] = self.optional_text(data, _join(path, "operator"), required=False)
            flight = data.get("flight")
            if isinstance(flight, Mapping):
                where = _join(path, "flight")
                fields["carrier"] = self.text(flight, _join(where, "carrier"))
                fields["flight_number"] = self.optional_text(flight, _join(where, "number"), required=False)
                departs = self.optional_time(flight, _join(where, "departs"), nullable=False)
                arrives = self.optional_time(flight, _join(where, "arrives"), nullable=False)
                if departs is not None and departs != start:
                    self.error(_join(where, "departs"), "differs from the item's start", "the item's start")
                if arrives is not None and arrives != end:
                    self.error(_join(where, "arrives"), "differs from the item's end", "the item's end")
            elif flight is not None:
                self.error(_join(path, "flight"), f"is {_json_type(flight)}", "an object")
        elif item_type is ItemType.BREAK:
            fields["break_kind"] = self.optional_text(data, _join(path, "kind"), required=False)
            fields["location"] = self.optional_coordinates(data, path) if "lat" in data else None
            fields["label"] = self.optional_text(data, _join(path, "label"), required=False)
            fields["place"] = self.optional_text(data, _join(path, "place"), required=False)
            fields["name"] = self.optional_text(data, _join(path, "name"), required=False)
            fields["zone"] = self.optional_text(data, _join(path, "zone"), required=False)
        else:
            fields["kind"] = self.optional_text(data, _join(path, "kind"), required=False)
            fields["title"] = self.optional_text(data, _join(path, "title"), required=False)
            fields["place"] = self.text(data, _join(path, "place"))
            fields["name"] = self.text(data, _join(path, "name"))
            fields["state"] = self.optional_text(data, _join(path, "state"))
            fields["location"] = self.optional_coordinates(data, path)
            fields["value"] = self.number(data, _join(path, "value"))
            fields["window"] = self.window(data, _join(path, "window"))
            fields["zone"] = self.optional_text(data, _join(path, "zone"), required=False)
            fields["address"] = self.optional_text(data, _join(path, "address"), required=False)
            fields["approx"] = self.boolean(data, _join(path, "approx"), required=False)
            fields["contact"] = self.contact(data, _join(path, "contact"))
            fields["permits"] = self.optional_text(data, _join(path, "permits"), required=False)
            fields["notes"] = self.optional_text(data, _join(path, "notes"), required=False)
        if len(self.problems) > before:
            return None
        try:
            return Item(type=item_type, start=start, end=end, **fields)
        except ValueError as error:
            self.error(path, str(error))
            return None

    def window(self, data: Mapping[str, Any], path: str) -> tuple[datetime, datetime] | None:
        parent, _, key = path.rpartition(".")
        raw = self.get(data, key, parent)
        if raw is _MISSING or raw is None:
            return None
        if not isinstance(raw, list) or len(raw) != 2:
            self.error(path, f"is {_json_type(raw)}", "[open, close], two ISO 8601 times")
            return None
        before = len(self.problems)
        opening = self.parse_time(raw[0], f"{path}[0]")
        closing = self.parse_time(raw[1], f"{path}[1]")
        if len(self.problems) > before:
            return None
        if closing < opening:
            self.error(path, "closes before it opens")
            return None
        return (opening, closing)

    def point(self, data: Mapping[str, Any], path: str) -> Point | None:
        if data.get(path.rpartition(".")[2], _MISSING) is None:
            self.error(path, "is null", "an object with place, name, lat and lon")
            return None
        return self.optional_point(data, path)

    def optional_point(self, data: Mapping[str, Any], path: str) -> Point | None:
        parent, _, key = path.rpartition(".")
        raw = self.get(data, key, parent)
        if raw is _MISSING or raw is None:
            return None
        if not isinstance(raw, Mapping):
            self.error(path, f"is {_json_type(raw)}", "an object with place, name, lat and lon")
            return None
        before = len(self.problems)
        place = self.text(raw, _join(path, "place"))
        name = self.text(raw, _join(path, "name"))
        location = self.coordinates(raw, path)
        if len(self.problems) > before or location is None:
            return None
        state = self.optional_text(raw, _join(path, "state"), required=False)
        zone = self.optional_text(raw, _join(path, "zone"), required=False)
        address = self.optional_text(raw, _join(path, "address"), required=False)
        approx = raw.get("approx", False)
        if not isinstance(approx, bool):
            self.error(_join(path, "approx"), f"is {_json_type(approx)}", "true or false")
        if len(self.problems) > before:
            return None
        return Point(place, name, location, state, zone, address, approx is True)

    def contact(self, data: Mapping[str, Any], path: str) -> Contact | None:
        parent, _, key = path.rpartition(".")
        raw = self.get(data, key, parent, required=False)
        if raw is _MISSING or raw is None:
            return None
        if not isinstance(raw, Mapping):
            self.error(path, f"is {_json_type(raw)}", "an object with name, phone, email and web")
            return None
        before = len(self.problems)
        fields = {k: self.optional_text(raw, _join(path, k), required=False) for k in ("name", "phone", "email", "web")}
        return Contact(**fields) if len(self.problems) == before else None

    def coordinates(self, data: Mapping[str, Any], path: str) -> Coordinates | None:
        before = len(self.problems)
        lat = self.number(data, _join(path, "lat"))
        lon = self.number(data, _join(path, "lon"))
        if len(self.problems) > before:
            return None
        try:
            return Coordinates(lat, lon)
        except ValueError as error:
            self.error(path, str(error))
            return None

    def optional_coordinates(self, data: Mapping[str, Any], path: str) -> Coordinates | None:
        before = len(self.problems)
        lat = self.optional_number(data, _join(path, "lat"))
        lon = self.optional_number(data, _join(path, "lon"))
        if len(self.problems) > before or (lat is None and lon is None):
            return None
        if lat is None or lon is None:
            self.error(path, "has only one of lat and lon", "both numbers, or both null")
            return None
        try:
            return Coordinates(lat, lon)
        except ValueError as error:
            self.error(path, str(error))
            return None

    def mode(self, data: Mapping[str, Any], path: str) -> TravelMode | None:
        parent, _, key = path.rpartition(".")
        raw = self.get(data, key, parent)
        if raw is _MISSING:
            return None
        try:
            return TravelMode(raw)
        except ValueError:
            self.error(path, f"is {_json_type(raw)}", "drive, flight, walk or transfer")
            return None

    # -- fields

    def get(self, data: Mapping[str, Any], key: str, path: str, *, required: bool = True) -> Any:
        """``data[key]``, or ``_MISSING`` (reported at ``path`` if required)."""
        if key in data:
            return data[key]
        if required:
            self.error(path, f"missing key {key!r}")
        return _MISSING

    def mapping(self, data: Mapping[str, Any], key: str, path: str) -> Mapping[str, Any] | None:
        raw = self.get(data, key, path)
        if raw is _MISSING:
            return None
        if not isinstance(raw, Mapping):
            self.error(_join(path, key), f"is {_json_type(raw)}", "an object")
            return None
        return raw

    def array(
        self,
        data: Mapping[str, Any],
        key: str,
        path: str,
        read: Callable[[Any, str], T | None],
        *,
        required: bool = True,
        of_objects: bool = True,
    ) -> tuple[T, ...]:
        raw = self.get(data, key, path, required=required)
        if raw is _MISSING:
            return ()
        here = _join(path, key)
        if not isinstance(raw, list):
            self.error(here, f"is {_json_type(raw)}", "an array")
            return ()
        values: list[T] = []
        for index, entry in enumerate(raw):
            where = f"{here}[{index}]"
            if of_objects and not isinstance(entry, Mapping):
                self.error(where, f"is {_json_type(entry)}", "an object")
                continue
            value = read(entry, where)
            if value is not None:
                values.append(value)
        return tuple(values)

    def string(self, value: Any, path: str) -> str | None:
        if isinstance(value, str):
            return value
        self.error(path, f"is {_json_type(value)}", "a string")
        return None

    def text(self, data: Mapping[str, Any], path: str) -> str:
        return self.optional_text(data, path, nullable=False) or ""

    def optional_text(
        self, data: Mapping[str, Any], path: str, *, required: bool = True, nullable: bool = True
    ) -> str | None:
        parent, _, key = path.rpartition(".")
        raw = self.get(data, key, parent, required=required)
        if raw is _MISSING or (raw is None and nullable):
            return None
        if not isinstance(raw, str):
            self.error(path, f"is {_json_type(raw)}", "a string or null" if nullable else "a string")
            return None
        return raw

    def number(self, data: Mapping[str, Any], path: str) -> float:
        value = self.optional_number(data, path, nullable=False)
        return 0.0 if value is None else value

    def optional_number(
        self, data: Mapping[str, Any], path: str, *, required: bool = True, nullable: bool = True
    ) -> float | None:
        parent, _, key = path.rpartition(".")
        raw = self.get(data, key, parent, required=required)
        if raw is _MISSING or (raw is None and nullable):
            return None
        if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
            self.error(path, f"is {_json_type(raw)}", "a number or null" if nullable else "a number")
            return None
        return float(raw)

    def boolean(self, data: Mapping[str, Any], path: str, *, required: bool = True) -> bool:
        parent, _, key = path.rpartition(".")
        raw = self.get(data, key, parent, required=required)
        if raw is _MISSING:
            return False
        if not isinstance(raw, bool):
            self.error(path, f"is {_json_type(raw)}", "true or false")
            return False
        return raw

    def calendar_date(self, data: Mapping[str, Any], path: str) -> date | None:
        parent, _, key = path.rpartition(".")
        raw = self.get(data, key, parent)
        if raw is _MISSING:
            return None
        if isinstance(raw, str) and _DATE.match(raw):
            try:
                return date.fromisoformat(raw)
            except ValueError:
                pass
        self.error(path, f"is {_json_type(raw)}", "a date YYYY-MM-DD")
        return None

    def required_time(self, data: Mapping[str, Any], path: str) -> datetime:
        value = self.optional_time(data, path, nullable=False)
        return _PLACEHOLDER_TIME if value is None else value

    def optional_time(
        self, data: Mapping[str, Any], path: str, *, required: bool = True, nullable: bool = True
    ) -> datetime | None:
        parent, _, key = path.rpartition(".")
        raw = self.get(data, key, parent, required=required)
        if raw is _MISSING or (raw is None and nullable):
            return None
        before = len(self.problems)
        value = self.parse_time(raw, path)
        return value if len(self.problems) == before else None

    def parse_time(self, raw: Any, path: str) -> datetime:
        if not isinstance(raw, str):
            self.error(path, f"is {_json_type(raw)}", _TIME_EXAMPLE)
            return _PLACEHOLDER_TIME
        try:
            value = datetime.fromisoformat(raw)
        except ValueError:
            self.error(path, f"{raw!r} is not an ISO 8601 time", _TIME_EXAMPLE)
            return _PLACEHOLDER_TIME
        if value.tzinfo is None or value.utcoffset() is None:
            self.error(path, f"{raw!r} has no UTC offset", _TIME_EXAMPLE)
            return _PLACEHOLDER_TIME
        return value
