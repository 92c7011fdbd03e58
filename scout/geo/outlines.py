"""Mexico's state outlines (Natural Earth, public domain), shipped in the package for maps and checks.

The file is ``scout/data/mexico-states.geojson``: 32 features, simplified to about 1–2 km, islets under
about 1 km² left out (see ``docs/catalogue.md``). That is good for drawing a country map and for asking
"is this point within a few kilometres of its state?", not for deciding which side of a border a point
near it falls on; :func:`distance_outside_km` is therefore meant to be used with a tolerance.

Everything here is plain Python: a ray-casting point-in-polygon test and the distance to the nearest
edge on a local equirectangular projection, which is within a fraction of a percent at these distances.
"""

from __future__ import annotations

import itertools
import json
import math
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

ATTRIBUTION = "State outlines: Natural Earth (public domain), made with Natural Earth."
EARTH_RADIUS_KM = 6371.0088

Ring = tuple[tuple[float, float], ...]  # (lon, lat) pairs, RFC 7946 order, first point repeated last
Polygon = tuple[Ring, ...]  # exterior ring, then holes


@dataclass(frozen=True)
class StateOutline:
    name: str  # official INEGI name, with accents: "Michoacán de Ocampo"
    short_name: str  # the common name: "Michoacán", "Estado de México"
    iso: str  # ISO 3166-2: "MX-MIC"
    polygons: tuple[Polygon, ...]

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        """(min lon, min lat, max lon, max lat)."""
        lons = [lon for polygon in self.polygons for lon, _ in polygon[0]]
        lats = [lat for polygon in self.polygons for _, lat in polygon[0]]
        return min(lons), min(lats), max(lons), max(lats)

    def contains(self, lat: float, lon: float) -> bool:
        return any(_in_polygon(polygon, lon, lat) for polygon in self.polygons)

    def distance_outside_km(self, lat: float, lon: float) -> float:
        """0 for a point inside the outline, else the distance in km to its nearest edge."""
        if self.contains(lat, lon):
            return 0.0
        return min(_distance_to_ring_km(ring, lat, lon) for polygon in self.polygons for ring in polygon)


@cache
def load_outlines() -> tuple[StateOutline, ...]:
    """The 32 outlines, read once from the package data."""
    raw = resources.files("scout").joinpath("data", "mexico-states.geojson").read_bytes()
    document = json.loads(raw.decode("utf-8"))
    outlines = []
    for feature in document["features"]:
        properties = feature["properties"]
        geometry = feature["geometry"]
        parts = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        polygons = tuple(tuple(tuple((float(x), float(y)) for x, y in ring) for ring in part) for part in parts)
        outlines.append(StateOutline(properties["name"], properties["name_short"], properties["iso_3166_2"], polygons))
    return tuple(outlines)


def outline_for(state_name: str, outlines: Iterable[StateOutline] | None = None) -> StateOutline | None:
    """The outline of a state given its catalogue name ("Ciudad de México", "Michoacán", "Estado de México").

    Names are compared without accents or case, against both the official and the short name, so the
    catalogue's usual names find their outline; ``None`` for a region abroad (California).
    """
    wanted = _plain(state_name)
    for outline in load_outlines() if outlines is None else outlines:
        if wanted in (_plain(outline.name), _plain(outline.short_name)):
            return outline
    return None


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())


def _in_polygon(polygon: Polygon, x: float, y: float) -> bool:
    if not _in_ring(polygon[0], x, y):
        return False
    return not any(_in_ring(hole, x, y) for hole in polygon[1:])


def _in_ring(ring: Sequence[tuple[float, float]], x: float, y: float) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _distance_to_ring_km(ring: Ring, lat: float, lon: float) -> float:
    # Project around the point: x east, y north, in km. Accurate to well under 1% within a few hundred km.
    kx = math.radians(1) * EARTH_RADIUS_KM * math.cos(math.radians(lat))
    ky = math.radians(1) * EARTH_RADIUS_KM
    best = math.inf
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        ax, ay = (x1 - lon) * kx, (y1 - lat) * ky
        bx, by = (x2 - lon) * kx, (y2 - lat) * ky
        dx, dy = bx - ax, by - ay
        length = dx * dx + dy * dy
        t = 0.0 if length == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length))
        best = min(best, math.hypot(ax + t * dx, ay + t * dy))
    return best
