"""From the optimiser's day routes to the itinerary: timed items in local time, lunch, travel legs, nights.

Visit start times come from the routing core. Travel is laid out leg by leg (drive, flight, drive; drive,
border, drive; drive, ferry, drive) with each end in its own time zone, each leg with its source and buffer.
A border's wait is a break at the crossing (noted when a southbound crossing falls in the weekday afternoon's
peak); a ferry leaves at its timetable's next departure, after a wait at the port. The day's first journey
leaves as late as it can (as its ferries' timetable allows), but before the border's peak where it can and
never so late that an open-road drive ends after dark; later ones leave as soon as the previous activity
ends. Lunch is anchored at the time the routing core chose for it, at the point the delegation is at then: a
place, an airport between legs, or the next stop on arrival, never at home at the end of the trip. On a day
whose flight leaves no time to lunch on the ground, the flight is marked as lunch at the airport or on board,
and the day's notes say so, as they do when lunch is had on the way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from scout.calendar import daylight
from scout.geo.travel import BORDER, Journey, Leg
from scout.model import Coordinates, Interval, TimeSource, TravelMode
from scout.model.itinerary import Day, Item, ItemType, Point
from scout.plan import reasons
from scout.plan.days.build import DayRoute
from scout.plan.days.flights import FlightOption
from scout.plan.problem import TripProblem
from scout.plan.rules import day_span, latest_departure, lunch_starts, open_road


@dataclass(frozen=True)
class _Activity:
    place: str
    start: int
    end: int


def build_days(problem: TripProblem, routes: Sequence[DayRoute], values: dict[str, float]) -> tuple[Day, ...]:
    """Timed days for the routes; ``values`` gives each visited place's share of the trip's value."""
    return tuple(_day(problem, route, values) for route in routes)


def _day(problem: TripProblem, route: DayRoute, values: dict[str, float]) -> Day:
    items: list[Item] = []
    notes: list[str] = []
    length = problem.trip.schedule.lunch_length
    activities = [
        _Activity(stop.place, stop.start, stop.start + problem.candidates[stop.place].duration) for stop in route.stops
    ]
    points = [route.origin, *(a.place for a in activities), route.destination]
    day_end = day_span(problem, route.day, route.destination)[1]
    free = route.departure  # when the delegation can leave the current point
    pending = route.lunch if length else None
    flew = False
    for gap in range(len(points) - 1):
        option = route.flight if route.flight is not None and gap == route.flight_at else None
        next_start = activities[gap].start if gap < len(activities) else None
        limit = next_start if next_start is not None else day_end
        if option is not None:
            t, pending = _by_flight(problem, route.day, (points[gap], points[gap + 1]), option, (free, limit),
                                    pending, items, notes)  # fmt: skip
            flew = True
            if gap < len(activities):
                free = _arrive(problem, activities[gap], t, values, route.day, items, notes)
            continue
        found = problem.travel.free_journey(points[gap], points[gap + 1])
        assert found is not None  # the routing core only joins points that a journey joins
        journey = found
        flew = flew or journey.flies
        lunch_here = pending is not None and pending + length <= limit
        if gap == 0 and next_start is not None:
            # The day's first journey leaves as late as it can: nobody wants to wait at a gate at 7 a.m.
            latest = next_start - journey.minutes - (length if lunch_here else 0)
            if not lunch_here:  # a ferry's timetable may let it leave later than its longest wait would
                latest = _latest_by_timetable(problem, journey, latest, next_start)
            # ... but crosses into Mexico before the weekday afternoon's long queues, where it can, and
            # leaves in time for its open-road drives to end by sunset (the routing core kept that possible).
            latest = min(latest, _before_peak(problem, route.day, journey, latest))
            dusk = latest_departure(problem, route.day, open_road(problem, journey))
            latest = latest if dusk is None else min(latest, dusk)
            free = max(free, latest)
        stop_at = _lunch_stop(problem, route.day, journey, free, limit) if lunch_here else None
        t = free
        for index, leg in enumerate(journey.legs):
            if stop_at is not None and stop_at[0] == index:
                items.append(_lunch(problem, leg.origin, stop_at[1]))
                t = stop_at[1] + length
            if leg.pause == BORDER:
                wait = _border_wait(problem, leg, t)
                if wait > leg.minutes:
                    notes.append(_peak_note(problem, leg, t, wait))
                items.append(_border(problem, leg, t, t + leg.minutes))
                t += leg.minutes
                continue
            if leg.ferry is not None:
                departs, note = _ferry_departure(problem, leg, t)
                if note:
                    notes.append(note)
                if departs > t:
                    label = f"Wait for the {clock_of(problem, departs, leg.origin)} ferry"
                    items.append(_wait(problem, leg.origin, t, departs, label))
                items.append(_travel(problem, leg, departs, departs + leg.ferry.minutes))
                # The routing core timed the longest wait: what the timetable saves is had at the next stop.
                t = departs + leg.ferry.minutes
                continue
            if leg.mode is TravelMode.FLIGHT:  # an estimated flight: the airports, then the flight
                takeoff, landing = t + leg.before, t + leg.minutes - leg.after
                items.extend(_at_the_airports(problem, _travel(problem, leg, takeoff, landing), (t, takeoff),
                                              (landing, t + leg.minutes)))  # fmt: skip
            else:
                items.append(_travel(problem, leg, t, t + leg.minutes))
            t += leg.minutes
        if stop_at is not None and stop_at[0] == len(journey.legs):
            items.append(_lunch(problem, points[gap + 1], max(t, stop_at[1])))
            t = max(t, stop_at[1]) + length
        if stop_at is not None:
            pending = None
        if gap < len(activities):
            free = _arrive(problem, activities[gap], t, values, route.day, items, notes)
    # Lunch the routing core fitted into a journey (a break while travelling) but no point of it could host,
    # or a day whose flight covers the lunch hours: either way the day says where lunch is had.
    unplaced = length and pending is not None
    if length and (unplaced or route.lunch is None) and flew:
        items = [_flight_lunch(item) if item.mode is TravelMode.FLIGHT else item for item in items]
        notes.append("Lunch is had at the airport or on board: the flight leaves no time for it on the ground.")
    elif unplaced and _home_for_lunch(problem, route, t):
        pass  # home in time for lunch there: none is planned
    elif unplaced and items:  # a day at the hotel has lunch where it is: nothing to say
        assert pending is not None
        at = clock_of(problem, pending, route.destination)
        notes.append(f"Lunch is had on the way, at a stop on the road about {at}.")
    if not activities:
        notes.append(_nothing_planned(problem, route, values))
    night = None if route.day == problem.trip.day_count - 1 else _point(problem, route.destination)
    where = _point(problem, route.destination)
    rise, fall = _sun(problem, route.day, route.destination, where.location)
    return Day(problem.dates[route.day], tuple(items), night, rise, fall, problem.zone_of(route.destination),
               tuple(dict.fromkeys(notes)))  # fmt: skip


def _arrive(
    problem: TripProblem,
    activity: _Activity,
    at: int,
    values: dict[str, float],
    day: int,
    items: list[Item],
    notes: list[str],
) -> int:
    """The visit the delegation reached at ``at``, added to the day; returns when it ends. A wait of more than
    an hour before it is said in the day's notes, with why."""
    if activity.start < at:
        raise AssertionError(f"the routing core's times leave no room to reach {activity.place}")
    if activity.start - at > IDLE_NOTE:
        notes.append(_idle_note(problem, activity, at, day))
    items.append(_visit(problem, activity, values.get(activity.place, 0.0), day))
    return activity.end


