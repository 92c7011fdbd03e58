r"""The itinerary as a Markdown document, for GitHub, a wiki or a Markdown-to-PDF tool.

One pure function, :func:`render_markdown`, builds the whole document from an
:class:`~scout.model.itinerary.Itinerary`: title, summary, one section per day (its schedule as a table,
the night, and what the delegation needs on the spot at each place), the states' permits and incentives,
the places left out and the other states weighed.

Every piece of text that comes from the data goes through ``_escape`` (one line: names, table cells) or
``_escape_block`` (multi-line notes in a list item), so a name such as ``Estudio *B* | Zona Río`` or
``<b>Ana</b>`` shows as written instead of becoming emphasis, a new table column or HTML. Escaping uses
CommonMark backslash escapes, which every ASCII punctuation character accepts (GitHub and markdown-it
also honour ``\|`` inside table cells), rather than HTML entities, so the raw file still reads well. Only
the text we generate ourselves carries Markdown syntax; links are built only from our own OpenStreetMap
addresses and from contact web addresses that contain nothing but a plain http(s) URL.
"""

from __future__ import annotations

import re

from scout.formats import long_date
from scout.model.catalogue import Contact, Coordinates, TravelMode
from scout.model.itinerary import Day, Item, ItemType, Itinerary, StateChoice
from scout.render.text import (
    APPROXIMATE,
    NOT_BUILT,
    ROAD_MODES,
    clock,
    date_range,
    kilometres,
    kind_label,
    map_url,
    mode_name,
    night_label,
    place_name,
    scouted,
    time_range,
    travel_km,
    travel_route,
    trip_day_states,
    value_and_bound,
    zone_label,
)

# Characters that format inline wherever they stand: emphasis, code, links, raw HTML, entities, table
# cells, GitHub's strikethrough and math, heading closers.
_INLINE_ACTIVE = re.compile(r"([\\`*_\[\]<>&|~$#])")
# What starts a block when it opens a line: a list item (-, +), a setext underline (=), and after digits,
# an ordered list item (1. or 1)).
_LINE_START_MARK = re.compile(r"^([-+=])")
_LINE_START_NUMBER = re.compile(r"^(\d+)([.)])")
_WHITESPACE = re.compile(r"\s+")
_SAFE_URL = re.compile(r"^https?://[^\s<>]+$")


def render_markdown(itinerary: Itinerary) -> str:
    """The itinerary as a GitHub-flavoured Markdown document.

    Parameters
    ----------
    itinerary
        The planned trip.

    Returns
    -------
    str
        The document, ending with a newline. Times are local, each with its zone's abbreviation
        (``07:30 PDT – 12:15 CST`` for a flight between zones); the output depends on the itinerary alone.
    """
    blocks: list[str] = [*_title(itinerary), *_summary(itinerary), *_warnings(itinerary)]
    for number, day in enumerate(itinerary.days, start=1):
        blocks.extend(_day(itinerary, number, day))
    blocks.extend(_states(itinerary.states))
    blocks.extend(_unvisited(itinerary))
    blocks.extend(_alternatives(itinerary))
    return "\n\n".join(blocks) + "\n"


# --- escaping -------------------------------------------------------------------------------------------


def _escape(text: str) -> str:
    """One line of literal text: whitespace runs (newlines included) become one space, ends trimmed.

    Table cells cannot hold a line break, so this is also what a cell gets. The result is meant to follow
    something on its line (a list marker, a label, a ``|``); :func:`_escape_block` handles line starts.
    """
    return _INLINE_ACTIVE.sub(r"\\\1", _WHITESPACE.sub(" ", text).strip())


def _escape_block(text: str, indent: str = "  ") -> str:
    """Literal multi-line text after a label in a list item: its lines kept, joined by hard line breaks.

    Each line after the first is indented to stay inside the list item and, since it starts a line, escaped
    so that it cannot open a block of its own (``- item``, ``1. item``, a ``===`` underline; ``#``, ``>``
    and ``*`` are escaped everywhere). Blank lines are dropped: they would end the list item.
    """
    lines = [_escape(line) for line in text.splitlines() if line.strip()]
    for index in range(1, len(lines)):
        lines[index] = _LINE_START_NUMBER.sub(r"\1\\\2", _LINE_START_MARK.sub(r"\\\1", lines[index]))
    return ("\\\n" + indent).join(lines)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(header: list[str], rows: list[list[str]]) -> str:
    return "\n".join([_row(header), _row(["---"] * len(header)), *(_row(row) for row in rows)])


