from dataclasses import replace

import pytest

from scout.geo.distance import geodesic_km
from scout.geo.travel import TravelPlanner
from scout.io.catalogue import parse_catalogue
from scout.model import Catalogue, Coordinates, TravelAssumptions, TravelMode
from tests.conftest import small_catalogue_data


def test_geodesic_distance_lax_to_tijuana_airport() -> None:
    # About 205 km as the crow flies (WGS 84 geodesic).
    assert geodesic_km(Coordinates(33.9425, -118.408), Coordinates(32.541, -116.97)) == pytest.approx(205.2, abs=0.5)


def test_short_trip_is_driven_with_detour_and_speed(catalogue: Catalogue) -> None:
    planner = TravelPlanner(catalogue, TravelAssumptions(road_speed=60, detour=1.3))
    journey = planner.journey("tijuana-centro", "rosarito")
    (leg,) = journey.legs
    straight = geodesic_km(Coordinates(32.5325, -117.0189), Coordinates(32.3637, -117.0545))
    assert leg.mode is TravelMode.DRIVE
    assert leg.km == pytest.approx(straight * 1.3)
    # 60 km/h: a minute a kilometre, and the buffer of every move between two places
    assert leg.minutes - 15 == pytest.approx(straight * 1.3, abs=1)
    assert leg.buffer == 15


def test_crossing_the_border_is_a_wait_of_its_own(catalogue: Catalogue) -> None:
    slow_border = TravelPlanner(catalogue, TravelAssumptions(border_south=120, border_north=180))
    no_border = TravelPlanner(catalogue, TravelAssumptions(border_south=0, border_north=0))
    south = slow_border.journey("lax", "tijuana-centro")
    _, wait = south.legs  # no crossing in this catalogue: the wait is had at the border, on arrival
    assert (wait.pause, wait.minutes, wait.northbound) == ("border", 120, False)
    assert south.minutes - no_border.journey("lax", "tijuana-centro").minutes == 120
    north = slow_border.journey("tijuana-centro", "lax")
    assert (north.legs[-1].pause, north.legs[-1].minutes, north.legs[-1].northbound) == ("border", 180, True)


def test_long_trip_flies_between_airports(catalogue: Catalogue) -> None:
    planner = TravelPlanner(catalogue, TravelAssumptions(airport_before=90, airport_after=45, flight_speed=650))
    journey = planner.journey("tijuana-centro", "guadalajara-centro")
    modes = [leg.mode for leg in journey.legs]
    assert modes == [TravelMode.DRIVE, TravelMode.FLIGHT, TravelMode.DRIVE]
    assert [journey.legs[1].origin, journey.legs[1].destination] == ["tij", "gdl"]
    flight = journey.legs[1]
    airborne = flight.minutes - 90 - 45
    assert airborne == pytest.approx(flight.km / 650 * 60, abs=1)
    assert journey.minutes < planner.ground_leg("tijuana-centro", "guadalajara-centro").minutes


def test_known_travel_time_overrides_the_estimate() -> None:
    data = small_catalogue_data()
    data["travel_times"] = [{"from": "rosarito", "to": "tijuana-centro", "duration": "35m", "km": 28}]
    catalogue = parse_catalogue(data)
    planner = TravelPlanner(catalogue, TravelAssumptions())
    for a, b in (("tijuana-centro", "rosarito"), ("rosarito", "tijuana-centro")):
        (leg,) = planner.journey(a, b).legs
        assert (leg.minutes, leg.km, leg.known, leg.buffer) == (35 + 15, 28, True, 15)


def test_place_without_coordinates_cannot_be_estimated(catalogue: Catalogue) -> None:
    nowhere = replace(catalogue.place("tequila"), location=None, address="Tequila, Jalisco")
    places = tuple(nowhere if p.id == "tequila" else p for p in catalogue.places)
    planner = TravelPlanner(replace(catalogue, places=places), TravelAssumptions())
    with pytest.raises(ValueError, match="tequila"):
        planner.journey("guadalajara-centro", "tequila")
