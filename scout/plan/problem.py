"""From a catalogue and a trip request to the planner's problem: candidates, windows and travel times.

Everything calendar-shaped (weekday hours, holidays, daylight, time zones, the daily schedule) becomes
integer windows here, in minutes after the trip's first midnight UTC ("trip minutes"), so the optimiser
never sees a date. Requests that cannot be met at all are refused here, with every conflict named.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from types import MappingProxyType

from scout.calendar import Availability, availability
from scout.errors import ImpossibleRequestError
from scout.geo.floors import TravelFloor
from scout.geo.travel import Journey, TravelPlanner
from scout.model import Catalogue, Interval, Kind, Meeting, Place, TripRequest
from scout.plan import reasons
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
    hotels: Mapping[str, tuple[str, ...]]  # per candidate state, where its nights may be spent (see bases)

    @property
    def dates(self) -> tuple[date, ...]:
        return self.trip.dates

    def zone_of(self, place_id: str) -> str:
        return self.catalogue.time_zone_of(self.catalogue.place(place_id))

    def base(self, state: str) -> str:
        """The state's default base: where its nights are spent unless the planner or the trip moves them."""
        return self.bases(state)[0]

    def bases(self, state: str) -> tuple[str, ...]:
        """Every hotel a night in the state may be spent at: its bases with coordinates, the default first,
        then the hotels the trip fixes for a night there."""
        return self.hotels[state]

    def journey(self, origin: str, destination: str) -> Journey:
        """The fastest journey between two places (see :mod:`scout.geo.travel`)."""
        return self.travel.journey(origin, destination)

    def minutes(self, origin: str, destination: str) -> int:
        return self.travel.journey(origin, destination).minutes

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
        if not _bases(catalogue, trip, state.code):
            if state.code in trip.include_states:
                conflicts.append(f"state {state.name} is included but none of its bases has coordinates")
            continue
        states.append(state.code)
    for night in trip.nights:
        hotel = catalogue.place(night.hotel)
        if hotel.location is None:
            conflicts.append(f"the hotel of the night of {night.date}, {hotel.name}, has no coordinates yet")
        elif hotel.state in trip.exclude_states:
            name = catalogue.state(hotel.state).name
            conflicts.append(f"the hotel of the night of {night.date}, {hotel.name}, is in {name}, which the trip "
                             "excludes")  # fmt: skip

    for place_id in sorted(required_places):
        place = catalogue.place(place_id)
        what = reasons.what(place, meetings.get(place_id))
        state = catalogue.state(place.state)
        if place.state in trip.exclude_states:
            conflicts.append(f"{what} is in {state.name}, which the trip excludes")
        elif not state.is_mexican:
            conflicts.append(f"{what} is not in a Mexican state")
        elif place.location is None:
            conflicts.append(f"{what} has no coordinates yet (run scout geocode)")
        elif place.kind.is_logistics:
            conflicts.append(f"{what} is a {place.kind.label}, not a place to visit")

    required_states = (
        frozenset(trip.include_states)
        | frozenset(catalogue.place(place_id).state for place_id in required_places)
        | frozenset(catalogue.place(night.hotel).state for night in trip.nights)
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

    if origin.location is not None:
        conflicts.extend(_unlinked(catalogue, trip, travel, states, required_states))

    candidates: dict[str, Candidate] = {}
    excluded: list[Excluded] = []
    for place in catalogue.places:
        if place.state not in states or place.kind.is_logistics:
            continue
        if place.id in trip.avoid:
            excluded.append(Excluded(place, reasons.AVOIDED))
            continue
        if place.location is None:
            excluded.append(Excluded(place, reasons.NOT_GEOCODED))
            continue
        worth = place.value * interest_weight(trip, place.kind)
        required = place.id in required_places
        if worth <= 0 and not required:
            excluded.append(Excluded(place, reasons.NO_INTEREST))
            continue
        candidate = _candidate(place, worth, required, meetings.get(place.id), catalogue, trip, clock)
        if not candidate.open_days():
            if required:
                conflicts.append(_never_open(candidate, trip))
                continue
            excluded.append(Excluded(place, _closed_reason(candidate)))
            continue
        candidates[place.id] = candidate

    problem = TripProblem(
        catalogue=catalogue,
        trip=trip,
        clock=clock,
        travel=travel,
        states=tuple(states),
        candidates=candidates,
        excluded=excluded,
        required_states=required_states,
        floor=TravelFloor(travel),
        hotels=MappingProxyType({code: _bases(catalogue, trip, code) for code in states}),
    )
    from scout.plan.reach import out_of_reach  # it reads the day's rules, which read the problem

    far = out_of_reach(problem) if origin.location is not None else {}
    for place_id, reason in far.items():
        candidate = candidates[place_id]
        if candidate.required:
            conflicts.append(f"{reasons.what(candidate.place, candidate.meeting)} is {reason}")
    if conflicts:
        raise ImpossibleRequestError("the trip cannot be planned as asked", conflicts)
    kept = {place_id: c for place_id, c in candidates.items() if place_id not in far}
    dropped = [Excluded(candidates[place_id].place, reason) for place_id, reason in far.items()]
    return replace(problem, candidates=kept, excluded=[*excluded, *dropped])


def _bases(catalogue: Catalogue, trip: TripRequest, state: str) -> tuple[str, ...]:
    listed = [*catalogue.state(state).bases, *(n.hotel for n in trip.nights if catalogue.place(n.hotel).state == state)]
    return tuple(p for p in dict.fromkeys(listed) if catalogue.place(p).location is not None)


def _unlinked(
    catalogue: Catalogue, trip: TripRequest, travel: TravelPlanner, states: list[str], required: frozenset[str]
) -> list[str]:
    """The required states that no way into a day joins to the origin, directly or through one other state:
    no listed flight between their airports and no road or ferry within the day's travel limit."""
    limit = trip.schedule.max_travel
    points = {code: _bases(catalogue, trip, code) for code in states}  # a day may wake or sleep at any base
    home = (trip.origin,)

    def linked(ends: tuple[str, ...], others: tuple[str, ...]) -> bool:
        for a in ends:
            for b in others:
                free = travel.free_journey(a, b)
                if free is not None and free.minutes <= limit:
                    return True
                if any(travel.scheduled(p, q) for p in travel.airports_for(a) for q in travel.airports_for(b)):
                    return True
        return False

    found = []
    via = trip.state_count.high >= 2
    for code in sorted(required):
        bases = points.get(code)
        if not bases:
            continue
        others = [points[c] for c in states if c != code]
        into = linked(home, bases) or (via and any(linked(home, o) and linked(o, bases) for o in others))
        back = linked(bases, home) or (via and any(linked(bases, o) and linked(o, home) for o in others))
        if not (into and back):
            way = "to" if not into else "back from"
            name = catalogue.state(code).name
            found.append(
                f"no listed flight and no drive within a day's travel leads from {catalogue.place(trip.origin).name} "
                f"{way} {name}, directly or through another state (data/flights.yaml lists the flights; "
                "travel.assume_flights or --assume-flights plans with estimated ones)"
            )
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
    found = [a.reason for a in candidate.availability if a.reason]
    return reasons.closed_every_day(found, candidate.duration)


def _never_open(candidate: Candidate, trip: TripRequest) -> str:
    meeting = candidate.meeting
    if meeting is not None and meeting.date is not None:
        day = trip.dates.index(meeting.date)
        return reasons.meeting_day_closed(candidate.place, meeting.date, candidate.availability[day].reason)
    return reasons.never_open(candidate.place, meeting, _closed_reason(candidate))
