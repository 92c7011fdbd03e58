"""Where places lie: the outside-its-state check, what geocoder answers mean, the cache and its merge."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from scout.cli import app
from scout.errors import InputError
from scout.geo.geocode import classify, to_geocode
from scout.geo.placement import OFFSHORE_TOLERANCE_KM, TOLERANCE_KM, misplacement, outside_its_state
from scout.io.catalogue import load_catalogue, parse_catalogue
from scout.io.geocode_cache import geocode_cache_text, parse_geocode_cache
from scout.io.yamlfile import parse_yaml
from scout.model import Coordinates, Kind, Place
from scout.model.catalogue import GeocodedAddress, GeocodeMatch, GeocodeStatus
from tests.conftest import small_catalogue_data

ROOT = Path(__file__).resolve().parent.parent
WHEN = datetime(2024, 6, 3, 16, 20, 5, tzinfo=UTC)
runner = CliRunner()


# -- outside its state ----------------------------------------------------------------------------------


def test_the_shipped_catalogue_has_no_place_outside_its_state() -> None:
    catalogue = load_catalogue(ROOT / "data" / "locations.yaml")
    states = {state.code: state for state in catalogue.states}
    flagged = [problem for place in catalogue.places for problem in outside_its_state(place, states)]
    assert flagged == []
    result = runner.invoke(app, ["validate", str(ROOT / "data" / "locations.yaml")])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("lat", "lon", "state", "approx", "flagged"),
    [
        (19.4326, -99.1332, "Ciudad de México", False, False),  # the Zócalo
        (21.256569, -86.746091, "Quintana Roo", False, False),  # Isla Mujeres: 0.2 km out (islet left out)
        (20.214132, -87.429157, "Quintana Roo", False, False),  # Tulum's cliff-top: 0.4 km out
        (27.79222, -114.22778, "Baja California Sur", False, False),  # Guerrero Negro lagoon: 5.4 km offshore
        (28.7417, -112.98347, "Baja California", True, False),  # gulf islands, approx: 7.2 km offshore
        (20.8822, -103.8369, "Ciudad de México", False, True),  # Tequila, Jalisco
        (20.8822, -103.8369, "Ciudad de México", True, True),  # approx gives 10 km more, not 500
        (33.9425, -118.408, "Baja California", False, True),  # LAX: abroad
    ],
)
def test_points_clearly_outside_their_state_are_flagged(
    lat: float, lon: float, state: str, approx: bool, flagged: bool
) -> None:
    assert (misplacement(Coordinates(lat, lon), state, approx=approx) is not None) is flagged


def test_a_point_in_a_neighbouring_state_gets_less_tolerance_than_one_at_sea() -> None:
    # Tequila lies in Jalisco, about 54 km from Nayarit's outline; at sea a few km more would be allowed.
    found = misplacement(Coordinates(20.8822, -103.8369), "Nayarit")
    assert found is not None and found.lies_in is not None and found.lies_in.short_name == "Jalisco"
    assert found.tolerance_km == TOLERANCE_KM < OFFSHORE_TOLERANCE_KM
    assert misplacement(Coordinates(19.0, -99.0), "California") is None  # no outline: not checked


# -- what an answer means -------------------------------------------------------------------------------


def _place(**fields: Any) -> Place:
    values: dict[str, Any] = {"id": "p", "name": "P", "state": "JAL", "kind": Kind.HOTEL, "location": None,
                              "sources": ("s",), "address": "Calle Morelos 100, Jalisco"}  # fmt: skip
    return Place(**(values | fields))


def _match(lat: float, lon: float, label: str = "") -> GeocodeMatch:
    return GeocodeMatch(Coordinates(lat, lon), label)


@pytest.mark.parametrize(
    ("matches", "status", "kept"),
    [
        ([], GeocodeStatus.NOT_FOUND, 0),
        ([_match(20.6761, -103.3470)], GeocodeStatus.FOUND, 1),
        # A building as a node and as a way, 150 m apart: one place.
        ([_match(20.6761, -103.3470), _match(20.6770, -103.3480)], GeocodeStatus.FOUND, 2),
        # Guadalajara and Tlaquepaque, 5 km apart: the officer picks.
        ([_match(20.6761, -103.3470), _match(20.6405, -103.3118)], GeocodeStatus.AMBIGUOUS, 2),
        # One in Jalisco, one in Pachuca: the one in Jalisco is the answer.
        ([_match(20.1235, -98.7363), _match(20.6761, -103.3470)], GeocodeStatus.FOUND, 1),
        ([_match(20.1235, -98.7363)], GeocodeStatus.OUTSIDE_STATE, 1),
    ],
)
def test_answers_are_found_ambiguous_not_found_or_outside_the_state(
    matches: list[GeocodeMatch], status: GeocodeStatus, kept: int
) -> None:
    entry = classify(_place(), "Jalisco", matches, "nominatim", WHEN)
    assert entry.status is status
    assert len(entry.matches) == kept
    assert (entry.location is not None) is (status is GeocodeStatus.FOUND)


# -- the cache and the merge ----------------------------------------------------------------------------


def _entry(place: str, query: str, status: GeocodeStatus = GeocodeStatus.FOUND) -> GeocodedAddress:
    matches = (_match(32.5, -117.0, "Tijuana"),) if status is not GeocodeStatus.NOT_FOUND else ()
    return GeocodedAddress(place, query, "nominatim", status, matches, WHEN)


def test_the_cache_text_round_trips_and_is_the_same_for_the_same_answers() -> None:
    entries = [
        _entry("b", "Calle 2"),
        _entry("a", "Avenida Juárez 1, Tijuana", GeocodeStatus.NOT_FOUND),
        _entry("a", "Calle Ñandú 3", GeocodeStatus.AMBIGUOUS),
    ]
    text = geocode_cache_text(entries)
    assert text == geocode_cache_text(reversed(entries))
    assert parse_geocode_cache(parse_yaml(text, "cache"), "cache") == tuple(
        sorted(entries, key=lambda e: (e.place, e.query))
    )
    assert "query: Calle Ñandú 3\n" in text and "time: '2024-06-03T16:20:05+00:00'\n" in text


def test_a_cache_entry_fills_only_a_place_with_that_very_address_and_no_coordinates() -> None:
    data = small_catalogue_data()
    data["places"].append({"id": "studio", "name": "Studio", "state": "BC", "kind": "studio",
                           "address": "Blvd. Agua Caliente 1, Tijuana", "source": "inegi"})  # fmt: skip
    data["places"].append({"id": "office", "name": "Office", "state": "BC", "kind": "organization",
                           "address": "Calle 2", "lat": 32.53, "lon": -117.02, "source": "inegi"})  # fmt: skip
    found = _entry("studio", "Blvd. Agua Caliente 1, Tijuana")
    merged = parse_catalogue(copy.deepcopy(data), "c.yaml", geocoded=[found, _entry("office", "Calle 2")])
    studio = merged.place("studio")
    assert studio.geocoded and studio.location == Coordinates(32.5, -117.0)
    assert merged.place("office").location == Coordinates(32.53, -117.02)  # the catalogue wins
    assert not merged.place("office").geocoded

    moved = parse_catalogue(copy.deepcopy(data), "c.yaml", geocoded=[_entry("studio", "Blvd. Agua Caliente 9")])
    assert moved.place("studio").location is None  # the address changed: geocode it again
    ambiguous = _entry("studio", "Blvd. Agua Caliente 1, Tijuana", GeocodeStatus.AMBIGUOUS)
    assert parse_catalogue(copy.deepcopy(data), "c.yaml", geocoded=[ambiguous]).place("studio").location is None


def test_geocoded_coordinates_outside_the_state_are_reported_at_the_address(tmp_path: Path) -> None:
    data = small_catalogue_data()
    data["places"].append({"id": "studio", "name": "Studio", "state": "BC", "kind": "studio",
                           "address": "Calle 1", "source": "inegi"})  # fmt: skip
    text = yaml.safe_dump(data)
    document = parse_yaml(text, "c.yaml")
    far = GeocodedAddress("studio", "Calle 1", "nominatim", GeocodeStatus.FOUND, (_match(20.88, -103.84),), WHEN)
    with pytest.raises(InputError) as caught:
        parse_catalogue(document, "c.yaml", geocoded=[far], check=outside_its_state)
    (problem,) = caught.value.problems
    assert problem.line is not None and text.splitlines()[problem.line - 1].strip().startswith("- address: Calle 1")
    assert "outside Baja California (in Jalisco)" in problem.what
    assert problem.hint == "the point was geocoded from the address: correct the address, or give lat and lon"


def test_what_to_geocode() -> None:
    data = small_catalogue_data()
    data["places"].append({"id": "studio", "name": "Studio", "state": "BC", "kind": "studio",
                           "address": "Calle 1", "source": "inegi"})  # fmt: skip
    data["places"].append({"id": "office", "name": "Office", "state": "BC", "kind": "organization",
                           "address": "Calle 2", "lat": 32.53, "lon": -117.02, "source": "inegi"})  # fmt: skip
    catalogue = parse_catalogue(data)
    cached = [_entry("studio", "Calle 1", GeocodeStatus.NOT_FOUND)]
    assert [p.id for p in to_geocode(catalogue, [])[0]] == ["studio"]
    assert to_geocode(catalogue, cached) == ([], cached)
    assert [p.id for p in to_geocode(catalogue, cached, refresh=True)[0]] == ["studio"]
    assert [p.id for p in to_geocode(catalogue, cached, check=True)[0]] == ["office"]


# -- the planner skips places without coordinates ------------------------------------------------------


def test_plan_skips_a_place_still_missing_coordinates_and_says_why(tmp_path: Path) -> None:
    data = small_catalogue_data()
    data["places"].append({"id": "agua-caliente", "name": "Agua Caliente racetrack", "state": "BC",
                           "kind": "landmark", "address": "Blvd. Agua Caliente 12027, Tijuana",
                           "source": "inegi"})  # fmt: skip
    catalogue = tmp_path / "locations.yaml"
    catalogue.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    trip = tmp_path / "trip.yaml"
    trip.write_text(yaml.safe_dump({"name": "Small", "start": "2024-09-23", "days": 2, "origin": "lax",
                                    "states": {"count": 1, "include": ["BC"]},
                                    "schedule": {"start": "07:30", "end": "20:00", "max_travel": "8h"}}),
                    encoding="utf-8")  # fmt: skip
    result = runner.invoke(app, ["plan", str(trip), "--out", str(tmp_path / "out"), "--data", str(catalogue)],
                           env={"COLUMNS": "250"})  # fmt: skip
    assert result.exit_code == 0, result.output
    itinerary = json.loads((tmp_path / "out" / "itinerary.json").read_text(encoding="utf-8"))
    skipped = [u for u in itinerary["unvisited"] if u["place"] == "agua-caliente"]
    assert [u["reason"] for u in skipped] == ["no coordinates yet: run scout geocode"]
    assert "no coordinates yet: run scout geocode" in result.output
