"""The itinerary as an iCalendar file (RFC 5545), to import into or subscribe from a calendar app.

One pure function, :func:`render_ics`, turns every visit, meeting, travel leg and lunch break into a
VEVENT. Lunch breaks are included so that the calendar shows the whole day and nobody books a call over
lunch. The `icalendar <https://icalendar.readthedocs.io>`_ library writes the file: it escapes text
(commas, semicolons, backslashes, newlines), folds lines at 75 octets, ends them with CRLF and builds the
VTIMEZONE components from the same zoneinfo database that the rest of ``scout`` uses.

Times. Each start and end is written in the IANA zone of where it happens (``DTSTART;TZID=America/
Tijuana``), a flight departing in its origin's zone and landing in its destination's, so a calendar app
shows them right wherever the reader's device is. An end or start whose zone is not known is written in
UTC, which keeps the instant exact.

Identity. A calendar app recognises an event it has seen by its UID. The UIDs here are name-based UUIDs
(version 5) of the trip's name and a key of what the event is, never of its time: ``visit`` or ``meeting``
and the place; ``travel`` and the two places; ``break``, the date and its order in the day; with a counter
when a key repeats. Re-planning the same trip with other times therefore gives the same UIDs, and an app
that re-imports or re-reads a subscription moves the events instead of duplicating them.

Determinism. The output is a function of the itinerary (and of the installed tz database, which the
VTIMEZONE components describe). DTSTAMP, which RFC 5545 requires and which would normally be the moment
the file was written, is the trip's first day at 00:00 UTC, and SEQUENCE is 0.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time
from uuid import NAMESPACE_DNS, uuid5

from icalendar import Calendar, Event

from scout.model.itinerary import Day, Item, ItemType, Itinerary
from scout.render.text import (
    APPROXIMATE,
    clock,
    contact_parts,
    date_range,
    kilometres,
    kind_label,
    map_url,
    mode_name,
    place_name,
    summary,
    time_range,
    zone_label,
)
from scout.timezones import zone

PRODID = "-//scout//Scouting itinerary//EN"
# All UIDs live in this namespace, so they cannot collide with UUIDs another tool derives from the same text.
_UID_NAMESPACE = uuid5(NAMESPACE_DNS, "itinerary.scout.invalid")
_CATEGORIES = {
    ItemType.VISIT: "Visit",
    ItemType.MEETING: "Meeting",
    ItemType.TRAVEL: "Travel",
    ItemType.BREAK: "Break",
}


def render_ics(itinerary: Itinerary) -> bytes:
    """The itinerary as an iCalendar file: one VEVENT per visit, meeting, travel leg and lunch break.

    Parameters
    ----------
    itinerary
        The planned trip.

    Returns
    -------
    bytes
        UTF-8 iCalendar text with CRLF line endings, lines folded at 75 octets, ``METHOD:PUBLISH``, the
        VTIMEZONE of every zone used, and stable UIDs (see the module's docstring). The same itinerary
        always gives the same bytes.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # NAME is RFC 7986; X-WR-CALNAME is the older name most calendar apps still read
    calendar.add("name", itinerary.name)
    calendar.add("x-wr-calname", itinerary.name)
    description = date_range(itinerary.start_date, itinerary.end_date)
    if itinerary.states:
        description += " · " + ", ".join(state.name for state in itinerary.states)
    calendar.add("x-wr-caldesc", description)
    stamp = datetime.combine(itinerary.start_date, time(0), tzinfo=UTC)
    for (day_number, day, item), key in zip(_numbered_items(itinerary), _keys(itinerary.days), strict=True):
        calendar.add_component(_event(itinerary, day_number, day, item, key, stamp))
    # A VTIMEZONE for every TZID used, from zoneinfo, spanning the trip's calendar years: icalendar's default
    # span (1970-2038) lists every transition as RDATEs, some 300 lines for three zones that no event uses.
    calendar.add_missing_timezones(date(itinerary.start_date.year, 1, 1), date(itinerary.end_date.year + 1, 1, 1))
    ical: bytes = calendar.to_ical()  # typed as Any by icalendar
    return ical


def _numbered_items(itinerary: Itinerary) -> list[tuple[int, Day, Item]]:
    return [(number, day, item) for number, day in enumerate(itinerary.days, start=1) for item in day.items]


def _keys(days: tuple[Day, ...]) -> list[str]:
    """What each item is, independent of when: the base of its UID (see the module's docstring)."""
    keys: list[str] = []
    seen: Counter[str] = Counter()
    for day in days:
        breaks = 0
        for item in day.items:
            if item.type is ItemType.TRAVEL:
                origin = item.origin.place if item.origin is not None else ""
                destination = item.destination.place if item.destination is not None else ""
                key = f"travel/{origin}/{destination}"
            elif item.type is ItemType.BREAK:
                breaks += 1
                key = f"break/{day.date.isoformat()}/{breaks}"
            else:
                key = f"{item.type.value}/{item.place or place_name(item)}"
            seen[key] += 1
            keys.append(key if seen[key] == 1 else f"{key}/{seen[key]}")
    return keys


def _uid(itinerary: Itinerary, key: str) -> str:
    return str(uuid5(_UID_NAMESPACE, f"{itinerary.name}\n{key}"))


def _in_zone(moment: datetime, zone_name: str | None) -> datetime:
    """``moment`` in its IANA zone (written with a TZID), or in UTC when the zone is unknown.

    Converting keeps the instant; a fixed-offset ``datetime`` from the JSON would otherwise be written with
    a made-up TZID such as ``UTC-07:00`` that no calendar app can resolve.
    """
    if zone_name is not None:
        try:
            return moment.astimezone(zone(zone_name))
        except KeyError:
            pass
    return moment.astimezone(UTC)


def _event(itinerary: Itinerary, day_number: int, day: Day, item: Item, key: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", _uid(itinerary, key))
    event.add("dtstamp", stamp)
    event.add("sequence", 0)
    event.add("summary", _summary(item))
    if item.type is ItemType.TRAVEL:
        start_zone = item.origin.zone if item.origin is not None else None
        end_zone = item.destination.zone if item.destination is not None else None
    else:
        start_zone = end_zone = item.zone
    event.add("dtstart", _in_zone(item.start, start_zone))
    event.add("dtend", _in_zone(item.end, end_zone))
    location = _location(item)
    if location:
        event.add("location", location)
    # GEO is where the event starts: the place of a visit or meeting, the origin of a travel leg (where
    # the delegation must be when it begins, which "time to leave" reminders need).
    coordinates = item.origin.location if item.type is ItemType.TRAVEL and item.origin is not None else item.location
    if coordinates is not None:
        event.add("geo", (coordinates.lat, coordinates.lon))
    event.add("description", _description(itinerary, day_number, day, item))
    event.add("categories", [_CATEGORIES[item.type]])
    if item.contact is not None and item.contact.web:
        event.add("url", item.contact.web)
    return event


def _summary(item: Item) -> str:
    if item.type is ItemType.BREAK and place_name(item):
        return f"{summary(item)} at {place_name(item)}"
    return summary(item)


def _location(item: Item) -> str:
    if item.type is ItemType.TRAVEL:
        origin = item.origin.name if item.origin is not None else "?"
        destination = item.destination.name if item.destination is not None else "?"
        return f"{origin} → {destination}"
    name = place_name(item)
    if item.address:
        return f"{name}, {item.address}" if name else item.address
    return name


def _description(itinerary: Itinerary, day_number: int, day: Day, item: Item) -> str:
    """Plain text, one fact per line: what the delegation needs on the spot without opening other files."""
    lines: list[str] = []
    if item.type is ItemType.TRAVEL:
        mode = mode_name(item)
        lines.append(f"{mode}, {kilometres(item.km)}" if item.km is not None else mode)
        if item.origin is not None:
            departs = f"{clock(item.start)} {zone_label(item.start, item.origin.zone)}"
            lines.append(f"From: {item.origin.name} (departs {departs})")
        if item.destination is not None:
            arrives = f"{clock(item.end)} {zone_label(item.end, item.destination.zone)}"
            lines.append(f"To: {item.destination.name} (arrives {arrives})")
    else:
        lines.append(time_range(item))
        if item.type in (ItemType.VISIT, ItemType.MEETING):
            facts = [_CATEGORIES[item.type]]
            if item.kind:
                facts.append(kind_label(item.kind))
            if item.value:
                facts.append(f"value {item.value:.1f}")
            lines.append(" · ".join(facts))
        if item.type is ItemType.MEETING and place_name(item):
            lines.append(f"At: {place_name(item)}")
        if item.window is not None:
            opened, closes = item.window
            lines.append(f"Window: {clock(opened)}–{clock(closes)} {zone_label(opened, item.zone)}")
        if item.address:
            lines.append(f"Address: {item.address}")
        if item.contact is not None and contact_parts(item.contact):
            lines.append("Contact: " + " · ".join(contact_parts(item.contact)))
        if item.permits:
            lines.append(f"Permits: {item.permits}")
        if item.notes:
            lines.append(f"Notes: {item.notes}")
        if item.location is not None:
            lines.append(f"Map: {map_url(item.location, approx=item.approx)}")
            if item.approx:
                lines.append(f"Coordinates {APPROXIMATE}.")
    lines.append(f"{itinerary.name}, day {day_number} of {len(itinerary.days)} ({day.date.isoformat()})")
    return "\n".join(lines)