def _idle_note(problem: TripProblem, activity: _Activity, at: int, day: int) -> str:
    """Why the delegation waits from ``at`` until a visit starts: a meeting's fixed time, an opening hour, or
    nothing else of the day that fits the gap (the routing core collects every place's prize it can)."""
    candidate = problem.candidates[activity.place]
    since, until = clock_of(problem, at, activity.place), clock_of(problem, activity.start, activity.place)
    meeting = candidate.meeting
    name = meeting.title if meeting is not None and meeting.title else candidate.place.name
    windows = candidate.starts[day]
    starts_then = any(low == activity.start for low, _ in windows)
    if meeting is not None and all(low == high for low, high in windows):
        why = "fixed"
    elif starts_then:
        why = "window" if meeting is not None else "opens"
    else:
        why = None
    return reasons.idle_before(since, until, name, why)


def _nothing_planned(problem: TripProblem, route: DayRoute, values: dict[str, float]) -> str:
    """Why a day has no visit: its states' places are closed that day, or all seen on other days, or do not fit
    beside the day's travel and hours."""
    day, catalogue = route.day, problem.catalogue
    states = [code for code in dict.fromkeys(catalogue.place(p).state for p in (route.origin, route.destination))
              if catalogue.state(code).is_mexican]  # fmt: skip
    names = " or ".join(catalogue.state(code).name for code in states)
    members = [c for c in problem.candidates.values() if c.state in states]
    when = problem.dates[day]
    if not members:
        return reasons.TRAVEL_DAY
    open_then = [c for c in members if c.starts[day]]
    if not open_then:
        return reasons.all_closed(names, when, sorted({r for c in members if (r := c.availability[day].reason)}))
    unseen = sorted((c for c in open_then if c.id not in values), key=lambda c: (-c.worth, c.id))
    if not unseen:
        return reasons.all_seen(names, when)
    return reasons.none_fits(names, [c.place.name for c in unseen])


