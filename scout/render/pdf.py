"""The itinerary as a PDF a film commission can send: a cover with the route map, a summary, a call sheet for
each day, the states' permit and incentive notes, and the places left out with the reason.

:func:`render_pdf` is a pure function of an :class:`~scout.model.itinerary.Itinerary`: no catalogue, no clock.
The same itinerary gives the same bytes: the document's creation date is the trip's first day (midnight UTC)
and fpdf2 derives the file identifier from the content and that date (it draws nothing at random; its font
subsets are all tagged ``MPDFAA+``).

Text is set in DejaVu Sans Condensed, shipped in ``scout/data/fonts`` with its licence and embedded as a
subset, so accents (Querétaro, Michoacán, Nuevo León) print wherever the PDF is opened and nothing depends on
the fonts of the machine that writes it. Text from the data is never parsed as markup: ``<b>``, ``|``,
``**`` and ``{nb}`` print as written.

Times are shown in the local time of the place where each thing happens, with the zone's abbreviation (a
flight leaves at ``14:00 PDT`` and lands at ``19:26 CST``): an item's IANA zone (the travel's origin and
destination zones) turns the stored UTC offset into a named zone when it agrees with it.

fpdf2 lives in this module only; :mod:`scout.render.route_map` draws the cover map through the small
:class:`~scout.render.route_map.Canvas` protocol implemented here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime, time, timedelta
from importlib import resources
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import TableBordersLayout, VAlign, XPos, YPos
from fpdf.fonts import FontFace
from fpdf.table import Table

from scout.formats import long_date, long_date_range, short_date
from scout.model.catalogue import Contact, Coordinates, TravelMode
from scout.model.itinerary import Day, Item, ItemType, Itinerary, Point
from scout.render.itinerary import format_date_range, item_description
from scout.render.route_map import RGB, XY, Align, Box, draw_route_map, map_aspect, short_name
from scout.render.text import clock, night_label, time_range, trip_day_states, zone_label

FONT = "DejaVuSansCondensed"
FONT_FILES = {
    "": "DejaVuSansCondensed.ttf",
    "B": "DejaVuSansCondensed-Bold.ttf",
    "I": "DejaVuSansCondensed-Oblique.ttf",
}

PAGE_WIDTH, PAGE_HEIGHT = 215.9, 279.4  # US Letter, in mm: the delegation and the consulate work in Los Angeles
MARGIN = 15.0
WIDTH = PAGE_WIDTH - 2 * MARGIN

INK: RGB = (33, 33, 33)
MUTED: RGB = (105, 105, 105)
GREEN: RGB = (0, 104, 71)  # the green of Mexico's flag
RED: RGB = (206, 17, 38)  # and its red
RULE: RGB = (205, 205, 200)
VISIT_FILL: RGB = (236, 244, 239)
BREAK_FILL: RGB = (248, 246, 238)
PANEL: RGB = (243, 243, 240)
WHITE: RGB = (255, 255, 255)

_NONE = "—"
_PAGE_TOTAL = "{nb}"  # fpdf2's alias for the page count, switched on only while a footer is written


def render_pdf(itinerary: Itinerary) -> bytes:
    """The itinerary as a PDF document.

    Parameters
    ----------
    itinerary
        The planned trip.

    Returns
    -------
    bytes
        A PDF (US Letter): a cover with the trip's name, dates, states and route map; a summary of the days
        with the totals; one call sheet per day (daylight, schedule in local times, addresses, contacts,
        permit notes, the night); the chosen states' permit and incentive notes and the places not visited,
        when there are any. The same itinerary always gives the same bytes.
    """
    with ExitStack() as stack:
        # one file at a time: as_file() takes folders only from Python 3.12 on
        fonts = {
            style: stack.enter_context(resources.as_file(resources.files("scout").joinpath("data", "fonts", name)))
            for style, name in FONT_FILES.items()
        }
        document = _Document(itinerary, fonts)
        _cover(document, itinerary)
        _summary(document, itinerary)
        states = trip_day_states(itinerary)
        for number, day in enumerate(itinerary.days, start=1):
            _day_sheet(document, itinerary, day, number, states[number - 1])
        _notes(document, itinerary)
        # all the data is written: the alias is needed now for fpdf2 to put the page count in the footers
        document.alias_nb_pages(_PAGE_TOTAL)
        return bytes(document.output())


class _Document(FPDF):
    """US Letter pages in millimetres, the fonts loaded, a footer with the trip's name and the page number."""

    def __init__(self, itinerary: Itinerary, fonts: Mapping[str, Path]) -> None:
        super().__init__(orientation="portrait", unit="mm", format="letter")
        self.trip_name = itinerary.name
        self.running_head: str | None = None  # printed atop the pages a section runs on to, after its first
        self.section_page = 0
        self.alias_nb_pages("")  # data text is never scanned for "{nb}"; the footer switches it on
        for style, path in fonts.items():
            self.add_font(FONT, style, path)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(auto=True, margin=MARGIN + 4)
        self.set_title(itinerary.name)
        self.set_subject(f"Location scouting itinerary, {format_date_range(itinerary.start_date, itinerary.end_date)}")
        self.set_creator("scout")
        self.set_lang("en")
        self.set_creation_date(datetime.combine(itinerary.start_date, time(0), tzinfo=UTC))
        self.set_text_color(*INK)

    def new_section(self, bookmark: str | None = None, running_head: str | None = None) -> None:
        """A new page that starts a section: ``bookmark`` in the PDF's outline, ``running_head`` atop the
        section's later pages."""
        self.running_head = None
        self.add_page()
        if bookmark is not None:
            self.start_section(bookmark)
        self.running_head = running_head
        self.section_page = self.page_no()

    def header(self) -> None:
        if self.running_head is None or self.page_no() == self.section_page:
            return
        self._font("B", 9, MUTED)
        self.cell(WIDTH, 5, self.running_head, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(2)

    def footer(self) -> None:
        if self.page_no() == 1:
            return
        self.set_y(-MARGIN)
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)
        self.line(MARGIN, self.get_y() - 1.5, PAGE_WIDTH - MARGIN, self.get_y() - 1.5)
        self._font("", 7.5, MUTED)
        self.cell(WIDTH * 0.75, 4, self.trip_name, new_x=XPos.LEFT)
        data_alias = self.str_alias_nb_pages
        self.alias_nb_pages(_PAGE_TOTAL)
        self.cell(WIDTH, 4, f"Page {self.page_no()} of {_PAGE_TOTAL}", align="R")
        self.alias_nb_pages(data_alias)

    def _font(self, style: str, size: float, colour: RGB = INK) -> None:
        self.set_font(FONT, style, size)
        self.set_text_color(*colour)

    def heading(self, text: str, size: float = 15) -> None:
        self._font("B", size, GREEN)
        self.multi_cell(WIDTH, size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1.5)

    def paragraph(self, text: str, size: float = 9, style: str = "", colour: RGB = INK) -> None:
        self._font(style, size, colour)
        self.multi_cell(WIDTH, size * 0.47, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


# --- the map's canvas -----------------------------------------------------------------------------------


class _Canvas:
    """:class:`scout.render.route_map.Canvas` on an fpdf2 page."""

    def __init__(self, pdf: _Document) -> None:
        self.pdf = pdf

    def polygon(self, points: Sequence[XY], *, fill: RGB | None, stroke: RGB | None, width: float) -> None:
        if fill is not None:
            self.pdf.set_fill_color(*fill)
        if stroke is not None:
            self.pdf.set_draw_color(*stroke)
            self.pdf.set_line_width(width)
        style = ("D" if stroke is not None else "") + ("F" if fill is not None else "")
        if style:
            self.pdf.polygon(list(points), style=style)

    def polyline(self, points: Sequence[XY], *, stroke: RGB, width: float, dashed: bool = False) -> None:
        self.pdf.set_draw_color(*stroke)
        self.pdf.set_line_width(width)
        if dashed:
            self.pdf.set_dash_pattern(dash=1.4, gap=0.9)
        self.pdf.polyline(list(points), style="D")
        if dashed:
            self.pdf.set_dash_pattern()

    def circle(self, centre: XY, radius: float, *, fill: RGB, stroke: RGB | None, width: float) -> None:
        self.pdf.set_fill_color(*fill)
        if stroke is not None:
            self.pdf.set_draw_color(*stroke)
            self.pdf.set_line_width(width)
        self.pdf.circle(centre[0], centre[1], radius, style="DF" if stroke is not None else "F")

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
        self.pdf.set_font(FONT, "B" if bold else "", size)
        width = self.pdf.get_string_width(text)
        x = position[0] - {"left": 0.0, "center": width / 2, "right": width}[align]
        if halo:
            # a pale plate behind the text (a stroked copy of the text would read twice when text is extracted)
            em = size * 25.4 / 72
            with self.pdf.local_context(fill_opacity=0.72):
                self.pdf.set_fill_color(*WHITE)
                self.pdf.rect(x - 0.6, position[1] - 0.78 * em - 0.35, width + 1.2, em + 0.5, style="F")
        self.pdf.set_text_color(*colour)
        self.pdf.text(x, position[1], text)

    def text_width(self, text: str, *, size: float, bold: bool = False) -> float:
        self.pdf.set_font(FONT, "B" if bold else "", size)
        return self.pdf.get_string_width(text)


# --- the cover ------------------------------------------------------------------------------------------


def _cover(pdf: _Document, itinerary: Itinerary) -> None:
    pdf.new_section("Cover and route map")
    pdf.set_fill_color(*GREEN)
    pdf.rect(0, 0, PAGE_WIDTH, 5, style="F")
    pdf.set_fill_color(*RED)
    pdf.rect(0, 5, PAGE_WIDTH, 1.2, style="F")
    pdf.set_y(MARGIN + 2)
    pdf._font("B", 9, MUTED)
    pdf.cell(WIDTH, 5, "LOCATION SCOUTING ITINERARY · MEXICO", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)
    pdf._font("B", 24, INK)
    pdf.multi_cell(WIDTH, 10, itinerary.name, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)
    nights = sum(1 for day in itinerary.days if day.night is not None)
    pdf._font("", 12.5, INK)
    pdf.multi_cell(WIDTH, 6, f"{long_date_range(itinerary.start_date, itinerary.end_date)}  ·  "
                   f"{_plural(len(itinerary.days), 'day')}, {_plural(nights, 'night')}",
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip
    pdf._font("B", 12.5, GREEN)
    states = "  →  ".join(state.name for state in itinerary.states) or _NONE
    pdf.multi_cell(WIDTH, 6, states, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)

    # the map takes the width, at the view's aspect, leaving room for the key figures below it
    top = pdf.get_y()
    height = min(WIDTH / map_aspect(itinerary), PAGE_HEIGHT - top - 62)
    draw_route_map(_Canvas(pdf), itinerary, Box(MARGIN, top, WIDTH, height))
    pdf.set_text_color(*INK)
    pdf.set_line_width(0.2)
    pdf.set_y(top + height + 6)
    _figures(pdf, itinerary)
    _day_by_day(pdf, itinerary)


def _figures(pdf: _Document, itinerary: Itinerary) -> None:
    """The key figures as tiles: visits, meetings, road and air kilometres, nights."""
    totals = _Totals(itinerary)
    tiles = [
        (str(totals.visits), "visits"),
        (str(totals.meetings), "meetings"),
        (_km(totals.road_km), "by road"),
        (_km(totals.air_km), "by air"),
        (str(len(itinerary.states)), "states"),
    ]
    gap = 3.0
    width = (WIDTH - gap * (len(tiles) - 1)) / len(tiles)
    top = pdf.get_y()
    for index, (figure, caption) in enumerate(tiles):
        x = MARGIN + index * (width + gap)
        pdf.set_fill_color(*PANEL)
        pdf.rect(x, top, width, 17, style="F")
        pdf.set_xy(x, top + 2.5)
        pdf._font("B", 15, GREEN)
        pdf.cell(width, 7, figure, align="C")
        pdf.set_xy(x, top + 10)
        pdf._font("", 8.5, MUTED)
        pdf.cell(width, 4, caption, align="C")
    pdf.set_xy(MARGIN, top + 21)
    pdf.paragraph(
        "Times are local, with the time zone's abbreviation. Drives are drawn as straight lines between their "
        "ends; distances are by road (or air) as planned. "
        + (f"Planned from {itinerary.source}." if itinerary.source else ""),
        size=7.5,
        colour=MUTED,
    )


def _day_by_day(pdf: _Document, itinerary: Itinerary) -> None:
    """One line a day under the cover's figures: the date, the states and the night; left out if it does not fit
    (the summary that follows has it all)."""
    line = 5.2
    if pdf.get_y() + 4 + line * (len(itinerary.days) + 1) > PAGE_HEIGHT - MARGIN:
        return
    names = {state.code: state.name for state in itinerary.states}
    pdf.ln(4)
    pdf._font("B", 10, GREEN)
    pdf.cell(WIDTH, line, "Day by day", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for number, (day, states) in enumerate(zip(itinerary.days, trip_day_states(itinerary), strict=True), start=1):
        pdf._font("B", 9, INK)
        pdf.cell(14, line, f"Day {number}")
        pdf._font("", 9, INK)
        pdf.cell(22, line, short_date(day.date))
        where = " → ".join(names.get(code, code) for code in states) or _NONE
        night = f"night in {_short(day.night)}" if day.night is not None else "home"
        pdf._font("", 9, MUTED)
        pdf.cell(WIDTH - 36, line, _fit(pdf, f"{where}  ·  {night}", WIDTH - 37), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _fit(pdf: _Document, text: str, width: float) -> str:
    """``text``, cut with an ellipsis to fit on one line ``width`` wide in the current font."""
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


# --- the summary ----------------------------------------------------------------------------------------


class _Totals:
    """Counts and distances of the whole trip."""

    def __init__(self, itinerary: Itinerary) -> None:
        items = [item for day in itinerary.days for item in day.items]
        self.visits = sum(1 for item in items if item.type is ItemType.VISIT)
        self.meetings = sum(1 for item in items if item.type is ItemType.MEETING)
        self.road_km = sum(item.km or 0.0 for item in items if item.mode is TravelMode.DRIVE)
        self.air_km = sum(item.km or 0.0 for item in items if item.mode is TravelMode.FLIGHT)
        self.other_km = sum(
            item.km or 0.0 for item in items if item.mode in (TravelMode.WALK, TravelMode.TRANSFER, TravelMode.FERRY)
        )
        self.nights = sum(1 for day in itinerary.days if day.night is not None)
        self.bases = len({day.night.place for day in itinerary.days if day.night is not None})


def _summary(pdf: _Document, itinerary: Itinerary) -> None:
    pdf.new_section("The trip at a glance", "The trip at a glance (continued)")
    pdf.heading("The trip at a glance", 17)
    names = {state.code: state.name for state in itinerary.states}
    day_states = trip_day_states(itinerary)
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.2)
    with _table(pdf, (10, 22, 36, 72, 46)) as table:
        table.row(["Day", "Date", "Where", "Main visits and meetings", "Night"])
        for number, day in enumerate(itinerary.days, start=1):
            row = table.row()
            row.cell(str(number), style=FontFace(emphasis="BOLD", color=GREEN))
            row.cell(short_date(day.date))
            row.cell(" → ".join(names.get(code, code) for code in day_states[number - 1]) or _NONE)
            row.cell(_main_visits(day))
            row.cell(day.night.name if day.night is not None else "Home")
    pdf.ln(6)

    totals = _Totals(itinerary)
    pdf.heading("Totals", 12)
    rows = [
        ("Value collected", _value_and_gap(itinerary.value, itinerary.bound, itinerary.proved_optimal)),
        ("Visits and meetings", f"{_plural(totals.visits, 'visit')}, {_plural(totals.meetings, 'meeting')}"),
        ("Days and nights", f"{_plural(len(itinerary.days), 'day')}, {_plural(totals.nights, 'night')} "
                            f"in {_plural(totals.bases, 'base')}"),
        ("By road", _km(totals.road_km)),
        ("By air", _km(totals.air_km)),
    ]  # fmt: skip
    if totals.other_km >= 0.5:
        rows.append(("Walks and transfers", _km(totals.other_km)))
    with _table(pdf, (45, 141), headings=False) as table:
        for label, value in rows:
            row = table.row()
            row.cell(label, style=FontFace(emphasis="BOLD"))
            row.cell(value)


def _main_visits(day: Day) -> str:
    """The day's visits and meetings by value (the most valuable first, at most four), then how many more."""
    scouted = [item for item in day.items if item.type in (ItemType.VISIT, ItemType.MEETING)]
    ranked = sorted(scouted, key=lambda item: -item.value)  # stable: equal values keep the day's order
    names = ["• " + _activity(item) for item in ranked[:4]]
    if len(scouted) > 4:
        names.append(f"  and {len(scouted) - 4} more")
    return "\n".join(names) or _NONE


# --- the call sheets ------------------------------------------------------------------------------------


def _day_sheet(pdf: _Document, itinerary: Itinerary, day: Day, number: int, states: Sequence[str]) -> None:
    pdf.new_section(f"Day {number} · {long_date(day.date)}", f"Day {number} · {long_date(day.date)} (continued)")
    names = {state.code: state.name for state in itinerary.states}
    top = pdf.get_y()
    pdf.set_fill_color(*GREEN)
    pdf.rect(MARGIN, top, 22, 16, style="F")
    pdf.set_xy(MARGIN, top + 1.8)
    pdf._font("B", 7.5, WHITE)
    pdf.cell(22, 3.5, "DAY", align="C")
    pdf.set_xy(MARGIN, top + 5.5)
    pdf._font("B", 17, WHITE)
    pdf.cell(22, 9, str(number), align="C")
    pdf.set_xy(MARGIN + 26, top + 0.5)
    pdf._font("B", 16, INK)
    pdf.cell(WIDTH - 26, 8, long_date(day.date), new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf._font("", 10.5, GREEN)
    pdf.multi_cell(WIDTH - 26, 5, " → ".join(names.get(code, code) for code in states) or _NONE,
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip
    pdf.set_y(max(pdf.get_y(), top + 16) + 3)

    _daylight_panel(pdf, day)
    pdf.ln(3)
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.2)
    with _table(pdf, (30, 52, 104)) as table:
        table.row(["Time", "What", "Where and details"])
        for item in day.items:
            _schedule_row(table, item)


def _daylight_panel(pdf: _Document, day: Day) -> None:
    """Sunrise, sunset and the night's base in a grey band."""
    where = _day_end(day)
    parts = []
    if day.sunrise is not None:
        parts.append(f"Sunrise {clock(day.sunrise)} {zone_label(day.sunrise, day.zone)}")
    if day.sunset is not None:
        parts.append(f"Sunset {clock(day.sunset)} {zone_label(day.sunset, day.zone)}")
    daylight = "   ·   ".join(parts)
    if where and parts:
        daylight += f"   (at {where})"
    if day.night is None:
        night = "Night: home, the trip ends"
    else:
        night = f"Night: {night_label(day.night)}   ({_coordinates(day.night.location)})"
    top = pdf.get_y()
    pdf.set_fill_color(*PANEL)
    pdf.set_xy(MARGIN, top)
    pdf._font("B", 9.5, INK)
    text = f"  {daylight}\n  {night}" if daylight else f"  {night}"
    pdf.multi_cell(WIDTH, 6, text, fill=True, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _schedule_row(table: Table, item: Item) -> None:
    row = table.row()
    if item.type in (ItemType.VISIT, ItemType.MEETING):
        style = FontFace(fill_color=VISIT_FILL)
        row.cell(time_range(item, across="–\n"), style=FontFace(emphasis="BOLD", fill_color=VISIT_FILL))
        row.cell(_activity(item, detailed=True), style=FontFace(emphasis="BOLD", fill_color=VISIT_FILL))
        row.cell(_place_details(item), style=style)
    elif item.type is ItemType.TRAVEL:
        style = FontFace(color=MUTED, fill_color=WHITE)
        row.cell(time_range(item, across="–\n"), style=style)
        row.cell(_travel_text(item), style=style)
        row.cell(_travel_details(item), style=style)
    else:
        style = FontFace(emphasis="ITALICS", fill_color=BREAK_FILL)
        row.cell(time_range(item, across="–\n"), style=style)
        row.cell(item.label or "Lunch", style=style)
        row.cell(f"at {item.name}" if item.name else "", style=FontFace(fill_color=BREAK_FILL))


def _activity(item: Item, *, detailed: bool = False) -> str:
    """A visit's place; a meeting's title (and, in a call sheet, where it is)."""
    if item.type is ItemType.MEETING and item.title:
        if detailed and item.name and item.name != item.title:
            return f"{item.title}\n{item.name}"
        return item.title
    return item_description(item)


def _place_details(item: Item) -> str:
    """The kind, address or coordinates, contact, permits and notes of a visit or meeting, a line each."""
    lines = []
    if item.kind:
        lines.append(item.kind.replace("-", " ").capitalize())
    if item.address:
        lines.append(item.address)
    if item.location is not None:
        coordinates = _coordinates(item.location)
        lines.append(f"≈ {coordinates} (approximate: the town or area)" if item.approx else coordinates)
    if item.contact is not None:
        lines.extend(_contact_lines(item.contact))
    if item.permits:
        lines.append(_labelled("Permits", item.permits))
    if item.notes:
        lines.append(_labelled("Notes", item.notes))
    return "\n".join(lines)


def _contact_lines(contact: Contact) -> list[str]:
    lines = []
    if contact.name:
        lines.append(f"Contact: {contact.name}")
    reach = [value for value in (contact.phone, contact.email) if value]
    if reach:
        lines.append(("Tel./email: " if len(reach) == 2 else "Phone: " if contact.phone else "Email: ")
                     + " · ".join(reach))  # fmt: skip
    if contact.web:
        lines.append(f"Web: {contact.web}")
    return lines


def _travel_text(item: Item) -> str:
    """``Drive to Tequila``, ``Flight TIJ → GDL``: the distance goes in the details column."""
    if item.mode is TravelMode.FLIGHT or item.destination is None:
        return item_description(item)
    verb = {
        TravelMode.DRIVE: "Drive", TravelMode.WALK: "Walk", TravelMode.TRANSFER: "Transfer", TravelMode.FERRY: "Ferry"
    }  # fmt: skip
    return f"{verb.get(item.mode, 'Travel') if item.mode is not None else 'Travel'} to {item.destination.name}"


def _labelled(label: str, text: str) -> str:
    """``Permits: <text>``, unless the text already starts with its label."""
    return text if text.casefold().startswith(label.casefold()) else f"{label}: {text}"


def _travel_details(item: Item) -> str:
    parts = []
    if item.mode is TravelMode.FLIGHT and item.origin is not None and item.destination is not None:
        parts.append(f"{item.origin.name} → {item.destination.name}")
    if item.km is not None and item.km > 0:
        parts.append(_km(item.km) if item.km >= 1 else "under 1 km")
    parts.append(_duration(item.end - item.start))
    return " · ".join(parts)


# --- permits, incentives and what was left out ----------------------------------------------------------


def _notes(pdf: _Document, itinerary: Itinerary) -> None:
    noted = [state for state in itinerary.states if state.permits or state.incentives]
    if not noted and not itinerary.unvisited:
        return
    pdf.new_section("Permits, incentives and places not visited",
                    "Permits, incentives and places not visited (continued)")  # fmt: skip
    if noted:
        pdf.heading("Filming permits and incentives", 15)
        pdf.set_draw_color(*RULE)
        pdf.set_line_width(0.2)
        with _table(pdf, (38, 148)) as table:
            table.row(["State", "Permits and incentives"])
            for state in noted:
                lines = []
                if state.permits:
                    lines.append(_labelled("Permits", state.permits))
                if state.incentives:
                    lines.append(_labelled("Incentives", state.incentives))
                row = table.row()
                row.cell(state.name, style=FontFace(emphasis="BOLD"))
                row.cell("\n".join(lines))
        pdf.ln(8)
    if itinerary.unvisited:
        pdf.heading(f"Places not visited ({len(itinerary.unvisited)})", 15)
        pdf.paragraph("Places of the chosen states that were weighed and left out, with the reason.", 8.5,
                      colour=MUTED)  # fmt: skip
        pdf.ln(2)
        pdf.set_draw_color(*RULE)
        pdf.set_line_width(0.2)
        with _table(pdf, (70, 116)) as table:
            table.row(["Place", "Why not"])
            for unvisited in itinerary.unvisited:
                row = table.row()
                row.cell(unvisited.name, style=FontFace(emphasis="BOLD"))
                row.cell(unvisited.reason)


# --- tables and formatting ------------------------------------------------------------------------------


@contextmanager
def _table(pdf: _Document, widths: Sequence[float], *, headings: bool = True) -> Iterator[Table]:
    """A table the width of the page: wrapped cells, rules between rows, green headings repeated on new pages."""
    pdf._font("", 8.5, INK)
    pdf.set_fill_color(*WHITE)  # fpdf2 takes the cells' default background from the current fill colour
    with pdf.table(
        col_widths=tuple(widths),
        width=pdf.epw,
        align="LEFT",
        text_align="LEFT",
        v_align=VAlign.T,
        line_height=3.9,
        padding=(1.4, 1.6),
        borders_layout=TableBordersLayout.HORIZONTAL_LINES,
        first_row_as_headings=headings,
        headings_style=FontFace(emphasis="BOLD", color=WHITE, fill_color=GREEN, size_pt=8.5),
    ) as table:
        yield table


def _day_end(day: Day) -> str | None:
    """Where the day ends (where its sunrise and sunset are given): the night's base, or the last arrival."""
    if day.night is not None:
        return _short(day.night)
    for item in reversed(day.items):
        if item.type is ItemType.TRAVEL and item.destination is not None:
            return _short(item.destination)
        if item.name:
            return item.name
    return None


def _short(point: Point) -> str:
    return short_name(point.name)


def _coordinates(location: Coordinates) -> str:
    return f"{location.lat:.5f}, {location.lon:.5f}"


def _km(km: float) -> str:
    return f"{km:,.0f} km"


def _duration(span: timedelta) -> str:
    minutes = round(span.total_seconds() / 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _value_and_gap(value: float, bound: float | None, proved: bool) -> str:
    if bound is None:
        return f"{value:.1f} (no bound proved)"
    if proved or bound <= value:
        return f"{value:.1f}, the most any itinerary could collect (bound {bound:.1f})"
    gap = 100 * (bound - value) / bound if bound > 0 else 0.0
    return f"{value:.1f} of at most {bound:.1f} (gap {gap:.1f} %)"
