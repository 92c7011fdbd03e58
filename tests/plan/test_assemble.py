"""A plan made into an itinerary (scout.plan.itinerary.assemble): values rounded as the total, the next-best
sets as many as asked, and a reason a person can act on for every place of the chosen states left out."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from scout.io.itinerary_json import itinerary_to_dict
from scout.model.itinerary import ItemType, Itinerary
from scout.plan.days.build import shortlist
from scout.plan.itinerary.assemble import build_itinerary
from scout.plan.params import PlanParams
from scout.plan.result import Planned
from scout.plan.solve import plan_trip
from tests.conftest import small_catalogue_data
from tests.itinerary_rules import check_itinerary_rules
from tests.plan.trips import small_problem
from tests.shipped import SAMPLE, problem_of, sample_trip, shipped_catalogue


def visit_values(itinerary: Itinerary) -> dict[str, float]:
    return {i.place: i.value for day in itinerary.days for i in day.items if i.type is ItemType.VISIT and i.place}


def test_item_values_are_rounded_as_the_total_and_add_up_to_it() -> None:
    # Variety 0.333: the second beach's share is 4 × 0.333 = 1.332, written 1.33; the total is the sum of
    # what is written, so a reader adding the items finds the objective's value to the cent.
    data = small_catalogue_data()
    data["places"].append(
        {"id": "playas-de-tijuana", "name": "Playas de Tijuana", "state": "BC", "kind": "beach",
         "lat": 32.5266, "lon": -117.1128, "value": 4, "source": "inegi"}
    )  # fmt: skip
    planned = plan_trip(small_problem(data, variety=0.333))
    values = visit_values(planned.itinerary)
    shares = planned.plan.best.shares
    assert values["playas-de-tijuana"] == 1.33
    assert shares["playas-de-tijuana"] == pytest.approx(1.332)
    assert values == {place: round(share, 2) for place, share in shares.items() if place in values}
    assert planned.itinerary.value == round(sum(i.value for day in planned.itinerary.days for i in day.items
                                                 if i.value is not None), 2)  # fmt: skip


def test_the_sample_itinerary_is_worth_the_sum_of_its_items(planned_doc: dict[str, Any]) -> None:
    values = [item["value"] for day in planned_doc["days"] for item in day["items"] if "value" in item]
    assert all(value == round(value, 2) for value in values)
    assert planned_doc["objective"]["value"] == round(sum(values), 2)


def test_variety_makes_a_second_place_of_a_kind_worth_less() -> None:
    data = small_catalogue_data()
    data["places"].append(
        {"id": "playas-de-tijuana", "name": "Playas de Tijuana", "state": "BC", "kind": "beach",
         "lat": 32.5266, "lon": -117.1128, "value": 4, "source": "inegi"}
    )  # fmt: skip
    itinerary = plan_trip(small_problem(data, variety=0.5)).itinerary
    values = visit_values(itinerary)
    assert values["rosarito"] == pytest.approx(5.0)
    assert values["playas-de-tijuana"] == pytest.approx(2.0)  # 4 x 0.5: the second beach
    assert itinerary.value == pytest.approx(sum(values.values()))


def test_alternatives_lists_as_many_state_sets_as_asked(planned_sample: Planned) -> None:
    # More sets are built into days than listed (PlanParams.sets); the listing keeps the count asked, best
    # bound first, and never the chosen set. `-a 0`, `-a 1` and `-a 2` search alike (tests/plan/test_params.py)
    # and `scout plan -a N` passes PlanParams(alternatives=N) (tests/test_cli.py): one plan lists them all.
    plan = planned_sample.plan
    default = planned_sample.itinerary
    one = build_itinerary(plan, PlanParams(alternatives=1))
    assert build_itinerary(plan, PlanParams()) == default
    assert len(default.alternatives) == 2  # the default
    assert len(one.alternatives) == 1
    assert one.alternatives[0] == default.alternatives[0]
    assert build_itinerary(plan, PlanParams(alternatives=0)).alternatives == ()
    assert replace(one, alternatives=default.alternatives) == default  # only the listing differs
    for listed in (default, one):
        chosen = sorted(state.code for state in listed.states)
        bounds = [entry.bound for entry in listed.alternatives]
        assert bounds == sorted(bounds, reverse=True)
        assert all(sorted(entry.states) != chosen for entry in listed.alternatives)


def test_every_place_left_out_has_a_reason_that_names_a_cause(planned_doc: dict[str, Any]) -> None:
    causes = ("not worth the time:", "no room left in", "closed on the days in", "closed on every day",
              "open too briefly", "excluded by the trip", "not among the", "no coordinates yet",
              "out of reach in a day", "too far for the days in")  # fmt: skip
    assert planned_doc["unvisited"]
    for entry in planned_doc["unvisited"]:
        assert entry["reason"].startswith(causes), entry
    # Bellas Artes: an hour there and 2 h of the round trip from the Hilton across the centre's traffic, for a
    # worth of 6; the reason names the hotel. Óxido's 10 for an hour would be worth it, but the Mexico City
    # days are full.
    reasons = {entry["place"]: entry["reason"] for entry in planned_doc["unvisited"]}
    assert (
        "(worth 6, about 3.0 h with the round trip from Hilton Mexico City Reforma)"
        in reasons["palacio-de-bellas-artes"]
    )
    assert any(reason.startswith("not worth the time: worth") for reason in reasons.values())
    assert reasons["oxido-post"].startswith("no room left in Ciudad de México on")
    # The Gulf islands are more than five hours from both Baja California bases: no day within 8 hours reaches them.
    assert reasons["gulf-of-california-islands"].startswith("out of reach in a day: at least 10 h")
    # Mapimí is 4 h from Durango each way: 8 h 06 min at the least to go there from a base and on.
    assert reasons["puente-de-ojuela-mapimi"].startswith("out of reach in a day: at least 8 h 06 min")


def test_a_place_the_chosen_days_cannot_reach_is_too_far_for_them(planned_sample: Planned, tmp_path: Path) -> None:
    # With 9 h of travel a day, Mapimí is within reach of some day (from Durango and back), but not of the
    # day the itinerary spends in Durango, which arrives from Tijuana and goes on to Mexico City. The
    # sample's days are days of that trip too (a longer limit only allows more), built from every candidate
    # of their states (none has more than the shortlist's 40), Mapimí now among them: made into that trip's
    # itinerary, they say so.
    text = SAMPLE.read_text(encoding="utf-8").replace("max_travel: 8h", "max_travel: 9h")
    path = tmp_path / "trip.yaml"
    path.write_text(text, encoding="utf-8")
    wider = problem_of(sample_trip(path))
    assert "puente-de-ojuela-mapimi" in wider.candidates
    best = planned_sample.plan.best
    assert "DGO" in best.arrangement.states
    routed = shortlist(wider, best.arrangement.states, best.visited, PlanParams().shortlist)
    assert routed == {c.id for c in wider.candidates.values() if c.state in best.arrangement.states}
    plan = replace(planned_sample.plan, problem=wider, best=replace(best, shortlist=routed))
    itinerary = build_itinerary(plan, PlanParams())
    assert check_itinerary_rules(itinerary_to_dict(itinerary), shipped_catalogue()) == []
    reasons = {entry.place: entry.reason for entry in itinerary.unvisited}
    assert reasons["puente-de-ojuela-mapimi"].startswith("too far for the days in Durango: going there on the way")
    assert "over the trip's limit of 9 h a day" in reasons["puente-de-ojuela-mapimi"]


def test_the_itinerary_leaves_the_source_and_the_clock_to_the_caller(planned_sample: Planned) -> None:
    itinerary = planned_sample.itinerary
    assert itinerary.source is None and itinerary.solve_seconds is None
    assert itinerary.proved_optimal == planned_sample.plan.proved_optimal
    assert [state.code for state in itinerary.states] == list(planned_sample.plan.best.arrangement.states)
