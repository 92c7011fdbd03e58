"""The routing core: a team orienteering problem with time windows, solved with OR-Tools' routing library.

It knows nothing of trips: tours start and end at given nodes within time limits, optional stops have a
prize that is lost when they are left out, every stop has start windows and a service time, a tour may
have a break (lunch) with a start window, and a limit on its travel. The same core runs the OPTW/TOPTW
benchmark instances (``bench/``).

The routing library builds the first tours and judges the final ones; the compiled ruin-and-recreate search
of :mod:`scout.plan.routing.search` improves them in between. The search is deterministic: it stops after a number
of solutions, at a local optimum or after a number of ruins, never on the wall clock (a wall-clock guard
only stops a runaway search of the routing library, and `scout plan` warns when it fires).
"""

from __future__ import annotations

import time as time_module
from typing import TYPE_CHECKING

from ortools.constraint_solver import pywrapcp, routing_enums_pb2

from scout.plan.routing.problem import PRIZE_WEIGHT, Effort, RoutingProblem, RoutingResult, TourResult, Visit

if TYPE_CHECKING:
    from scout.plan.routing.search import SearchResult


def solve_routing(
    problem: RoutingProblem,
    effort: Effort,
    solution_limit: int = 100,
    seconds_guard: float = 30.0,
    *,
    time_limit: float | None = None,
    prize_weight: int = PRIZE_WEIGHT,
    ruin_iterations: int = 0,
    seed: int = 0,
    seeds: int = 1,
) -> RoutingResult | None:
    """Find tours that collect the most prize, then travel the least; ``None`` if no feasible tours exist.

    Parameters
    ----------
    problem
        The tours, stops and travel times.
    effort
        How hard the routing library searches; every level stops on counts, so the result is deterministic.
    solution_limit
        Solutions that guided local search may find (``Effort.GUIDED``).
    seconds_guard
        A wall-clock guard against a runaway search of the routing library; ``stopped_by_clock`` says when
        it fired.
    time_limit
        Search by ruin and recreate (:mod:`scout.plan.routing.search`) for this many seconds after the routing
        library's first solution, instead of ``effort``: the result then depends on the machine. For
        benchmarks only, never for ``scout plan``.
    prize_weight
        What one unit of prize is worth in units of travel (``travel`` is the arc cost).
    ruin_iterations
        When positive, the routing library's tours are then improved by this many iterations of ruin and
        recreate; deterministic for a given ``seed``.
    seed
        Seeds the ruins.
    seeds
        Searches run side by side in threads, with seeds ``seed``, ``seed + 1``…; the best is kept (ties
        to the lowest seed, so a count of iterations still gives the same tours on any machine).
    """
    tours = problem.tours
    manager = pywrapcp.RoutingIndexManager(
        problem.node_count, len(tours), [t.start for t in tours], [t.end for t in tours]
    )
    routing = pywrapcp.RoutingModel(manager)
    stops = problem.stops

    # Matrices are evaluated in C++; Python callbacks would be called millions of times.
    service = [stops[node].service if node in stops else 0 for node in range(problem.node_count)]
    time_matrix = [[service[i] + minutes for minutes in row] for i, row in enumerate(problem.travel)]
    travel_callback = routing.RegisterTransitMatrix(problem.travel)
    time_callback = routing.RegisterTransitMatrix(time_matrix)
    routing.SetArcCostEvaluatorOfAllVehicles(travel_callback)

    routing.AddDimension(time_callback, problem.horizon, problem.horizon, False, "time")
    time = routing.GetDimensionOrDie("time")
    if any(t.max_travel is not None for t in tours):  # an unbounded dimension only slows the search down
        limits = [t.max_travel if t.max_travel is not None else problem.horizon for t in tours]
        routing.AddDimensionWithVehicleCapacity(travel_callback, 0, limits, True, "travel")

    groups: dict[int, list[int]] = {}
    must_take = False  # some tour must take one of its group: no empty tour is feasible
    for node, stop in stops.items():
        index = manager.NodeToIndex(node)
        cumul = time.CumulVar(index)
        low, high = stop.windows[0][0], stop.windows[-1][1]
        cumul.SetRange(low, high)
        for (_, end), (start, _) in zip(stop.windows, stop.windows[1:], strict=False):
            if start - end > 1:
                cumul.RemoveInterval(end + 1, start - 1)
        if stop.tours is not None:
            routing.VehicleVar(index).SetValues([-1, *stop.tours])  # -1: left out
        if stop.group is not None:
            groups.setdefault(stop.group, []).append(index)
        elif not stop.mandatory:
            routing.AddDisjunction([index], stop.prize * prize_weight)
    for group in sorted(groups):
        members = groups[group]
        first = stops[manager.IndexToNode(members[0])]
        if first.mandatory:
            routing.AddDisjunction(members)  # no penalty: exactly one is visited
            must_take = True
        else:
            routing.AddDisjunction(members, first.prize * prize_weight)

    solver = routing.solver()
    visit_transits = [0] * routing.Size()
    for index in range(routing.Size()):
        node = manager.IndexToNode(index)
        visit_transits[index] = stops[node].service if node in stops else 0
    breaks: dict[int, pywrapcp.IntervalVar] = {}
    for vehicle, tour in enumerate(tours):
        time.CumulVar(routing.Start(vehicle)).SetRange(tour.earliest_start, tour.latest_end)
        time.CumulVar(routing.End(vehicle)).SetRange(tour.earliest_start, tour.latest_end)
        routing.AddVariableMinimizedByFinalizer(time.CumulVar(routing.End(vehicle)))
        routing.AddVariableMaximizedByFinalizer(time.CumulVar(routing.Start(vehicle)))
        if tour.break_window is not None and tour.break_length > 0:
            low, high = tour.break_window
            interval = solver.FixedDurationIntervalVar(
                low, high, tour.break_length, tour.break_optional, f"break{vehicle}"
            )
            time.SetBreakIntervalsOfVehicle([interval], vehicle, visit_transits)
            breaks[vehicle] = interval

    if problem.departure_limits is not None:
        _limit_departures(problem, manager, routing, time, service)

    parameters = pywrapcp.DefaultRoutingSearchParameters()
    # The insertion heuristics start from empty tours, which a tour that must take one of its group (a day that
    # can only fly) cannot be: they search to the guard and fail (10 s a day on the sample with a schedule).
    # Building tours arc by arc, cheapest arc first over all of them, finds one that takes it (building each
    # tour's path in turn got lost in the meetings' windows).
    strategies = routing_enums_pb2.FirstSolutionStrategy
    cheapest_arc = strategies.GLOBAL_CHEAPEST_ARC
    parameters.first_solution_strategy = cheapest_arc if must_take else strategies.PARALLEL_CHEAPEST_INSERTION
    metaheuristics = routing_enums_pb2.LocalSearchMetaheuristic
    if time_limit is not None or effort is Effort.FIRST:
        parameters.solution_limit = 1
    elif effort is Effort.DESCENT:
        parameters.local_search_metaheuristic = metaheuristics.GREEDY_DESCENT
    else:
        parameters.local_search_metaheuristic = metaheuristics.GUIDED_LOCAL_SEARCH
        parameters.solution_limit = solution_limit
    parameters.time_limit.FromMilliseconds(int(seconds_guard * 1000))
    began = time_module.monotonic()
    solution = routing.SolveWithParameters(parameters)
    if solution is None and groups and not must_take:  # optional flights may still defeat the insertions
        parameters.first_solution_strategy = cheapest_arc
        solution = routing.SolveWithParameters(parameters)
    if solution is None:
        return None
    stopped_by_clock = time_module.monotonic() - began >= 0.98 * seconds_guard
    if time_limit is not None or ruin_iterations > 0:
        from scout.plan.routing.search import search_tours  # numba: loaded only when a search runs

        seconds = None if time_limit is None else max(0.0, time_limit - (time_module.monotonic() - began))
        found: SearchResult | None
        try:
            found = search_tours(problem, _routes(manager, routing, solution, len(tours)), prize_weight,
                                 [seed + k for k in range(max(seeds, 1))], iterations=ruin_iterations or None,
                                 seconds=seconds)  # fmt: skip
        except ValueError:
            found = None  # the search reads a rule more strictly than the routing library: keep its tours
        # The routing library judges the search's tours by its own rules; tours it would refuse (none have
        # been seen) leave its own solution in place.
        checked = None if found is None else _restore(routing, found.routes)
        if checked is not None and checked.ObjectiveValue() <= solution.ObjectiveValue():
            solution = checked
    return _read(problem, manager, routing, solution, time, breaks, stopped_by_clock)


