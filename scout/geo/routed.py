"""Which road times ``scout travel`` asks a routing engine for, in which requests, and what came back.

The pairs, each ordered (a road time is one direction):

- every two distinct places with coordinates in the same state, hotels, airports and ports included;
- each state's airports and bases to and from the airports and bases of every other state it is joined
  to by road: the states of the same country, and across a border the pairs of :data:`BORDER_ROADS`
  (the delegation's origin, California, to Baja California).

With states given, only the pairs with at least one end in them. A pair is asked unless the travel cache
holds its answer for the places' current points (``refresh`` asks again). Places without coordinates
are skipped. Requests are matrices: :func:`blocks` covers the pairs with few, small ones, within the
server's limit on origins and destinations per request.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from scout.errors import InputError, Problem
from scout.formats import did_you_mean, one_of
from scout.geo.routers import Matrix, RequestRefused
from scout.model import Catalogue, Coordinates, RoutedTime

Pair = tuple[str, str]
"""An ordered pair of place ids: from, to."""

BORDER_ROADS: frozenset[frozenset[str]] = frozenset({frozenset({"CA", "BC"})})
"""States of different countries joined by road, by state code: Los Angeles to Tijuana (San Ysidro)."""

Table = Callable[[Sequence[Coordinates], Sequence[Coordinates]], Matrix]
"""A routing engine's matrix service: road times from each origin to each destination."""


def selected_states(catalogue: Catalogue, codes: Iterable[str]) -> tuple[str, ...]:
    """The state codes given to ``--state``, checked against the catalogue (case does not matter).

    Raises
    ------
    InputError
        Naming every unknown code, with a "did you mean".
    """
    known = [state.code for state in catalogue.states]
    chosen: list[str] = []
    problems = []
    for code in codes:
        wanted = code.strip().upper()
        if catalogue.has_state(wanted):
            chosen.append(wanted)
        else:
            problems.append(
                Problem("--state", None, None, f"unknown state {code!r}", one_of(known), did_you_mean(wanted, known))
            )
    if problems:
        raise InputError(problems)
    return tuple(dict.fromkeys(chosen))


def default_pairs(catalogue: Catalogue, states: Collection[str] = ()) -> list[Pair]:
    """Every pair ``scout travel`` keeps a road time for (see the module's description), in a stable order."""
    chosen = set(states) or {state.code for state in catalogue.states}
    pairs: dict[Pair, None] = {}
    for state in catalogue.states:
        if state.code in chosen:
            located = [place.id for place in catalogue.places_in(state.code) if place.location is not None]
            pairs.update(((a, b), None) for a in located for b in located if a != b)
    hubs = {state.code: _hubs(catalogue, state.code) for state in catalogue.states}
    for origin in catalogue.states:
        for destination in catalogue.states:
            if origin.code == destination.code or not (origin.code in chosen or destination.code in chosen):
                continue
            same_country = origin.country == destination.country
            if same_country or frozenset({origin.code, destination.code}) in BORDER_ROADS:
                pairs.update(((a, b), None) for a in hubs[origin.code] for b in hubs[destination.code])
    return list(pairs)


def _hubs(catalogue: Catalogue, code: str) -> list[str]:
    """A state's airports and bases that have coordinates: where journeys between states begin and end."""
    state = catalogue.state(code)
    ids = [*state.airports, *state.bases]
    return [i for i in dict.fromkeys(ids) if catalogue.has_place(i) and catalogue.place(i).location is not None]


def to_route(
    catalogue: Catalogue, cache: Iterable[RoutedTime], states: Collection[str] = (), *, refresh: bool = False
) -> tuple[list[Pair], list[RoutedTime]]:
    """The pairs to ask for, and the cached answers that stand (for both places' current points)."""
    known = {(entry.origin, entry.destination): entry for entry in cache}
    ask: list[Pair] = []
    reused: list[RoutedTime] = []
    for pair in default_pairs(catalogue, states):
        entry = known.get(pair)
        if entry is not None and not refresh and entry.applies(*_points(catalogue, pair)):
            reused.append(entry)
        else:
            ask.append(pair)
    return ask, reused


def _points(catalogue: Catalogue, pair: Pair) -> tuple[Coordinates, Coordinates]:
    origin, destination = (catalogue.place(place_id).location for place_id in pair)
    assert origin is not None and destination is not None  # only located places are paired
    return origin, destination


