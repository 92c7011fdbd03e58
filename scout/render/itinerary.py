"""Renderables for the terminal (rich): an itinerary, day by day, with its summary and what was left out.

Pure functions of an :class:`~scout.model.itinerary.Itinerary`; nothing here prints or creates a
:class:`rich.console.Console`. Every piece of text that comes from the data (trip and place names, titles,
reasons) is passed to rich as a :class:`rich.text.Text`, never as a markup string, so a name such as
``Estudio [B]`` is printed as written.

Times are shown in the local time of each item with its zone's abbreviation (``PDT``, ``CST``), worded
by :mod:`scout.render.text` as in every export; an offset without a named zone is shown as ``UTC−07:00``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from scout.formats import short_date, short_date_range
from scout.model.catalogue import TravelMode
from scout.model.itinerary import Day, Item, ItemType, Itinerary, Point
from scout.render.text import (
    NOT_BUILT,
    clock,
    kind_label,
    mode_name,
    night_label,
    scouted,
    time_range,
    trip_day_states,
)

_AIRPORT_ID = re.compile(r"^[a-z]{3}$")  # airports are catalogued under their IATA code in lower case
_NONE = "—"


def itinerary_renderables(itinerary: Itinerary) -> list[RenderableType]:
    """The trip as rich renderables: a header, then each day's table followed by its night line.

    Parameters
    ----------
    itinerary
        The planned trip.

    Returns
    -------
    list[RenderableType]
        The header (:class:`~rich.text.Text`), then for each day a :class:`~rich.table.Table` titled
        ``Day 2 · Tue 24 Sep 2024 · Baja California → Jalisco`` and a :class:`~rich.text.Text` line
        ``Night: <name>`` (``Night: home`` when the day ends at home) with sunrise and sunset when known.
    """
    renderables: list[RenderableType] = [header_text(itinerary)]
    for number, (day, states) in enumerate(zip(itinerary.days, trip_day_states(itinerary), strict=True), start=1):
        renderables.append(day_table(itinerary, day, number, states))
        renderables.append(night_text(day))
        renderables.extend(Text("Note: " + note) for note in day.notes)
    return renderables


def warnings_table(itinerary: Itinerary) -> Table | None:
    """What makes the itinerary less certain than it looks; ``None`` when nothing does."""
    if not itinerary.warnings:
        return None
    table = Table(title=f"Warnings ({len(itinerary.warnings)})", title_justify="left", show_header=False)
    table.add_column("Warning", overflow="fold")
    for caveat in itinerary.warnings:
        table.add_row(Text(caveat.message))
    return table


def header_text(itinerary: Itinerary) -> Text:
    """Trip name, dates, the chosen states and the value against its bound, one per line."""
    text = Text()
    text.append(itinerary.name, style="bold")
    text.append("\n" + format_date_range(itinerary.start_date, itinerary.end_date))
    states = ", ".join(f"{state.name} ({state.code})" for state in itinerary.states)
    text.append("\nStates: " + (states or _NONE))
    text.append("\n" + format_value_and_bound(itinerary.value, itinerary.bound))
    return text


def day_table(itinerary: Itinerary, day: Day, number: int, states: Sequence[str]) -> Table:
    """One day's items: time, what, kind of place and value.

    ``states`` are the codes of the states the day goes through, in order, for the title.
    """
    names = _state_names(itinerary)
    title = f"Day {number} · {format_date(day.date)}"
    if states:
        title += " · " + " → ".join(names.get(code, code) for code in states)
    table = Table(title=Text(title), title_justify="left")
    table.add_column("Time", no_wrap=True)
    table.add_column("What", overflow="fold")
    table.add_column("Kind")
    table.add_column("Value", justify="right")
    for item in day.items:
        scouted = item.type in (ItemType.VISIT, ItemType.MEETING)
        table.add_row(
            Text(time_range(item)),
            Text(item_description(item)),
            Text(kind_label(item.kind) if scouted and item.kind else ""),
            Text(f"{item.value:.1f}" if scouted and item.value > 0 else ""),
        )
    if not day.items:  # a day at the hotel: said, and wide enough for its title
        table.add_row(Text(""), Text("Nothing planned (the note below says why)"), Text(""), Text(""))
    return table


def night_text(day: Day) -> Text:
    """``Night: <name>, <address>`` (``Night: home`` when there is none), then sunrise and sunset when known."""
    text = Text("Night: " + (night_label(day.night) if day.night is not None else "home"))
    if day.sunrise is not None and day.sunset is not None:
        text.append(f" · sunrise {clock(day.sunrise)}, sunset {clock(day.sunset)}")
    elif day.sunrise is not None:
        text.append(f" · sunrise {clock(day.sunrise)}")
    elif day.sunset is not None:
        text.append(f" · sunset {clock(day.sunset)}")
    return text


def summary_table(itinerary: Itinerary) -> Table:
    """Per state: the days spent in it, its visits, meetings and their value; then a totals row.

    A day counts for every state it goes through (as in its title), so a travel day counts twice; the
    totals row gives the days of the trip. States appear in the trip's order, then any other state an
    item is in.
    """
    names = _state_names(itinerary)
    everything = list(i for day in itinerary.days for i in scouted(day.items))
    codes = [state.code for state in itinerary.states]
    for item in everything:
        if item.state is not None and item.state not in codes:
            codes.append(item.state)
    table = Table(title="Summary", title_justify="left", show_footer=True)
    # the totals include items abroad (state None), which belong to no row
    table.add_column("State", footer=Text("Total"))
    table.add_column("Days", justify="right", footer=Text(str(len(itinerary.days))))
    table.add_column("Visits", justify="right", footer=Text(str(_count(everything, ItemType.VISIT))))
    table.add_column("Meetings", justify="right", footer=Text(str(_count(everything, ItemType.MEETING))))
    table.add_column("Value", justify="right", footer=Text(f"{sum(item.value for item in everything):.1f}"))
    day_states = trip_day_states(itinerary)
    for code in codes:
        items = [item for item in everything if item.state == code]
        table.add_row(
            Text(f"{names.get(code, code)} ({code})"),
            Text(str(sum(1 for states in day_states if code in states))),
            Text(str(_count(items, ItemType.VISIT))),
            Text(str(_count(items, ItemType.MEETING))),
            Text(f"{sum(item.value for item in items):.1f}"),
        )
    return table


def _count(items: Iterable[Item], type_: ItemType) -> int:
    return sum(1 for item in items if item.type is type_)


def alternatives_table(itinerary: Itinerary) -> Table | None:
    """ "Why these states": the chosen states and each alternative, with value and bound; ``None`` if none."""
    if not itinerary.alternatives:
        return None
    table = Table(title="Why these states", title_justify="left")
    table.add_column("States")
    table.add_column("Value", justify="right")
    table.add_column("Bound", justify="right")
    table.add_column("")
    chosen = " + ".join(state.code for state in itinerary.states)
    table.add_row(Text(chosen), Text(_number(itinerary.value)), Text(_number(itinerary.bound)), Text("chosen"))
    for alternative in itinerary.alternatives:
        table.add_row(
            Text(" + ".join(alternative.states)),
            Text(_number(alternative.value)),
            Text(_number(alternative.bound)),
            Text(""),
        )
    if any(alternative.value is None for alternative in itinerary.alternatives):
        table.caption = NOT_BUILT
        table.caption_justify = "left"
    return table


def unvisited_table(itinerary: Itinerary) -> Table | None:
    """The places left out, each with the reason; ``None`` when every place fitted."""
    if not itinerary.unvisited:
        return None
    table = Table(title=f"Not visited ({len(itinerary.unvisited)})", title_justify="left")
    table.add_column("Place", overflow="fold")
    table.add_column("Reason", overflow="fold")
    for unvisited in itinerary.unvisited:
        table.add_row(Text(unvisited.name), Text(unvisited.reason))
    return table


# --- formatting -----------------------------------------------------------------------------------------


def format_date(day: date, *, year: bool = True) -> str:
    """``Tue 24 Sep 2024`` (English names whatever the locale)."""
    return short_date(day, year=year)


def format_date_range(start: date, end: date) -> str:
    """``Mon 23 Sep – Sat 28 Sep 2024``; both years when the trip crosses a new year."""
    return short_date_range(start, end)


def format_value_and_bound(value: float, bound: float | None) -> str:
    """``value 187.3 of at most 244.8 (76.5 %)``, or ``value 187.3 (bound not proved)``."""
    if bound is None:
        return f"value {value:.1f} (bound not proved)"
    if bound <= 0:
        return f"value {value:.1f} of at most {bound:.1f}"
    return f"value {value:.1f} of at most {bound:.1f} ({100 * value / bound:.1f} %)"


def item_description(item: Item) -> str:
    """What happens: the place of a visit, a meeting's title, ``Drive to X (120 km)``, ``Flight TIJ → GDL``."""
    if item.type is ItemType.VISIT:
        return item.name or item.place or "Visit"
    if item.type is ItemType.MEETING:
        if item.title:
            return item.title
        return f"Meeting at {item.name or item.place}" if item.name or item.place else "Meeting"
    if item.type is ItemType.TRAVEL:
        return _travel_description(item)
    return item.label or "Lunch"


def _travel_description(item: Item) -> str:
    verb = mode_name(item)
    if item.mode is TravelMode.FLIGHT and item.origin is not None and item.destination is not None:
        return f"{verb} {_airport(item.origin)} → {_airport(item.destination)}"
    if item.destination is None:
        return verb
    text = f"{verb} to {item.destination.name}"
    if item.mode is TravelMode.DRIVE and item.km is not None:
        text += f" ({item.km:.0f} km)" if item.km >= 0.5 else " (under 1 km)"
    return text


def _airport(point: Point) -> str:
    return point.place.upper() if _AIRPORT_ID.match(point.place) else point.name


def _number(value: float | None) -> str:
    return _NONE if value is None else f"{value:.1f}"


# --- which states a day goes through --------------------------------------------------------------------


def _state_names(itinerary: Itinerary) -> dict[str, str]:
    return {state.code: state.name for state in itinerary.states}
