"""From a catalogue and a trip request to the planner's problem: candidates, windows and travel times.

Everything calendar-shaped (weekday hours, holidays, daylight, time zones, the daily schedule) becomes
integer windows here, in minutes after the trip's first midnight UTC ("trip minutes"), so the optimiser
never sees a date. Requests that cannot be met at all are refused here, with every conflict named.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from scout.calendar import Availability, availability
from scout.errors import ImpossibleRequestError
from scout.geo.travel import Journey, TravelPlanner
from scout.model import Catalogue, Interval, Kind, Meeting, Place, TripRequest
from scout.plan.reach import TravelFloor, out_of_reach
from scout.timezones import zone


class TripClock:
    """Converts between local clock times of a zone and trip minutes (minutes after day 0, 00:00 UTC)."""

    def __init__(self, first_day: date) -> None:
        self.epoch = datetime.combine(first_day, time(0), tzinfo=UTC)
        self.first_day = first_day

    def minutes(self, day: date, local_minutes: int, time_zone: str) -> int:
        """Trip minutes of ``local_minutes`` after local midnight of ``day`` in ``time_zone``."""
        midnight = datetime.combine(day, time(0), tzinfo=zone(time_zone))
        moment = midnight + timedelta(minutes=local_minutes)
        # Adding a timedelta to an aware datetime keeps its wall-clock offset; re-resolve it so that the
        # day a clock changes is handled by the zone's rules.
        moment = moment.replace(tzinfo=None).replace(tzinfo=zone(time_zone))
        return round((moment - self.epoch).total_seconds() / 60)

    def local(self, trip_minutes: int, time_zone: str) -> datetime:
        """The aware local datetime of a moment given in trip minutes."""
        return (self.epoch + timedelta(minutes=trip_minutes)).astimezone(zone(time_zone))


@dataclass(frozen=True)
class Candidate:
    """A place the trip could include, with what it is worth and when it can be visited."""

    place: Place
    worth: float  # catalogue value times the trip's interest weight
    duration: int  # minutes on site (a meeting's length for meetings)
    starts: tuple[tuple[Interval, ...], ...]  # per trip day: intervals in which the visit may start
    availability: tuple[Availability, ...]  # per trip day, for explanations
    required: bool  # must visit, or a meeting
    meeting: Meeting | None

    @property
    def id(self) -> str:
        return self.place.id

    @property
    def state(self) -> str:
        return self.place.state

    @property
    def kind(self) -> Kind:
        return self.place.kind

    def open_days(self) -> list[int]:
        return [day for day, starts in enumerate(self.starts) if starts]


@dataclass(frozen=True)
class Excluded:
    """A place of a candidate state that the trip cannot use at all, and why."""

    place: Place
    reason: str


@dataclass(frozen=True)
class TripProblem:
    """Everything the optimiser needs, with calendar rules already turned into trip-minute windows."""

    catalogue: Catalogue
    trip: TripRequest
    clock: TripClock
    travel: TravelPlanner
    states: tuple[str, ...]  # candidate state codes, catalogue order
    candidates: dict[str, Candidate]  # by place id
    excluded: list[Excluded]
    required_states: frozenset[str]
    floor: TravelFloor  # least travel times, for bounds

    @property
    def dates(self) -> tuple[date, ...]:
        return self.trip.dates

    def zone_of(self, place_id: str) -> str:
        return self.catalogue.time_zone_of(self.catalogue.place(place_id))

    def base(self, state: str) -> str:
        base = self.catalogue.state(state).base
        assert base is not None  # candidate states have a base (checked when built)
        return base

    def journey(self, origin: str, destination: str) -> Journey:
        return self.travel.journey(origin, destination)

    def minutes(self, origin: str, destination: str) -> int:
        return self.travel.journey(origin, destination).minutes

    def day_bounds(self, day: int, place_id: str) -> Interval:
        """The schedule's start and end of ``day`` in trip minutes, in the local time of a place."""
        schedule = self.trip.schedule
        tz = self.zone_of(place_id)
        when = self.dates[day]
        return self.clock.minutes(when, schedule.start, tz), self.clock.minutes(when, schedule.end, tz)

    def lunch_starts(self, day: int, place_id: str) -> Interval:
        """When lunch may start on ``day`` if taken at a place, in trip minutes."""
        schedule = self.trip.schedule
        low, high = schedule.lunch_window
        tz = self.zone_of(place_id)
        when = self.dates[day]
        return self.clock.minutes(when, low, tz), self.clock.minutes(when, high - schedule.lunch_length, tz)

    def in_state(self, state: str) -> Iterable[Candidate]:
        return (c for c in self.candidates.values() if c.state == state)


