"""`scout travel` against a real HTTP server on localhost that answers like OSRM's table service and
Valhalla's sources_to_targets.

The server computes its answers from the coordinates it is sent: the road is the great circle × 1.3, driven
at 60 km/h (so a road km takes a minute), which makes every cached value checkable. It records each request:
its path, user agent, and how many coordinates, origins and destinations it carried. Every run checks that
the hand-edited catalogue keeps its bytes.
"""

from __future__ import annotations

import json
import math
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from typer.testing import CliRunner, Result

from scout.cli import app
from scout.geo import routers
from scout.geo.routed import Block, blocks, default_pairs
from scout.geo.routers import USER_AGENT, Pacer, Router, RouterSettings, server_for
from scout.io.catalogue import load_catalogue
from scout.io.travel_cache import CACHE_NAME, read_travel_cache
from scout.model import Coordinates, RoutedTime

DATA = Path(__file__).parent / "data" / "travel"
FAST = {"SCOUT_TRAVEL_BACKOFF": "0.01", "SCOUT_TRAVEL_TIMEOUT": "2", "COLUMNS": "250"}
runner = CliRunner()

POINTS = {
    "lax": Coordinates(33.9425, -118.408),
    "tij": Coordinates(32.541, -116.97),
    "tijuana-centro": Coordinates(32.5325, -117.0189),
    "rosarito": Coordinates(32.3637, -117.0545),
    "gdl": Coordinates(20.5218, -103.3112),
    "guadalajara-centro": Coordinates(20.6767, -103.3475),
    "tequila": Coordinates(20.8822, -103.8369),
}
BC, JAL = ("tij", "tijuana-centro", "rosarito"), ("gdl", "guadalajara-centro", "tequila")
EXPECTED_PAIRS = {
    *((a, b) for group in (BC, JAL) for a in group for b in group if a != b),  # 6 + 6 within the states
    *((a, b) for a, b in [("lax", "tij"), ("lax", "tijuana-centro")] for a, b in [(a, b), (b, a)]),  # 4, border
    *((a, b) for x in ("tij", "tijuana-centro") for y in ("gdl", "guadalajara-centro") for a, b in [(x, y), (y, x)]),
}


