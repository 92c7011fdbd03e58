"""The route map of a PDF's cover: Mexico's 32 states, the visited ones highlighted, the trip drawn over them.

Pure geometry turned into drawing calls: :func:`draw_route_map` projects the itinerary's points and the state
outlines (:mod:`scout.geo.outlines`, Natural Earth) into a box on the page and calls a :class:`Canvas`, which
the PDF renderer implements with its library; nothing here knows about PDF.

The projection is equirectangular with the longitudes scaled by the cosine of the view's middle latitude, so
Mexico keeps its shape (within a few percent between 14° and 33° N). The view is Mexico plus every point of
the route within :data:`REACH_DEG` of it (Los Angeles is): a point further away (a flight from New York) is
not drawn; its leg runs to the edge of the map and ends in an arrow labelled with the place's name.

Drives are drawn as straight solid lines between their ends (the itinerary has no road geometry); flights
as dashed arcs, bending to the left of the direction of flight so that an outbound and a return flight
between the same airports do not overlap.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from scout.geo.outlines import StateOutline, load_outlines, outline_for
from scout.model.catalogue import Coordinates, TravelMode
from scout.model.itinerary import ItemType, Itinerary, Point

XY = tuple[float, float]  # page units (the box's), x to the right, y down
RGB = tuple[int, int, int]
Align = Literal["left", "center", "right"]

ATTRIBUTION = "Made with Natural Earth"
REACH_DEG = 6.0  # how far beyond Mexico's outline the view stretches to show a point of the route
MARGIN = 0.03  # of the view's extent on each side

BACKGROUND: RGB = (244, 244, 240)  # beyond Mexico (land or sea: the outlines say nothing of either)
STATE_FILL: RGB = (216, 216, 213)
STATE_EDGE: RGB = (255, 255, 255)
VISITED_FILL: RGB = (190, 219, 199)
VISITED_EDGE: RGB = (74, 130, 98)
LABEL: RGB = (0, 72, 48)
DRIVE: RGB = (176, 38, 30)
FLIGHT: RGB = (36, 58, 96)
NIGHT: RGB = (24, 24, 24)
MUTED: RGB = (110, 110, 110)
WHITE: RGB = (255, 255, 255)


class Canvas(Protocol):
    """What the map needs from a drawing surface. Lengths are in the box's units, text sizes in points."""

    def polygon(self, points: Sequence[XY], *, fill: RGB | None, stroke: RGB | None, width: float) -> None:
        """A closed shape (the first point is not repeated)."""

    def polyline(self, points: Sequence[XY], *, stroke: RGB, width: float, dashed: bool = False) -> None:
        """An open line."""

    def circle(self, centre: XY, radius: float, *, fill: RGB, stroke: RGB | None, width: float) -> None:
        """A disc."""

    def label(
        self,
        position: XY,
        text: str,
        *,
        size: float,
        colour: RGB,
        bold: bool = False,
        align: Align = "left",
        halo: bool = False,
    ) -> None:
        """One line of text whose baseline starts (ends, is centred) at ``position``; ``halo`` outlines it in
        white so it reads over lines and shapes."""

    def text_width(self, text: str, *, size: float, bold: bool = False) -> float:
        """The width of one line of text, in the box's units."""


@dataclass(frozen=True)
class Box:
    """A rectangle on the page: top-left corner, width and height."""

    x: float
    y: float
    width: float
    height: float

    def contains(self, point: XY) -> bool:
        return self.x <= point[0] <= self.x + self.width and self.y <= point[1] <= self.y + self.height


@dataclass(frozen=True)
class View:
    """The part of the world shown: longitudes ``west``..``east``, latitudes ``south``..``north``."""

    west: float
    south: float
    east: float
    north: float

    def contains(self, location: Coordinates) -> bool:
        return self.west <= location.lon <= self.east and self.south <= location.lat <= self.north