def interest_weight(trip: TripRequest, kind: Kind) -> float:
    """The trip's weight for a kind: its own, else its group's, else 1."""
    if kind.value in trip.interests:
        return trip.interests[kind.value]
    group = kind.group.name.lower()
    return trip.interests.get(group, 1.0)


def build_problem(catalogue: Catalogue, trip: TripRequest, travel: TravelPlanner) -> TripProblem:
    """Turn a request into windows and candidates, refusing it if it cannot be met at all.

    Raises
    ------
    ImpossibleRequestError
        Naming every conflict found (too few days for the states, a meeting at a closed office, a
        must-visit in an excluded state...).
    """
    conflicts: list[str] = []
    clock = TripClock(trip.start)
    meetings = {meeting.place: meeting for meeting in trip.meetings}
    required_places = set(trip.must_visit) | set(meetings)
    origin = catalogue.place(trip.origin)
    if origin.location is None:
        conflicts.append(f"the origin {origin.name} has no coordinates")

    states: list[str] = []
    for state in catalogue.states:
        if not state.is_mexican or state.code in trip.exclude_states:
            continue
        base = catalogue.place(state.base) if state.base else None
        if base is None or base.location is None:
            if state.code in trip.include_states:
                conflicts.append(f"state {state.name} is included but its base has no coordinates")
            continue
        states.append(state.code)

    for place_id in sorted(required_places):
        place = catalogue.place(place_id)
        what = "meeting at" if place_id in meetings else "must-visit place"
        state = catalogue.state(place.state)
        if place.state in trip.exclude_states:
            conflicts.append(f"{what} {place.name} is in {state.name}, which the trip excludes")
        elif not state.is_mexican:
            conflicts.append(f"{what} {place.name} is not in a Mexican state")
        elif place.location is None:
            conflicts.append(f"{what} {place.name} has no coordinates yet (run scout geocode)")
        elif place.kind.is_logistics:
            conflicts.append(f"{what} {place.name} is a {place.kind.label}, not a place to visit")

    required_states = frozenset(trip.include_states) | frozenset(
        catalogue.place(place_id).state for place_id in required_places
    )
    low, high = trip.state_count.low, trip.state_count.high
    nights = trip.day_count - 1
    if low > nights:
        conflicts.append(
            f"{low} states need at least {low + 1} days (a night in each), but the trip has {trip.day_count}"
        )
    if len(required_states) > high:
        names = ", ".join(sorted(required_states))
        conflicts.append(f"the trip asks for at most {high} states but its meetings, must-visits and includes "
                         f"need {len(required_states)} ({names})")  # fmt: skip
    if len(required_states) > nights:
        conflicts.append(f"{len(required_states)} required states need at least {len(required_states) + 1} days")
    if len(states) < low:
        conflicts.append(f"only {len(states)} states can be visited, fewer than the {low} asked for")

    candidates: dict[str, Candidate] = {}
    excluded: list[Excluded] = []
    for place in catalogue.places:
        if place.state not in states or place.kind.is_logistics:
            continue
        if place.id in trip.avoid:
            excluded.append(Excluded(place, "excluded by the trip (avoid)"))
            continue
        if place.location is None:
            excluded.append(Excluded(place, "no coordinates yet: run scout geocode"))
            continue
        worth = place.value * interest_weight(trip, place.kind)
        required = place.id in required_places
        if worth <= 0 and not required:
            excluded.append(Excluded(place, "not among the trip's interests (weight 0)"))
            continue
        candidate = _candidate(place, worth, required, meetings.get(place.id), catalogue, trip, clock)
        if not candidate.open_days():
            if required:
                conflicts.append(_never_open(candidate, trip))
                continue
            excluded.append(Excluded(place, _closed_reason(candidate)))
            continue
        candidates[place.id] = candidate

    floor = TravelFloor(travel)
    if origin.location is not None:
        for place_id, reason in _out_of_reach(catalogue, trip, clock, floor, states, candidates).items():
            candidate = candidates.pop(place_id)
            if candidate.required:
                what = "meeting at" if candidate.meeting else "must-visit place"
                conflicts.append(f"{what} {candidate.place.name} is {reason}")
            else:
                excluded.append(Excluded(candidate.place, reason))

    if conflicts:
        raise ImpossibleRequestError("the trip cannot be planned as asked", conflicts)
    return TripProblem(
        catalogue=catalogue,
        trip=trip,
        clock=clock,
        travel=travel,
        states=tuple(states),
        candidates=candidates,
        excluded=excluded,
        required_states=required_states,
        floor=floor,
    )


