"""Arrangements of the nights and the days built for them (scout.plan.days): which orders the dated meetings
allow, which places a set's days are built from, and days that keep their windows, lunch and ends."""

from __future__ import annotations

from typing import Any

from scout.io.itinerary_json import itinerary_to_dict
from scout.plan.days.arrangements import Arrangement, arrangements, day_states
from scout.plan.days.build import DaysResult, plan_days, points_of, shortlist
from scout.plan.params import PlanParams
from scout.plan.routing.problem import Effort
from scout.plan.rules import day_between, lunch_window
from scout.plan.solve import expected_ranks, plan_trip
from tests.conftest import small_catalogue_data
from tests.itinerary_rules import check_itinerary_rules
from tests.plan.trips import small_problem


def test_every_order_and_split_of_the_nights_is_an_arrangement() -> None:
    # Four days, three nights, two states: each order with one or two nights in the first.
    problem = small_problem(days=4, states={"count": 2})
    found = set(arrangements(problem, ("BC", "JAL")))
    assert {(a.states, a.nights) for a in found} == {(("BC", "JAL"), (1, 2)), (("BC", "JAL"), (2, 1)),
                                                     (("JAL", "BC"), (1, 2)), (("JAL", "BC"), (2, 1))}  # fmt: skip
    assert len(found) == 4  # one base each: every night at it
    tj, gdl = "tijuana-centro", "guadalajara-centro"
    assert Arrangement(("BC", "JAL"), (1, 2), (tj, gdl, gdl)) in found
    assert Arrangement(("BC", "JAL"), (1, 2), (tj, gdl, gdl)).night_states() == ["BC", "JAL", "JAL"]


def test_a_dated_meeting_keeps_the_arrangements_whose_day_touches_its_state() -> None:
    # Tequila (Jalisco) on Tuesday, the second day: it touches the first night's state and the second's.
    # Two nights in Baja California first keep the delegation there all Tuesday.
    meeting = {"place": "tequila", "date": "2024-09-24", "at": "10:00", "length": "1h"}
    problem = small_problem(days=4, states={"count": 2}, meetings=[meeting])
    found = {(a.states, a.nights): a for a in arrangements(problem, ("BC", "JAL"))}
    assert (("BC", "JAL"), (2, 1)) not in found
    assert set(found) == {(("BC", "JAL"), (1, 2)), (("JAL", "BC"), (1, 2)), (("JAL", "BC"), (2, 1))}
    found = set(found.values())
    for arrangement in found:
        assert "JAL" in day_states(problem, arrangement, 1)


def test_a_day_is_in_the_states_it_wakes_and_sleeps_in() -> None:
    problem = small_problem(days=4, states={"count": 2})
    arrangement = Arrangement(("BC", "JAL"), (2, 1), ("tijuana-centro",) * 2 + ("guadalajara-centro",))
    assert [day_states(problem, arrangement, day) for day in range(4)] == [{"BC"}, {"BC"}, {"BC", "JAL"}, {"JAL"}]