def _by_flight(
    problem: TripProblem,
    day: int,
    ends: tuple[str, str],
    option: FlightOption,
    between: tuple[int, int],
    pending: int | None,
    items: list[Item],
    notes: list[str],
) -> tuple[int, int | None]:
    """Lay out the way to a scheduled flight, the airports and the flight at its times, and the way on; returns
    when the delegation reaches ``destination`` and the lunch still to be had.

    The delegation leaves for the airport to be there at check-in time, not earlier; lunch is had before
    leaving when the routing core put it then, on board (or at the airport) when it falls between check-in
    and the way out, and otherwise after landing, on the way on or on arrival.
    """
    travel = problem.travel
    length = problem.trip.schedule.lunch_length
    flight = option.flight
    (origin, destination), (free, limit) = ends, between
    way_in = travel.access(origin, flight.origin) or ()
    way_out = travel.access(flight.destination, destination) or ()
    leave = option.check_in - sum(leg.minutes for leg in way_in)
    if pending is not None and max(free, pending) + length <= leave:
        start = max(free, pending)
        items.append(_lunch(problem, origin, start))
        free = start + length
        pending = None
    if leave - free > IDLE_NOTE:
        when = clock_of(problem, option.takeoff, flight.origin)
        name = problem.catalogue.place(flight.origin).name
        notes.append(
            f"Free time before leaving for the {when} flight from {name}: the schedule has no earlier one "
            "that fits the day."
        )
    t = max(free, leave)
    for leg in way_in:
        items.append(_travel(problem, leg, t, t + leg.minutes))
        t += leg.minutes
    if pending is not None and pending < option.out:
        notes.append("Lunch is had at the airport or on board: the flight leaves no time for it on the ground.")
        pending = None
    items.extend(_at_the_airports(problem, _scheduled_flight(problem, option), (t, option.takeoff),
                                  (option.landing, option.out)))  # fmt: skip
    t = option.out
    for leg in way_out:
        items.append(_travel(problem, leg, t, t + leg.minutes))
        t += leg.minutes
    if pending is not None and max(t, pending) + length <= limit and not _home_at_end(problem, day, destination):
        start = max(t, pending)
        items.append(_lunch(problem, destination, start))
        t, pending = start + length, None
    return t, pending


def _home_at_end(problem: TripProblem, day: int, place: str) -> bool:
    return day == problem.trip.day_count - 1 and place == problem.trip.origin


IDLE_NOTE = 60  # minutes of free time before a flight that the day's notes explain


def _scheduled_flight(problem: TripProblem, option: FlightOption) -> Item:
    flight = option.flight
    leg = Leg(TravelMode.FLIGHT, flight.origin, flight.destination, option.landing - option.takeoff,
              problem.travel.airport_km(flight.origin, flight.destination), TimeSource.SCHEDULED)  # fmt: skip
    item = _travel(problem, leg, option.takeoff, option.landing)
    return replace(item, carrier=flight.carrier, flight_number=flight.number)


def _at_the_airports(problem: TripProblem, flight: Item, before: Interval, after: Interval) -> list[Item]:
    """A flight between its airports' times: check-in until take-off (``before``, trip minutes), the flight
    item, and the way out from landing (``after``), longer after an international flight."""
    assert flight.origin is not None and flight.destination is not None
    origin, destination = flight.origin.place, flight.destination.place
    abroad = problem.travel.international(origin, destination)
    arrival = "Arrival: immigration, customs and baggage" if abroad else "Arrival and baggage"
    return [
        _pause(problem, origin, *before, "airport", "Check-in, security and boarding"),
        flight,
        _pause(problem, destination, *after, "airport", arrival),
    ]


def _latest_by_timetable(problem: TripProblem, journey: Journey, latest: int, arrive_by: int) -> int:
    """The latest departure, from ``latest`` on, that still arrives by ``arrive_by`` when each ferry of the
    journey is taken at its next departure rather than after its longest wait."""
    slack = sum(leg.minutes - leg.ferry.minutes for leg in journey.legs if leg.ferry is not None)
    best = latest
    for departure in range(latest, latest + slack + 1):
        arrival = _arrival(problem, journey, departure)
        if arrival is None or arrival > arrive_by:
            break
        best = departure
    return best


