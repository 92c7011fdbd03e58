"""Text forms of values people type in YAML: durations, times of day, weekly opening hours.

Each parser raises :class:`ValueError` whose message says what was expected; the callers add where.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from scout.formats import clock_text, duration_code
from scout.model import MINUTES_PER_DAY, WEEKDAYS, Interval, WeeklyHours

_DURATION = re.compile(r"^\s*(?:(?P<h>\d+)\s*h)?\s*(?:(?P<m>\d+)\s*m(?:in)?)?\s*$", re.IGNORECASE)
_TIME = re.compile(r"^\s*(?P<h>\d{1,2}):(?P<m>\d{2})\s*$")

DURATION_FORMS = "a duration such as 45m, 1h, 1h30m or a whole number of minutes"
TIME_FORMS = "a time of day as HH:MM (24-hour clock)"
HOURS_FORMS = "'closed' or intervals such as 09:00-18:00 or 09:00-14:00, 16:00-19:00"
WEEKDAY_KEYS = "mon, tue, wed, thu, fri, sat, sun, a range such as mon-fri, or daily"


def parse_duration(value: object, *, maximum: int = MINUTES_PER_DAY, zero: bool = False) -> int:
    """Minutes in a duration: ``90``, ``"45m"``, ``"1h"``, ``"1h30m"``; more than zero (or zero, when ``zero``
    allows it), at most ``maximum``."""
    if isinstance(value, bool):
        raise ValueError(DURATION_FORMS)
    if isinstance(value, int):
        minutes = value
    elif isinstance(value, str):
        match = _DURATION.match(value)
        if not match or (not (match["h"] or match["m"]) and not (zero and value.strip() == "0")):
            raise ValueError(DURATION_FORMS)
        if len(match["h"] or "") + len(match["m"] or "") > 9:  # int() refuses more than 4,300 digits
            raise ValueError(f"a duration of at most {format_duration(maximum)}")
        minutes = int(match["h"] or 0) * 60 + int(match["m"] or 0)
    else:
        raise ValueError(DURATION_FORMS)
    if minutes < 0 or (minutes == 0 and not zero):
        raise ValueError("a duration of zero minutes or more" if zero else "a duration of more than zero minutes")
    if minutes > maximum:
        raise ValueError(f"a duration of at most {format_duration(maximum)}")
    return minutes


def format_duration(minutes: int) -> str:
    """The inverse of :func:`parse_duration`: ``90`` → ``"1h30m"``."""
    return duration_code(minutes)


def parse_time_of_day(value: object, *, allow_midnight_end: bool = False) -> int:
    """Minutes after midnight in ``"HH:MM"``; ``"24:00"`` only where a day may close."""
    if not isinstance(value, str):
        raise ValueError(TIME_FORMS)
    match = _TIME.match(value)
    if not match:
        raise ValueError(TIME_FORMS)
    hours, minutes = int(match["h"]), int(match["m"])
    if minutes >= 60 or hours > 24 or (hours == 24 and (minutes or not allow_midnight_end)):
        raise ValueError(TIME_FORMS)
    return hours * 60 + minutes


def format_time_of_day(minutes: int) -> str:
    """``07:30``; see :func:`scout.formats.clock_text`."""
    return clock_text(minutes)


def parse_intervals(value: object) -> tuple[Interval, ...]:
    """``"closed"`` or comma-separated ``HH:MM-HH:MM`` intervals, in order and not overlapping."""
    if isinstance(value, list):
        parts = value
    elif isinstance(value, str):
        if value.strip().lower() == "closed":
            return ()
        parts = value.split(",")
    else:
        raise ValueError(HOURS_FORMS)
    intervals: list[Interval] = []
    for part in parts:
        if not isinstance(part, str) or part.count("-") != 1:
            raise ValueError(HOURS_FORMS)
        start_text, end_text = part.split("-")
        start = parse_time_of_day(start_text)
        end = parse_time_of_day(end_text, allow_midnight_end=True)
        if end <= start:
            raise ValueError(f"an interval that ends after it starts (not {part.strip()})")
        if intervals and start < intervals[-1][1]:
            raise ValueError("intervals in order that do not overlap")
        intervals.append((start, end))
    return tuple(intervals)


def as_date(value: object) -> date | None:
    """A calendar date as YAML gives it (a date) or as text (``2024-09-23``); ``None`` for anything else."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def weekdays_of(key: object) -> tuple[int, ...]:
    """Weekday numbers (0 = Monday) named by an opening-hours key: ``mon``, ``mon-fri``, ``daily``."""
    if not isinstance(key, str):
        raise ValueError(WEEKDAY_KEYS)
    text = key.strip().lower()
    if text in ("daily", "every day"):
        return tuple(range(7))
    if "-" in text:
        first, _, last = text.partition("-")
        if first in WEEKDAYS and last in WEEKDAYS:
            start, end = WEEKDAYS.index(first), WEEKDAYS.index(last)
            if start >= end:
                raise ValueError(f"a range from an earlier to a later weekday (not {key})")
            return tuple(range(start, end + 1))
        raise ValueError(WEEKDAY_KEYS)
    if text in WEEKDAYS:
        return (WEEKDAYS.index(text),)
    raise ValueError(WEEKDAY_KEYS)


def weekly_hours(days: Mapping[int, tuple[Interval, ...]]) -> WeeklyHours:
    """Build weekly hours from the days given; days left out are closed."""
    return WeeklyHours(days=tuple(days.get(day, ()) for day in range(7)))


def parse_aware_time(value: Any) -> datetime:
    """A moment with its UTC offset, as the caches write it: ``2024-06-03T16:20:05+00:00``."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise ValueError("an ISO 8601 time such as 2024-06-03T16:20:05+00:00") from None
    else:
        raise ValueError("an ISO 8601 time such as 2024-06-03T16:20:05+00:00")
    if moment.tzinfo is None:
        raise ValueError("a time with its UTC offset, such as 2024-06-03T16:20:05+00:00")
    return moment
