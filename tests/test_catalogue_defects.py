"""``scout validate`` on catalogue files with one known defect each (in the style of PyVRP's test data).

Every file in ``tests/data/catalogue/`` other than ``valid.yaml`` is a copy of it with one defect, and is
named after it. Each case says where the defect must be reported (found by searching the fixture's text,
so editing a fixture cannot silently move the expected line), the key phrase of the message, and the
"did you mean" hint where one applies.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner, Result

from scout.cli import app
from scout.io.catalogue import load_catalogue
from scout.model import Kind

DATA = Path(__file__).parent / "data" / "catalogue"
VALID = DATA / "valid.yaml"

runner = CliRunner()


@pytest.fixture(autouse=True)
def _empty_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every command in an empty folder: no default catalogue, no trips/, and a place to see side effects."""
    monkeypatch.chdir(tmp_path)


def validate(*args: str) -> Result:
    result = runner.invoke(app, ["validate", *args])
    # A crash inside the command is caught by CliRunner and kept here instead of printed.
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result


@dataclass(frozen=True)
class At:
    """Where a problem must be reported: every line holding ``text`` (as a whole token).

    The column is where ``column_at`` starts inside ``text`` (by default where ``text`` starts); with
    ``with_column=False`` only the line is checked; ``only`` picks one occurrence (0 for the first).
    """

    text: str
    column_at: str | None = None
    with_column: bool = True
    only: int | None = None

    def locations(self, source: str) -> Iterator[tuple[int, int]]:
        pattern = re.compile(re.escape(self.text) + r"(?![\w/.-])")
        offset = self.text.index(self.column_at) if self.column_at else 0
        for number, line in enumerate(source.split("\n"), start=1):
            matches = list(pattern.finditer(line))
            assert len(matches) <= 1, f"{self.text!r} occurs more than once on line {number}"
            if matches:
                yield number, matches[0].start() + offset + 1


@dataclass(frozen=True)
class Defect:
    file: str
    at: tuple[At, ...]
    phrases: tuple[str, ...]  # may use {line[0]}, {line[1]}, ...: the lines found by ``at``, in order
    hint: str | None = None
    count: int | None = 1  # how many problems the run reports; None where consequences are expected too
    encoding: str = "utf-8"
    bug: str | None = None  # a known validator bug: the case is expected to fail until it is fixed

    @property
    def path(self) -> Path:
        return DATA / self.file

    def expected_locations(self, path: Path) -> list[str]:
        source = path.read_bytes().decode(self.encoding).replace("\r\n", "\n").removeprefix("\ufeff")
        found: list[str] = []
        for at in self.at:
            places = list(at.locations(source))
            assert places, f"{at.text!r} not found in {path.name}: the fixture and the test disagree"
            if at.only is not None:
                places = [places[at.only]]
            for line, column in places:
                found.append(f"{path}:{line}:{column}:" if at.with_column else f"{path}:{line}:")
        return found

    def check(self, output: str, path: Path) -> None:
        """Assert that ``output`` reports this defect of the file at ``path``."""
        locations = self.expected_locations(path)
        for location in locations:
            assert location in output, f"{location} not in output:\n{output}"
        lines = [int(re.findall(r":(\d+):", location)[0]) for location in locations]
        for phrase in self.phrases:
            text = phrase.format(line=lines)
            assert text in output, f"{text!r} not in output:\n{output}"
        if self.hint is not None:
            assert self.hint in output, f"{self.hint!r} not in output:\n{output}"


def xfail(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=reason)


