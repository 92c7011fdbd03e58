"""Time and quality of ``scout plan``: the sample trip, then larger generated trips on the real catalogue.

Run: ``python -m bench.plan [--repeat N]``. Prints, per trip: days, states asked, wall time (best of N),
value, bound and the gap between them. The generated trips use a fixed list, so runs are comparable.
"""

from __future__ import annotations

import argparse
import time
from datetime import date
from pathlib import Path

from scout.geo.travel import TravelPlanner
from scout.io.catalogue import load_catalogue
from scout.io.flights import load_flights
from scout.io.trip import load_trip, parse_trip
from scout.model import Catalogue, TripRequest
from scout.model.flights import FlightSchedule
from scout.plan.problem import build_problem
from scout.plan.solve import plan_trip

ROOT = Path(__file__).resolve().parent.parent

GENERATED = [
    # name, start, days, state count, meetings at
    ("week-any-3", date(2024, 10, 7), 7, "2-3", ()),
    ("ten-days-3", date(2024, 11, 11), 10, "3", ("canacine", "filma-jalisco")),
    ("fortnight-3", date(2024, 9, 2), 14, "3", ("amacc",)),
]


def generated(
    catalogue: Catalogue, name: str, start: date, days: int, count: str, meetings: tuple[str, ...]
) -> TripRequest:
    data = {
        "name": name,
        "start": start.isoformat(),
        "days": days,
        "origin": "lax",
        "states": {"count": count},
        "schedule": {"start": "07:30", "end": "20:00", "max_travel": "9h"},
        "interests": {"industry": 2, "film-commission": 2},
        "meetings": [{"place": place, "window": "09:00-17:00", "length": "1h"} for place in meetings],
        "travel": {"assume_flights": True},  # as the sample: the shipped schedule has no 2024 trunk routes
    }
    return parse_trip(data, catalogue, name)


def run(catalogue: Catalogue, trip: TripRequest, repeat: int, flights: FlightSchedule) -> tuple[float, float, float]:
    best = float("inf")
    value = bound = 0.0
    for _ in range(repeat):
        began = time.perf_counter()
        problem = build_problem(catalogue, trip, TravelPlanner.for_trip(catalogue, trip, flights))
        itinerary = plan_trip(problem).itinerary
        best = min(best, time.perf_counter() - began)
        value, bound = itinerary.value, itinerary.bound or 0.0
    return best, value, bound


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="runs per trip; the best time is reported")
    args = parser.parse_args()
    began = time.perf_counter()
    catalogue = load_catalogue(ROOT / "data" / "locations.yaml")
    print(f"catalogue: {len(catalogue.states)} states, {len(catalogue.places)} places, "
          f"read in {time.perf_counter() - began:.2f} s")  # fmt: skip
    flights = load_flights(ROOT / "data" / "flights.yaml", catalogue)
    trips = [load_trip(ROOT / "trips" / "familiarization-2024.yaml", catalogue)]
    trips += [generated(catalogue, *spec) for spec in GENERATED]
    print(f"{'trip':<28}{'days':>5}{'states':>8}{'time s':>9}{'value':>9}{'bound':>9}{'gap':>8}")
    for trip in trips:
        seconds, value, bound = run(catalogue, trip, args.repeat, flights)
        gap = (bound - value) / bound if bound else 0.0
        count = f"{trip.state_count.low}-{trip.state_count.high}"
        print(f"{trip.name:<28}{trip.day_count:>5}{count:>8}{seconds:>9.2f}{value:>9.1f}{bound:>9.1f}{gap:>8.1%}")


if __name__ == "__main__":
    main()
