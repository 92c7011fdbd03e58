"""The itinerary JSON format: writing, reading back, atomic writes, read errors, and the rule checker."""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from scout.errors import InputError
from scout.io.itinerary_json import (
    FORMAT,
    itinerary_from_dict,
    itinerary_to_dict,
    read_itinerary,
    write_itinerary,
)
from scout.model import Catalogue, Coordinates, TravelMode
from scout.model.itinerary import (
    Day,
    Itinerary,
    Point,
)
from tests.itinerary_rules import check_itinerary_rules
from tests.samples import sample_itinerary


@pytest.fixture
def itinerary() -> Itinerary:
    return sample_itinerary()


# --- the document ----------------------------------------------------------------------------------------


def test_document_has_the_fields_of_the_spec(itinerary: Itinerary) -> None:
    doc = itinerary_to_dict(itinerary)
    assert json.loads(json.dumps(doc)) == doc  # plain JSON values only
    assert doc["format"] == FORMAT == "scout.itinerary/1"
    assert {"format", "trip", "states", "objective", "days", "unvisited"} <= doc.keys()
    assert doc["trip"] == {
        "name": "Viaje de familiarización 2024",
        "start_date": "2024-09-23",
        "end_date": "2024-09-24",
        "source": "trips/familiarización.yaml",
    }
    assert [(state["code"], state["name"]) for state in doc["states"]] == [
        ("BC", "Baja California"),
        ("JAL", "Jalisco"),
    ]
    assert doc["states"][0]["zone"] == "America/Tijuana"  # added fields
    assert "permits" not in doc["states"][1]
    # gap = (22.5 - 20) / 22.5 = 0.1111
    assert doc["objective"] == {
        "value": 20.0, "bound": 22.5, "proved_optimal": False, "gap": 0.1111, "solve_seconds": 1.25,
    }  # fmt: skip
    assert doc["alternatives"] == [
        {"states": ["BC", "JAL"], "value": 20.0, "bound": 22.5},
        {"states": ["BC", "SON"], "value": None, "bound": 18.0},
    ]
    assert doc["unvisited"] == [
        {"place": "guachimontones", "name": "Guachimontones (Teuchitlán)",
         "reason": "no day left with 2 h of daylight in Jalisco"},
    ]  # fmt: skip
    assert [day["date"] for day in doc["days"]] == ["2024-09-23", "2024-09-24"]
    assert {"date", "items", "night"} <= doc["days"][0].keys()
    assert doc["days"][0]["night"] == {
        "place": "tijuana-centro", "name": "Tijuana (hotel en el centro) | Zona Río", "lat": 32.5325, "lon": -117.0189,
        "state": "BC", "zone": "America/Tijuana",  # added fields
    }  # fmt: skip
    assert doc["days"][0]["sunrise"] == "2024-09-23T06:39:00-07:00"
    assert doc["days"][1]["night"] is None
    assert "sunrise" not in doc["days"][1]


def test_items_have_the_fields_of_their_type(itinerary: Itinerary) -> None:
    day_one, day_two = itinerary_to_dict(itinerary)["days"]
    drive, beach, _, lunch, meeting, _ = day_one["items"]
    assert drive == {
        "type": "travel", "mode": "drive",
        "start": "2024-09-23T07:00:00-07:00", "end": "2024-09-23T10:00:00-07:00",
        "from": {"place": "lax", "name": "Los Angeles International", "lat": 33.9425, "lon": -118.408,
                 "zone": "America/Los_Angeles"},
        "to": {"place": "rosarito", "name": "Playas de Rosarito", "lat": 32.3637, "lon": -117.0545,
               "state": "BC", "zone": "America/Tijuana"},
        "km": 215.0,
    }  # fmt: skip
    assert beach == {
        "type": "visit", "kind": "beach", "place": "rosarito", "name": "Playas de Rosarito", "state": "BC",
        "lat": 32.3637, "lon": -117.0545,
        "start": "2024-09-23T10:00:00-07:00", "end": "2024-09-23T11:30:00-07:00", "value": 5.0,
        "window": ["2024-09-23T06:45:00-07:00", "2024-09-23T18:50:00-07:00"], "zone": "America/Tijuana",
    }  # fmt: skip
    assert lunch == {
        "type": "break", "label": "Comida", "place": "bc-film-commission", "name": "Baja California Film Commission",
        "zone": "America/Tijuana", "start": "2024-09-23T12:15:00-07:00", "end": "2024-09-23T13:15:00-07:00",
    }  # fmt: skip
    assert meeting["type"] == "meeting"
    assert meeting["contact"] == {
        "name": "Oficina de la Comisión", "phone": "+52 664 000 0000", "email": "film@example.mx",
        "web": "https://example.mx/film?a=1&b=2",
    }  # fmt: skip
    assert meeting["address"].startswith("Blvd. Agua Caliente")
    assert meeting["notes"] == "Ask for <b>Ana</b>; parking at the back\nBring IDs"
    assert "approx" not in meeting and day_two["items"][3]["approx"] is True
    assert meeting["title"] == "Reunión de bienvenida | Comisión de Filmaciones"
    assert {"place", "name", "state", "lat", "lon", "start", "end", "value", "window"} <= meeting.keys()
    flight_out, flight_home = day_two["items"][1], day_two["items"][5]
    # A flight departs in the origin's offset and lands in the destination's.
    assert (flight_out["mode"], flight_out["start"], flight_out["end"]) == (
        "flight", "2024-09-24T07:30:00-07:00", "2024-09-24T12:15:00-06:00",
    )  # fmt: skip
    assert (flight_home["start"], flight_home["end"]) == ("2024-09-24T18:30:00-06:00", "2024-09-24T19:50:00-07:00")