DEFECTS: list[Defect] = [
    Defect(
        "unknown_top_level_key.yaml",
        (At("place:"),),
        ("unknown key 'place' in the catalogue",),
        "did you mean 'places'?",
        count=None,  # the places are then missing, and so are the bases and commissions the states name
    ),
    Defect("missing_state_name.yaml", (At("- code: JAL", "code"),), ("missing key 'name' in state 'JAL'",)),
    Defect(
        "misspelt_place_key.yaml",
        (At("duraton:"),),
        ("unknown key 'duraton' in place 'playas-de-rosarito'",),
        "did you mean 'duration'?",
    ),
    Defect(
        "wrong_type_value.yaml",
        (At("value: high", "high"),),
        ("value of place 'baja-studios'", "found text 'high'", "a number from 0 to 10"),
    ),
    Defect(
        "latitude_out_of_range.yaml",
        (At("lat: 95", "95"),),
        ("lat of place 'tequila'", "95 is out of range", "a number from -90 to 90"),
    ),
    Defect(
        "longitude_out_of_range.yaml",
        (At("lon: -203.8369", "-203.8369"),),
        ("lon of place 'tequila'", "-203.8369 is out of range", "a number from -180 to 180"),
    ),
    Defect(
        "forgotten_minus_sign.yaml",
        (At("lon: 117.0545", "117.0545"),),
        ("lon of place 'playas-de-rosarito'", "is outside Mexico", "east of Greenwich"),
        "did you forget the minus sign",
    ),
    Defect(
        "swapped_lat_lon.yaml",
        (At("lat: -117.0189", "-117.0189"),),
        (
            "lat of place 'tijuana-centro'",
            "(-117.0189, 32.5325) is outside Mexico",
            "latitude and longitude look swapped",
        ),
        "did you mean lat: 32.5325, lon: -117.0189?",
        # One problem: not also "out of range", and the state whose base it is does not call it unknown.
    ),
    Defect(
        "latitude_south_of_equator.yaml",
        (At("lat: -20.8822", "-20.8822"),),
        ("lat of place 'tequila'", "south of the equator"),
        "did you mean 20.8822?",
    ),
    Defect(
        "duplicate_place_id.yaml",
        (At("- id: tequila", "tequila"),),
        (
            "duplicate place id 'tequila': used again at line {line[1]}",
            "duplicate place id 'tequila': first used at line {line[0]}",
        ),
        count=2,
    ),
    Defect(
        "duplicate_key_in_mapping.yaml",
        (At("name: Tequila"), At("name: Santiago de Tequila")),
        (
            "duplicate key 'name': given again at line {line[1]}",
            "duplicate key 'name': also given at line {line[0]}",
        ),
        count=2,
    ),
    Defect(
        "duplicate_state_code.yaml",
        (At("code: BC", "BC"),),
        ("duplicate state code 'BC': used again at line {line[1]}", "first used at line {line[0]}"),
        count=2,
    ),
    Defect(
        "duplicate_airport_iata.yaml",
        (At("iata: TIJ", "TIJ"),),
        (
            "duplicate airport IATA code 'TIJ': used again at line {line[1]}; expected a unique IATA code",
            "duplicate airport IATA code 'TIJ': first used at line {line[0]}; expected a unique IATA code",
        ),
        count=2,
    ),
    Defect(
        "place_id_clashes_with_airport.yaml",
        (At("iata: GDL", "GDL"), At("- id: gdl", "gdl")),
        (
            "airport GDL has the id 'gdl' of the place at line {line[1]}",
            "place id 'gdl' is also the id of airport GDL at line {line[0]}",
            "expected a unique place id (each airport is also a place, whose id is its IATA code in lower case)",
        ),
        count=2,
    ),
    Defect(
        "unknown_state_reference.yaml",
        (At("state: JLA", "JLA"),),
        ("state of place 'tequila'", "unknown state 'JLA'", "one of BC, CA, JAL"),
        "did you mean 'JAL'?",
    ),
    Defect(
        "unknown_kind.yaml",
        (At("kind: dessert", "dessert"),),
        ("kind of place 'playas-de-rosarito'", "unknown value 'dessert'"),
        "did you mean 'desert'?",
    ),
    Defect(
        "unknown_base_place.yaml",
        (At("base: guadalajara-center", "guadalajara-center"),),
        ("base of state 'JAL'", "unknown place 'guadalajara-center'", "hotel or city"),
        "did you mean 'guadalajara-centro'?",
    ),
    Defect(
        "base_not_a_hotel_or_city.yaml",
        (At("base: tequila", "tequila"),),
        ("base of state 'JAL'", "place 'tequila' is a colonial town", "a place of kind hotel or city"),
    ),
    Defect(
        "base_in_another_state.yaml",
        (At("base: tijuana-centro", "tijuana-centro", only=1),),  # the second: Jalisco's
        ("base of state 'JAL'", "place 'tijuana-centro' is in state 'BC'"),
    ),
    Defect("missing_base.yaml", (At("- code: JAL", "code"),), ("missing key 'base' in state 'JAL'",)),
    Defect(
        "film_commission_wrong_kind.yaml",
        (At("film_commission: baja-studios", "baja-studios"),),
        ("film_commission of state 'BC'", "place 'baja-studios' is a studio", "a place of kind film-commission"),
    ),
    Defect(
        "unknown_time_zone.yaml",
        (At("time_zone: America/Mexico_Cty", "America"),),
        ("time_zone of state 'JAL'", "unknown time zone 'America/Mexico_Cty'"),
        "did you mean 'America/Mexico_City'?",
    ),
    Defect(
        "time_zone_is_a_region.yaml",
        (At("time_zone: America", "America"),),
        ("time_zone of state 'JAL'", "unknown time zone 'America'"),
        "'America' is a region, not a zone; did you mean 'America/Mexico_City'?",
    ),
    Defect(
        "malformed_opening_hours.yaml",
        (At("mon-fri: 9-18", "9-18"),),
        ("hours of place 'baja-studios'", "'9-18' is not valid", "HH:MM"),
    ),
    Defect(
        "reversed_opening_interval.yaml",
        (At("mon-fri: 18:00-09:00", "18:00"),),
        ("hours of place 'bc-film-commission'", "an interval that ends after it starts (not 18:00-09:00)"),
    ),
    Defect(
        "unknown_weekday_key.yaml",
        (At("mon-fry:"),),
        ("hours of place 'baja-studios'", "unknown weekday key 'mon-fry'"),
        "did you mean 'mon-fri'?",
    ),
    Defect(
        "weekday_given_twice.yaml",
        (At("wed: 10:00-12:00", "wed"),),
        ("hours of place 'filma-jalisco'", "'wed' gives a weekday already given by 'mon-thu'"),
    ),
    Defect(
        "non_positive_duration.yaml",
        (At("duration: 0", "0"),),
        ("duration of place 'bc-film-commission'", "more than zero"),
    ),
    Defect(
        "negative_duration.yaml",
        (At("duration: -45", "-45"),),
        ("duration of place 'playas-de-rosarito'", "more than zero"),
    ),
    Defect("duration_too_long.yaml", (At("duration: 25h", "25h"),), ("'25h' is not valid", "at most 24h")),
    Defect(
        "value_on_logistics_place.yaml",
        (At("value: 5", "5"),),
        ("value of place 'hotel-morales'", "not scouted for value"),
    ),
    Defect(
        "missing_coordinates.yaml",
        (At("- id: hotel-morales", "id"),),
        ("place 'hotel-morales' has no coordinates", "an address to geocode"),
    ),
    Defect(
        "unknown_source_id.yaml",
        (At("source: inegi-locales", "inegi-locales"),),
        ("source of place 'tequila'", "unknown source 'inegi-locales'"),
        "did you mean 'inegi-localidades'?",
    ),
    Defect(
        "travel_time_unknown_place.yaml",
        (At("to: baja-studio", "baja-studio"),),
        ("to of a travel time", "unknown place 'baja-studio'"),
        "did you mean 'baja-studios'?",
    ),
    Defect("travel_time_same_place.yaml", (At("to: tij", "tij"),), ("is the same place as 'from'",)),
    Defect(
        "python_object_tag.yaml",
        (At("notes: !!python/object/apply:os.system", "!!"),),
        ("tag tag:yaml.org,2002:python/object/apply:os.system is not allowed",),
    ),
    Defect("tab_indentation.yaml", (At("\tvalue: 7"),), ("a tab is used for indentation", "spaces")),
    Defect(
        "yaml_syntax_error.yaml",
        (At("notes: City centre: stands", ": stands"),),
        ("YAML syntax error", "mapping values are not allowed here"),
    ),
    Defect("two_documents.yaml", (At("---"),), ("YAML syntax error", "another document")),
    Defect(
        "deep_nesting.yaml",
        (At("tags: [[[[", with_column=False),),
        ("nesting is too deep; expected at most 60 levels",),
    ),
    Defect("not_a_mapping.yaml", (At("- id: tijuana-centro", "-"),), ("a list", "mapping")),
    Defect(
        "windows1252_encoding.yaml",
        (At("Querétaro", "é"),),
        ("byte 0xE9 is not UTF-8", "Windows-1252"),
        'save the file as "UTF-8"',
        encoding="cp1252",
    ),
]


