"""The travel model on the ground and on the water: buffers, sites, city areas, stand-in points, known times
at a shared point, ferries and islands, crossings at the border, routed times (scout.geo.travel)."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Any

import pytest

from scout.errors import InputError
from scout.geo.distance import geodesic_km
from scout.geo.travel import TravelPlanner
from scout.io.catalogue import parse_catalogue
from scout.model import Coordinates, TimeSource, TravelAssumptions, TravelMode
from scout.model.catalogue import RoutedTime
from tests.conftest import small_catalogue_data

TIJUANA = Coordinates(32.5325, -117.0189)


def world() -> dict[str, Any]:
    """The small catalogue with a Tijuana area, a campus, a crossing, and Quintana Roo's islands."""
    data = small_catalogue_data()
    data["states"].append({
        "code": "QROO", "name": "Quintana Roo", "time_zone": "America/Cancun", "base": "cancun",
        "airports": [
            {"iata": "CUN", "name": "Cancún International", "lat": 21.0394, "lon": -86.8743, "source": "ourairports"},
            {"iata": "CZM", "name": "Cozumel International", "lat": 20.5149, "lon": -86.9285, "island": "cozumel",
             "source": "ourairports"},
        ],
        "source": "inegi",
    })  # fmt: skip
    data["places"] += [
        {"id": "otay-campus-a", "name": "Campus building A", "state": "BC", "kind": "film-school",
         "lat": 32.5300, "lon": -116.9650, "site": "campus", "source": "inegi"},
        {"id": "otay-campus-b", "name": "Campus building B", "state": "BC", "kind": "studio",
         "lat": 32.5310, "lon": -116.9660, "site": "campus", "source": "inegi"},
        {"id": "tijuana-office", "name": "An office in Tijuana", "state": "BC", "kind": "organization",
         "lat": 32.5325, "lon": -117.0189, "approx": True, "source": "inegi"},
        {"id": "zona-rio", "name": "Zona Río", "state": "BC", "kind": "urban",
         "lat": 32.5270, "lon": -117.0200, "source": "inegi"},
        {"id": "san-ysidro", "name": "San Ysidro port of entry", "state": "BC", "kind": "border-crossing",
         "lat": 32.5433, "lon": -117.0297, "source": "inegi"},
        {"id": "cancun", "name": "Cancún (hotel)", "state": "QROO", "kind": "city",
         "lat": 21.1619, "lon": -86.8515, "source": "inegi"},
        {"id": "puerto-juarez", "name": "Puerto Juárez ferry terminal", "state": "QROO", "kind": "port",
         "lat": 21.1850, "lon": -86.8080, "source": "inegi"},
        {"id": "isla-mujeres-port", "name": "Isla Mujeres ferry terminal", "state": "QROO", "kind": "port",
         "lat": 21.2550, "lon": -86.7485, "island": "isla-mujeres", "source": "inegi"},
        {"id": "isla-mujeres", "name": "Isla Mujeres", "state": "QROO", "kind": "island",
         "lat": 21.2566, "lon": -86.7461, "island": "isla-mujeres", "source": "inegi"},
        {"id": "playa-port", "name": "Playa del Carmen pier", "state": "QROO", "kind": "port",
         "lat": 20.6210, "lon": -87.0700, "source": "inegi"},
        {"id": "cozumel-port", "name": "Cozumel pier", "state": "QROO", "kind": "port",
         "lat": 20.5100, "lon": -86.9500, "island": "cozumel", "source": "inegi"},
        {"id": "cozumel", "name": "Cozumel", "state": "QROO", "kind": "island",
         "lat": 20.5038, "lon": -86.9576, "island": "cozumel", "source": "inegi"},
    ]  # fmt: skip
    data["areas"] = [
        {"id": "tijuana", "name": "Tijuana", "state": "BC", "lat": 32.5325, "lon": -117.03, "radius_km": 15,
         "speed_kmh": 30, "cross_town": "25m", "source": "inegi"},
    ]  # fmt: skip
    data["ferries"] = [
        {"from": "puerto-juarez", "to": "isla-mujeres-port", "operator": "Ultramar", "duration": "20m",
         "first": "05:30", "last": "23:00", "every": "30m", "source": "inegi"},
        {"from": "playa-port", "to": "cozumel-port", "operator": "Winjet", "duration": "40m",
         "departures": ["08:00", "10:00", "11:00"], "back": {"departures": ["07:00", "09:00"]}, "source": "inegi"},
    ]  # fmt: skip
    return data


