"""The nearest-point search used by the planner's bounds: exact, whatever the order of the points."""

from __future__ import annotations

import math
import random

from scout.geo.distance import haversine_km, nearest_km
from scout.model import Coordinates


def brute_force(queries, points, excluded):  # type: ignore[no-untyped-def]
    return {q: min((haversine_km(a, b) for p, b in points if not excluded(q, p)), default=math.inf) for q, a in queries}


def test_nearest_matches_comparing_every_pair() -> None:
    rng = random.Random(3)
    points = [(f"p{i}", Coordinates(rng.uniform(14.5, 32.7), rng.uniform(-118.4, -86.7))) for i in range(400)]
    state = {name: int(name[1:]) % 7 for name, _ in points}
    queries = points[:60]
    same = lambda q, p: q == p  # noqa: E731
    assert nearest_km(queries, points) == brute_force(queries, points, same)
    other_state = lambda q, p: state[q] == state[p]  # noqa: E731
    assert nearest_km(queries, points, other_state) == brute_force(queries, points, other_state)


def test_shared_gives_the_closest_pair_overall() -> None:
    rng = random.Random(5)
    points = [(f"p{i}", Coordinates(rng.uniform(14.5, 32.7), rng.uniform(-118.4, -86.7))) for i in range(300)]
    inside = points[:40]
    outside = {name for name, _ in points[40:]}
    not_outside = lambda q, p: p not in outside  # noqa: E731
    exact = min(brute_force(inside, points, not_outside).values())
    assert min(nearest_km(inside, points, not_outside, shared=True).values()) == exact


def test_no_eligible_point_is_infinitely_far() -> None:
    only = [("a", Coordinates(19.43, -99.13))]
    assert nearest_km(only, only) == {"a": math.inf}
