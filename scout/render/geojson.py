"""The itinerary as GeoJSON (RFC 7946), for a map: geojson.io, QGIS, uMap, kepler.gl, GitHub's file view.

:func:`render_geojson` builds a ``FeatureCollection`` as plain dicts; :func:`geojson_text` writes it the
one way ``scout`` does (UTF-8 text, accents kept, two-space indent, a final newline), so the same itinerary
always gives the same file.

Features, in the order of the trip, day by day:

- a ``Point`` for every visit and meeting that has coordinates (``type`` ``visit`` or ``meeting``);
- a ``LineString`` for every travel leg, from its origin to its destination (``type`` ``travel``). One
  feature per leg rather than one per day, so that a map tool can colour, filter and label legs by mode
  and distance. The line is straight: the itinerary knows a leg's length by road, not its path;
- a ``Point`` for each night's base (``type`` ``night``); none after the last day when the delegation
  flies home.

Breaks have no coordinates of their own and are left out. Coordinates are ``[longitude, latitude]`` as
RFC 7946 orders them (the reverse of the itinerary JSON's ``lat``, ``lon``). Properties are flat scalars,
which every map tool can label and filter by:

- every feature: ``title`` (a label such as ``Flight: A → B``), ``type``, ``day`` (from 1) and ``date``;
- visits, meetings and legs: ``start`` and ``end`` (ISO 8601 with the local offset) and ``time``
  (``10:00–11:30 PDT``);
- visits and meetings: ``name``, ``place``, ``kind``, ``state``, ``value``, ``approx``, and ``meeting``
  (a meeting's title);
- legs: ``mode``, ``km``, ``from`` and ``to`` (place ids), ``from_name`` and ``to_name``;
- nights: ``name``, ``place`` and ``state``.

``marker-color``, ``marker-symbol``, ``stroke`` and ``stroke-width`` follow the simplestyle convention
that GitHub and geojson.io draw with.
"""

from __future__ import annotations

import json
from typing import Any

from scout.model.catalogue import Coordinates, TravelMode
from scout.model.itinerary import Day, Item, ItemType, Itinerary, Point
from scout.render.text import place_name, summary, time_range

# simplestyle colours: places to scout stand out, meetings differ from visits, nights are quiet
_MARKER_COLOURS = {ItemType.VISIT: "#d62728", ItemType.MEETING: "#1f77b4"}
_NIGHT_COLOUR = "#7f7f7f"
_STROKE_COLOURS = {
    TravelMode.DRIVE: "#2ca02c",
    TravelMode.FLIGHT: "#9467bd",
    TravelMode.WALK: "#ff7f0e",
    TravelMode.TRANSFER: "#8c564b",
    TravelMode.FERRY: "#1f77b4",
}

Feature = dict[str, Any]


def render_geojson(itinerary: Itinerary) -> dict[str, Any]:
    """The itinerary as a GeoJSON ``FeatureCollection`` of plain, JSON-ready values.

    Parameters
    ----------
    itinerary
        The planned trip.

    Returns
    -------
    dict[str, Any]
        ``{"type": "FeatureCollection", "name": <trip name>, "features": [...]}``; ``name`` is a foreign
        member that GDAL (and so QGIS) takes as the layer's name. Each feature's ``id`` is
        ``"d<day>-<item>"`` (the item's position in the day, from 1) or ``"d<day>-night"``.
    """
    features: list[Feature] = []
    for number, day in enumerate(itinerary.days, start=1):
        for position, item in enumerate(day.items, start=1):
            feature = _item_feature(number, day, item)
            if feature is not None:
                features.append({"type": "Feature", "id": f"d{number}-{position}", **feature})
        if day.night is not None:
            features.append({"type": "Feature", "id": f"d{number}-night", **_night_feature(number, day, day.night)})
    return {"type": "FeatureCollection", "name": itinerary.name, "features": features}


def geojson_text(itinerary: Itinerary) -> str:
    """:func:`render_geojson` as text: UTF-8 ready (``ensure_ascii`` off), indented by two, newline-terminated."""
    return json.dumps(render_geojson(itinerary), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def _position(location: Coordinates) -> list[float]:
    return [location.lon, location.lat]  # RFC 7946 §3.1.1: longitude first


def _item_feature(number: int, day: Day, item: Item) -> Feature | None:
    """Geometry and properties of a visit, meeting or travel leg; ``None`` for what has no place on a map."""
    common: dict[str, Any] = {"title": summary(item), "type": item.type.value, "day": number}
    common["date"] = day.date.isoformat()
    common |= {"start": item.start.isoformat(), "end": item.end.isoformat(), "time": time_range(item)}
    if item.type is ItemType.TRAVEL:
        if item.origin is None or item.destination is None:
            return None
        geometry = {
            "type": "LineString",
            "coordinates": [_position(item.origin.location), _position(item.destination.location)],
        }
        properties = common | {
            "mode": item.mode.value if item.mode is not None else None,
            "km": item.km,
            "from": item.origin.place,
            "from_name": item.origin.name,
            "to": item.destination.place,
            "to_name": item.destination.name,
            "stroke": _STROKE_COLOURS[item.mode] if item.mode is not None else "#555555",
            "stroke-width": 2,
        }
        return {"geometry": geometry, "properties": properties}
    if item.type not in (ItemType.VISIT, ItemType.MEETING) or item.location is None:
        return None
    properties = common | {
        "name": place_name(item),
        "place": item.place,
        "kind": item.kind,
        "state": item.state,
        "value": item.value,
        "approx": item.approx,
    }
    if item.title:
        properties["meeting"] = item.title
    properties["marker-color"] = _MARKER_COLOURS[item.type]
    return {"geometry": {"type": "Point", "coordinates": _position(item.location)}, "properties": properties}


def _night_feature(number: int, day: Day, night: Point) -> Feature:
    properties = {
        "title": f"Night: {night.name}",
        "type": "night",
        "day": number,
        "date": day.date.isoformat(),
        "name": night.name,
        "place": night.place,
        "state": night.state,
        "marker-color": _NIGHT_COLOUR,
        "marker-symbol": "lodging",
    }
    return {"geometry": {"type": "Point", "coordinates": _position(night.location)}, "properties": properties}
