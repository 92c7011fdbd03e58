"""`scout geocode` against a real HTTP server on localhost that answers like Nominatim (recorded answers).

Every run checks that the hand-edited catalogue keeps its bytes. The server records when each request
arrived, so the one-request-per-second spacing is measured where Nominatim would see it.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from typer.testing import CliRunner, Result

from scout.cli import app
from scout.geo.geocode import USER_AGENT, Geocoder, GeocoderSettings
from scout.io.catalogue import load_catalogue
from scout.io.geocode_cache import CACHE_NAME, read_geocode_cache
from scout.model.catalogue import GeocodeStatus

DATA = Path(__file__).parent / "data" / "geocode"
RECORDED: dict[str, list[dict[str, Any]]] = json.loads((DATA / "nominatim.json").read_text(encoding="utf-8"))
CINETECA = "Av. México-Coyoacán 389, Xoco, Coyoacán, Ciudad de México"
MORELOS = "Calle Morelos 100, Jalisco"
INVENTADA = "Calle Inventada 999, Col. Ninguna, Zapopan, Jalisco"
FAST = {"SCOUT_GEOCODE_MIN_DELAY": "0", "SCOUT_GEOCODE_BACKOFF": "0.01", "SCOUT_GEOCODE_TIMEOUT": "0.5"}
runner = CliRunner()


# -- the server -----------------------------------------------------------------------------------------


@dataclass
class Seen:
    at: float  # time.monotonic() when the request arrived
    query: str
    params: dict[str, str]
    user_agent: str


@dataclass
class FakeNominatim:
    """Answers /search with the recorded answer for ``q``, unless ``script`` says otherwise for that query.

    A script is a list of actions taken one per request (the last one repeats): ``"ok"``, ``"sleep:<s>"``
    (answer after that long), or an HTTP status such as ``"429"`` or ``"503"``.
    """

    url: str = ""
    script: dict[str, list[str]] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)
    retry_after: str | None = None

    def queries(self) -> list[str]:
        return [request.query for request in self.seen]

    def action(self, query: str) -> str:
        steps = self.script.get(query)
        if not steps:
            return "ok"
        return steps.pop(0) if len(steps) > 1 else steps[0]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    fake: FakeNominatim

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that gave up (the timeout test) leaves a broken pipe behind: expected


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        fake = self.server.fake
        parts = urlsplit(self.path)
        params = {key: values[0] for key, values in parse_qs(parts.query).items()}
        query = params.get("q", "")
        fake.seen.append(Seen(time.monotonic(), query, params, self.headers.get("User-Agent", "")))
        if parts.path != "/search":
            self._send(404, b"not found")
            return
        action = fake.action(query)
        if action.startswith("sleep:"):
            time.sleep(float(action.removeprefix("sleep:")))
            action = "ok"
        if action != "ok":
            headers = {"Retry-After": fake.retry_after} if fake.retry_after and action == "429" else {}
            self._send(int(action), b"<html><body>Too busy</body></html>", "text/html", headers)
            return
        body = json.dumps(RECORDED.get(query, []), ensure_ascii=False).encode("utf-8")
        self._send(200, body, "application/json; charset=utf-8")

    def _send(self, status: int, body: bytes, kind: str = "text/plain", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def nominatim() -> Iterator[FakeNominatim]:
    fake = FakeNominatim()
    server = _Server(("127.0.0.1", 0), _Handler)
    server.fake = fake
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    # Polled every 10 ms rather than 0.5 s: shutting the server down at each test's end is then at once.
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
    for name in ("SCOUT_USER_AGENT", "SCOUT_GEOCODER", "SCOUT_NOMINATIM_URL", "SCOUT_DATA", "SCOUT_GEOCODE_RETRIES"):
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


def copy_catalogue(tmp_path: Path, name: str = "catalogue.yaml") -> Catalogue:
    target = tmp_path / "data" / "locations.yaml"
    target.parent.mkdir()
    shutil.copyfile(DATA / name, target)
    return Catalogue(target, target.read_bytes())


def geocode(catalogue: Catalogue, url: str, *options: str, env: dict[str, str] | None = None) -> Result:
    arguments = ["geocode", "--data", str(catalogue.path), "--nominatim-url", url, *options]
    result = runner.invoke(app, arguments, env={**FAST, "COLUMNS": "250", **(env or {})})
    assert catalogue.unchanged(), "the catalogue file was modified"
    return result


def statuses(catalogue: Catalogue) -> dict[str, GeocodeStatus]:
    return {entry.place: entry.status for entry in read_geocode_cache(catalogue.cache)}


# -- found, ambiguous, not found ------------------------------------------------------------------------


def test_found_ambiguous_and_not_found_are_cached_and_summarised(tmp_path: Path, nominatim: FakeNominatim) -> None:
    catalogue = copy_catalogue(tmp_path)
    result = geocode(catalogue, nominatim.url)
    assert result.exit_code == 0, result.output
    assert nominatim.queries() == [CINETECA, MORELOS, INVENTADA]  # catalogue order, places with an address only
    first = nominatim.seen[0]
    assert first.user_agent == USER_AGENT and first.user_agent.startswith("scout/")
    assert first.params["countrycodes"] == "mx" and first.params["limit"] == "5"

    lines = result.stdout.splitlines()
    found = next(line for line in lines if "cineteca-nacional" in line)
    assert found.startswith("found") and "lat: 19.360746, lon: -99.164315" in found and "Cineteca Nacional" in found
    ambiguous = next(line for line in lines if "hotel-morelos" in line)
    assert ambiguous.startswith("ambiguous") and "3 results more than 2 km apart" in ambiguous
    assert "add its lat and lon to the catalogue" in ambiguous
    for town in ("Guadalajara", "San Pedro Tlaquepaque", "Zapopan Centro"):
        assert any(town in line and "lat: 20." in line for line in lines), town
    missing = next(line for line in lines if "foro-inventado" in line)
    assert missing.startswith("not found") and INVENTADA in missing
    assert "3 asked, 0 from the cache: 1 found, 1 ambiguous, 1 not found, 0 outside state" in result.stdout

    assert statuses(catalogue) == {
        "cineteca-nacional": GeocodeStatus.FOUND,
        "hotel-morelos": GeocodeStatus.AMBIGUOUS,
        "foro-inventado": GeocodeStatus.NOT_FOUND,
    }
    ambiguous_entry = next(e for e in read_geocode_cache(catalogue.cache) if e.place == "hotel-morelos")
    assert len(ambiguous_entry.matches) == 3 and ambiguous_entry.location is None

    loaded = load_catalogue(catalogue.path)
    cineteca = loaded.place("cineteca-nacional")
    assert cineteca.geocoded and cineteca.location is not None
    assert (cineteca.location.lat, cineteca.location.lon) == (19.3607455, -99.1643147)
    assert loaded.place("hotel-morelos").location is None  # ambiguous: the officer picks
    assert loaded.place("foro-inventado").location is None
    assert not loaded.place("cdmx-centro").geocoded


def test_the_cache_file_is_readable_yaml_with_query_provider_result_and_time(
    tmp_path: Path, nominatim: FakeNominatim
) -> None:
    catalogue = copy_catalogue(tmp_path)
    assert geocode(catalogue, nominatim.url).exit_code == 0
    text = catalogue.cache.read_text(encoding="utf-8")
    assert text.startswith("# Geocoded addresses of the catalogue beside this file")
    assert "version: 1\nentries:\n- place: cineteca-nacional\n" in text
    assert f"  query: {CINETECA}\n  provider: nominatim\n  time: '20" in text
    assert (
        "  status: found\n  results:\n  - lat: 19.3607455\n    lon: -99.1643147\n    label: Cineteca Nacional, 389"
        in text
    )
    assert "status: not-found\n  results: []\n" in text


def test_a_second_run_asks_nothing_and_refresh_asks_again(tmp_path: Path, nominatim: FakeNominatim) -> None:
    catalogue = copy_catalogue(tmp_path)
    assert geocode(catalogue, nominatim.url).exit_code == 0
    cached = catalogue.cache.read_bytes()

    again = geocode(catalogue, nominatim.url)
    assert again.exit_code == 0, again.output
    assert len(nominatim.seen) == 3  # nothing new asked
    assert "0 asked, 3 from the cache" in again.stdout and "(cached)" in again.stdout
    assert catalogue.cache.read_bytes() == cached

    refreshed = geocode(catalogue, nominatim.url, "--refresh")
    assert refreshed.exit_code == 0, refreshed.output
    assert nominatim.queries()[3:] == [CINETECA, MORELOS, INVENTADA]
    assert "3 asked, 0 from the cache" in refreshed.stdout


def test_a_cache_write_that_fails_keeps_the_previous_cache(
    tmp_path: Path, nominatim: FakeNominatim, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue = copy_catalogue(tmp_path)
    assert geocode(catalogue, nominatim.url).exit_code == 0
    cached = catalogue.cache.read_bytes()

    def fail(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    result = geocode(catalogue, nominatim.url, "--refresh")
    assert result.exit_code == 5, result.output
    assert "No space left on device" in result.output and "Traceback" not in result.output
    assert catalogue.cache.read_bytes() == cached
    assert sorted(p.name for p in catalogue.cache.parent.iterdir()) == [CACHE_NAME, "locations.yaml"]


def test_a_changed_address_is_geocoded_again(tmp_path: Path, nominatim: FakeNominatim) -> None:
    catalogue = copy_catalogue(tmp_path)
    assert geocode(catalogue, nominatim.url).exit_code == 0
    edited = catalogue.original.replace(
        b"Calle Inventada 999, Col. Ninguna", b"Av. M\xc3\xa9xico-Coyoac\xc3\xa1n 389, Xoco"
    )
    edited = edited.replace(b"Zapopan, Jalisco\n", b"Coyoac\xc3\xa1n, Ciudad de M\xc3\xa9xico\n")
    catalogue.path.write_bytes(edited)
    catalogue.original = edited

    result = geocode(catalogue, nominatim.url)
    assert result.exit_code == 0, result.output
    # foro-inventado is in Jalisco, its new address only found in Mexico City: asked, and not used.
    assert nominatim.queries()[3:] == [CINETECA]
    answers = {(e.place, e.query): e.status for e in read_geocode_cache(catalogue.cache)}
    assert answers["foro-inventado", INVENTADA] is GeocodeStatus.NOT_FOUND  # the old answer stays, unused
    assert answers["foro-inventado", CINETECA] is GeocodeStatus.OUTSIDE_STATE
    assert "found only outside Jalisco" in result.stdout
    assert load_catalogue(catalogue.path).place("foro-inventado").location is None


# -- failures: exit 3, nothing lost ---------------------------------------------------------------------


def test_a_slow_geocoder_times_out_with_exit_3_keeping_earlier_answers(
    tmp_path: Path, nominatim: FakeNominatim
) -> None:
    catalogue = copy_catalogue(tmp_path)
    nominatim.script[MORELOS] = ["sleep:1.5"]
    result = geocode(catalogue, nominatim.url, env={"SCOUT_GEOCODE_TIMEOUT": "0.3", "SCOUT_GEOCODE_RETRIES": "1"})
    assert result.exit_code == 3, result.output
    assert "did not answer within 0.3 s, geocoding 'Calle Morelos 100, Jalisco' (2 tries)" in result.output
    assert "stopped after 1 of 3 addresses: 1 answer obtained, kept in" in result.output
    assert "the catalogue is unchanged" in result.output
    assert nominatim.queries() == [CINETECA, MORELOS, MORELOS]
    assert statuses(catalogue) == {"cineteca-nacional": GeocodeStatus.FOUND}


@pytest.mark.parametrize(
    ("status", "message"),
    [("429", "refused: too many requests (HTTP 429)"), ("503", "is unavailable (HTTP 503)")],
)
def test_a_refusing_geocoder_is_retried_then_exit_3(
    tmp_path: Path, nominatim: FakeNominatim, status: str, message: str
) -> None:
    catalogue = copy_catalogue(tmp_path)
    nominatim.script[MORELOS] = [status]
    result = geocode(catalogue, nominatim.url)
    assert result.exit_code == 3, result.output
    assert f"nominatim at {nominatim.url} {message}, geocoding 'Calle Morelos 100, Jalisco' (3 tries)" in result.output
    assert nominatim.queries() == [CINETECA, MORELOS, MORELOS, MORELOS]  # two retries by default
    assert statuses(catalogue) == {"cineteca-nacional": GeocodeStatus.FOUND}


def test_a_busy_geocoder_is_waited_for_as_it_asks(tmp_path: Path, nominatim: FakeNominatim) -> None:
    catalogue = copy_catalogue(tmp_path)
    nominatim.script[MORELOS] = ["429", "ok"]
    nominatim.retry_after = "1"
    result = geocode(catalogue, nominatim.url)
    assert result.exit_code == 0, result.output
    first, second = (request.at for request in nominatim.seen if request.query == MORELOS)
    assert second - first >= 0.95  # Retry-After: 1, though the back-off alone would wait 0.01 s
    assert statuses(catalogue)["hotel-morelos"] is GeocodeStatus.AMBIGUOUS


def test_a_geocoder_that_is_down_exits_3_and_loses_nothing(
    tmp_path: Path, nominatim: FakeNominatim, down_url: str
) -> None:
    catalogue = copy_catalogue(tmp_path)
    result = geocode(catalogue, down_url)
    assert result.exit_code == 3, result.output
    assert f"nominatim at {down_url} could not be reached" in result.output
    assert "no network, or the service is down" in result.output
    assert "no answer obtained" in result.output
    assert not catalogue.cache.exists()

    assert geocode(catalogue, nominatim.url).exit_code == 0
    cached = catalogue.cache.read_bytes()
    result = geocode(catalogue, down_url, "--refresh")
    assert result.exit_code == 3, result.output
    assert catalogue.cache.read_bytes() == cached  # every earlier answer is still there


def test_requests_are_one_second_apart_by_default(tmp_path: Path, nominatim: FakeNominatim) -> None:
    catalogue = copy_catalogue(tmp_path)
    env = {key: value for key, value in FAST.items() if key != "SCOUT_GEOCODE_MIN_DELAY"}
    result = runner.invoke(
        app, ["geocode", "--data", str(catalogue.path), "--nominatim-url", nominatim.url], env=env | {"COLUMNS": "250"}
    )
    assert result.exit_code == 0, result.output
    assert catalogue.unchanged()
    times = [request.at for request in nominatim.seen]
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    assert len(gaps) == 2
    assert all(gap >= 1.0 for gap in gaps), gaps  # measured where the server sees them


# -- --check --------------------------------------------------------------------------------------------


def test_check_flags_a_point_far_from_its_address_and_notes_approx_ones(
    tmp_path: Path, nominatim: FakeNominatim
) -> None:
    catalogue = copy_catalogue(tmp_path, "far_from_address.yaml")
    result = geocode(catalogue, nominatim.url, "--check")
    assert result.exit_code == 2, result.output
    # Both CENART places ask the same address: each place is its own cache entry.
    cenart = "Centro Nacional de las Artes, Av. Río Churubusco 79, Col. Country Club, Coyoacán, Ciudad de México"
    assert nominatim.queries() == [cenart, cenart, "Hidalgo 20, Centro"]
    output = " ".join(result.output.split())
    assert (
        "locations.yaml:14:10: place 'ccc-film-school' at (19.43260, -99.13320) is 8.5 km from its address, which "
        "nominatim puts at (19.35649, -99.14198); expected coordinates within 2 km of the address" in output
    )
    assert "cineteca-de-las-artes' at" not in output  # approx: its point stands in, and says so
    assert "the catalogue's approximate point is 8.5 km from it: if this is the spot" in output
    assert "oficina-hidalgo" in output and "found only outside Ciudad de México" in output
    assert "Pachuca de Soto, Hidalgo" in output
    assert "error: 1 problem found" in output


def test_check_without_anything_to_flag_says_ok(tmp_path: Path, nominatim: FakeNominatim) -> None:
    catalogue = copy_catalogue(tmp_path)
    result = geocode(catalogue, nominatim.url, "--check")
    assert result.exit_code == 0, result.output
    assert "ok 3 places with coordinates lie in their state and near their address" in result.stdout


def test_check_and_validate_flag_a_place_in_another_state_without_network(tmp_path: Path, down_url: str) -> None:
    catalogue = copy_catalogue(tmp_path, "place_in_another_state.yaml")
    expected = (
        "locations.yaml:14:10: place 'tequila' at (20.88220, -103.83690) is 499.8 km outside Ciudad de México "
        "(in Jalisco); expected a point in Ciudad de México (within 5 km of its outline); check lat and lon, or "
        "did you mean state: JAL?"
    )
    result = geocode(catalogue, down_url, "--check")  # no address to geocode: the network is never used
    assert result.exit_code == 2, result.output
    assert expected in " ".join(result.output.split())
    validated = runner.invoke(app, ["validate", str(catalogue.path)], env={"COLUMNS": "250"})
    assert validated.exit_code == 2, validated.output
    assert expected in " ".join(validated.output.split())
    assert catalogue.unchanged()


# -- settings -------------------------------------------------------------------------------------------


def test_nothing_to_geocode_needs_no_network(tmp_path: Path, down_url: str) -> None:
    catalogue = copy_catalogue(tmp_path, "place_in_another_state.yaml")
    result = geocode(catalogue, down_url)
    assert result.exit_code == 0, result.output
    assert "Nothing to geocode" in result.stdout
    assert not catalogue.cache.exists()


def test_wrong_settings_are_bad_input(tmp_path: Path, nominatim: FakeNominatim) -> None:
    catalogue = copy_catalogue(tmp_path)
    unknown = runner.invoke(app, ["geocode", "--data", str(catalogue.path), "--provider", "nominatin"])
    assert unknown.exit_code == 2 and "did you mean 'nominatim'?" in unknown.output
    keyless = runner.invoke(
        app, ["geocode", "--data", str(catalogue.path), "--provider", "opencage"], env={"SCOUT_OPENCAGE_API_KEY": ""}
    )
    assert keyless.exit_code == 2 and "SCOUT_OPENCAGE_API_KEY: is not set" in keyless.output
    bad_url = geocode(catalogue, "localhost:8080")
    assert bad_url.exit_code == 2 and "--nominatim-url: 'localhost:8080' is not a server address" in bad_url.output
    assert nominatim.seen == [] and not catalogue.cache.exists()
    assert catalogue.unchanged()


def test_user_agent_comes_from_the_environment(tmp_path: Path, nominatim: FakeNominatim) -> None:
    catalogue = copy_catalogue(tmp_path)
    agent = "scout/0.1 (Consulado de México en Los Ángeles; cine@example.org)"
    assert geocode(catalogue, nominatim.url, env={"SCOUT_USER_AGENT": agent}).exit_code == 0
    assert {request.user_agent for request in nominatim.seen} == {agent}


def test_public_nominatim_is_never_asked_more_than_once_a_second() -> None:
    assert Geocoder(GeocoderSettings(min_delay=0), {}).min_delay == 1.0
    assert Geocoder(GeocoderSettings(nominatim_url="http://127.0.0.1:9", min_delay=0), {}).min_delay == 0.0
    keyed = Geocoder(GeocoderSettings(provider="opencage", min_delay=0.2), {"SCOUT_OPENCAGE_API_KEY": "k"})
    assert keyed.min_delay == 0.2 and keyed.where == "opencage"


def test_a_damaged_cache_is_reported_where_it_is(tmp_path: Path) -> None:
    catalogue = copy_catalogue(tmp_path)
    catalogue.cache.write_text("version: 1\nentries:\n- place: cineteca-nacional\n  status: lost\n", encoding="utf-8")
    result = runner.invoke(app, ["places", "--data", str(catalogue.path)])
    assert result.exit_code == 2, result.output
    output = " ".join(result.output.split())
    assert "geocode-cache.yaml:4:11: status of geocode cache entry 'cineteca-nacional': unknown value 'lost'" in output
    assert "delete the file and run scout geocode again" in output


def test_ctrl_c_keeps_the_answers_obtained(
    tmp_path: Path, nominatim: FakeNominatim, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue = copy_catalogue(tmp_path)
    real = Geocoder.lookup

    def interrupted_after_one(self: Geocoder, query: str, country: str | None = None) -> list[Any]:
        if nominatim.seen:
            raise KeyboardInterrupt
        return real(self, query, country)

    monkeypatch.setattr(Geocoder, "lookup", interrupted_after_one)
    result = geocode(catalogue, nominatim.url)
    assert result.exit_code == 130, result.output
    assert "stopped after 1 of 3 addresses: 1 answer obtained, kept in" in result.output
    assert "nothing was written" not in result.output
    assert statuses(catalogue) == {"cineteca-nacional": GeocodeStatus.FOUND}


def test_geocode_has_help_naming_its_options() -> None:
    result = runner.invoke(app, ["geocode", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for option in ("--data", "--nominatim-url", "--refresh", "--check", "--provider", "--timeout"):
        assert option in result.output
    assert "--min-delay" not in result.output  # for tests only
