"""When a place can be visited on a given date: weekday hours, Mexican public holidays and daylight.

This module is the one place that uses ``holidays`` (Mexico's statutory holidays, maintained upstream) and
``astral`` (sunrise and sunset). Both are imported lazily: ``scout --help`` must not pay for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, lru_cache
from typing import Any

from scout.formats import short_date
from scout.model import MINUTES_PER_DAY, Coordinates, Interval, Place
from scout.timezones import zone


@cache
def _mexican_holidays(year: int) -> Any:
    import holidays

    return holidays.country_holidays("MX", years=year, language="es")


def public_holiday(day: date) -> str | None:
    """The name of the Mexican public (statutory) holiday on ``day``, or ``None``."""
    name = _mexican_holidays(day.year).get(day)
    return str(name) if name else None


@lru_cache(maxsize=1 << 16)
def daylight(location: Coordinates, day: date, time_zone: str) -> Interval:
    """Sunrise to sunset at ``location`` on ``day``, in local minutes after midnight (rounded inwards)."""
    from astral import Observer
    from astral.sun import sunrise, sunset

    observer = Observer(latitude=location.lat, longitude=location.lon)
    tz = zone(time_zone)
    rise = sunrise(observer, date=day, tzinfo=tz)
    fall = sunset(observer, date=day, tzinfo=tz)
    return _ceil_minutes(rise), _floor_minutes(fall)


def _ceil_minutes(moment: datetime) -> int:
    minutes = moment.hour * 60 + moment.minute
    return minutes + (1 if moment.second or moment.microsecond else 0)


def _floor_minutes(moment: datetime) -> int:
    return moment.hour * 60 + moment.minute


@dataclass(frozen=True)
class Availability:
    """When a place can be visited on one date; ``reason`` says why it cannot when ``windows`` is empty."""

    windows: tuple[Interval, ...]
    reason: str | None = None
    holiday: str | None = None

    @property
    def is_open(self) -> bool:
        return bool(self.windows)


def availability(place: Place, day: date, time_zone: str) -> Availability:
    """The windows in which ``place`` can be visited on ``day``, in its local minutes after midnight.

    Weekday opening hours come first; a place that closes on public holidays is closed on them; an exterior
    place is further limited to sunrise–sunset.
    """
    holiday = public_holiday(day)
    if holiday and place.closed_on_holidays:
        return Availability((), f"closed on {short_date(day)} ({holiday}, a public holiday)", holiday)
    windows = place.hours.on(day.weekday())
    if not windows:
        return Availability((), f"closed on {day:%A}s", holiday)
    if place.exterior and place.location is not None:
        rise, fall = daylight(place.location, day, time_zone)
        windows = _intersect(windows, (rise, fall))
        if not windows:
            return Availability((), f"no daylight while it is open on {short_date(day)}", holiday)
    return Availability(windows, None, holiday)


def _intersect(windows: tuple[Interval, ...], limit: Interval) -> tuple[Interval, ...]:
    low, high = limit
    result = []
    for start, end in windows:
        a, b = max(start, low), min(end, high, MINUTES_PER_DAY)
        if a < b:
            result.append((a, b))
    return tuple(result)