@pytest.mark.parametrize("defect", [pytest.param(d, id=d.file, marks=[xfail(d.bug)] if d.bug else []) for d in DEFECTS])
def test_defect_is_reported(defect: Defect, tmp_path: Path) -> None:
    before = defect.path.read_bytes()

    result = validate(str(defect.path))

    assert result.exit_code == 2, result.output
    defect.check(result.output, defect.path)
    if defect.count is not None:
        plural = "" if defect.count == 1 else "s"
        assert f"error: {defect.count} problem{plural} found" in result.output, result.output
    assert defect.path.read_bytes() == before  # validation never writes the file
    assert list(tmp_path.iterdir()) == []  # nor anything else


def test_every_fixture_has_a_case() -> None:
    tested = {defect.file for defect in DEFECTS} | {"valid.yaml", "several_problems.yaml", "alias_bomb.yaml"}
    assert tested == {path.name for path in DATA.glob("*.yaml")}


def test_valid_catalogue_passes(tmp_path: Path) -> None:
    before = VALID.read_bytes()

    result = validate(str(VALID))

    assert result.exit_code == 0, result.output
    # 8 places plus the 3 airports, which become places too.
    assert f"ok {VALID}: catalogue of 3 states and 11 places" in " ".join(result.output.split())  # may wrap
    assert "problem" not in result.output
    assert VALID.read_bytes() == before
    assert list(tmp_path.iterdir()) == []


