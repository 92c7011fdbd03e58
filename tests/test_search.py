"""The compiled ruin-and-recreate search: its tours keep every rule, it is deterministic, and it finds optima.

Feasibility is judged here by a brute-force simulation written independently of the search: the break is
tried in every leg of a tour in turn (or not at all, when optional), times are the earliest possible, and a
tour is feasible if any choice meets every window, the end of the day and the travel limit.
"""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.optw import Instance, check_routes, read_instance, solve_ours, travel_units
from scout.plan.routing.core import solve_routing
from scout.plan.routing.problem import Effort, RoutingProblem, Stop, Tour
from scout.plan.routing.search import ToursSearch, search_tours

Routes = tuple[tuple[int, ...], ...]
# Three of the benchmark's public instances (Solomon r101, rc101; Cordeau pr01), copied as they are.
INSTANCES = Path(__file__).parent / "data" / "optw"


def _start_in_windows(stop: Stop, ready: int) -> int | None:
    for low, high in stop.windows:
        if ready <= high:
            return max(ready, low)
    return None


def tour_feasible(problem: RoutingProblem, number: int, route: tuple[int, ...]) -> bool:
    """Brute force: the break in each leg in turn (or nowhere, if optional); earliest times throughout."""
    tour = problem.tours[number]
    nodes = [tour.start, *route, tour.end]
    travel = sum(problem.travel[a][b] for a, b in itertools.pairwise(nodes))
    if tour.max_travel is not None and travel > tour.max_travel:
        return False
    for node in route:
        allowed = problem.stops[node].tours
        if allowed is not None and number not in allowed:
            return False
    has_break = tour.break_window is not None and tour.break_length > 0
    choices: list[int | None] = list(range(len(nodes) - 1)) if has_break else [None]
    if has_break and tour.break_optional:
        choices.append(None)
    for leg_with_break in choices:
        now = tour.earliest_start  # start of service at the current node (departure at the start)
        service = 0
        ok = True
        for leg, (a, b) in enumerate(itertools.pairwise(nodes)):
            done = now + service
            ready = done + problem.travel[a][b]
            if leg == leg_with_break:
                assert tour.break_window is not None
                low, high = tour.break_window
                if max(done, low) > high:
                    ok = False
                    break
                ready = max(ready, low) + tour.break_length
            if leg == len(nodes) - 2:  # back at the tour's end
                ok = ready <= tour.latest_end
                break
            start = _start_in_windows(problem.stops[b], ready)
            if start is None:
                ok = False
                break
            now, service = start, problem.stops[b].service
        if ok:
            return True
    return False


@st.composite
def problems(draw: st.DrawFn) -> RoutingProblem:
    """Small problems with one or two start windows per stop, a lunch break, a travel limit, tour restrictions."""
    stop_count = draw(st.integers(2, 7))
    tour_count = draw(st.integers(1, 2))
    depots = 1
    size = depots + stop_count
    # Points on a plane, travel rounded up: the triangle inequality holds, as it does for real travel.
    points = [(draw(st.integers(0, 40)), draw(st.integers(0, 40))) for _ in range(size)]
    travel = [[0 if i == j else max(1, math.ceil(math.dist(a, b))) for j, b in enumerate(points)]
              for i, a in enumerate(points)]  # fmt: skip
    stops = {}
    for node in range(depots, size):
        first = draw(st.integers(0, 300))
        width = draw(st.integers(0, 120))
        windows: list[tuple[int, int]] = [(first, first + width)]
        if draw(st.booleans()):
            second = first + width + draw(st.integers(2, 200))
            windows.append((second, second + draw(st.integers(0, 100))))
        allowed = draw(st.sampled_from([None, (0,), tuple(range(tour_count))]))
        stops[node] = Stop(draw(st.integers(0, 60)), tuple(windows), draw(st.integers(1, 9)), False, allowed)
    tours = []
    for _ in range(tour_count):
        has_break = draw(st.booleans())
        low = draw(st.integers(60, 240))
        tours.append(
            Tour(
                start=0,
                end=0,
                earliest_start=0,
                latest_end=draw(st.integers(200, 600)),
                max_travel=draw(st.sampled_from([None, 90, 200])),
                break_window=(low, low + draw(st.integers(0, 120))) if has_break else None,
                break_length=draw(st.integers(10, 60)) if has_break else 0,
                break_optional=draw(st.booleans()),
            )
        )
    return RoutingProblem(size, stops, tuple(tours), travel, 1000)


@settings(max_examples=150, deadline=None)
@given(problems(), st.integers(0, 2**31))
def test_every_tour_the_search_returns_keeps_every_rule(problem: RoutingProblem, seed: int) -> None:
    empty: Routes = tuple(() for _ in problem.tours)
    if not all(tour_feasible(problem, r, ()) for r in range(len(problem.tours))):
        return  # even an empty day breaks a rule (a compulsory break that cannot fit): nothing to search
    found = search_tours(problem, empty, 1000, [seed], iterations=30)
    visited = [node for route in found.routes for node in route]
    assert len(visited) == len(set(visited))
    for number, route in enumerate(found.routes):
        assert tour_feasible(problem, number, route), (number, route)


