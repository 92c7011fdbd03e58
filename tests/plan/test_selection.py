"""Choosing the states (scout.plan.bound.selection): the relaxation's sets come best bound first, each found
set forbidden for the next, its bound never below a real itinerary; a search stopped before any answer
proves nothing and says which limit to raise."""

from __future__ import annotations

from pathlib import Path

import pytest

from scout.plan.bound.selection import Relaxation
from scout.plan.params import PlanParams
from scout.plan.solve import plan_trip
from tests.plan.trips import plan_file, small_problem, small_trip, write_small_catalogue, write_trip
from tests.shipped import SAMPLE, problem_of, sample_trip


def test_the_sets_come_best_bound_first_and_each_only_once() -> None:
    # Baja California (the film commission and the beach, 13) or Jalisco (Tequila, 7), one state, three days.
    problem = small_problem(days=3, states={"count": 1})
    relaxation = Relaxation(problem, PlanParams())
    found = []
    while (state_set := relaxation.solve(1.0, 0)) is not None:
        found.append(state_set)
        relaxation.forbid(state_set.states)
    assert [s.states for s in found] == [("BC",), ("JAL",)]
    assert found[0].bound >= found[1].bound
    # Each bound is at least what an itinerary through the set is worth.
    best = plan_trip(problem).plan.best
    assert set(best.arrangement.states) == {"BC"} and found[0].bound >= best.value - 1e-6
    assert set(found[0].places) == {"bc-film-commission", "rosarito"}  # its first guess at the itinerary


def test_a_stopped_relaxation_finds_nothing() -> None:
    relaxation = Relaxation(small_problem(), PlanParams())
    relaxation.stop()  # as the planner does when Ctrl-C ends the searches running ahead
    assert relaxation.solve(1.0, 0) is None


def test_a_search_stopped_before_any_answer_exits_6_with_what_to_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No time at all for the state-selection model: it ends without an answer, which proves nothing about
    # the trip, so it must not be reported as impossible (4) but as a limit to raise (6).
    from ortools.sat.python import cp_model

    from scout.plan.bound import cpsat

    def no_time(solver: cp_model.CpSolver, time_limit: float, seed: int) -> None:
        solver.parameters.max_deterministic_time = 0.0
        solver.parameters.stop_after_presolve = True
        solver.parameters.num_workers = 1

    monkeypatch.setattr(cpsat, "configure", no_time)  # the selection model is the first to be solved
    data = write_small_catalogue(tmp_path)
    code, output, doc = plan_file(write_trip(tmp_path, **small_trip()), tmp_path / "out", data)
    assert code == 6, output
    assert "raise solver.time_limit" in output and "Traceback" not in output
    assert doc is None


@pytest.mark.parametrize(("start", "extra"), [("2024-09-23", 0), ("2024-10-31", 60), ("2024-03-08", 0)])
def test_the_working_minutes_allow_for_the_clock_falling_back(start: str, extra: int, tmp_path: Path) -> None:
    # Over a trip the days add up to the schedule's length each, zone changes cancelling out on the way
    # home, except when clocks change: when Los Angeles and Baja California fall back on 3 November 2024,
    # a night spent in Mexico City (no change) makes the return day an hour longer. Springing forward
    # (10 March) only shortens days, which the bound may ignore.
    text = SAMPLE.read_text(encoding="utf-8").replace("start: 2024-09-23", f"start: {start}")
    path = tmp_path / "trip.yaml"
    path.write_text(text.replace("    date: 2024-09-23\n", ""), encoding="utf-8")  # the welcome: any day
    problem = problem_of(sample_trip(path))
    assert Relaxation(problem, PlanParams())._clock_change_minutes() == extra
