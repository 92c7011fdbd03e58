"""The shipped files the tests plan over: data/locations.yaml and trips/familiarization-2024.yaml.

The catalogue is read once per session (it is frozen data); a problem is built afresh on each call, since
its travel planner keeps caches of its own.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from scout.geo.travel import TravelPlanner
from scout.io.catalogue import load_catalogue
from scout.io.trip import load_trip
from scout.model import Catalogue, TripRequest
from scout.plan.problem import TripProblem, build_problem

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "data" / "locations.yaml"
SAMPLE = ROOT / "trips" / "familiarization-2024.yaml"
SAMPLE_SOURCE = "trips/familiarization-2024.yaml"  # the trip file as `scout plan` names it from the project


@cache
def shipped_catalogue() -> Catalogue:
    return load_catalogue(CATALOGUE)


def problem_of(trip: TripRequest, catalogue: Catalogue | None = None) -> TripProblem:
    """The planner's problem for ``trip``, as ``scout plan`` builds it (over the shipped catalogue by default)."""
    catalogue = catalogue if catalogue is not None else shipped_catalogue()
    return build_problem(catalogue, trip, TravelPlanner(catalogue, trip.travel))


def sample_trip(path: Path = SAMPLE) -> TripRequest:
    """The sample trip (or a variant written to ``path``) over the shipped catalogue."""
    return load_trip(path, shipped_catalogue())


def build_sample_problem() -> TripProblem:
    return problem_of(sample_trip())
