"""A hand-built itinerary that every export and the JSON tests share.

It is small enough to check by hand and carries what outputs must survive: accents, a ``|`` in names,
HTML, a newline, commas and semicolons in notes, a flight that lands in another UTC offset.
"""

from __future__ import annotations

from datetime import date, datetime

from scout.model import Coordinates, TravelMode
from scout.model.catalogue import Contact
from scout.model.itinerary import (
    Alternative,
    Day,
    Item,
    ItemType,
    Itinerary,
    Point,
    StateChoice,
    Unvisited,
)
from scout.timezones import zone

LOS_ANGELES = "America/Los_Angeles"
TIJUANA = "America/Tijuana"  # keeps US daylight saving time: -07:00 in September, as Los Angeles
MEXICO = "America/Mexico_City"  # no daylight saving time since 2022: -06:00 all year

# The points, with the coordinates of tests.conftest.small_catalogue_data().
LAX = Point("lax", "Los Angeles International", Coordinates(33.9425, -118.408), None, LOS_ANGELES)
TIJ = Point("tij", "Tijuana International", Coordinates(32.541, -116.97), "BC", TIJUANA)
GDL = Point("gdl", "Guadalajara International", Coordinates(20.5218, -103.3112), "JAL", MEXICO)
ROSARITO = Point("rosarito", "Playas de Rosarito", Coordinates(32.3637, -117.0545), "BC", TIJUANA)
COMMISSION = Point(
    "bc-film-commission", "Baja California Film Commission", Coordinates(32.5325, -117.0189), "BC", TIJUANA
)
# An accent and a "|" (which a Markdown table would need escaped): both must survive the file as they are.
TIJUANA_BASE = Point(
    "tijuana-centro", "Tijuana (hotel en el centro) | Zona Río", Coordinates(32.5325, -117.0189), "BC", TIJUANA
)
TEQUILA = Point("tequila", "Tequila", Coordinates(20.8822, -103.8369), "JAL", MEXICO)


def at(day: int, clock: str, zone_name: str) -> datetime:
    """A local time on day ``day`` of the trip (23 September 2024 is day 1)."""
    hours, minutes = map(int, clock.split(":"))
    return datetime(2024, 9, 22 + day, hours, minutes, tzinfo=zone(zone_name))


def travel(
    mode: TravelMode, origin: Point, start: datetime, destination: Point, end: datetime, km: float | None
) -> Item:
    return Item(ItemType.TRAVEL, start, end, mode=mode, origin=origin, destination=destination, km=km)


def span(day: int, start: str, end: str, zone_name: str) -> tuple[datetime, datetime]:
    return at(day, start, zone_name), at(day, end, zone_name)


def visit(point: Point, state: str, value: float, kind: str, times: tuple[datetime, datetime],
          window: tuple[datetime, datetime]) -> Item:  # fmt: skip
    return Item(
        ItemType.VISIT, *times, place=point.place, name=point.name, state=state, location=point.location,
        value=value, window=window, kind=kind, zone=point.zone, approx=point.place == "tequila",
    )  # fmt: skip