def road_km(a: Coordinates, b: Coordinates) -> float:
    """The fake engine's road: the great circle (R = 6371 km) × 1.3."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 1.3 * 2 * 6371.0 * math.asin(math.sqrt(h))


# -- the server -----------------------------------------------------------------------------------------


@dataclass
class Seen:
    at: float  # time.monotonic() when the request arrived
    path: str
    user_agent: str
    coordinates: int  # how many points the request carried
    sources: list[Coordinates]
    destinations: list[Coordinates]

    @property
    def cells(self) -> int:
        return len(self.sources) * len(self.destinations)


@dataclass
class FakeRouter:
    """Answers /table/v1/driving/... (OSRM) and /sources_to_targets (Valhalla) from the coordinates sent.

    ``script`` lists actions taken one per request (the last one repeats): ``"ok"``, an HTTP status such as
    ``"503"`` or ``"400"``. Points in ``islands`` have no road to any other point (the answer is null).
    """

    url: str = ""
    script: list[str] = field(default_factory=list)
    seen: list[Seen] = field(default_factory=list)
    islands: set[Coordinates] = field(default_factory=set)
    retry_after: str | None = None
    keys: list[str] = field(default_factory=list)  # the Authorization header of each openrouteservice request

    def action(self) -> str:
        if not self.script:
            return "ok"
        return self.script.pop(0) if len(self.script) > 1 else self.script[0]

    def leg(self, a: Coordinates, b: Coordinates) -> float | None:
        if (a in self.islands) != (b in self.islands):
            return None
        return road_km(a, b)

    def asked(self) -> set[tuple[Coordinates, Coordinates]]:
        return {(a, b) for seen in self.seen for a in seen.sources for b in seen.destinations if a != b}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    fake: FakeRouter


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        prefix = "/table/v1/driving/"
        if not parts.path.startswith(prefix):
            self._send(404, {"code": "NotFound"})
            return
        points = [Coordinates(float(lat), float(lon)) for lon, lat in
                  (pair.split(",") for pair in unquote(parts.path[len(prefix):]).split(";"))]  # fmt: skip
        params = {key: values[0] for key, values in parse_qs(parts.query).items()}
        assert params["annotations"] == "duration,distance"
        sources = [points[int(i)] for i in params["sources"].split(";")]
        destinations = [points[int(i)] for i in params["destinations"].split(";")]
        if self._refused(len(points), sources, destinations):
            return
        fake = self.server.fake
        legs = [[fake.leg(a, b) for b in destinations] for a in sources]
        self._send(200, {
            "code": "Ok",
            "durations": [[None if km is None else km * 60 for km in row] for row in legs],  # seconds
            "distances": [[None if km is None else km * 1000 for km in row] for row in legs],  # metres
        })  # fmt: skip

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if urlsplit(self.path).path == "/v2/matrix/driving-car":
            self._openrouteservice(body)
            return
        if urlsplit(self.path).path != "/sources_to_targets":
            self._send(404, {"error": "no such service"})
            return
        assert body["costing"] == "auto" and body["units"] == "kilometers"
        sources = [Coordinates(p["lat"], p["lon"]) for p in body["sources"]]
        destinations = [Coordinates(p["lat"], p["lon"]) for p in body["targets"]]
        if self._refused(len(sources) + len(destinations), sources, destinations):
            return
        fake = self.server.fake
        rows = []
        for i, a in enumerate(sources):
            row = []
            for j, b in enumerate(destinations):
                km = fake.leg(a, b)
                time_s = None if km is None else round(km * 60)  # Valhalla gives whole seconds
                row.append({"from_index": i, "to_index": j, "time": time_s, "distance": km})
            rows.append(row)
        self._send(200, {"sources_to_targets": rows, "units": "kilometers"})

    def _openrouteservice(self, body: dict[str, Any]) -> None:
        assert body["metrics"] == ["duration", "distance"] and body["units"] == "km"
        self.server.fake.keys.append(self.headers.get("Authorization", ""))
        points = [Coordinates(lat, lon) for lon, lat in body["locations"]]
        sources = [points[i] for i in body["sources"]]
        destinations = [points[i] for i in body["destinations"]]
        if self._refused(len(points), sources, destinations):
            return
        legs = [[self.server.fake.leg(a, b) for b in destinations] for a in sources]
        self._send(200, {
            "durations": [[None if km is None else km * 60 for km in row] for row in legs],
            "distances": [[None if km is None else round(km, 2) for km in row] for row in legs],  # km, as asked
        })  # fmt: skip

    def _refused(self, coordinates: int, sources: list[Coordinates], destinations: list[Coordinates]) -> bool:
        fake = self.server.fake
        fake.seen.append(
            Seen(time.monotonic(), self.path, self.headers.get("User-Agent", ""), coordinates, sources, destinations)
        )
        action = fake.action()
        if action == "ok":
            return False
        headers = {"Retry-After": fake.retry_after} if fake.retry_after else {}
        self._send(int(action), {"code": "TooBig", "message": "Too many table coordinates"}, headers)
        return True

    def _send(self, status: int, document: Any, headers: dict[str, str] | None = None) -> None:
        body = json.dumps(document).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def engine() -> Iterator[FakeRouter]:
    fake = FakeRouter()
    server = _Server(("127.0.0.1", 0), _Handler)
    server.fake = fake
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def down_url() -> str:
    """An address where nothing listens: a port taken and released at once."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SCOUT_USER_AGENT", "SCOUT_ROUTER", "SCOUT_ROUTER_URL", "SCOUT_DATA", "SCOUT_TRAVEL_RETRIES",
                 "ORS_API_KEY"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)


# -- helpers --------------------------------------------------------------------------------------------


