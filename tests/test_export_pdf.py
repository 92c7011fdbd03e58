"""The PDF export: rendered from the shared sample itinerary and from the real planned sample trip, read back
with pypdf.

Text is compared after collapsing whitespace, since table cells wrap long names onto several lines.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import cast

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, PdfObject

from scout.geo.outlines import ATTRIBUTION as OUTLINES_ATTRIBUTION
from scout.model import Coordinates, TravelMode
from scout.model.itinerary import Day, Item, ItemType, Itinerary, Point, StateChoice, Unvisited
from scout.render.pdf import render_pdf
from scout.render.route_map import RGB, XY, Align, Box, draw_route_map, route_legs
from tests.samples import LAX, MEXICO, at, sample_itinerary, travel

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "data" / "locations.yaml"
TRIP = ROOT / "trips" / "familiarization-2024.yaml"


def text_of(pdf: bytes) -> list[str]:
    """Each page's text, whitespace collapsed to single spaces."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def plain(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def sample_pdf() -> bytes:
    return render_pdf(sample_itinerary())


@pytest.fixture(scope="module")
def planned(planned_itinerary: Itinerary) -> Itinerary:
    """The sample trip as planned and written for the session (tests/conftest.py), read back from its JSON."""
    return planned_itinerary


@pytest.fixture(scope="module")
def planned_pdf(planned: Itinerary) -> bytes:
    return render_pdf(planned)


# --- the sample itinerary -------------------------------------------------------------------------------


def test_sample_has_cover_summary_a_page_a_day_and_notes(sample_pdf: bytes) -> None:
    pages = text_of(sample_pdf)
    # cover, summary, day 1, day 2 (each fits one page), permits and places not visited
    assert len(pages) == 5
    assert pages[0].startswith("LOCATION SCOUTING ITINERARY")
    assert "The trip at a glance" in pages[1]
    assert "Monday 23 September 2024" in pages[2]
    assert "Tuesday 24 September 2024" in pages[3]
    assert "Filming permits and incentives" in pages[4] and "Places not visited (1)" in pages[4]
    assert all(f"Page {number} of 5" in page for number, page in enumerate(pages[1:], start=2))


def test_sample_cover_names_the_trip_dates_and_states(sample_pdf: bytes) -> None:
    cover = text_of(sample_pdf)[0]
    assert "Viaje de familiarización 2024" in cover
    assert "Monday 23 – Tuesday 24 September 2024 · 2 days, 1 night" in cover
    assert "Baja California → Jalisco" in cover
    # 215 + 25.3 + 11 + 62 + 62 by road (the 0.5 km transfer is neither); 1850 + 2100 by air
    assert "375 km by road" in cover and "3,950 km by air" in cover


def test_sample_summary_lists_days_and_totals(sample_pdf: bytes) -> None:
    summary = text_of(sample_pdf)[1]
    assert "Mon 23 Sep" in summary and "Tue 24 Sep" in summary
    assert "Baja California → Jalisco" in summary  # day 2 flies from one to the other
    # value 20 of a bound 22.5: the gap is 2.5 / 22.5 = 11.1 %
    assert "20.0 of at most 22.5 (gap 11.1 %)" in summary
    assert "2 visits, 1 meeting" in summary
    assert "2 days, 1 night in 1 base" in summary


def test_sample_call_sheet_has_local_times_daylight_and_details(sample_pdf: bytes) -> None:
    day_one, day_two = text_of(sample_pdf)[2:4]
    assert "Sunrise 06:39 PDT · Sunset 18:47 PDT" in day_one
    assert "07:00–10:00 PDT Drive to Playas de Rosarito 215 km · 3 h 00 min" in day_one
    assert "12:15–13:15 PDT Comida at Baja California Film Commission" in day_one
    assert "Blvd. Agua Caliente 4558, Aviación, 22014 Tijuana, B.C." in day_one
    assert "+52 664 000 0000 · film@example.mx" in day_one
    assert "Web: https://example.mx/film?a=1&b=2" in day_one
    assert "Permits: 10 working days; fee 1,500 MXN; drones need AFAC approval" in day_one
    assert "Night: Tijuana (hotel en el centro) | Zona Río" in day_one
    # the flight leaves at 07:30 in Tijuana (PDT) and lands at 12:15 in Guadalajara (CST): 3 h 45 min later
    assert "07:30 PDT– 12:15 CST Flight TIJ → GDL" in day_two
    assert "1,850 km · 3 h 45 min" in day_two
    assert "≈ 20.88220, -103.83690 (approximate" in day_two  # Tequila's coordinates locate the town
    assert "Night: home" in day_two


def test_sample_hostile_text_prints_as_written(sample_pdf: bytes) -> None:
    raw = [page.extract_text() for page in PdfReader(io.BytesIO(sample_pdf)).pages]
    day_one = raw[2]
    assert "Ask for <b>Ana</b>; parking at the back\nBring IDs" in day_one  # HTML as text, the newline kept
    assert "Reunión de bienvenida |" in day_one
    assert "Tijuana (hotel en el centro) | Zona Río" in plain(day_one)


