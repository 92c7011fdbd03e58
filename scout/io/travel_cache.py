"""The travel cache: what ``scout travel`` learnt, kept in ``travel-cache.yaml`` beside the catalogue.

The catalogue is edited by hand and never written by ``scout``; the routing engine's road times live here
instead, and the catalogue loader merges them (:func:`scout.io.catalogue.load_catalogue`). Each entry is
one answer for one ordered pair of places::

    version: 1
    entries:
    - from: guadalajara-centro
      to: tequila
      minutes: 61.3            # free-flow driving time, to 0.1 minute
      km: 68.35                # road distance, to 0.01 km
      router: osrm
      time: '2024-06-03T16:20:05+00:00'
      from_point:              # the points routed
        lat: 20.6767
        lon: -103.3475
      to_point:
        lat: 20.8822
        lon: -103.8369

An entry applies while both places still stand at the points routed. The file is written atomically,
entries in (from, to) order, so it is the same text for the same answers and diffs well under version
control.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from scout.errors import Problem
from scout.io.fields import Fields, Report, type_name
from scout.io.files import write_atomically
from scout.io.values import parse_aware_time
from scout.io.yamlfile import dump_yaml, mark_of, read_yaml
from scout.model import Coordinates, RoutedTime
from scout.model.catalogue import ROUTER_NAMES

CACHE_NAME = "travel-cache.yaml"
VERSION = 1
HEADER = (
    "# Road travel times between the places of the catalogue beside this file, written by `scout travel`; do not\n"
    "# edit. Times are free-flow (no traffic). Deleting this file only means asking the routing engine again.\n"
)
ENTRY_KEYS = ("from", "to", "minutes", "km", "router", "time", "from_point", "to_point")
POINT_KEYS = ("lat", "lon")
MAX_MINUTES = 7 * 24 * 60  # a week: more is no road time between two places of one country
MAX_KM = 20_000.0
HINT = "delete the file and run scout travel again"


def cache_path(catalogue: Path) -> Path:
    """Where the travel cache of the catalogue at ``catalogue`` is kept: the same folder."""
    return catalogue.parent / CACHE_NAME


def read_travel_cache(path: Path, display: str | None = None) -> tuple[RoutedTime, ...]:
    """The entries of the cache at ``path``; none when there is no such file yet.

    Raises
    ------
    InputError
        When the file exists but cannot be read or is not a cache as :mod:`scout` writes it; with every
        problem, each at its file:line:column.
    """
    if not path.exists():
        return ()
    name = display or str(path)
    return parse_travel_cache(read_yaml(path, name), name)


def parse_travel_cache(data: Any, file: str | None = None) -> tuple[RoutedTime, ...]:
    """Validate cache data (as read from YAML); a later entry for the same ordered pair wins."""
    report = Report(file)
    if data is None:
        return ()
    if not isinstance(data, Mapping):
        report.add(mark_of(data), f"the travel cache is {type_name(data)}", "a mapping with 'version' and 'entries'")
        report.raise_if_any()
    top = Fields(report, data, "the travel cache", ("version", "entries"), required=("version",))
    version = top.integer("version")
    if version is not None and version != VERSION:
        top.error("version", f"{version} is not known", f"version {VERSION}", HINT)
        report.raise_if_any()
    entries: dict[tuple[str, str], RoutedTime] = {}
    for item, mark in top.items("entries"):
        entry = _entry(report, item, mark)
        if entry is not None:
            entries[entry.origin, entry.destination] = entry
    if report.problems:
        report.problems.append(Problem(file, None, None, "the travel cache is not as scout writes it", None, HINT))
    report.raise_if_any()
    return tuple(entries.values())


def _entry(report: Report, item: Any, mark: Any) -> RoutedTime | None:
    if not isinstance(item, Mapping):
        report.add(mark, f"an entry of the travel cache is {type_name(item)}", "a mapping")
        return None
    context = f"travel cache entry {item.get('from')!r} to {item.get('to')!r}"
    f = Fields(report, item, context, ENTRY_KEYS, required=ENTRY_KEYS)
    origin, destination = f.text("from"), f.text("to")
    minutes = f.number("minutes", low=0, high=MAX_MINUTES)
    km = f.number("km", low=0, high=MAX_KM)
    router = f.choice("router", ROUTER_NAMES)
    time = f.parsed("time", parse_aware_time)
    origin_point = _point(report, f, "from_point", context)
    destination_point = _point(report, f, "to_point", context)
    if origin is not None and origin == destination:
        f.error("to", "is the same place as 'from'", "two different places")
        return None
    if None in (origin, destination, minutes, km, router, time, origin_point, destination_point):
        return None
    assert origin and destination and minutes is not None and km is not None and router and time  # narrowed above
    assert origin_point is not None and destination_point is not None
    return RoutedTime(origin, destination, minutes, km, router, origin_point, destination_point, time)


def _point(report: Report, f: Fields, key: str, context: str) -> Coordinates | None:
    table = f.mapping(key)
    if table is None:
        return None
    p = Fields(report, table, f"{key} of {context}", POINT_KEYS, required=POINT_KEYS, at=f.value_mark(key))
    lat, lon = p.number("lat", low=-90, high=90), p.number("lon", low=-180, high=180)
    if lat is None or lon is None:
        return None
    return Coordinates(lat, lon)


def travel_cache_text(entries: Iterable[RoutedTime]) -> str:
    """The cache file's text: a header, then the entries by (from, to), minutes to 0.1 and km to 0.01."""
    ordered = sorted(entries, key=lambda entry: (entry.origin, entry.destination))
    document = {"version": VERSION, "entries": [_entry_data(entry) for entry in ordered]}
    return HEADER + dump_yaml(document)


def _entry_data(entry: RoutedTime) -> dict[str, Any]:
    # round() gives the nearest float, which YAML writes as its shortest repr: 61.3, never 61.300000000000004.
    return {
        "from": entry.origin,
        "to": entry.destination,
        "minutes": round(entry.minutes, 1),
        "km": round(entry.km, 2),
        "router": entry.router,
        "time": entry.time.isoformat(timespec="seconds"),
        "from_point": {"lat": entry.origin_point.lat, "lon": entry.origin_point.lon},
        "to_point": {"lat": entry.destination_point.lat, "lon": entry.destination_point.lon},
    }


def write_travel_cache(path: Path, entries: Iterable[RoutedTime]) -> None:
    """Replace the cache at ``path`` with ``entries``, atomically: a failure leaves the old file whole."""
    write_atomically(path, travel_cache_text(entries).encode("utf-8"))