@pytest.fixture
def planner() -> TravelPlanner:
    return TravelPlanner(parse_catalogue(world(), "world.yaml"), TravelAssumptions())


def test_every_move_between_two_places_costs_at_least_the_buffer(planner: TravelPlanner) -> None:
    # The office stands on the hotel's point: 0 km apart, yet a move of the group, and a drive across town.
    (leg,) = planner.journey("tijuana-centro", "zona-rio").legs
    assert leg.minutes >= 15 and leg.buffer == 15
    for a, b in (("tijuana-centro", "tijuana-office"), ("zona-rio", "bc-film-commission")):
        assert planner.journey(a, b).minutes >= 15
    custom = TravelPlanner(planner.catalogue, TravelAssumptions(buffer=30))
    assert custom.journey("tijuana-centro", "zona-rio").minutes == leg.minutes + 15


def test_places_of_one_site_are_a_short_walk_apart(planner: TravelPlanner) -> None:
    (leg,) = planner.journey("otay-campus-a", "otay-campus-b").legs
    assert (leg.mode, leg.minutes, leg.buffer) == (TravelMode.WALK, 5, 5)
    longer = TravelPlanner(planner.catalogue, TravelAssumptions(same_site=10))
    assert longer.journey("otay-campus-a", "otay-campus-b").minutes == 10


def test_a_drive_inside_an_area_runs_at_its_speed_and_the_city_factor_scales_it(planner: TravelPlanner) -> None:
    catalogue = planner.catalogue
    straight = geodesic_km(catalogue.place("zona-rio").location, catalogue.place("otay-campus-a").location)  # type: ignore[arg-type]
    (leg,) = planner.journey("zona-rio", "otay-campus-a").legs
    assert leg.minutes == math.ceil(straight * 1.3 / 30 * 60) + 15  # 30 km/h, not the road's 60
    slow = TravelPlanner(catalogue, TravelAssumptions(city_factor=1.5))
    assert slow.journey("zona-rio", "otay-campus-a").minutes == math.ceil(straight * 1.3 / 30 * 60 * 1.5) + 15
    # Rosarito lies outside the area: the drive there covers the part inside Tijuana at the area's speed.
    open_road = planner.drive_minutes(
        geodesic_km(
            catalogue.place("zona-rio").location,  # type: ignore[arg-type]
            catalogue.place("rosarito").location,
        )
    )  # type: ignore[arg-type]
    assert planner.journey("zona-rio", "rosarito").minutes > math.ceil(open_road) + 15


def test_a_stand_in_point_is_at_least_a_drive_across_town(planner: TravelPlanner) -> None:
    # The office and the film commission both stand on the city's point: 0 km apart as written.
    (leg,) = planner.journey("tijuana-office", "bc-film-commission").legs
    assert leg.approx and leg.source is TimeSource.ESTIMATED
    assert leg.minutes == 25 + 15  # the area's cross-town time, and the buffer
    (exact,) = planner.journey("tijuana-centro", "zona-rio").legs
    assert not exact.approx


def test_a_known_time_holds_for_a_place_at_its_ends_point() -> None:
    data = world()
    # A town and its hotel share the hotel's point; the catalogue knows the drive from the hotel only.
    data["places"].append({"id": "tijuana-town", "name": "Tijuana town", "state": "BC", "kind": "urban",
                           "lat": 32.5325, "lon": -117.0189, "source": "inegi"})  # fmt: skip
    data["travel_times"] = [{"from": "tijuana-centro", "to": "rosarito", "duration": "1h10m", "source": "inegi"}]
    planner = TravelPlanner(parse_catalogue(data), TravelAssumptions())
    for origin in ("tijuana-centro", "tijuana-town"):
        (leg,) = planner.journey(origin, "rosarito").legs
        assert (leg.minutes, leg.source) == (70 + 15, TimeSource.KNOWN)
    # A place that only stands on that point (approx) does not borrow it.
    (office,) = planner.journey("tijuana-office", "rosarito").legs
    assert office.source is TimeSource.ESTIMATED


