"""Shared fixtures: a small real catalogue built from a dict, so unit tests need no files; and the sample trip
planned once for the whole session (``planned_sample``), with its itinerary.json written once (``planned_json``).

Planning the sample takes seconds: every test that reads the real planned trip (its rules, the exports, the
golden file, the bounds held against its days) shares this one plan instead of planning it again.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from scout.io.catalogue import parse_catalogue
from scout.io.itinerary_json import read_itinerary, write_itinerary
from scout.model import Catalogue
from scout.model.itinerary import Itinerary
from scout.plan.problem import TripProblem
from scout.plan.result import Planned
from tests.shipped import SAMPLE_SOURCE, build_sample_problem


def small_catalogue_data() -> dict[str, Any]:
    """Baja California, Jalisco and California with real coordinates (INEGI localities, OurAirports)."""
    return {
        "sources": {
            "inegi": {"title": "INEGI localities", "url": "https://www.inegi.org.mx/"},
            "ourairports": {"title": "OurAirports", "url": "https://ourairports.com/"},
        },
        "states": [
            {
                "code": "CA",
                "name": "California",
                "country": "US",
                "time_zone": "America/Los_Angeles",
                "airports": [
                    {"iata": "LAX", "name": "Los Angeles International", "lat": 33.9425, "lon": -118.408,
                     "source": "ourairports"},
                ],
                "source": "ourairports",
            },
            {
                "code": "BC",
                "name": "Baja California",
                "time_zone": "America/Tijuana",
                "airports": [
                    {"iata": "TIJ", "name": "Tijuana International", "lat": 32.541, "lon": -116.97,
                     "source": "ourairports"},
                ],
                "base": "tijuana-centro",
                "film_commission": "bc-film-commission",
                "source": "inegi",
            },
            {
                "code": "JAL",
                "name": "Jalisco",
                "time_zone": "America/Mexico_City",
                "airports": [
                    {"iata": "GDL", "name": "Guadalajara International", "lat": 20.5218, "lon": -103.3112,
                     "source": "ourairports"},
                ],
                "base": "guadalajara-centro",
                "source": "inegi",
            },
        ],
        "places": [
            {"id": "tijuana-centro", "name": "Tijuana (hotel in the centre)", "state": "BC", "kind": "city",
             "lat": 32.5325, "lon": -117.0189, "source": "inegi"},
            {"id": "bc-film-commission", "name": "Baja California Film Commission", "state": "BC",
             "kind": "film-commission", "lat": 32.5325, "lon": -117.0189, "approx": True, "value": 8,
             "hours": {"mon-fri": "09:00-17:00"}, "source": "inegi"},
            {"id": "rosarito", "name": "Playas de Rosarito", "state": "BC", "kind": "beach",
             "lat": 32.3637, "lon": -117.0545, "source": "inegi"},
            {"id": "guadalajara-centro", "name": "Guadalajara (hotel in the centre)", "state": "JAL",
             "kind": "city", "lat": 20.6767, "lon": -103.3475, "source": "inegi"},
            {"id": "tequila", "name": "Tequila", "state": "JAL", "kind": "colonial-town",
             "lat": 20.8822, "lon": -103.8369, "value": 7, "source": "inegi"},
        ],
    }  # fmt: skip


@pytest.fixture
def catalogue() -> Catalogue:
    return parse_catalogue(small_catalogue_data(), "small.yaml")


# -- the sample trip, planned once --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def sample_problem() -> TripProblem:
    """trips/familiarization-2024.yaml over data/locations.yaml, as ``scout plan`` builds it."""
    return build_sample_problem()


@pytest.fixture(scope="session")
def planned_sample(sample_problem: TripProblem) -> Planned:
    """The sample trip planned with the default :class:`~scout.plan.params.PlanParams`, once a session."""
    from scout.plan.solve import plan_trip

    return plan_trip(sample_problem)


@pytest.fixture(scope="session")
def planned_json(planned_sample: Planned, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's itinerary.json, written once as ``scout plan`` writes it (source and solve time set).

    Read it, never write to it: copy it to a test's own folder first.
    """
    itinerary = replace(planned_sample.itinerary, source=SAMPLE_SOURCE, solve_seconds=1.0)
    path = tmp_path_factory.mktemp("planned-sample") / "itinerary.json"
    write_itinerary(itinerary, path)
    return path


@pytest.fixture
def planned_doc(planned_json: Path) -> dict[str, Any]:
    """The sample's itinerary.json as :func:`json.loads` reads it: a fresh copy for each test to change."""
    doc: dict[str, Any] = json.loads(planned_json.read_text(encoding="utf-8"))
    return doc


@pytest.fixture(scope="session")
def planned_itinerary(planned_json: Path) -> Itinerary:
    """The sample's itinerary passed through its itinerary.json, as ``scout export`` reads it."""
    return read_itinerary(planned_json)
