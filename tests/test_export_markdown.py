"""The Markdown export, read back with a real CommonMark parser (markdown-it-py, with GitHub's tables).

What matters is what a reader sees on GitHub, so the tests parse the document and look at the tokens: how
many tables, rows and cells; that hostile text lands as text in the cell it belongs to; that nothing in
the data became emphasis, a link, code or HTML.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from scout.model.catalogue import Contact, Coordinates
from scout.model.itinerary import Day, Item, ItemType, Itinerary
from scout.render.markdown import render_markdown
from scout.render.text import zone_label
from tests.samples import MEXICO, TIJUANA, at, sample_itinerary

ROOT = Path(__file__).resolve().parent.parent

# Inline token types that would mean some data was read as Markdown or HTML rather than as text. (The
# document makes its own bold labels and links; links are checked one by one with links().)
FORMATTING = {"em_open", "s_open", "code_inline", "html_inline", "image"}


def markdown_it() -> MarkdownIt:
    """CommonMark with GitHub's tables and strikethrough (GitHub's autolinks would need linkify-it-py)."""
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def parse(text: str) -> list[Token]:
    return markdown_it().parse(text)


def html(text: str) -> str:
    rendered: str = markdown_it().render(text)
    return rendered


def inline_text(token: Token) -> str:
    """The text a reader sees in an inline token: text, code and line breaks, without markup."""
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)


def tables(tokens: list[Token]) -> list[list[list[str]]]:
    """Every table as rows of cell texts, the header row first."""
    result: list[list[list[str]]] = []
    for index, token in enumerate(tokens):
        if token.type == "table_open":
            result.append([])
        elif token.type == "tr_open":
            result[-1].append([])
        elif token.type == "inline" and tokens[index - 1].type in ("th_open", "td_open"):
            result[-1][-1].append(inline_text(token))
    return result


def headings(tokens: list[Token], level: int) -> list[str]:
    tag = f"h{level}"
    return [
        inline_text(tokens[index + 1])
        for index, token in enumerate(tokens)
        if token.type == "heading_open" and token.tag == tag
    ]


def all_text(tokens: list[Token]) -> str:
    return "\n".join(inline_text(token) for token in tokens if token.type == "inline")


def inline_types(tokens: list[Token]) -> set[str]:
    return {child.type for token in tokens if token.type == "inline" for child in token.children or []}


def links(tokens: list[Token]) -> list[tuple[str, str]]:
    """``(href, text)`` of every link."""
    found = []
    for token in tokens:
        children = token.children or []
        for index, child in enumerate(children):
            if child.type == "link_open":
                text = children[index + 1].content if index + 1 < len(children) else ""
                found.append((str(child.attrs["href"]), text))
    return found


def meeting(itinerary: Itinerary) -> Item:
    return next(item for day in itinerary.days for item in day.items if item.type is ItemType.MEETING)


def with_meeting(itinerary: Itinerary, **changes: object) -> Itinerary:
    """The itinerary with its one meeting changed: the place where the sample keeps its hostile text."""
    old = meeting(itinerary)
    days = tuple(
        replace(day, items=tuple(replace(item, **changes) if item is old else item for item in day.items))  # type: ignore[arg-type]
        for day in itinerary.days
    )
    return replace(itinerary, days=days)


# --- the sample itinerary -------------------------------------------------------------------------------


def test_tables_have_the_right_rows_and_columns() -> None:
    text = render_markdown(sample_itinerary())
    found = tables(parse(text))
    # day 1 and day 2 (6 items each, plus the header), the unvisited place, the alternatives (the chosen
    # BC + JAL is one of them, so it is marked rather than repeated)
    assert [len(table) for table in found] == [7, 7, 2, 3]
    assert [{len(row) for row in table} for table in found] == [{4}, {4}, {2}, {4}]
    assert found[0][0] == ["Time", "What", "Distance", "Value"]
    assert html(text).count("<table>") == 4


def test_schedule_rows_say_what_happens() -> None:
    day_one, day_two, unvisited, alternatives = tables(parse(render_markdown(sample_itinerary())))
    assert day_one[1] == ["07:00–10:00 PDT", "Drive: Los Angeles International → Playas de Rosarito", "215 km", ""]
    assert day_one[2] == ["10:00–11:30 PDT", "Visit: Playas de Rosarito (beach)", "", "5.0"]
    assert day_one[4] == ["12:15–13:15 PDT", "Comida at Baja California Film Commission", "", ""]
    assert day_one[6][2] == "0.5 km"  # the short transfer keeps its decimal
    assert day_two[2][1:3] == ["Flight: Tijuana International → Guadalajara International", "1,850 km"]
    assert unvisited[1] == ["Guachimontones (Teuchitlán)", "no day left with 2 h of daylight in Jalisco"]
    assert alternatives[1:] == [["BC + JAL", "20.0", "22.5", "yes"], ["BC + SON", "—", "18.0", ""]]


def test_a_pipe_stays_inside_its_cell() -> None:
    day_one, day_two, *_ = tables(parse(render_markdown(sample_itinerary())))
    assert day_one[5] == [
        "14:00–15:00 PDT",
        "Meeting: Reunión de bienvenida | Comisión de Filmaciones — Baja California Film Commission (film commission)",
        "",
        "8.0",
    ]
    assert day_two[1][1] == "Drive: Tijuana (hotel en el centro) | Zona Río → Tijuana International"


def test_html_in_the_data_shows_as_text() -> None:
    text = render_markdown(sample_itinerary())
    tokens = parse(text)
    assert "Ask for <b>Ana</b>; parking at the back\nBring IDs" in all_text(tokens)
    assert not inline_types(tokens) & FORMATTING
    assert not [token for token in tokens if token.type == "html_block"]
    rendered = html(text)
    assert "&lt;b&gt;Ana&lt;/b&gt;" in rendered
    assert "<b>" not in rendered


def test_times_are_local_with_the_zone_abbreviation() -> None:
    text = render_markdown(sample_itinerary())
    _, day_two, *_ = tables(parse(text))
    # Tijuana keeps US daylight saving time (PDT, -07:00); Mexico City has none since 2022 (CST, -06:00)
    assert day_two[2][0] == "07:30 PDT – 12:15 CST"
    assert day_two[6][0] == "18:30 CST – 19:50 PDT"
    assert day_two[4][0] == "14:00–15:30 CST"
    assert "sunrise 06:39 PDT · sunset 18:47 PDT" in all_text(parse(text))


def test_every_day_has_its_section_with_the_weekday() -> None:
    tokens = parse(render_markdown(sample_itinerary()))
    assert headings(tokens, 1) == ["Viaje de familiarización 2024"]
    assert [h for h in headings(tokens, 2) if h.startswith("Day")] == [
        "Day 1 — Monday 23 September 2024",
        "Day 2 — Tuesday 24 September 2024",
    ]
    assert headings(tokens, 2) == [
        "Summary",
        "Day 1 — Monday 23 September 2024",
        "Day 2 — Tuesday 24 September 2024",
        "Permits and incentives",
        "Not visited (1)",
        "Other states weighed",
    ]
    text = all_text(tokens)
    assert "Night: Tijuana (hotel en el centro) | Zona Río" in text
    assert "Night: home (end of the trip)" in text
    # the set listed without a value (BC + BCS) is explained under the table
    assert text.endswith("or no order of the nights fits the dated meetings")


def test_summary_gives_value_bound_counts_distances_and_states() -> None:
    text = all_text(parse(render_markdown(sample_itinerary())))
    assert "Monday 23 September 2024 – Tuesday 24 September 2024 · Baja California, Jalisco" in text
    assert "Value: 20.0 of a bound of 22.5: gap 2.5 (11.1 %)" in text
    assert "Days: 2 · visits: 2 · meetings: 1" in text
    # road: 215 + 25.3 + 0.5 (transfer) + 11 + 62 + 62 = 375.8; air: 1850 + 2100
    assert "Distance: 376 km by road, 3,950 km by air" in text
    assert "States: Baja California (BC) → Jalisco (JAL)" in text
    assert "Trip file: trips/familiarización.yaml" in text


def test_places_carry_what_the_delegation_needs() -> None:
    text = render_markdown(sample_itinerary())
    tokens = parse(text)
    assert headings(tokens, 4) == [
        "Playas de Rosarito",
        "Baja California Film Commission — Reunión de bienvenida | Comisión de Filmaciones",
        "Tequila",
    ]
    seen = all_text(tokens)
    assert "Address: Blvd. Agua Caliente 4558, Aviación, 22014 Tijuana, B.C." in seen
    assert (
        "Contact: Oficina de la Comisión · +52 664 000 0000 · film@example.mx · https://example.mx/film?a=1&b=2" in seen
    )
    assert "Permits: Permits: 10 working days; fee 1,500 MXN; drones need AFAC approval" in seen
    assert "Permits: State permit from the film commission; beaches need federal (ZOFEMAT) permission" in seen
    assert "Incentives: Free location scouting support" in seen
    osm = "https://www.openstreetmap.org/?mlat={0}&mlon={1}#map={2}/{0}/{1}"
    assert links(tokens) == [
        (osm.format("32.36370", "-117.05450", 15), "32.36370, -117.05450"),
        ("https://example.mx/film?a=1&b=2", "https://example.mx/film?a=1&b=2"),
        (osm.format("32.53250", "-117.01890", 15), "32.53250, -117.01890"),
        (osm.format("20.88220", "-103.83690", 13), "20.88220, -103.83690"),  # approximate: zoomed out
    ]
    assert seen.count("approximate: the town or area, not the exact spot") == 1  # Tequila only


def test_markdown_in_names_and_notes_does_not_format() -> None:
    name = "  Estudio *B* _x_ `code` [link](https://x.example) ~~no~~ $x$ #1 C:\\dir\\ & &amp; <i>i</i> | end  "
    notes = "- not a list\n1. not a list\n# not a heading\n===\n> not a quote\n\n    not code\n<div>no</div>"
    itinerary = with_meeting(sample_itinerary(), name=name, title=None, notes=notes, kind=None)
    text = render_markdown(itinerary)
    tokens = parse(text)
    shown = name.strip()
    assert f"Meeting — {shown}" in [row[1] for row in tables(tokens)[0]]
    assert shown in headings(tokens, 4)
    assert (
        "Notes: - not a list\n1. not a list\n# not a heading\n===\n> not a quote\nnot code\n<div>no</div>"
        in all_text(tokens)
    )
    assert not inline_types(tokens) & FORMATTING
    block_types = {token.type for token in tokens}
    assert not block_types & {"html_block", "code_block", "fence", "blockquote_open", "ordered_list_open", "hr"}
    # the same links as in the sample (three maps, one web address): the one in the name stayed text
    assert [href for href, _ in links(tokens)] == [
        href for href, _ in links(parse(render_markdown(sample_itinerary())))
    ]
    # one list per place (and the summary), each list item its own fact: the notes did not start new items
    notes_items = [token for token in tokens if token.type == "inline" and token.content.startswith("**Notes:**")]
    assert len(notes_items) == 1


def test_a_newline_in_a_cell_becomes_a_space() -> None:
    itinerary = with_meeting(sample_itinerary(), title="Reunión\nde bienvenida", kind=None)
    day_one = tables(parse(render_markdown(itinerary)))[0]
    assert day_one[5][1] == "Meeting: Reunión de bienvenida — Baja California Film Commission"
    assert len(day_one) == 7


def test_a_web_address_that_is_not_plain_http_is_not_a_link() -> None:
    for web in ("javascript:alert(1)", "https://x.example/a b", "https://x.example/<script>"):
        itinerary = with_meeting(sample_itinerary(), contact=Contact(web=web))
        tokens = parse(render_markdown(itinerary))
        assert web not in [href for href, _ in links(tokens)]
        assert f"Contact: {web}" in all_text(tokens)


def test_zone_labels_fall_back_on_the_offset() -> None:
    moment = datetime(2024, 9, 24, 9, 0, tzinfo=timezone(timedelta(hours=-5)))
    assert zone_label(moment, "America/Bogota") == "UTC−05:00"  # zoneinfo calls it "-05"
    assert zone_label(moment, "America/Cancun") == "EST"
    assert zone_label(moment, None) == "UTC−05:00"
    assert zone_label(moment, "Not/AZone") == "UTC−05:00"
    assert zone_label(moment, MEXICO) == "UTC−05:00"  # Mexico City is at -06:00: the stored offset wins
    assert zone_label(datetime(2024, 9, 24, 9, 0, tzinfo=timezone(timedelta(hours=5, minutes=30))), None) == (
        "UTC+05:30"
    )


def test_a_visit_without_a_zone_shows_its_offset() -> None:
    # As read back from a JSON file written without zones: fixed offsets, no zone names.
    old = meeting(sample_itinerary())
    fixed = timezone(timedelta(hours=-7))
    itinerary = with_meeting(
        sample_itinerary(), zone=None, start=old.start.astimezone(fixed), end=old.end.astimezone(fixed)
    )
    day_one = tables(parse(render_markdown(itinerary)))[0]
    assert day_one[5][0] == "14:00–15:00 UTC−07:00"


def test_an_itinerary_without_extras_still_renders() -> None:
    itinerary = replace(
        sample_itinerary(),
        bound=None,
        unvisited=(),
        alternatives=(),
        source=None,
        states=tuple(replace(state, permits=None, incentives=None) for state in sample_itinerary().states),
        days=(Day(date(2024, 9, 23), (), None),),
        end_date=date(2024, 9, 23),
    )
    tokens = parse(render_markdown(itinerary))
    assert tables(tokens) == []
    assert headings(tokens, 2) == ["Summary", "Day 1 — Monday 23 September 2024"]
    text = all_text(tokens)
    assert "Value: 20.0 (no bound proved)" in text
    assert "Nothing planned." in text


def test_a_trip_past_midnight_marks_the_next_day() -> None:
    late = Item(ItemType.VISIT, at(1, "23:00", TIJUANA), at(2, "01:00", TIJUANA), name="Night shoot", zone=TIJUANA)
    itinerary = replace(sample_itinerary(), days=(Day(date(2024, 9, 23), (late,), None),))
    assert tables(parse(render_markdown(itinerary)))[0][1][0] == "23:00–01:00 PDT +1d"


def test_rendering_is_deterministic() -> None:
    assert render_markdown(sample_itinerary()) == render_markdown(sample_itinerary())
    assert render_markdown(sample_itinerary()).endswith("\n")


# --- the real planned trip ------------------------------------------------------------------------------


@pytest.mark.parametrize("check", ["tables", "days", "places"])
def test_the_planned_sample_trip_renders(check: str, planned_itinerary: Itinerary) -> None:
    itinerary = planned_itinerary
    tokens = parse(render_markdown(itinerary))
    found = tables(tokens)
    if check == "tables":
        day_tables = found[: len(itinerary.days)]
        assert [len(table) - 1 for table in day_tables] == [len(day.items) for day in itinerary.days]
        assert all(len(row) == 4 for table in day_tables for row in table)
        assert len(found) == len(itinerary.days) + bool(itinerary.unvisited) + bool(itinerary.alternatives)
        assert not inline_types(tokens) & FORMATTING
    elif check == "days":
        days = [h for h in headings(tokens, 2) if h.startswith("Day ")]
        assert len(days) == len(itinerary.days) == 6
        assert days[0] == "Day 1 — Monday 23 September 2024"
        assert days[-1] == "Day 6 — Saturday 28 September 2024"
        # every time cell names a zone: an abbreviation or a UTC offset, never a bare time
        times = [row[0] for table in found[:6] for row in table[1:]]
        assert all(cell.split()[-1] in {"PDT", "CST", "MST", "EST", "+1d"} for cell in times), times
    else:
        scouted = [i for day in itinerary.days for i in day.items if i.type in (ItemType.VISIT, ItemType.MEETING)]
        assert len(headings(tokens, 4)) == len(scouted)
        maps = [href for href, _ in links(tokens) if href.startswith("https://www.openstreetmap.org/")]
        assert len(maps) == len(scouted)


def test_coordinates_in_map_links_are_those_of_the_place() -> None:
    item = replace(meeting(sample_itinerary()), location=Coordinates(-33.5, 151.25))
    itinerary = with_meeting(sample_itinerary(), location=item.location)
    hrefs = [href for href, _ in links(parse(render_markdown(itinerary)))]
    assert "https://www.openstreetmap.org/?mlat=-33.50000&mlon=151.25000#map=15/-33.50000/151.25000" in hrefs
