"""The benchmark's public instances (Solomon r101, rc101; Cordeau pr01), copied as they are, as routing
problems of the core."""

from __future__ import annotations

from pathlib import Path

from bench.optw import Instance, travel_units
from scout.plan.routing.problem import RoutingProblem, Stop, Tour

INSTANCES = Path(__file__).resolve().parent.parent / "data" / "optw"


def optw_problem(instance: Instance, tours: int) -> RoutingProblem:
    """An OPTW instance as a routing problem with ``tours`` tours from the depot."""
    s = instance.scale
    stops = {v.id: Stop(v.service * s, ((v.open * s, v.close * s),), v.score) for v in instance.customers}
    depot = instance.depot
    return RoutingProblem(
        len(instance.vertices),
        stops,
        tuple(Tour(0, 0, depot.open * s, depot.close * s) for _ in range(tours)),
        travel_units(instance),
        depot.close * s,
    )