def test_numbers_are_rounded(itinerary: Itinerary) -> None:
    first = itinerary.days[0]
    drive = replace(first.items[0], km=215.04999, origin=Point("lax", "LAX", Coordinates(33.94250049, -118.4080001)))
    rounded = replace(
        itinerary,
        value=20.004,
        bound=22.4999,
        days=(replace(first, items=(drive, *first.items[1:])), itinerary.days[1]),
    )
    doc = itinerary_to_dict(rounded)
    assert (doc["objective"]["value"], doc["objective"]["bound"]) == (20.0, 22.5)
    item = doc["days"][0]["items"][0]
    assert (item["km"], item["from"]["lat"], item["from"]["lon"]) == (215.0, 33.9425, -118.408)
    # Rounding once is enough: a second round trip changes nothing.
    assert itinerary_to_dict(itinerary_from_dict(doc)) == doc


# --- round trip and files --------------------------------------------------------------------------------


def test_round_trip_gives_the_same_itinerary(itinerary: Itinerary) -> None:
    again = itinerary_from_dict(json.loads(json.dumps(itinerary_to_dict(itinerary))))
    assert again == itinerary
    flight = again.days[1].items[1]
    assert flight.mode is TravelMode.FLIGHT
    assert flight.start.utcoffset() == timedelta(hours=-7)
    assert flight.end.utcoffset() == timedelta(hours=-6)
    assert isinstance(again.days, tuple)
    assert isinstance(again.days[0].items, tuple)
    assert isinstance(again.alternatives[0].states, tuple)


def test_round_trip_of_an_empty_itinerary() -> None:
    empty = Itinerary(
        "Nada", date(2024, 1, 1), date(2024, 1, 1), None, (), 0.0, None, (Day(date(2024, 1, 1), (), None),)
    )
    assert itinerary_from_dict(itinerary_to_dict(empty)) == empty
    assert itinerary_to_dict(empty)["objective"]["gap"] is None


def test_file_is_utf8_with_accents_unescaped(itinerary: Itinerary, tmp_path: Path) -> None:
    path = tmp_path / "itinerary.json"
    write_itinerary(itinerary, path)
    raw = path.read_bytes()
    assert "Zona Río".encode() in raw
    assert "Reunión de bienvenida | Comisión de Filmaciones".encode() in raw
    assert b"\\u00" not in raw  # nothing escaped
    text = raw.decode("utf-8")
    assert text.endswith("}\n")
    assert text.splitlines()[1] == '  "format": "scout.itinerary/1",'  # indented by two spaces
    assert json.loads(text) == itinerary_to_dict(itinerary)
    assert read_itinerary(path) == itinerary


def test_write_creates_missing_folders(itinerary: Itinerary, tmp_path: Path) -> None:
    path = tmp_path / "out" / "2024" / "itinerary.json"
    write_itinerary(itinerary, path)
    assert read_itinerary(path) == itinerary


