"""Renderables for the terminal (rich): catalogue tables and problem lists.

Pure functions of domain objects; the caller owns the :class:`rich.console.Console`, so tests render to
a string.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from rich.table import Table
from rich.text import Text

from scout.errors import Problem
from scout.formats import clock_text, duration_code
from scout.model import WEEKDAYS, Catalogue, Kind, Place, WeeklyHours


def states_table(catalogue: Catalogue) -> Table:
    """One row per state: code, name, time zone, airports, film commission, base and places by kind."""
    table = Table(title="States", title_justify="left", expand=False)
    table.add_column("Code", style="bold")
    table.add_column("State")
    table.add_column("Time zone")
    table.add_column("Airports")
    table.add_column("Film commission")
    table.add_column("Places by kind")
    for state in catalogue.states:
        commission = catalogue.place(state.film_commission).name if state.film_commission else "—"
        kinds = Counter(place.kind for place in catalogue.places_in(state.code) if place.kind is not Kind.AIRPORT)
        by_kind = ", ".join(f"{kind.label} {count}" for kind, count in sorted(kinds.items(), key=_kind_order))
        table.add_row(
            state.code,
            state.name if state.is_mexican else f"{state.name} ({state.country})",
            state.time_zone,
            " ".join(catalogue.place(airport).iata or airport for airport in state.airports) or "—",
            commission,
            by_kind or "—",
        )
    return table


def _kind_order(item: tuple[Kind, int]) -> tuple[int, str]:
    return (list(Kind).index(item[0]), item[0].value)


def places_table(places: Sequence[Place], title: str = "Places", width: int = 200) -> Table:
    """One row per place: id, name, state, kind, value, visit length, hours and coordinates.

    ``width`` is the console's: on a narrow terminal the columns that matter least go first (coordinates,
    then hours), and the state column is left out when every place is in one state, so each row stays
    readable at 80 columns.
    """
    table = Table(title=f"{title} ({len(places)})", title_justify="left")
    one_state = len({place.state for place in places}) <= 1
    show_hours = width >= 110
    show_coordinates = width >= 150
    table.add_column("Id", style="bold", overflow="fold", min_width=12)
    table.add_column("Name", overflow="fold", ratio=1, min_width=16)
    if not one_state:
        table.add_column("State", no_wrap=True)
    table.add_column("Kind", overflow="fold", min_width=8)
    table.add_column("Value", justify="right", no_wrap=True)
    table.add_column("Visit", justify="right", no_wrap=True)
    if show_hours:
        table.add_column("Hours", overflow="fold")
    if show_coordinates:
        table.add_column("Coordinates", justify="right", no_wrap=True)
    for place in places:
        logistics = place.kind.is_logistics
        row = [place.id, place.name]
        if not one_state:
            row.append(place.state)
        row += [
            place.kind.label,
            "—" if logistics else f"{place.value:g}",
            "—" if logistics else duration_code(place.duration),
        ]
        if show_hours:
            row.append(hours_text(place.hours))
        if show_coordinates:
            row.append(coordinates_text(place))
        table.add_row(*row)
    return table


def coordinates_text(place: Place) -> str:
    if place.location is None:
        return "address only"
    mark = "~" if place.approx else ""
    return f"{mark}{place.location.lat:.4f}, {place.location.lon:.4f}"


def hours_text(hours: WeeklyHours) -> str:
    """Opening hours in short form: ``mon-fri 09:00-18:00; sat 10:00-14:00``."""
    if hours.is_always:
        return "always"
    groups: list[tuple[int, int, str]] = []
    for day, intervals in enumerate(hours.days):
        text = ", ".join(f"{clock_text(a)}-{clock_text(b)}" for a, b in intervals) or "closed"
        if groups and groups[-1][2] == text and groups[-1][1] == day - 1:
            groups[-1] = (groups[-1][0], day, text)
        else:
            groups.append((day, day, text))
    parts = []
    for first, last, text in groups:
        if text == "closed":
            continue
        days = WEEKDAYS[first] if first == last else f"{WEEKDAYS[first]}-{WEEKDAYS[last]}"
        parts.append(f"{days} {text}")
    return "; ".join(parts) or "closed"


def problems_text(problems: Iterable[Problem]) -> Text:
    """Every problem on its own line, its location in bold."""
    text = Text()
    for problem in problems:
        full = str(problem)
        location, _, rest = full.partition(": ")
        text.append(location + ":", style="bold")
        text.append(" " + rest + "\n")
    return text
