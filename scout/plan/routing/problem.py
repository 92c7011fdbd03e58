"""The routing problem: a team orienteering problem with time windows and a break per tour.

Plain data shared by the routing library's model (:mod:`scout.plan.routing.core`) and the compiled search
(:mod:`scout.plan.routing.search`): nothing here knows of trips or of either solver.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from scout.model import Interval


@dataclass(frozen=True)
class Stop:
    """A node that may be visited: its service time, start windows, prize and the tours allowed to take it."""

    service: int
    windows: tuple[Interval, ...]  # intervals for the start of service, sorted, not overlapping
    prize: int  # lost when the stop is left out; ignored for mandatory stops
    mandatory: bool = False
    tours: tuple[int, ...] | None = None  # None: any tour
    # Stops of one group are alternatives (the flights of a day): at most one is visited, exactly one when
    # they are mandatory. The compiled search keeps the one the routing library chose.
    group: int | None = None


@dataclass(frozen=True)
class Tour:
    """A vehicle (a day of the trip, or one tour of a benchmark instance)."""

    start: int  # node index
    end: int  # node index
    earliest_start: int
    latest_end: int
    max_travel: int | None = None
    break_window: Interval | None = None  # when the break may start
    break_length: int = 0
    break_optional: bool = False


@dataclass(frozen=True)
class RoutingProblem:
    """Nodes are ``0..node_count-1``; tour ends and starts are nodes that are not stops."""

    node_count: int
    stops: dict[int, Stop]
    tours: tuple[Tour, ...]
    travel: list[list[int]]  # travel[i][j]: minutes from node i to node j, service not included
    horizon: int  # every time lies in 0..horizon
    # Per tour, the latest departure from node i toward node j, for the pairs that have one (a journey on
    # the open road must end by sunset): departure is the end of service at i (the start, at a tour's start).
    departure_limits: tuple[dict[tuple[int, int], int], ...] | None = None


@dataclass(frozen=True)
class Visit:
    node: int
    start: int  # earliest feasible start of service


@dataclass(frozen=True)
class TourResult:
    visits: tuple[Visit, ...]
    departure: int  # earliest departure from the tour's start
    arrival: int  # earliest arrival at the tour's end
    break_start: int | None


@dataclass(frozen=True)
class RoutingResult:
    tours: tuple[TourResult, ...]
    prize: int  # collected by the optional and mandatory stops visited
    travel: int
    stopped_by_clock: bool


PRIZE_WEIGHT = 1000  # a unit of prize outweighs this many minutes of travel


class Effort(Enum):
    """How hard the search tries; every level is deterministic."""

    FIRST = "first"  # the first solution only (cheapest insertion)
    DESCENT = "descent"  # local search down to a local optimum
    GUIDED = "guided"  # guided local search for a fixed number of solutions
