"""Building the days for one arrangement of states: which state each night is in, then the routes.

An arrangement fixes the order of the states and how many nights each gets. Each day then becomes a tour
of the routing core (:mod:`scout.plan.routing.core`) from where the delegation wakes up to where it sleeps:
places of that day's states are optional stops whose prize is their share of the trip's value, meetings
and must-visits are mandatory, and lunch is a break in its window (optional on a day with a flight, when it
can be taken at the airport or on board).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from scout.geo.travel import Journey, Leg
from scout.plan.days.arrangements import Arrangement, day_states
from scout.plan.days.flights import FlightOption, flights_on
from scout.plan.problem import TripProblem
from scout.plan.routing.core import solve_routing
from scout.plan.routing.problem import Effort, RoutingProblem, RoutingResult, Stop, Tour
from scout.plan.rules import day_between, latest_departure, lunch_optional, lunch_window, open_road
from scout.plan.value import SCALE, shares

UNREACHABLE = 10**6  # minutes: going back to a state already left
OFFSET = 1440  # trip minutes are shifted by a day so that every time is positive for the routing core


@dataclass(frozen=True)
class PlacedStop:
    place: str
    start: int  # trip minutes


@dataclass(frozen=True)
class DayRoute:
    """One day as the optimiser decided it; :mod:`scout.plan.itinerary.schedule` turns it into timed items."""

    day: int
    origin: str  # place id the day starts from
    destination: str  # place id the day ends at
    departure: int  # earliest departure, trip minutes
    stops: tuple[PlacedStop, ...]
    lunch: int | None  # trip minutes when lunch starts, or None when taken while flying
    flight: FlightOption | None = None  # the scheduled flight of the day, taken after ``flight_at`` stops
    flight_at: int = 0


@dataclass(frozen=True)
class DaysResult:
    """The days of one arrangement, and what each visited place adds to the trip's value."""

    arrangement: Arrangement
    routes: tuple[DayRoute, ...]
    shares: dict[str, float]  # per visited place, in the order visited: its worth after the variety rule
    stopped_by_clock: bool
    shortlist: frozenset[str] | None = None  # the candidates the days were built from; None: every one

    @property
    def visited(self) -> tuple[str, ...]:
        return tuple(self.shares)

    @property
    def value(self) -> float:
        """The exact value of the visited places, with variety."""
        return sum(self.shares.values())


def shortlist(problem: TripProblem, states: Iterable[str], picked: Collection[str], size: int) -> frozenset[str]:
    """The candidates of ``states`` worth routing: all of them in a state with at most ``size``;
    otherwise the meetings and must-visits, what the selection model picked, then the most worth per hour
    on site. Routing matrices grow with the square of the places, and a 5,000-place catalogue would
    spend minutes on travel times between places no itinerary could reach."""
    chosen: set[str] = set()
    for state in states:
        members = sorted(problem.in_state(state), key=lambda c: c.id)
        if len(members) <= size:
            chosen.update(c.id for c in members)
            continue
        first = [c for c in members if c.required or c.id in picked]
        rest = sorted((c for c in members if c not in first), key=lambda c: (-c.worth / max(c.duration, 1), c.id))
        chosen.update(c.id for c in (first + rest)[: max(size, len(first))])
    return frozenset(chosen)


@dataclass(frozen=True)
class TravelTable:
    """Minutes between every pair of some places: built once per set of states, read by its arrangements.

    A 5,000-place catalogue routes 120 places per set through a dozen arrangements; asking the travel
    planner pair by pair for each arrangement took longer than routing them.
    """

    index: dict[str, int]
    rows: tuple[tuple[int, ...], ...]
    roads: dict[tuple[int, int], tuple[tuple[int, str], ...]]  # the pairs with open-road drives (rules.open_road)
    _limits: dict[int, dict[tuple[int, int], int]] = field(default_factory=dict, compare=False, repr=False)

    def limits(self, problem: TripProblem, day: int) -> dict[tuple[int, int], int]:
        """The daylight rule's latest departure on ``day`` for each pair with open-road drives (trip minutes);
        computed once per day, for every arrangement of the set."""
        if day not in self._limits:
            sunsets: dict[str, int] = {}
            found = {pair: latest_departure(problem, day, ends, sunsets) for pair, ends in self.roads.items()}
            self._limits[day] = {pair: latest for pair, latest in found.items() if latest is not None}
        return self._limits[day]

    @classmethod
    def between(cls, problem: TripProblem, places: Iterable[str]) -> TravelTable:
        """The journeys that take no scheduled flight (those are stops of their day: :func:`plan_days`)."""
        ordered = sorted(set(places))
        free = {(a, b): problem.travel.free_journey(a, b) for a in ordered for b in ordered}
        rows = tuple(tuple(_minutes(free[a, b]) for b in ordered) for a in ordered)
        roads = {}
        for i, a in enumerate(ordered):
            for j, b in enumerate(ordered):
                journey = free[a, b]
                if i != j and journey is not None and (ends := open_road(problem, journey)):
                    roads[i, j] = ends
        return cls({place: i for i, place in enumerate(ordered)}, rows, roads)

    def covers(self, places: Iterable[str]) -> bool:
        return all(place in self.index for place in places)


