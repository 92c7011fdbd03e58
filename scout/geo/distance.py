"""Geodesic distances between points (WGS 84 ellipsoid), through geopy."""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Sequence
from functools import cache

from scout.model import Coordinates


@cache
def geodesic_km(a: Coordinates, b: Coordinates) -> float:
    """The shortest distance over the WGS 84 ellipsoid, in kilometres (Karney's method, via geopy)."""
    return float(_measure()((a.lat, a.lon), (b.lat, b.lon)))


@cache
def _measure() -> Callable[[tuple[float, float], tuple[float, float]], float]:
    # One geopy measure, reused: building a distance object per pair rebuilds the ellipsoid's series
    # coefficients each time, a third of the cost of a distance on a large catalogue.
    from geopy.distance import geodesic

    return geodesic().measure  # type: ignore[no-any-return]


EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)


def haversine_km(a: Coordinates, b: Coordinates) -> float:
    """Great-circle distance on a sphere: fast, and within 0.5 % of the geodesic anywhere on Earth."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def nearest_km(
    queries: Sequence[tuple[str, Coordinates]],
    points: Sequence[tuple[str, Coordinates]],
    excluded: Callable[[str, str], bool] = lambda query, point: query == point,
    *,
    shared: bool = False,
) -> dict[str, float]:
    """For each query, the great-circle distance to the nearest point that ``excluded`` does not rule out.

    Exact, without comparing every pair: points are sorted by latitude and each query scans outwards from
    its own latitude, stopping once the latitude difference alone (a lower bound on the distance) exceeds
    the best found; points too far east or west are skipped before any trigonometry. On thousands of places
    spread over a country that is a few hundred cheap comparisons per query. A query with no eligible point
    gets ``math.inf``. With ``shared``, only the smallest distance over all queries is wanted: each scan
    stops at the best found so far by any query, and the other queries' entries are upper bounds.
    """
    ordered = sorted(points, key=lambda entry: entry[1].lat)
    latitudes = [location.lat for _, location in ordered]
    km_per_degree = math.radians(1) * EARTH_RADIUS_KM
    result: dict[str, float] = {}
    overall = math.inf
    for query, where in queries:
        best = overall if shared else math.inf
        middle = bisect.bisect_left(latitudes, where.lat)
        below, above = middle - 1, middle
        while below >= 0 or above < len(ordered):
            down = (where.lat - latitudes[below]) * km_per_degree if below >= 0 else math.inf
            up = (latitudes[above] - where.lat) * km_per_degree if above < len(ordered) else math.inf
            band = min(down, up)
            if band >= best:
                break
            if down <= up:
                candidate, location = ordered[below]
                below -= 1
            else:
                candidate, location = ordered[above]
                above += 1
            # The haversine term of the longitudes alone bounds the distance from below:
            # sin(d / 2R) >= cos(the higher latitude) * sin(dlon / 2). Cheap, so far points are skipped early.
            cosine = math.cos(math.radians(max(abs(where.lat), abs(location.lat))))
            spread = min(abs(where.lon - location.lon), 360 - abs(where.lon - location.lon))
            if 2 * EARTH_RADIUS_KM * cosine * math.sin(math.radians(spread) / 2) >= best:
                continue
            if not excluded(query, candidate):
                best = min(best, haversine_km(where, location))
        result[query] = best
        overall = min(overall, best)
    return result