def test_valid_catalogue_contents() -> None:
    catalogue = load_catalogue(VALID)

    assert [state.code for state in catalogue.states] == ["BC", "JAL", "CA"]
    assert catalogue.state("JAL").airports == ("gdl",)
    assert catalogue.state("CA").country == "US" and not catalogue.state("CA").is_mexican
    assert catalogue.place("lax").kind is Kind.AIRPORT
    assert catalogue.state("BC").film_commission == "bc-film-commission"
    assert catalogue.place("filma-jalisco").kind is Kind.FILM_COMMISSION  # written film_commission
    assert catalogue.place("tequila").duration == 90  # a bare number of minutes
    assert catalogue.place("playas-de-rosarito").duration == 45
    assert catalogue.place("bc-film-commission").duration == 60
    studio = catalogue.place("baja-studios").hours
    assert studio.on(0) == ((9 * 60, 17 * 60),)  # 09:00 stays a time of day, not base-60 540
    assert studio.on(5) == () and studio.on(6) == ()
    commission = catalogue.place("filma-jalisco").hours
    assert commission.on(3) == ((540, 840), (960, 1080))
    assert commission.on(4) == ((540, 840),)
    assert catalogue.place("tequila").hours.is_always
    assert "Querétaro" in (catalogue.state("JAL").notes or "")  # accents survive
    assert [(t.origin, t.destination, t.minutes, t.km) for t in catalogue.travel_times] == [
        ("tij", "baja-studios", 40, 32.0)
    ]


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "windows.yaml"
    raw = b"\xef\xbb\xbf" + VALID.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(raw)

    result = validate(str(path))

    assert result.exit_code == 0, result.output
    assert "3 states and 11 places" in result.output
    assert path.read_bytes() == raw  # not rewritten to LF or stripped of its BOM


def test_bom_and_crlf_keep_line_numbers(tmp_path: Path) -> None:
    defect = next(d for d in DEFECTS if d.file == "unknown_kind.yaml")
    path = tmp_path / defect.file
    path.write_bytes(b"\xef\xbb\xbf" + defect.path.read_bytes().replace(b"\n", b"\r\n"))

    result = validate(str(path))

    assert result.exit_code == 2, result.output
    defect.check(result.output, path)  # the same line and column as in the LF file


