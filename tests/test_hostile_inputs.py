"""Hostile YAML, files from other editors and trip names that look like paths, through the reader and the CLI.

``tests/test_yamlfile.py`` covers the reader's refusals one by one; this module covers what the issue
promises on top: bounded time and memory for alias bombs, nesting far past Python's recursion limit,
refusals seen through ``scout validate`` and ``scout plan`` on trip files, Windows-1252 and Windows line
endings in trips, and output folders that stay inside their parent whatever the trip's name.
"""

from __future__ import annotations

import copy
import re
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from bench.fuzzcases import CATALOGUE, TRIP, dump
from scout.cli import app, folder_name
from scout.errors import InputError, Problem
from scout.io.catalogue import parse_catalogue
from scout.io.trip import load_trip
from scout.io.yamlfile import MAX_DEPTH, parse_yaml, read_yaml

runner = CliRunner()


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder holding a valid catalogue (``catalogue.yaml``)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "catalogue.yaml").write_text(dump(CATALOGUE), encoding="utf-8")
    return tmp_path


def problems_of(text: str) -> tuple[Problem, ...]:
    with pytest.raises(InputError) as caught:
        parse_yaml(text, "t.yaml")
    return caught.value.problems


def run(*arguments: str) -> Result:
    result = runner.invoke(app, list(arguments))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result


def trip_text(**changes: object) -> str:
    trip = copy.deepcopy(TRIP)
    trip.update(changes)
    return dump(trip)


# -- alias bombs and nesting ---------------------------------------------------------------------------


def billion_laughs(levels: int = 30, width: int = 10) -> str:
    """``width ** levels`` values once expanded, in a few hundred bytes per level."""
    lines = ["a0: &a0 [" + ", ".join(["lol"] * width) + "]"]
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * width) + "]" for n in range(1, levels)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "text",
    [
        billion_laughs(),
        # mappings instead of lists, and merge keys, which PyYAML expands by copying
        "m0: &m0 {k: v}\n"
        + "".join(f"m{i}: &m{i} {{a: *m{i - 1}, b: *m{i - 1}, <<: *m{i - 1}}}\n" for i in range(1, 60)),
    ],
    ids=["lists", "mappings-and-merges"],
)
def test_an_alias_bomb_is_refused_within_a_second_and_50_mb(text: str) -> None:
    tracemalloc.start()
    began = time.perf_counter()
    try:
        problems = problems_of(text)
        seconds = time.perf_counter() - began
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert [p.what for p in problems] == ["document expands to too many values (aliases nested inside aliases?)"]
    assert seconds < 1
    assert peak < 50 * 1024 * 1024


@pytest.mark.parametrize(
    ("start", "opening", "closing"),
    [("a: ", "[", "]"), ("a: ", "{a: ", "}"), ("", "- ", ""), ("", "? ", "")],
    ids=["flow-lists", "flow-mappings", "block-lists", "complex-keys"],
)
def test_nesting_ten_thousand_deep_is_refused_without_a_recursion_error(start: str, opening: str, closing: str) -> None:
    text = start + opening * 10_000 + "x" + closing * 10_000 + "\n"
    assert sys.getrecursionlimit() < 10_000  # so a reader that recursed once per level would fail

    problems = problems_of(text)

    assert [(p.line, p.what, p.expected) for p in problems] == [
        (1, "nesting is too deep", f"at most {MAX_DEPTH} levels")
    ]


def test_deep_nesting_in_a_trip_is_refused_by_validate_and_plan(files: Path) -> None:
    (files / "trip.yaml").write_text(trip_text() + "avoid: " + "[" * 10_000 + "]" * 10_000 + "\n", encoding="utf-8")

    for arguments in (["validate"], ["plan", "--out", "out"]):
        result = run(*arguments, "trip.yaml", "--data", "catalogue.yaml")

        assert result.exit_code == 2, result.output
        assert re.search(r"trip\.yaml:\d+:\d+: nesting is too deep", result.stderr)
    assert not (files / "out").exists()


# -- tags, duplicates and tabs in trip files -------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "!!python/object/apply:os.system ['echo ran > ran.txt']",
        "!!python/object/new:subprocess.check_output [['touch', 'ran.txt']]",
        "!!python/name:os.system",
        "!!python/module:os",
    ],
)
def test_a_tag_that_would_run_code_in_a_trip_is_refused(files: Path, value: str) -> None:
    (files / "trip.yaml").write_text(trip_text().replace("name: Fuzz trip", f"name: {value}"), encoding="utf-8")

    result = run("plan", "trip.yaml", "--data", "catalogue.yaml", "--out", "out")

    assert result.exit_code == 2
    assert re.search(r"trip\.yaml:1:7: tag tag:yaml\.org,2002:python/\S+ is not allowed", result.stderr)
    assert not (files / "ran.txt").exists()
    assert not (files / "out").exists()


def test_a_key_written_twice_in_a_trip_names_both_lines(files: Path) -> None:
    text = trip_text()
    first = text.split("\n").index("days: 3") + 1
    (files / "trip.yaml").write_text(text + "days: 4\n", encoding="utf-8")
    again = len(text.split("\n"))

    result = run("validate", "trip.yaml", "--data", "catalogue.yaml")

    assert result.exit_code == 2
    assert f"trip.yaml:{first}:1: duplicate key 'days': given again at line {again}" in result.stderr
    assert f"trip.yaml:{again}:1: duplicate key 'days': also given at line {first}" in result.stderr


