"""Geodesic distances between points (WGS 84 ellipsoid), through geopy."""

from __future__ import annotations

from functools import cache

from scout.model import Coordinates


@cache
def geodesic_km(a: Coordinates, b: Coordinates) -> float:
    """The shortest distance over the WGS 84 ellipsoid, in kilometres (Karney's method, via geopy)."""
    from geopy.distance import geodesic

    return float(geodesic((a.lat, a.lon), (b.lat, b.lon)).km)
