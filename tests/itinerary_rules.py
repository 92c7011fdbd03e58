"""An independent checker of the rules of ``scout.itinerary/1`` (``shared/spec/itinerary-json.md``).

It works on the JSON document (a dict, as :func:`json.loads` gives it), not on the domain model, so it
checks what other tools will read. Planner property tests call :func:`check_itinerary_rules` on whatever
the planner produced and assert that it returns nothing.

Two points are the same point when they have the same place id or the same coordinates (to 6 decimals):
two catalogue places at one address need no travel between them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from scout.model import Catalogue
from scout.timezones import zone

FORMAT = "scout.itinerary/1"
VALUE_TOLERANCE = 0.01
COORDINATE_TOLERANCE = 1e-6  # the writer keeps 6 decimals
VALUED_TYPES = ("visit", "meeting")
ITEM_TYPES = ("visit", "meeting", "travel", "break")
SOURCES = ("known", "routed", "estimated", "scheduled")
BREAK_KINDS = ("lunch", "airport", "border", "wait")


@dataclass(frozen=True)
class _Where:
    """Where the delegation is: a place id and, when known, its coordinates."""

    place: str | None
    lat: float | None = None
    lon: float | None = None

    def same_as(self, other: _Where) -> bool:
        if self.place is not None and self.place == other.place:
            return True
        if self.lat is None or self.lon is None or other.lat is None or other.lon is None:
            return False
        return abs(self.lat - other.lat) <= COORDINATE_TOLERANCE and abs(self.lon - other.lon) <= COORDINATE_TOLERANCE

    def __str__(self) -> str:
        return repr(self.place)


def check_itinerary_rules(doc: Any, catalogue: Catalogue | None = None) -> list[str]:
    """Every rule of the spec that ``doc`` breaks, as messages that start with a JSON path.

    Parameters
    ----------
    doc
        The itinerary document.
    catalogue
        If given, places are also checked against it: coordinates, states, and each time's UTC offset
        against the time zone of the place where it happens.

    Returns
    -------
    list of str
        Empty when the document keeps every rule.
    """
    return _Checker(catalogue).check(doc)


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


class _Checker:
    def __init__(self, catalogue: Catalogue | None) -> None:
        self.catalogue = catalogue
        self.violations: list[str] = []

    def fail(self, path: str, message: str) -> None:
        self.violations.append(f"{path}: {message}")

    # -- the document

    def check(self, doc: Any) -> list[str]:
        if not isinstance(doc, Mapping):
            self.fail("document", "is not an object")
            return self.violations
        if doc.get("format") != FORMAT:
            self.fail("format", f"is {doc.get('format')!r}, not {FORMAT!r}")
        days = doc.get("days")
        if not isinstance(days, list):
            self.fail("days", "is missing or not an array")
            days = []
        self.check_dates(doc.get("trip"), days)
        visited: Counter[str] = Counter()
        valued: Counter[str] = Counter()
        total = 0.0
        where: _Where | None = None  # unknown until the first item of the trip says where it starts
        for index, day in enumerate(days):
            path = f"days[{index}]"
            if not isinstance(day, Mapping):
                self.fail(path, "is not an object")
                where = None
                continue
            where = self.check_day(day, path, where, last=index == len(days) - 1)
            for item in day.get("items") or []:
                if not isinstance(item, Mapping):
                    continue
                value = _number(item.get("value", 0))
                total += value or 0.0
                place = item.get("place")
                if item.get("type") == "visit" and isinstance(place, str):
                    visited[place] += 1
                if item.get("type") in VALUED_TYPES and isinstance(place, str) and value:
                    valued[place] += 1
        for place, count in sorted(visited.items()):
            if count > 1:
                self.fail("days", f"place {place!r} is visited {count} times")
        for place, count in sorted(valued.items()):
            if count > 1:
                self.fail("days", f"place {place!r} earns value {count} times")
        self.check_objective(doc.get("objective"), total)
        self.check_unvisited(doc.get("unvisited"), visited.keys() | valued.keys())
        self.check_warnings(doc.get("warnings", []))
        for index, day in enumerate(days):
            notes = day.get("notes", []) if isinstance(day, Mapping) else []
            if not isinstance(notes, list) or not all(isinstance(note, str) and note for note in notes):
                self.fail(f"days[{index}].notes", "is not a list of strings")
        return self.violations

    def check_warnings(self, warnings: Any) -> None:
        if not isinstance(warnings, list):
            self.fail("warnings", "is not an array")
            return
        for index, warning in enumerate(warnings):
            path = f"warnings[{index}]"
            if not isinstance(warning, Mapping):
                self.fail(path, "is not an object")
                continue
            for key in ("code", "message"):
                if not isinstance(warning.get(key), str) or not warning[key]:
                    self.fail(f"{path}.{key}", "is not a text")
            places = warning.get("places")
            if not isinstance(places, list) or not all(isinstance(p, str) for p in places):
                self.fail(f"{path}.places", "is not a list of place ids")
            elif self.catalogue is not None:
                for place in places:
                    if not self.catalogue.has_place(place):
                        self.fail(f"{path}.places", f"names {place!r}, not a place of the catalogue")

    def check_dates(self, trip: Any, days: list[Any]) -> None:
        if not isinstance(trip, Mapping):
            self.fail("trip", "is missing or not an object")
            return
        try:
            start = date.fromisoformat(trip["start_date"])
            end = date.fromisoformat(trip["end_date"])
        except (KeyError, TypeError, ValueError):
            self.fail("trip", "start_date and end_date must be dates YYYY-MM-DD")
            return
        if end < start:
            self.fail("trip.end_date", "is before start_date")
            return
        expected = [(start + timedelta(days=n)).isoformat() for n in range((end - start).days + 1)]
        found = [day.get("date") if isinstance(day, Mapping) else None for day in days]
        if found != expected:
            self.fail("days", f"dates are {found}, expected one per day from {start} to {end}: {expected}")

    def check_objective(self, objective: Any, total: float) -> None:
        if not isinstance(objective, Mapping):
            self.fail("objective", "is missing or not an object")
            return
        value = _number(objective.get("value"))
        if value is None:
            self.fail("objective.value", "is missing or not a number")
            return
        if abs(value - total) > VALUE_TOLERANCE:
            self.fail("objective.value", f"is {value}, but the items' values add up to {total:.4f}")
        if "bound" not in objective:
            self.fail("objective.bound", "is missing")
            return
        bound = objective["bound"]
        if bound is None:
            return
        bound_number = _number(bound)
        if bound_number is None:
            self.fail("objective.bound", "is not a number or null")
        elif bound_number < value - 1e-9:
            self.fail("objective.bound", f"is {bound_number}, below the value {value}")

    def check_unvisited(self, unvisited: Any, visited: set[str]) -> None:
        if not isinstance(unvisited, list):
            self.fail("unvisited", "is missing or not an array")
            return
        for index, entry in enumerate(unvisited):
            path = f"unvisited[{index}]"
            if not isinstance(entry, Mapping) or not all(isinstance(entry.get(k), str) for k in ("place", "reason")):
                self.fail(path, "needs place, name and reason")
                continue
            if not entry["reason"].strip():
                self.fail(path, "has an empty reason")
            if entry["place"] in visited:
                self.fail(path, f"place {entry['place']!r} is listed as unvisited but is visited")

    # -- a day

    def check_day(self, day: Mapping[str, Any], path: str, where: _Where | None, *, last: bool) -> _Where | None:
        """Check one day, starting at ``where``; return where the delegation is at the end of it."""
        items = day.get("items")
        if not isinstance(items, list):
            self.fail(f"{path}.items", "is missing or not an array")
            items = []
        for key in ("sunrise", "sunset"):
            if day.get(key) is not None:
                self.time(day[key], f"{path}.{key}")
        previous_end: datetime | None = None
        previous_path = ""
        for index, item in enumerate(items):
            item_path = f"{path}.items[{index}]"
            if not isinstance(item, Mapping):
                self.fail(item_path, "is not an object")
                continue
            start, end = self.check_times(item, item_path, day.get("date"))
            if start is not None and previous_end is not None and start < previous_end:
                self.fail(item_path, f"starts at {item['start']}, before {previous_path} ends (items overlap)")
            if start is not None and end is not None:
                previous_end, previous_path = end, item_path
            where = self.check_place(item, item_path, where, start, end)
        if "night" not in day:
            self.fail(f"{path}.night", "is missing")
            return where
        night = day["night"]
        if night is None:
            if not last:
                self.fail(f"{path}.night", "is null on a day that is not the last")
            return None
        night_point = self.point(night, f"{path}.night")
        if night_point is None:
            return where
        if where is not None and not where.same_as(night_point):
            self.fail(f"{path}.night", f"is at {night_point}, but the day ends at {where} (no travel to the night)")
        return night_point

    def check_times(self, item: Mapping[str, Any], path: str, day: Any) -> tuple[datetime | None, datetime | None]:
        start = self.time(item.get("start"), f"{path}.start")
        end = self.time(item.get("end"), f"{path}.end")
        if start is not None and end is not None and end < start:
            self.fail(path, f"ends at {item['end']}, before it starts at {item['start']}")
        if start is not None and isinstance(day, str) and start.date().isoformat() != day:
            self.fail(f"{path}.start", f"is on {start.date()}, not on the day's date {day}")
        if item.get("type") not in ITEM_TYPES:
            self.fail(f"{path}.type", f"is {item.get('type')!r}, not one of {', '.join(ITEM_TYPES)}")
        if item.get("type") in VALUED_TYPES:
            self.check_window(item, path, start, end)
        return start, end

    def check_window(self, item: Mapping[str, Any], path: str, start: datetime | None, end: datetime | None) -> None:
        window = item.get("window")
        if not isinstance(window, list) or len(window) != 2:
            self.fail(f"{path}.window", "is missing or not [open, close]")
            return
        opening = self.time(window[0], f"{path}.window[0]")
        closing = self.time(window[1], f"{path}.window[1]")
        if opening is None or closing is None:
            return
        if closing < opening:
            self.fail(f"{path}.window", "closes before it opens")
        if start is not None and start < opening:
            self.fail(path, f"starts at {item['start']}, before its window opens at {window[0]}")
        if end is not None and end > closing:
            self.fail(path, f"ends at {item['end']}, after its window closes at {window[1]}")

    def check_place(
        self,
        item: Mapping[str, Any],
        path: str,
        where: _Where | None,
        start: datetime | None,
        end: datetime | None,
    ) -> _Where | None:
        """Check that the item happens where the delegation is; return where it is afterwards."""
        kind = item.get("type")
        if kind == "travel":
            origin = self.point(item.get("from"), f"{path}.from")
            destination = self.point(item.get("to"), f"{path}.to")
            km = item.get("km")
            if km is not None and (_number(km) is None or (_number(km) or 0.0) < 0):
                self.fail(f"{path}.km", f"is {km!r}, not a distance")
            if item.get("mode") not in ("drive", "flight", "walk", "transfer", "ferry"):
                self.fail(f"{path}.mode", f"is {item.get('mode')!r}")
            if "source" in item and item["source"] not in SOURCES:
                self.fail(f"{path}.source", f"is {item['source']!r}, not one of {', '.join(SOURCES)}")
            buffer = item.get("buffer_min")
            if buffer is not None and (
                not isinstance(buffer, int) or buffer < 0
                or (start is not None and end is not None and buffer > (end - start).total_seconds() / 60)
            ):  # fmt: skip
                self.fail(f"{path}.buffer_min", f"is {buffer!r}, not minutes within the leg")
            if origin is not None and where is not None and not where.same_as(origin):
                self.fail(f"{path}.from", f"is {origin}, but the delegation is at {where} (teleport)")
            self.check_offset(start, origin, f"{path}.start")
            self.check_offset(end, destination, f"{path}.end")
            return destination or where
        if kind in VALUED_TYPES:
            here = self.valued_point(item, path)
            if here is None:
                return where
            if where is not None and not where.same_as(here):
                self.fail(path, f"{kind} at {here}, but the delegation is at {where} with no travel there (teleport)")
            self.check_offset(start, here, f"{path}.start")
            self.check_offset(end, here, f"{path}.end")
            window = item.get("window")
            if isinstance(window, list):
                for index, moment in enumerate(window):
                    self.check_offset(self.time(moment, None), here, f"{path}.window[{index}]")
            return here
        if kind == "break":
            if "kind" in item and item["kind"] not in BREAK_KINDS:
                self.fail(f"{path}.kind", f"is {item['kind']!r}, not one of {', '.join(BREAK_KINDS)}")
            place = item.get("place")
            if isinstance(place, str) and where is not None and not where.same_as(_Where(place)):
                self.fail(path, f"break at {place!r}, but the delegation is at {where} (teleport)")
            self.check_offset(start, where, f"{path}.start")
            self.check_offset(end, where, f"{path}.end")
        return where

    # -- values

    def time(self, value: Any, path: str | None) -> datetime | None:
        """The time ``value`` as an aware datetime, or ``None`` (reported at ``path`` if it is not ``None``)."""
        try:
            moment = datetime.fromisoformat(value)
        except (TypeError, ValueError):
            if path is not None:
                self.fail(path, f"{value!r} is not an ISO 8601 time")
            return None
        if moment.utcoffset() is None:
            if path is not None:
                self.fail(path, f"{value!r} has no UTC offset")
            return None
        return moment

    def point(self, value: Any, path: str) -> _Where | None:
        if not isinstance(value, Mapping) or not isinstance(value.get("place"), str):
            self.fail(path, "is not a point {place, name, lat, lon}")
            return None
        lat, lon = _number(value.get("lat")), _number(value.get("lon"))
        if lat is None or lon is None:
            self.fail(path, "has no lat and lon")
        point = _Where(value["place"], lat, lon)
        self.check_catalogue_point(point, path)
        return point

    def valued_point(self, item: Mapping[str, Any], path: str) -> _Where | None:
        place = item.get("place")
        if not isinstance(place, str):
            self.fail(f"{path}.place", "is missing or not a string")
            return None
        if _number(item.get("value")) is None:
            self.fail(f"{path}.value", "is missing or not a number")
        for key in ("name", "state", "lat", "lon"):
            if key not in item:
                self.fail(f"{path}.{key}", "is missing")
        here = _Where(place, _number(item.get("lat")), _number(item.get("lon")))
        self.check_catalogue_point(here, path)
        if self.catalogue is not None and self.catalogue.has_place(place):
            entry = self.catalogue.place(place)
            state = self.catalogue.state(entry.state)
            expected_state = state.code if state.is_mexican else None
            if item.get("state") != expected_state:
                self.fail(f"{path}.state", f"is {item.get('state')!r}, but {place!r} is in {expected_state!r}")
        return here

    # -- against the catalogue

    def check_catalogue_point(self, point: _Where, path: str) -> None:
        if self.catalogue is None or point.place is None:
            return
        if not self.catalogue.has_place(point.place):
            self.fail(path, f"place {point.place!r} is not in the catalogue")
            return
        location = self.catalogue.place(point.place).location
        if location is None or point.lat is None or point.lon is None:
            return
        if abs(location.lat - point.lat) > COORDINATE_TOLERANCE or abs(location.lon - point.lon) > COORDINATE_TOLERANCE:
            self.fail(path, f"is at {point.lat}, {point.lon}, but the catalogue has {location.lat}, {location.lon}")

    def check_offset(self, moment: datetime | None, point: _Where | None, path: str) -> None:
        """Check that ``moment`` is written in the offset its place's time zone has at that instant."""
        if self.catalogue is None or moment is None or point is None or point.place is None:
            return
        if not self.catalogue.has_place(point.place):
            return
        name = self.catalogue.time_zone_of(self.catalogue.place(point.place))
        expected = moment.astimezone(zone(name)).utcoffset()
        if moment.utcoffset() != expected:
            self.fail(
                path,
                f"{moment.isoformat()} has offset {_offset(moment.utcoffset())}, but {point} ({name}) is at "
                f"{_offset(expected)} then",
            )


def _offset(delta: timedelta | None) -> str:
    if delta is None:
        return "none"
    minutes = int(delta.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
