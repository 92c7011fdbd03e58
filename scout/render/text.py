"""Words and numbers the exports share: dates, clock times with zone abbreviations, distances, item labels.

The Markdown, calendar and map exports describe the same items, and a reader who opens two of them should
read the same times and the same names; so the wording lives here once. Nothing here knows an output syntax
(Markdown escaping, iCalendar text, JSON): every function returns plain text for the caller to escape.

Times are shown in the local time the itinerary stored (each ``datetime`` carries its UTC offset), labelled
with the abbreviation of the item's IANA zone at that instant (``PDT``, ``CST``). The itinerary JSON keeps
only offsets, so the zone names come from the items' ``zone`` fields; where a zone is missing, unknown, or
disagrees with the stored offset, the label is the offset itself (``UTC−07:00``), which is never wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta

from scout.formats import long_date
from scout.model.catalogue import Contact, Coordinates, TravelMode
from scout.model.itinerary import Item, ItemType, Itinerary, Point
from scout.timezones import zone

MINUS = "\N{MINUS SIGN}"  # typographic minus, as in "UTC−07:00"
# zoneinfo names zones that have no customary abbreviation by their offset: "-05", "+0530"
_NUMERIC_ABBREVIATION = re.compile(r"^[+-]\d{2}(?::?\d{2})?$")
MODE_NAMES = {
    TravelMode.DRIVE: "Drive",
    TravelMode.FLIGHT: "Flight",
    TravelMode.WALK: "Walk",
    TravelMode.TRANSFER: "Transfer",
    TravelMode.FERRY: "Ferry",
}
ROAD_MODES = frozenset({TravelMode.DRIVE, TravelMode.TRANSFER})  # "by road" in the summaries


def mode_name(item: Item) -> str:
    """``Drive``; a scheduled flight with its number and airline: ``Flight Y4 123 (Volaris)``."""
    name = MODE_NAMES[item.mode] if item.mode is not None else "Travel"
    if item.carrier is None:
        return name
    return f"{name} {item.flight_number} ({item.carrier})" if item.flight_number else f"{name} ({item.carrier})"


def date_range(start: date, end: date) -> str:
    """``Monday 23 September 2024 – Tuesday 24 September 2024``, or one date for a one-day trip."""
    return long_date(start) if start == end else f"{long_date(start)} – {long_date(end)}"


def clock(moment: datetime) -> str:
    """``07:30``: the wall-clock time in the offset the moment carries."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def offset_label(offset: timedelta) -> str:
    """``UTC−07:00``, ``UTC+05:30``, ``UTC+00:00``."""
    sign = MINUS if offset < timedelta(0) else "+"
    minutes = abs(offset) // timedelta(minutes=1)
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def zone_label(moment: datetime, zone_name: str | None) -> str:
    """The abbreviation of ``zone_name`` at ``moment`` (``PDT``), or ``UTC−07:00`` when there is none.

    The stored offset is the truth: a zone whose offset at that instant differs from it (a stale zone
    name, a hand-edited file) is not used, so the label never contradicts the clock time shown with it.
    """
    offset = moment.utcoffset() or timedelta(0)
    if zone_name is not None:
        try:
            local = moment.astimezone(zone(zone_name))
        except KeyError:
            local = None
        if local is not None and local.utcoffset() == offset:
            name = local.tzname()
            if name and not _NUMERIC_ABBREVIATION.match(name):
                return name
    else:
        name = moment.tzname()  # a time built in a named zone (not read back from JSON) knows its own
        if name and not _NUMERIC_ABBREVIATION.match(name) and not name.startswith("UTC"):
            return name
    return offset_label(offset)


def item_zones(item: Item) -> tuple[str | None, str | None]:
    """The IANA zones of where an item starts and where it ends: a flight's origin and destination."""
    if item.type is ItemType.TRAVEL:
        return (
            item.origin.zone if item.origin is not None else None,
            item.destination.zone if item.destination is not None else None,
        )
    return item.zone, item.zone


def time_range(item: Item, across: str = " – ") -> str:
    """``10:00–11:30 PDT``; ``07:30 PDT – 12:15 CST`` across zones (``across`` joins the two ends then);
    ``+1d`` when it ends on a later day."""
    start_zone, end_zone = item_zones(item)
    start_label, end_label = zone_label(item.start, start_zone), zone_label(item.end, end_zone)
    if start_label == end_label and item.start.utcoffset() == item.end.utcoffset():
        text = f"{clock(item.start)}–{clock(item.end)} {start_label}"
    else:
        text = f"{clock(item.start)} {start_label}{across}{clock(item.end)} {end_label}"
    days_later = (item.end.date() - item.start.date()).days
    return f"{text} +{days_later}d" if days_later > 0 else text