def test_sample_unvisited_and_state_notes(sample_pdf: bytes) -> None:
    notes = text_of(sample_pdf)[4]
    assert "Guachimontones (Teuchitlán) no day left with 2 h of daylight in Jalisco" in notes
    assert "Permits: State permit from the film commission" in notes
    assert "Incentives: Free location scouting support" in notes
    assert "Jalisco" not in notes.split("Places not visited")[0]  # no notes for Jalisco, no row


def test_fonts_are_embedded(sample_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(sample_pdf))
    fonts: dict[str, DictionaryObject] = {}
    for page in reader.pages:
        for name, font in dictionary(dictionary(page["/Resources"])["/Font"]).items():
            fonts[name] = dictionary(font)
    assert len(fonts) >= 2  # regular and bold at least
    for font in fonts.values():
        assert str(font["/Subtype"]) == "/Type0"
        descendant = dictionary(cast(ArrayObject, font["/DescendantFonts"].get_object())[0])
        descriptor = dictionary(descendant["/FontDescriptor"])
        assert "/FontFile2" in descriptor, font["/BaseFont"]
        assert "DejaVuSansCondensed" in str(font["/BaseFont"])


def dictionary(value: object) -> DictionaryObject:
    resolved = value.get_object() if isinstance(value, PdfObject) else value
    assert isinstance(resolved, DictionaryObject)
    return resolved


def test_same_itinerary_same_bytes(sample_pdf: bytes) -> None:
    again = render_pdf(sample_itinerary())
    assert again == sample_pdf
    assert b"::placeholder:" not in again  # fpdf2's random page-count placeholders were all replaced
    metadata = PdfReader(io.BytesIO(again)).metadata
    assert metadata is not None
    assert metadata.get("/CreationDate") == "D:20240923000000Z"


def test_cover_draws_the_map(sample_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(sample_pdf))
    content = reader.pages[0].get_contents()
    assert content is not None
    stream = content.get_data().decode("latin-1")
    # 32 states of hundreds of vertices: thousands of line segments; flights dashed
    assert len(re.findall(r" l\b", stream)) > 3000
    assert re.search(r"\[[\d.]+ [\d.]+\] [\d.]+ d", stream)
    cover = text_of(sample_pdf)[0]
    assert "Made with Natural Earth" in cover
    assert "Baja California" in cover and "Jalisco" in cover and "Los Angeles International" in cover
    assert "Natural Earth" in OUTLINES_ATTRIBUTION


def test_page_total_alias_in_data_is_left_alone() -> None:
    itinerary = replace(sample_itinerary(), name="Trip {nb} and **bold** and __under__")
    pages = text_of(render_pdf(itinerary))
    assert "Trip {nb} and **bold** and __under__" in pages[0]
    assert "Trip {nb} and **bold** and __under__ Page 2 of 5" in pages[1]


# --- accents --------------------------------------------------------------------------------------------


def accented_itinerary() -> Itinerary:
    """One day flying Mexico City → Querétaro, driving to Michoacán; a second day in Nuevo León."""
    queretaro = Point("qro-centro", "Santiago de Querétaro (hotel en el centro)", Coordinates(20.5931, -100.3926),
                      "QRO", MEXICO)  # fmt: skip
    morelia = Point("morelia", "Morelia, Michoacán", Coordinates(19.7008, -101.1844), "MICH", MEXICO)
    monterrey = Point("monterrey", "Monterrey, Nuevo León", Coordinates(25.6866, -100.3161), "NL", "America/Monterrey")
    cdmx = Point("mex", "Ciudad de México (AICM)", Coordinates(19.4361, -99.0719), "CDMX", MEXICO)
    visit = Item(
        ItemType.VISIT, at(1, "14:00", MEXICO), at(1, "16:00", MEXICO), place="morelia", name=morelia.name,
        state="MICH", location=morelia.location, value=6.0, kind="colonial-town", zone=MEXICO,
        address="Centro Histórico, Morelia, Michoacán",
    )  # fmt: skip
    day_one = Day(
        date(2024, 9, 23),
        (
            travel(TravelMode.FLIGHT, cdmx, at(1, "08:00", MEXICO), queretaro, at(1, "09:00", MEXICO), 180.0),
            travel(TravelMode.DRIVE, queretaro, at(1, "10:00", MEXICO), morelia, at(1, "13:30", MEXICO), 200.0),
            visit,
            travel(TravelMode.DRIVE, morelia, at(1, "16:00", MEXICO), queretaro, at(1, "19:00", MEXICO), 200.0),
        ),
        queretaro,
    )
    day_two = Day(
        date(2024, 9, 24),
        (travel(TravelMode.FLIGHT, queretaro, at(2, "08:00", MEXICO), monterrey, at(2, "09:30", MEXICO), 600.0),),
        monterrey,
    )
    return Itinerary(
        name="Bajío y Noreste",
        start_date=date(2024, 9, 23),
        end_date=date(2024, 9, 24),
        source=None,
        states=(
            StateChoice("QRO", "Querétaro", MEXICO, permits="Permisos: Secretaría de Turismo de Querétaro"),
            StateChoice("MICH", "Michoacán", MEXICO),
            StateChoice("NL", "Nuevo León", "America/Monterrey", incentives="Estímulos fiscales"),
        ),
        value=6.0,
        bound=None,
        days=(day_one, day_two),
        unvisited=(Unvisited("patzcuaro", "Pátzcuaro", "sin tiempo: ¿otro día?"),),
    )