@dataclass
class Catalogue:
    path: Path
    original: bytes

    @property
    def cache(self) -> Path:
        return self.path.parent / CACHE_NAME

    def unchanged(self) -> bool:
        return self.path.read_bytes() == self.original

    def edit(self, old: bytes, new: bytes) -> None:
        assert old in self.original
        self.original = self.original.replace(old, new)
        self.path.write_bytes(self.original)


def copy_catalogue(tmp_path: Path) -> Catalogue:
    target = tmp_path / "data" / "locations.yaml"
    target.parent.mkdir()
    shutil.copyfile(DATA / "catalogue.yaml", target)
    return Catalogue(target, target.read_bytes())


def travel(catalogue: Catalogue, url: str, *options: str, env: dict[str, str] | None = None) -> Result:
    arguments = ["travel", "--data", str(catalogue.path), "--router", "osrm", "--url", url, *options]
    result = runner.invoke(app, arguments, env={**FAST, **(env or {})})
    assert catalogue.unchanged(), "the catalogue file was modified"
    return result


def cached(catalogue: Catalogue) -> dict[tuple[str, str], RoutedTime]:
    return {(entry.origin, entry.destination): entry for entry in read_travel_cache(catalogue.cache)}


# -- filling the cache ----------------------------------------------------------------------------------


def test_travel_fills_the_cache_with_every_default_pair(tmp_path: Path, engine: FakeRouter) -> None:
    catalogue = copy_catalogue(tmp_path)
    before = datetime.now(UTC).replace(microsecond=0)
    result = travel(catalogue, engine.url)
    assert result.exit_code == 0, result.output
    entries = cached(catalogue)
    assert set(entries) == EXPECTED_PAIRS
    for (origin, destination), entry in entries.items():
        km = road_km(POINTS[origin], POINTS[destination])
        assert entry.km == round(km, 2)  # the fake's 1.3 × great circle, to 0.01 km
        assert entry.minutes == round(km, 1)  # at 60 km/h a road km is a minute, to 0.1 minute
        assert (entry.origin_point, entry.destination_point) == (POINTS[origin], POINTS[destination])
        assert entry.router == "osrm" and entry.time >= before
    # Guadalajara to Tequila: 55.8 km of great circle, 72.5 km of the fake road, 72.5 minutes.
    tequila = entries["guadalajara-centro", "tequila"]
    assert (tequila.km, tequila.minutes) == (72.51, 72.5)
    assert "24 pairs asked, 24 answered, 0 already cached, 0 no route" in result.stdout
    assert f"wrote {catalogue.cache}" in " ".join(result.output.split())
    assert {seen.user_agent for seen in engine.seen} == {USER_AGENT}
    assert USER_AGENT.startswith("scout/")
    assert all(seen.path.startswith("/table/v1/driving/") for seen in engine.seen)


def test_loading_the_catalogue_merges_the_routed_times(tmp_path: Path, engine: FakeRouter) -> None:
    catalogue = copy_catalogue(tmp_path)
    assert travel(catalogue, engine.url).exit_code == 0
    loaded = load_catalogue(catalogue.path)
    assert {(entry.origin, entry.destination) for entry in loaded.routed} == EXPECTED_PAIRS
    places = runner.invoke(app, ["places", "--data", str(catalogue.path)], env={"COLUMNS": "250"})
    assert places.exit_code == 0, places.output


def test_the_cache_file_is_sorted_yaml_with_rounded_values(tmp_path: Path, engine: FakeRouter) -> None:
    catalogue = copy_catalogue(tmp_path)
    assert travel(catalogue, engine.url).exit_code == 0
    text = catalogue.cache.read_text(encoding="utf-8")
    assert text.startswith("# Road travel times between the places of the catalogue beside this file, written by")
    assert "`scout travel`; do not\n# edit." in text
    assert "version: 1\nentries:\n- from: gdl\n  to: guadalajara-centro\n" in text
    assert (
        "- from: guadalajara-centro\n  to: tequila\n  minutes: 72.5\n  km: 72.51\n  router: osrm\n  time: '20" in text
    )
    assert (
        "  from_point:\n    lat: 20.6767\n    lon: -103.3475\n  to_point:\n    lat: 20.8822\n    lon: -103.8369\n"
        in text
    )
    origins = [line.removeprefix("- from: ") for line in text.splitlines() if line.startswith("- from: ")]
    assert origins == sorted(origins)


