"""Broken catalogues and trip files, generated: ``scout validate`` and ``scout plan`` answer with exit code 2
and a ``file:line`` for every problem, never with a traceback.

Each case starts from a valid catalogue and trip and puts one defect in (the mutations of
:mod:`bench.fuzzcases`: wrong types, empty and missing required values, unknown keys, huge, negative and
non-finite numbers, unicode of every kind in checked fields, reversed windows, unknown references, deep
nesting, keys written twice, tabs, control characters, Windows-1252, refused tags, impossible dates, alias
bombs). Hypothesis makes the choices, so a failure shrinks to a small case; ``derandomize`` keeps CI runs
identical. ``python -m bench.fuzz`` runs the same cases by the ten thousand.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bench.fuzz import Failure, check, run_case
from bench.fuzzcases import CATALOGUE, MUTATIONS, TRIP, Case, dump, make_case
from scout.cli import app
from scout.io.yamlfile import parse_yaml
from tests.conftest import small_catalogue_data

T = TypeVar("T")
runner = CliRunner()

FUZZ = settings(
    max_examples=3,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


class HypothesisDraw:
    """The choices of a mutation, made by Hypothesis (so that failing cases shrink)."""

    def __init__(self, data: st.DataObject) -> None:
        self.data = data

    def choice(self, options: Sequence[T]) -> T:
        return self.data.draw(st.sampled_from(options))

    def integer(self, low: int, high: int) -> int:
        return self.data.draw(st.integers(low, high))

    def text(self) -> str:
        return self.data.draw(st.text(max_size=12))  # any code point but a surrogate


def assert_no_failures(case: Case, failures: list[Failure]) -> None:
    assert not failures, f"{case.mutation} in the {case.target} ({case.detail}):\n" + "\n".join(
        f"[{failure.kind}] scout {failure.command}\n{failure.message}" for failure in failures
    )


def test_the_starting_documents_are_valid(tmp_path: Path) -> None:
    assert parse_yaml(dump(CATALOGUE), "c.yaml") == CATALOGUE  # dump writes what it was given
    assert parse_yaml(dump(TRIP), "t.yaml") == TRIP
    for catalogue in (CATALOGUE, small_catalogue_data()):
        (tmp_path / "catalogue.yaml").write_text(dump(catalogue), encoding="utf-8")
        (tmp_path / "trip.yaml").write_text(dump(TRIP), encoding="utf-8")
        data = str(tmp_path / "catalogue.yaml")
        result = runner.invoke(app, ["validate", "--data", data, data, str(tmp_path / "trip.yaml")])
        assert result.exit_code == 0, result.output


@pytest.mark.parametrize("mutation", sorted(name for name, mutation in MUTATIONS.items() if not mutation.harmless))
@pytest.mark.parametrize("target", ["catalogue", "trip"])
@FUZZ
@given(data=st.data())
def test_a_broken_file_is_reported_with_exit_2_and_its_lines(
    mutation: str, target: str, data: st.DataObject, tmp_path: Path
) -> None:
    """``validate`` on the broken file, and ``plan`` on a broken trip (it fails before solving: exit 2, not 4)."""
    case = make_case(HypothesisDraw(data), mutation, target)

    failures = run_case(case, tmp_path)

    assert_no_failures(case, failures)


@FUZZ
@given(data=st.data())
def test_a_broken_trip_is_reported_against_the_conftest_catalogue(data: st.DataObject, tmp_path: Path) -> None:
    """The same defects, in a trip checked against the small catalogue of ``tests/conftest.py``."""
    draw = HypothesisDraw(data)
    names = sorted(name for name, mutation in MUTATIONS.items() if not mutation.harmless)
    case = make_case(draw, draw.choice(names), "trip")
    case = Case(case.mutation, case.target, case.detail, dump(small_catalogue_data()).encode(), case.trip)

    assert_no_failures(case, run_case(case, tmp_path, plan=False))


@FUZZ
@given(data=st.data())
def test_free_text_of_any_kind_is_accepted(data: st.DataObject, tmp_path: Path) -> None:
    case = make_case(HypothesisDraw(data), "free-text", "catalogue")

    assert_no_failures(case, run_case(case, tmp_path))


@settings(FUZZ, max_examples=12)
@given(data=st.data())
def test_bom_and_windows_line_endings_change_nothing(data: st.DataObject, tmp_path: Path) -> None:
    """The same broken file saved by a Windows editor (byte-order mark, CRLF) gets the very same messages."""
    draw = HypothesisDraw(data)
    names = sorted(name for name, mutation in MUTATIONS.items() if mutation.document and not mutation.harmless)
    case = make_case(draw, draw.choice(names), draw.choice(("catalogue", "trip")))
    plain = tmp_path / "broken.yaml"
    plain.write_bytes(case.catalogue if case.target == "catalogue" else case.trip)
    other = tmp_path / "other.yaml"
    other.write_bytes(case.trip if case.target == "catalogue" else case.catalogue)
    catalogue = plain if case.target == "catalogue" else other
    windows = b"\xef\xbb\xbf" + plain.read_bytes().replace(b"\n", b"\r\n")

    before = runner.invoke(app, ["validate", "--data", str(catalogue), str(plain)])
    plain.write_bytes(windows)
    after = runner.invoke(app, ["validate", "--data", str(catalogue), str(plain)])

    assert not check(before, "validate")
    assert (after.exit_code, after.stderr) == (before.exit_code, before.stderr)


# -- plan on trips that are well formed but odd --------------------------------------------------------


def _odd_trip(start: date, days: int, meeting_day: int, at: str) -> dict[str, Any]:
    trip = copy.deepcopy(TRIP)
    trip.update(start=start, days=days)
    trip["meetings"][0].update(date=start + timedelta(days=min(meeting_day, days - 1)), at=at)
    trip["solver"] = {"time_limit": "0.5s", "seed": 1}
    return trip


@settings(FUZZ, max_examples=3)
@given(
    start=st.dates(date(1990, 1, 1), date(2100, 12, 31)),
    days=st.integers(1, 3),
    meeting_day=st.integers(0, 2),
    at=st.sampled_from(["07:30", "10:00", "16:00", "18:59"]),
)
@example(start=date(2024, 12, 25), days=1, meeting_day=0, at="10:00")  # a holiday, and no time to get there
def test_plan_on_an_odd_trip_answers_0_or_4(start: date, days: int, meeting_day: int, at: str, tmp_path: Path) -> None:
    """A well-formed trip may be impossible (exit 4, with the reason: a meeting on a day its place is closed,
    no time to get there and back), never a crash; only a trip that can be planned writes a file."""
    (tmp_path / "catalogue.yaml").write_text(dump(CATALOGUE), encoding="utf-8")
    (tmp_path / "trip.yaml").write_text(dump(_odd_trip(start, days, meeting_day, at)), encoding="utf-8")
    out = tmp_path / "out"

    result = runner.invoke(
        app,
        ["plan", str(tmp_path / "trip.yaml"), "--data", str(tmp_path / "catalogue.yaml"), "--out", str(out), "-a", "0"],
    )

    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 4), result.output
    assert (out / "itinerary.json").exists() == (result.exit_code == 0)


# -- what the fuzzing found, kept as plain cases ---------------------------------------------------------

BIG = 10**400


def _trip(**changes: Any) -> str:
    trip = copy.deepcopy(TRIP)
    trip.update(changes)
    return dump(trip)


def _catalogue(change: Any) -> str:
    catalogue = copy.deepcopy(CATALOGUE)
    change(catalogue)
    return dump(catalogue)


FOUND = [
    # PyYAML's constructors raised ValueError, KeyError, AttributeError, TypeError: a traceback, exit 1.
    ("trip", _trip().replace("start: 2024-09-23", "start: 2024-02-30"), "'2024-02-30' is not a real date or time"),
    ("trip", _trip().replace("start: 2024-09-23", "start: 0000-01-01"), "(year 0 is out of range)"),
    ("trip", _trip().replace("name: Fuzz trip", "name: !!int abc"), "'abc' is not valid for tag !!int"),
    ("trip", _trip().replace("name: Fuzz trip", "name: !!bool maybe"), "'maybe' is not valid for tag !!bool"),
    ("trip", _trip().replace("name: Fuzz trip", "name: !!timestamp x"), "'x' is not valid for tag !!timestamp"),
    ("trip", _trip().replace("name: Fuzz trip", 'name: !!int ""'), "'' is not valid for tag !!int"),
    ("trip", _trip().replace("name: Fuzz trip", "name: !!map [a]"), "tag !!map is given to a list"),
    ("trip", _trip().replace("days: 3", "days: " + "9" * 5000), "has too many digits"),
    ("trip", _trip().replace("days: 3", "days: 0x" + "f" * 4000), "has too many digits"),  # read, then unprintable
    ("trip", _trip().replace("name: Fuzz trip", "name: bell\x07"), "character U+0007 is not allowed in YAML"),
    # Integers too large for a float: OverflowError in math.isfinite and float().
    ("trip", _trip(variety=BIG), "variety of the trip: 100000… (401 digits) is out of range"),
    ("trip", _trip(solver={"time_limit": BIG}), "time_limit of the solver settings: number 100000… (401 digits)"),
    ("trip", _trip(solver={"time_limit": -BIG}), "time_limit of the solver settings: number -100000…"),
    ("catalogue", _catalogue(lambda c: c["places"][2].update(lat=BIG)), "lat of place 'rosarito': 100000…"),
    ("catalogue", _catalogue(lambda c: c["places"][2].update(value=-BIG)), "value of place 'rosarito': -100000…"),
    # A date past the calendar's end: OverflowError in date arithmetic.
    ("trip", _trip(start=date(9999, 12, 31)), "9999-12-31 is outside the years scout plans for"),
    ("trip", _trip(states={"count": "9" * 5000}), "count of states of the trip: text '99999"),
    # A required key left empty was taken as absent: the entry was dropped without a word, or the trip
    # reader asserted, or the catalogue's own check raised ValueError.
    ("trip", _trip(name=None), "name of the trip: is empty; expected a value (the key is required)"),
    ("trip", _trip(meetings=[{"place": None, "length": "1h"}]), "place of meeting 1: is empty"),
    ("catalogue", _catalogue(lambda c: c["places"][2].update(id=None)), "id of a place: is empty"),
    ("catalogue", _catalogue(lambda c: c["states"][2].update(time_zone=None)), "time_zone of state 'JAL': is empty"),
    ("catalogue", _catalogue(lambda c: c["states"][2].update(base=None)), "missing key 'base' in state 'JAL'"),
    # Problems without a line: a source given as its title alone, a document that is not a mapping.
    (
        "catalogue",
        _catalogue(lambda c: c["sources"].update(ourairports=" ")),
        "title of source 'ourairports': is empty",
    ),
    ("trip", "42\n", ":1:1: the file holds number 42"),
    ("trip", "", ":1:1: the file holds nothing"),
]


@pytest.mark.parametrize(("target", "text", "message"), FOUND, ids=[message[:40] for _, _, message in FOUND])
def test_what_fuzzing_found_is_reported_with_its_line(target: str, text: str, message: str, tmp_path: Path) -> None:
    catalogue, trip = tmp_path / "catalogue.yaml", tmp_path / "trip.yaml"
    catalogue.write_text(text if target == "catalogue" else dump(CATALOGUE), encoding="utf-8")
    trip.write_text(text if target == "trip" else dump(TRIP), encoding="utf-8")

    result = runner.invoke(
        app, ["validate", "--data", str(catalogue), str(catalogue if target == "catalogue" else trip)]
    )

    assert not check(result, "validate"), result.output
    assert message in result.stderr
