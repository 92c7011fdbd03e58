"""The sample itinerary, and trips that cross the border, sail to an island or drive at dusk, keep the travel
rules (tests/travel_rules.py): buffers, city speeds, no drive over water or in the dark, lunch every day."""

from __future__ import annotations

from typing import Any

from scout.io.itinerary_json import itinerary_to_dict
from scout.io.trip import parse_trip
from scout.plan.result import Planned
from scout.plan.solve import plan_trip
from tests.itinerary_rules import check_itinerary_rules
from tests.shipped import problem_of, sample_trip, shipped_catalogue
from tests.travel_rules import check_travel_rules


def _items(doc: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [item for day in doc["days"] for item in day["items"] if item["type"] == kind]


def test_the_sample_itinerary_keeps_the_travel_rules(planned_doc: dict[str, Any]) -> None:
    assert check_travel_rules(planned_doc, shipped_catalogue(), sample_trip()) == []
    travel = _items(planned_doc, "travel")
    # Every leg says where its time comes from, and what of it is the cost of moving the group.
    assert all(item["source"] in ("known", "routed", "estimated", "scheduled") for item in travel)
    drives = [item for item in travel if item["mode"] == "drive"]
    assert drives and all(item["buffer_min"] >= 15 or item["from"]["place"] == "otay-mesa" for item in drives)
    # The offices on a stand-in point are named in a warning.
    warned = {place for w in planned_doc["warnings"] if w["code"] == "approximate-point" for place in w["places"]}
    assert {"canacine", "amacc", "mpa-mexico"} <= warned


def plan(trip: dict[str, Any]) -> tuple[dict[str, Any], Any]:
    catalogue = shipped_catalogue()
    request = parse_trip(trip, catalogue)
    doc = itinerary_to_dict(plan_trip(problem_of(request, catalogue)).itinerary)
    assert check_itinerary_rules(doc, catalogue) == []
    assert check_travel_rules(doc, catalogue, request) == []
    return doc, request


def test_a_trip_to_the_islands_sails_or_flies_there() -> None:
    doc, _ = plan({
        "name": "Islands", "start": "2024-12-09", "days": 4, "origin": "lax",
        "states": {"count": 1, "include": ["QROO"]},
        "must_visit": ["isla-mujeres", "cozumel"],
        "schedule": {"start": "06:30", "end": "21:00", "max_travel": "11h"},  # Los Angeles-Cancún: 9 h 30
    })  # fmt: skip
    travel = _items(doc, "travel")
    ferries = [item for item in travel if item["mode"] == "ferry"]
    assert ferries and all(item["source"] == "scheduled" and item.get("operator") for item in ferries)
    reached = {item["to"]["place"] for item in travel if item["mode"] in ("ferry", "flight")}
    assert {"isla-mujeres-ultramar"} <= reached  # Isla Mujeres has no airport: the ferry takes the group
    for item in travel:
        if item["mode"] == "drive":  # every drive stays on one side of the water
            ends = {item["from"]["place"], item["to"]["place"]}
            assert not ({"cozumel", "isla-mujeres"} & ends) or all(shipped_catalogue().place(p).island for p in ends), (
                item
            )


def test_a_trip_by_road_from_los_angeles_waits_at_the_border_each_way() -> None:
    doc, _ = plan({
        "name": "Tijuana", "start": "2024-10-07", "days": 2, "origin": "lax",
        "states": {"count": 1, "include": ["BC"]}, "interests": {"industry": 2},
    })  # fmt: skip
    border = [item for item in _items(doc, "break") if item.get("kind") == "border"]
    assert len(border) == 2
    south, north = border
    assert "into Mexico" in south["label"] and "into the United States" in north["label"]
    assert south["place"] in ("san-ysidro", "otay-mesa") and "lat" in south
    # The crossing into Mexico is before the weekday afternoon's queues.
    assert south["start"][11:16] < "15:00"
    # No lunch once the delegation is home: the last day's lunch, if any, is had before Los Angeles.
    last = doc["days"][-1]["items"]
    assert not any(i["type"] == "break" and i.get("kind") == "lunch" and i.get("place") == "lax" for i in last)


def test_no_open_road_drive_ends_after_dark_in_december_unless_allowed() -> None:
    trip = {
        "name": "Durango in December", "start": "2024-12-16", "days": 3, "origin": "lax",
        "states": {"count": 1, "include": ["DGO"]}, "schedule": {"start": "07:00", "end": "21:00"},
        "interests": {"landscape": 3, "built": 2},
    }  # fmt: skip
    dark, _ = plan(trip)  # the checker asserts every open-road drive is in daylight
    allowed = dict(trip, schedule={**trip["schedule"], "night_driving": True})
    late, request = plan(allowed)
    assert request.schedule.night_driving
    assert doc_value(late) >= doc_value(dark)  # night driving only allows more


def doc_value(doc: dict[str, Any]) -> float:
    return float(doc["objective"]["value"])


def test_the_warnings_and_day_notes_reach_the_terminal_and_the_markdown(planned_sample: Planned) -> None:
    from rich.console import Console

    from scout.render.itinerary import itinerary_renderables, warnings_table
    from scout.render.markdown import render_markdown

    itinerary = planned_sample.itinerary
    assert itinerary.warnings and any(day.notes for day in itinerary.days)
    markdown = render_markdown(itinerary)
    assert "## Warnings" in markdown and "approximate points" in markdown
    assert "**Note:** Lunch is had at the airport or on board" in markdown
    console = Console(record=True, width=300, color_system=None)
    for renderable in [*itinerary_renderables(itinerary), warnings_table(itinerary)]:
        console.print(renderable)
    text = console.export_text()
    assert "Note: Lunch is had at the airport or on board" in text
    assert "Warnings (" in text and "CANACINE" in text
