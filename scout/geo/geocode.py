"""Coordinates from addresses, through geopy: the one module that builds and calls a geopy geocoder.

Nominatim (OpenStreetMap) is the default. Its usage policy is kept: at most one request per second (geopy's
:class:`~geopy.extra.rate_limiter.RateLimiter`, never less than a second apart on the public server), an
identifying user agent (:data:`USER_AGENT`, or ``$SCOUT_USER_AGENT``), a timeout on every request, and a few
retries with a growing wait (honouring ``Retry-After``) when the service is busy or slow. Other geopy
providers can be chosen; their API keys are read from environment variables (:data:`PROVIDERS`), never
from files.

An address is *found* when the geocoder's results in the place's state all lie within
:data:`AMBIGUOUS_KM` of the first; *ambiguous* when they are further apart (the officer picks one and
writes it into the catalogue); *not found*; or *outside its state* when every result lies elsewhere.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from geopy.exc import (
    GeocoderAuthenticationFailure,
    GeocoderInsufficientPrivileges,
    GeocoderQueryError,
    GeocoderQuotaExceeded,
    GeocoderRateLimited,
    GeocoderServiceError,
    GeocoderTimedOut,
    GeocoderUnavailable,
    GeopyError,
)
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import get_geocoder_for_service

from scout import __version__
from scout.errors import InputError, Problem, ServiceUnavailableError
from scout.formats import did_you_mean, one_of
from scout.geo.distance import haversine_km
from scout.geo.placement import misplacement
from scout.model import Catalogue, Coordinates, Place
from scout.model.catalogue import GeocodedAddress, GeocodeMatch, GeocodeStatus

USER_AGENT_ENV = "SCOUT_USER_AGENT"
USER_AGENT = f"scout/{__version__} (film-location scouting planner for Mexico; python-geopy)"
NOMINATIM_PUBLIC = "nominatim.openstreetmap.org"
NOMINATIM_MIN_DELAY = 1.0  # seconds between requests: Nominatim's usage policy for its public server
MAX_RESULTS = 5
AMBIGUOUS_KM = 2.0  # results further apart than this are different places
MAX_RETRY_AFTER = 60.0  # seconds; a service asking to wait longer is given up on for this run
# The limiter spaces the moments requests leave; connection set-up varies by a few milliseconds, so without a
# margin the server could see two requests a hair under the delay apart (0.9965 s was measured on localhost).
SPACING_MARGIN = 0.02


@dataclass(frozen=True)
class Provider:
    """A geopy geocoder as ``scout`` uses it: where its key comes from, how to ask for several results."""

    name: str  # as given to --provider; geopy's service name
    key_env: str | None = None  # the environment variable holding the API key (or user name)
    key_arg: str = "api_key"  # the geopy constructor's argument for it
    country_arg: str | None = None  # the geocode() argument restricting results to a country
    options: Mapping[str, Any] = field(default_factory=dict)  # further geocode() arguments


PROVIDERS: Mapping[str, Provider] = {
    provider.name: provider
    for provider in (
        Provider("nominatim", country_arg="country_codes", options={"limit": MAX_RESULTS}),
        Provider("photon", options={"limit": MAX_RESULTS}),
        Provider("arcgis"),
        Provider("opencage", key_env="SCOUT_OPENCAGE_API_KEY", country_arg="country"),
        Provider("googlev3", key_env="SCOUT_GOOGLE_API_KEY", country_arg="region"),
        Provider("bing", key_env="SCOUT_BING_API_KEY"),
        Provider("mapbox", key_env="SCOUT_MAPBOX_API_KEY", country_arg="country"),
        Provider("herev7", key_env="SCOUT_HERE_API_KEY", key_arg="apikey", options={"limit": MAX_RESULTS}),
        Provider("geonames", key_env="SCOUT_GEONAMES_USERNAME", key_arg="username", country_arg="country"),
    )
}


@dataclass(frozen=True)
class GeocoderSettings:
    """How to reach the geocoder. Times in seconds."""

    provider: str = "nominatim"
    nominatim_url: str | None = None  # another Nominatim server, such as http://127.0.0.1:8080
    user_agent: str = USER_AGENT
    timeout: float = 10.0
    min_delay: float = NOMINATIM_MIN_DELAY  # between the starts of two requests
    retries: int = 2  # further tries after a failure that may pass (timeout, busy, unreachable)
    backoff: float = 2.0  # the wait before the first retry; doubled for each further one


Lookup = Callable[[str, str | None], list[GeocodeMatch]]
"""Geocode an address, optionally within a country (ISO code): the results, best first."""


class Geocoder:
    """A rate-limited, retrying geopy geocoder.

    Raises
    ------
    InputError
        When the settings are wrong: unknown provider, missing API key, a bad ``nominatim_url``.
    """

    def __init__(
        self, settings: GeocoderSettings, env: Mapping[str, str], *, sleep: Callable[[float], None] = time.sleep
    ) -> None:
        self.settings = settings
        self.provider = _provider(settings.provider)
        self._sleep = sleep
        arguments: dict[str, Any] = {"timeout": settings.timeout, "user_agent": settings.user_agent}
        if self.provider.key_env is not None:
            key = env.get(self.provider.key_env, "").strip()
            if not key:
                raise InputError([Problem(self.provider.key_env, None, None, "is not set",
                                          f"the API key of {self.provider.name} in this environment variable",
                                          "keys are read from the environment only, never from files")])  # fmt: skip
            arguments[self.provider.key_arg] = key
        self.where = self.provider.name
        public = self.provider.name == "nominatim"
        if settings.nominatim_url is not None:
            if self.provider.name != "nominatim":
                raise InputError([Problem("--nominatim-url", None, None, f"is given for {self.provider.name}",
                                          "--nominatim-url only with --provider nominatim")])  # fmt: skip
            scheme, domain = _server(settings.nominatim_url)
            arguments.update(scheme=scheme, domain=domain)
            self.where = f"nominatim at {scheme}://{domain}"
            public = domain.split("/")[0].lower() == NOMINATIM_PUBLIC
        delay = max(settings.min_delay, NOMINATIM_MIN_DELAY) if public else max(settings.min_delay, 0.0)
        self.min_delay = delay
        if delay > 0:
            delay += SPACING_MARGIN
        try:
            geocoder = get_geocoder_for_service(self.provider.name)(**arguments)
        except GeopyError as error:
            raise InputError([Problem(f"--provider {self.provider.name}", None, None, str(error))]) from None
        # Retries are ours (growing waits, Retry-After, no log noise); the limiter only spaces the requests,
        # retries included.
        self._geocode = RateLimiter(
            geocoder.geocode,
            min_delay_seconds=delay,
            max_retries=0,
            error_wait_seconds=delay,
            swallow_exceptions=False,
        )

    def lookup(self, query: str, country: str | None = None) -> list[GeocodeMatch]:
        """Geocode ``query``: up to :data:`MAX_RESULTS` results, best first, none when nothing matches.

        Raises
        ------
        ServiceUnavailableError
            When the geocoder cannot be reached, times out or refuses, after the retries that may help.
        """
        options = dict(self.provider.options)
        if country and self.provider.country_arg:
            options[self.provider.country_arg] = country.lower()
        attempt = 0
        while True:
            attempt += 1
            try:
                found = self._geocode(query, exactly_one=False, **options)
            except GeopyError as error:
                wait = self._retry_wait(error, attempt)
                if wait is None:
                    tries = f"{attempt} tries" if attempt > 1 else "1 try"
                    raise ServiceUnavailableError(f"{self._explain(error)}, geocoding {query!r} ({tries})") from None
                self._sleep(wait)
                continue
            locations = list(found or [])[:MAX_RESULTS]
            return [
                GeocodeMatch(Coordinates(float(loc.latitude), float(loc.longitude)), str(loc.address or ""))
                for loc in locations
            ]

    def _retry_wait(self, error: GeopyError, attempt: int) -> float | None:
        """How long to wait before trying again, or ``None`` when another try cannot help."""
        if attempt > self.settings.retries:
            return None
        wait = float(self.settings.backoff * 2 ** (attempt - 1))
        if isinstance(error, GeocoderRateLimited):
            if error.retry_after is not None and error.retry_after > MAX_RETRY_AFTER:
                return None
            return max(wait, float(error.retry_after or 0))
        if isinstance(
            error,
            (GeocoderQuotaExceeded, GeocoderAuthenticationFailure, GeocoderInsufficientPrivileges, GeocoderQueryError),
        ):
            return None
        if isinstance(error, (GeocoderTimedOut, GeocoderUnavailable)) or type(error) is GeocoderServiceError:
            return wait
        return None

    def _explain(self, error: GeopyError, /) -> str:
        status = getattr(error.__cause__, "status_code", None)
        http = f" (HTTP {status})" if status else ""
        where = self.where
        if isinstance(error, GeocoderRateLimited):
            after = f"; it asks to wait {error.retry_after:g} s" if error.retry_after else ""
            return f"{where} refused: too many requests{http}{after}"
        if isinstance(error, GeocoderInsufficientPrivileges):
            return f"{where} refused access{http}: set {USER_AGENT_ENV} to a user agent naming you, or check the key"
        if isinstance(error, GeocoderAuthenticationFailure):
            return f"{where} refused the API key in {self.provider.key_env}{http}"
        if isinstance(error, GeocoderQuotaExceeded):
            return f"{where} refused: quota exceeded{http}"
        if isinstance(error, GeocoderQueryError):
            return f"{where} refused the query{http}"
        if isinstance(error, GeocoderTimedOut):
            if status:
                return f"{where} is unavailable{http}"
            return f"{where} did not answer within {self.settings.timeout:g} s"
        if isinstance(error, GeocoderServiceError) and status is None:
            reason = getattr(error.__context__, "reason", None) or error
            return f"{where} could not be reached ({reason}): no network, or the service is down"
        return f"{where} failed{http}: {error}"


def _provider(name: str) -> Provider:
    provider = PROVIDERS.get(name.lower())
    if provider is None:
        names = sorted(PROVIDERS)
        raise InputError(
            [Problem("--provider", None, None, f"unknown geocoder {name!r}", one_of(names), did_you_mean(name, names))]
        )
    return provider


def _server(url: str) -> tuple[str, str]:
    """``(scheme, domain)`` of a Nominatim server address; the domain may carry a port and a path."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise InputError([Problem("--nominatim-url", None, None, f"{url!r} is not a server address",
                                  "http:// or https:// and a host, such as http://localhost:8080")])  # fmt: skip
    return parts.scheme, parts.netloc + parts.path.rstrip("/")


