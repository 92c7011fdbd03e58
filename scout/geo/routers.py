"""Road times from a routing engine's matrix service: the one module that makes routing HTTP requests.

Three engines are spoken to, each through its own matrix service:

========  =======================================================  ============================================
router    request                                                  default server
========  =======================================================  ============================================
osrm      ``GET /table/v1/driving/{lon,lat;...}?annotations=``     ``https://routing.openstreetmap.de/routed-car``
          ``duration,distance&sources=..&destinations=..``         (FOSSGIS, the car profile)
valhalla  ``POST /sources_to_targets`` (``costing: auto``)         ``https://valhalla1.openstreetmap.de``
ors       ``POST /v2/matrix/driving-car``, key from                ``https://api.openrouteservice.org``
          ``$ORS_API_KEY``
========  =======================================================  ============================================

The requests are made with the standard library (``urllib``, ``json``) rather than through routingpy, which
wraps the same three services. A matrix is one request and one JSON answer per engine, so the wrapper saves
little, and what ``scout`` must get right lies outside it: routingpy's OSRM client defaults to FOSSGIS's
*bike* server (a silent wrong profile for car times, caught here by refusing any profile but ``routed-car``
on that host); its pacing and retries count requests, while the public servers' policy counts each matrix
cell; and ``Retry-After`` is not honoured. It would also bring ``requests`` as a further dependency. Here
every request goes through one :class:`Pacer` and one retry loop, with an injected clock, and the tests
run against a real HTTP server on 127.0.0.1.

The usage policy of the public FOSSGIS servers (``routing.openstreetmap.de``, ``valhalla1.openstreetmap.de``)
is kept: at most one request a second, **each matrix cell counting as one request** (so after a 10 × 10
table the next request waits 100 s), matrices of at most 10 × 10, an identifying user agent
(:data:`USER_AGENT`, or ``$SCOUT_USER_AGENT``), a timeout on every request, and a few retries with a growing
wait that honours ``Retry-After`` on HTTP 429 and 503. OSRM's own demo server (``router.project-osrm.org``)
forbids distance tables and is refused. openrouteservice's public API is metered by its key: requests of
up to 3,500 cells, 1.5 s apart (its free plan allows 40 matrix requests a minute). Any other server is
taken to be your own: no waiting between requests, and matrices up to its default limits (OSRM's
``--max-table-size`` of 100 locations, Valhalla's 2,500 location pairs, openrouteservice's 3,500 cells).
"""

from __future__ import annotations

import json
import math
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

from scout import __version__
from scout.errors import InputError, Problem, ServiceUnavailableError
from scout.formats import did_you_mean, one_of
from scout.model import Coordinates
from scout.model.catalogue import ROUTER_NAMES

USER_AGENT_ENV = "SCOUT_USER_AGENT"  # the same variable as scout geocode's
USER_AGENT = f"scout/{__version__} (film-location scouting planner for Mexico; road times)"
ORS_KEY_ENV = "ORS_API_KEY"

OSRM_PUBLIC = "routing.openstreetmap.de"
OSRM_CAR_PATH = "/routed-car"  # FOSSGIS serves each profile under its own path: routed-car, routed-bike, routed-foot
VALHALLA_PUBLIC = ("valhalla1.openstreetmap.de", "valhalla2.openstreetmap.de", "valhalla.openstreetmap.de")
ORS_PUBLIC = "api.openrouteservice.org"
REFUSED_HOSTS = {"router.project-osrm.org": "the OSRM demo server's usage policy forbids distance tables"}
DEFAULT_URLS: Mapping[str, str] = {
    "osrm": f"https://{OSRM_PUBLIC}{OSRM_CAR_PATH}",
    "valhalla": f"https://{VALHALLA_PUBLIC[0]}",
    "ors": f"https://{ORS_PUBLIC}",
}