def test_a_tab_in_a_trip_is_named_with_its_line(files: Path) -> None:
    lines = trip_text().split("\n")
    number = lines.index('  count: "1"')
    lines[number] = "\tcount: 1"
    (files / "trip.yaml").write_text("\n".join(lines), encoding="utf-8")

    result = run("validate", "trip.yaml", "--data", "catalogue.yaml")

    assert result.exit_code == 2
    assert (
        f"trip.yaml:{number + 1}:1: a tab is used for indentation; expected spaces (YAML forbids tabs)" in result.stderr
    )


# -- encodings and line endings --------------------------------------------------------------------------


def test_a_trip_with_a_bom_and_crlf_reads_as_the_plain_one(tmp_path: Path) -> None:
    catalogue = parse_catalogue(CATALOGUE, "catalogue.yaml")
    plain, windows = tmp_path / "plain.yaml", tmp_path / "windows.yaml"
    plain.write_text(trip_text(name="Querétaro – día 1 🎬"), encoding="utf-8")
    windows.write_bytes(b"\xef\xbb\xbf" + plain.read_bytes().replace(b"\n", b"\r\n"))

    assert load_trip(windows, catalogue) == load_trip(plain, catalogue)
    assert read_yaml(windows).key_marks == read_yaml(plain).key_marks


def test_a_trip_saved_as_windows_1252_says_so_and_how_to_fix_it(files: Path) -> None:
    text = trip_text(name="Querétaro")
    (files / "trip.yaml").write_bytes(text.encode("cp1252"))
    line, column = next((n, row.index("é") + 1) for n, row in enumerate(text.split("\n"), start=1) if "é" in row)

    result = run("validate", "trip.yaml", "--data", "catalogue.yaml")

    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"trip.yaml:{line}:{column}: byte 0xE9 is not UTF-8: it is 'é' in Windows-1252, the encoding the file "
        'looks saved in; expected UTF-8; save the file as "UTF-8" in your editor and run again\n'
    )


def test_a_file_in_neither_utf8_nor_windows_1252_is_refused_all_the_same(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_bytes(b"name: x\nnotes: \x81\x8d\n")  # bytes that Windows-1252 leaves undefined

    with pytest.raises(InputError) as caught:
        read_yaml(path)

    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (2, 8)
    assert problem.what == "byte 0x81 is not UTF-8 (nor Windows-1252): the file is in another encoding"
    assert problem.hint == 'save the file as "UTF-8" in your editor and run again'


def test_a_control_character_is_located(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("name: x\nnotes: bell\x07 here\n", encoding="utf-8")

    with pytest.raises(InputError) as caught:
        read_yaml(path)

    assert [(p.line, p.column, p.what) for p in caught.value.problems] == [
        (2, 12, "character U+0007 is not allowed in YAML")
    ]


# -- trip names and output folders -----------------------------------------------------------------------

HOSTILE_NAMES = [
    "../../outside",
    "..",
    "/etc/passwd",
    "C:\\Windows\\System32",
    "..\\..\\outside",
    'a:b*c?d"e<f>g|h',
    "CON",
    "nul",
    "Com1",
    "LPT9",
    "COM¹",  # a superscript one, which NFKD turns into "1"
    "\u202e\u200b😀",  # nothing left after cleaning
    "   ",
    "x" * 500,
    "a" * 79 + "-b",  # cut at 80 characters right after a hyphen
    "trip\x00name",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_trip_name_becomes_one_plain_folder_name(name: str, tmp_path: Path) -> None:
    folder = folder_name(name)

    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", folder)
    assert len(folder) <= 80
    assert not re.fullmatch(r"con|prn|aux|nul|com\d|lpt\d", folder)  # device names on Windows
    assert (tmp_path / folder).resolve().parent == tmp_path.resolve()


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.text())
def test_any_trip_name_becomes_one_plain_folder_name(name: str) -> None:
    folder = folder_name(name)

    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", folder)
    assert len(folder) <= 80
    assert not re.fullmatch(r"con|prn|aux|nul|com\d|lpt\d", folder)


@pytest.mark.parametrize(
    ("name", "folder"),
    [("../../Querétaro: día 1 <*?|>", "queretaro-dia-1"), ("CON", "con-trip")],
)
def test_plan_writes_only_inside_the_trips_folder(files: Path, name: str, folder: str) -> None:
    """``scout plan`` without ``--out`` writes ``trips/<folder>/itinerary.json`` and nothing else."""
    (files / "trip.yaml").write_text(trip_text(name=name), encoding="utf-8")
    before = set(files.parent.iterdir())

    result = run("plan", "trip.yaml", "--data", "catalogue.yaml", "--alternatives", "0")

    assert result.exit_code == 0, result.output
    written = sorted(path.relative_to(files).as_posix() for path in files.rglob("*") if path.is_file())
    assert written == ["catalogue.yaml", "trip.yaml", f"trips/{folder}/itinerary.json"]
    assert set(files.parent.iterdir()) == before


def test_a_trip_name_that_looks_like_markup_is_printed_as_it_is(files: Path) -> None:
    (files / "trip.yaml").write_text(trip_text(name="Scouting [/] [bold]2024"), encoding="utf-8")

    result = run("validate", "trip.yaml", "--data", "catalogue.yaml")

    assert result.exit_code == 0
    assert "trip 'Scouting [/] [bold]2024'" in result.stdout


def test_a_trip_outside_the_years_scout_plans_for_is_bad_input(files: Path) -> None:
    # Astronomy and holiday rules end somewhere: 9999-12-29 used to crash in the sunset computation.
    (files / "trip.yaml").write_text(trip_text(start="9999-12-29", days=3), encoding="utf-8")
    result = run("plan", "trip.yaml", "--data", "catalogue.yaml", "--out", "out")
    assert result.exit_code == 2, result.output
    assert "trip.yaml:" in result.output and "outside the years scout plans for" in result.output
    assert not (files / "out").exists()