def test_an_island_is_reached_by_ferry_never_by_road(planner: TravelPlanner) -> None:
    assert planner.ground("cancun", "isla-mujeres") is None
    journey = planner.journey("cancun", "isla-mujeres")
    modes = [leg.mode for leg in journey.legs]
    assert modes == [TravelMode.DRIVE, TravelMode.FERRY, TravelMode.DRIVE]
    ferry = journey.legs[1]
    assert ferry.source is TimeSource.SCHEDULED and ferry.ferry is not None and ferry.ferry.operator == "Ultramar"
    assert ferry.minutes == 20 + 30  # the crossing, and the longest wait between departures
    # Every way onto an island sails or flies; the way back too.
    back = planner.journey("isla-mujeres", "cancun")
    assert [leg.mode for leg in back.legs] == [TravelMode.DRIVE, TravelMode.FERRY, TravelMode.DRIVE]


def test_from_island_to_island_the_journey_sails_twice_or_flies(planner: TravelPlanner) -> None:
    journey = planner.journey("isla-mujeres", "cozumel")
    modes = [leg.mode for leg in journey.legs]
    assert TravelMode.DRIVE not in [m for m, leg in zip(modes, journey.legs, strict=True)
                                    if planner.catalogue.place(leg.origin).island
                                    != planner.catalogue.place(leg.destination).island]  # fmt: skip
    assert modes.count(TravelMode.FERRY) + modes.count(TravelMode.FLIGHT) >= 2


def test_an_island_airport_is_flown_to_however_near() -> None:
    data = world()
    data["ferries"] = [f for f in data["ferries"] if f["to"] != "cozumel-port"]  # only the plane is left
    planner = TravelPlanner(parse_catalogue(data), TravelAssumptions())
    journey = planner.journey("cancun", "cozumel")
    assert [leg.mode for leg in journey.legs] == [TravelMode.DRIVE, TravelMode.FLIGHT, TravelMode.DRIVE]
    assert (journey.legs[1].origin, journey.legs[1].destination) == ("cun", "czm")


def test_an_island_that_nothing_reaches_is_an_error_in_the_catalogue() -> None:
    data = world()
    data["places"].append({"id": "holbox", "name": "Holbox", "state": "QROO", "kind": "island",
                           "lat": 21.52, "lon": -87.38, "island": "holbox", "source": "inegi"})  # fmt: skip
    data["ferries"].append({"from": "puerto-juarez", "to": "cancun", "duration": "1h", "first": "08:00",
                            "last": "09:00", "every": "1h", "source": "inegi"})  # fmt: skip
    with pytest.raises(InputError) as caught:
        parse_catalogue(data, "world.yaml")
    messages = "\n".join(str(p) for p in caught.value.problems)
    assert "nothing reaches island 'holbox'" in messages
    assert "place 'cancun' is a city" in messages  # a ferry joins ports


def test_the_border_is_crossed_at_a_crossing_with_a_wait_each_way(planner: TravelPlanner) -> None:
    south = planner.journey("lax", "zona-rio")
    drive, wait, on = south.legs
    assert (drive.destination, wait.origin, on.origin) == ("san-ysidro", "san-ysidro", "san-ysidro")
    assert (wait.pause, wait.minutes, wait.northbound) == ("border", 15, False)
    assert on.buffer == 0  # the group stays in the van: one move, one buffer
    north = planner.journey("zona-rio", "lax")
    assert (north.legs[1].pause, north.legs[1].minutes, north.legs[1].northbound) == ("border", 120, True)


