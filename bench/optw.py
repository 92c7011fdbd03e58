"""The routing core on the OPTW/TOPTW benchmark instances, against the best-known scores, PyVRP and VROOM.

Run: ``python -m bench.optw [--limit SECONDS] [--json OUT] INSTANCE[:TOURS] ...`` where INSTANCE is a file
or a name of the benchmark folder (``c101``, ``pr07``) and TOURS a count or a list (``pr01:2,3,4``;
``1`` by default). ``--target`` adds the target set: every m = 1 instance with a best-known score and
pr01–pr20 with 2, 3 and 4 tours. The peers are optional (``pip install -e ".[bench]"``); ``--solvers``
chooses which run, and ``--merge`` takes earlier results from a JSON file instead of solving again.

Every route, of every solver, is re-checked here with the literature's rules (the README of the instance
folder): Euclidean distances truncated to one decimal (Solomon) or two (Cordeau), wait when early, a
window bounds the start of service, back at the depot by its closing time, each vertex at most once. A
solution that fails the check is never reported as a score: its row says what was wrong.

Times are in integer units of 1/10 (Solomon) or 1/100 (Cordeau) of the file's unit, so the truncated
distances are exact integers and every solver sees exactly the literature's instance.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from scout.plan.routing.core import solve_routing
from scout.plan.routing.problem import Effort, RoutingProblem, Stop, Tour

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "benchmarks" / "optw"
MILLI = 1000  # coordinates are read exactly, in thousandths (Solomon has two decimals, Cordeau three)


# --- instances ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Vertex:
    id: int
    x: int  # thousandths of the file's unit, exact
    y: int
    service: int  # the file's unit (all integers in these sets)
    score: int
    open: int  # earliest start of service
    close: int  # latest start of service


@dataclass(frozen=True)
class Instance:
    """An OPTW instance: vertex 0 is the depot, whose window bounds every tour."""

    name: str
    vertices: tuple[Vertex, ...]
    scale: int  # distances are truncated to 1/scale: 10 for Solomon, 100 for Cordeau

    @property
    def depot(self) -> Vertex:
        return self.vertices[0]

    @property
    def customers(self) -> tuple[Vertex, ...]:
        return self.vertices[1:]


class InstanceError(ValueError):
    """A file that does not follow the KU Leuven TOPTW format."""


def _milli(token: str) -> int:
    value = Decimal(token) * MILLI
    if value != value.to_integral_value():
        raise InstanceError(f"coordinate {token} has more than three decimals")
    return int(value)


def _integer(token: str) -> int:
    value = Decimal(token)
    if value != value.to_integral_value():
        raise InstanceError(f"{token}: expected an integer")
    return int(value)


def parse_instance(text: str, name: str, scale: int) -> Instance:
    """Parse the KU Leuven format (README of the instance folder): header, ``D Q``, then one line per vertex.

    A vertex line is ``i x y d S f a l_1..l_a O C``: it has ``9 + a`` tokens and the window is its last two.
    """
    lines = [line.split() for line in text.splitlines() if line.strip()]
    if len(lines) < 3 or len(lines[0]) != 4:
        raise InstanceError(f"{name}: expected a header 'k v N t', a line 'D Q' and vertex lines")
    count = int(lines[0][2])
    rows = lines[2:]
    if len(rows) != count + 1:
        raise InstanceError(f"{name}: header says {count} customers, found {len(rows) - 1} customer lines")
    vertices = []
    for number, tokens in enumerate(rows):
        where = f"{name}: vertex line {number}"
        if len(tokens) < 9 or len(tokens) != 9 + int(tokens[6]):
            raise InstanceError(f"{where}: expected 9 + a tokens, found {len(tokens)}")
        if int(tokens[0]) != number:
            raise InstanceError(f"{where}: id {tokens[0]}, expected {number}")
        vertex = Vertex(
            id=number,
            x=_milli(tokens[1]),
            y=_milli(tokens[2]),
            service=_integer(tokens[3]),
            score=_integer(tokens[4]),
            open=_integer(tokens[-2]),
            close=_integer(tokens[-1]),
        )
        if vertex.open > vertex.close:
            raise InstanceError(f"{where}: window opens at {vertex.open} after it closes at {vertex.close}")
        vertices.append(vertex)
    return Instance(name, tuple(vertices), scale)


def read_instance(path: Path) -> Instance:
    """Read a file; Cordeau instances (``pr*``) truncate distances to 1/100, Solomon ones to 1/10."""
    scale = 100 if path.stem.startswith("pr") or "cordeau" in path.parts else 10
    return parse_instance(path.read_text(), path.stem, scale)


def travel_units(instance: Instance) -> list[list[int]]:
    """``floor(scale · distance)`` for every pair, exactly (integer square root on thousandths)."""
    square = instance.scale * instance.scale
    vertices = instance.vertices
    return [[math.isqrt(square * ((a.x - b.x) ** 2 + (a.y - b.y) ** 2)) // MILLI for b in vertices] for a in vertices]


# --- the judge ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    score: int
    problems: tuple[str, ...]

    @property
    def feasible(self) -> bool:
        return not self.problems


def check_routes(instance: Instance, routes: Sequence[Sequence[int]], tours: int) -> Check:
    """Re-score routes (vertex ids, depot left out) with the literature's rules; list every violation.

    Independent of every solver: times are recomputed from the coordinates, in exact rationals
    (``floor(scale · distance) / scale``), and compared with the file's windows.
    """
    problems = []
    if len(routes) > tours:
        problems.append(f"{len(routes)} routes for {tours} tours")
    seen: set[int] = set()
    score = 0
    depot = instance.depot
    last = len(instance.vertices) - 1
    for number, route in enumerate(routes):
        now = Decimal(depot.open)
        here = depot
        for vertex_id in route:
            if not 1 <= vertex_id <= last:
                problems.append(f"route {number}: {vertex_id} is not a customer (1..{last})")
                continue
            if vertex_id in seen:
                problems.append(f"route {number}: vertex {vertex_id} visited a second time")
            seen.add(vertex_id)
            there = instance.vertices[vertex_id]
            now = max(now + _distance(instance, here, there), Decimal(there.open))
            if now > there.close:
                problems.append(f"route {number}: service at {vertex_id} starts at {now} after {there.close}")
            score += there.score
            now += there.service
            here = there
        back = now + _distance(instance, here, depot)
        if back > depot.close:
            problems.append(f"route {number}: back at the depot at {back} after {depot.close}")
    return Check(score, tuple(problems))


def _distance(instance: Instance, a: Vertex, b: Vertex) -> Decimal:
    exact = Decimal((a.x - b.x) ** 2 + (a.y - b.y) ** 2).sqrt() / MILLI
    return (exact * instance.scale).to_integral_value(rounding="ROUND_FLOOR") / instance.scale


# --- solvers --------------------------------------------------------------------------------------------------

Routes = list[list[int]]
Solver = Callable[[Instance, int, float, int], Routes]


def solve_ours(instance: Instance, tours: int, limit: float, seed: int, seeds: int = 1) -> Routes:
    """The routing core of ``scout plan``, searching for ``limit`` seconds (the benchmark's own mode)."""
    s = instance.scale
    stops = {v.id: Stop(service=v.service * s, windows=((v.open * s, v.close * s),), prize=v.score) for v in
             instance.customers}  # fmt: skip
    depot = instance.depot
    problem = RoutingProblem(
        node_count=len(instance.vertices),
        stops=stops,
        tours=tuple(Tour(0, 0, depot.open * s, depot.close * s) for _ in range(tours)),
        travel=travel_units(instance),
        horizon=depot.close * s,
    )
    # The literature's objective is the score alone: a unit of score outweighs every tour's whole travel.
    weight = depot.close * s * tours + 1
    result = solve_routing(problem, Effort.FIRST, time_limit=limit, prize_weight=weight, seed=seed, seeds=seeds)
    if result is None:
        return []
    return [[visit.node for visit in tour.visits] for tour in result.tours if tour.visits]


def solve_pyvrp(instance: Instance, tours: int, limit: float, seed: int) -> Routes:
    """PyVRP's prize-collecting VRPTW: optional clients whose prize outweighs any travel they cost."""
    from pyvrp import Model
    from pyvrp.stop import MaxRuntime

    s = instance.scale
    depot = instance.depot
    travel = travel_units(instance)
    # One unit of score is worth more than a full tour of travel, so score comes first, then distance.
    weight = depot.close * s + 1
    model = Model()
    locations = [model.add_location(v.x / MILLI, v.y / MILLI) for v in instance.vertices]
    start = model.add_depot(locations[0], tw_early=depot.open * s, tw_late=depot.close * s)
    model.add_vehicle_type(
        num_available=tours, start_depot=start, end_depot=start, tw_early=depot.open * s, tw_late=depot.close * s
    )
    for vertex in instance.customers:
        model.add_client(
            locations[vertex.id],
            service_duration=vertex.service * s,
            tw_early=vertex.open * s,
            tw_late=vertex.close * s,
            prize=vertex.score * weight,
            required=False,
        )
    for a, frm in enumerate(locations):
        for b, to in enumerate(locations):
            model.add_edge(frm, to, distance=travel[a][b], duration=travel[a][b])
    result = model.solve(stop=MaxRuntime(limit), seed=seed, display=False)
    if not result.is_feasible():
        return []
    # Activities index the clients in the order they were added: client k is vertex k + 1.
    return [
        [activity.idx + 1 for activity in route if activity.is_client()]
        for route in result.best.routes()
        if route.num_clients()
    ]


def solve_vroom(instance: Instance, tours: int, limit: float, seed: int) -> Routes:
    """VROOM: job priorities (integers 0–100) carry the scores, which are 1–50 here, so nothing is lost."""
    import vroom

    s = instance.scale
    depot = instance.depot
    problem = vroom.Input()
    problem.set_durations_matrix("car", travel_units(instance))
    window = vroom.TimeWindow(depot.open * s, depot.close * s)
    for vehicle in range(tours):
        problem.add_vehicle(vroom.Vehicle(vehicle, start=0, end=0, time_window=window))
    for v in instance.customers:
        if not 0 <= v.score <= 100:
            raise ValueError(f"{instance.name}: score {v.score} of vertex {v.id} is not a VROOM priority (0–100)")
        problem.add_job(
            vroom.Job(
                v.id,
                location=v.id,
                default_service=v.service * s,
                priority=v.score,
                time_windows=[vroom.TimeWindow(v.open * s, v.close * s)],
            )
        )
    solution = problem.solve(exploration_level=5, nb_threads=2, timeout=timedelta(seconds=limit))
    routes: dict[int, list[int]] = {}
    for step in solution.to_dict()["routes"]:
        routes.setdefault(step["vehicle"], [])
        routes[step["vehicle"]] += [task["id"] for task in step["steps"] if task["type"] == "job"]
    return [route for _, route in sorted(routes.items()) if route]


def solve_ours_on_two_cores(instance: Instance, tours: int, limit: float, seed: int) -> Routes:
    """Our core on both cores: two searches at once (threads: the compiled search releases Python's lock)."""
    return solve_ours(instance, tours, limit, seed, seeds=2)


SOLVERS: dict[str, Solver] = {
    "ours": solve_ours,
    "ours-2": solve_ours_on_two_cores,
    "pyvrp": solve_pyvrp,
    "vroom": solve_vroom,
}


# --- the run --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    instance: str
    tours: int
    solver: str
    score: int | None  # None: no route to report (infeasible, failed or not installed)
    seconds: float
    routes: Routes
    problems: tuple[str, ...] = ()


def run(instance: Instance, tours: int, solver: str, limit: float, seed: int) -> Run:
    began = time.perf_counter()
    try:
        routes = SOLVERS[solver](instance, tours, limit, seed)
    except ImportError as error:
        return Run(instance.name, tours, solver, None, 0.0, [], (f"not installed: {error.name}",))
    seconds = time.perf_counter() - began
    check = check_routes(instance, routes, tours)
    if not check.feasible:
        return Run(instance.name, tours, solver, None, seconds, routes, check.problems)
    return Run(instance.name, tours, solver, check.score, seconds, routes)


def load_bks(folder: Path) -> dict[tuple[str, int], int]:
    with (folder / "bks.csv").open() as file:
        return {(row["instance"], int(row["tours"])): int(row["bks_score"]) for row in csv.DictReader(file)}


def find(folder: Path, name: str) -> Path:
    path = Path(name)
    if path.is_file():
        return path
    found = sorted(folder.glob(f"*/*/{name}.txt"))
    if len(found) != 1:
        raise SystemExit(f"{name}: {len(found)} instance files match in {folder}")
    return found[0]


def target_set(bks: dict[tuple[str, int], int]) -> list[tuple[str, int]]:
    """Every m = 1 instance with a BKS, then pr01–pr20 with 2, 3 and 4 tours."""
    single = sorted(name for name, tours in bks if tours == 1)
    teams = [(f"pr{n:02d}", tours) for tours in (2, 3, 4) for n in range(1, 21)]
    return [(name, 1) for name in single] + teams


def parse_spec(spec: str) -> list[tuple[str, int]]:
    name, _, tours = spec.partition(":")
    return [(name, int(t)) for t in (tours or "1").split(",")]


def gap(bks: int | None, score: int | None) -> float | None:
    if bks is None or score is None or not bks:
        return None
    return 100.0 * (bks - score) / bks


def table(runs: Sequence[Run], bks: dict[tuple[str, int], int], solvers: Sequence[str]) -> str:
    """One row per instance and tour count: BKS, each solver's score, gap (%) and seconds; then the summary."""
    by_key: dict[tuple[str, int], dict[str, Run]] = {}
    for item in runs:
        by_key.setdefault((item.instance, item.tours), {})[item.solver] = item
    head = f"{'instance':<10}{'m':>2}{'BKS':>6}"
    for solver in solvers:
        head += f"{solver:>8}{'gap%':>7}{'s':>6}"
    lines = [head]
    gaps: dict[str, list[float]] = {s: [] for s in solvers}
    ours_like = [s for s in solvers if s.startswith("ours")]
    peers = [s for s in solvers if not s.startswith("ours")]
    # wins[o][p]: runs where o scored at least as much as p; "all" counts those at least as good as every peer.
    wins: dict[str, dict[str, int]] = {o: {p: 0 for p in [*peers, "all"]} for o in ours_like}
    compared: dict[str, int] = {o: 0 for o in ours_like}
    for (name, tours), results in by_key.items():
        best = bks.get((name, tours))
        line = f"{name:<10}{tours:>2}{best if best is not None else '-':>6}"
        for solver in solvers:
            entry = results.get(solver)
            score = entry.score if entry else None
            g = gap(best, score)
            if g is not None:
                gaps[solver].append(g)
            line += f"{score if score is not None else '-':>8}{f'{g:.1f}' if g is not None else '-':>7}"
            line += f"{entry.seconds:>6.1f}" if entry else f"{'-':>6}"
        lines.append(line)
        for solver in ours_like:
            ours = results.get(solver)
            if ours is None or ours.score is None:
                continue
            compared[solver] += 1
            beaten = 0
            for peer in peers:
                other = results.get(peer)
                if other is None or other.score is None or ours.score >= other.score:
                    wins[solver][peer] += 1
                    beaten += 1
            if beaten == len(peers):
                wins[solver]["all"] += 1
    lines.append("")
    for solver in solvers:
        values = gaps[solver]
        if values:
            lines.append(f"{solver}: mean gap to BKS {sum(values) / len(values):.2f} % over {len(values)} runs, "
                         f"at BKS on {sum(1 for v in values if v <= 0)}")  # fmt: skip
    groups: dict[str, dict[str, list[float]]] = {}
    for (name, tours), results in by_key.items():
        group = f"{'pr' if name.startswith('pr') else 'solomon'} m={tours}"
        for solver in solvers:
            entry = results.get(solver)
            g = gap(bks.get((name, tours)), entry.score if entry else None)
            if g is not None:
                groups.setdefault(group, {}).setdefault(solver, []).append(g)
    for group, by_solver in groups.items():
        means = ", ".join(f"{solver} {sum(v) / len(v):.2f} %" for solver, v in by_solver.items())
        lines.append(f"  {group}: mean gap {means} ({len(next(iter(by_solver.values())))} runs)")
    for solver, counts in wins.items():
        if compared[solver]:
            for peer, count in counts.items():
                against = "every peer at once" if peer == "all" else peer
                lines.append(f"{solver} >= {against} on {count} of {compared[solver]} "
                             f"({100 * count / compared[solver]:.0f} %)")  # fmt: skip
    for item in runs:
        if item.problems:
            lines.append(f"{item.instance}:{item.tours} {item.solver}: {'; '.join(item.problems)}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("instances", nargs="*", metavar="INSTANCE[:TOURS]")
    parser.add_argument("--limit", type=float, default=10.0, help="seconds per instance and solver")
    parser.add_argument("--json", type=Path, help="write every run (scores, times, routes) here")
    parser.add_argument("--target", action="store_true", help="add the target set (see the module doc)")
    parser.add_argument(
        "--solvers",
        default="ours,pyvrp,vroom",
        help="comma-separated: ours, ours-2 (two seeds on two cores), pyvrp, vroom",
    )
    parser.add_argument("--merge", type=Path, action="append", default=[], help="earlier runs (JSON) to include")
    parser.add_argument("--data", type=Path, default=DATA, help="the benchmark folder")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    bks = load_bks(args.data)
    solvers = [s for s in args.solvers.split(",") if s]
    unknown = set(solvers) - set(SOLVERS)
    if unknown:
        raise SystemExit(f"unknown solvers: {', '.join(sorted(unknown))}")
    wanted = [pair for spec in args.instances for pair in parse_spec(spec)]
    if args.target:
        wanted += target_set(bks)
    earlier = [Run(**{**item, "problems": tuple(item["problems"])}) for path in args.merge
               for item in json.loads(path.read_text())["runs"]]  # fmt: skip
    runs: list[Run] = []
    cache: dict[str, Instance] = {}
    for name, tours in wanted:
        if name not in cache:
            cache[name] = read_instance(find(args.data, name))
        for solver in solvers:
            item = run(cache[name], tours, solver, args.limit, args.seed)
            runs.append(item)
            print(f"{item.instance}:{item.tours} {solver} {item.score} {item.seconds:.1f}s", file=sys.stderr,
                  flush=True)  # fmt: skip
            if args.json:
                _write(args.json, runs, args.limit)
    done = {(r.instance, r.tours, r.solver) for r in runs}
    runs += [r for r in earlier if (r.instance, r.tours, r.solver) not in done]
    if args.json:
        _write(args.json, runs, args.limit)
    shown = solvers + sorted({r.solver for r in earlier} - set(solvers))
    shown.sort(key=lambda s: list(SOLVERS).index(s))
    print(table(runs, bks, shown))


def _write(path: Path, runs: Sequence[Run], limit: float) -> None:
    data: dict[str, Any] = {"limit": limit, "runs": [vars(r) | {"problems": list(r.problems)} for r in runs]}
    path.write_text(json.dumps(data, indent=1) + "\n")


if __name__ == "__main__":
    main()
