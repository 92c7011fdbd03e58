"""scout: plan film-location scouting trips in Mexico, from a hand-kept catalogue to a day-by-day itinerary."""

__version__ = "0.1.0"