def test_utf16_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "utf16.yaml"
    path.write_bytes(VALID.read_text(encoding="utf-8").encode("utf-16"))

    result = validate(str(path))

    assert result.exit_code == 2, result.output
    assert f"{path}:1:1: file is UTF-16; expected UTF-8" in result.output


def test_several_problems_are_all_reported_in_one_run() -> None:
    path = DATA / "several_problems.yaml"
    parts = {
        "misspelt_place_key.yaml",
        "wrong_type_value.yaml",
        "unknown_time_zone.yaml",
        "reversed_opening_interval.yaml",
        "unknown_source_id.yaml",
        "travel_time_unknown_place.yaml",
        "duplicate_place_id.yaml",
    }
    defects = [d for d in DEFECTS if d.file in parts]
    assert len(defects) == len(parts)

    result = validate(str(path))

    assert result.exit_code == 2, result.output
    for defect in defects:
        defect.check(result.output, path)
    assert "error: 8 problems found" in result.output  # one for each, two for the duplicate


def test_python_tag_does_not_run_its_command(tmp_path: Path) -> None:
    result = validate(str(DATA / "python_object_tag.yaml"))

    assert result.exit_code == 2
    assert "not allowed" in result.output
    assert not (tmp_path / "python-tag-ran.txt").exists()


def test_python_tag_fixture_would_run_its_command_if_loaded_unsafely(tmp_path: Path) -> None:
    """The fixture is a real exploit: the test above would see the marker if the safe loader were lost."""
    yaml.unsafe_load((DATA / "python_object_tag.yaml").read_text(encoding="utf-8"))

    assert (tmp_path / "python-tag-ran.txt").read_text().strip() == "hi"


def test_not_a_mapping_is_reported_with_a_catalogue_at_hand() -> None:
    path = DATA / "not_a_mapping.yaml"
    result = validate(str(path), "--data", str(VALID))

    assert result.exit_code == 2, result.output
    Defect("not_a_mapping.yaml", (At("- id: tijuana-centro", "-"),), ("a list", "mapping")).check(result.output, path)


def test_alias_bomb_is_not_expanded() -> None:
    path = DATA / "alias_bomb.yaml"
    start = time.perf_counter()

    result = validate(str(path))

    assert time.perf_counter() - start < 10
    assert result.exit_code == 2, result.output


def test_alias_bomb_is_refused() -> None:
    path = DATA / "alias_bomb.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    bomb = [number for number, line in enumerate(lines, start=1) if re.match(r"\s+- &[a-i] \[", line)]
    assert len(bomb) == 9

    start = time.perf_counter()
    result = validate(str(path))

    assert time.perf_counter() - start < 1
    assert result.exit_code == 2
    assert "document expands to too many values" in result.output
    assert "expected at most 200,000 values" in result.output
    assert "error: 1 problem found" in result.output
    located = [int(n) for n in re.findall(rf"{re.escape(str(path))}:(\d+):\d+: document expands", result.output)]
    assert located and all(bomb[0] <= line <= bomb[-1] for line in located)


def test_swapped_coordinates_are_recognised() -> None:
    result = validate(str(DATA / "swapped_lat_lon.yaml"))

    assert result.exit_code == 2
    assert "lat of place 'tijuana-centro'" in result.output
    assert "latitude and longitude look swapped" in result.output


def test_a_broken_base_place_is_not_called_unknown() -> None:
    result = validate(str(DATA / "swapped_lat_lon.yaml"))

    assert result.exit_code == 2
    assert "unknown place 'tijuana-centro'" not in result.output
    assert "error: 1 problem found" in result.output


def test_forgotten_minus_sign_hint_keeps_every_digit() -> None:
    result = validate(str(DATA / "forgotten_minus_sign.yaml"))

    assert "did you forget the minus sign (-117.0545)?" in result.output
    assert "(32.3637, 117.0545) is outside Mexico: longitude 117.0545 is east of Greenwich" in result.output


def variant(tmp_path: Path, *replacements: tuple[str, str]) -> Path:
    """A copy of the valid catalogue with each ``(old, new)`` text replaced once."""
    text = VALID.read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "variant.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("America", "'America' is a region, not a zone; did you mean 'America/Mexico_City'?"),
        ("US", "'US' is a region, not a zone; did you mean 'US/"),
        ("Etc", "'Etc' is a region, not a zone; did you mean 'Etc/UTC'?"),
        ("America/Argentina", "did you mean 'America/Argentina/"),
        ("America/" + "Mexico_City" * 40, None),  # too long a file name for the operating system
        ("zone1970.tab", None),  # a data file of the time zone database, not a zone
    ],
)
def test_a_time_zone_that_is_not_a_zone_file_is_unknown(tmp_path: Path, name: str, hint: str | None) -> None:
    path = variant(tmp_path, ("time_zone: America/Mexico_City", f"time_zone: {name}"))

    result = validate(str(path))

    assert result.exit_code == 2, result.output
    assert f"{path}:28:16: time_zone of state 'JAL': unknown time zone {name!r}" in result.output
    assert "error: 1 problem found" in result.output
    if hint is not None:
        assert hint in result.output