def _minutes(journey: Journey | None) -> int:
    return UNREACHABLE if journey is None else journey.minutes


def points_of(problem: TripProblem, states: Iterable[str]) -> set[str]:
    """The places a set's days start or end at: the origin and the states' bases."""
    return {problem.trip.origin, *(base for state in states for base in problem.bases(state))}


def plan_days(
    problem: TripProblem,
    arrangement: Arrangement,
    expected_ranks: dict[str, int],
    effort: Effort,
    routed: frozenset[str] | None = None,
    table: TravelTable | None = None,
    *,
    ruins: int = 0,
    seed: int = 0,
    guard: float = 30.0,
) -> DaysResult | None:
    """Route every day of an arrangement; ``None`` when the routing core finds no feasible days.

    ``expected_ranks`` gives each candidate's likely rank among the visited places of its kind (from the
    selection model), so that its prize is its likely share of the value. With ``routed``, only those
    candidates are routed (see :func:`shortlist`). ``table``, when it covers every node, gives the travel
    times (see :class:`TravelTable`). With ``ruins``, the routing core's local search is followed by that
    many iterations of ruin and recreate, seeded with ``seed``. ``guard`` is the routing library's wall-clock
    guard (``PlanParams.routing_guard``).
    """
    trip = problem.trip
    day_count = trip.day_count
    origin = trip.origin
    wake = [origin, *arrangement.hotels]
    sleep = [*arrangement.hotels, origin]

    # Only candidates that can be visited on some day of their state become nodes: a node the routing
    # core knows nothing else about would have to be visited.
    open_days: dict[str, list[int]] = {}
    for candidate in sorted(problem.candidates.values(), key=lambda c: c.id):
        if candidate.state not in arrangement.states or (routed is not None and candidate.id not in routed):
            continue
        days = [d for d in range(day_count) if candidate.state in day_states(problem, arrangement, d)]
        days = [d for d in days if candidate.starts[d]]
        if days:
            open_days[candidate.id] = days
        elif candidate.required:
            return None
    points = sorted({origin, *wake, *sleep})
    nodes = points + list(open_days)
    index = {place: i for i, place in enumerate(nodes)}
    # The scheduled flights of each day between two states that the day can catch: stops at fixed times after
    # the places.
    flights = [(d, option) for d in range(day_count) for option in _catchable(problem, d, wake[d], sleep[d], nodes)]
    order = {state: rank for rank, state in enumerate(arrangement.states)}

    stops: dict[int, Stop] = {}
    for place_id, days in open_days.items():
        candidate = problem.candidates[place_id]
        windows = tuple((a + OFFSET, b + OFFSET) for d in days for a, b in candidate.starts[d])
        prize = round(SCALE * candidate.worth * trip.variety ** expected_ranks.get(candidate.id, 0))
        stops[index[candidate.id]] = Stop(candidate.duration, windows, max(prize, 1), candidate.required, tuple(days))

    schedule = trip.schedule
    # The days without a way from where they wake to where they sleep that fits a day must take a flight.
    ways = [problem.travel.free_journey(wake[d], sleep[d]) for d in range(day_count)]
    must_fly = {d for d, way in enumerate(ways) if way is None or way.minutes > schedule.max_travel}
    if must_fly - {d for d, _ in flights}:
        return None  # no road, no ferry and no flight of that date the day can catch joins the two states
    first_flight = len(nodes)
    for k, (d, option) in enumerate(flights):
        window = ((option.out + OFFSET, option.out + OFFSET),)
        stops[first_flight + k] = Stop(0, window, 0, d in must_fly, (d,), group=d)

    tours = []
    for d in range(day_count):
        early, late = day_between(problem, d, wake[d], sleep[d])
        low, high = lunch_window(problem, d, wake[d], sleep[d])
        tours.append(
            Tour(
                start=index[wake[d]],
                end=index[sleep[d]],
                earliest_start=early + OFFSET,
                latest_end=late + OFFSET,
                max_travel=schedule.max_travel,
                break_window=(low + OFFSET, high + OFFSET),
                break_length=schedule.lunch_length,
                break_optional=lunch_optional(problem, d, wake[d], sleep[d]),
            )
        )

    state_of = [
        problem.candidates[place].state if place in problem.candidates else problem.catalogue.place(place).state
        for place in nodes
    ]
    # Days never go back to a state already left: travel against the order of the states is unreachable.
    ranks = [order.get(state) for state in state_of]
    if table is None or not table.covers(nodes):
        table = TravelTable.between(problem, nodes)
    columns = [table.index[place] for place in nodes]
    matrix = []
    for a, rank_a in zip(columns, ranks, strict=True):
        row = table.rows[a]
        matrix.append([
            UNREACHABLE if rank_a is not None and rank_b is not None and rank_b < rank_a else row[b]
            for b, rank_b in zip(columns, ranks, strict=True)
        ])  # fmt: skip
    # The daylight rule: per day, the latest each journey with open-road drives may set out.
    position = {column: i for i, column in enumerate(columns)}
    limits = tuple(
        {
            (position[a], position[b]): latest + OFFSET
            for (a, b), latest in table.limits(problem, d).items()
            if a in position and b in position
        }
        for d in range(day_count)
    )
    if flights:
        _add_flights(problem, flights, nodes, state_of, wake, sleep, matrix, limits)
    routing = RoutingProblem(len(nodes) + len(flights), stops, tuple(tours), matrix,
                             (day_count + 2) * 1440 + OFFSET, limits if any(limits) else None)  # fmt: skip
    result = solve_routing(routing, effort, seconds_guard=guard, ruin_iterations=ruins, seed=seed)
    if result is None:
        return None
    return _days(problem, arrangement, nodes, result, wake, sleep, routed, [option for _, option in flights])


