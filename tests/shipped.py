"""The shipped files the tests plan over: data/locations.yaml and trips/familiarization-2024.yaml.

The catalogue is read once per session (it is frozen data); a problem is built afresh on each call, since
its travel planner keeps caches of its own.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from scout.geo.travel import TravelPlanner
from scout.io.catalogue import load_catalogue
from scout.io.flights import load_flights
from scout.io.trip import load_trip
from scout.model import Catalogue, TripRequest
from scout.model.flights import FlightSchedule
from scout.plan.problem import TripProblem, build_problem

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "data" / "locations.yaml"
SAMPLE = ROOT / "trips" / "familiarization-2024.yaml"
FLIGHTS = ROOT / "data" / "flights.yaml"
SAMPLE_SOURCE = "trips/familiarization-2024.yaml"  # the trip file as `scout plan` names it from the project


@cache
def shipped_catalogue() -> Catalogue:
    return load_catalogue(CATALOGUE)


@cache
def shipped_flights() -> FlightSchedule:
    return load_flights(FLIGHTS, shipped_catalogue())


def problem_of(trip: TripRequest, catalogue: Catalogue | None = None) -> TripProblem:
    """The planner's problem for ``trip``, as ``scout plan`` builds it (over the shipped catalogue and flight
    schedule by default; another catalogue has no schedule: every flight is estimated)."""
    if catalogue is None:
        catalogue = shipped_catalogue()
        return build_problem(catalogue, trip, TravelPlanner.for_trip(catalogue, trip, shipped_flights()))
    return build_problem(catalogue, trip, TravelPlanner(catalogue, trip.travel))


def sample_trip(path: Path = SAMPLE) -> TripRequest:
    """The sample trip (or a variant written to ``path``) over the shipped catalogue."""
    return load_trip(path, shipped_catalogue())


def build_sample_problem() -> TripProblem:
    return problem_of(sample_trip())