def test_a_broken_film_commission_is_not_called_unknown(tmp_path: Path) -> None:
    path = variant(tmp_path, ("    holidays: closed\n", "    holidays: sometimes\n"))

    result = validate(str(path))

    assert result.exit_code == 2, result.output
    assert "holidays of place 'filma-jalisco': unknown value 'sometimes'" in result.output
    assert "unknown place" not in result.output
    assert "error: 1 problem found" in result.output


def test_an_unknown_base_is_still_reported_next_to_a_broken_place(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        ("    holidays: closed\n", "    holidays: sometimes\n"),
        ("base: guadalajara-centro", "base: guadalajara-center"),
    )

    result = validate(str(path))

    assert "unknown place 'guadalajara-center'" in result.output
    assert "did you mean 'guadalajara-centro'?" in result.output
    assert "error: 2 problems found" in result.output


@pytest.mark.parametrize(
    ("old", "lat", "lon"),
    [
        ("    lat: 20.6736\n    lon: -103.3496\n", "-103.3496", "20.6736"),  # the latitude is out of range
        ("    lat: 20.6736\n    lon: -103.3496\n", "-87", "21.1619"),  # Cancún: both in range
        ("lat: 32.5410, lon: -116.9700", "-116.97", "32.541"),  # an airport of a Mexican state
    ],
)
def test_swapped_coordinates_are_reported_once_with_every_digit(tmp_path: Path, old: str, lat: str, lon: str) -> None:
    new = f"lat: {lat}, lon: {lon}" if "," in old else f"    lat: {lat}\n    lon: {lon}\n"
    path = variant(tmp_path, (old, new))

    result = validate(str(path))

    assert result.exit_code == 2, result.output
    assert f"({lat}, {lon}) is outside Mexico: latitude and longitude look swapped" in result.output
    assert f"did you mean lat: {lon}, lon: {lat}?" in result.output
    assert "out of range" not in result.output
    assert "error: 1 problem found" in result.output


def test_swapped_coordinates_outside_mexico_are_only_out_of_range(tmp_path: Path) -> None:
    path = variant(tmp_path, ("lat: 33.9425, lon: -118.4081", "lat: -118.4081, lon: 33.9425"))  # LAX, California

    result = validate(str(path))

    assert "lat of airport 'LAX': -118.4081 is out of range; expected a number from -90 to 90" in result.output
    assert "look swapped" not in result.output
    assert "error: 1 problem found" in result.output


def test_whole_degrees_are_shown_as_written(tmp_path: Path) -> None:
    path = variant(tmp_path, ("    lat: 20.6736\n    lon: -103.3496\n", "    lat: 20\n    lon: 103\n"))

    result = validate(str(path))

    assert "(20, 103) is outside Mexico: longitude 103 is east of Greenwich" in result.output
    assert "did you forget the minus sign (-103)?" in result.output
