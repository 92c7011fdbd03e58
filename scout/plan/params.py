"""Every tuning constant of the planner, in one frozen object passed to :func:`scout.plan.solve.plan_trip`.

None of these changes what a valid itinerary is, only how hard the planner looks for a good one and how
tight the bound it proves: counts and deterministic seconds, never wall-clock time, so the same parameters
give the same itinerary on any machine. The defaults were measured on the sample trip, the ``bench.plan``
trips and the 5,000-place catalogue of ``bench.scale`` (docs/planner.md).
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class PlanParams:
    """How the planner searches.

    Attributes
    ----------
    alternatives
        Next-best state sets listed beside the chosen one (``scout plan --alternatives``).
    sets
        State sets built into days at the most, best bound first; at least ``alternatives + 1``. A set whose
        day-by-day bound cannot beat the best itinerary so far is not built.
    large_sets
        Sets examined at the most when they are too large for the day-by-day model (``bound_places``), unless
        ``alternatives`` asks for more: each takes seconds to solve and route (on 5,000 places the fourth
        took 4 s and found less).
    bound_sets
        Sets whose bound is proved set by set at the most; the rest share the last one's.
    settle_gap
        Within this share of the next set's selection bound from the best value, the sets examined are
        settled (their day-by-day bounds solved), which may prove that no set left can raise the bound.
    bound_places
        Candidates in a set up to which it gets the day-by-day bound.
    improve
        Arrangements of each set that get a local search after the quick first routing.
    stays
        Choices of hotels tried for each state's nights of each of the ``improve`` best arrangements (one base
        throughout first, then one move, two...): a fortnight in a state of three bases has thousands.
    polish
        Itineraries (over every set, the best after local search) that then get ruin and recreate.
    ruins
        Iterations of ruin and recreate each.
    ruin_size
        Places routed × days up to which an itinerary gets every iteration; larger ones get proportionally
        fewer, so that the time stays bounded.
    shortlist
        Candidates per state that days are built from; the shipped catalogue has at most 21 in a state.
    check_seconds
        Deterministic seconds to refute a set against a value; past them it may exceed it.
    bound_seconds
        Deterministic seconds to solve a set's day-by-day model: its proved bound then, even if not optimal.
    journey_nodes
        Points of a set up to which its travel is measured by the journeys themselves (else by the floors).
    exact_places
        States with at most this many places open on a day get every set of them no simulated day holds.
    pair_places
        States with more candidates get no constraints on pairs (their number grows with the square).
    triple_places
        Nor on triples (the cube).
    anchor_width
        Minutes: a visit whose start can move at most this much splits its day (a meeting).
    margin
        Minutes a pair's or triple's detour must add to the single ones' to be worth a constraint.
    max_ranks
        Places of one kind past this share the last, smallest share of value in the bound models (a bound).
    routing_guard
        Wall-clock seconds after which a runaway search of the routing library is stopped; the plan then
        says it was (``clock_limited``), since only then may the result differ between machines.
    first_guard
        The same for the quick first routing of each arrangement, which takes a twentieth of a second when the
        days are feasible; on a day that must fly, the routing library only gives up on infeasible days at its
        guard (a day that cannot reach its night before sunset, say), so that guard is short. An arrangement
        given up on is not built, on a machine fast or slow: at 60 times the feasible ones' time.
    """

    alternatives: int = 2
    sets: int = 4
    large_sets: int = 3
    bound_sets: int = 24
    settle_gap: float = 0.02
    bound_places: int = 200
    improve: int = 3
    stays: int = 24
    polish: int = 4
    ruins: int = 2000
    ruin_size: int = 240
    shortlist: int = 40
    check_seconds: float = 0.5
    bound_seconds: float = 2.0
    journey_nodes: int = 90
    exact_places: int = 10
    pair_places: int = 40
    triple_places: int = 25
    anchor_width: int = 60
    margin: int = 5
    max_ranks: int = 8
    routing_guard: float = 30.0
    first_guard: float = 3.0

    def __post_init__(self) -> None:
        for field in fields(self):
            if getattr(self, field.name) < 0:
                raise ValueError(f"PlanParams.{field.name} must not be negative")
        if self.sets < 1 or self.max_ranks < 1:
            raise ValueError("PlanParams.sets and max_ranks must be at least 1")

    @property
    def sets_built(self) -> int:
        """State sets built into days at the most: ``sets``, or more when more alternatives are listed."""
        return max(self.sets, self.alternatives + 1)

    @property
    def large_sets_examined(self) -> int:
        """Sets examined at the most when they are too large for the day-by-day model."""
        return max(self.large_sets, self.alternatives + 1)