# -- what to ask, and what the answers mean ---------------------------------------------------------------


def to_geocode(
    catalogue: Catalogue, cache: Iterable[GeocodedAddress], *, refresh: bool = False, check: bool = False
) -> tuple[list[Place], list[GeocodedAddress]]:
    """The places whose address must be geocoded, and the cached answers that stand.

    A place with an address and no coordinates in the catalogue is geocoded unless the cache holds an
    answer for that very address (any answer: ``refresh`` asks again). With ``check``, places whose
    coordinates are in the catalogue have their address geocoded too, to compare.
    """
    known = {(entry.place, entry.query): entry for entry in cache}
    ask: list[Place] = []
    reused: list[GeocodedAddress] = []
    for place in catalogue.places:
        if place.address is None or (place.location is not None and not place.geocoded and not check):
            continue
        entry = known.get((place.id, place.address))
        if entry is None or refresh:
            ask.append(place)
        else:
            reused.append(entry)
    return ask, reused


def classify(
    place: Place, state_name: str, matches: Sequence[GeocodeMatch], provider: str, when: datetime
) -> GeocodedAddress:
    """What a geocoder's results for a place's address mean; see the module's description."""
    assert place.address is not None
    inside = [match for match in matches if misplacement(match.location, state_name) is None]
    kept: tuple[GeocodeMatch, ...]
    if not matches:
        status, kept = GeocodeStatus.NOT_FOUND, ()
    elif not inside:
        status, kept = GeocodeStatus.OUTSIDE_STATE, tuple(matches)
    elif all(haversine_km(inside[0].location, match.location) <= AMBIGUOUS_KM for match in inside):
        status, kept = GeocodeStatus.FOUND, tuple(inside)
    else:
        status, kept = GeocodeStatus.AMBIGUOUS, tuple(inside)
    return GeocodedAddress(place.id, place.address, provider, status, kept, when)


