"""The itinerary renderables, printed to a string and read back as plain text."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from rich.console import Console, RenderableType

from scout.model.catalogue import Coordinates, TravelMode
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
from scout.render.itinerary import (
    alternatives_table,
    format_date_range,
    itinerary_renderables,
    summary_table,
    unvisited_table,
)
from scout.render.text import time_range

# Late September 2024: Tijuana keeps US daylight time (PDT, -07:00); Guadalajara has had no daylight
# time since 2022 (CST, -06:00).
LA = ZoneInfo("America/Los_Angeles")
TIJUANA = ZoneInfo("America/Tijuana")
GUADALAJARA = ZoneInfo("America/Mexico_City")

LAX = Point("lax", "Los Angeles International", Coordinates(33.9425, -118.408))
TIJ = Point("tij", "Tijuana International", Coordinates(32.541, -116.97))
GDL = Point("gdl", "Guadalajara International", Coordinates(20.5218, -103.311))
PLAYAS = Point("playas-de-tijuana", "Playas de Tijuana", Coordinates(32.528, -117.12))
COMMISSION = Point("bc-film-commission", "Comisión de Filmaciones de BC", Coordinates(32.52, -117.03))
HOTEL = Point("tijuana-centro", "Hotel Centro, Tijuana", Coordinates(32.532, -117.037))
STUDIO = Point("estudio-b", "Estudio [B] Querétaro", Coordinates(20.67, -103.35))


def at(zone: ZoneInfo, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2024, 9, day, hour, minute, tzinfo=zone)


def travel(mode: TravelMode, origin: Point, destination: Point, start: datetime, end: datetime, km: float) -> Item:
    return Item(ItemType.TRAVEL, start, end, mode=mode, origin=origin, destination=destination, km=km)


def scouted(type_: ItemType, point: Point, state: str, kind: str, value: float, start: datetime, end: datetime) -> Item:
    return Item(
        type_, start, end, place=point.place, name=point.name, state=state, location=point.location, kind=kind,
        value=value,
    )  # fmt: skip


def sample_itinerary() -> Itinerary:
    """Two days: Tijuana on Monday 23 September 2024, a flight to Guadalajara and home on Tuesday.

    Value 7.5 + 6.0 + 8.3 = 21.8 of at most 28.5: 76.49 %, shown as 76.5 %.
    """
    day1 = Day(
        date=date(2024, 9, 23),
        items=(
            travel(TravelMode.DRIVE, LAX, PLAYAS, at(LA, 23, 8), at(TIJUANA, 23, 10, 30), 212.4),
            scouted(ItemType.VISIT, PLAYAS, "BC", "beach", 7.5, at(TIJUANA, 23, 11), at(TIJUANA, 23, 12, 30)),
            Item(ItemType.BREAK, at(TIJUANA, 23, 12, 30), at(TIJUANA, 23, 13, 30)),
            replace(
                scouted(ItemType.MEETING, COMMISSION, "BC", "film-commission", 6.0, at(TIJUANA, 23, 14),
                        at(TIJUANA, 23, 15)),
                title="Welcome by the film commission",
            ),
            travel(TravelMode.DRIVE, COMMISSION, HOTEL, at(TIJUANA, 23, 15, 10), at(TIJUANA, 23, 15, 30), 8.4),
        ),
        night=HOTEL,
        sunrise=at(TIJUANA, 23, 6, 43),
        sunset=at(TIJUANA, 23, 18, 47),
    )  # fmt: skip
    day2 = Day(
        date=date(2024, 9, 24),
        items=(
            travel(TravelMode.TRANSFER, HOTEL, TIJ, at(TIJUANA, 24, 7), at(TIJUANA, 24, 7, 30), 9.0),
            # 10:00 PDT is 17:00 UTC, 14:00 CST is 20:00 UTC: three hours gate to gate
            travel(TravelMode.FLIGHT, TIJ, GDL, at(TIJUANA, 24, 10), at(GUADALAJARA, 24, 14), 1880.0),
            scouted(ItemType.VISIT, STUDIO, "JAL", "studio", 8.3, at(GUADALAJARA, 24, 15),
                    at(GUADALAJARA, 24, 16, 30)),
            travel(TravelMode.FLIGHT, GDL, LAX, at(GUADALAJARA, 24, 18), at(LA, 24, 19, 30), 2100.0),
        ),
        night=None,
    )  # fmt: skip
    return Itinerary(
        name="Familiarization 2024",
        start_date=date(2024, 9, 23),
        end_date=date(2024, 9, 24),
        source="trips/familiarization-2024.yaml",
        states=(StateChoice("BC", "Baja California"), StateChoice("JAL", "Jalisco")),
        value=21.8,
        bound=28.5,
        days=(day1, day2),
        unvisited=(Unvisited("valle-de-guadalupe", "Valle de Guadalupe", "closed on Mondays [per owner]"),),
        alternatives=(Alternative(("BC", "SON"), 18.2, 25.0), Alternative(("BC", "BCS"), None, 22.4)),
    )


def render(*renderables: RenderableType | None) -> str:
    console = Console(file=io.StringIO(), width=140, color_system=None, record=True)
    for renderable in renderables:
        if renderable is not None:
            console.print(renderable)
    return console.export_text()


def lines_with(text: str, needle: str) -> list[str]:
    return [line for line in text.splitlines() if needle in line]


def test_header_gives_dates_states_and_value_against_bound() -> None:
    text = render(*itinerary_renderables(sample_itinerary()))
    assert text.splitlines()[:4] == [
        "Familiarization 2024",
        "Mon 23 Sep – Tue 24 Sep 2024",
        "States: Baja California (BC), Jalisco (JAL)",
        "value 21.8 of at most 28.5 (76.5 %)",
    ]


def test_header_without_a_bound() -> None:
    text = render(*itinerary_renderables(replace(sample_itinerary(), bound=None)))
    assert "value 21.8 (bound not proved)" in text


def test_day_titles_go_through_the_states_of_the_day() -> None:
    text = render(*itinerary_renderables(sample_itinerary()))
    assert "Day 1 · Mon 23 Sep 2024 · Baja California" in text
    # the second day starts in Baja California, where the first one ended
    assert "Day 2 · Tue 24 Sep 2024 · Baja California → Jalisco" in text


def test_items_show_local_times_with_zone_abbreviations() -> None:
    text = render(*itinerary_renderables(sample_itinerary()))
    assert lines_with(text, "Drive to Playas de Tijuana (212 km)")[0].startswith("│ 08:00–10:30 PDT ")
    visit = lines_with(text, "Playas de Tijuana")[1]
    assert "11:00–12:30 PDT" in visit and "beach" in visit and "7.5" in visit
    assert "12:30–13:30 PDT" in lines_with(text, "Lunch")[0]
    meeting = lines_with(text, "Welcome by the film commission")[0]
    assert "14:00–15:00 PDT" in meeting and "film commission" in meeting and "6.0" in meeting
    assert "Drive to Hotel Centro, Tijuana (8 km)" in text
    assert "Transfer to Tijuana International" in text
    flight = lines_with(text, "Flight TIJ → GDL")[0]
    assert "10:00 PDT – 14:00 CST" in flight
    assert "18:00 CST – 19:30 PDT" in lines_with(text, "Flight GDL → LAX")[0]


def test_bracketed_names_are_printed_literally() -> None:
    text = render(*itinerary_renderables(sample_itinerary()), unvisited_table(sample_itinerary()))
    studio = lines_with(text, "Estudio [B] Querétaro")
    assert len(studio) == 1
    assert "15:00–16:30 CST" in studio[0] and "studio" in studio[0] and "8.3" in studio[0]
    assert "closed on Mondays [per owner]" in text


def test_night_lines_under_each_day() -> None:
    text = render(*itinerary_renderables(sample_itinerary()))
    assert "Night: Hotel Centro, Tijuana · sunrise 06:43, sunset 18:47" in text.splitlines()
    assert "Night: home" in text.splitlines()
    assert text.index("Night: Hotel Centro") < text.index("Day 2 ·") < text.index("Night: home")


def test_unvisited_places_with_their_reason() -> None:
    text = render(unvisited_table(sample_itinerary()))
    assert "Not visited (1)" in text
    row = lines_with(text, "Valle de Guadalupe")[0]
    assert "closed on Mondays [per owner]" in row
    assert unvisited_table(replace(sample_itinerary(), unvisited=())) is None


def test_alternatives_next_to_the_chosen_states() -> None:
    text = render(alternatives_table(sample_itinerary()))
    assert "Why these states" in text
    rows = [[cell.strip() for cell in line.split("│")[1:-1]] for line in lines_with(text, "BC + ")]
    assert rows == [
        ["BC + JAL", "21.8", "28.5", "chosen"],
        ["BC + SON", "18.2", "25.0", ""],
        ["BC + BCS", "—", "22.4", ""],
    ]
    # a set listed without a value says why under the table; without one, nothing is said
    assert "—: no days built for these states; their bound is no better" in " ".join(text.split())
    built = tuple(a for a in sample_itinerary().alternatives if a.value is not None)
    assert "no days built" not in render(alternatives_table(replace(sample_itinerary(), alternatives=built)))
    assert alternatives_table(replace(sample_itinerary(), alternatives=())) is None


def test_summary_per_state_with_totals() -> None:
    text = render(summary_table(sample_itinerary()))

    def cells(needle: str) -> list[str]:
        return [cell.strip() for cell in lines_with(text, needle)[0].split("│")[1:-1]]

    # state, days, visits, meetings, value; day 2 goes through both states, the total is the trip's days
    assert cells("Baja California (BC)") == ["Baja California (BC)", "2", "1", "1", "13.5"]
    assert cells("Jalisco (JAL)") == ["Jalisco (JAL)", "1", "1", "0", "8.3"]
    assert cells("Total") == ["Total", "2", "2", "1", "21.8"]


def test_dates_across_a_new_year_show_both_years() -> None:
    assert format_date_range(date(2024, 12, 30), date(2025, 1, 3)) == "Mon 30 Dec 2024 – Fri 3 Jan 2025"


def test_fixed_offsets_without_a_zone_name() -> None:
    minus7 = timezone(timedelta(hours=-7))
    minus6 = timezone(timedelta(hours=-6))
    item = Item(ItemType.BREAK, datetime(2024, 9, 24, 10, tzinfo=minus7), datetime(2024, 9, 24, 15, 20, tzinfo=minus6))
    assert time_range(item) == "10:00 UTC−07:00 – 15:20 UTC−06:00"
    overnight = Item(
        ItemType.BREAK, datetime(2024, 9, 24, 23, tzinfo=minus7), datetime(2024, 9, 25, 0, 30, tzinfo=minus7)
    )
    assert time_range(overnight) == "23:00–00:30 UTC−07:00 +1d"
