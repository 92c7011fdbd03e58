"""Unit tests of safe, position-keeping YAML reading (``scout.io.yamlfile``) and of the text forms of values
(``scout.io.values``)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from scout.errors import InputError, Problem
from scout.io import yamlfile
from scout.io.values import (
    DURATION_FORMS,
    HOURS_FORMS,
    TIME_FORMS,
    format_duration,
    parse_duration,
    parse_intervals,
    parse_time_of_day,
    weekdays_of,
)
from scout.io.yamlfile import Mark, YamlList, YamlMap, mark_of, parse_yaml, read_yaml

ROOT = Path(__file__).resolve().parent.parent


def problems_of(text: str, name: str = "t.yaml") -> tuple[Problem, ...]:
    with pytest.raises(InputError) as caught:
        parse_yaml(text, name)
    return caught.value.problems


# -- positions -------------------------------------------------------------------------------------


def test_positions_of_keys_values_and_items() -> None:
    text = (
        "places:\n"  # 1
        "  - id: tequila\n"  # 2
        "    lat: 20.8822\n"  # 3
        "    tags: [pueblo-magico, agave]\n"  # 4
        "    hours:\n"  # 5
        "      mon-fri: 09:00-17:00\n"  # 6
        "  - {id: gdl, lat: 20.5}\n"  # 7
    )
    data = parse_yaml(text, "t.yaml")

    assert isinstance(data, YamlMap)
    assert data.mark == Mark(1, 1)
    assert data.key_marks["places"] == Mark(1, 1)
    assert data.value_marks["places"] == Mark(2, 3)
    places = data["places"]
    assert isinstance(places, YamlList)
    assert mark_of(places) == Mark(2, 3)
    assert places.item_marks == [Mark(2, 5), Mark(7, 5)]
    first = places[0]
    assert isinstance(first, YamlMap)
    assert first.mark == Mark(2, 5)
    assert first.key_marks == {"id": Mark(2, 5), "lat": Mark(3, 5), "tags": Mark(4, 5), "hours": Mark(5, 5)}
    assert first.value_marks["id"] == Mark(2, 9)
    assert first.value_marks["lat"] == Mark(3, 10)
    assert first["tags"].item_marks == [Mark(4, 12), Mark(4, 27)]
    assert first["hours"].key_marks["mon-fri"] == Mark(6, 7)
    assert first["hours"].value_marks["mon-fri"] == Mark(6, 16)
    second = places[1]  # a flow mapping
    assert second == {"id": "gdl", "lat": 20.5}
    assert second.key_marks == {"id": Mark(7, 6), "lat": Mark(7, 15)}
    assert second.value_marks == {"id": Mark(7, 10), "lat": Mark(7, 20)}


def test_plain_values_are_plain_dicts_and_lists() -> None:
    data = parse_yaml("a: [1, {b: c}]\n", "t.yaml")

    assert data == {"a": [1, {"b": "c"}]}
    assert isinstance(data, dict) and isinstance(data["a"], list)
    assert mark_of({"plain": "dict"}) is None


def test_empty_text_is_none() -> None:
    assert parse_yaml("", "t.yaml") is None
    assert parse_yaml("# only a comment\n", "t.yaml") is None


# -- scalars ---------------------------------------------------------------------------------------


def test_times_of_day_stay_text() -> None:
    data = parse_yaml("open: 09:30\nlong: 190:20:30\nfloaty: 1:30.5\nhours: {mon: 09:00-17:00}\n", "t.yaml")

    assert data["open"] == "09:30"  # YAML 1.1 would make it the base-60 integer 570
    assert data["long"] == "190:20:30"
    assert data["floaty"] == "1:30.5"
    assert data["hours"] == {"mon": "09:00-17:00"}


def test_numbers_are_still_numbers() -> None:
    text = "a: 12\nb: -117.0545\nc: 1_000\nd: 0x1F\ne: 1.0e+3\nf: .5\ng: -.inf\nh: 0\ni: true\nj: ~\nk: !!str 5\n"

    data = parse_yaml(text, "t.yaml")

    assert data == {
        "a": 12,
        "b": -117.0545,
        "c": 1000,
        "d": 31,
        "e": 1000.0,
        "f": 0.5,
        "g": float("-inf"),
        "h": 0,
        "i": True,
        "j": None,
        "k": "5",
    }
    assert type(data["a"]) is int and type(data["b"]) is float


# -- merge keys and duplicates ---------------------------------------------------------------------


def test_merge_keys_are_not_duplicates() -> None:
    text = (
        "office: &office {mon-fri: 09:00-17:00, sat: closed}\n"  # 1
        "studio:\n"  # 2
        "  <<: *office\n"  # 3
        "  sat: 10:00-14:00\n"  # 4
        "both:\n"  # 5
        "  <<: [*office, {sun: closed}]\n"  # 6
    )
    data = parse_yaml(text, "t.yaml")

    assert data["studio"] == {"mon-fri": "09:00-17:00", "sat": "10:00-14:00"}  # the own key wins
    assert data["studio"].key_marks["sat"] == Mark(4, 3)
    assert data["studio"].key_marks["mon-fri"] == Mark(1, 18)  # where the merged key was written
    assert data["both"] == {"mon-fri": "09:00-17:00", "sat": "closed", "sun": "closed"}
    assert "<<" not in data["studio"]


@pytest.mark.xfail(
    strict=True,
    reason="upstream PyYAML 6.0.4 bug (yaml/pyyaml#953): merge keys are deduplicated by id() of the key "
    "string, so for keys longer than one character the last merged mapping wins instead of the first",
)
def test_first_merged_mapping_wins() -> None:
    text = "a: &a {sat: closed}\nb: &b {sat: 10:00-14:00}\nc:\n  <<: [*a, *b]\n"

    assert parse_yaml(text, "t.yaml")["c"] == {"sat": "closed"}  # "earlier in the sequence override"


def test_overriding_a_merged_key_in_an_anchored_mapping_is_not_a_duplicate() -> None:
    text = (
        "places:\n"
        "  - id: studio-a\n"
        "    hours:\n"
        "      <<: &office\n"
        "        <<: &weekdays {mon-fri: 09:00-18:00, sat: closed}\n"
        "        sat: 10:00-14:00\n"
        "      sun: closed\n"
        "  - id: studio-b\n"
        "    hours: *office\n"
    )

    data = parse_yaml(text, "t.yaml")

    assert data["places"][1]["hours"] == {"mon-fri": "09:00-18:00", "sat": "10:00-14:00"}


def test_duplicate_key_names_both_lines() -> None:
    text = "id: tequila\nname: Tequila\nkind: colonial-town\nname: Santiago de Tequila\n"

    problems = problems_of(text)

    assert [(p.file, p.line, p.column) for p in problems] == [("t.yaml", 2, 1), ("t.yaml", 4, 1)]
    assert problems[0].what == "duplicate key 'name': given again at line 4"
    assert problems[1].what == "duplicate key 'name': also given at line 2"
    assert all(p.expected == "each key once per mapping" for p in problems)


def test_duplicate_key_in_flow_and_nested_mappings() -> None:
    text = "places:\n  - {iata: TIJ, name: x, iata: GDL}\n  - hours:\n      mon: closed\n      mon: 09:00-10:00\n"

    problems = problems_of(text)

    assert [(p.line, p.column) for p in problems] == [(2, 6), (2, 26), (4, 7), (5, 7)]
    assert "duplicate key 'iata'" in problems[0].what
    assert "duplicate key 'mon'" in problems[2].what


def test_duplicate_own_key_after_a_merge_is_reported() -> None:
    text = "base: &b {a: 1}\nuse:\n  <<: *b\n  a: 2\n  a: 3\n"

    problems = problems_of(text)

    assert [p.line for p in problems] == [4, 5]
    assert all("duplicate key 'a'" in p.what for p in problems)


def test_every_duplicate_is_reported_at_once() -> None:
    problems = problems_of("a: 1\nb: 2\na: 3\nb: 4\n")

    assert [p.line for p in problems] == [1, 2, 3, 4]


def test_a_mapping_with_merged_keys_can_be_aliased_and_merged_again() -> None:
    text = (
        "week: &week {mon-fri: 09:00-18:00, sat: closed}\n"  # 1
        "office: &office {<<: *week, sat: 10:00-14:00}\n"  # 2
        "again: *office\n"  # 3
        "more: {<<: *office, sun: closed}\n"  # 4
        "both: {<<: [*office, *week]}\n"  # 5
    )

    data = parse_yaml(text, "t.yaml")

    assert data["again"] == {"mon-fri": "09:00-18:00", "sat": "10:00-14:00"}
    assert data["more"] == {"mon-fri": "09:00-18:00", "sat": "10:00-14:00", "sun": "closed"}
    assert data["both"]["mon-fri"] == "09:00-18:00"


def test_a_key_written_twice_next_to_merged_ones_is_still_reported_when_aliased() -> None:
    text = "office: &office\n  <<: {sat: closed}\n  sat: 10:00-14:00\n  sat: 11:00-14:00\nagain: *office\n"

    problems = problems_of(text)

    assert [(p.line, p.what) for p in problems] == [
        (3, "duplicate key 'sat': given again at line 4"),
        (4, "duplicate key 'sat': also given at line 3"),
    ]


def test_a_mapping_merged_into_itself_is_not_a_duplicate() -> None:
    assert parse_yaml("a: &a {<<: *a, b: 1}\n", "t.yaml") == {"a": {"b": 1}}


# -- refusals --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        '!!python/object/apply:os.system ["echo hi > ran.txt"]',
        "!!python/name:os.system",
        "!!python/object:collections.OrderedDict {}",
        "!!set {a, b}",
        "!!omap [{a: 1}]",
        "!!pairs [{a: 1}]",
        "!custom thing",
    ],
)
def test_tags_that_build_objects_are_refused(value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)

    problems = problems_of(f"name: Tequila\nnotes: {value}\n")

    assert len(problems) == 1
    assert (problems[0].line, problems[0].column) == (2, 8)
    assert problems[0].what.startswith("tag ") and problems[0].what.endswith(" is not allowed")
    assert not (tmp_path / "ran.txt").exists()


def test_syntax_error_is_located() -> None:
    problems = problems_of("id: x\nnotes: City centre: stands in\n")

    assert len(problems) == 1
    assert (problems[0].line, problems[0].column) == (2, 19)
    assert problems[0].what == "YAML syntax error: mapping values are not allowed here"


def test_tab_indentation_is_named() -> None:
    problems = problems_of("place:\n  id: x\n\tname: y\n")

    assert [(p.line, p.column, p.what) for p in problems] == [(3, 1, "a tab is used for indentation")]
    assert problems[0].expected == "spaces (YAML forbids tabs)"


def test_a_tab_inside_a_quoted_value_is_fine() -> None:
    assert parse_yaml('notes: "a\\tb"\nmore: "x\ty"\n', "t.yaml") == {"notes": "a\tb", "more": "x\ty"}


def test_a_tab_after_a_colon_is_read_as_yaml_allows() -> None:
    # YAML allows a tab between a key's colon and its value; libyaml reads it, PyYAML's Python scanner does
    # not. PyYAML's wheels carry libyaml, so only a PyYAML built without it refuses, at the exact position.
    text = "id: x\nname:\tTequila\n"
    if yaml.__with_libyaml__:
        assert parse_yaml(text, "t.yaml") == {"id": "x", "name": "Tequila"}
    else:
        problems = problems_of(text)
        assert [(p.line, p.column) for p in problems] == [(2, 6)]
        assert "'\\t'" in problems[0].what


def test_a_document_libyaml_refuses_gets_pyyaml_s_message() -> None:
    # Both parsers refuse this; the message is PyYAML's wording, whichever read it first.
    problems = problems_of("a: b: c\n")

    assert [(p.line, p.column) for p in problems] == [(1, 5)]
    assert problems[0].what == "YAML syntax error: mapping values are not allowed here"


def test_recursive_alias_is_refused_not_looped() -> None:
    problems = problems_of("tags: &t [a, *t]\n")

    assert len(problems) == 1 and problems[0].line == 1


def test_alias_bomb_is_refused() -> None:
    lines = ["a: &a [" + ", ".join(["lol"] * 10) + "]"]
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")

    problems = problems_of("\n".join(lines) + "\n")

    assert "too many values" in problems[0].what


def test_alias_bomb_is_refused_at_once_where_it_explodes() -> None:
    lines = ["a: &a [" + ", ".join(["lol"] * 10) + "]"]
    for previous, name in zip("abcdefghijklmnopqrstuvwxy", "bcdefghijklmnopqrstuvwxyz", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")  # 10**26 values
    start = time.perf_counter()

    problems = problems_of("\n".join(lines) + "\n")

    assert time.perf_counter() - start < 1
    assert len(problems) == 1
    assert (problems[0].line, problems[0].column) == (6, 4)  # &f: 1,111,111 values, the first above the limit
    assert problems[0].what == "document expands to too many values (aliases nested inside aliases?)"
    assert problems[0].expected == "at most 200,000 values"


def test_alias_bomb_of_mappings_is_refused() -> None:
    lines = ["m0: &m0 {k: v}"]
    lines += [f"m{i}: &m{i} {{a: *m{i - 1}, b: *m{i - 1}, <<: *m{i - 1}}}" for i in range(1, 40)]

    problems = problems_of("\n".join(lines) + "\n")

    assert [p.what for p in problems] == ["document expands to too many values (aliases nested inside aliases?)"]


def test_the_limit_counts_each_expanded_value(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlfile, "MAX_NODES", 50)

    def text(aliases: int) -> str:
        return "a: &a [x, y, z]\nb: [" + ", ".join(["*a"] * aliases) + "]\n"

    # The document: itself, two keys, the list a (4 values) and the list b (1 + 4 per alias).
    assert parse_yaml(text(10), "t.yaml")["b"][9] == ["x", "y", "z"]  # 48 values
    assert [(p.line, p.column) for p in problems_of(text(11))] == [(1, 1)]  # 52: only the whole is too large
    assert [(p.line, p.column) for p in problems_of(text(13))] == [(2, 4)]  # 53 in b alone


def test_many_plain_values_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlfile, "MAX_NODES", 50)

    problems = problems_of("a: [" + ", ".join(["x"] * 100) + "]\n")

    assert len(problems) == 1
    assert problems[0].what.startswith("document expands to too many values")
    assert problems[0].expected == "at most 50 values"


def test_deep_nesting_is_refused_as_too_deep() -> None:
    problems = problems_of("a: " + "[" * 100 + "]" * 100 + "\n")

    assert problems[0].what == "nesting is too deep"


def test_absurd_nesting_is_refused_without_a_crash() -> None:
    problems = problems_of("a: " + "[" * 5000 + "]" * 5000 + "\n")

    assert [(p.line, p.column, p.what) for p in problems] == [(1, 63, "nesting is too deep")]  # the 61st level
    assert problems[0].expected == "at most 60 levels"


def test_nesting_up_to_the_limit_is_fine() -> None:
    data = parse_yaml("a: " + "[" * 58 + "x" + "]" * 58 + "\n", "t.yaml")  # the mapping, then 59 levels

    assert data["a"][0][0][0] is not None
    assert problems_of("a: " + "[" * 59 + "x" + "]" * 59 + "\n")[0].what == "nesting is too deep"


def test_nesting_made_deep_by_aliases_is_refused() -> None:
    lines = ["x0: &x0 1"]
    lines += [f"x{i}: &x{i} " + "[" * 50 + f"*x{i - 1}" + "]" * 50 for i in range(1, 30)]

    problems = problems_of("\n".join(lines) + "\n")

    assert [(p.what, p.expected) for p in problems] == [("nesting is too deep", "at most 60 levels")]
    # x29 is the deepest: its own 50 levels (under the document), then x28's, whose 10th list is level 61.
    assert (problems[0].line, problems[0].column) == (29, 20)


# -- reading files ---------------------------------------------------------------------------------


def test_bom_and_line_endings_are_accepted(tmp_path: Path) -> None:
    for ending in (b"\r\n", b"\r", b"\n"):
        path = tmp_path / "f.yaml"
        path.write_bytes(b"\xef\xbb\xbf" + ending.join([b"id: tequila", b"name: Tequila", b"open: 09:30", b""]))

        data = read_yaml(path)

        assert data == {"id": "tequila", "name": "Tequila", "open": "09:30"}
        assert data.key_marks["open"] == Mark(3, 1)


def test_windows_1252_is_refused_with_its_position(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes("id: queretaro\nname: Querétaro\n".encode("cp1252"))

    with pytest.raises(InputError) as caught:
        read_yaml(path, "shown.yaml")

    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.column) == ("shown.yaml", 2, 11)
    assert problem.what.startswith("byte 0xE9 is not UTF-8")
    assert problem.expected == "UTF-8"


def test_utf16_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("id: x\n", encoding="utf-16")

    with pytest.raises(InputError) as caught:
        read_yaml(path)

    assert [(p.line, p.what) for p in caught.value.problems] == [(1, "file is UTF-16")]


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError) as missing:
        read_yaml(tmp_path / "nope.yaml")
    with pytest.raises(InputError) as folder:
        read_yaml(tmp_path)

    assert missing.value.problems[0].what == "file not found"
    assert folder.value.problems[0].what == "is a directory"


def test_oversized_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlfile, "MAX_BYTES", 10)
    path = tmp_path / "f.yaml"
    path.write_text("id: a-rather-long-value\n")

    with pytest.raises(InputError) as caught:
        read_yaml(path)

    assert caught.value.problems[0].what == "file is 24 bytes"
    assert caught.value.problems[0].expected == "at most 10 bytes"


# -- durations -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("45m", 45),
        ("1h", 60),
        ("1h30m", 90),
        ("2h", 120),
        ("90m", 90),
        ("90min", 90),
        ("1h 30m", 90),
        (" 1H30M ", 90),
        ("0h5m", 5),
        ("24h", 24 * 60),
        (90, 90),
        (1, 1),
    ],
)
def test_parse_duration(text: object, minutes: int) -> None:
    assert parse_duration(text) == minutes


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0, "a duration of more than zero minutes"),
        (-45, "a duration of more than zero minutes"),
        ("0m", "a duration of more than zero minutes"),
        ("0h", "a duration of more than zero minutes"),
        ("24h1m", "a duration of at most 24h"),
        (24 * 60 + 1, "a duration of at most 24h"),
        ("", DURATION_FORMS),
        ("h", DURATION_FORMS),
        ("1.5h", DURATION_FORMS),
        ("1h30", DURATION_FORMS),
        ("30m1h", DURATION_FORMS),
        ("-45m", DURATION_FORMS),
        ("an hour", DURATION_FORMS),
        (1.5, DURATION_FORMS),
        (True, DURATION_FORMS),
        (None, DURATION_FORMS),
        ([90], DURATION_FORMS),
    ],
)
def test_parse_duration_rejects(value: object, message: str) -> None:
    with pytest.raises(ValueError, match="^" + re.escape(message) + "$"):
        parse_duration(value)


def test_parse_duration_maximum() -> None:
    assert parse_duration("30h", maximum=48 * 60) == 30 * 60
    with pytest.raises(ValueError, match="at most 2h"):
        parse_duration("2h1m", maximum=120)


@given(st.integers(min_value=1, max_value=24 * 60))
def test_format_duration_round_trips(minutes: int) -> None:
    assert parse_duration(format_duration(minutes)) == minutes


# -- times and opening hours -----------------------------------------------------------------------


def test_parse_time_of_day() -> None:
    assert parse_time_of_day("00:00") == 0
    assert parse_time_of_day("9:05") == 545
    assert parse_time_of_day("23:59") == 1439
    assert parse_time_of_day("24:00", allow_midnight_end=True) == 1440
    for bad in ("24:00", "24:01", "12:60", "25:00", "0930", "9", "09:5", 570, None):
        with pytest.raises(ValueError, match=re.escape(TIME_FORMS)):
            parse_time_of_day(bad)


@pytest.mark.parametrize(
    ("value", "intervals"),
    [
        ("09:00-18:00", ((540, 1080),)),
        ("09:00-14:00, 16:00-19:00", ((540, 840), (960, 1140))),
        ("09:00-14:00,14:00-19:00", ((540, 840), (840, 1140))),
        (" 08:00 - 24:00 ", ((480, 1440),)),
        ("00:00-24:00", ((0, 1440),)),
        ("closed", ()),
        ("Closed", ()),
        (["09:00-12:00", "13:00-17:00"], ((540, 720), (780, 1020))),
    ],
)
def test_parse_intervals(value: object, intervals: tuple[tuple[int, int], ...]) -> None:
    assert parse_intervals(value) == intervals


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("18:00-09:00", "an interval that ends after it starts (not 18:00-09:00)"),
        ("09:00-09:00", "ends after it starts"),
        ("09:00-14:00, 13:00-19:00", "intervals in order that do not overlap"),
        ("16:00-19:00, 09:00-14:00", "intervals in order that do not overlap"),
        ("9-18", TIME_FORMS),
        ("09:00-25:00", TIME_FORMS),
        ("24:00-24:00", TIME_FORMS),
        ("09:60-10:00", TIME_FORMS),
        ("09:00 to 18:00", HOURS_FORMS),
        ("09:00-12:00-15:00", HOURS_FORMS),
        ("open", HOURS_FORMS),
        ("", HOURS_FORMS),
        (570, HOURS_FORMS),  # what YAML 1.1 would have made of 09:30
        (None, HOURS_FORMS),
        ([540, 1080], HOURS_FORMS),
    ],
)
def test_parse_intervals_rejects(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_intervals(value)


@pytest.mark.parametrize(
    ("key", "days"),
    [
        ("mon", (0,)),
        ("sun", (6,)),
        ("Wed", (2,)),
        (" fri ", (4,)),
        ("mon-fri", (0, 1, 2, 3, 4)),
        ("sat-sun", (5, 6)),
        ("tue-thu", (1, 2, 3)),
        ("daily", (0, 1, 2, 3, 4, 5, 6)),
        ("every day", (0, 1, 2, 3, 4, 5, 6)),
    ],
)
def test_weekdays_of(key: str, days: tuple[int, ...]) -> None:
    assert weekdays_of(key) == days


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("fri-mon", "a range from an earlier to a later weekday (not fri-mon)"),
        ("mon-mon", "a range from an earlier to a later weekday"),
        ("mon-fry", "mon, tue, wed"),
        ("monday", "mon, tue, wed"),
        ("weekdays", "mon, tue, wed"),
        ("", "mon, tue, wed"),
        (0, "mon, tue, wed"),
        (None, "mon, tue, wed"),
    ],
)
def test_weekdays_of_rejects(key: object, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        weekdays_of(key)


def _positions(value: object) -> object:
    """Every value with every recorded position, as plain data to compare."""
    if isinstance(value, YamlMap):
        return {
            "mark": value.mark,
            "items": [(k, value.key_marks.get(k), value.value_marks.get(k), _positions(v)) for k, v in value.items()],
        }
    if isinstance(value, YamlList):
        return {"mark": value.mark, "items": [(m, _positions(v)) for m, v in zip(value.item_marks, value, strict=True)]}
    return value


@pytest.mark.parametrize("path", [ROOT / "data" / "locations.yaml", *sorted((ROOT / "trips").glob("*.yaml"))])
def test_libyaml_and_pyyaml_read_the_same_values_at_the_same_positions(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = read_yaml(path)
    monkeypatch.setattr(yamlfile, "_FastLoader", None)  # as on a PyYAML built without libyaml
    exact = read_yaml(path)

    assert fast == exact
    assert _positions(fast) == _positions(exact)
