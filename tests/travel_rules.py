"""An independent checker of the travel rules an itinerary keeps (issue 16), on the JSON document.

Every move between two different places costs at least the trip's buffer (a walk within one site its
shorter buffer); a drive inside a metropolitan area runs no faster than the area's speed; no vehicle drives
onto or off an island; no open-road drive runs before sunrise or after sunset unless the trip allows it; every
day that spans the lunch hours has lunch, or a note saying where it is had. It reads the catalogue for the
areas, islands and sites, and computes distances and daylight itself.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from scout.calendar import daylight
from scout.model import Catalogue, Coordinates, TripRequest
from scout.timezones import zone as time_zone

ROAD = ("drive", "transfer")
LOCAL_KM = 10.0  # shorter drives stay in town (scout.plan.rules.LOCAL_DRIVE_KM)


def _km(a: Coordinates, b: Coordinates) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def check_travel_rules(doc: Mapping[str, Any], catalogue: Catalogue, trip: TripRequest) -> list[str]:
    """Every travel rule the itinerary breaks, as messages naming the day and item."""
    found: list[str] = []
    rules = trip.travel
    for d, day in enumerate(doc["days"]):
        items = day["items"]
        for i, item in enumerate(items):
            where = f"days[{d}].items[{i}]"
            if item["type"] == "travel":
                found.extend(f"{where}: {problem}" for problem in _travel(item, catalogue, trip))
            border = item["type"] == "break" and item.get("kind") == "border"
            empty = border and datetime.fromisoformat(item["end"]) <= datetime.fromisoformat(item["start"])
            if empty and (rules.border_south or rules.border_north):
                found.append(f"{where}: a border wait of no time")
        found.extend(f"days[{d}]: {problem}" for problem in _lunch(day, trip))
    return found


def _point(end: Mapping[str, Any]) -> Coordinates:
    return Coordinates(end["lat"], end["lon"])


def _area(catalogue: Catalogue, point: Coordinates) -> str | None:
    return next((a.id for a in catalogue.areas if _km(point, a.centre) <= a.radius_km), None)


def _travel(item: Mapping[str, Any], catalogue: Catalogue, trip: TripRequest) -> list[str]:
    problems = []
    rules = trip.travel
    origin, destination = item["from"]["place"], item["to"]["place"]
    start, end = datetime.fromisoformat(item["start"]), datetime.fromisoformat(item["end"])
    minutes = (end - start).total_seconds() / 60
    a, b = catalogue.place(origin), catalogue.place(destination)
    mode = item["mode"]
    if origin != destination and mode != "flight" and mode != "ferry":
        least = rules.same_site if a.site is not None and a.site == b.site else rules.buffer
        if minutes < least:
            problems.append(f"{mode} from {origin} to {destination} takes {minutes:.0f} min, under the buffer {least}")
    if mode in (*ROAD, "walk") and a.island != b.island:
        problems.append(f"{mode} from {origin} to {destination} crosses water")
    pa, pb = _point(item["from"]), _point(item["to"])
    area_a, area_b = _area(catalogue, pa), _area(catalogue, pb)
    if mode == "drive" and item.get("source") in ("estimated", "routed") and area_a is not None and area_a == area_b:
        area = next(x for x in catalogue.areas if x.id == area_a)
        road = item["km"] if item.get("source") == "routed" else _km(pa, pb) * rules.detour
        slowest = road / area.speed_kmh * 60 * rules.city_factor
        if minutes - (item.get("buffer_min") or 0) < slowest - 1.5:
            problems.append(f"drive in {area.name} from {origin} to {destination} is faster than its traffic")
    open_road = mode in ROAD and (item.get("km") or 0) > LOCAL_KM and (area_a is None or area_a != area_b)
    if open_road and not trip.schedule.night_driving:
        rise = _sun(catalogue, origin, start)[0]
        fall = _sun(catalogue, destination, end)[1]
        if start < rise or end > fall:
            problems.append(f"drive from {origin} to {destination} ({item['start']} – {item['end']}) is in the dark")
    return problems


def _sun(catalogue: Catalogue, place_id: str, moment: datetime) -> tuple[datetime, datetime]:
    place = catalogue.place(place_id)
    assert place.location is not None
    zone = catalogue.time_zone_of(place)
    local = moment.astimezone(time_zone(zone))
    rise, fall = daylight(place.location, local.date(), zone)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return (midnight.replace(hour=rise // 60, minute=rise % 60), midnight.replace(hour=fall // 60, minute=fall % 60))


def _lunch(day: Mapping[str, Any], trip: TripRequest) -> list[str]:
    schedule = trip.schedule
    if not schedule.lunch_length or not day["items"]:
        return []
    first = datetime.fromisoformat(day["items"][0]["start"])
    last = datetime.fromisoformat(day["items"][-1]["end"])
    low, high = schedule.lunch_window
    # The day spans the lunch hours in the local time of its first item.
    opens = first.replace(hour=low // 60, minute=low % 60)
    closes = first.replace(hour=high // 60, minute=high % 60)
    if not (first <= opens and last >= closes):
        return []
    lunch = any(i["type"] == "break" and i.get("kind") == "lunch" for i in day["items"])
    on_board = any(i["type"] == "travel" and "lunch" in (i.get("label") or "") for i in day["items"])
    noted = any("lunch" in note.lower() for note in day.get("notes", []))
    return [] if lunch or on_board or noted else ["spans the lunch hours without lunch or a note about it"]