@dataclass(frozen=True)
class Projection:
    """Degrees to the page: equirectangular, longitudes scaled by the cosine of the middle latitude, the view
    centred in the box at the largest scale that fits."""

    view: View
    box: Box

    @property
    def kx(self) -> float:
        return math.cos(math.radians((self.view.south + self.view.north) / 2))

    @property
    def scale(self) -> float:
        """Page units per degree of latitude."""
        width = (self.view.east - self.view.west) * self.kx
        height = self.view.north - self.view.south
        return min(self.box.width / width, self.box.height / height)

    def __call__(self, lat: float, lon: float) -> XY:
        middle_lon = (self.view.west + self.view.east) / 2
        middle_lat = (self.view.south + self.view.north) / 2
        x = self.box.x + self.box.width / 2 + (lon - middle_lon) * self.kx * self.scale
        y = self.box.y + self.box.height / 2 - (lat - middle_lat) * self.scale
        return x, y

    def at(self, location: Coordinates) -> XY:
        return self(location.lat, location.lon)


@dataclass(frozen=True)
class Leg:
    """A travel item as the map draws it."""

    start: Point
    end: Point
    mode: TravelMode | None


# --- what the itinerary puts on the map -----------------------------------------------------------------


def route_legs(itinerary: Itinerary) -> list[Leg]:
    """Every travel item between two different points, in order; the same leg (same ends, same mode) once."""
    legs: list[Leg] = []
    seen: set[tuple[Coordinates, Coordinates, TravelMode | None]] = set()
    for day in itinerary.days:
        for item in day.items:
            if item.type is not ItemType.TRAVEL or item.origin is None or item.destination is None:
                continue
            key = (item.origin.location, item.destination.location, item.mode)
            if item.origin.location == item.destination.location or key in seen:
                continue
            seen.add(key)
            legs.append(Leg(item.origin, item.destination, item.mode))
    return legs


def visited_locations(itinerary: Itinerary) -> list[Coordinates]:
    """Where the visits and meetings are, each place once."""
    found: dict[Coordinates, None] = {}
    for day in itinerary.days:
        for item in day.items:
            if item.type in (ItemType.VISIT, ItemType.MEETING) and item.location is not None:
                found.setdefault(item.location)
    return list(found)


def night_locations(itinerary: Itinerary) -> list[Coordinates]:
    """Where the nights are spent, each base once."""
    return list(dict.fromkeys(day.night.location for day in itinerary.days if day.night is not None))


def points_abroad(itinerary: Itinerary) -> list[Point]:
    """The ends of travel legs outside Mexico (no state): where the delegation comes from and goes home to."""
    found: dict[str, Point] = {}
    for leg in route_legs(itinerary):
        for point in (leg.start, leg.end):
            if point.state is None:
                found.setdefault(point.place, point)
    return list(found.values())


def visited_outlines(itinerary: Itinerary, outlines: Sequence[StateOutline]) -> list[tuple[str, StateOutline]]:
    """The outline of each chosen state with the itinerary's name for it (states abroad have none)."""
    result = []
    for state in itinerary.states:
        outline = outline_for(state.name, outlines)
        if outline is not None:
            result.append((state.name, outline))
    return result


def mexico_view(outlines: Sequence[StateOutline]) -> View:
    boxes = [outline.bbox for outline in outlines]
    return View(
        min(box[0] for box in boxes), min(box[1] for box in boxes),
        max(box[2] for box in boxes), max(box[3] for box in boxes),
    )  # fmt: skip


def fit_view(mexico: View, locations: Iterable[Coordinates]) -> View:
    """Mexico, stretched to every location within :data:`REACH_DEG` of it, with a margin."""
    reach = View(mexico.west - REACH_DEG, mexico.south - REACH_DEG, mexico.east + REACH_DEG, mexico.north + REACH_DEG)
    shown = [location for location in locations if reach.contains(location)]
    west = min([mexico.west, *(location.lon for location in shown)])
    east = max([mexico.east, *(location.lon for location in shown)])
    south = min([mexico.south, *(location.lat for location in shown)])
    north = max([mexico.north, *(location.lat for location in shown)])
    dx, dy = (east - west) * MARGIN, (north - south) * MARGIN
    return View(west - dx, south - dy, east + dx, north + dy)