def test_accented_names_survive() -> None:
    pages = text_of(render_pdf(accented_itinerary()))
    everything = " ".join(pages)
    for name in ("Querétaro", "Michoacán", "Nuevo León", "Bajío y Noreste", "Pátzcuaro", "¿otro día?",
                 "Santiago de Querétaro (hotel en el centro)", "Estímulos fiscales"):  # fmt: skip
        assert name in everything, name
    cover = pages[0]
    assert "Querétaro → Michoacán → Nuevo León" in cover
    assert "6.0 (no bound proved)" in pages[1]


# --- a real planned trip --------------------------------------------------------------------------------


def test_planned_trip_has_every_day_and_place(planned: Itinerary, planned_pdf: bytes) -> None:
    pages = text_of(planned_pdf)
    everything = " ".join(pages)
    # cover, summary, at least a page a day, the notes
    assert len(pages) >= 3 + len(planned.days)
    for day in planned.days:
        assert f"{day.date.day} September 2024" in everything
    for day in planned.days:
        for item in day.items:
            if item.type in (ItemType.VISIT, ItemType.MEETING):
                assert plain(item.title or item.name or "") in everything, item.name
    for unvisited in planned.unvisited:
        assert plain(unvisited.name) in everything
    assert "Ciudad de México" in everything and "Baja California" in everything
    assert "PDT" in everything and "CST" in everything
    assert render_pdf(planned) == planned_pdf


# --- the map on its own ---------------------------------------------------------------------------------


class RecordingCanvas:
    """A :class:`~scout.render.route_map.Canvas` that writes down what it is asked to draw."""

    def __init__(self) -> None:
        self.polygons: list[tuple[list[XY], RGB | None]] = []
        self.lines: list[tuple[list[XY], bool]] = []
        self.labels: list[tuple[XY, str]] = []
        self.circles: list[XY] = []

    def polygon(self, points: Sequence[XY], *, fill: RGB | None, stroke: RGB | None, width: float) -> None:
        self.polygons.append((list(points), fill))

    def polyline(self, points: Sequence[XY], *, stroke: RGB, width: float, dashed: bool = False) -> None:
        self.lines.append((list(points), dashed))

    def circle(self, centre: XY, radius: float, *, fill: RGB, stroke: RGB | None, width: float) -> None:
        self.circles.append(centre)

    def label(self, position: XY, text: str, *, size: float, colour: RGB, bold: bool = False,
              align: Align = "left", halo: bool = False) -> None:  # fmt: skip
        self.labels.append((position, text))

    def text_width(self, text: str, *, size: float, bold: bool = False) -> float:
        return len(text) * size * 0.18


def test_map_keeps_mexico_in_shape_and_in_the_box() -> None:
    canvas = RecordingCanvas()
    box = Box(10, 20, 180, 120)
    projection = draw_route_map(canvas, sample_itinerary(), box)
    # one degree of longitude at 24° N is cos(24°) ≈ 0.91 of a degree of latitude on the page
    x0, y0 = projection(24.0, -100.0)
    x1, _ = projection(24.0, -99.0)
    _, y1 = projection(25.0, -100.0)
    assert (x1 - x0) / (y0 - y1) == pytest.approx(0.91, abs=0.03)
    # every shape stays within the box, Los Angeles included
    points = [point for polygon, _ in canvas.polygons for point in polygon] + canvas.circles
    assert all(box.contains(point) for point in points)
    assert box.contains(projection(LAX.location.lat, LAX.location.lon))
    texts = [text for _, text in canvas.labels]
    assert {"Baja California", "Jalisco", "Los Angeles International", "Made with Natural Earth"} <= set(texts)
    # two flights, dashed arcs; five drives between different points, solid straight lines
    flights = [points for points, dashed in canvas.lines if dashed and len(points) > 10]
    assert len(flights) == 2
    assert sum(1 for leg in route_legs(sample_itinerary()) if leg.mode is TravelMode.DRIVE) == 5


def test_map_points_to_an_origin_far_away() -> None:
    new_york = Point("jfk", "New York JFK", Coordinates(40.6413, -73.7781), None, "America/New_York")
    itinerary = sample_itinerary()
    first = itinerary.days[0]
    leg = replace(first.items[0], origin=new_york, mode=TravelMode.FLIGHT)
    itinerary = replace(itinerary, days=(replace(first, items=(leg, *first.items[1:])), *itinerary.days[1:]))
    canvas = RecordingCanvas()
    box = Box(0, 0, 200, 130)
    projection = draw_route_map(canvas, itinerary, box)
    assert not projection.view.contains(new_york.location)  # the view did not stretch to New York
    assert "from New York JFK" in [text for _, text in canvas.labels]
    assert all(box.contains(point) for points, _ in canvas.lines for point in points)
