"""The GeoJSON export: RFC 7946 structure, coordinate order, and every visit and leg where the itinerary puts it."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from datetime import date
from typing import Any

from scout.model.itinerary import Day, Item, ItemType, Itinerary
from scout.render.geojson import geojson_text, render_geojson
from tests.samples import sample_itinerary


def items(itinerary: Itinerary) -> list[Item]:
    return [item for day in itinerary.days for item in day.items]


def features(itinerary: Itinerary, type_: str) -> list[dict[str, Any]]:
    return [f for f in render_geojson(itinerary)["features"] if f["properties"]["type"] == type_]


def check_position(position: Any) -> None:
    """RFC 7946 §3.1.1: [longitude, latitude], both numbers, in range (no altitude here)."""
    assert isinstance(position, list) and len(position) == 2, position
    lon, lat = position
    assert all(isinstance(n, float | int) and not isinstance(n, bool) and math.isfinite(n) for n in position)
    assert -180 <= lon <= 180 and -90 <= lat <= 90, position


def check_rfc7946(document: dict[str, Any]) -> None:
    """The parts of RFC 7946 a FeatureCollection of Points and LineStrings must follow."""
    assert document["type"] == "FeatureCollection"
    assert isinstance(document["features"], list)
    for feature in document["features"]:
        assert feature["type"] == "Feature"
        assert isinstance(feature["id"], str)
        assert isinstance(feature["properties"], dict)
        geometry = feature["geometry"]
        assert set(geometry) == {"type", "coordinates"}
        if geometry["type"] == "Point":
            check_position(geometry["coordinates"])
        else:
            assert geometry["type"] == "LineString"
            assert len(geometry["coordinates"]) >= 2  # §3.1.4: two or more positions
            for position in geometry["coordinates"]:
                check_position(position)
        for value in feature["properties"].values():  # flat: what a map tool can label and filter by
            assert value is None or isinstance(value, str | int | float | bool), value
    ids = [feature["id"] for feature in document["features"]]
    assert len(set(ids)) == len(ids)


def test_the_document_follows_rfc_7946() -> None:
    document = render_geojson(sample_itinerary())
    check_rfc7946(document)
    assert document["name"] == "Viaje de familiarización 2024"
    # 3 scouted places + 8 legs + 1 night (the trip ends at home); the lunch has no place on a map
    assert len(document["features"]) == 12


def test_coordinates_are_longitude_then_latitude() -> None:
    rosarito = next(f for f in features(sample_itinerary(), "visit") if f["properties"]["place"] == "rosarito")
    assert rosarito["geometry"] == {"type": "Point", "coordinates": [-117.0545, 32.3637]}
    lon, lat = rosarito["geometry"]["coordinates"]
    assert -118 < lon < -116 and 32 < lat < 33


def test_every_visit_and_meeting_is_a_point_with_its_facts() -> None:
    itinerary = sample_itinerary()
    points = features(itinerary, "visit") + features(itinerary, "meeting")
    scouted = [i for i in items(itinerary) if i.type in (ItemType.VISIT, ItemType.MEETING)]
    assert sorted(f["properties"]["place"] for f in points) == sorted(str(i.place) for i in scouted)
    for item in scouted:
        feature = next(f for f in points if f["properties"]["place"] == item.place)
        assert item.location is not None
        assert feature["geometry"]["coordinates"] == [item.location.lon, item.location.lat]
        assert feature["properties"]["start"] == item.start.isoformat()
        assert feature["properties"]["end"] == item.end.isoformat()
        assert feature["properties"]["value"] == item.value
        assert feature["properties"]["state"] == item.state
    tequila = next(f for f in points if f["properties"]["place"] == "tequila")
    assert tequila["id"] == "d2-4"
    assert tequila["properties"] == {
        "title": "Visit: Tequila",
        "type": "visit",
        "day": 2,
        "date": "2024-09-24",
        "start": "2024-09-24T14:00:00-06:00",
        "end": "2024-09-24T15:30:00-06:00",
        "time": "14:00–15:30 CST",
        "name": "Tequila",
        "place": "tequila",
        "kind": "colonial-town",
        "state": "JAL",
        "value": 7.0,
        "approx": True,
        "marker-color": "#d62728",
    }
    meeting = features(itinerary, "meeting")[0]["properties"]
    assert meeting["meeting"] == "Reunión de bienvenida | Comisión de Filmaciones"
    assert meeting["name"] == "Baja California Film Commission"


def test_every_leg_is_a_line_between_its_endpoints() -> None:
    itinerary = sample_itinerary()
    legs = features(itinerary, "travel")
    travel = [item for item in items(itinerary) if item.type is ItemType.TRAVEL]
    assert len(legs) == len(travel) == 8
    for feature, item in zip(legs, travel, strict=True):
        assert item.origin is not None and item.destination is not None and item.mode is not None
        assert feature["geometry"]["type"] == "LineString"
        assert feature["geometry"]["coordinates"] == [
            [item.origin.location.lon, item.origin.location.lat],
            [item.destination.location.lon, item.destination.location.lat],
        ]
        properties = feature["properties"]
        assert (properties["from"], properties["to"]) == (item.origin.place, item.destination.place)
        assert (properties["mode"], properties["km"]) == (item.mode.value, item.km)
    flight = legs[4]["properties"]
    assert flight["title"] == "Flight: Tijuana International → Guadalajara International"
    assert (flight["day"], flight["date"]) == (2, "2024-09-24")
    assert flight["time"] == "07:30 PDT – 12:15 CST"
    assert (flight["start"], flight["end"]) == ("2024-09-24T07:30:00-07:00", "2024-09-24T12:15:00-06:00")


def test_nights_are_points_and_the_last_day_ends_at_home() -> None:
    nights = features(sample_itinerary(), "night")
    assert len(nights) == 1
    assert nights[0]["id"] == "d1-night"
    assert nights[0]["geometry"]["coordinates"] == [-117.0189, 32.5325]
    assert nights[0]["properties"]["name"] == "Tijuana (hotel en el centro) | Zona Río"
    assert (nights[0]["properties"]["day"], nights[0]["properties"]["date"]) == (1, "2024-09-23")


def test_features_follow_the_trip_in_order() -> None:
    ids = [f["id"] for f in render_geojson(sample_itinerary())["features"]]
    assert ids == ["d1-1", "d1-2", "d1-3", "d1-5", "d1-6", "d1-night", *(f"d2-{n}" for n in range(1, 7))]


def test_text_round_trips_with_accents_kept() -> None:
    text = geojson_text(sample_itinerary())
    assert json.loads(text) == render_geojson(sample_itinerary())
    assert "Viaje de familiarización 2024" in text  # not \u00f3
    assert "\\u" not in text
    assert text.endswith("}\n")
    assert text.splitlines()[1] == '  "type": "FeatureCollection",'
    assert geojson_text(sample_itinerary()) == text  # deterministic


def test_an_empty_day_gives_an_empty_collection() -> None:
    itinerary = replace(sample_itinerary(), days=(Day(date(2024, 9, 23), (), None),), end_date=date(2024, 9, 23))
    assert render_geojson(itinerary) == {
        "type": "FeatureCollection",
        "name": "Viaje de familiarización 2024",
        "features": [],
    }


def test_the_planned_sample_trip_maps_every_visit_and_leg(planned_itinerary: Itinerary) -> None:
    itinerary = planned_itinerary
    document = json.loads(geojson_text(itinerary))
    check_rfc7946(document)
    by_type: dict[str, int] = {}
    for feature in document["features"]:
        by_type[feature["properties"]["type"]] = by_type.get(feature["properties"]["type"], 0) + 1
    counted = {t.value: sum(1 for i in items(itinerary) if i.type is t) for t in ItemType if t is not ItemType.BREAK}
    assert by_type == counted | {"night": sum(1 for day in itinerary.days if day.night is not None)}
    # all of the trip is in Mexico or California: longitudes west, latitudes north, never swapped
    for feature in document["features"]:
        positions = feature["geometry"]["coordinates"]
        for lon, lat in positions if feature["geometry"]["type"] == "LineString" else [positions]:
            assert -120 < lon < -85 and 14 < lat < 35