def map_aspect(itinerary: Itinerary, outlines: Sequence[StateOutline] | None = None) -> float:
    """Width over height of the view the map shows for this itinerary, so the caller can size its box."""
    outlines = load_outlines() if outlines is None else outlines
    view = fit_view(mexico_view(outlines), _all_locations(itinerary))
    kx = math.cos(math.radians((view.south + view.north) / 2))
    return (view.east - view.west) * kx / (view.north - view.south)


# --- drawing --------------------------------------------------------------------------------------------


def draw_route_map(
    canvas: Canvas, itinerary: Itinerary, box: Box, outlines: Sequence[StateOutline] | None = None
) -> Projection:
    """Draw the map of ``itinerary`` into ``box`` on ``canvas``; return the projection used.

    Parameters
    ----------
    canvas
        The drawing surface.
    itinerary
        The planned trip: its chosen states are highlighted, its travel legs, visits and nights drawn.
    box
        Where on the page, in the canvas's units.
    outlines
        The state outlines; the package's Natural Earth outlines when ``None``.

    Returns
    -------
    Projection
        Degrees to page coordinates, as drawn.
    """
    outlines = load_outlines() if outlines is None else outlines
    projection = Projection(fit_view(mexico_view(outlines), _all_locations(itinerary)), box)
    visited = visited_outlines(itinerary, outlines)
    visited_isos = {outline.iso for _, outline in visited}

    canvas.polygon(_corners(box), fill=BACKGROUND, stroke=(200, 200, 196), width=0.2)
    for outline in outlines:
        if outline.iso not in visited_isos:
            _draw_outline(canvas, projection, outline, STATE_FILL, STATE_EDGE, 0.2)
    for _, outline in visited:
        _draw_outline(canvas, projection, outline, VISITED_FILL, VISITED_EDGE, 0.3)

    # the states' names under the route, so that no label hides a visit or a night
    for name, outline in visited:
        _label_state(canvas, projection, name, outline)
    legs = route_legs(itinerary)
    for leg in legs:
        _draw_leg(canvas, projection, leg)
    # the nights under the visits: a base is often at a visited place, and the visits must stay visible
    for location in night_locations(itinerary):
        if projection.view.contains(location):
            canvas.polygon(_square(projection.at(location), 1.25), fill=NIGHT, stroke=WHITE, width=0.3)
    for location in visited_locations(itinerary):
        if projection.view.contains(location):
            canvas.circle(projection.at(location), 0.85, fill=WHITE, stroke=DRIVE, width=0.35)
    for point in points_abroad(itinerary):
        if projection.view.contains(point.location):
            x, y = projection.at(point.location)
            canvas.circle((x, y), 1.2, fill=FLIGHT, stroke=WHITE, width=0.3)
            canvas.label((x + 2.2, y + 1.0), short_name(point.name), size=7, colour=FLIGHT, bold=True, halo=True)

    _draw_legend(canvas, box)
    canvas.label(
        (box.x + box.width - 1.5, box.y + box.height - 1.5), ATTRIBUTION, size=5.5, colour=MUTED, align="right"
    )
    return projection


def short_name(name: str) -> str:
    """A place's name without its parenthesised detail: ``Victoria de Durango (hotel …)`` → ``Victoria de Durango``."""
    shortened = re.sub(r"\s*\([^)]*\)", "", name).strip()
    return shortened or name


def _all_locations(itinerary: Itinerary) -> list[Coordinates]:
    locations = [location for leg in route_legs(itinerary) for location in (leg.start.location, leg.end.location)]
    return [*locations, *visited_locations(itinerary), *night_locations(itinerary)]


