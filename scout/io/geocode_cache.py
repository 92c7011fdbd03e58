"""The geocode cache: what ``scout geocode`` learnt, kept in ``geocode-cache.yaml`` beside the catalogue.

The catalogue is edited by hand and never written by ``scout``; geocoded points live here instead, and
the catalogue loader merges them (:func:`scout.io.catalogue.load_catalogue`). Each entry is one answer
for one place's address::

    version: 1
    entries:
    - place: cinema-maquina
      query: Mazatlán 20, Col. Condesa, Ciudad de México
      provider: nominatim
      time: '2024-06-03T16:20:05+00:00'
      status: found            # found, ambiguous, not-found or outside-state
      results:
      - lat: 19.41153
        lon: -99.17204
        label: 20, Calle Mazatlán, Condesa, Cuauhtémoc, Ciudad de México, 06140, México

An entry applies while the place's address is still ``query``. The file is written atomically, entries in
place-id order, so it is the same text for the same answers and diffs well under version control.
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
from scout.model import Coordinates
from scout.model.catalogue import GeocodedAddress, GeocodeMatch, GeocodeStatus

CACHE_NAME = "geocode-cache.yaml"
VERSION = 1
HEADER = (
    "# Geocoded addresses of the catalogue beside this file, written by `scout geocode`; do not edit.\n"
    "# To fix a place's point, give it lat and lon in the catalogue. Deleting this file only means asking again.\n"
)
ENTRY_KEYS = ("place", "query", "provider", "time", "status", "results")
RESULT_KEYS = ("lat", "lon", "label")
STATUSES = tuple(status.value for status in GeocodeStatus)


def cache_path(catalogue: Path) -> Path:
    """Where the geocode cache of the catalogue at ``catalogue`` is kept: the same folder."""
    return catalogue.parent / CACHE_NAME


def read_geocode_cache(path: Path, display: str | None = None) -> tuple[GeocodedAddress, ...]:
    """The entries of the cache at ``path``; none when there is no such file yet.

    Raises
    ------
    InputError
        When the file exists but cannot be read or is not a cache as :mod:`scout` writes it.
    """
    if not path.exists():
        return ()
    name = display or str(path)
    return parse_geocode_cache(read_yaml(path, name), name)


def parse_geocode_cache(data: Any, file: str | None = None) -> tuple[GeocodedAddress, ...]:
    """Validate cache data (as read from YAML); a later entry for the same place and query wins."""
    report = Report(file)
    hint = "delete the file and run scout geocode again"
    if data is None:
        return ()
    if not isinstance(data, Mapping):
        report.add(mark_of(data), f"the geocode cache is {type_name(data)}", "a mapping with 'version' and 'entries'")
        report.raise_if_any()
    top = Fields(report, data, "the geocode cache", ("version", "entries"), required=("version",))
    version = top.integer("version")
    if version is not None and version != VERSION:
        top.error("version", f"{version} is not known", f"version {VERSION}", hint)
        report.raise_if_any()
    entries: dict[tuple[str, str], GeocodedAddress] = {}
    for item, mark in top.items("entries"):
        entry = _entry(report, item, mark)
        if entry is not None:
            entries[entry.place, entry.query] = entry
    if report.problems:
        report.problems.append(Problem(file, None, None, "the geocode cache is not as scout writes it", None, hint))
    report.raise_if_any()
    return tuple(entries.values())


def _entry(report: Report, item: Any, mark: Any) -> GeocodedAddress | None:
    if not isinstance(item, Mapping):
        report.add(mark, f"an entry of the geocode cache is {type_name(item)}", "a mapping")
        return None
    context = f"geocode cache entry {item.get('place')!r}"
    f = Fields(report, item, context, ENTRY_KEYS, required=("place", "query", "provider", "time", "status"))
    place, query, provider = f.text("place"), f.text("query"), f.text("provider")
    status = f.choice("status", STATUSES)
    time = f.parsed("time", parse_aware_time)
    matches: list[GeocodeMatch] = []
    for result, result_mark in f.items("results"):
        if not isinstance(result, Mapping):
            report.add(result_mark, f"a result of {context} is {type_name(result)}", "a mapping of lat, lon, label")
            continue
        r = Fields(report, result, f"a result of {context}", RESULT_KEYS, required=("lat", "lon"))
        lat, lon = r.number("lat", low=-90, high=90), r.number("lon", low=-180, high=180)
        if lat is not None and lon is not None:
            matches.append(GeocodeMatch(Coordinates(lat, lon), r.text("label") or ""))
    if place is None or query is None or provider is None or status is None or time is None:
        return None
    if status == GeocodeStatus.FOUND and not matches:
        f.error("results", "are missing", "at least one result for a found address")
        return None
    return GeocodedAddress(place, query, provider, GeocodeStatus(status), tuple(matches), time)


def geocode_cache_text(entries: Iterable[GeocodedAddress]) -> str:
    """The cache file's text: a header, then the entries by place id and query."""
    ordered = sorted(entries, key=lambda entry: (entry.place, entry.query))
    document = {"version": VERSION, "entries": [_entry_data(entry) for entry in ordered]}
    return HEADER + dump_yaml(document)


def _entry_data(entry: GeocodedAddress) -> dict[str, Any]:
    return {
        "place": entry.place,
        "query": entry.query,
        "provider": entry.provider,
        "time": entry.time.isoformat(timespec="seconds"),
        "status": entry.status.value,
        "results": [
            {"lat": match.location.lat, "lon": match.location.lon, "label": match.label} for match in entry.matches
        ],
    }


def write_geocode_cache(path: Path, entries: Iterable[GeocodedAddress]) -> None:
    """Replace the cache at ``path`` with ``entries``, atomically: a failure leaves the old file whole."""
    write_atomically(path, geocode_cache_text(entries).encode("utf-8"))
