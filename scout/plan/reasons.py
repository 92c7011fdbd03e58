"""Every sentence the planner says about a place it leaves out or cannot plan, and about a trip it refuses.

The checks live where the facts are (the problem's windows, the reach test, the days built); the words live
here, so that one reason is phrased one way wherever it comes from, and a change of wording is one edit.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from scout.formats import clock_text, days_text, duration_text, short_date
from scout.model import DailySchedule, Meeting, Place

# -- places the trip cannot use at all ------------------------------------------------------------------

AVOIDED = "excluded by the trip (avoid)"
NOT_GEOCODED = "no coordinates yet: run scout geocode"
NO_INTEREST = "not among the trip's interests (weight 0)"


def what(place: Place, meeting: Meeting | None) -> str:
    """How a required place is named in a conflict: ``meeting at X`` or ``must-visit place X``."""
    return f"{'meeting at' if meeting is not None else 'must-visit place'} {place.name}"


def closed_every_day(reasons: Sequence[str], duration: int) -> str:
    """A place with no opening on any day of the trip; ``reasons`` are the calendar's (holidays, daylight)."""
    if reasons:
        return "closed on every day of the trip: " + "; ".join(sorted(set(reasons)))
    return f"open too briefly on the trip's days for a {duration}-minute visit within the schedule"


def meeting_day_closed(place: Place, day: date, reason: str | None) -> str:
    """A dated meeting whose day the place cannot hold it."""
    when = short_date(day, year=True)
    if reason:
        return f"meeting at {place.name} on {when}: {place.name} is {reason}"
    return f"meeting at {place.name} on {when}: its window does not fit the opening hours or the daily schedule"


def never_open(place: Place, meeting: Meeting | None, closed: str) -> str:
    """A meeting or must-visit with no day it can be held on (``closed``: :func:`closed_every_day`)."""
    return f"{what(place, meeting)} cannot be visited on any day of the trip: {closed}"


# -- places no day can reach (scout.plan.reach) ---------------------------------------------------------


def beyond_travel_limit(detour: float, limit: int) -> str:
    return (
        f"out of reach in a day: at least {duration_text(detour)} of travel to go there and on, over the trip's "
        f"limit of {duration_text(limit)} a day"
    )


def beyond_opening_hours(detour: float, duration: int) -> str:
    return (
        f"out of reach in a day: with at least {duration_text(detour)} of travel there and on, a {duration}-minute "
        f"visit does not fit its opening hours inside any day's schedule"
    )


# -- places of the chosen states the itinerary leaves out (scout.plan.itinerary) ------------------------


def not_shortlisted(size: int, state: str, worth: float, duration: int) -> str:
    return (
        f"not among the {size} most promising places of {state} the days were built from "
        f"(worth {worth:g} for {duration} minutes on site)"
    )


def closed_on_the_days(state: str, days: Sequence[date], reasons: Sequence[str]) -> str:
    return f"closed on the days in {state} ({days_text(days)}): " + "; ".join(sorted(set(reasons)))


def too_far(state: str, ends: str, least: float, limit: int) -> str:
    return (
        f"too far for the days in {state}: going there on the way from {ends} takes {duration_text(least)} of "
        f"travel, over the trip's limit of {duration_text(limit)} a day"
    )


def _worth(worth: tuple[float, float]) -> str:
    """``worth 6``, or ``worth 3 beside the places of its kind visited (6 alone)`` after the variety rule."""
    added, alone = worth
    if added < alone - 1e-9:
        return f"worth {added:.3g} beside the places of its kind visited ({alone:g} alone)"
    return f"worth {alone:g}"


def not_worth_the_time(worth: tuple[float, float], hours: float, base: str, rate: float, lowest: float | None) -> str:
    """``worth`` is what the place would add to the itinerary's value and what it is worth alone."""
    least = f"; the least of those visited there gives {lowest:.1f}" if lowest is not None else ""
    return (
        f"not worth the time: {_worth(worth)} for about {hours:.1f} h with the round trip from {base}, "
        f"{rate:.1f} an hour{least}"
    )


def no_room(
    state: str, days: Sequence[date], worth: tuple[float, float], hours: float, base: str, another_day: bool
) -> str:
    """``another_day``: a day spent at ``base`` could hold the visit (there and back, in its hours)."""
    more = "; another day there could fit it" if another_day else ""
    return (
        f"no room left in {state} on {days_text(days)} beside the meetings, opening hours and travel "
        f"({_worth(worth)}, about {hours:.1f} h with the round trip from {base}){more}"
    )


# -- trips that cannot be planned (scout.plan.solve) ----------------------------------------------------


def no_meeting_order(states: str) -> str:
    return f"{states}: no order of the states puts each dated meeting on a day in its state"


def no_arrangement_fits(states: str, tried: int, schedule: DailySchedule) -> str:
    return (
        f"{states}: none of {tried} arrangements of the nights fits the days ({clock_text(schedule.start)}–"
        f"{clock_text(schedule.end)}, at most {schedule.max_travel // 60} h of travel a day) with every meeting "
        f"and must-visit"
    )


def meeting_only_on(place: Place, day: date) -> str:
    return f"the meeting at {place.name} can only be held on {short_date(day)}"


def no_state_set_fits(low: int, high: int, origin: str, days: int, schedule: DailySchedule) -> str:
    return (
        f"no set of {low}–{high} states fits the working days: from {origin}, the travel into the states and "
        f"back plus the meetings and must-visits do not fit {days} days of {clock_text(schedule.start)}–"
        f"{clock_text(schedule.end)} less {schedule.lunch_length} minutes of lunch"
    )


NO_SET_BUILT = "no set of states could be built into days"


# -- days with nothing planned, and idle hours --------------------------------------------------------------

TRAVEL_DAY = "Nothing is planned: a travel day."


def all_closed(states: str, day: date, why: Sequence[str]) -> str:
    """A day whose states have no place open (a Sunday, a holiday)."""
    closed = f" ({'; '.join(why[:2])})" if why else ""
    return f"Nothing is planned: no place of {states} can be visited on {short_date(day)}{closed}."


def all_seen(states: str, day: date) -> str:
    return f"Nothing is planned: every place of {states} open on {short_date(day)} is seen on another day of the trip."


def none_fits(states: str, unseen: Sequence[str]) -> str:
    listed = ", ".join(unseen[:3]) + (" and others" if len(unseen) > 3 else "")
    return (f"Nothing is planned: the places of {states} not seen on other days ({listed}) do not fit in this "
            "day beside its travel, hours and travel limit.")  # fmt: skip


def idle_before(since: str, until: str, name: str, why: str | None) -> str:
    """Free time of more than an hour before a visit: ``why`` is ``fixed`` (a meeting's time), ``window`` (the
    start of a meeting's window), ``opens`` (its opening hour) or ``None``."""
    free = f"Free time from {since} to {until} before {name}"
    causes = {"fixed": ", whose time is fixed", "window": ", whose window starts then", "opens": ", which opens then"}
    cause = causes.get(why or "", "")
    return f"{free}{cause}: no other place of the day fits the gap."
