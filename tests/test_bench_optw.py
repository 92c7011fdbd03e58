"""The OPTW benchmark's reader and route checker (``bench/optw.py``) on a tiny hand-checked instance."""

from __future__ import annotations

import pytest

from bench.optw import Instance, InstanceError, check_routes, parse_instance, solve_ours, travel_units
from scout.plan.routing.core import solve_routing
from scout.plan.routing.problem import Effort, RoutingProblem, Stop, Tour

# Solomon conventions (distances truncated to one decimal). Depot window [0, 100].
#   0 -> 1: (3, 4)      = 5.0           1 -> 2: (3, 4)        = 5.0     0 -> 2: (6, 8) = 10.0
#   0 -> 3: (0, 1.05)   = 1.05 -> 1.0   2 -> 3: (6, 6.95)     = 9.18 -> 9.1
#   3 -> 1: (3, 2.95)   = 4.207 -> 4.2
# Vertex 3 opens [0, 1]: reachable first only because 1.05 truncates to 1.0.
TINY = """\
4 1 3 1
0 200
 0 0.00 0.00 0 0 0 0 0 100
 1 3.00 4.00 10 10 1 1 1 0 50
 2 6.00 8.00 10 20 1 1 1 0 20
 3 0.00 1.05 0 5 1 1 1 0 1
"""


@pytest.fixture
def tiny() -> Instance:
    return parse_instance(TINY, "tiny", 10)


def test_reader_keeps_the_window_as_the_last_two_tokens(tiny: Instance) -> None:
    assert [v.id for v in tiny.vertices] == [0, 1, 2, 3]
    assert (tiny.vertices[2].service, tiny.vertices[2].score) == (10, 20)
    assert (tiny.vertices[2].open, tiny.vertices[2].close) == (0, 20)
    assert tiny.depot.close == 100


def test_distances_are_truncated_to_the_instance_precision(tiny: Instance) -> None:
    units = travel_units(tiny)  # tenths
    assert units[0][3] == 10  # 1.05 -> 1.0
    assert units[1][2] == 50
    assert units[2][3] == 91  # 9.18 -> 9.1
    assert units[3][1] == 42


def test_a_known_route_scores_right(tiny: Instance) -> None:
    # 1 starts at 5, 2 at 20 (its closing time), then 3 is reached at 39.1: too late, but [3] alone is fine.
    check = check_routes(tiny, [[1, 2]], tours=1)
    assert check.feasible and check.score == 30
    check = check_routes(tiny, [[3, 1, 2]], tours=1)  # 3 at 1.0, 1 at 5.2, 2 at 20.2 > 20
    assert not check.feasible
    check = check_routes(tiny, [[3, 1], [2]], tours=2)
    assert check.feasible and check.score == 35


def test_infeasible_routes_are_refused_with_every_reason(tiny: Instance) -> None:
    check = check_routes(tiny, [[2, 3, 1], [1], [0]], tours=2)
    assert not check.feasible
    assert check.problems == (
        "3 routes for 2 tours",
        "route 0: service at 3 starts at 29.1 after 1",
        "route 1: vertex 1 visited a second time",
        "route 2: 0 is not a customer (1..3)",
    )


def test_late_return_to_the_depot_is_refused() -> None:
    text = TINY.replace(" 0 0.00 0.00 0 0 0 0 0 100", " 0 0.00 0.00 0 0 0 0 0 39")
    check = check_routes(parse_instance(text, "short", 10), [[1, 2]], tours=1)
    assert check.problems == ("route 0: back at the depot at 40 after 39",)


def test_a_line_with_the_wrong_token_count_is_an_error() -> None:
    with pytest.raises(InstanceError, match="vertex line 2: expected 9 \\+ a tokens, found 9"):
        parse_instance(TINY.replace(" 2 6.00 8.00 10 20 1 1 1 0 20", " 2 6.00 8.00 10 20 1 1 1 0"), "cut", 10)


def test_the_routing_core_solves_the_tiny_instance(tiny: Instance) -> None:
    routes = solve_ours(tiny, 2, 0.5, 1)
    check = check_routes(tiny, routes, tours=2)
    assert check.feasible and check.score == 35


def test_ruin_and_recreate_by_count_is_deterministic(tiny: Instance) -> None:
    s = tiny.scale
    stops = {v.id: Stop(v.service * s, ((v.open * s, v.close * s),), v.score) for v in tiny.customers}
    problem = RoutingProblem(4, stops, (Tour(0, 0, 0, tiny.depot.close * s),) * 2, travel_units(tiny), 1000)
    results = [solve_routing(problem, Effort.GUIDED, ruin_iterations=20, seed=5) for _ in range(2)]
    assert results[0] is not None and results[0].prize == 35
    assert results[0] == results[1]