PUBLIC_SIDE = 10  # origins and destinations per request on a public server: 100 cells, then 100 s of waiting
PUBLIC_SECONDS_PER_CELL = 1.0  # the FOSSGIS policy: one request a second, a matrix cell counting as one
OSRM_SIDE = 50  # 50 + 50 coordinates at most: osrm-routed's default --max-table-size is 100
VALHALLA_SIDE = 50  # 50 × 50 = 2,500: Valhalla's default service_limits.max_matrix_location_pairs
ORS_SIDE = 59  # 59 × 59 = 3,481 cells: openrouteservice allows 3,500 per matrix request
ORS_SECONDS_PER_REQUEST = 1.5  # openrouteservice's free plan: 40 matrix requests a minute
MAX_RETRY_AFTER = 60.0  # seconds; a server asking to wait longer is given up on for this run
MAX_ANSWER_BYTES = 50_000_000
# The pacer spaces the moments requests leave; connection set-up varies by a few milliseconds, so without a
# margin the server could see two requests a hair under the spacing apart.
SPACING_MARGIN = 0.02
RETRY_STATUSES = (429, 502, 503, 504)


@dataclass(frozen=True)
class Leg:
    """One cell of a matrix: the engine's free-flow driving time and road distance."""

    minutes: float
    km: float


Matrix = list[list[Leg | None]]
"""Rows by origin, columns by destination; ``None`` where the engine found no road route."""


class RequestRefused(Exception):  # noqa: N818 - a refusal of one request, not a failure of the run
    """The server answered that it will not compute this matrix (HTTP 400: too far, no road nearby...).

    Other requests may still be answered, so the run goes on and reports the pairs; ``str()`` is the
    server's reason.
    """


@dataclass(frozen=True)
class RouterSettings:
    """Which engine to ask and how. Times in seconds."""

    router: str = "osrm"
    url: str | None = None  # another server than the engine's public default
    user_agent: str = USER_AGENT
    timeout: float = 30.0
    retries: int = 2  # further tries after a failure that may pass (timeout, busy, unreachable)
    backoff: float = 2.0  # the wait before the first retry; doubled for each further one


@dataclass(frozen=True)
class Server:
    """Where requests go and the limits kept there."""

    router: str
    url: str  # without a trailing slash
    public: bool  # a shared public server, whose usage policy is kept
    side: int  # at most this many origins and this many destinations per request
    seconds_per_cell: float  # after a request of n cells, the next waits n times this ...
    seconds_per_request: float  # ... and at least this

    @property
    def where(self) -> str:
        return f"{self.router} at {self.url}"

    def spacing(self, cells: int) -> float:
        """Seconds from one request's start to the next one's, after a request of ``cells`` cells."""
        return max(self.seconds_per_request, cells * self.seconds_per_cell)


def server_for(router: str, url: str | None = None) -> Server:
    """The server for ``router`` at ``url`` (its public default when ``None``), with its limits.

    Raises
    ------
    InputError
        For an unknown router, a malformed address, a server whose policy forbids matrices, or FOSSGIS's
        OSRM server with another profile than the car's.
    """
    name = router.strip().lower()
    if name not in ROUTER_NAMES:
        names = list(ROUTER_NAMES)
        raise InputError(
            [Problem("--router", None, None, f"unknown router {router!r}", one_of(names), did_you_mean(name, names))]
        )
    address = _server_url(url) if url is not None else DEFAULT_URLS[name]
    parts = urlsplit(address)
    host = (parts.hostname or "").lower()
    if host in REFUSED_HOSTS:
        raise InputError([Problem("--url", None, None, f"{address}: {REFUSED_HOSTS[host]}",
                                  "your own server, or the default", f"which is {DEFAULT_URLS[name]}")])  # fmt: skip
    if name == "osrm" and host == OSRM_PUBLIC and parts.path.rstrip("/") != OSRM_CAR_PATH:
        profile = parts.path.strip("/") or "no profile"
        raise InputError([Problem("--url", None, None, f"{address} is FOSSGIS's {profile!r} server, not the car one",
                                  f"https://{OSRM_PUBLIC}{OSRM_CAR_PATH}", "scout needs driving times")])  # fmt: skip
    if name == "ors":
        public = host == ORS_PUBLIC
        return Server(name, address, public, ORS_SIDE, 0.0, ORS_SECONDS_PER_REQUEST if public else 0.0)
    if (name == "osrm" and host == OSRM_PUBLIC) or (name == "valhalla" and host in VALHALLA_PUBLIC):
        return Server(name, address, True, PUBLIC_SIDE, PUBLIC_SECONDS_PER_CELL, PUBLIC_SECONDS_PER_CELL)
    return Server(name, address, False, OSRM_SIDE if name == "osrm" else VALHALLA_SIDE, 0.0, 0.0)