def geocode_places(
    places: Sequence[Place],
    catalogue: Catalogue,
    lookup: Lookup,
    *,
    provider: str,
    now: Callable[[], datetime],
    keep: Callable[[GeocodedAddress], None],
    progress: Callable[[int, int, Place], None] | None = None,
) -> list[GeocodedAddress]:
    """Geocode each place's address in turn, handing every answer to ``keep`` as soon as it comes.

    Raises
    ------
    ServiceUnavailableError
        From ``lookup``; the answers obtained before it have been kept.
    """
    answers = []
    for number, place in enumerate(places, start=1):
        assert place.address is not None
        if progress is not None:
            progress(number, len(places), place)
        state = catalogue.state(place.state)
        entry = classify(place, state.name, lookup(place.address, state.country), provider, now())
        keep(entry)
        answers.append(entry)
    return answers


# -- the summary ------------------------------------------------------------------------------------------

_LABELS = {
    GeocodeStatus.FOUND: "found",
    GeocodeStatus.AMBIGUOUS: "ambiguous",
    GeocodeStatus.NOT_FOUND: "not found",
    GeocodeStatus.OUTSIDE_STATE: "outside state",
}


def summary_lines(
    catalogue: Catalogue, asked: Sequence[GeocodedAddress], reused: Sequence[GeocodedAddress]
) -> list[str]:
    """Plain lines saying what was found, what was ambiguous (with every result) and what was not found."""
    if not asked and not reused:
        return ["Nothing to geocode: every place with an address has coordinates in the catalogue."]
    lines: list[str] = []
    width = max(len(entry.place) for entry in (*asked, *reused))
    fresh = {id(entry) for entry in asked}
    order = {place.id: number for number, place in enumerate(catalogue.places)}
    for entry in sorted((*asked, *reused), key=lambda e: order.get(e.place, len(order))):
        cached = "" if id(entry) in fresh else " (cached)"
        head = f"{_LABELS[entry.status]:<13}  {entry.place:<{width}}  "
        place = catalogue.place(entry.place) if catalogue.has_place(entry.place) else None
        state = catalogue.state(place.state).name if place is not None else "its state"
        if entry.status is GeocodeStatus.FOUND:
            lines.append(head + f"{_point(entry.matches[0].location)}  {entry.matches[0].label}{cached}")
            if place is not None and place.location is not None and not place.geocoded:
                km = haversine_km(place.location, entry.matches[0].location)
                if place.approx:
                    note = f"the catalogue's approximate point is {km:,.1f} km from it: if this is the spot, put "
                    note += "these lat and lon in the catalogue and drop approx"
                else:
                    note = f"the catalogue's point is {km:,.1f} km from it"
                lines.append(" " * len(head) + note)
        elif entry.status is GeocodeStatus.NOT_FOUND:
            lines.append(head + f"{entry.query!r}{cached}: check the address, or give lat and lon")
        else:
            if entry.status is GeocodeStatus.AMBIGUOUS:
                what = f"{len(entry.matches)} results more than {AMBIGUOUS_KM:g} km apart{cached}: pick the right "
                what += "one and add its lat and lon to the catalogue"
            else:
                what = f"found only outside {state}{cached}: make the address more precise (town, state), or "
                what += "give lat and lon"
            lines.append(head + what + ":")
            for number, match in enumerate(entry.matches, start=1):
                lines.append(" " * len(head) + f"{number}. {_point(match.location)}  {match.label}")
    counts = {status: sum(1 for e in (*asked, *reused) if e.status is status) for status in GeocodeStatus}
    lines.append(
        f"{len(asked)} asked, {len(reused)} from the cache: "
        + ", ".join(f"{counts[status]} {_LABELS[status]}" for status in GeocodeStatus)
    )
    return lines


def _point(location: Coordinates) -> str:
    return f"lat: {location.lat:.6f}, lon: {location.lon:.6f}"
