"""The rules of a trip day, in trip minutes: when it starts and ends, when lunch may be had, and when a flight
leaves no time to have it on the ground.

The days built (:mod:`scout.plan.days.build`), the itinerary's times (:mod:`scout.plan.itinerary.schedule`)
and the bounds (:mod:`scout.plan.bound`) all read these functions, so the bounds relax the very rules the
days obey: a bound that assumed a longer day or a wider lunch window than the days get would still be a
bound, one that assumed less would not.
"""

from __future__ import annotations

from scout.calendar import daylight
from scout.geo.travel import Journey, Leg
from scout.model import Interval, TravelMode
from scout.plan.problem import TripProblem

LOCAL_DRIVE_KM = 10.0  # a shorter drive stays in town: it is not the highway the daylight rule is about


def day_span(problem: TripProblem, day: int, place: str) -> Interval:
    """The schedule's start and end of ``day`` in the local time of ``place``, in trip minutes.

    Unless the trip allows night driving, the day starts no earlier than sunrise there, so that no drive
    of the day sets out in the dark.
    """
    schedule = problem.trip.schedule
    tz = problem.zone_of(place)
    when = problem.dates[day]
    start = problem.clock.minutes(when, schedule.start, tz)
    if not schedule.night_driving:
        start = max(start, sun(problem, day, place)[0])
    return start, problem.clock.minutes(when, schedule.end, tz)


def sun(problem: TripProblem, day: int, place: str) -> Interval:
    """Sunrise and sunset at ``place`` on ``day``, in trip minutes."""
    location = problem.catalogue.place(place).location
    assert location is not None  # only located places are planned
    tz = problem.zone_of(place)
    when = problem.dates[day]
    rise, fall = daylight(location, when, tz)
    return problem.clock.minutes(when, rise, tz), problem.clock.minutes(when, fall, tz)


def intercity(problem: TripProblem, leg: Leg) -> bool:
    """Whether a leg is a drive on the open road, which the daylight rule keeps to the hours of the sun: a
    drive, not within one metropolitan area, of more than :data:`LOCAL_DRIVE_KM`."""
    if leg.pause is not None or leg.mode not in (TravelMode.DRIVE, TravelMode.TRANSFER) or leg.km <= LOCAL_DRIVE_KM:
        return False
    area = problem.travel.area_of(leg.origin)
    return area is None or area is not problem.travel.area_of(leg.destination)


def open_road(problem: TripProblem, journey: Journey) -> tuple[tuple[int, str], ...]:
    """Where a journey's open-road drives end: (minutes after setting out, place), none when the trip
    allows night driving."""
    if problem.trip.schedule.night_driving:
        return ()
    ends, elapsed = [], 0
    for leg in journey.legs:
        elapsed += leg.minutes
        if intercity(problem, leg):
            ends.append((elapsed, leg.destination))
    return tuple(ends)


def latest_departure(
    problem: TripProblem, day: int, ends: tuple[tuple[int, str], ...], sunsets: dict[str, int] | None = None
) -> int | None:
    """The latest a journey with open-road drives ending at ``ends`` (:func:`open_road`) may set out on
    ``day`` for each of them to end by sunset where it ends (trip minutes); ``None`` without such drives.
    ``sunsets`` keeps the day's sunsets by place for a caller that asks of many journeys."""
    if not ends:
        return None
    cache = {} if sunsets is None else sunsets
    for _, place in ends:
        if place not in cache:
            cache[place] = sun(problem, day, place)[1]
    return min(cache[place] - elapsed for elapsed, place in ends)


def day_between(problem: TripProblem, day: int, wake: str, sleep: str) -> Interval:
    """A day from where the delegation wakes to where it sleeps: from the schedule's start at the first to its
    end at the second."""
    return day_span(problem, day, wake)[0], day_span(problem, day, sleep)[1]


def lunch_starts(problem: TripProblem, day: int, place: str) -> Interval:
    """When lunch may start on ``day`` if taken at ``place``, in trip minutes."""
    schedule = problem.trip.schedule
    low, high = schedule.lunch_window
    tz = problem.zone_of(place)
    when = problem.dates[day]
    return problem.clock.minutes(when, low, tz), problem.clock.minutes(when, high - schedule.lunch_length, tz)


def lunch_window(problem: TripProblem, day: int, wake: str, sleep: str) -> Interval:
    """When lunch may start on a day from ``wake`` to ``sleep``: in the window of both ends' local times, so
    that lunch falls in the lunch hours wherever it is had on a day that crosses a zone line; when those
    windows do not meet (zones far apart), in either."""
    low_wake, high_wake = lunch_starts(problem, day, wake)
    low_sleep, high_sleep = lunch_starts(problem, day, sleep)
    low, high = max(low_wake, low_sleep), min(high_wake, high_sleep)
    if low <= high:
        return low, high
    return min(low_wake, low_sleep), max(high_wake, high_sleep)


def lunch_in_the_air(problem: TripProblem, day: int, wake: str, sleep: str) -> bool:
    """True when the day's flight leaves no way to lunch on the ground: then lunch is had on the way."""
    journey = problem.journey(wake, sleep)
    if not journey.flies:
        return False
    length = problem.trip.schedule.lunch_length
    start, end = day_between(problem, day, wake, sleep)
    low_before, _ = lunch_starts(problem, day, wake)
    _, high_after = lunch_starts(problem, day, sleep)
    before = low_before + length + journey.minutes <= end
    after = start + journey.minutes <= high_after
    return not (before or after)


def lunch_optional(problem: TripProblem, day: int, wake: str, sleep: str) -> bool:
    """True when a day may go without a lunch stop: no lunch is asked for, or it is had in the air."""
    return problem.trip.schedule.lunch_length == 0 or lunch_in_the_air(problem, day, wake, sleep)