def _routes(
    manager: pywrapcp.RoutingIndexManager, routing: pywrapcp.RoutingModel, solution: pywrapcp.Assignment, count: int
) -> list[list[int]]:
    routes = []
    for vehicle in range(count):
        route = []
        index = solution.Value(routing.NextVar(routing.Start(vehicle)))
        while not routing.IsEnd(index):
            route.append(manager.IndexToNode(index))
            index = solution.Value(routing.NextVar(index))
        routes.append(route)
    return routes


def _restore(routing: pywrapcp.RoutingModel, routes: tuple[tuple[int, ...], ...]) -> pywrapcp.Assignment | None:
    """The routing library's own solution for exactly these tours (times, break), or ``None`` if it refuses."""
    start = routing.ReadAssignmentFromRoutes([list(route) for route in routes], True)
    if start is None:
        return None
    parameters = pywrapcp.DefaultRoutingSearchParameters()
    parameters.solution_limit = 1  # the tours as given: no local search
    return routing.SolveFromAssignmentWithParameters(start, parameters)


def _read(
    problem: RoutingProblem,
    manager: pywrapcp.RoutingIndexManager,
    routing: pywrapcp.RoutingModel,
    solution: pywrapcp.Assignment,
    time: pywrapcp.RoutingDimension,
    breaks: dict[int, pywrapcp.IntervalVar],
    stopped_by_clock: bool,
) -> RoutingResult:
    results = []
    prize = 0
    travel = 0
    for vehicle in range(len(problem.tours)):
        index = routing.Start(vehicle)
        departure = solution.Value(time.CumulVar(index))
        visits = []
        previous = manager.IndexToNode(index)
        index = solution.Value(routing.NextVar(index))
        while not routing.IsEnd(index):
            node = manager.IndexToNode(index)
            visits.append(Visit(node, solution.Min(time.CumulVar(index))))
            prize += problem.stops[node].prize
            travel += problem.travel[previous][node]
            previous = node
            index = solution.Value(routing.NextVar(index))
        travel += problem.travel[previous][manager.IndexToNode(index)]
        arrival = solution.Min(time.CumulVar(index))
        interval = breaks.get(vehicle)
        break_start = None
        if interval is not None and solution.PerformedValue(interval):
            break_start = solution.StartValue(interval)
        results.append(TourResult(tuple(visits), departure, arrival, break_start))
    return RoutingResult(tuple(results), prize, travel, stopped_by_clock)


