"""What an itinerary is worth: interest-weighted values with diminishing returns for repeated kinds.

The delegation should see the range of looks and of the industry, so the k-th place of one kind counts
``variety ** (k - 1)`` of its value: with variety 0.5 a second desert is worth half, a third a quarter.
The best places of a kind take the full shares. Solvers work in integers: values times ``SCALE``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from scout.plan.problem import Candidate

SCALE = 1000  # value units per integer unit in the solvers


def shares(candidates: Iterable[Candidate], variety: float) -> dict[str, float]:
    """Each visited place's contribution: its worth times its kind's share for its rank in that kind."""
    by_kind: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        by_kind[candidate.kind.value].append(candidate)
    result = {}
    for group in by_kind.values():
        group.sort(key=lambda c: (-c.worth, c.id))
        for rank, candidate in enumerate(group):
            result[candidate.id] = candidate.worth * variety**rank
    return result