def test_a_second_run_asks_nothing_and_refresh_asks_again(tmp_path: Path, engine: FakeRouter) -> None:
    catalogue = copy_catalogue(tmp_path)
    assert travel(catalogue, engine.url).exit_code == 0
    requests = len(engine.seen)
    text = catalogue.cache.read_bytes()

    again = travel(catalogue, engine.url)
    assert again.exit_code == 0, again.output
    assert len(engine.seen) == requests  # nothing asked
    assert "0 pairs asked, 0 answered, 24 already cached, 0 no route" in again.stdout
    assert catalogue.cache.read_bytes() == text

    refreshed = travel(catalogue, engine.url, "--refresh")
    assert refreshed.exit_code == 0, refreshed.output
    assert len(engine.seen) == 2 * requests
    assert "24 pairs asked, 24 answered, 0 already cached" in refreshed.stdout


def test_a_moved_place_is_asked_again_and_its_old_times_are_not_loaded(tmp_path: Path, engine: FakeRouter) -> None:
    catalogue = copy_catalogue(tmp_path)
    assert travel(catalogue, engine.url).exit_code == 0
    catalogue.edit(b"lat: 20.8822, lon: -103.8369", b"lat: 20.8900, lon: -103.8369")  # Tequila, 870 m north

    stale = load_catalogue(catalogue.path)
    assert not any("tequila" in (entry.origin, entry.destination) for entry in stale.routed)
    assert len(stale.routed) == 24 - 4  # its four pairs no longer apply; the others still do

    requests = len(engine.seen)
    result = travel(catalogue, engine.url)
    assert result.exit_code == 0, result.output
    assert "4 pairs asked, 4 answered, 20 already cached" in result.stdout
    moved = Coordinates(20.89, -103.8369)
    assert engine.asked() - {(a, b) for a in POINTS.values() for b in POINTS.values()} == {
        (moved, POINTS["gdl"]), (moved, POINTS["guadalajara-centro"]),
        (POINTS["gdl"], moved), (POINTS["guadalajara-centro"], moved),
    }  # fmt: skip
    assert len(engine.seen) - requests == 2  # Tequila to Jalisco's others, and theirs to it
    entry = cached(catalogue)["guadalajara-centro", "tequila"]
    assert entry.destination_point == moved and entry.km == round(road_km(POINTS["guadalajara-centro"], moved), 2)
    assert len(load_catalogue(catalogue.path).routed) == 24


def test_state_restricts_the_pairs_to_those_touching_it(tmp_path: Path, engine: FakeRouter) -> None:
    catalogue = copy_catalogue(tmp_path)
    result = travel(catalogue, engine.url, "--state", "jal")
    assert result.exit_code == 0, result.output
    # Jalisco's 6, and its GDL and base to and from Baja California's TIJ and base: 8.
    assert set(cached(catalogue)) == {pair for pair in EXPECTED_PAIRS if not {"lax", "rosarito"} & set(pair)} - {
        (a, b) for a in ("tij", "tijuana-centro") for b in ("tij", "tijuana-centro")
    }
    assert "14 pairs asked, 14 answered" in result.stdout
    unknown = travel(catalogue, engine.url, "--state", "JAK")
    assert unknown.exit_code == 2 and "--state: unknown state 'JAK'" in unknown.output
    assert "did you mean 'JAL'?" in unknown.output