def kilometres(km: float) -> str:
    """``1,850 km``; one decimal under 10 km, where a rounded ``0 km`` would hide a short transfer."""
    return f"{km:.1f} km" if km < 10 else f"{km:,.0f} km"


def kind_label(kind: str) -> str:
    """``film-commission`` -> ``film commission``."""
    return kind.replace("-", " ")


def place_name(item: Item) -> str:
    """The name of a visit's, meeting's or break's place, falling back on its id."""
    return item.name or item.place or ""


def travel_route(item: Item) -> str:
    """``Tijuana International → Guadalajara International`` (either end may be unknown)."""
    origin = item.origin.name if item.origin is not None else "?"
    destination = item.destination.name if item.destination is not None else "?"
    return f"{origin} → {destination}"


def summary(item: Item) -> str:
    """A one-line title: ``Visit: Tequila``, ``Meeting: <title>``, ``Flight: A → B``, ``Lunch``."""
    if item.type is ItemType.VISIT:
        return f"Visit: {place_name(item) or 'place'}"
    if item.type is ItemType.MEETING:
        if item.title:
            return f"Meeting: {item.title}"
        return f"Meeting at {place_name(item)}" if place_name(item) else "Meeting"
    if item.type is ItemType.TRAVEL:
        return f"{mode_name(item)}: {travel_route(item)}"
    return item.label or "Lunch"


def value_and_bound(itinerary: Itinerary) -> str:
    """``20.0 of a bound of 22.5: gap 2.5 (11.1 %)``; ``20.0 (proved optimal)``; ``20.0 (no bound proved)``."""
    value, bound = itinerary.value, itinerary.bound
    if bound is None:
        text = f"{value:.1f} (no bound proved)"
    else:
        gap = max(bound - value, 0.0)  # a bound is never below the value; rounding noise must not show as -0.0
        text = f"{value:.1f} of a bound of {bound:.1f}: gap {gap:.1f}"
        if bound > 0:
            text += f" ({100 * gap / bound:.1f} %)"
    return text + (" (proved optimal)" if itinerary.proved_optimal and bound is not None else "")


def scouted(items: Iterable[Item]) -> Iterator[Item]:
    """The visits and meetings among ``items``: what the trip is for, and what carries value."""
    return (item for item in items if item.type in (ItemType.VISIT, ItemType.MEETING))


def trip_day_states(itinerary: Itinerary) -> list[list[str]]:
    """The state codes each day goes through, in order.

    A day starts where the previous one ended, then goes through the states of its visits and meetings,
    and ends in the state of its night. A night's state is known when some visit or meeting of the trip
    is at the same place; otherwise the day is taken to end in the state of its last visit or meeting.
    A day ending at home ends in no state.
    """
    everything = (item for day in itinerary.days for item in scouted(day.items))
    state_of_place = {item.place: item.state for item in everything if item.place and item.state}
    result: list[list[str]] = []
    previous: str | None = None
    for day in itinerary.days:
        states: list[str] = []
        _append_state(states, previous)
        for item in day.items:
            if item.type in (ItemType.VISIT, ItemType.MEETING):
                _append_state(states, item.state)
        if day.night is None:
            previous = None
        else:
            _append_state(states, day.night.state or state_of_place.get(day.night.place))
            previous = states[-1] if states else None
        result.append(states)
    return result


def _append_state(states: list[str], code: str | None) -> None:
    if code is not None and (not states or states[-1] != code):
        states.append(code)


def travel_km(itinerary: Itinerary) -> dict[TravelMode, float]:
    """Kilometres travelled per mode over the trip; legs of unknown length count for nothing."""
    totals: dict[TravelMode, float] = {}
    for day in itinerary.days:
        for item in day.items:
            if item.type is ItemType.TRAVEL and item.mode is not None and item.km is not None:
                totals[item.mode] = totals.get(item.mode, 0.0) + item.km
    return totals


def contact_parts(contact: Contact) -> list[str]:
    """The contact's name, phone, email and web address, those that are given, in that order."""
    return [part for part in (contact.name, contact.phone, contact.email, contact.web) if part]


def map_url(location: Coordinates, *, approx: bool = False) -> str:
    """An OpenStreetMap address with a marker; zoomed out to the town when the point is approximate."""
    zoom = 13 if approx else 15
    lat, lon = f"{location.lat:.5f}", f"{location.lon:.5f}"  # 5 decimals: about a metre
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map={zoom}/{lat}/{lon}"


APPROXIMATE = "approximate: the town or area, not the exact spot"


# Under the states weighed, for a set listed without a value (the terminal and Markdown).
NOT_BUILT = (
    "—: no days built for these states; their bound is no better than the chosen itinerary's value, "
    "or no order of the nights fits the dated meetings"
)


def night_label(night: Point) -> str:
    """The night's hotel as a traveller needs it: its name, then its street address where known."""
    return night.name if night.address is None else f"{night.name}, {night.address}"
