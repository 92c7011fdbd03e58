"""Minutes, durations and dates as people read them: the one formatter every layer uses.

English names whatever the machine's locale (``strftime``'s ``%a`` follows the locale), so the same
itinerary gives the same text, and the same bytes, everywhere.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable, Sequence
from datetime import date

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")  # fmt: skip


def clock_text(minutes: int) -> str:
    """Minutes after midnight as a time of day: ``07:30``."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def duration_code(minutes: int) -> str:
    """A duration as the catalogue and trip files write it: ``90`` → ``1h30m``."""
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours}h{rest:02d}m"
    return f"{hours}h" if hours else f"{rest}m"


def duration_text(minutes: float) -> str:
    """A duration rounded up to the minute: ``9 h 50 min``, ``8 h``, ``0 h 45 min``."""
    whole = math.ceil(minutes - 1e-9)
    return f"{whole // 60} h {whole % 60:02d} min" if whole % 60 else f"{whole // 60} h"


def long_date(day: date) -> str:
    """``Monday 23 September 2024``."""
    return f"{WEEKDAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def short_date(day: date, *, year: bool = False) -> str:
    """``Mon 23 Sep`` (``Mon 23 Sep 2024`` with ``year``)."""
    text = f"{WEEKDAY_NAMES[day.weekday()][:3]} {day.day} {MONTH_NAMES[day.month - 1][:3]}"
    return f"{text} {day.year}" if year else text


def long_date_range(start: date, end: date) -> str:
    """``Monday 23 – Saturday 28 September 2024``; months and years only where they differ."""
    if start == end:
        return long_date(start)
    first = f"{WEEKDAY_NAMES[start.weekday()]} {start.day}"
    if (start.year, start.month) != (end.year, end.month):
        first += f" {MONTH_NAMES[start.month - 1]}"
    if start.year != end.year:
        first += f" {start.year}"
    return f"{first} – {long_date(end)}"


def short_date_range(start: date, end: date) -> str:
    """``Mon 23 Sep – Sat 28 Sep 2024``; both years when the range crosses a new year."""
    if start == end:
        return short_date(start, year=True)
    return f"{short_date(start, year=start.year != end.year)} – {short_date(end, year=True)}"


def days_text(days: Sequence[date]) -> str:
    """Some days of a trip, in order: ``Mon 23 Sep``, or the first and last: ``Mon 23 – Wed 25 Sep``."""
    if not days:
        return "no day"
    if len(days) == 1:
        return short_date(days[0])
    first, last = days[0], days[-1]
    head = short_date(first) if (first.year, first.month) != (last.year, last.month) else short_date(first)[:-4]
    return f"{head} – {short_date(last)}"


def did_you_mean(word: object, candidates: Iterable[str]) -> str | None:
    """A hint naming the closest candidate to a misspelt ``word``, or ``None`` if none is close."""
    if not isinstance(word, str) or not word:
        return None
    options = list(candidates)
    folded = {option.lower().replace("_", "-"): option for option in options}
    key = word.lower().replace("_", "-")
    if key in folded and folded[key] != word:
        return f"did you mean '{folded[key]}'?"
    matches = difflib.get_close_matches(key, list(folded), n=1, cutoff=0.6)
    return f"did you mean '{folded[matches[0]]}'?" if matches else None


def one_of(options: Iterable[str], limit: int = 12) -> str:
    items = list(options)
    if len(items) > limit:
        return "one of " + ", ".join(items[:limit]) + f", … ({len(items)} in all)"
    return "one of " + ", ".join(items)