def test_write_is_atomic(itinerary: Itinerary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "itinerary.json"
    write_itinerary(itinerary, path)
    before = path.read_bytes()

    def fail(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="No space left"):
        write_itinerary(replace(itinerary, name="Another trip"), path)
    assert path.read_bytes() == before
    assert [entry.name for entry in tmp_path.iterdir()] == ["itinerary.json"]  # no temporary file left


def test_write_replaces_an_existing_file(itinerary: Itinerary, tmp_path: Path) -> None:
    path = tmp_path / "itinerary.json"
    path.write_text("old", encoding="utf-8")
    write_itinerary(itinerary, path)
    assert read_itinerary(path) == itinerary
    assert [entry.name for entry in tmp_path.iterdir()] == ["itinerary.json"]


# --- read errors -----------------------------------------------------------------------------------------


def problems_of(error: pytest.ExceptionInfo[InputError]) -> list[str]:
    return [str(problem) for problem in error.value.problems]


def test_not_json_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "format": "scout.itinerary/1",\n  "trip": }\n', encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_itinerary(path, "broken.json")
    (problem,) = error.value.problems
    assert (problem.file, problem.line, problem.column) == ("broken.json", 3, 11)
    assert str(problem).startswith("broken.json:3:11: JSON syntax error")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", "JSON syntax error"),
        (b"\xff{}", "is not UTF-8"),
        (b'{"value": NaN}', "NaN is not a JSON number"),
    ],
)
def test_unreadable_json(tmp_path: Path, raw: bytes, expected: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(raw)
    with pytest.raises(InputError) as error:
        read_itinerary(path)
    assert expected in problems_of(error)[0]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="1 problem") as error:
        read_itinerary(tmp_path / "nowhere.json", "nowhere.json")
    assert problems_of(error) == ["nowhere.json: file not found"]


def test_wrong_format_string(itinerary: Itinerary) -> None:
    doc = itinerary_to_dict(itinerary)
    doc["format"] = "scout.itinerary/2"
    with pytest.raises(InputError) as error:
        itinerary_from_dict(doc, "trip.json")
    assert problems_of(error) == ["trip.json: format: is string 'scout.itinerary/2'; expected 'scout.itinerary/1'"]


def test_not_an_object() -> None:
    with pytest.raises(InputError) as error:
        itinerary_from_dict([1, 2], "trip.json")
    assert problems_of(error)[0].startswith("trip.json: the document: is an array")


def test_every_structural_problem_is_reported_with_its_path(itinerary: Itinerary) -> None:
    doc = itinerary_to_dict(itinerary)
    del doc["days"][1]["items"][1]["start"]
    doc["days"][0]["items"][0]["end"] = "2024-09-23T10:00:00"  # no offset
    doc["days"][0]["items"][1]["window"][1] = "tomorrow"
    doc["days"][0]["items"][2]["mode"] = "teleport"
    doc["days"][0]["night"]["lat"] = "32.5"
    doc["trip"]["start_date"] = "23/09/2024"
    del doc["objective"]["value"]
    doc["unvisited"][0] = "guachimontones"
    with pytest.raises(InputError) as error:
        itinerary_from_dict(doc, "trip.json")
    problems = error.value.problems
    assert all(problem.file == "trip.json" and problem.line is None for problem in problems)
    assert {problem.what for problem in problems} == {
        "days[1].items[1]: missing key 'start'",
        "days[0].items[0].end: '2024-09-23T10:00:00' has no UTC offset",
        "days[0].items[1].window[1]: 'tomorrow' is not an ISO 8601 time",
        "days[0].items[2].mode: is string 'teleport'",
        "days[0].night.lat: is string '32.5'",
        "trip.start_date: is string '23/09/2024'",
        "objective: missing key 'value'",
        "unvisited[0]: is string 'guachimontones'",
    }


def test_an_item_that_ends_before_it_starts_is_refused(itinerary: Itinerary) -> None:
    doc = itinerary_to_dict(itinerary)
    doc["days"][0]["items"][1]["end"] = "2024-09-23T09:00:00-07:00"
    with pytest.raises(InputError, match="1 problem") as error:
        itinerary_from_dict(doc)
    assert problems_of(error) == ["<input>: days[0].items[1]: visit item ends before it starts"]


def test_unknown_fields_are_ignored(itinerary: Itinerary) -> None:
    doc = itinerary_to_dict(itinerary)
    doc["generator"] = "scout 0.3"
    doc["days"][0]["items"][0]["co2_kg"] = 41.0
    assert itinerary_from_dict(doc) == itinerary


# --- the rule checker ------------------------------------------------------------------------------------


def test_the_sample_keeps_every_rule(itinerary: Itinerary, catalogue: Catalogue) -> None:
    doc = itinerary_to_dict(itinerary)
    assert check_itinerary_rules(doc) == []
    assert check_itinerary_rules(doc, catalogue) == []


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """A change to one field of a document, by JSON path (``days[0].items[3].end``)."""

    def change(doc: dict[str, Any]) -> None:
        keys = [int(part) if part.isdigit() else part for part in path.replace("[", ".").replace("]", "").split(".")]
        target: Any = doc
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value

    return change


def _drop_item(day: int, index: int) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        del doc["days"][day]["items"][index]

    return change


