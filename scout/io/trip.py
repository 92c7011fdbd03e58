"""Trip files (``trips/*.yaml``) to a :class:`scout.model.TripRequest`, checked against the catalogue.

The format is documented in ``docs/trips.md``. This module checks form and references (dates, times,
places and states that exist); whether the request can be met at all is the planner's question.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from scout.io.fields import Fields, Report, did_you_mean, sub_mapping, type_name
from scout.io.values import as_date, parse_duration, parse_intervals, parse_time_of_day
from scout.io.yamlfile import Mark, mark_of, read_yaml
from scout.model import (
    Catalogue,
    DailySchedule,
    HotelNight,
    KindGroup,
    Meeting,
    SolverSettings,
    StateCount,
    TravelAssumptions,
    TripRequest,
)
from scout.model.catalogue import Kind

FIRST_DATE = date(2000, 1, 1)
LAST_DATE = date(2100, 12, 31)
MAX_DAYS = 60
TRIP_KEYS = (
    "name",
    "start",
    "days",
    "end",
    "origin",
    "states",
    "schedule",
    "interests",
    "variety",
    "must_visit",
    "avoid",
    "meetings",
    "nights",
    "travel",
    "solver",
)
STATES_KEYS = ("count", "include", "exclude")
SCHEDULE_KEYS = ("start", "end", "lunch", "lunch_length", "max_travel", "night_driving")
MEETING_KEYS = ("place", "date", "at", "window", "length", "title")
NIGHT_KEYS = ("date", "hotel")
TRAVEL_KEYS = (
    "road_speed",
    "detour",
    "flight_speed",
    "airport_before",
    "airport_after",
    "airport_before_international",
    "airport_after_international",
    "assume_flights",
    "border_crossing",
    "walk_below_km",
    "min_flight_km",
    "buffer",
    "same_site",
    "city_factor",
    "border",
)
BORDER_KEYS = ("southbound", "southbound_peak", "peak_from", "northbound")
SOLVER_KEYS = ("time_limit", "seed")
_COUNT = re.compile(r"^\s*(\d{1,9})\s*(?:-\s*(\d{1,9}))?\s*$")  # bounded: int() refuses 4,301 digits
_SECONDS = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*s?\s*$")
INTEREST_KEYS = tuple(kind.value for kind in Kind if not kind.is_logistics) + tuple(
    group.name.lower() for group in KindGroup if group is not KindGroup.LOGISTICS
)


def load_trip(path: Path, catalogue: Catalogue, display: str | None = None) -> TripRequest:
    """Read and check the trip file at ``path`` against ``catalogue``.

    Raises
    ------
    InputError
        With every problem in the file.
    """
    name = display or str(path)
    return parse_trip(read_yaml(path, name), catalogue, name)


def parse_trip(data: Any, catalogue: Catalogue, file: str | None = None) -> TripRequest:
    """Check trip data (as read from YAML) against ``catalogue`` and build the :class:`TripRequest`."""
    report = Report(file)
    if not isinstance(data, Mapping):
        where = mark_of(data) or Mark(1, 1)  # a document that is a single value (or nothing) starts the file
        report.add(where, f"the trip is {type_name(data)}", "a mapping with keys such as name, start, days")
        report.raise_if_any()
    reader = _TripReader(report, catalogue)
    trip = reader.read(data)
    report.raise_if_any()
    assert trip is not None  # every path that returns None records a problem
    return trip


class _TripReader:
    def __init__(self, report: Report, catalogue: Catalogue) -> None:
        self.report = report
        self.catalogue = catalogue

    def read(self, data: Mapping[Any, Any]) -> TripRequest | None:
        f = Fields(self.report, data, "the trip", TRIP_KEYS, required=("name", "start", "origin"))
        name = f.text("name")
        start = self._date(f, "start")
        day_count = self._day_count(f, start)
        origin = self._place(f, "origin")
        schedule = self._schedule(f)
        count, include, exclude = self._states(f)
        variety = f.number("variety", low=0.01, high=1)
        interests = self._interests(f)
        must_visit = self._places(f, "must_visit")
        avoid = self._places(f, "avoid")
        for place_id in sorted(set(must_visit) & set(avoid)):
            f.error("avoid", f"place {place_id!r} is also in must_visit", "a place in one list or the other")
        meetings = self._meetings(f, start, day_count, schedule)
        nights = self._nights(f, start, day_count)
        travel = self._travel(f)
        solver = self._solver(f)
        if name is None or start is None or day_count is None or origin is None or schedule is None:
            return None
        return TripRequest(
            name=name,
            start=start,
            day_count=day_count,
            origin=origin,
            state_count=count,
            include_states=include,
            exclude_states=exclude,
            schedule=schedule,
            interests=interests,
            must_visit=must_visit,
            avoid=avoid,
            meetings=meetings,
            nights=nights,
            travel=travel,
            solver=solver,
            variety=variety if variety is not None else 0.5,
        )

    def _date(self, f: Fields, key: str) -> date | None:
        value = f.data.get(key)
        if value is None:
            return None
        parsed = as_date(value)
        if parsed is not None:
            return parsed
        f.error(key, f"found {type_name(value)}", "a date as YYYY-MM-DD")
        return None

    def _day_count(self, f: Fields, start: date | None) -> int | None:
        days = f.integer("days", low=1, high=MAX_DAYS)
        end = self._date(f, "end")
        if start is not None and not FIRST_DATE <= start <= LAST_DATE:
            # Holidays, daylight and time-zone rules are only known (or only meaningful) for these years.
            expected = f"a date from {FIRST_DATE} to {LAST_DATE}"
            f.error("start", f"{start} is outside the years scout plans for", expected)
            return None
        if days is not None and end is not None and start is not None and start + timedelta(days=days - 1) != end:
            f.error("end", f"{end} does not match {days} days from {start}", "either days or end, not both")
            return None
        if not f.has("days") and not f.has("end"):
            self.report.add(f.mark, "the trip has neither 'days' nor 'end'", "days: N or end: YYYY-MM-DD")
            return None
        if days is not None:
            return days
        if end is not None and start is not None:
            count = (end - start).days + 1
            if not 1 <= count <= MAX_DAYS:
                f.error(
                    "end", f"{end} gives a trip of {count} days", f"an end date from the start to {MAX_DAYS} days on"
                )
                return None
            return count
        return None

    def _place(self, f: Fields, key: str, value: object = None, mark: Mark | None = None) -> str | None:
        place_id = f.text(key) if value is None else value
        if place_id is None:
            return None
        if not isinstance(place_id, str):
            self.report.add(mark, f"{key} of {f.context}: found {type_name(place_id)}", "a place id")
            return None
        if not self.catalogue.has_place(place_id):
            ids = [place.id for place in self.catalogue.places]
            where = mark or f.value_mark(key)
            self.report.add(
                where,
                f"{key} of {f.context}: unknown place {place_id!r}",
                "a place id of the catalogue",
                did_you_mean(place_id, ids),
            )
            return None
        return place_id

    def _places(self, f: Fields, key: str) -> tuple[str, ...]:
        found: list[str] = []
        for item, mark in f.items(key):
            place_id = self._place(f, key, item, mark)
            if place_id is not None:
                if place_id in found:
                    self.report.add(mark, f"{key} of the trip: {place_id!r} is listed twice", "each place once")
                else:
                    found.append(place_id)
        return tuple(found)

    def _states(self, f: Fields) -> tuple[StateCount, tuple[str, ...], tuple[str, ...]]:
        table = f.mapping("states")
        if table is None:
            return StateCount(), (), ()
        s = Fields(self.report, table, "states of the trip", STATES_KEYS)
        count = StateCount()
        raw = table.get("count")
        if raw is not None:
            match = _COUNT.match(str(raw)) if isinstance(raw, (int, str)) and not isinstance(raw, bool) else None
            low = int(match[1]) if match else 0
            high = int(match[2] or match[1]) if match else 0
            if match and 1 <= low <= high <= 32:
                count = StateCount(low, high)
            else:
                s.error(
                    "count", f"{type_name(raw)} is not valid", "a number of states such as 2, or a range such as 2-3"
                )
        codes = [state.code for state in self.catalogue.states if state.is_mexican]
        lists: dict[str, tuple[str, ...]] = {}
        for key in ("include", "exclude"):
            found: list[str] = []
            for item, mark in s.items(key):
                code = item.upper() if isinstance(item, str) else item
                if code not in codes:
                    self.report.add(
                        mark,
                        f"{key} of the trip's states: unknown state {item!r}",
                        "a Mexican state code",
                        did_you_mean(str(code), codes),
                    )
                elif code not in found:
                    found.append(code)
            lists[key] = tuple(found)
        for code in sorted(set(lists["include"]) & set(lists["exclude"])):
            s.error("exclude", f"state {code!r} is also included", "a state in include or exclude, not both")
        return count, lists["include"], lists["exclude"]

    def _schedule(self, f: Fields) -> DailySchedule | None:
        table = f.mapping("schedule")
        default = DailySchedule()
        if table is None:
            return None if f.has("schedule") else default
        s = Fields(self.report, table, "the schedule", SCHEDULE_KEYS)
        start = s.parsed("start", parse_time_of_day)
        end = s.parsed("end", lambda v: parse_time_of_day(v, allow_midnight_end=True))
        lunch = s.parsed("lunch", _one_interval)
        lunch_length = s.parsed("lunch_length", parse_duration)
        max_travel = s.parsed("max_travel", parse_duration)
        night_driving = s.boolean("night_driving")
        bad = any(
            s.has(key) and value is None
            for key, value in (
                ("start", start),
                ("end", end),
                ("lunch", lunch),
                ("lunch_length", lunch_length),
                ("max_travel", max_travel),
                ("night_driving", night_driving),
            )
        )
        if bad:
            return None
        try:
            return DailySchedule(
                start=start if start is not None else default.start,
                end=end if end is not None else default.end,
                lunch_window=lunch if lunch is not None else default.lunch_window,
                lunch_length=lunch_length if lunch_length is not None else default.lunch_length,
                max_travel=max_travel if max_travel is not None else default.max_travel,
                night_driving=night_driving if night_driving is not None else default.night_driving,
            )
        except ValueError as error:
            self.report.add(s.mark, f"the schedule does not fit together: {error}")
            return None

    def _interests(self, f: Fields) -> dict[str, float]:
        table = f.mapping("interests")
        if table is None:
            return {}
        weights: dict[str, float] = {}
        marks = getattr(table, "key_marks", {})
        for key in table:
            name = key.strip().lower().replace("_", "-") if isinstance(key, str) else key
            if name not in INTEREST_KEYS:
                self.report.add(
                    marks.get(key, f.value_mark("interests")),
                    f"interests of the trip: unknown kind {key!r}",
                    "a kind of place (such as studio, desert) or a group (landscape, built, industry, institution)",
                    did_you_mean(str(key), INTEREST_KEYS),
                )
                continue
            weight = table[key]
            if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not 0 <= weight <= 100:
                where = getattr(table, "value_marks", {}).get(key, f.value_mark("interests"))
                self.report.add(
                    where, f"interests of the trip: {key}: found {type_name(weight)}", "a number from 0 to 100"
                )
                continue
            weights[name] = float(weight)
        return weights

    def _entries(
        self, f: Fields, key: str, label: str, keys: tuple[str, ...], required: tuple[str, ...]
    ) -> Iterator[Fields]:
        """The mappings of a list such as ``meetings``, each as its fields (``meeting 2``); an item that is no
        mapping is reported and skipped."""
        for index, (item, mark) in enumerate(f.items(key), start=1):
            body = sub_mapping(self.report, item, mark, f"{label} {index}")
            if body is not None:
                yield Fields(self.report, body, f"{label} {index}", keys, required=required)

    def _nights(self, f: Fields, start: date | None, day_count: int | None) -> tuple[HotelNight, ...]:
        """The nights whose hotel the trip fixes: each a date of the trip but its last, and a hotel (or city)
        of a Mexican state."""
        nights: list[HotelNight] = []
        for n in self._entries(f, "nights", "night", NIGHT_KEYS, ("date", "hotel")):
            when = self._date(n, "date")
            hotel = self._place(n, "hotel")
            if hotel is not None:
                place = self.catalogue.place(hotel)
                state = self.catalogue.state(place.state) if self.catalogue.has_state(place.state) else None
                if not place.kind.is_base:
                    n.error("hotel", f"place {hotel!r} is a {place.kind.label}", "a place of kind hotel or city")
                    hotel = None
                elif state is None or not state.is_mexican:
                    n.error("hotel", f"place {hotel!r} is not in a Mexican state", "a hotel in Mexico")
                    hotel = None
            if when is not None and start is not None and day_count is not None:
                last = start + timedelta(days=day_count - 2)
                if not start <= when <= last:
                    expected = f"the date of a night of the trip, from {start} to {last}"
                    n.error("date", f"{when} is not a night of the trip", expected)
                    when = None
                elif any(other.date == when for other in nights):
                    n.error("date", f"the night of {when} is given twice", "each night once")
                    when = None
            if when is not None and hotel is not None:
                nights.append(HotelNight(when, hotel))
        return tuple(sorted(nights, key=lambda night: night.date))

    def _meetings(
        self, f: Fields, start: date | None, day_count: int | None, schedule: DailySchedule | None
    ) -> tuple[Meeting, ...]:
        meetings: list[Meeting] = []
        for m in self._entries(f, "meetings", "meeting", MEETING_KEYS, ("place", "length")):
            place = self._place(m, "place")
            when = self._date(m, "date")
            length = m.parsed("length", parse_duration)
            at = m.parsed("at", parse_time_of_day)
            window = m.parsed("window", _one_interval)
            if m.has("at") and m.has("window"):
                m.error("window", "is given together with 'at'", "either a time (at) or a window, not both")
                continue
            if when is not None and start is not None and day_count is not None:
                last = start + timedelta(days=day_count - 1)
                if not start <= when <= last:
                    m.error("date", f"{when} is outside the trip", f"a date from {start} to {last}")
                    continue
            if place is None or length is None or (m.has("at") and at is None) or (m.has("window") and window is None):
                continue
            if at is not None:
                window = (at, at + length)
            elif window is None:  # any time of the working day
                day = schedule or DailySchedule()
                window = (day.start, day.end)
            if window[1] - window[0] < length:
                m.error(
                    "length", f"{length} minutes do not fit in the window", "a window at least as long as the meeting"
                )
                continue
            if schedule is not None and (window[0] < schedule.start or window[1] > schedule.end):
                m.error(
                    "at" if at is not None else "window",
                    "falls outside the daily schedule",
                    "a time within the schedule's start and end",
                )
                continue
            meetings.append(Meeting(place=place, length=length, window=window, date=when, title=m.text("title")))
        return tuple(meetings)

    def _travel(self, f: Fields) -> TravelAssumptions:
        table = f.mapping("travel")
        default = TravelAssumptions()
        if table is None:
            return default
        t = Fields(self.report, table, "the travel assumptions", TRAVEL_KEYS)
        road = t.number("road_speed", low=5, high=150)
        detour = t.number("detour", low=1, high=3)
        flight = t.number("flight_speed", low=100, high=1000)
        before = t.parsed("airport_before", lambda v: parse_duration(v, maximum=6 * 60))
        after = t.parsed("airport_after", lambda v: parse_duration(v, maximum=6 * 60))
        before_abroad = t.parsed("airport_before_international", lambda v: parse_duration(v, maximum=6 * 60))
        after_abroad = t.parsed("airport_after_international", lambda v: parse_duration(v, maximum=6 * 60))
        border = t.parsed("border_crossing", lambda v: parse_duration(v, maximum=12 * 60, zero=True))
        walk = t.number("walk_below_km", low=0, high=5)
        assume_flights = t.boolean("assume_flights")
        min_flight = t.number("min_flight_km", low=0, high=5000)

        def wait(limit: int) -> Callable[[object], int]:
            return lambda v: parse_duration(v, maximum=limit, zero=True)

        buffer = t.parsed("buffer", wait(3 * 60))
        same_site = t.parsed("same_site", wait(60))
        city_factor = t.number("city_factor", low=0.5, high=4)
        # border_crossing, the older single figure, stands for every wait at the border
        south = north = peak = border
        peak_from = None
        waits = t.mapping("border")
        if waits is not None:
            b = Fields(self.report, waits, "the border waits", BORDER_KEYS)
            given = b.parsed("southbound", wait(12 * 60))
            south = given if given is not None else south
            given = b.parsed("southbound_peak", wait(12 * 60))
            peak = given if given is not None else peak
            peak_from = b.parsed("peak_from", parse_time_of_day)
            given = b.parsed("northbound", wait(12 * 60))
            north = given if given is not None else north
        return TravelAssumptions(
            road_speed=road if road is not None else default.road_speed,
            detour=detour if detour is not None else default.detour,
            flight_speed=flight if flight is not None else default.flight_speed,
            airport_before=before if before is not None else default.airport_before,
            airport_after=after if after is not None else default.airport_after,
            airport_before_international=(
                before_abroad if before_abroad is not None else default.airport_before_international
            ),
            airport_after_international=after_abroad
            if after_abroad is not None
            else default.airport_after_international,
            walk_below_km=walk if walk is not None else default.walk_below_km,
            min_flight_km=min_flight if min_flight is not None else default.min_flight_km,
            buffer=buffer if buffer is not None else default.buffer,
            same_site=same_site if same_site is not None else default.same_site,
            city_factor=city_factor if city_factor is not None else default.city_factor,
            border_south=south if south is not None else default.border_south,
            border_south_peak=peak if peak is not None else default.border_south_peak,
            border_peak_from=peak_from if peak_from is not None else default.border_peak_from,
            border_north=north if north is not None else default.border_north,
            assume_flights=bool(assume_flights),
        )

    def _solver(self, f: Fields) -> SolverSettings:
        table = f.mapping("solver")
        default = SolverSettings()
        if table is None:
            return default
        s = Fields(self.report, table, "the solver settings", SOLVER_KEYS)
        limit = s.parsed("time_limit", _seconds)
        seed = s.integer("seed", low=0, high=2**31 - 1)
        return SolverSettings(
            time_limit=limit if limit is not None else default.time_limit,
            seed=seed if seed is not None else default.seed,
        )


def _one_interval(value: object) -> tuple[int, int]:
    intervals = parse_intervals(value)
    if len(intervals) != 1:
        raise ValueError("one interval such as 13:00-15:00")
    return intervals[0]


def _seconds(value: object) -> float:
    """Seconds as a number or text such as ``"5s"``; more than zero, at most an hour."""
    if isinstance(value, bool):
        raise ValueError("a number of seconds such as 5 or 5s")
    if isinstance(value, int) and not 0 < value <= 3600:  # before float(), which 10**400 would overflow
        raise ValueError("a number of seconds from more than 0 to 3600")
    if isinstance(value, (int, float)):
        seconds = float(value)
    elif isinstance(value, str) and (match := _SECONDS.match(value)):
        seconds = float(match[1])
    else:
        raise ValueError("a number of seconds such as 5 or 5s")
    if not 0 < seconds <= 3600:
        raise ValueError("a number of seconds from more than 0 to 3600")
    return seconds


__all__ = ["load_trip", "parse_trip"]
