"""The planner's tuning constants (scout.plan.params): one frozen object, checked when made."""

from __future__ import annotations

import dataclasses
from dataclasses import fields

import pytest

from scout.plan.params import PlanParams


def test_the_defaults_are_the_documented_ones() -> None:
    params = PlanParams()
    assert (params.alternatives, params.sets, params.large_sets, params.ruins, params.shortlist) == (2, 4, 3, 2000, 40)
    assert params.max_ranks == 8


@pytest.mark.parametrize("name", [field.name for field in fields(PlanParams)])
def test_a_negative_setting_is_refused_by_name(name: str) -> None:
    with pytest.raises(ValueError, match=f"PlanParams.{name} must not be negative"):
        PlanParams(**{name: -1})


@pytest.mark.parametrize("name", ["sets", "max_ranks"])
def test_sets_and_ranks_must_be_at_least_one(name: str) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        PlanParams(**{name: 0})


def test_zero_is_allowed_where_it_means_none() -> None:
    params = PlanParams(alternatives=0, ruins=0, polish=0, improve=0)
    assert params.sets_built == params.sets


def test_more_alternatives_build_and_examine_more_sets() -> None:
    # The plan lists at most as many alternatives as sets it built, less the chosen one.
    assert PlanParams(alternatives=9).sets_built == 10
    assert PlanParams(alternatives=9).large_sets_examined == 10
    # Up to the default two alternatives, the same sets are built and examined: `-a 0`, `-a 1` and `-a 2` plan
    # alike and only list differently (the tests that list fewer alternatives from one plan rely on it).
    for count in range(3):
        params = PlanParams(alternatives=count)
        assert (params.sets_built, params.large_sets_examined) == (4, 3)


def test_parameters_are_frozen_and_compared_by_value() -> None:
    params = PlanParams(alternatives=3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        params.alternatives = 1  # type: ignore[misc]
    assert params == PlanParams(alternatives=3) != PlanParams()
