"""`scout export` and `scout plan --export`: every format from the planned sample trip, written atomically."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scout.cli import app
from scout.io.itinerary_json import write_itinerary
from scout.plan import solve
from scout.plan.result import Planned
from tests.samples import sample_itinerary
from tests.shipped import CATALOGUE, SAMPLE

runner = CliRunner()
NAMES = ["itinerary.md", "itinerary.pdf", "itinerary.ics", "itinerary.geojson"]


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory, planned_sample: Planned) -> Path:
    """`scout plan --export` on the sample trip, once, with every export.

    The planner's answer is the session's (tests/conftest.py): what is tested here is what the command writes
    of it, and planning again would only take seconds.
    """
    folder = tmp_path_factory.mktemp("planned")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(solve, "plan_trip", lambda problem, params=None, progress=None: planned_sample)
        result = runner.invoke(
            app, ["plan", str(SAMPLE), "--data", str(CATALOGUE), "--out", str(folder), "--export", "md,pdf,ics,geojson"]
        )
    assert result.exit_code == 0, result.output
    return folder


def test_plan_writes_every_export_beside_the_itinerary(planned: Path) -> None:
    assert sorted(p.name for p in planned.iterdir()) == sorted(["itinerary.json", *NAMES])
    assert (planned / "itinerary.pdf").read_bytes().startswith(b"%PDF-")
    assert (planned / "itinerary.ics").read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    assert json.loads((planned / "itinerary.geojson").read_text(encoding="utf-8"))["type"] == "FeatureCollection"
    assert "Familiarization trip 2024" in (planned / "itinerary.md").read_text(encoding="utf-8")


def test_export_renders_the_same_files_without_planning_again(planned: Path, tmp_path: Path) -> None:
    source = tmp_path / "itinerary.json"
    shutil.copy(planned / "itinerary.json", source)
    result = runner.invoke(app, ["export", str(source), "--format", "md,pdf,ics,geojson"])
    assert result.exit_code == 0, result.output
    for name in NAMES:
        # Renderers are pure functions of the itinerary: the same JSON gives the same bytes.
        assert (tmp_path / name).read_bytes() == (planned / name).read_bytes(), name


def test_export_to_a_chosen_file_and_folder(tmp_path: Path) -> None:
    source = tmp_path / "in" / "itinerary.json"
    write_itinerary(sample_itinerary(), source)
    target = tmp_path / "handout.md"
    assert runner.invoke(app, ["export", str(source), "-f", "md", "-o", str(target)]).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# ")
    folder = tmp_path / "out"
    assert runner.invoke(app, ["export", str(source), "-f", "ics,geojson", "-o", str(folder)]).exit_code == 0
    assert sorted(p.name for p in folder.iterdir()) == ["itinerary.geojson", "itinerary.ics"]


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    source = tmp_path / "itinerary.json"
    write_itinerary(sample_itinerary(), source)
    result = runner.invoke(app, ["export", str(source), "--format", "docx"])
    assert result.exit_code == 2
    assert "unknown export format 'docx'" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["itinerary.json"]


def test_a_broken_itinerary_names_file_and_line(tmp_path: Path) -> None:
    source = tmp_path / "itinerary.json"
    source.write_text('{\n  "format": "scout.itinerary/1",\n  "days": [,]\n}\n', encoding="utf-8")
    result = runner.invoke(app, ["export", str(source), "--format", "md"])
    assert result.exit_code == 2
    assert f"{source}:3:" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "itinerary.md").exists()


def test_a_failed_write_keeps_the_previous_export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "itinerary.json"
    write_itinerary(sample_itinerary(), source)
    target = tmp_path / "itinerary.pdf"
    target.write_bytes(b"%PDF- the previous, good file")

    def fail(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    result = runner.invoke(app, ["export", str(source), "--format", "pdf"])
    assert result.exit_code == 5
    assert "No space left on device" in result.output
    assert target.read_bytes() == b"%PDF- the previous, good file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["itinerary.json", "itinerary.pdf"]  # no temporary left


def test_export_help_lists_the_formats() -> None:
    result = runner.invoke(app, ["export", "--help"])
    assert result.exit_code == 0
    for name in ("md", "pdf", "ics", "geojson"):
        assert name in result.output