def test_a_place_without_a_road_is_reported_not_stored(tmp_path: Path, engine: FakeRouter) -> None:
    catalogue = copy_catalogue(tmp_path)
    island = b"  - {id: islas-coronado, name: Islas Coronado, state: BC, kind: island, lat: 32.42, lon: -117.25, "
    catalogue.edit(b"  # No coordinates yet", island + b"source: inegi}\n  # No coordinates yet")
    engine.islands.add(Coordinates(32.42, -117.25))
    result = travel(catalogue, engine.url)
    assert result.exit_code == 0, result.output
    assert "30 pairs asked, 24 answered, 0 already cached, 6 no route" in result.stdout
    assert "no route   islas-coronado → rosarito" in result.stdout
    assert "no route   tij → islas-coronado" in result.stdout
    assert set(cached(catalogue)) == EXPECTED_PAIRS


def test_a_refused_request_is_reported_and_the_run_goes_on(tmp_path: Path, engine: FakeRouter) -> None:
    catalogue = copy_catalogue(tmp_path)
    engine.script = ["400", "ok"]
    result = travel(catalogue, engine.url)
    assert result.exit_code == 0, result.output
    refused = engine.seen[0].cells - sum(1 for a in engine.seen[0].sources if a in engine.seen[0].destinations)
    assert f"refused    {refused} pairs (HTTP 400: Too many table coordinates): " in result.stdout
    assert f"24 pairs asked, {24 - refused} answered, 0 already cached, 0 no route, {refused} refused" in result.stdout
    assert len(cached(catalogue)) == 24 - refused


# -- request sizes and the usage policy -----------------------------------------------------------------


def test_requests_to_your_own_server_stay_within_osrms_table_size(tmp_path: Path, engine: FakeRouter) -> None:
    lines = ["sources: {inegi: {title: INEGI, url: 'https://www.inegi.org.mx/'}}",
             "states: [{code: JAL, name: Jalisco, time_zone: America/Mexico_City, base: p0, source: inegi}]",
             "places:"]  # fmt: skip
    lines += [f"  - {{id: p{n}, name: Place {n}, state: JAL, kind: city, lat: {20 + n / 100}, lon: -103.3, "
              "source: inegi}" for n in range(60)]  # fmt: skip
    path = tmp_path / "data" / "locations.yaml"
    path.parent.mkdir()
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["travel", "--data", str(path), "--url", engine.url], env=FAST)
    assert result.exit_code == 0, result.output
    assert "3540 pairs asked, 3540 answered" in result.stdout  # 60 × 59
    # 60 places to each other: 50 × 50, 50 × 10, 10 × 50 and 10 × 10, each within 100 coordinates.
    assert sorted((len(seen.sources), len(seen.destinations)) for seen in engine.seen) == [
        (10, 10), (10, 50), (50, 10), (50, 50)
    ]  # fmt: skip
    assert max(seen.coordinates for seen in engine.seen) <= 100


def test_blocks_ask_every_pair_once_within_the_side() -> None:
    square = [(a, b) for a in "abcdefg" for b in "abcdefg" if a != b]
    found = blocks(square, 3)
    asked = [(o, d) for block in found for o in block.origins for d in block.destinations if o != d]
    assert sorted(asked) == sorted(square)  # each once
    assert all(len(block.origins) <= 3 and len(block.destinations) <= 3 for block in found)
    assert len(found) == 8  # 7 places cut into 3 + 3 + 1 each way: 9 pieces, but g to itself is no pair
    # One place moved: its row and its column, two requests rather than one per other place.
    moved = [("g", x) for x in "abcdef"] + [(x, "g") for x in "abcdef"]
    assert sorted(blocks(moved, 10), key=lambda b: b.origins) == [
        Block(tuple("abcdef"), ("g",)), Block(("g",), tuple("abcdef"))
    ]  # fmt: skip
    assert blocks([], 10) == []


def test_default_pairs_join_states_by_road(tmp_path: Path) -> None:
    catalogue = load_catalogue(copy_catalogue(tmp_path).path)
    assert set(default_pairs(catalogue)) == EXPECTED_PAIRS
    assert len(default_pairs(catalogue)) == 24