def _catchable(problem: TripProblem, day: int, wake: str, sleep: str, nodes: list[str]) -> list[FlightOption]:
    """The flights of a day from ``wake`` to ``sleep`` that some way of the day could take: from where it wakes
    at the day's start, through any node of that state, to the airport by check-in; and from landing through a
    node of the state it sleeps in to where it sleeps by the day's end. The travel floors bound every chain of
    journeys from below, so a flight left out here cannot be caught. A day's routing with only flights it
    cannot catch searched for its whole guard (30 s) before giving up."""
    options = flights_on(problem, day, wake, sleep)
    if not options:
        return []
    catalogue, travel, floor = problem.catalogue, problem.travel, problem.floor
    early, late = day_between(problem, day, wake, sleep)
    leaving = [n for n in nodes if catalogue.place(n).state == catalogue.place(wake).state]
    arriving = [n for n in nodes if catalogue.place(n).state == catalogue.place(sleep).state]

    def minutes(way: tuple[Leg, ...] | None) -> float:
        return math.inf if way is None else sum(leg.minutes for leg in way)

    caught = []
    for option in options:
        into = min(floor.least(wake, n) + minutes(travel.access(n, option.flight.origin)) for n in leaving)
        out_of = min(minutes(travel.access(option.flight.destination, n)) + floor.least(n, sleep) for n in arriving)
        if early + into <= option.check_in and option.out + out_of <= late:
            caught.append(option)
    return caught


def _add_flights(
    problem: TripProblem,
    flights: list[tuple[int, FlightOption]],
    nodes: list[str],
    state_of: list[str],
    wake: list[str],
    sleep: list[str],
    matrix: list[list[int]],
    limits: tuple[dict[tuple[int, int], int], ...],
) -> None:
    """Rows and columns of the flight stops: reached from the places of the state the day leaves, through
    the way to the departure airport, check-in, the flight and the way out (a fixed time: the stop's
    window); left toward the places of the state the day sleeps in. Every other way in or out is closed."""
    travel = problem.travel
    count = len(nodes)
    for row in matrix:
        row.extend([UNREACHABLE] * len(flights))
    for k, (d, option) in enumerate(flights):
        node = count + k
        leaving = problem.catalogue.place(wake[d]).state
        arriving = problem.catalogue.place(sleep[d]).state
        row = [UNREACHABLE] * (count + len(flights))
        row[node] = 0
        for i, place in enumerate(nodes):
            if state_of[i] == leaving:
                way = travel.access(place, option.flight.origin)
                if way is not None:
                    matrix[i][node] = sum(leg.minutes for leg in way) + option.minutes
                    dusk = latest_departure(problem, d, open_road(problem, Journey(way)))
                    if dusk is not None:
                        limits[d][i, node] = dusk + OFFSET
            if state_of[i] == arriving:
                way = travel.access(option.flight.destination, place)
                if way is not None:
                    row[i] = sum(leg.minutes for leg in way)
                    dusk = latest_departure(problem, d, open_road(problem, Journey(way)))
                    if dusk is not None:
                        limits[d][node, i] = dusk + OFFSET
        matrix.append(row)


def _days(
    problem: TripProblem,
    arrangement: Arrangement,
    nodes: list[str],
    result: RoutingResult,
    wake: list[str],
    sleep: list[str],
    routed: frozenset[str] | None,
    flights: list[FlightOption],
) -> DaysResult:
    routes = []
    visited: list[str] = []
    for d, tour in enumerate(result.tours):
        places = [v for v in tour.visits if v.node < len(nodes)]
        # The flight comes after the places visited before it on the tour.
        taken = [(flights[v.node - len(nodes)], position) for position, v in enumerate(tour.visits)
                 if v.node >= len(nodes)]  # fmt: skip
        placed = tuple(PlacedStop(nodes[v.node], v.start - OFFSET) for v in places)
        visited.extend(s.place for s in placed)
        lunch = None if tour.break_start is None else tour.break_start - OFFSET
        flight, at = taken[0] if taken else (None, 0)
        routes.append(DayRoute(d, wake[d], sleep[d], tour.departure - OFFSET, placed, lunch, flight, at))
    worth = shares((problem.candidates[p] for p in visited), problem.trip.variety)
    # In the order visited, so that the itinerary's items and the shares line up.
    in_order = {place: worth[place] for place in visited}
    return DaysResult(arrangement, tuple(routes), in_order, result.stopped_by_clock, routed)