@settings(max_examples=150, deadline=None)
@given(problems(), st.integers(0, 2**31))
def test_the_search_misses_no_stop_that_fits_on_its_own(problem: RoutingProblem, seed: int) -> None:
    """After the search, no stop left out could be added at any place of any tour (the fast check is complete)."""
    if not all(tour_feasible(problem, r, ()) for r in range(len(problem.tours))):
        return
    found = search_tours(problem, tuple(() for _ in problem.tours), 1000, [seed], iterations=0)
    visited = {node for route in found.routes for node in route}
    for node in set(problem.stops) - visited:
        for number, route in enumerate(found.routes):
            for position in range(len(route) + 1):
                longer = (*route[:position], node, *route[position:])
                assert not tour_feasible(problem, number, longer), (node, number, longer)


def test_lunch_goes_where_it_lets_both_visits_fit() -> None:
    """Two visits of 60 minutes, 10 minutes apart; lunch (60 minutes) must start 10:00–10:40.

    Day 8:00–15:00. A can only start at 9:00 (ends 10:00); B may start 10:10–11:40. Lunch cannot come
    before A (too early) nor after B (B ends at 11:10 at the earliest, past 10:40): it goes between them,
    10:00 or 10:10, and B starts at 11:10. B before A is impossible (A's window has passed).
    """
    travel = [[0, 10, 10], [10, 0, 10], [10, 10, 0]]
    stops = {1: Stop(60, ((540, 540),), 5), 2: Stop(60, ((610, 700),), 5)}
    tour = Tour(0, 0, 480, 900, None, (600, 640), 60)
    problem = RoutingProblem(3, stops, (tour,), travel, 2000)
    result = solve_routing(problem, Effort.FIRST, ruin_iterations=50, seed=1)
    assert result is not None
    assert [(v.node, v.start) for v in result.tours[0].visits] == [(1, 540), (2, 670)]
    assert result.tours[0].break_start is not None and 600 <= result.tours[0].break_start <= 610
    assert result.prize == 10


def test_a_stop_open_twice_a_day_is_visited_in_the_window_that_fits() -> None:
    """C is open 9:00–9:10 and 13:00–14:00; D takes all morning from 8:30, so C can only be had after it."""
    travel = [[0, 5, 5], [5, 0, 5], [5, 5, 0]]
    stops = {1: Stop(30, ((540, 550), (780, 840)), 4), 2: Stop(240, ((510, 520),), 6)}
    problem = RoutingProblem(3, stops, (Tour(0, 0, 480, 1000),), travel, 2000)
    result = solve_routing(problem, Effort.FIRST, ruin_iterations=50, seed=3)
    assert result is not None
    (d, d_start), (c, c_start) = [(v.node, v.start) for v in result.tours[0].visits]
    assert (d, c) == (2, 1) and 510 <= d_start <= 520 and c_start == 780


def test_the_same_seed_and_count_give_the_same_tours_on_one_or_two_threads() -> None:
    instance = read_instance(INSTANCES / "rc101.txt")
    problem = _problem(instance, tours=2)
    empty: Routes = ((), ())
    one = [search_tours(problem, empty, 10**6, [4], iterations=400) for _ in range(2)]
    two = [search_tours(problem, empty, 10**6, [4, 5], iterations=400) for _ in range(2)]
    assert one[0] == one[1]
    assert two[0] == two[1]
    assert two[0].value >= one[0].value  # seed 4 is one of the two searches, and the better is kept


def test_tours_that_break_a_rule_are_refused_as_a_start() -> None:
    travel = [[0, 10], [10, 0]]
    problem = RoutingProblem(2, {1: Stop(10, ((0, 5),), 1)}, (Tour(0, 0, 0, 100),), travel, 100)
    with pytest.raises(ValueError, match="break a rule"):
        ToursSearch(problem, 1000).state([[1]])  # arrives at 10, after the window closed at 5


def test_the_core_reaches_the_proved_optimum_of_r101() -> None:
    """r101 with one tour: Righini and Salani proved 198 optimal; 3,000 iterations from seed 1 reach it."""
    instance = read_instance(INSTANCES / "r101.txt")
    problem = _problem(instance, tours=1)
    result = solve_routing(problem, Effort.FIRST, prize_weight=10**6, ruin_iterations=3000, seed=1)
    assert result is not None
    routes = [[v.node for v in tour.visits] for tour in result.tours]
    check = check_routes(instance, routes, 1)
    assert check.feasible and check.score == 198


def test_the_benchmark_mode_returns_routes_the_independent_checker_accepts() -> None:
    instance = read_instance(INSTANCES / "pr01.txt")
    routes = solve_ours(instance, 2, 0.5, 1, seeds=2)
    check = check_routes(instance, routes, 2)
    assert check.feasible and len(routes) == 2 and check.score > 0


def _problem(instance: Instance, tours: int) -> RoutingProblem:
    s = instance.scale
    stops = {v.id: Stop(v.service * s, ((v.open * s, v.close * s),), v.score) for v in instance.customers}
    depot = instance.depot
    return RoutingProblem(
        len(instance.vertices),
        stops,
        tuple(Tour(0, 0, depot.open * s, depot.close * s) for _ in range(tours)),
        travel_units(instance),
        depot.close * s,
    )
