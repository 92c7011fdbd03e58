"""The travel cache (scout/io/travel_cache.py), RoutedTime (scout/model/catalogue.py) and the merge of routed
times into the catalogue on load (scout/io/catalogue.py), on tiny data with no network."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from scout.errors import InputError
from scout.io.catalogue import parse_catalogue
from scout.io.travel_cache import cache_path, parse_travel_cache, read_travel_cache, write_travel_cache
from scout.model import Catalogue, Coordinates, RoutedTime
from scout.model.catalogue import same_point
from tests.conftest import small_catalogue_data

WHEN = datetime(2024, 6, 3, 16, 20, 5, tzinfo=UTC)
GUADALAJARA = Coordinates(20.6767, -103.3475)
TEQUILA = Coordinates(20.8822, -103.8369)


def routed(origin: str = "guadalajara-centro", destination: str = "tequila", **changes: object) -> RoutedTime:
    entry = RoutedTime(origin, destination, 4351.2 / 60, 72.5149, "osrm", GUADALAJARA, TEQUILA, WHEN)
    return replace(entry, **changes)


def test_the_cache_beside_the_catalogue() -> None:
    assert cache_path(Path("data") / "locations.yaml") == Path("data") / "travel-cache.yaml"


def test_a_written_cache_reads_back_rounded_and_is_the_same_text_each_time(tmp_path: Path) -> None:
    path = tmp_path / "travel-cache.yaml"
    back = routed("tequila", "guadalajara-centro", origin_point=TEQUILA, destination_point=GUADALAJARA)
    write_travel_cache(path, [routed(), back])
    text = path.read_bytes()
    write_travel_cache(path, [back, routed()])  # order does not matter: entries are sorted by (from, to)
    assert path.read_bytes() == text
    assert text.decode("utf-8").splitlines()[2:12] == [
        "version: 1",
        "entries:",
        "- from: guadalajara-centro",
        "  to: tequila",
        "  minutes: 72.5",  # 4351.2 s = 72.52 min, to 0.1
        "  km: 72.51",
        "  router: osrm",
        "  time: '2024-06-03T16:20:05+00:00'",
        "  from_point:",
        "    lat: 20.6767",
    ]
    assert text.startswith(b"# Road travel times between the places of the catalogue beside this file")
    entries = read_travel_cache(path)
    assert entries == (replace(routed(), minutes=72.5, km=72.51), replace(back, minutes=72.5, km=72.51))


def test_no_file_is_no_entry(tmp_path: Path) -> None:
    assert read_travel_cache(tmp_path / "travel-cache.yaml") == ()
    assert parse_travel_cache(None) == ()


def test_every_problem_of_a_damaged_cache_is_reported_at_once(tmp_path: Path) -> None:
    path = tmp_path / "travel-cache.yaml"
    path.write_text(
        "version: 1\n"
        "entries:\n"
        "- from: gdl\n"
        "  to: gdl\n"  # 4: the same place
        "  minutes: 10\n"
        "  km: 5\n"
        "  router: osrm\n"
        "  time: '2024-06-03T16:20:05+00:00'\n"
        "  from_point: {lat: 20.5, lon: -103.3}\n"
        "  to_point: {lat: 20.5, lon: -103.3}\n"
        "- from: gdl\n"
        "  to: tequila\n"
        "  minutes: -3\n"  # 13: negative
        "  km: 70\n"
        "  router: googlemaps\n"  # 15: unknown
        "  time: '2024-06-03 16:20'\n"  # 16: no offset
        "  from_point: {lat: 95, lon: -103.3}\n"  # 17: out of range
        "  speed: 3\n",  # 18: unknown key; to_point missing
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        read_travel_cache(path)
    lines = [str(problem).removeprefix(str(path)) for problem in caught.value.problems]
    assert lines[0] == ": the travel cache is not as scout writes it; delete the file and run scout travel again"
    located = "\n".join(lines[1:])
    for expected in (
        ":4:7: to of travel cache entry 'gdl' to 'gdl': is the same place as 'from'",
        ":11:3: missing key 'to_point' in travel cache entry 'gdl' to 'tequila'",
        ":13:12: minutes of travel cache entry 'gdl' to 'tequila': -3 is out of range",
        ":15:11: router of travel cache entry 'gdl' to 'tequila': unknown value 'googlemaps'",
        ":16:9: time of travel cache entry 'gdl' to 'tequila': text '2024-06-03 16:20' is not valid",
        ":17:21: lat of from_point of travel cache entry 'gdl' to 'tequila': 95 is out of range",
        ":18:3: unknown key 'speed' in travel cache entry 'gdl' to 'tequila'",
    ):
        assert expected in located, expected


def test_an_unknown_version_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        parse_travel_cache({"version": 2, "entries": []}, "travel-cache.yaml")
    assert "version of the travel cache: 2 is not known; expected version 1" in str(caught.value.problems[0])


def test_a_routed_time_is_checked_at_construction() -> None:
    with pytest.raises(ValueError, match="two different places"):
        routed("tequila", "tequila")
    with pytest.raises(ValueError, match="minutes"):
        routed(minutes=float("nan"))
    with pytest.raises(ValueError, match="unknown router"):
        routed(router="google")
    with pytest.raises(ValueError, match="timezone-aware"):
        routed(time=datetime(2024, 6, 3, 16, 20))


def test_a_point_moved_by_more_than_a_metre_is_another_point() -> None:
    assert same_point(TEQUILA, Coordinates(20.882205, -103.8369))  # 0.56 m north
    assert not same_point(TEQUILA, Coordinates(20.88221, -103.8369))  # 1.1 m north
    assert same_point(TEQUILA, Coordinates(20.8822, -103.836909))  # 0.94 m east (cos 20.9° × 1.0 m)
    assert routed().applies(GUADALAJARA, TEQUILA) and not routed().applies(TEQUILA, GUADALAJARA)


def test_loading_keeps_the_routed_times_of_places_still_where_they_were_routed() -> None:
    moved = routed("tijuana-centro", "rosarito", origin_point=Coordinates(32.5325, -117.0189),
                   destination_point=Coordinates(32.40, -117.0545))  # fmt: skip  # rosarito is at 32.3637
    gone = routed("guadalajara-centro", "chapala", destination_point=Coordinates(20.29, -103.19))
    stands = routed()
    catalogue = parse_catalogue(small_catalogue_data(), "small.yaml", routed=[moved, gone, stands])
    assert catalogue.routed == (stands,)
    assert parse_catalogue(small_catalogue_data(), "small.yaml").routed == ()


def test_the_catalogue_refuses_routed_times_of_unknown_places(catalogue: Catalogue) -> None:
    with pytest.raises(ValueError, match="unknown place 'chapala'"):
        replace(catalogue, routed=(routed("guadalajara-centro", "chapala"),))
    with pytest.raises(ValueError, match="unique"):
        replace(catalogue, routed=(routed(), routed()))
    assert replace(catalogue, routed=(routed(),)).routed == (routed(),)
