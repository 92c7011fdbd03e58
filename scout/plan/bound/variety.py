"""The trip's value with variety as a linear objective of a CP-SAT model, for the bounds."""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Iterable

from scout.plan.bound.cpsat import CpModel, IntVar, LinearExpr, LinearExprT
from scout.plan.problem import Candidate
from scout.plan.value import SCALE


class VarietyRanks:
    """The value of the chosen places, with variety, as a linear objective over few variables.

    Within a kind, sort the chosen places by worth: the r-th is worth ``worth * variety**r``. Written by
    worth levels ``w_1 > w_2 > …`` (with ``w_{L+1} = 0``), that sum is ``Σ_l (w_l − w_{l+1}) · S(C_l)``,
    where ``C_l`` counts the chosen places worth at least ``w_l`` and ``S(n) = Σ_{r<n} variety**r``. Each
    ``S(C_l)`` is a row of rank slots (at most ``C_l`` of them filled) that maximising fills from the
    first, so the objective equals the exact value. A kind then costs levels × ranks variables rather than
    places × ranks: on a 5,000-place catalogue, about 1,100 instead of 40,000. Past ``max_ranks`` places of
    a kind, the rest share the last, smallest share (an upper bound), and coefficients are rounded up: the
    objective never falls below the exact value, so its optimum stays an upper bound.
    """

    def __init__(
        self,
        model: CpModel,
        candidates: Iterable[Candidate],
        variety: float,
        picked: dict[str, IntVar],
        max_ranks: int,
    ) -> None:
        self.terms: list[tuple[int, IntVar]] = []
        by_kind: dict[str, list[Candidate]] = defaultdict(list)
        for candidate in candidates:
            by_kind[candidate.kind.value].append(candidate)
        for kind, group in sorted(by_kind.items()):
            ranks = min(len(group), max_ranks)
            shared_last = len(group) > max_ranks
            levels = sorted({c.worth for c in group}, reverse=True)
            for position, level in enumerate(levels):
                step = level - (levels[position + 1] if position + 1 < len(levels) else 0.0)
                at_least = [picked[c.id] for c in sorted(group, key=lambda c: c.id) if c.worth >= level]
                singles = ranks - 1 if shared_last else ranks
                slots = [model.new_bool_var(f"rank_{kind}_{position}_{rank}") for rank in range(singles)]
                for rank, slot in enumerate(slots):
                    self.terms.append((math.ceil(SCALE * step * variety**rank - 1e-9), slot))
                for earlier, later in itertools.pairwise(slots):  # the slots are alike: fill them in order
                    model.add_implication(later, earlier)
                filled: list[IntVar] = list(slots)
                if shared_last:
                    rest = model.new_int_var(0, len(at_least), f"rank_{kind}_{position}_rest")
                    self.terms.append((math.ceil(SCALE * step * variety ** (ranks - 1) - 1e-9), rest))
                    filled.append(rest)
                model.add(LinearExpr.sum(filled) <= LinearExpr.sum(at_least))

    def objective(self) -> LinearExprT:
        return sum(weight * var for weight, var in self.terms)