def test_a_routed_time_is_used_and_slowed_to_the_citys_traffic() -> None:
    catalogue = parse_catalogue(world(), "world.yaml")
    rosarito, zona = catalogue.place("rosarito"), catalogue.place("zona-rio")
    otay = catalogue.place("otay-campus-a")
    now = datetime(2024, 6, 1, tzinfo=UTC)
    routed = (
        RoutedTime("zona-rio", "rosarito", 21.5, 24.0, "osrm", zona.location, rosarito.location, now),  # type: ignore[arg-type]
        RoutedTime("zona-rio", "otay-campus-a", 9.0, 6.0, "osrm", zona.location, otay.location, now),  # type: ignore[arg-type]
    )
    from dataclasses import replace

    planner = TravelPlanner(replace(catalogue, routed=routed), TravelAssumptions())
    (out,) = planner.journey("zona-rio", "rosarito").legs
    assert out.source is TimeSource.ROUTED and out.km == 24.0
    assert out.minutes > math.ceil(21.5) + 15  # free flow, slowed where the road is still in town
    (town,) = planner.journey("zona-rio", "otay-campus-a").legs
    assert town.source is TimeSource.ROUTED
    assert town.minutes == math.ceil(6.0 / 30 * 60) + 15  # free flow says 9 min; the city's 30 km/h says 12
    assert planner.journey("rosarito", "zona-rio").legs[0].source is TimeSource.ESTIMATED  # one direction only


def test_broken_areas_and_ferries_are_each_reported_where_they_stand(tmp_path: Any) -> None:
    import yaml

    from scout.io.catalogue import load_catalogue

    data = world()
    data["areas"].append({"id": "nowhere", "name": "No source", "state": "BC", "lat": 32.6, "lon": -117.0,
                          "radius_km": 5, "speed_kmh": 20, "cross_town": "10m"})  # fmt: skip
    data["areas"].append({"id": "fast", "name": "Too fast", "state": "XX", "lat": 32.6, "lon": -117.0,
                          "radius_km": 5, "speed_kmh": 500, "cross_town": "10m", "source": "inegi"})  # fmt: skip
    data["ferries"] += [
        {"from": "puerto-juarez", "to": "isla-mujres-port", "duration": "20m", "every": "30m", "first": "08:00",
         "last": "09:00", "source": "inegi"},
        {"from": "playa-port", "to": "cozumel-port", "duration": "40m", "departures": ["08:00"], "every": "1h",
         "source": "inegi"},
        {"from": "playa-port", "to": "cozumel-port", "duration": "40m", "first": "10:00", "last": "09:00",
         "every": "1h", "source": "inegi"},
    ]  # fmt: skip
    path = tmp_path / "catalogue.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(InputError) as caught:
        load_catalogue(path)
    assert path.read_bytes() == before
    messages = [str(problem) for problem in caught.value.problems]
    text = "\n".join(messages)
    assert "area 'nowhere' has no source" in text
    assert "unknown state 'XX'" in text and "speed_kmh" in text
    assert "unknown port 'isla-mujres-port'" in text and "isla-mujeres-port" in text  # did you mean
    assert "is given with first, last or every" in text
    assert "is before the first departure" in text
    assert all(message.startswith(str(path) + ":") for message in messages)  # every one at file:line


def test_the_trip_files_travel_keys_are_read_and_checked() -> None:
    from scout.io.trip import parse_trip

    catalogue = parse_catalogue(world(), "world.yaml")
    base = {"name": "T", "start": "2024-10-07", "days": 2, "origin": "lax", "states": {"count": 1}}
    trip = parse_trip({**base, "schedule": {"night_driving": True},
                       "travel": {"buffer": "0m", "same_site": "10m", "city_factor": 1.5,
                                  "border": {"southbound": "30m", "southbound_peak": "3h", "peak_from": "14:00",
                                             "northbound": "4h"}}}, catalogue)  # fmt: skip
    rules = trip.travel
    assert trip.schedule.night_driving
    assert (rules.buffer, rules.same_site, rules.city_factor) == (0, 10, 1.5)
    assert (rules.border_south, rules.border_south_peak, rules.border_peak_from, rules.border_north) == (
        30, 180, 14 * 60, 240,
    )  # fmt: skip
    legacy = parse_trip({**base, "travel": {"border_crossing": "1h"}}, catalogue).travel
    assert (legacy.border_south, legacy.border_south_peak, legacy.border_north) == (60, 60, 60)
    with pytest.raises(InputError) as caught:
        parse_trip({**base, "schedule": {"night_driving": "sometimes"},
                    "travel": {"buffer": "soon", "city_factor": 9, "border": {"northbound": -5, "queue": "1h"}}},
                   catalogue, "trip.yaml")  # fmt: skip
    text = "\n".join(str(problem) for problem in caught.value.problems)
    for key in ("night_driving", "buffer", "city_factor", "northbound", "queue"):
        assert key in text, key
