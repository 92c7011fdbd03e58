"""The bound models' variety objective (scout.plan.bound.variety) and the exact value with variety
(scout.plan.value): for any choice of places the objective is at least the exact value, and equal to it (to
the rounding of its coefficients) while no kind has more places than ``max_ranks``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ortools.sat.python import cp_model

from scout.model import Kind
from scout.plan.bound.variety import VarietyRanks
from scout.plan.params import PlanParams
from scout.plan.problem import Candidate
from scout.plan.value import SCALE, shares

MAX_RANKS = PlanParams().max_ranks


@dataclass(frozen=True)
class _Place:
    """What the variety rule reads of a candidate: its id, kind and worth."""

    id: str
    kind: Kind
    worth: float


KINDS = [Kind.DESERT, Kind.BEACH, Kind.STUDIO]
places = st.lists(
    st.tuples(st.sampled_from(KINDS), st.sampled_from([1.0, 2.5, 4.0, 6.0, 9.5]), st.booleans()),
    min_size=1,
    max_size=30,
)


def _best_objective(candidates: list[_Place], chosen: set[str], variety: float, max_ranks: int = MAX_RANKS) -> float:
    model = cp_model.CpModel()
    picked = {c.id: model.new_bool_var(c.id) for c in candidates}
    for place_id, var in picked.items():
        model.add(var == (1 if place_id in chosen else 0))
    ranks = VarietyRanks(model, cast(list[Candidate], candidates), variety, picked, max_ranks)
    model.maximize(ranks.objective())
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert solver.solve(model) == cp_model.OPTIMAL
    return solver.objective_value / SCALE


def _exact(candidates: list[_Place], chosen: set[str], variety: float) -> float:
    return sum(shares(cast(list[Candidate], [c for c in candidates if c.id in chosen]), variety).values())


@settings(max_examples=60, deadline=None, derandomize=True)
@given(places, st.sampled_from([0.3, 0.5, 0.8]), st.sampled_from([MAX_RANKS, 1, 3]))
def test_the_objective_is_the_exact_value_of_the_chosen_places(entries: list[Any], variety: float, ranks: int) -> None:
    candidates = [_Place(f"p{n}", kind, worth) for n, (kind, worth, _) in enumerate(entries)]
    chosen = {c.id for c, (_, _, take) in zip(candidates, entries, strict=True) if take}
    exact = _exact(candidates, chosen, variety)

    objective = _best_objective(candidates, chosen, variety, ranks)

    # Coefficients are rounded up, a thousandth at most each: never below the exact value (a bound), also
    # when places past max_ranks share the last rank's share.
    assert objective >= exact - 1e-9
    per_kind = [sum(1 for c in candidates if c.kind is kind and c.id in chosen) for kind in KINDS]
    if max(per_kind) <= ranks - 1:
        assert objective <= exact + 0.001 * len(candidates) * ranks


def test_a_second_place_of_a_kind_adds_its_share_not_its_worth() -> None:
    desert_a, desert_b = _Place("a", Kind.DESERT, 8.0), _Place("b", Kind.DESERT, 4.0)
    beach = _Place("c", Kind.BEACH, 4.0)

    # With variety 0.5 the lesser desert counts half; the beach, first of its kind, counts in full.
    assert abs(_best_objective([desert_a, desert_b, beach], {"a", "b"}, 0.5) - 10.0) < 0.01
    assert abs(_best_objective([desert_a, desert_b, beach], {"a", "c"}, 0.5) - 12.0) < 0.01


def test_places_past_max_ranks_share_the_last_share() -> None:
    # Three deserts worth 8 with variety 0.5: exactly 8 + 4 + 2 = 14. With one rank, every desert counts the
    # first share, 24: still a bound, never below; with two, the third shares the second's 4: 16.
    deserts = [_Place(name, Kind.DESERT, 8.0) for name in "abc"]
    assert _exact(deserts, {"a", "b", "c"}, 0.5) == pytest.approx(14.0)
    assert _best_objective(deserts, {"a", "b", "c"}, 0.5, max_ranks=1) == pytest.approx(24.0)
    assert _best_objective(deserts, {"a", "b", "c"}, 0.5, max_ranks=2) == pytest.approx(16.0)
    assert _best_objective(deserts, {"a", "b", "c"}, 0.5, max_ranks=3) == pytest.approx(14.0)


def test_shares_rank_places_by_worth_within_their_kind() -> None:
    # The best of a kind takes the full share whatever the order given; ties go by id.
    given_order = [_Place("b", Kind.BEACH, 4.0), _Place("a", Kind.BEACH, 4.0), _Place("z", Kind.BEACH, 9.0),
                   _Place("d", Kind.DESERT, 1.0)]  # fmt: skip
    assert shares(cast(list[Candidate], given_order), 0.5) == {"z": 9.0, "a": 2.0, "b": 1.0, "d": 1.0}
