"""The optimiser: from a catalogue and a trip request to an itinerary and the bound it is measured against.

The flow, one folder a step (``docs/planner.md``)::

    problem.py     calendar rules -> trip-minute windows; requests that cannot be met are refused
    reach.py       places no day can reach
    bound/         choosing the states (the selection model) and proving the bound (the day-by-day model)
    days/          arrangements of the nights; each day a tour of the routing core
    routing/       the trip-agnostic routing core (OR-Tools routing) and its compiled search (numba)
    itinerary/     a plan made into timed days, with its value and the reasons for what was left out
    solve.py       ``plan_trip(problem, params, progress)``: the one entry point

``rules.py`` holds the day's rules that the days and the bounds share, ``reasons.py`` every sentence about a
place, ``params.py`` every tuning constant.
"""
