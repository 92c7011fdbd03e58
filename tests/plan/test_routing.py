"""The routing core (scout.plan.routing.core): lunch where it lets the visits fit, a stop open twice a day, the
proved optimum of a benchmark instance, and routes the benchmark's independent checker accepts."""

from __future__ import annotations

from bench.optw import check_routes, read_instance, solve_ours
from scout.plan.routing.core import solve_routing
from scout.plan.routing.problem import Effort, RoutingProblem, Stop, Tour
from tests.plan.instances import INSTANCES, optw_problem


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


def test_the_core_reaches_the_proved_optimum_of_r101() -> None:
    """r101 with one tour: Righini and Salani proved 198 optimal; 3,000 iterations from seed 1 reach it."""
    instance = read_instance(INSTANCES / "r101.txt")
    problem = optw_problem(instance, tours=1)
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


def test_a_latest_departure_keeps_the_drive_out_of_a_far_stop_before_dusk() -> None:
    """The daylight rule as the core sees it: a latest departure from the far stop F (an hour from
    everything). N is open 9:00-9:30 only; F, 90 minutes, any time from 8:00.

    Free, both fit: N at 9:00, then F 10:30-12:00. If F must be left by 11:00, F can only come first (9:00-
    10:30), when N has closed: F alone, the larger prize. If F must be left by 8:20, nothing can: N alone."""
    travel = [[0, 60, 10], [60, 0, 60], [10, 60, 0]]
    stops = {1: Stop(90, ((480, 1020),), 5), 2: Stop(30, ((540, 570),), 3)}
    tour = Tour(0, 0, 480, 1140)

    def limited(latest: int | None) -> RoutingProblem:
        limits = None if latest is None else ({(1, 0): latest, (1, 2): latest},)
        return RoutingProblem(3, stops, (tour,), travel, 2000, limits)

    for ruins in (0, 200):  # the routing library alone, and with the compiled search after it
        free = solve_routing(limited(None), Effort.DESCENT, ruin_iterations=ruins, seed=2)
        assert free is not None and free.prize == 8
        assert {v.node: v.start for v in free.tours[0].visits} == {2: 540, 1: 630}
        early = solve_routing(limited(660), Effort.DESCENT, ruin_iterations=ruins, seed=2)
        assert early is not None and early.prize == 5
        (visit,) = early.tours[0].visits
        assert visit.node == 1 and visit.start + 90 <= 660
        never = solve_routing(limited(500), Effort.DESCENT, ruin_iterations=ruins, seed=2)
        assert never is not None and [v.node for v in never.tours[0].visits] == [2]