def sample_itinerary() -> Itinerary:
    """Two days: Los Angeles to Baja California by road, then a flight to Jalisco and home.

    Day 1 (Monday 23 September 2024, all at -07:00): drive LAX to Rosarito (the border crossing is in the
    three hours), scout the beach (5), drive to the film commission, lunch, meet it (8), sleep in Tijuana.
    Day 2: drive to TIJ, fly 07:30 -07:00 (14:30 UTC) to GDL 12:15 -06:00 (18:15 UTC), scout Tequila (7),
    back to GDL, fly 18:30 -06:00 (00:30 UTC) to LAX 19:50 -07:00 (02:50 UTC). Value 5 + 8 + 7 = 20.
    """
    meeting = Item(
        ItemType.MEETING, at(1, "14:00", TIJUANA), at(1, "15:00", TIJUANA), place=COMMISSION.place,
        name=COMMISSION.name, state="BC", location=COMMISSION.location, value=8.0,
        window=(at(1, "14:00", TIJUANA), at(1, "15:00", TIJUANA)), kind="film-commission",
        title="Reunión de bienvenida | Comisión de Filmaciones", zone=TIJUANA,
        address="Blvd. Agua Caliente 4558, Aviación, 22014 Tijuana, B.C.",
        contact=Contact(name="Oficina de la Comisión", phone="+52 664 000 0000", email="film@example.mx",
                        web="https://example.mx/film?a=1&b=2"),
        permits="Permits: 10 working days; fee 1,500 MXN; drones need AFAC approval",
        notes="Ask for <b>Ana</b>; parking at the back\nBring IDs",
    )  # fmt: skip
    day_one = Day(
        date=date(2024, 9, 23),
        items=(
            travel(TravelMode.DRIVE, LAX, at(1, "07:00", LOS_ANGELES), ROSARITO, at(1, "10:00", TIJUANA), 215.0),
            visit(ROSARITO, "BC", 5.0, "beach", span(1, "10:00", "11:30", TIJUANA), span(1, "06:45", "18:50", TIJUANA)),
            travel(TravelMode.DRIVE, ROSARITO, at(1, "11:30", TIJUANA), COMMISSION, at(1, "12:15", TIJUANA), 25.3),
            Item(
                ItemType.BREAK,
                at(1, "12:15", TIJUANA),
                at(1, "13:15", TIJUANA),
                label="Comida",
                place=COMMISSION.place,
                name=COMMISSION.name,
                zone=TIJUANA,
            ),
            meeting,
            travel(
                TravelMode.TRANSFER, COMMISSION, at(1, "15:15", TIJUANA), TIJUANA_BASE, at(1, "15:30", TIJUANA), 0.5
            ),
        ),
        night=TIJUANA_BASE,
        sunrise=at(1, "06:39", TIJUANA),
        sunset=at(1, "18:47", TIJUANA),
        zone=TIJUANA,
    )
    day_two = Day(
        date=date(2024, 9, 24),
        items=(
            travel(TravelMode.DRIVE, TIJUANA_BASE, at(2, "07:00", TIJUANA), TIJ, at(2, "07:30", TIJUANA), 11.0),
            travel(TravelMode.FLIGHT, TIJ, at(2, "07:30", TIJUANA), GDL, at(2, "12:15", MEXICO), 1850.0),
            travel(TravelMode.DRIVE, GDL, at(2, "12:30", MEXICO), TEQUILA, at(2, "14:00", MEXICO), 62.0),
            visit(
                TEQUILA,
                "JAL",
                7.0,
                "colonial-town",
                span(2, "14:00", "15:30", MEXICO),
                span(2, "07:30", "19:30", MEXICO),
            ),
            travel(TravelMode.DRIVE, TEQUILA, at(2, "15:30", MEXICO), GDL, at(2, "17:00", MEXICO), 62.0),
            travel(TravelMode.FLIGHT, GDL, at(2, "18:30", MEXICO), LAX, at(2, "19:50", LOS_ANGELES), 2100.0),
        ),
        night=None,
    )
    return Itinerary(
        name="Viaje de familiarización 2024",
        start_date=date(2024, 9, 23),
        end_date=date(2024, 9, 24),
        source="trips/familiarización.yaml",
        states=(
            StateChoice(
                "BC",
                "Baja California",
                TIJUANA,
                "State permit from the film commission; beaches need federal (ZOFEMAT) permission",
                "Free location scouting support",
            ),
            StateChoice("JAL", "Jalisco", MEXICO),
        ),
        value=20.0,
        bound=22.5,
        days=(day_one, day_two),
        unvisited=(
            Unvisited("guachimontones", "Guachimontones (Teuchitlán)", "no day left with 2 h of daylight in Jalisco"),
        ),
        alternatives=(Alternative(("BC", "JAL"), 20.0, 22.5), Alternative(("BC", "SON"), None, 18.0)),
        proved_optimal=False,
        solve_seconds=1.25,
    )