def beaches(count: int) -> dict[str, Any]:
    """The small catalogue with ``count`` beaches around Tijuana and Ensenada, worth 1 to 10."""
    data = small_catalogue_data()
    for number in range(count):
        data["places"].append({
            "id": f"beach-{number:02d}", "name": f"Beach {number}", "state": "BC", "kind": "beach",
            "lat": 31.9 + (number % 10) * 0.06, "lon": -116.75 - (number // 10) * 0.04,
            "value": 1 + number % 10, "duration": "45m", "source": "inegi",
        })  # fmt: skip
    return data


def test_a_shortlist_keeps_the_required_the_picked_then_the_most_worth_per_hour() -> None:
    meeting = {"place": "bc-film-commission", "date": "2024-09-23", "at": "14:00", "length": "1h"}
    problem = small_problem(beaches(20), meetings=[meeting])
    assert len(list(problem.in_state("BC"))) == 22
    # A state with no more candidates than the size: all of them.
    assert shortlist(problem, ["BC", "JAL"], (), 22) == set(problem.candidates)
    # Five: the meeting, what the selection picked, then the beaches worth 10 for 45 minutes (9 and 19).
    chosen = shortlist(problem, ["BC"], ("beach-00",), 5)
    assert chosen == {"bc-film-commission", "beach-00", "beach-09", "beach-19", "beach-08"}
    # Never fewer than the required and picked, whatever the size.
    assert shortlist(problem, ["BC"], ("beach-00", "beach-01"), 1) == {"bc-film-commission", "beach-00", "beach-01"}


def test_the_value_of_days_is_the_sum_of_their_shares_in_visit_order() -> None:
    days = DaysResult(Arrangement(("BC",), (1,), ("tijuana-centro",)), (), {"rosarito": 5.0, "playas": 2.5}, False)
    assert days.value == 7.5
    assert days.visited == ("rosarito", "playas")
    assert days.shortlist is None  # built from every candidate


def test_days_run_from_where_the_delegation_wakes_to_where_it_sleeps_within_the_rules() -> None:
    problem = small_problem(days=3)
    arrangement = Arrangement(("BC",), (2,), ("tijuana-centro",) * 2)
    days = plan_days(problem, arrangement, expected_ranks(problem, ()), Effort.DESCENT)
    assert days is not None
    tijuana = problem.base("BC")
    assert [(r.origin, r.destination) for r in days.routes] == [("lax", tijuana), (tijuana, tijuana), (tijuana, "lax")]
    assert set(days.visited) == {"bc-film-commission", "rosarito"}
    for route in days.routes:
        start, end = day_between(problem, route.day, route.origin, route.destination)
        assert start <= route.departure <= end
        for stop in route.stops:
            assert any(low <= stop.start <= high for low, high in problem.candidates[stop.place].starts[route.day])
        low, high = lunch_window(problem, route.day, route.origin, route.destination)
        assert route.lunch is not None and low <= route.lunch <= high  # no flight: lunch on the ground
    assert points_of(problem, ["BC"]) == {"lax", tijuana}


def test_days_that_cannot_hold_a_required_place_are_none() -> None:
    # A meeting at Tequila on Tuesday: with two nights in Baja California first, no day in Jalisco is a
    # Tuesday (arrangements() never offers it; the days refuse it all the same).
    meeting = {"place": "tequila", "date": "2024-09-24", "at": "10:00", "length": "1h"}
    problem = small_problem(days=4, states={"count": 2}, meetings=[meeting])
    ranks = expected_ranks(problem, ())
    assert (
        plan_days(
            problem,
            Arrangement(("BC", "JAL"), (2, 1), ("tijuana-centro",) * 2 + ("guadalajara-centro",)),
            ranks,
            Effort.FIRST,
        )
        is None
    )
    days = plan_days(
        problem,
        Arrangement(("JAL", "BC"), (2, 1), ("guadalajara-centro",) * 2 + ("tijuana-centro",)),
        ranks,
        Effort.FIRST,
    )  # Tuesday in Guadalajara
    assert days is not None and "tequila" in {stop.place for stop in days.routes[1].stops}


def test_a_state_with_many_places_is_routed_from_a_shortlist() -> None:
    # 60 beaches around Tijuana and Ensenada: the days are built from the best 40 (PlanParams.shortlist, with
    # the film commission), the others are explained as not shortlisted, and the itinerary still keeps every
    # rule.
    size = PlanParams().shortlist
    data = beaches(60)
    problem = small_problem(data, days=3)
    itinerary = plan_trip(problem, PlanParams(shortlist=size)).itinerary
    reasons = {entry.place: entry.reason for entry in itinerary.unvisited}
    skipped = [place for place, reason in reasons.items() if f"not among the {size} most promising" in reason]
    assert len(skipped) == 62 - size  # 60 beaches, Rosarito and the film commission compete for the places
    visited = {item.place for day in itinerary.days for item in day.items if item.type.value == "visit"}
    assert not visited & set(skipped)
    assert check_itinerary_rules(itinerary_to_dict(itinerary), problem.catalogue) == []
