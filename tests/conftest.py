"""Shared fixtures: a small real catalogue built from a dict, so unit tests need no files."""

from __future__ import annotations

from typing import Any

import pytest

from scout.io.catalogue import parse_catalogue
from scout.model import Catalogue


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