def _out_of_reach(
    catalogue: Catalogue,
    trip: TripRequest,
    clock: TripClock,
    floor: TravelFloor,
    states: list[str],
    candidates: dict[str, Candidate],
) -> dict[str, str]:
    """The candidates no day can include, whatever the states and their order, with why."""
    bases = [catalogue.state(code).base for code in states]
    points = [trip.origin, *(base for base in bases if base is not None)]
    schedule = trip.schedule
    zones = {catalogue.time_zone_of(catalogue.place(point)) for point in points}
    days = [
        (min(clock.minutes(when, schedule.start, tz) for tz in zones),
         max(clock.minutes(when, schedule.end, tz) for tz in zones))
        for when in trip.dates
    ]  # fmt: skip
    found = {}
    for candidate in candidates.values():
        base = catalogue.state(candidate.state).base
        assert base is not None  # candidates are in states with a base
        far = out_of_reach(floor, candidate.id, base, points, candidate.duration, candidate.starts, days,
                           schedule.max_travel)  # fmt: skip
        if far is not None:
            found[candidate.id] = far
    return found


def _candidate(
    place: Place,
    worth: float,
    required: bool,
    meeting: Meeting | None,
    catalogue: Catalogue,
    trip: TripRequest,
    clock: TripClock,
) -> Candidate:
    tz = catalogue.time_zone_of(place)
    duration = meeting.length if meeting else place.duration
    schedule = trip.schedule
    starts: list[tuple[Interval, ...]] = []
    availabilities: list[Availability] = []
    for when in trip.dates:
        open_now = availability(place, when, tz)
        windows = open_now.windows
        limit = (schedule.start, schedule.end)
        if meeting is not None:
            if meeting.date is not None and meeting.date != when:
                windows = ()
            limit = (max(limit[0], meeting.window[0]), min(limit[1], meeting.window[1]))
        day_starts = []
        for low, high in windows:
            a, b = max(low, limit[0]), min(high, limit[1]) - duration
            if a <= b:
                day_starts.append((clock.minutes(when, a, tz), clock.minutes(when, b, tz)))
        starts.append(tuple(day_starts))
        availabilities.append(open_now)
    return Candidate(place, worth, duration, tuple(starts), tuple(availabilities), required, meeting)


def _closed_reason(candidate: Candidate) -> str:
    reasons = sorted({a.reason for a in candidate.availability if a.reason})
    if reasons:
        return "closed on every day of the trip: " + "; ".join(reasons)
    return f"open too briefly on the trip's days for a {candidate.duration}-minute visit within the schedule"


def _never_open(candidate: Candidate, trip: TripRequest) -> str:
    place = candidate.place
    meeting = candidate.meeting
    if meeting is not None and meeting.date is not None:
        day = trip.dates.index(meeting.date)
        reason = candidate.availability[day].reason
        when = f"{meeting.date:%a %d %b %Y}"
        if reason:
            return f"meeting at {place.name} on {when}: {place.name} is {reason}"
        return f"meeting at {place.name} on {when}: its window does not fit the opening hours or the daily schedule"
    what = "meeting at" if meeting else "must-visit place"
    return f"{what} {place.name} cannot be visited on any day of the trip: {_closed_reason(candidate)}"