# --- sections -------------------------------------------------------------------------------------------


def _title(itinerary: Itinerary) -> list[str]:
    states = ", ".join(_escape(state.name) for state in itinerary.states) or "no state chosen"
    return [
        f"# {_escape(itinerary.name)}",
        f"**{date_range(itinerary.start_date, itinerary.end_date)}** · {states}",
    ]


def _summary(itinerary: Itinerary) -> list[str]:
    items = [item for day in itinerary.days for item in day.items]
    visits = sum(1 for item in items if item.type is ItemType.VISIT)
    meetings = sum(1 for item in items if item.type is ItemType.MEETING)
    km = travel_km(itinerary)
    road = sum(distance for mode, distance in km.items() if mode in ROAD_MODES)
    distances = f"{kilometres(road)} by road, {kilometres(km.get(TravelMode.FLIGHT, 0.0))} by air"
    if TravelMode.WALK in km:
        distances += f", {kilometres(km[TravelMode.WALK])} on foot"
    states = " → ".join(f"{_escape(state.name)} ({_escape(state.code)})" for state in itinerary.states)
    lines = [
        f"- **Value:** {value_and_bound(itinerary)}",
        f"- **Days:** {len(itinerary.days)} · **visits:** {visits} · **meetings:** {meetings}",
        f"- **Distance:** {distances}",
        f"- **States:** {states or 'none'}",
    ]
    if itinerary.unvisited:
        lines.append(f"- **Not visited:** {len(itinerary.unvisited)} (see below)")
    if itinerary.source:
        lines.append(f"- **Trip file:** {_escape(itinerary.source)}")
    return ["## Summary", "\n".join(lines)]


def _day(itinerary: Itinerary, number: int, day: Day) -> list[str]:
    blocks = [f"## Day {number} — {long_date(day.date)}"]
    facts = []
    names = {state.code: state.name for state in itinerary.states}
    codes = trip_day_states(itinerary)[number - 1]
    if codes:
        facts.append("States: " + " → ".join(_escape(names.get(code, code)) for code in codes))
    if day.sunrise is not None:
        facts.append(f"sunrise {clock(day.sunrise)} {zone_label(day.sunrise, day.zone)}")
    if day.sunset is not None:
        facts.append(f"sunset {clock(day.sunset)} {zone_label(day.sunset, day.zone)}")
    if facts:
        blocks.append(" · ".join(facts))
    if day.items:
        rows = [[_escape(time_range(item)), *_what(item)] for item in day.items]
        blocks.append(_table(["Time", "What", "Distance", "Value"], rows))
    else:
        blocks.append("Nothing planned.")
    blocks.extend(f"**Note:** {_escape(note)}" for note in day.notes)
    blocks.append(
        f"**Night:** {_escape(night_label(day.night)) if day.night is not None else 'home (end of the trip)'}"
    )
    places = [_place(item) for item in scouted(day.items)]
    if places:
        blocks.append(f"### Places on day {number}")
        blocks.extend(places)
    return blocks


def _what(item: Item) -> list[str]:
    """The What, Distance and Value cells of one schedule row."""
    if item.type is ItemType.TRAVEL:
        mode = mode_name(item)
        distance = kilometres(item.km) if item.km is not None else ""
        return [f"**{mode}:** {_escape(travel_route(item))}", distance, ""]
    if item.type is ItemType.BREAK:
        label = _escape(item.label or "Lunch")
        where = place_name(item)
        return [f"{label} at {_escape(where)}" if where else label, "", ""]
    what = f"**Visit:** {_escape(place_name(item))}"
    if item.type is ItemType.MEETING:
        what = f"**Meeting:** {_escape(item.title)}" if item.title else "**Meeting**"
        if place_name(item):
            what += f" — {_escape(place_name(item))}"
    if item.kind:
        what += f" ({_escape(kind_label(item.kind))})"
    return [what, "", f"{item.value:.1f}" if item.value else ""]


