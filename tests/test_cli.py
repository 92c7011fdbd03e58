"""The command line through Typer's runner: listings, version, options, help, lazy imports, and what `scout plan`
asks of the planner."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scout import __version__
from scout.cli import app, folder_name
from scout.io.itinerary_json import read_itinerary
from scout.model.itinerary import Itinerary
from scout.plan import solve
from scout.plan.params import PlanParams
from scout.plan.problem import TripProblem
from scout.plan.result import Planned
from scout.plan.solve import Progress
from tests.shipped import SAMPLE, build_sample_problem, sample_trip

ROOT = Path(__file__).resolve().parent.parent
DATA = str(ROOT / "data" / "locations.yaml")
runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"scout {__version__}"


def test_states_lists_every_state_with_its_commission() -> None:
    result = runner.invoke(app, ["states", "--data", DATA], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    for code in ("BC", "JAL", "CDMX", "QROO", "CA"):
        assert f"│ {code} " in result.output
    assert "Filma Jalisco" in result.output
    assert "America/Cancun" in result.output


def test_places_filters_by_state_and_kind() -> None:
    result = runner.invoke(
        app, ["places", "--data", DATA, "--state", "cdmx", "--kind", "studio"], env={"COLUMNS": "250"}
    )
    assert result.exit_code == 0, result.output
    assert "estudios-churubusco" in result.output
    assert "baja-studios" not in result.output


def test_places_with_unknown_state_and_kind_says_what_it_meant() -> None:
    result = runner.invoke(app, ["places", "--data", DATA, "--state", "JLA", "--kind", "dessert"])
    assert result.exit_code == 2
    assert "did you mean 'JAL'?" in result.output
    assert "did you mean 'desert'?" in result.output


def test_validate_with_no_path_checks_catalogue_and_trips(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, ["validate"], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    assert "data/locations.yaml: catalogue of" in result.output
    assert "familiarization-2024.yaml: trip 'Familiarization trip 2024' of 6 days" in result.output


def test_every_command_has_help() -> None:
    for command in ("validate", "states", "places", "plan"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert "Usage" in result.output


def test_help_does_not_load_heavy_libraries() -> None:
    code = (
        "import sys; from scout.cli import app; "
        "heavy = [m for m in ('ortools', 'geopy', 'holidays', 'astral') if m in sys.modules]; print(heavy)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_trip_names_never_become_paths() -> None:
    assert folder_name("Familiarization trip 2024") == "familiarization-trip-2024"
    assert folder_name("../../etc/passwd") == "etc-passwd"
    assert folder_name('Querétaro: día 1 <"*?|>') == "queretaro-dia-1"
    assert folder_name("...") == "trip"


def test_readme_test_command_is_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = 'python3 -m venv .venv && .venv/bin/pip install -q -e ".[test]" && .venv/bin/pytest -q'
    assert command in readme
    assert command in ci


def test_a_broken_catalogue_is_reported_once_however_many_trips(tmp_path: Path) -> None:
    broken = ROOT / "tests" / "data" / "catalogue" / "unknown_kind.yaml"
    trips = []
    for number in (1, 2):
        trip = tmp_path / f"trip{number}.yaml"
        trip.write_text(f"name: Trip {number}\nstart: 2024-09-23\ndays: 3\norigin: lax\n", encoding="utf-8")
        trips.append(str(trip))
    result = runner.invoke(app, ["validate", "--data", str(broken), *trips], env={"COLUMNS": "250"})
    assert result.exit_code == 2
    assert result.output.count("unknown value 'dessert'") == 1


@pytest.mark.parametrize("columns", [80, 200])
def test_places_table_fits_the_terminal(columns: int) -> None:
    result = CliRunner().invoke(app, ["places", "--data", str(ROOT / "data" / "locations.yaml")],
                                env={"COLUMNS": str(columns)})  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert max(len(line) for line in lines) <= columns
    header = next(line for line in lines if "Id" in line and "Name" in line)
    assert "Kind" in header and "Value" in header
    assert ("Coordinates" in header) == (columns >= 150)  # the least needed column goes first


# -- scout plan: what it asks of the planner and what it writes of the answer ---------------------------------


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch, planned_sample: Planned) -> list[tuple[TripProblem, PlanParams | None]]:
    """``scout.plan.solve.plan_trip`` replaced by a fake that records what it is given, reports two steps and
    answers with the session's plan of the sample trip (the command imports it when it runs)."""
    calls: list[tuple[TripProblem, PlanParams | None]] = []

    def fake(problem: TripProblem, params: PlanParams | None = None, progress: Progress | None = None) -> Planned:
        calls.append((problem, params))
        if progress is not None:
            progress("choosing the states")
            progress("building days through Baja California + Durango + Ciudad de México")
        return planned_sample

    monkeypatch.setattr(solve, "plan_trip", fake)
    return calls


@pytest.mark.parametrize(
    ("options", "params"),
    [
        ([], PlanParams()),
        (["-a", "3"], PlanParams(alternatives=3)),
        (["--alternatives", "0"], PlanParams(alternatives=0)),
    ],
)
def test_plan_passes_the_trip_and_the_alternatives_asked_to_the_planner(
    options: list[str],
    params: PlanParams,
    recorded: list[tuple[TripProblem, PlanParams | None]],
    planned_itinerary: Itinerary,
    tmp_path: Path,
) -> None:
    result = runner.invoke(app, ["plan", str(SAMPLE), "--data", DATA, "--out", str(tmp_path), *options])
    assert result.exit_code == 0, result.output
    ((problem, passed),) = recorded
    assert passed == params
    assert problem.trip == sample_trip()
    assert set(problem.candidates) == set(build_sample_problem().candidates)
    # The itinerary written is the planner's, with the trip file and the time taken set by the command.
    written = read_itinerary(tmp_path / "itinerary.json")
    assert written.source == SAMPLE.as_posix()
    assert written.solve_seconds is not None and written.solve_seconds >= 0
    assert replace(written, source=planned_itinerary.source, solve_seconds=1.0) == planned_itinerary
    assert f"wrote {tmp_path / 'itinerary.json'}" in " ".join(result.output.split())


def test_plan_reports_each_step_on_a_line_when_stderr_is_no_terminal(
    recorded: list[tuple[TripProblem, PlanParams | None]], tmp_path: Path
) -> None:
    # A pipe or a log file gets no spinner: each step, as the spinner would show it, on a line of its own.
    result = runner.invoke(app, ["plan", str(SAMPLE), "--data", DATA, "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert lines[:2] == ["Choosing the states", "Building days through Baja California + Durango + Ciudad de México"]
    assert "Choosing the states" not in result.stdout