def _corners(box: Box) -> list[XY]:
    return [(box.x, box.y), (box.x + box.width, box.y), (box.x + box.width, box.y + box.height),
            (box.x, box.y + box.height)]  # fmt: skip


def _square(centre: XY, half: float) -> list[XY]:
    x, y = centre
    return [(x - half, y - half), (x + half, y - half), (x + half, y + half), (x - half, y + half)]


def _draw_outline(canvas: Canvas, projection: Projection, outline: StateOutline, fill: RGB, edge: RGB,
                  width: float) -> None:  # fmt: skip
    for polygon in outline.polygons:
        # holes are left out: the state outlines have none worth drawing at this scale
        ring = polygon[0]
        canvas.polygon([projection(lat, lon) for lon, lat in ring[:-1]], fill=fill, stroke=edge, width=width)


def _draw_leg(canvas: Canvas, projection: Projection, leg: Leg) -> None:
    start, end = leg.start.location, leg.end.location
    inside_start, inside_end = projection.view.contains(start), projection.view.contains(end)
    if not inside_start and not inside_end:
        return
    flight = leg.mode is TravelMode.FLIGHT
    colour, width = (FLIGHT, 0.45) if flight else (DRIVE, 0.55)
    a, b = projection.at(start), projection.at(end)
    if inside_start and inside_end:
        points = _arc(a, b) if flight else [a, b]
        canvas.polyline(points, stroke=colour, width=width, dashed=flight)
        if flight:
            middle = len(points) // 2
            _arrowhead(canvas, points[middle - 1], points[middle + 1], colour)
        return
    # one end is beyond the view: run to the edge, end in an arrow, name the place
    inner, outer, far = (a, b, leg.end) if inside_start else (b, a, leg.start)
    edge = _exit_point(projection.box, inner, outer)
    canvas.polyline([inner, edge], stroke=colour, width=width, dashed=flight)
    towards = edge if inside_start else inner
    away = inner if inside_start else edge
    _arrowhead(canvas, away, towards, colour)
    text = ("to " if inside_start else "from ") + short_name(far.name)
    x, y = edge
    align: Align = "right" if x > projection.box.x + projection.box.width / 2 else "left"
    lx = x - 2 if align == "right" else x + 2
    ly = min(max(y + (3.5 if y < projection.box.y + projection.box.height / 2 else -2), projection.box.y + 4),
             projection.box.y + projection.box.height - 2)  # fmt: skip
    canvas.label((lx, ly), text, size=6.5, colour=colour, align=align, halo=True)


def _arc(a: XY, b: XY, bend: float = 0.18, steps: int = 24) -> list[XY]:
    """A quadratic Bézier from ``a`` to ``b`` bulging by ``bend`` of its length to the left of travel."""
    (x0, y0), (x1, y1) = a, b
    dx, dy = x1 - x0, y1 - y0
    # with y pointing down, (dy, -dx) is to the left of the direction of travel as seen on the page
    cx, cy = (x0 + x1) / 2 + dy * bend, (y0 + y1) / 2 - dx * bend
    points = []
    for step in range(steps + 1):
        t = step / steps
        u = 1 - t
        points.append((u * u * x0 + 2 * u * t * cx + t * t * x1, u * u * y0 + 2 * u * t * cy + t * t * y1))
    return points


def _arrowhead(canvas: Canvas, behind: XY, ahead: XY, colour: RGB, size: float = 1.6) -> None:
    """A filled triangle at ``ahead`` pointing away from ``behind``."""
    dx, dy = ahead[0] - behind[0], ahead[1] - behind[1]
    length = math.hypot(dx, dy)
    if length == 0:
        return
    ux, uy = dx / length, dy / length
    tip = ahead
    base = (ahead[0] - ux * size, ahead[1] - uy * size)
    left = (base[0] - uy * size * 0.45, base[1] + ux * size * 0.45)
    right = (base[0] + uy * size * 0.45, base[1] - ux * size * 0.45)
    canvas.polygon([tip, left, right], fill=colour, stroke=None, width=0)


