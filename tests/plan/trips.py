"""Small trips over the small catalogue of ``tests.conftest``, and ``scout plan`` run on a trip file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from typer.testing import CliRunner

from scout.cli import app
from scout.io.catalogue import parse_catalogue
from scout.io.trip import parse_trip
from scout.plan.problem import TripProblem
from tests.conftest import small_catalogue_data
from tests.shipped import CATALOGUE, problem_of

runner = CliRunner()


def small_trip(**overrides: Any) -> dict[str, Any]:
    """Two days in Baja California from Los Angeles, Monday 23 and Tuesday 24 September 2024."""
    trip: dict[str, Any] = {
        "name": "Small",
        "start": "2024-09-23",
        "days": 2,
        "origin": "lax",
        "states": {"count": 1, "include": ["BC"]},
        "schedule": {"start": "07:30", "end": "20:00", "max_travel": "8h"},
    }
    trip.update(overrides)
    return trip


def small_problem(data: dict[str, Any] | None = None, **overrides: Any) -> TripProblem:
    """The planner's problem for :func:`small_trip` (with ``overrides``) over the small catalogue (or ``data``)."""
    catalogue = parse_catalogue(data if data is not None else small_catalogue_data())
    return problem_of(parse_trip(small_trip(**overrides), catalogue), catalogue)


def write_trip(folder: Path, **fields: Any) -> Path:
    path = folder / "trip.yaml"
    path.write_text(yaml.safe_dump(fields, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def write_small_catalogue(folder: Path) -> Path:
    path = folder / "catalogue.yaml"
    path.write_text(yaml.safe_dump(small_catalogue_data(), allow_unicode=True), encoding="utf-8")
    return path


def plan_file(
    trip: Path, out: Path, data: Path = CATALOGUE, *, assume_flights: bool = True
) -> tuple[int, str, dict[str, Any] | None]:
    """``scout plan`` on a trip file: its exit code, its output and the itinerary.json written (if any).

    Flights are assumed unless asked otherwise: the shipped schedule has no 2024 trunk routes, and these
    trips test the calendar's rules, not the schedule's (tests/plan/test_flights.py does)."""
    options = ["--assume-flights"] if assume_flights else []
    result = runner.invoke(app, ["plan", str(trip), "--out", str(out), "--data", str(data), *options])
    target = out / "itinerary.json"
    doc = json.loads(target.read_text(encoding="utf-8")) if target.exists() else None
    return result.exit_code, result.output, doc