def _place(item: Item) -> str:
    """A visited place: heading, then what the delegation needs there, one fact per list item."""
    heading = f"#### {_escape(place_name(item) or 'Place')}"
    if item.type is ItemType.MEETING and item.title:
        heading += f" — {_escape(item.title)}"
    facts = [f"- **When:** {time_range(item)}"]
    if item.address:
        facts.append(f"- **Address:** {_escape_block(item.address)}")
    if item.contact is not None:
        contact = _contact(item.contact)
        if contact:
            facts.append(f"- **Contact:** {contact}")
    if item.permits:
        facts.append(f"- **Permits:** {_escape_block(item.permits)}")
    if item.notes:
        facts.append(f"- **Notes:** {_escape_block(item.notes)}")
    if item.location is not None:
        facts.append(f"- **Map:** {_map_link(item.location, approx=item.approx)}")
    return heading + "\n\n" + "\n".join(facts)


def _contact(contact: Contact) -> str:
    parts = [_escape(part) for part in (contact.name, contact.phone, contact.email) if part]
    if contact.web:
        parts.append(_link(contact.web, contact.web))
    return " · ".join(parts)


def _link(text: str, url: str) -> str:
    """A link when ``url`` is a plain http(s) address, else the text alone: data must not inject syntax.

    The destination goes in angle brackets, where only ``<``, ``>`` and line breaks are special (and
    :data:`_SAFE_URL` admits none of them); ``&`` and ``)`` need no escape there.
    """
    if _SAFE_URL.match(url):
        return f"[{_escape(text)}](<{url}>)"
    return _escape(text)


def _map_link(location: Coordinates, *, approx: bool) -> str:
    text = f"{location.lat:.5f}, {location.lon:.5f}"
    link = f"[{text}](<{map_url(location, approx=approx)}>) on OpenStreetMap"
    return f"{link} ({APPROXIMATE})" if approx else link


def _states(states: tuple[StateChoice, ...]) -> list[str]:
    sections = []
    for state in states:
        facts = []
        if state.permits:
            facts.append(f"- **Permits:** {_escape_block(state.permits)}")
        if state.incentives:
            facts.append(f"- **Incentives:** {_escape_block(state.incentives)}")
        if facts:
            sections.append(f"### {_escape(state.name)} ({_escape(state.code)})\n\n" + "\n".join(facts))
    return ["## Permits and incentives", *sections] if sections else []


def _warnings(itinerary: Itinerary) -> list[str]:
    if not itinerary.warnings:
        return []
    return ["## Warnings", "\n".join(f"- {_escape(caveat.message)}" for caveat in itinerary.warnings)]


def _unvisited(itinerary: Itinerary) -> list[str]:
    if not itinerary.unvisited:
        return []
    rows = [[_escape(place.name), _escape(place.reason)] for place in itinerary.unvisited]
    return [f"## Not visited ({len(itinerary.unvisited)})", _table(["Place", "Reason"], rows)]


def _alternatives(itinerary: Itinerary) -> list[str]:
    """The sets of states the optimiser weighed; the chosen set is marked, listed first if it is not there."""
    if not itinerary.alternatives:
        return []
    chosen = frozenset(state.code for state in itinerary.states)
    rows = []
    if all(frozenset(alternative.states) != chosen for alternative in itinerary.alternatives):
        codes = " + ".join(_escape(state.code) for state in itinerary.states)
        rows.append([codes, _number(itinerary.value), _number(itinerary.bound), "yes"])
    for alternative in itinerary.alternatives:
        codes = " + ".join(_escape(code) for code in alternative.states)
        mark = "yes" if frozenset(alternative.states) == chosen else ""
        rows.append([codes, _number(alternative.value), _number(alternative.bound), mark])
    blocks = ["## Other states weighed", _table(["States", "Value", "Bound", "Chosen"], rows)]
    if any(alternative.value is None for alternative in itinerary.alternatives):
        blocks.append(_escape(NOT_BUILT))
    return blocks


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"