def _exit_point(box: Box, inside: XY, outside: XY) -> XY:
    """Where the segment from ``inside`` (in the box) to ``outside`` leaves the box."""
    (x0, y0), (x1, y1) = inside, outside
    t = 1.0
    for start, delta, low, high in ((x0, x1 - x0, box.x, box.x + box.width), (y0, y1 - y0, box.y, box.y + box.height)):
        if delta > 0:
            t = min(t, (high - start) / delta)
        elif delta < 0:
            t = min(t, (low - start) / delta)
    return x0 + (x1 - x0) * t, y0 + (y1 - y0) * t


def _label_state(canvas: Canvas, projection: Projection, name: str, outline: StateOutline) -> None:
    ring = max((polygon[0] for polygon in outline.polygons), key=_ring_area)
    lon, lat = _ring_centroid(ring)
    x, y = projection(lat, lon)
    west, _, east, _ = outline.bbox
    width = (east - west) * projection.kx * projection.scale
    if width < 12:  # a small state (Ciudad de México, Tlaxcala): the name beside it, with a leader line
        tx, ty = x + 5, y + 5.5
        canvas.polyline([(x + 0.8, y + 0.8), (tx - 0.4, ty - 2.2)], stroke=LABEL, width=0.2)
        canvas.label((tx - 1, ty), name, size=7.5, colour=LABEL, bold=True, align="left", halo=True)
        return
    canvas.label((x, y + 1.2), name, size=7.5, colour=LABEL, bold=True, align="center", halo=True)


def _ring_area(ring: Sequence[tuple[float, float]]) -> float:
    return abs(_signed_area(ring))


def _signed_area(ring: Sequence[tuple[float, float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring)) / 2


def _ring_centroid(ring: Sequence[tuple[float, float]]) -> tuple[float, float]:
    area = _signed_area(ring)
    if area == 0:
        return ring[0]
    cx = sum((x0 + x1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in itertools.pairwise(ring))
    cy = sum((y0 + y1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in itertools.pairwise(ring))
    return cx / (6 * area), cy / (6 * area)


def _draw_legend(canvas: Canvas, box: Box) -> None:
    """The key, in the map's top-right corner (the Gulf of Mexico, where nothing of Mexico is drawn)."""
    entries = ("Visited state", "Drive (straight line)", "Flight", "Visit or meeting", "Night")
    size = 6.5
    line = 4.0
    width = 12 + max(canvas.text_width(entry, size=size) for entry in entries)
    height = line * len(entries) + 2.5
    left, top = box.x + box.width - width - 3, box.y + 3
    canvas.polygon(_corners(Box(left, top, width, height)), fill=WHITE, stroke=(200, 200, 196), width=0.2)
    for row, entry in enumerate(entries):
        y = top + 1.2 + line * row + line / 2  # the symbol's middle
        x = left + 2
        if row == 0:
            canvas.polygon(_corners(Box(x, y - 1.3, 6, 2.6)), fill=VISITED_FILL, stroke=VISITED_EDGE, width=0.3)
        elif row == 1:
            canvas.polyline([(x, y), (x + 6, y)], stroke=DRIVE, width=0.55)
        elif row == 2:
            canvas.polyline(_arc((x, y + 0.6), (x + 6, y + 0.6), bend=-0.15, steps=8), stroke=FLIGHT, width=0.45,
                            dashed=True)  # fmt: skip
        elif row == 3:
            canvas.circle((x + 3, y), 0.85, fill=WHITE, stroke=DRIVE, width=0.35)
        else:
            canvas.polygon(_square((x + 3, y), 1.25), fill=NIGHT, stroke=WHITE, width=0.3)
        canvas.label((x + 8, y + 0.9), entry, size=size, colour=(40, 40, 40))