def _same_instant_in(offset_hours: int, day: int, index: int) -> Callable[[dict[str, Any]], None]:
    """Write an item's start at the same instant in another offset: only the offset is wrong."""

    def change(doc: dict[str, Any]) -> None:
        item = doc["days"][day]["items"][index]
        moment = datetime.fromisoformat(item["start"])
        item["start"] = moment.astimezone(timezone(timedelta(hours=offset_hours))).isoformat()

    return change


BROKEN: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    # lunch runs to 14:30, into the 14:00 meeting
    "overlapping items": (_set("days[0].items[3].end", "2024-09-23T14:30:00-07:00"), "items overlap"),
    # without the drive from Rosarito, the lunch and meeting happen at the commission out of nowhere
    "teleport": (_drop_item(0, 2), "teleport"),
    "visit outside its window": (
        _set("days[0].items[1].window", ["2024-09-23T10:30:00-07:00", "2024-09-23T18:50:00-07:00"]),
        "before its window opens",
    ),
    "value sum mismatch": (_set("objective.value", 25.0), "add up to 20.0000"),
    "bound below value": (_set("objective.bound", 19.0), "below the value"),
    "wrong format": (_set("format", "scout.itinerary/0"), "format"),
    "missing day": (_set("trip.end_date", "2024-09-25"), "expected one per day"),
    "time without offset": (_set("days[0].items[0].start", "2024-09-23T07:00:00"), "has no UTC offset"),
    "ends before it starts": (_set("days[0].items[1].end", "2024-09-23T09:59:00-07:00"), "before it starts"),
    "night not reached": (
        _set(
            "days[0].night",
            {
                "place": "rosarito",
                "name": "Playas de Rosarito",
                "lat": 32.3637,
                "lon": -117.0545,
                "state": "BC",
                "zone": "America/Tijuana",
            },
        ),
        "no travel to the night",
    ),
    "night null mid-trip": (_set("days[0].night", None), "not the last"),
    "visited place left unvisited": (
        _set("unvisited", [{"place": "tequila", "name": "Tequila", "reason": "closed"}]),
        "listed as unvisited but is visited",
    ),
    "place visited twice": (
        _set("days[0].items[1].place", "tequila"),  # and tequila again on day 2
        "'tequila' is visited 2 times",
    ),
}


@pytest.mark.parametrize("defect", sorted(BROKEN))
def test_the_checker_catches(defect: str, itinerary: Itinerary) -> None:
    change, expected = BROKEN[defect]
    doc = copy.deepcopy(itinerary_to_dict(itinerary))
    change(doc)
    violations = check_itinerary_rules(doc)
    assert any(expected in violation for violation in violations), violations


def test_the_checker_catches_a_wrong_utc_offset(itinerary: Itinerary, catalogue: Catalogue) -> None:
    doc = itinerary_to_dict(itinerary)
    _same_instant_in(-7, 1, 3)(doc)  # Tequila at 13:00 -07:00, which is 14:00 in Jalisco
    assert doc["days"][1]["items"][3]["start"] == "2024-09-24T13:00:00-07:00"
    assert check_itinerary_rules(doc) == []  # the same instant: only the catalogue tells the offset is wrong
    assert check_itinerary_rules(doc, catalogue) == [
        "days[1].items[3].start: 2024-09-24T13:00:00-07:00 has offset -07:00, but 'tequila' (America/Mexico_City) "
        "is at -06:00 then"
    ]


def test_the_checker_catches_a_flight_landing_in_the_wrong_offset(itinerary: Itinerary, catalogue: Catalogue) -> None:
    doc = itinerary_to_dict(itinerary)
    doc["days"][1]["items"][1]["end"] = "2024-09-24T11:15:00-07:00"  # GDL's arrival in Tijuana's offset
    violations = check_itinerary_rules(doc, catalogue)
    assert violations == [
        "days[1].items[1].end: 2024-09-24T11:15:00-07:00 has offset -07:00, but 'gdl' (America/Mexico_City) "
        "is at -06:00 then"
    ]


def test_the_checker_compares_places_with_the_catalogue(itinerary: Itinerary, catalogue: Catalogue) -> None:
    doc = itinerary_to_dict(itinerary)
    doc["days"][0]["items"][1]["lat"] = 32.4
    doc["days"][1]["items"][3]["state"] = "BC"
    violations = check_itinerary_rules(doc, catalogue)
    assert "days[0].items[1]: is at 32.4, -117.0545, but the catalogue has 32.3637, -117.0545" in violations
    assert "days[1].items[3].state: is 'BC', but 'tequila' is in 'JAL'" in violations
