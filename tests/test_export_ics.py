"""The iCalendar export, parsed back with icalendar and compared with the itinerary item by item."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from icalendar import Calendar, Event

from scout.model.itinerary import Day, Item, ItemType, Itinerary
from scout.render.ics import PRODID, render_ics
from tests.samples import LOS_ANGELES, MEXICO, TIJUANA, sample_itinerary


def events(itinerary: Itinerary) -> list[Event]:
    return list(Calendar.from_ical(render_ics(itinerary)).events)


def items(itinerary: Itinerary) -> list[Item]:
    return [item for day in itinerary.days for item in day.items]


def shifted(itinerary: Itinerary, delta: timedelta) -> Itinerary:
    """The same trip re-planned with every time moved by ``delta``: what a re-plan after a change gives."""

    def move(item: Item) -> Item:
        window = (item.window[0] + delta, item.window[1] + delta) if item.window is not None else None
        return replace(item, start=item.start + delta, end=item.end + delta, window=window)

    days = tuple(replace(day, items=tuple(move(item) for item in day.items)) for day in itinerary.days)
    return replace(itinerary, days=days)


def with_item(itinerary: Itinerary, index: int, **changes: object) -> Itinerary:
    """The itinerary with its ``index``-th item (over all days) changed."""
    target = items(itinerary)[index]
    days = tuple(
        replace(day, items=tuple(replace(item, **changes) if item is target else item for item in day.items))  # type: ignore[arg-type]
        for day in itinerary.days
    )
    return replace(itinerary, days=days)


def utc(moment: date) -> datetime:
    assert isinstance(moment, datetime), moment  # every event has a time, none is all-day
    return moment.astimezone(UTC)


def prop(component: Event, name: str) -> Any:
    """A property as icalendar parsed it (vText, vDDDTypes, vGeo...: one wide union to a type checker)."""
    return component[name]


# --- the calendar ---------------------------------------------------------------------------------------


def test_calendar_says_what_calendar_apps_need() -> None:
    calendar = Calendar.from_ical(render_ics(sample_itinerary()))
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == PRODID
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["X-WR-CALNAME"]) == "Viaje de familiarización 2024"
    assert str(calendar["NAME"]) == "Viaje de familiarización 2024"
    assert calendar.get_missing_tzids() == set()


def test_one_event_per_visit_meeting_travel_leg_and_break() -> None:
    itinerary = sample_itinerary()
    found = events(itinerary)
    assert len(found) == len(items(itinerary)) == 12
    categories = [str(prop(event, "CATEGORIES").cats[0]) for event in found]
    assert categories.count("Visit") == 2
    assert categories.count("Meeting") == 1
    assert categories.count("Travel") == 8
    assert categories.count("Break") == 1


def test_every_event_happens_when_its_item_does() -> None:
    itinerary = sample_itinerary()
    for event, item in zip(events(itinerary), items(itinerary), strict=True):
        assert utc(event.start) == utc(item.start), event["SUMMARY"]
        assert utc(event.end) == utc(item.end), event["SUMMARY"]


def test_times_carry_the_zone_of_where_they_happen() -> None:
    found = events(sample_itinerary())
    zones = [(prop(event, "DTSTART").params["TZID"], prop(event, "DTEND").params["TZID"]) for event in found]
    assert zones[0] == (LOS_ANGELES, TIJUANA)  # the drive from LAX crosses the border
    assert zones[1:6] == [(TIJUANA, TIJUANA)] * 5
    flight = found[7]
    assert str(flight["SUMMARY"]) == "Flight: Tijuana International → Guadalajara International"
    assert zones[7] == (TIJUANA, MEXICO)
    # 07:30 in Tijuana (PDT, -07:00) is 14:30 UTC; 12:15 in Mexico City (CST, -06:00) is 18:15 UTC
    assert prop(flight, "DTSTART").to_ical() == b"20240924T073000"
    assert prop(flight, "DTEND").to_ical() == b"20240924T121500"
    assert utc(flight.start) == datetime(2024, 9, 24, 14, 30, tzinfo=UTC)
    assert utc(flight.end) == datetime(2024, 9, 24, 18, 15, tzinfo=UTC)
    assert zones[11] == (MEXICO, LOS_ANGELES)


def test_every_zone_used_has_its_vtimezone() -> None:
    calendar = Calendar.from_ical(render_ics(sample_itinerary()))
    assert sorted(str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")) == sorted([LOS_ANGELES, MEXICO, TIJUANA])
    text = render_ics(sample_itinerary())
    assert text.index(b"BEGIN:VTIMEZONE") < text.index(b"BEGIN:VEVENT")


def vtimezone_offsets_match(itinerary: Itinerary) -> None:
    """Each event's local times, read with the file's own VTIMEZONE (not the system's zoneinfo), are right."""
    calendar = Calendar.from_ical(render_ics(itinerary))
    own = {str(tz["TZID"]): tz.to_tz(lookup_tzid=False) for tz in calendar.timezones}
    for event, item in zip(calendar.events, items(itinerary), strict=True):
        for name, moment in (("DTSTART", item.start), ("DTEND", item.end)):
            wall = utc(getattr(event, "start" if name == "DTSTART" else "end")).astimezone(moment.tzinfo)
            tzid = prop(event, name).params["TZID"]
            local = wall.replace(tzinfo=None).replace(tzinfo=own[tzid])
            assert local.utcoffset() == moment.utcoffset(), (event["SUMMARY"], name)


def test_the_files_own_vtimezones_give_the_right_offsets(planned_itinerary: Itinerary) -> None:
    vtimezone_offsets_match(sample_itinerary())
    vtimezone_offsets_match(planned_itinerary)  # Tijuana, Monterrey and Mexico City


def test_a_trip_across_new_year_has_vtimezones_for_both_years() -> None:
    # Moved by 99 days the sample runs from Tuesday 31 December 2024 to Wednesday 1 January 2025. Its times
    # are ZoneInfo times, whose arithmetic keeps the wall clock: the flight still leaves Tijuana at 07:30,
    # now in winter time (PST, -08:00), which is 15:30 UTC.
    delta = timedelta(days=99)
    itinerary = shifted(sample_itinerary(), delta)
    itinerary = replace(
        itinerary,
        start_date=date(2024, 12, 31),
        end_date=date(2025, 1, 1),
        days=tuple(replace(day, date=day.date + delta) for day in itinerary.days),
    )
    vtimezone_offsets_match(itinerary)
    flight = events(itinerary)[7]
    assert prop(flight, "DTSTART").to_ical() == b"20250101T073000"
    assert utc(flight.start) == datetime(2025, 1, 1, 15, 30, tzinfo=UTC)


def test_an_item_without_a_known_zone_is_written_in_utc() -> None:
    for zone in (None, "Not/AZone"):
        itinerary = with_item(sample_itinerary(), 1, zone=zone)  # the Rosarito visit, 10:00-11:30 -07:00
        event = events(itinerary)[1]
        assert "TZID" not in prop(event, "DTSTART").params
        assert prop(event, "DTSTART").to_ical() == b"20240923T170000Z"
        assert utc(event.end) == datetime(2024, 9, 23, 18, 30, tzinfo=UTC)


def test_geo_is_the_place_or_where_a_leg_starts() -> None:
    found = events(sample_itinerary())
    rosarito = prop(found[1], "GEO")
    assert (rosarito.latitude, rosarito.longitude) == (32.3637, -117.0545)
    flight = prop(found[7], "GEO")
    assert (flight.latitude, flight.longitude) == (32.541, -116.97)  # Tijuana airport
    assert "GEO" not in found[3]  # lunch has no coordinates of its own


def test_locations_summaries_and_descriptions_are_readable() -> None:
    found = events(sample_itinerary())
    meeting = found[4]
    assert str(meeting["SUMMARY"]) == "Meeting: Reunión de bienvenida | Comisión de Filmaciones"
    assert str(meeting["LOCATION"]) == (
        "Baja California Film Commission, Blvd. Agua Caliente 4558, Aviación, 22014 Tijuana, B.C."
    )
    assert str(meeting["URL"]) == "https://example.mx/film?a=1&b=2"
    description = str(meeting["DESCRIPTION"]).split("\n")
    assert description[:4] == [
        "14:00–15:00 PDT",
        "Meeting · film commission · value 8.0",
        "At: Baja California Film Commission",
        "Window: 14:00–15:00 PDT",
    ]
    assert "Contact: Oficina de la Comisión · +52 664 000 0000 · film@example.mx · https://example.mx/film?a=1&b=2" in (
        description
    )
    assert description[-1] == "Viaje de familiarización 2024, day 1 of 2 (2024-09-23)"
    flight = str(found[7]["DESCRIPTION"]).split("\n")
    assert flight[:3] == [
        "Flight, 1,850 km",
        "From: Tijuana International (departs 07:30 PDT)",
        "To: Guadalajara International (arrives 12:15 CST)",
    ]
    assert str(found[7]["LOCATION"]) == "Tijuana International → Guadalajara International"
    assert str(found[3]["SUMMARY"]) == "Comida at Baja California Film Commission"
    tequila = str(found[9]["DESCRIPTION"])
    assert "Map: https://www.openstreetmap.org/?mlat=20.88220&mlon=-103.83690#map=13/20.88220/-103.83690" in tequila
    assert "Coordinates approximate: the town or area, not the exact spot." in tequila


def test_hostile_text_round_trips() -> None:
    notes = "Ask for <b>Ana</b>; parking, at the back\nBring IDs \\ C:\\dir; a,b"
    itinerary = with_item(sample_itinerary(), 4, notes=notes, title="Título, con; todo\\ | y\nmás")
    meeting = events(itinerary)[4]
    assert f"Notes: {notes}" in str(meeting["DESCRIPTION"])
    assert str(meeting["SUMMARY"]) == "Meeting: Título, con; todo\\ | y\nmás"
    raw = render_ics(itinerary)
    assert b"Notes: Ask for <b>Ana</b>\\; parking\\, at the back\\nBring IDs \\\\ C:\\\\dir\\; a\\,b" in raw.replace(
        b"\r\n ", b""
    )


# --- identity -------------------------------------------------------------------------------------------


def test_uids_are_unique(planned_itinerary: Itinerary) -> None:
    for itinerary in (sample_itinerary(), planned_itinerary):
        uids = [str(event["UID"]) for event in events(itinerary)]
        assert len(set(uids)) == len(uids) == len(items(itinerary))


def test_uids_survive_a_replan_with_other_times() -> None:
    before = events(sample_itinerary())
    after = events(shifted(sample_itinerary(), timedelta(hours=1, minutes=10)))
    assert [str(event["UID"]) for event in after] == [str(event["UID"]) for event in before]
    assert [utc(event.start) - utc(old.start) for event, old in zip(after, before, strict=True)] == [
        timedelta(hours=1, minutes=10)
    ] * 12


def test_a_visit_moved_to_another_day_keeps_its_uid() -> None:
    itinerary = sample_itinerary()
    day_one, day_two = itinerary.days
    rosarito = day_one.items[1]
    moved = replace(
        itinerary,
        days=(
            replace(day_one, items=tuple(item for item in day_one.items if item is not rosarito)),
            replace(day_two, items=(*day_two.items, replace(rosarito, start=rosarito.start + timedelta(days=1),
                                                               end=rosarito.end + timedelta(days=1)))),
        ),
    )  # fmt: skip
    uid = {str(event["SUMMARY"]): str(event["UID"]) for event in events(itinerary)}
    moved_uid = {str(event["SUMMARY"]): str(event["UID"]) for event in events(moved)}
    assert moved_uid["Visit: Playas de Rosarito"] == uid["Visit: Playas de Rosarito"]


def test_uids_depend_on_the_trip_name() -> None:
    renamed = replace(sample_itinerary(), name="Another trip")
    assert not {str(e["UID"]) for e in events(renamed)} & {str(e["UID"]) for e in events(sample_itinerary())}


def test_repeated_legs_get_distinct_uids() -> None:
    itinerary = sample_itinerary()
    leg = itinerary.days[1].items[2]  # GDL to Tequila
    again = replace(leg, start=leg.start + timedelta(hours=8), end=leg.end + timedelta(hours=8))
    twice = replace(
        itinerary, days=(itinerary.days[0], replace(itinerary.days[1], items=(*itinerary.days[1].items, again)))
    )
    uids = [str(event["UID"]) for event in events(twice)]
    assert len(set(uids)) == len(uids) == 13


# --- the file itself ------------------------------------------------------------------------------------


def test_output_is_deterministic_with_a_fixed_stamp() -> None:
    first, second = render_ics(sample_itinerary()), render_ics(sample_itinerary())
    assert first == second
    stamps = {prop(event, "DTSTAMP").to_ical() for event in events(sample_itinerary())}
    assert stamps == {b"20240923T000000Z"}  # the trip's first day, never the clock


def test_lines_end_with_crlf_and_fold_at_75_octets(planned_itinerary: Itinerary) -> None:
    for itinerary in (sample_itinerary(), planned_itinerary):
        raw = render_ics(itinerary)
        assert raw.endswith(b"\r\n")
        assert b"\n" not in raw.replace(b"\r\n", b"")
        lines = raw.split(b"\r\n")[:-1]
        assert max(len(line) for line in lines) <= 75
        for line in lines:
            line.decode("utf-8")  # folding never splits a multi-byte character


def test_an_empty_day_gives_no_events() -> None:
    itinerary = replace(sample_itinerary(), days=(Day(date(2024, 9, 23), (), None),), end_date=date(2024, 9, 23))
    calendar = Calendar.from_ical(render_ics(itinerary))
    assert list(calendar.events) == []
    assert str(calendar["X-WR-CALNAME"]) == "Viaje de familiarización 2024"


# --- the real planned trip ------------------------------------------------------------------------------


def test_the_planned_sample_trip_exports_every_item_at_its_instant(planned_itinerary: Itinerary) -> None:
    itinerary = planned_itinerary
    calendar = Calendar.from_ical(render_ics(itinerary))
    found = list(calendar.events)
    assert len(found) == len(items(itinerary))
    for event, item in zip(found, items(itinerary), strict=True):
        assert utc(event.start) == utc(item.start)
        assert utc(event.end) == utc(item.end)
        if item.type is ItemType.TRAVEL and item.origin is not None and item.destination is not None:
            assert prop(event, "DTSTART").params["TZID"] == item.origin.zone
            assert prop(event, "DTEND").params["TZID"] == item.destination.zone
        elif item.zone is not None:
            assert prop(event, "DTSTART").params["TZID"] == item.zone
    assert calendar.get_missing_tzids() == set()
