"""The scheduled flights a day between two states can take: the schedule's flights of that date from the
airports of where the delegation wakes to those of where it sleeps, in trip minutes.

The days (:mod:`scout.plan.days.build`) offer each as a stop at its fixed time, reached through check-in at
the departure airport and left after the way out of the arrival airport; the itinerary
(:mod:`scout.plan.itinerary.schedule`) lays it out at exactly its scheduled times.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from scout.model.flights import ScheduledFlight
from scout.plan.problem import TripProblem


@dataclass(frozen=True)
class FlightOption:
    """A scheduled flight on one trip day, with the airport times around it (trip minutes)."""

    flight: ScheduledFlight
    day: int
    takeoff: int
    landing: int
    before: int  # minutes at the departure airport before take-off
    after: int  # minutes at the arrival airport after landing

    @property
    def check_in(self) -> int:
        """When the delegation must be at the departure airport."""
        return self.takeoff - self.before

    @property
    def out(self) -> int:
        """When the delegation leaves the arrival airport."""
        return self.landing + self.after

    @property
    def minutes(self) -> int:
        return self.out - self.check_in


def flights_on(problem: TripProblem, day: int, wake: str, sleep: str) -> tuple[FlightOption, ...]:
    """The scheduled flights a day from ``wake`` to ``sleep`` in another state can take, by take-off."""
    catalogue = problem.catalogue
    if catalogue.place(wake).state == catalogue.place(sleep).state:
        return ()
    travel = problem.travel
    when = problem.dates[day]
    options = []
    for departure in travel.airports_for(wake):
        for arrival in travel.airports_for(sleep):
            abroad = travel.international(departure, arrival)
            for flight in travel.schedule.on(when, departure, arrival):
                takeoff = problem.clock.minutes(when, flight.departs, travel.zone(departure))
                landing_day = when + timedelta(days=flight.arrives_days)
                landing = problem.clock.minutes(landing_day, flight.arrives, travel.zone(arrival))
                before, after = travel.airport_before(departure, abroad), travel.airport_after(arrival, abroad)
                options.append(FlightOption(flight, day, takeoff, landing, before, after))
    return tuple(sorted(options, key=lambda o: (o.takeoff, o.landing, o.flight.label, o.flight.origin)))