def _limit_departures(
    problem: RoutingProblem,
    manager: pywrapcp.RoutingIndexManager,
    routing: pywrapcp.RoutingModel,
    time: pywrapcp.RoutingDimension,
    service: list[int],
) -> None:
    """The latest departures (the daylight rule): the end of service at a node is at most the limit toward
    its successor on its tour. One element constraint per node, indexed by its tour and its successor."""
    limits = problem.departure_limits
    assert limits is not None
    solver = routing.solver()
    tours = len(problem.tours)
    size = routing.Size() + tours  # every index a successor can take: the nodes and the tours' ends
    indices: dict[int, list[int]] = {}  # the indices of each node (a depot has one per tour it starts or ends)
    for k in range(size):
        indices.setdefault(manager.IndexToNode(k), []).append(k)
    loose = 2 * problem.horizon  # no limit
    toward: dict[int, list[tuple[int, int, int]]] = {}  # node: (tour, successor node, latest departure)
    for v, table in enumerate(limits):
        for (i, j), latest in table.items():
            toward.setdefault(i, []).append((v, j, latest))
    for index in range(routing.Size()):
        node = manager.IndexToNode(index)
        if node not in toward:
            continue
        if routing.IsStart(index):
            vehicle = next(v for v in range(tours) if routing.Start(v) == index)
            row = [loose] * size
            for v, j, latest in toward[node]:
                if v == vehicle:
                    for k in indices.get(j, ()):
                        row[k] = latest - service[node]
            solver.Add(time.CumulVar(index) <= solver.Element(row, routing.NextVar(index)))
            continue
        # Unperformed, a node is its own successor on no tour: tour 0's row, whose self-loop is loose.
        flat = [loose] * (tours * size)
        for v, j, latest in toward[node]:
            for k in indices.get(j, ()):
                if k != index:
                    flat[v * size + k] = latest - service[node]
        on = solver.Max(routing.VehicleVar(index), 0)
        position = (on * size + routing.NextVar(index)).Var()
        solver.Add(time.CumulVar(index) <= solver.Element(flat, position))