def _arrival(problem: TripProblem, journey: Journey, departure: int) -> int | None:
    """When a journey that leaves at ``departure`` arrives, each ferry at its next departure (``None`` when
    a ferry has none left that day)."""
    t = departure
    for leg in journey.legs:
        if leg.ferry is None:
            t += leg.minutes
            continue
        _, local = _local_minutes(problem, t, leg.origin)
        sails = leg.ferry.next_departure(local)
        if sails is None:
            return None
        t += sails - local + leg.ferry.minutes
    return t


def _home_for_lunch(problem: TripProblem, route: DayRoute, arrival: int) -> bool:
    """Whether the trip's last day brings the delegation home before lunch must start there."""
    if route.day != problem.trip.day_count - 1 or route.destination != problem.trip.origin:
        return False
    return arrival <= lunch_starts(problem, route.day, route.destination)[1]


def _lunch_stop(problem: TripProblem, day: int, journey: Journey, free: int, limit: int) -> tuple[int, int] | None:
    """Where along a journey lunch fits: (legs done before it, start). At the origin, a stop on the way
    (an airport) or the destination; the latest point that still lets the day keep its times wins, so the
    delegation travels first and eats where it arrives. Lunch never delays an open-road drive past sunset."""
    length = problem.trip.schedule.lunch_length
    stops = [journey.legs[0].origin] + [leg.destination for leg in journey.legs] if journey.legs else []
    best = None
    elapsed = 0
    home = problem.trip.origin if day == problem.trip.day_count - 1 else None
    for index, place in enumerate(stops):
        if place == home and index == len(stops) - 1:
            continue  # no lunch once the delegation is home
        low, high = lunch_starts(problem, day, place)
        start = max(free + elapsed, low)
        rest = journey.minutes - elapsed
        after = Journey(journey.legs[index:])
        dusk = latest_departure(problem, day, open_road(problem, after))
        if start <= high and start + length + rest <= limit and (dusk is None or start + length <= dusk):
            best = (index, start)
        if index < len(journey.legs):
            elapsed += journey.legs[index].minutes
    return best


def _point(problem: TripProblem, place_id: str) -> Point:
    place = problem.catalogue.place(place_id)
    assert place.location is not None
    state = _state_code(problem, place.state)
    return Point(place.id, place.name, place.location, state, problem.zone_of(place.id), place.address, place.approx)


def _state_code(problem: TripProblem, code: str) -> str | None:
    """The state code as the itinerary shows it: ``None`` for places outside Mexico."""
    return code if problem.catalogue.state(code).is_mexican else None


def _local(problem: TripProblem, minutes: int, place_id: str) -> datetime:
    return problem.clock.local(minutes, problem.zone_of(place_id))


def _travel(problem: TripProblem, leg: Leg, start: int, end: int) -> Item:
    return Item(
        type=ItemType.TRAVEL,
        start=_local(problem, start, leg.origin),
        end=_local(problem, end, leg.destination),
        mode=leg.mode,
        origin=_point(problem, leg.origin),
        destination=_point(problem, leg.destination),
        km=round(leg.km, 1),
        source=leg.source.value,
        buffer=leg.buffer,
        operator=leg.ferry.operator if leg.ferry is not None else None,
    )


def _pause(problem: TripProblem, place_id: str, start: int, end: int, kind: str, label: str) -> Item:
    place = problem.catalogue.place(place_id)
    return Item(
        type=ItemType.BREAK,
        start=_local(problem, start, place_id),
        end=_local(problem, end, place_id),
        label=label,
        break_kind=kind,
        place=place_id,
        name=place.name,
        location=place.location,
        zone=problem.zone_of(place_id),
    )


def _border(problem: TripProblem, leg: Leg, start: int, end: int) -> Item:
    into = "into the United States" if leg.northbound else "into Mexico"
    return _pause(problem, leg.origin, start, end, "border", f"Border crossing: wait to cross {into}")


def _wait(problem: TripProblem, place_id: str, start: int, end: int, label: str) -> Item:
    return _pause(problem, place_id, start, end, "wait", label)


def clock_of(problem: TripProblem, minutes: int, place_id: str) -> str:
    return _local(problem, minutes, place_id).strftime("%H:%M")


def _local_minutes(problem: TripProblem, minutes: int, place_id: str) -> tuple[int, int]:
    """A trip minute as (weekday, minutes after local midnight) at a place."""
    moment = _local(problem, minutes, place_id)
    return moment.weekday(), moment.hour * 60 + moment.minute