def _server_url(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise InputError([Problem("--url", None, None, f"{url!r} is not a server address",
                                  "http:// or https:// and a host, such as http://localhost:5000")])  # fmt: skip
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


class Pacer:
    """Spaces requests as a server's policy asks: each one waits until the previous one's spacing is over.

    ``spacing(cells)`` is how long after a request of ``cells`` cells the next may start. The clock and the
    sleep are injected, so tests check the waits without waiting.
    """

    def __init__(
        self,
        spacing: Callable[[int], float],
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        waiting: Callable[[float], None] | None = None,
    ) -> None:
        self._spacing = spacing
        self._clock = clock
        self._sleep = sleep
        self._waiting = waiting
        self._next = -math.inf

    def wait(self, cells: int) -> float:
        """Wait until a request of ``cells`` cells may start, then count it as started; the seconds waited."""
        now = self._clock()
        waited = 0.0
        if now < self._next:
            waited = self._next - now
            if self._waiting is not None:
                self._waiting(waited)
            self._sleep(waited)
            now = max(self._clock(), self._next)
        gap = self._spacing(cells)
        self._next = now + gap + SPACING_MARGIN if gap > 0 else now
        return waited


class Router:
    """A paced, retrying client of one routing engine's matrix service.

    Raises
    ------
    InputError
        When the settings are wrong: unknown router, a bad ``url``, a missing API key.
    """

    def __init__(
        self,
        settings: RouterSettings,
        env: Mapping[str, str],
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        waiting: Callable[[float], None] | None = None,
    ) -> None:
        self.settings = settings
        self.server = server_for(settings.router, settings.url)
        self._sleep = sleep
        self.on_wait = waiting  # told how long the next request waits for the usage policy
        self._pacer = Pacer(self.server.spacing, clock=clock, sleep=sleep, waiting=self._waiting)
        self._key = env.get(ORS_KEY_ENV, "").strip() if self.server.router == "ors" else ""
        if self.server.router == "ors" and self.server.public and not self._key:
            raise InputError([Problem(ORS_KEY_ENV, None, None, "is not set",
                                      "the openrouteservice API key in this environment variable",
                                      "keys are read from the environment only, never from files")])  # fmt: skip
        self.requests = 0  # requests sent, retries included

    @property
    def name(self) -> str:
        return self.server.router

    def _waiting(self, seconds: float) -> None:
        if self.on_wait is not None:
            self.on_wait(seconds)

    def table(self, origins: Sequence[Coordinates], destinations: Sequence[Coordinates]) -> Matrix:
        """The driving time and distance from each origin to each destination.

        At most :attr:`Server.side` origins and destinations at once.

        Raises
        ------
        RequestRefused
            When the server will not compute this matrix (HTTP 400 and the like); others may still work.
        ServiceUnavailableError
            When the server cannot be reached, times out, refuses access or answers nonsense, after the
            retries that may help.
        """
        side = self.server.side
        if not origins or not destinations or len(origins) > side or len(destinations) > side:
            raise ValueError(f"a matrix of {len(origins)} × {len(destinations)} (1 to {side} each)")
        request = self._request(origins, destinations)
        answer = self._send(request, len(origins) * len(destinations))
        try:
            return self._read(answer, len(origins), len(destinations))
        except (AttributeError, KeyError, TypeError, ValueError, IndexError) as error:
            raise ServiceUnavailableError(f"{self.server.where} gave an answer scout cannot read ({error})") from None

    # -- the three engines ----------------------------------------------------------------------------

    def _request(self, origins: Sequence[Coordinates], destinations: Sequence[Coordinates]) -> urllib.request.Request:
        headers = {"User-Agent": self.settings.user_agent, "Accept": "application/json"}
        url = self.server.url
        if self.server.router == "osrm":
            points, sources, targets = _indexed(origins, destinations)
            path = ";".join(f"{point.lon:.6f},{point.lat:.6f}" for point in points)
            query = f"annotations=duration,distance&sources={_joined(sources)}&destinations={_joined(targets)}"
            return urllib.request.Request(f"{url}/table/v1/driving/{path}?{query}", headers=headers)
        if self.server.router == "valhalla":
            body: dict[str, Any] = {
                "sources": [{"lat": point.lat, "lon": point.lon} for point in origins],
                "targets": [{"lat": point.lat, "lon": point.lon} for point in destinations],
                "costing": "auto",
                "units": "kilometers",
            }
            return _post(f"{url}/sources_to_targets", body, headers)
        points, sources, targets = _indexed(origins, destinations)
        body = {
            "locations": [[point.lon, point.lat] for point in points],
            "sources": sources,
            "destinations": targets,
            "metrics": ["duration", "distance"],
            "units": "km",
        }
        if self._key:
            headers["Authorization"] = self._key
        return _post(f"{url}/v2/matrix/driving-car", body, headers)

    def _read(self, answer: Any, rows: int, columns: int) -> Matrix:
        if self.server.router == "osrm":
            if answer.get("code") != "Ok":
                raise RequestRefused(f"{answer.get('code')}: {answer.get('message', '')}".rstrip(": "))
            return _grid(answer["durations"], answer["distances"], rows, columns, seconds=1.0, metres=1000.0)
        if self.server.router == "ors":
            return _grid(answer["durations"], answer["distances"], rows, columns, seconds=1.0, metres=1.0)
        table = answer["sources_to_targets"]
        if isinstance(table, Mapping):  # Valhalla's concise form ("verbose": false)
            return _grid(table["durations"], table["distances"], rows, columns, seconds=1.0, metres=1.0)
        if len(table) != rows:
            raise ValueError(f"{len(table)} rows for {rows} origins")
        matrix: Matrix = []
        for row in table:
            if len(row) != columns:
                raise ValueError(f"{len(row)} columns for {columns} destinations")
            matrix.append([_leg(cell.get("time"), cell.get("distance"), 1.0, 1.0) for cell in row])
        return matrix

    # -- HTTP -------------------------------------------------------------------------------------------

    def _send(self, request: urllib.request.Request, cells: int) -> Any:
        attempt = 0
        while True:
            attempt += 1
            self._pacer.wait(cells)
            self.requests += 1
            try:
                with urllib.request.urlopen(request, timeout=self.settings.timeout) as response:
                    body = response.read(MAX_ANSWER_BYTES + 1)
            except urllib.error.HTTPError as error:
                status = error.code
                reason = _reason(error)
                if status in (400, 413, 414, 422):
                    raise RequestRefused(f"HTTP {status}: {reason}" if reason else f"HTTP {status}") from None
                wait = self._retry_wait(attempt, _retry_after(error.headers.get("Retry-After")))
                if status in RETRY_STATUSES and wait is not None:
                    self._sleep(wait)
                    continue
                explained = self._explain(status, reason, error.headers.get("Retry-After"), attempt)
                raise ServiceUnavailableError(explained) from None
            except (urllib.error.URLError, OSError) as error:
                cause = error.reason if isinstance(error, urllib.error.URLError) else error
                wait = self._retry_wait(attempt, None)
                if wait is not None:
                    self._sleep(wait)
                    continue
                tries = _tries(attempt)
                if isinstance(cause, TimeoutError):
                    raise ServiceUnavailableError(
                        f"{self.server.where} did not answer within {self.settings.timeout:g} s ({tries})"
                    ) from None
                raise ServiceUnavailableError(
                    f"{self.server.where} could not be reached ({cause}): no network, or the service is down ({tries})"
                ) from None
            if len(body) > MAX_ANSWER_BYTES:
                raise ServiceUnavailableError(f"{self.server.where} answered more than {MAX_ANSWER_BYTES:,} bytes")
            try:
                return json.loads(body)
            except ValueError:
                raise ServiceUnavailableError(f"{self.server.where} answered something that is not JSON") from None

    def _retry_wait(self, attempt: int, retry_after: float | None) -> float | None:
        """How long to wait before trying again, or ``None`` when another try cannot help."""
        if attempt > self.settings.retries:
            return None
        if retry_after is not None and retry_after > MAX_RETRY_AFTER:
            return None
        return max(float(self.settings.backoff * 2 ** (attempt - 1)), retry_after or 0.0)

    def _explain(self, status: int, reason: str, retry_after: str | None, attempt: int) -> str:
        where, tries = self.server.where, _tries(attempt)
        if status == 429:
            asks = f"; it asks to wait {retry_after} s" if retry_after else ""
            return f"{where} refused: too many requests (HTTP 429){asks} ({tries})"
        if status in (401, 403):
            fix = f"check the key in {ORS_KEY_ENV}" if self.server.router == "ors" else (
                f"set {USER_AGENT_ENV} to a user agent naming you")  # fmt: skip
            return f"{where} refused access (HTTP {status}): {fix}"
        if status == 404:
            return f"{where} has no such service (HTTP 404): check --url, the server's address without the service path"
        detail = f": {reason}" if reason else ""
        if status in RETRY_STATUSES:
            return f"{where} is unavailable (HTTP {status}){detail} ({tries})"
        return f"{where} failed (HTTP {status}){detail}"


def _post(url: str, body: Mapping[str, Any], headers: dict[str, str]) -> urllib.request.Request:
    headers = {**headers, "Content-Type": "application/json; charset=utf-8"}
    return urllib.request.Request(url, data=json.dumps(body).encode("utf-8"), headers=headers, method="POST")


def _indexed(
    origins: Sequence[Coordinates], destinations: Sequence[Coordinates]
) -> tuple[list[Coordinates], list[int], list[int]]:
    """Each distinct point once, and the indices of the origins and the destinations among them."""
    index: dict[Coordinates, int] = {}
    for point in (*origins, *destinations):
        index.setdefault(point, len(index))
    return list(index), [index[point] for point in origins], [index[point] for point in destinations]


def _joined(indices: Sequence[int]) -> str:
    return ";".join(str(number) for number in indices)


def _grid(durations: Any, distances: Any, rows: int, columns: int, *, seconds: float, metres: float) -> Matrix:
    """Cells from an engine's two row-major grids; ``seconds`` and ``metres`` are the units per second and km."""
    if len(durations) != rows or len(distances) != rows:
        raise ValueError(f"{len(durations)} rows for {rows} origins")
    matrix: Matrix = []
    for time_row, distance_row in zip(durations, distances, strict=True):
        if len(time_row) != columns or len(distance_row) != columns:
            raise ValueError(f"{len(time_row)} columns for {columns} destinations")
        matrix.append([_leg(t, d, seconds, metres) for t, d in zip(time_row, distance_row, strict=True)])
    return matrix


def _leg(duration: Any, distance: Any, seconds: float, metres: float) -> Leg | None:
    if duration is None or distance is None:
        return None
    if isinstance(duration, bool) or isinstance(distance, bool):
        raise ValueError("a duration or distance that is true or false")
    minutes, km = float(duration) / seconds / 60, float(distance) / metres
    if not (math.isfinite(minutes) and math.isfinite(km)) or minutes < 0 or km < 0:
        raise ValueError(f"a duration of {duration} or distance of {distance}")
    return Leg(minutes, km)


def _reason(error: urllib.error.HTTPError) -> str:
    """The server's own words for a refusal: OSRM's ``message``, Valhalla's ``error``, ORS's ``error.message``."""
    try:
        body = json.loads(error.read(20_000))
    except (ValueError, OSError):
        return ""
    if not isinstance(body, Mapping):
        return ""
    for key in ("message", "error"):
        value = body.get(key)
        if isinstance(value, Mapping):
            value = value.get("message")
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())[:300]
    return ""


def _retry_after(value: str | None) -> float | None:
    """``Retry-After`` in seconds: a number of seconds or an HTTP date."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - datetime.now(UTC)).total_seconds())


def _tries(attempt: int) -> str:
    return f"{attempt} tries" if attempt > 1 else "1 try"
