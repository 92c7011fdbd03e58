"""The domain model: immutable types for the catalogue, the trip request and the itinerary.

Nothing here imports anything else of ``scout``. Units, written down once: coordinates in decimal degrees
(WGS 84); durations in whole minutes; times of day in minutes after local midnight (0–1440); values on a
0–10 scale; distances in kilometres.
"""

from scout.model.catalogue import (
    KIND_DEFAULTS,
    MINUTES_PER_DAY,
    WEEKDAYS,
    AirportTimes,
    Area,
    Catalogue,
    Contact,
    Coordinates,
    Ferry,
    Interval,
    Kind,
    KindDefaults,
    KindGroup,
    Place,
    RoutedTime,
    Source,
    State,
    TimeSource,
    TravelMode,
    TravelTime,
    WeeklyHours,
)
from scout.model.trip import (
    DailySchedule,
    HotelNight,
    Meeting,
    SolverSettings,
    StateCount,
    TravelAssumptions,
    TripRequest,
)

__all__ = [
    "KIND_DEFAULTS",
    "MINUTES_PER_DAY",
    "WEEKDAYS",
    "AirportTimes",
    "Area",
    "Catalogue",
    "Contact",
    "Coordinates",
    "DailySchedule",
    "Ferry",
    "HotelNight",
    "Interval",
    "Kind",
    "KindDefaults",
    "KindGroup",
    "Meeting",
    "Place",
    "RoutedTime",
    "SolverSettings",
    "Source",
    "State",
    "StateCount",
    "TimeSource",
    "TravelAssumptions",
    "TravelMode",
    "TravelTime",
    "TripRequest",
    "WeeklyHours",
]