def _border_wait(problem: TripProblem, leg: Leg, at: int) -> int:
    """The wait at a crossing reached at ``at``: southbound on a weekday afternoon, the peak's."""
    rules = problem.trip.travel
    if leg.northbound:
        return leg.minutes
    weekday, local = _local_minutes(problem, at, leg.origin)
    if weekday < 5 and local >= rules.border_peak_from:
        return max(leg.minutes, rules.border_south_peak)
    return leg.minutes


def _before_peak(problem: TripProblem, day: int, journey: Journey, latest: int) -> int:
    """The latest departure (no later than ``latest``) that reaches a southbound crossing before the peak."""
    elapsed = 0
    for leg in journey.legs:
        if leg.pause == BORDER and not leg.northbound:
            weekday, local = _local_minutes(problem, latest + elapsed, leg.origin)
            peak = problem.trip.travel.border_peak_from
            if weekday < 5 and local >= peak:
                return latest - (local - peak) - 1
            return latest
        elapsed += leg.minutes
    return latest


def _peak_note(problem: TripProblem, leg: Leg, at: int, wait: int) -> str:
    when = clock_of(problem, at, leg.origin)
    name = problem.catalogue.place(leg.origin).name
    return (f"The crossing at {name} is reached at {when}, in the weekday afternoon's peak: southbound waits of "
            f"{wait // 60} h or more are common then, longer than the {leg.minutes} min timed here.")  # fmt: skip


def _ferry_departure(problem: TripProblem, leg: Leg, at: int) -> tuple[int, str | None]:
    """The departure a ferry leg takes when the delegation reaches the port at ``at``, with a note when the
    timetable leaves no crossing that fits the time the routing core allowed for it."""
    ferry = leg.ferry
    assert ferry is not None
    _, local = _local_minutes(problem, at, leg.origin)
    departs = ferry.next_departure(local)
    if departs is not None and departs - local + ferry.minutes <= leg.minutes:
        return at + departs - local, None
    name = problem.catalogue.place(leg.origin).name
    return at, f"Check the ferry from {name}: the timetable has no crossing at {clock_of(problem, at, leg.origin)}."


def _lunch(problem: TripProblem, place: str, start: int) -> Item:
    length = problem.trip.schedule.lunch_length
    return Item(
        type=ItemType.BREAK,
        start=_local(problem, start, place),
        end=_local(problem, start + length, place),
        label="Lunch",
        break_kind="lunch",
        place=place,
        name=problem.catalogue.place(place).name,
        zone=problem.zone_of(place),
    )


def _flight_lunch(item: Item) -> Item:
    return replace(item, label="lunch at the airport or on board")


def _visit(problem: TripProblem, activity: _Activity, value: float, day: int) -> Item:
    candidate = problem.candidates[activity.place]
    place = candidate.place
    assert place.location is not None
    tz = problem.zone_of(place.id)
    window = _window(problem, activity, day)
    meeting = candidate.meeting
    return Item(
        type=ItemType.MEETING if meeting else ItemType.VISIT,
        start=problem.clock.local(activity.start, tz),
        end=problem.clock.local(activity.end, tz),
        place=place.id,
        name=place.name,
        state=_state_code(problem, place.state),
        location=place.location,
        value=value,  # rounded once, when written: rounding here would make the items' sum drift
        window=(problem.clock.local(window[0], tz), problem.clock.local(window[1], tz)),
        kind=place.kind.value,
        title=meeting.title if meeting else None,
        zone=tz,
        address=place.address,
        approx=place.approx,
        contact=place.contact,
        permits=place.permits,
        notes=place.notes,
    )


def _window(problem: TripProblem, activity: _Activity, day: int) -> tuple[int, int]:
    """The opening interval (after holidays, daylight and the meeting's window) the activity fits in."""
    candidate = problem.candidates[activity.place]
    when = problem.dates[day]
    tz = problem.zone_of(candidate.id)
    intervals = candidate.availability[day].windows
    meeting = candidate.meeting
    for low, high in intervals:
        if meeting is not None:
            low, high = max(low, meeting.window[0]), min(high, meeting.window[1])
        start = problem.clock.minutes(when, low, tz)
        end = problem.clock.minutes(when, high, tz)
        if start <= activity.start and activity.end <= end:
            return start, end
    return activity.start, activity.end


def _sun(problem: TripProblem, day: int, place_id: str, where: Coordinates) -> tuple[datetime, datetime]:
    tz = problem.zone_of(place_id)
    when = problem.dates[day]
    rise, fall = daylight(where, when, tz)
    return problem.clock.local(problem.clock.minutes(when, rise, tz), tz), problem.clock.local(
        problem.clock.minutes(when, fall, tz), tz
    )
