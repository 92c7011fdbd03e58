"""IANA time zones, read from the ``tzdata`` package so that Windows (which has no system database) works.

Every ``zoneinfo`` lookup in ``scout`` goes through this module.
"""

from __future__ import annotations

from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones


@cache
def zone(name: str) -> ZoneInfo:
    """The zone called ``name``; raises :class:`KeyError` for an unknown name.

    Any failure to load ``name`` means it is not a zone: besides :class:`ZoneInfoNotFoundError`, a name
    that is not a normalised relative key or that names a data file (``zone.tab``) raises
    :class:`ValueError`, and one that names a folder of the database (``America``, ``Etc``,
    ``America/Argentina``) or is too long for the file system raises :class:`OSError`.
    """
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise KeyError(name) from None


def is_zone(name: str) -> bool:
    try:
        zone(name)
    except KeyError:
        return False
    return True


@cache
def zone_names() -> frozenset[str]:
    return frozenset(available_timezones())