def test_the_pacer_counts_each_cell_as_a_request_on_a_public_server() -> None:
    public = server_for("osrm")
    assert public.public and public.url == "https://routing.openstreetmap.de/routed-car"
    assert public.side == 10 and public.spacing(100) == 100.0 and public.spacing(1) == 1.0
    assert server_for("valhalla").spacing(12) == 12.0
    assert server_for("osrm", "http://127.0.0.1:5000").spacing(2500) == 0.0  # your own server: no waiting
    assert server_for("ors").spacing(3481) == 1.5  # openrouteservice: metered per request by the key

    now = [1000.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    pacer = Pacer(public.spacing, clock=lambda: now[0], sleep=sleep)
    assert pacer.wait(100) == 0.0  # the first request leaves at once
    now[0] += 3.0  # the answer took 3 s
    assert pacer.wait(4) == pytest.approx(97.02)  # 100 cells: 100 s (and a hair) after the first started
    assert now[0] == pytest.approx(1100.02)
    now[0] += 10.0
    assert pacer.wait(1) == 0.0  # 4 cells need 4 s: already past
    assert slept == [pytest.approx(97.02)]


def test_the_public_server_is_asked_no_faster_than_its_policy(monkeypatch: pytest.MonkeyPatch) -> None:
    """The router's requests go through the pacer: two 10 × 10 tables on the public server, 100 s apart."""
    now = [0.0]
    slept: list[float] = []
    urls: list[str] = []

    class Answer:
        def __init__(self, request: Any) -> None:
            urls.append(request.full_url)
            assert request.get_header("User-agent") == USER_AGENT

        def __enter__(self) -> Answer:
            return self

        def __exit__(self, *exc: object) -> None:
            pass

        def read(self, limit: int) -> bytes:
            row = [60.0] * 10
            return json.dumps({"code": "Ok", "durations": [row] * 10, "distances": [row] * 10}).encode()

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    monkeypatch.setattr(routers.urllib.request, "urlopen", lambda request, timeout: Answer(request))
    client = Router(RouterSettings(), {}, clock=lambda: now[0], sleep=sleep)
    points = [Coordinates(20 + n / 10, -103.0) for n in range(10)]
    client.table(points, points)
    legs = client.table(points, points)
    assert legs[0][0] is not None and legs[0][0].minutes == 1.0 and legs[0][0].km == 0.06
    assert slept == [pytest.approx(100.02)]
    assert all(url.startswith("https://routing.openstreetmap.de/routed-car/table/v1/driving/") for url in urls)
    with pytest.raises(ValueError, match="11 × 10"):
        client.table([*points, Coordinates(30, -110)], points)  # more than the public server's 10 × 10


# -- failures -------------------------------------------------------------------------------------------


def test_a_server_that_is_down_exits_3_and_loses_nothing(tmp_path: Path, engine: FakeRouter, down_url: str) -> None:
    catalogue = copy_catalogue(tmp_path)
    result = travel(catalogue, down_url, env={"SCOUT_TRAVEL_RETRIES": "1"})
    assert result.exit_code == 3, result.output
    output = " ".join(result.output.split())
    assert f"osrm at {down_url} could not be reached" in output and "(2 tries)" in output
    assert "stopped after 0 of 24 pairs: no pair answered" in output
    assert not catalogue.cache.exists()

    assert travel(catalogue, engine.url).exit_code == 0
    text = catalogue.cache.read_bytes()
    result = travel(catalogue, down_url, "--refresh", env={"SCOUT_TRAVEL_RETRIES": "0"})
    assert result.exit_code == 3, result.output
    assert catalogue.cache.read_bytes() == text  # every earlier answer is still there


def test_a_server_that_stops_answering_keeps_the_answers_so_far(tmp_path: Path, engine: FakeRouter) -> None:
    catalogue = copy_catalogue(tmp_path)
    engine.script = ["ok", "503"]
    result = travel(catalogue, engine.url)
    assert result.exit_code == 3, result.output
    first = engine.seen[0]
    answered = first.cells - sum(1 for a in first.sources if a in first.destinations)
    output = " ".join(result.output.split())
    assert f"osrm at {engine.url} is unavailable (HTTP 503)" in output and "(3 tries)" in output
    assert f"stopped after {answered} of 24 pairs: {answered} pairs answered, kept in {catalogue.cache}" in output
    assert "the catalogue is unchanged" in output
    assert len(cached(catalogue)) == answered

    engine.script = ["ok"]
    again = travel(catalogue, engine.url)  # asks only what is missing
    assert again.exit_code == 0, again.output
    assert f"{24 - answered} pairs asked, {24 - answered} answered, {answered} already cached" in again.stdout


def test_a_busy_server_is_waited_for_as_it_asks(tmp_path: Path, engine: FakeRouter) -> None:
    catalogue = copy_catalogue(tmp_path)
    engine.script = ["503", "ok"]
    engine.retry_after = "1"
    assert travel(catalogue, engine.url).exit_code == 0
    assert engine.seen[1].at - engine.seen[0].at >= 0.95  # Retry-After: 1, though the back-off is 0.01 s

    engine.script, engine.retry_after = ["429"], "3600"
    result = travel(catalogue, engine.url, "--refresh")
    assert result.exit_code == 3, result.output
    assert "refused: too many requests (HTTP 429); it asks to wait 3600 s (1 try)" in " ".join(result.output.split())


def test_a_damaged_cache_is_reported_where_it_is(tmp_path: Path, engine: FakeRouter) -> None:
    catalogue = copy_catalogue(tmp_path)
    catalogue.cache.write_text(
        "version: 1\nentries:\n- from: gdl\n  to: tequila\n  minutes: fast\n  km: 70\n  router: osrm\n"
        "  time: '2024-06-03T16:20:05+00:00'\n  from_point: {lat: 20.5218, lon: -103.3112}\n"
        "  to_point: {lat: 20.8822}\n",
        encoding="utf-8",
    )
    for command in (["travel", "--url", engine.url], ["places"]):
        result = runner.invoke(app, [*command, "--data", str(catalogue.path)], env=FAST)
        assert result.exit_code == 2, result.output
        output = " ".join(result.output.split())
        assert "travel-cache.yaml:5:12: minutes of travel cache entry 'gdl' to 'tequila': found text" in output
        assert "travel-cache.yaml:10:13: missing key 'lon' in to_point of travel cache entry 'gdl'" in output
        assert "delete the file and run scout travel again" in output
    assert engine.seen == []


def test_wrong_settings_are_bad_input(tmp_path: Path, engine: FakeRouter) -> None:
    catalogue = copy_catalogue(tmp_path)

    def run(*options: str) -> Result:
        return runner.invoke(app, ["travel", "--data", str(catalogue.path), *options], env=FAST)

    unknown = run("--router", "valhala")
    assert unknown.exit_code == 2 and "--router: unknown router 'valhala'" in unknown.output
    assert "did you mean 'valhalla'?" in unknown.output
    keyless = run("--router", "ors")
    assert keyless.exit_code == 2 and "ORS_API_KEY: is not set" in keyless.output
    bike = run("--url", "https://routing.openstreetmap.de/routed-bike")
    assert bike.exit_code == 2 and "FOSSGIS's 'routed-bike' server, not the car one" in " ".join(bike.output.split())
    demo = run("--url", "https://router.project-osrm.org")
    assert demo.exit_code == 2 and "forbids distance tables" in demo.output
    bad = run("--url", "localhost:5000")
    assert bad.exit_code == 2 and "--url: 'localhost:5000' is not a server address" in bad.output
    assert engine.seen == [] and not catalogue.cache.exists()
    assert catalogue.unchanged()


def test_user_agent_comes_from_the_environment(tmp_path: Path, engine: FakeRouter) -> None:
    catalogue = copy_catalogue(tmp_path)
    agent = "scout/0.1 (Consulado de México en Los Ángeles; cine@example.org)"
    assert travel(catalogue, engine.url, env={"SCOUT_USER_AGENT": agent}).exit_code == 0
    assert {seen.user_agent for seen in engine.seen} == {agent}


# -- Valhalla -------------------------------------------------------------------------------------------


def test_valhalla_answers_fill_the_same_cache(tmp_path: Path, engine: FakeRouter) -> None:
    catalogue = copy_catalogue(tmp_path)
    arguments = ["travel", "--data", str(catalogue.path), "--router", "valhalla", "--url", engine.url]
    result = runner.invoke(app, arguments, env=FAST)
    assert result.exit_code == 0, result.output
    assert catalogue.unchanged()
    entries = cached(catalogue)
    assert set(entries) == EXPECTED_PAIRS
    entry = entries["guadalajara-centro", "tequila"]
    km = road_km(POINTS["guadalajara-centro"], POINTS["tequila"])
    assert entry.router == "valhalla" and entry.km == round(km, 2)
    assert entry.minutes == round(round(km * 60) / 60, 1)  # whole seconds, as Valhalla gives them
    assert {seen.path for seen in engine.seen} == {"/sources_to_targets"}


def test_openrouteservice_gets_its_key_from_the_environment(tmp_path: Path, engine: FakeRouter) -> None:
    catalogue = copy_catalogue(tmp_path)
    arguments = ["travel", "--data", str(catalogue.path), "--router", "ors", "--url", engine.url]
    result = runner.invoke(app, arguments, env={**FAST, "ORS_API_KEY": "secret-key"})
    assert result.exit_code == 0, result.output
    assert catalogue.unchanged()
    entries = cached(catalogue)
    assert set(entries) == EXPECTED_PAIRS
    km = road_km(POINTS["guadalajara-centro"], POINTS["tequila"])
    assert entries["guadalajara-centro", "tequila"].km == round(km, 2) and entries["gdl", "tequila"].router == "ors"
    assert set(engine.keys) == {"secret-key"}
    assert {seen.path for seen in engine.seen} == {"/v2/matrix/driving-car"}


def test_travel_has_help_naming_its_options() -> None:
    result = runner.invoke(app, ["travel", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for option in ("--data", "--router", "--url", "--refresh", "--state", "--timeout", "ORS_API_KEY"):
        assert option in result.output
    assert "--backoff" not in result.output  # for tests only


# -- planning with the routed times ------------------------------------------------------------------------


def test_plan_marks_the_legs_it_took_from_the_cache_as_routed(tmp_path: Path, engine: FakeRouter) -> None:
    catalogue = copy_catalogue(tmp_path)
    assert travel(catalogue, engine.url).exit_code == 0
    trip = tmp_path / "trip.yaml"
    trip.write_text(
        "name: Routed\nstart: 2024-10-08\ndays: 3\norigin: lax\nstates: {count: 1, include: [JAL]}\n"
        "schedule: {start: '06:00', end: '21:00'}\nmust_visit: [tequila]\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    options = ["--data", str(catalogue.path), "--out", str(out), "--assume-flights"]
    result = runner.invoke(app, ["plan", str(trip), *options])
    assert result.exit_code == 0, result.output
    assert catalogue.unchanged()
    doc = json.loads((out / "itinerary.json").read_text(encoding="utf-8"))
    legs = {(i["from"]["place"], i["to"]["place"]): i for day in doc["days"] for i in day["items"]
            if i["type"] == "travel"}  # fmt: skip
    routed = [leg for pair, leg in legs.items() if pair in cached(catalogue)]
    assert routed and all(leg["source"] == "routed" for leg in routed)
    tequila = legs.get(("guadalajara-centro", "tequila")) or legs[("tequila", "guadalajara-centro")]
    assert tequila["source"] == "routed" and tequila["km"] == 72.5  # the engine's road, not the estimate
    # Legs the engine was not asked for (the flights, the airport ways) keep their own sources.
    assert any(leg["source"] != "routed" for leg in legs.values())