# -- the requests -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """One matrix request: from each origin to each destination. Some cells may not be wanted (a place to
    itself): the engine answers them and they are dropped."""

    origins: tuple[str, ...]
    destinations: tuple[str, ...]

    @property
    def cells(self) -> int:
        return len(self.origins) * len(self.destinations)


def blocks(pairs: Sequence[Pair], side: int) -> list[Block]:
    """Matrices of at most ``side`` origins and ``side`` destinations that together ask every pair once.

    Rows with the same wanted columns (a state's places, each wanting the others) are grouped and cut
    into ``side`` × ``side`` pieces. Grouping by origin or by destination, with or without a row's own
    place among its columns, are all tried: the fewest requests win, then the fewest cells (on a public
    server each cell costs a second). Deterministic for the same pairs.
    """
    if side < 1:
        raise ValueError("a matrix needs at least one origin and one destination")
    if not pairs:
        return []
    flipped = [(b, a) for a, b in pairs]
    options = []
    for by_origin in (True, False):
        for with_self in (True, False):
            found = _cut(pairs if by_origin else flipped, side, with_self=with_self)
            options.append(found if by_origin else [Block(b.destinations, b.origins) for b in found])
    return min(options, key=lambda found: (len(found), sum(block.cells for block in found)))


def _cut(pairs: Sequence[Pair], side: int, *, with_self: bool) -> list[Block]:
    order: dict[str, int] = {}
    columns_of: dict[str, set[str]] = {}
    for row, column in pairs:
        order.setdefault(row, len(order))
        order.setdefault(column, len(order))
        columns_of.setdefault(row, set()).add(column)
    wanted = set(pairs)
    groups: dict[frozenset[str], list[str]] = {}
    for row, columns in columns_of.items():
        groups.setdefault(frozenset(columns | {row}) if with_self else frozenset(columns), []).append(row)
    found = []
    for key, rows in groups.items():
        ordered = sorted(key, key=order.__getitem__)
        for r in range(0, len(rows), side):
            for c in range(0, len(ordered), side):
                row_piece, column_piece = rows[r : r + side], ordered[c : c + side]
                kept_rows = tuple(x for x in row_piece if any((x, y) in wanted for y in column_piece))
                kept_columns = tuple(y for y in column_piece if any((x, y) in wanted for x in kept_rows))
                if kept_rows:
                    found.append(Block(kept_rows, kept_columns))
    return found


# -- asking -----------------------------------------------------------------------------------------------


@dataclass
class RoutingOutcome:
    """What one run got: the answers, the pairs with no road route, and those the server refused (with why)."""

    answered: list[RoutedTime] = field(default_factory=list)
    no_route: list[Pair] = field(default_factory=list)
    refused: list[tuple[Pair, str]] = field(default_factory=list)
    requests: int = 0


def route_pairs(
    pairs: Sequence[Pair],
    catalogue: Catalogue,
    table: Table,
    *,
    side: int,
    router: str,
    now: Callable[[], datetime],
    keep: Callable[[Sequence[RoutedTime]], None],
    progress: Callable[[int, int, Block], None] | None = None,
) -> RoutingOutcome:
    """Ask for the pairs' road times in matrices of at most ``side`` × ``side``, handing each request's
    answers to ``keep`` as soon as they come.

    A pair the engine finds no road for (an island) is listed in ``no_route``, and a request the server
    refuses lists its pairs in ``refused``: neither stops the run.

    Raises
    ------
    ServiceUnavailableError
        From ``table``; the answers obtained before it have been kept.
    """
    outcome = RoutingOutcome()
    wanted = set(pairs)
    planned = blocks(pairs, side)
    for number, block in enumerate(planned, start=1):
        if progress is not None:
            progress(number, len(planned), block)
        origins = [_location(catalogue, place_id) for place_id in block.origins]
        destinations = [_location(catalogue, place_id) for place_id in block.destinations]
        outcome.requests += 1
        try:
            matrix = table(origins, destinations)
        except RequestRefused as error:
            outcome.refused.extend(((o, d), str(error)) for o in block.origins for d in block.destinations
                                   if (o, d) in wanted)  # fmt: skip
            continue
        when = now()
        fresh = []
        for i, origin in enumerate(block.origins):
            for j, destination in enumerate(block.destinations):
                if (origin, destination) not in wanted:
                    continue
                leg = matrix[i][j]
                if leg is None:
                    outcome.no_route.append((origin, destination))
                    continue
                fresh.append(RoutedTime(origin, destination, leg.minutes, leg.km, router, origins[i],
                                        destinations[j], when))  # fmt: skip
        if fresh:
            keep(fresh)
            outcome.answered.extend(fresh)
    return outcome


def _location(catalogue: Catalogue, place_id: str) -> Coordinates:
    location = catalogue.place(place_id).location
    assert location is not None  # only located places are paired
    return location


# -- the summary ------------------------------------------------------------------------------------------


def summary_lines(outcome: RoutingOutcome, asked: int, cached: int) -> list[str]:
    """Plain lines: the pairs with no road route, those refused and why, then the counts."""
    lines = [f"no route   {origin} → {destination}" for origin, destination in outcome.no_route]
    reasons: dict[str, list[Pair]] = {}
    for pair, reason in outcome.refused:
        reasons.setdefault(reason, []).append(pair)
    for reason, refused in reasons.items():
        shown = ", ".join(f"{a} → {b}" for a, b in refused[:10])
        more = f" and {len(refused) - 10} more" if len(refused) > 10 else ""
        lines.append(f"refused    {len(refused)} pair{'s' if len(refused) != 1 else ''} ({reason}): {shown}{more}")
    counts = (
        f"{asked} pair{'s' if asked != 1 else ''} asked, {len(outcome.answered)} answered, "
        f"{cached} already cached, {len(outcome.no_route)} no route"
    )
    if outcome.refused:
        counts += f", {len(outcome.refused)} refused"
    lines.append(counts)
    return lines
