"""The selection model's variety objective: for any choice of places it equals the exact value with variety."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from hypothesis import given, settings
from hypothesis import strategies as st
from ortools.sat.python import cp_model

from scout.model import Kind
from scout.plan.problem import Candidate
from scout.plan.value import MAX_RANKS, SCALE, VarietyRanks, shares


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


def _best_objective(candidates: list[_Place], chosen: set[str], variety: float) -> float:
    model = cp_model.CpModel()
    picked = {c.id: model.new_bool_var(c.id) for c in candidates}
    for place_id, var in picked.items():
        model.add(var == (1 if place_id in chosen else 0))
    ranks = VarietyRanks(model, cast(list[Candidate], candidates), variety, picked)
    model.maximize(ranks.objective())
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert solver.solve(model) == cp_model.OPTIMAL
    return solver.objective_value / SCALE


@settings(max_examples=60, deadline=None, derandomize=True)
@given(places, st.sampled_from([0.3, 0.5, 0.8]))
def test_the_objective_is_the_exact_value_of_the_chosen_places(entries: list[Any], variety: float) -> None:
    candidates = [_Place(f"p{n}", kind, worth) for n, (kind, worth, _) in enumerate(entries)]
    chosen = {c.id for c, (_, _, take) in zip(candidates, entries, strict=True) if take}
    exact = sum(shares(cast(list[Candidate], [c for c in candidates if c.id in chosen]), variety).values())

    objective = _best_objective(candidates, chosen, variety)

    # Coefficients are rounded up, a thousandth at most each: never below the exact value (a bound).
    assert objective >= exact - 1e-9
    per_kind = [sum(1 for c in candidates if c.kind is kind and c.id in chosen) for kind in KINDS]
    if max(per_kind) <= MAX_RANKS - 1:
        assert objective <= exact + 0.001 * len(candidates) * MAX_RANKS


def test_a_second_place_of_a_kind_adds_its_share_not_its_worth() -> None:
    desert_a, desert_b = _Place("a", Kind.DESERT, 8.0), _Place("b", Kind.DESERT, 4.0)
    beach = _Place("c", Kind.BEACH, 4.0)

    # With variety 0.5 the lesser desert counts half; the beach, first of its kind, counts in full.
    assert abs(_best_objective([desert_a, desert_b, beach], {"a", "b"}, 0.5) - 10.0) < 0.01
    assert abs(_best_objective([desert_a, desert_b, beach], {"a", "c"}, 0.5) - 12.0) < 0.01
