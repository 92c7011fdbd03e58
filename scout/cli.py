"""The ``scout`` command: thin Typer commands that read files, call the core and render.

Errors of the :class:`scout.errors.ScoutError` family become messages and exit codes in one place,
:func:`_reporting_errors`. Heavy libraries (OR-Tools, geopy, PDF) are imported inside the commands that
need them, so ``scout --help`` stays instant.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from scout import __version__
from scout.errors import ExitCode, ImpossibleRequestError, InputError, OutputError, Problem, ScoutError

if TYPE_CHECKING:
    from scout.model import Catalogue
    from scout.model.flights import FlightSchedule
    from scout.model.itinerary import Itinerary
    from scout.render.exports import ExportFormat

DEFAULT_DATA = Path("data") / "locations.yaml"
DEFAULT_TRIPS = Path("trips")

app = typer.Typer(
    name="scout",
    help="Plan film-location scouting trips in Mexico: check the catalogue, choose the states, build the days.",
    epilog="Exit codes: 0 success, 1 unexpected failure, 2 bad input, 3 service unavailable, "
    "4 impossible request, 5 cannot write an output, 6 search time limit too short, 130 interrupted.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

F = TypeVar("F", bound=Callable[..., Any])


def _consoles() -> tuple[Console, Console]:
    # Created per call so that tests (CliRunner swaps sys.stdout) and NO_COLOR are honoured.
    return Console(highlight=False), Console(stderr=True, highlight=False)


def _reporting_errors(command: F) -> F:
    """Run a command, turning scout's errors and Ctrl-C into messages and documented exit codes."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _, err = _consoles()
        try:
            return command(*args, **kwargs)
        except InputError as error:
            from scout.render.terminal import problems_text

            err.print(problems_text(error.problems), end="", soft_wrap=True)
            err.print(f"[bold red]error:[/] {escape(str(error))}")
            raise typer.Exit(error.exit_code) from None
        except ImpossibleRequestError as error:
            err.print(f"[bold red]impossible:[/] {escape(error.summary)}", soft_wrap=True)
            for conflict in error.conflicts:
                err.print(f"  • {conflict}", soft_wrap=True, markup=False)
            raise typer.Exit(error.exit_code) from None
        except ScoutError as error:
            err.print(f"[bold red]error:[/] {escape(str(error))}", soft_wrap=True)
            raise typer.Exit(error.exit_code) from None
        except KeyboardInterrupt:
            err.print("[yellow]interrupted[/]: nothing was written")
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except ImportError as error:
            # Ctrl-C while a compiled extension (OR-Tools) initialises surfaces as "ImportError:
            # initialization failed", caused by the KeyboardInterrupt.
            if isinstance(error.__cause__, KeyboardInterrupt):
                err.print("[yellow]interrupted[/]: nothing was written")
                raise typer.Exit(ExitCode.INTERRUPTED) from None
            raise

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        print(f"scout {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Plan film-location scouting trips in Mexico.

    Exit codes: 0 success, 1 unexpected failure, 2 bad input, 3 service unavailable,
    4 impossible request, 130 interrupted.
    """


DataOption = Annotated[
    Path,
    typer.Option(
        "--data",
        "-d",
        envvar="SCOUT_DATA",
        help="The catalogue of states and places.",
        dir_okay=False,
        show_default=True,
    ),
]


FlightsOption = Annotated[
    Path | None,
    typer.Option(
        "--flights",
        envvar="SCOUT_FLIGHTS",
        help="The flight schedule. Default: flights.yaml beside the catalogue.",
        dir_okay=False,
    ),
]


def _load_flights(path: Path | None, data: Path, catalogue: Catalogue) -> FlightSchedule:
    """The flight schedule: the file given, else flights.yaml beside the catalogue (none there: no flights)."""
    from scout.io.flights import flights_path, load_flights
    from scout.model.flights import FlightSchedule

    target = path if path is not None else flights_path(data)
    if path is None and not target.exists():
        return FlightSchedule()
    return load_flights(target, catalogue)


def _load(data: Path) -> Catalogue:
    from scout.io.catalogue import load_catalogue

    if not data.exists() and data == DEFAULT_DATA:
        raise InputError(
            [
                Problem(
                    str(data),
                    None,
                    None,
                    "catalogue not found",
                    "run scout from the project folder, or pass --data PATH",
                )
            ]
        )
    return load_catalogue(data)


@app.command()
@_reporting_errors
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Catalogue, flight schedule or trip files to check. Default: the catalogue, the flight schedule "
            "beside it and every file in trips/."
        ),
    ] = None,
    data: DataOption = DEFAULT_DATA,
) -> None:
    """Check catalogue, flight schedule and trip files; report every problem as file:line:column."""
    from scout.geo.placement import outside_its_state
    from scout.io.catalogue import parse_catalogue_file
    from scout.io.documents import DocumentKind, read_document

    out, _ = _consoles()
    from scout.io.flights import flights_path

    schedule = flights_path(data)
    beside = [schedule] if schedule.exists() else []
    targets = list(paths) if paths else [data, *beside, *sorted(DEFAULT_TRIPS.glob("*.yaml"))]
    problems: list[Problem] = []
    checked: list[str] = []
    trips: list[tuple[Path, Any]] = []
    schedules: list[tuple[Path, Any]] = []
    catalogue: Catalogue | None = None  # the --data catalogue, which trips are checked against
    catalogue_failed = False
    for path in targets:
        is_data = path.resolve() == data.resolve()
        try:
            kind, document = read_document(path)
            if kind is DocumentKind.CATALOGUE:
                loaded = parse_catalogue_file(document, path, check=outside_its_state)
                checked.append(f"{path}: catalogue of {len(loaded.states)} states and {len(loaded.places)} places")
                if is_data:
                    catalogue = loaded
            elif kind is DocumentKind.FLIGHTS:
                schedules.append((path, document))
            else:
                trips.append((path, document))
        except InputError as error:
            problems.extend(error.problems)
            catalogue_failed = catalogue_failed or is_data
    if (trips or schedules) and catalogue is None and not catalogue_failed:
        try:
            catalogue = _load(data)
        except InputError as error:
            problems.extend(error.problems)
    if catalogue is not None:
        from scout.io.flights import parse_flights
        from scout.io.trip import parse_trip

        for path, document in schedules:
            try:
                loaded_flights = parse_flights(document, catalogue, path.as_posix())
                checked.append(f"{path}: flight schedule of {len(loaded_flights.flights)} flights")
            except InputError as error:
                problems.extend(error.problems)

        for path, document in trips:
            try:
                trip = parse_trip(document, catalogue, str(path))
                checked.append(f"{path}: trip {trip.name!r} of {trip.day_count} days")
            except InputError as error:
                problems.extend(error.problems)
    if problems:
        raise InputError(problems)
    for line in checked:
        out.print(f"[green]ok[/] {escape(line)}", soft_wrap=True)


@app.command()
@_reporting_errors
def states(data: DataOption = DEFAULT_DATA) -> None:
    """List the states of the catalogue with their airports, film commission and places by kind."""
    from scout.render.terminal import states_table

    out, _ = _consoles()
    out.print(states_table(_load(data)))


@app.command()
@_reporting_errors
def places(
    state: Annotated[str | None, typer.Option("--state", "-s", help="Only places in this state (code).")] = None,
    kind: Annotated[str | None, typer.Option("--kind", "-k", help="Only places of this kind.")] = None,
    data: DataOption = DEFAULT_DATA,
) -> None:
    """List the places of the catalogue, optionally of one state or one kind."""
    from scout.io.fields import did_you_mean, one_of
    from scout.model import Kind
    from scout.render.terminal import places_table

    out, _ = _consoles()
    catalogue = _load(data)
    selected = list(catalogue.places)
    problems = []
    if state is not None:
        code = state.upper()
        if not catalogue.has_state(code):
            codes = [s.code for s in catalogue.states]
            problems.append(
                Problem("--state", None, None, f"unknown state {state!r}", one_of(codes), did_you_mean(code, codes))
            )
        selected = [place for place in selected if place.state == code]
    if kind is not None:
        kinds = [k.value for k in Kind]
        wanted = kind.lower().replace("_", "-")
        if wanted not in kinds:
            problems.append(
                Problem("--kind", None, None, f"unknown kind {kind!r}", one_of(kinds), did_you_mean(kind, kinds))
            )
        selected = [place for place in selected if place.kind.value == wanted]
    if problems:
        raise InputError(problems)
    out.print(places_table(selected, width=out.width))


@app.command()
@_reporting_errors
def geocode(
    data: DataOption = DEFAULT_DATA,
    nominatim_url: Annotated[
        str | None,
        typer.Option(envvar="SCOUT_NOMINATIM_URL", help="Another Nominatim server, such as http://localhost:8080."),
    ] = None,
    refresh: Annotated[bool, typer.Option("--refresh", help="Ask again for every address already cached.")] = False,
    check: Annotated[
        bool,
        typer.Option("--check", help="Also flag places outside their state or far from their geocoded address."),
    ] = False,
    provider: Annotated[
        str, typer.Option(envvar="SCOUT_GEOCODER", help="The geopy geocoder; API keys only from the environment.")
    ] = "nominatim",
    timeout: Annotated[
        float, typer.Option(envvar="SCOUT_GEOCODE_TIMEOUT", min=0.01, help="Seconds to wait for each answer.")
    ] = 10.0,
    min_delay: Annotated[float, typer.Option(envvar="SCOUT_GEOCODE_MIN_DELAY", min=0, hidden=True)] = 1.0,
    retries: Annotated[int, typer.Option(envvar="SCOUT_GEOCODE_RETRIES", min=0, max=10, hidden=True)] = 2,
    backoff: Annotated[float, typer.Option(envvar="SCOUT_GEOCODE_BACKOFF", min=0, hidden=True)] = 2.0,
) -> None:
    """Fill in coordinates from addresses, cached beside the catalogue (which is never rewritten)."""
    import os
    from datetime import UTC, datetime

    from scout.errors import ServiceUnavailableError
    from scout.geo import geocode as geo
    from scout.geo.placement import against_addresses
    from scout.io.catalogue import load_catalogue
    from scout.io.geocode_cache import cache_path, read_geocode_cache, write_geocode_cache
    from scout.model.catalogue import GeocodedAddress

    out, err = _consoles()
    catalogue = _load(data)
    cache_file = cache_path(data)
    cache = {(entry.place, entry.query): entry for entry in read_geocode_cache(cache_file)}
    ask, reused = geo.to_geocode(catalogue, cache.values(), refresh=refresh, check=check)
    asked: list[GeocodedAddress] = []
    if ask:
        settings = geo.GeocoderSettings(provider, nominatim_url, os.environ.get(geo.USER_AGENT_ENV) or geo.USER_AGENT,
                                        timeout, min_delay, retries, backoff)  # fmt: skip
        geocoder = geo.Geocoder(settings, os.environ)

        def keep(entry: GeocodedAddress) -> None:
            cache[entry.place, entry.query] = entry
            try:
                write_geocode_cache(cache_file, cache.values())
            except OSError as error:  # the previous cache stays whole: it is replaced atomically
                raise OutputError(f"cannot write {cache_file}: {error.strerror or error}") from None
            asked.append(entry)

        try:
            with err.status("Geocoding…", spinner="dots") as status:
                geo.geocode_places(ask, catalogue, geocoder.lookup, provider=geocoder.provider.name,
                                   now=lambda: datetime.now(UTC), keep=keep,
                                   progress=lambda n, total, place: status.update(
                                       f"Geocoding {n} of {total}: {place.id}"))  # fmt: skip
        except (ServiceUnavailableError, KeyboardInterrupt) as error:
            answers = f"{len(asked)} answer" + ("s" if len(asked) != 1 else "")
            kept = f"{answers} obtained, kept in {cache_file}" if asked else "no answer obtained"
            err.print(f"[yellow]stopped[/] after {len(asked)} of {len(ask)} addresses: {escape(kept)}; "
                      f"the catalogue is unchanged. Run scout geocode again later.", soft_wrap=True)  # fmt: skip
            if isinstance(error, KeyboardInterrupt):  # not the generic "nothing was written": answers were kept
                raise typer.Exit(ExitCode.INTERRUPTED) from None
            raise
    for line in geo.summary_lines(catalogue, asked, reused):
        out.print(line, markup=False, highlight=False, soft_wrap=True)
    if asked:
        err.print(f"[green]wrote[/] {escape(str(cache_file))}")
    if check:
        checked = load_catalogue(data, check=against_addresses(cache.values()))
        located = sum(1 for place in checked.places if place.location is not None)
        out.print(f"[green]ok[/] {located} places with coordinates lie in their state and near their address")


@app.command()
@_reporting_errors
def travel(
    data: DataOption = DEFAULT_DATA,
    router: Annotated[
        str, typer.Option("--router", "-r", envvar="SCOUT_ROUTER", help="The routing engine: osrm, valhalla or ors.")
    ] = "osrm",
    url: Annotated[
        str | None,
        typer.Option(
            "--url",
            envvar="SCOUT_ROUTER_URL",
            help="Another server than the engine's public one, such as http://localhost:5000 (your own server "
            "is asked without waiting).",
            show_default=False,
        ),
    ] = None,
    refresh: Annotated[bool, typer.Option("--refresh", help="Ask again for every pair already cached.")] = False,
    state: Annotated[
        list[str] | None,
        typer.Option(
            "--state",
            "-s",
            help="Only pairs with a place in this state (code); repeat for several. Default: every state.",
            show_default=False,
        ),
    ] = None,
    timeout: Annotated[
        float, typer.Option(envvar="SCOUT_TRAVEL_TIMEOUT", min=0.01, help="Seconds to wait for each answer.")
    ] = 30.0,
    retries: Annotated[int, typer.Option(envvar="SCOUT_TRAVEL_RETRIES", min=0, max=10, hidden=True)] = 2,
    backoff: Annotated[float, typer.Option(envvar="SCOUT_TRAVEL_BACKOFF", min=0, hidden=True)] = 2.0,
) -> None:
    """Fetch road times between the catalogue's places from a routing engine, cached beside the catalogue.

    Asks for the pairs not yet in travel-cache.yaml: the places of each state to each other, and each
    state's airports and base to those of the states joined to it by road. The catalogue is never rewritten.
    An ORS key is read from ORS_API_KEY only.
    """
    import os
    from datetime import UTC, datetime

    from scout.errors import ServiceUnavailableError
    from scout.formats import duration_text
    from scout.geo import routed as pairs_of
    from scout.geo.routers import USER_AGENT, USER_AGENT_ENV, Router, RouterSettings
    from scout.io.travel_cache import cache_path, read_travel_cache, write_travel_cache
    from scout.model import RoutedTime

    out, err = _consoles()
    catalogue = _load(data)
    cache_file = cache_path(data)
    cache = {(entry.origin, entry.destination): entry for entry in read_travel_cache(cache_file)}
    states = pairs_of.selected_states(catalogue, state or [])
    ask, reused = pairs_of.to_route(catalogue, cache.values(), states, refresh=refresh)
    if not ask and not reused:
        out.print("Nothing to route: no two places with coordinates to join by road.")
        return
    outcome = pairs_of.RoutingOutcome()
    if ask:
        settings = RouterSettings(router, url, os.environ.get(USER_AGENT_ENV) or USER_AGENT, timeout, retries, backoff)
        client = Router(settings, os.environ)
        server = client.server
        planned = pairs_of.blocks(ask, server.side)
        seconds = sum(server.spacing(block.cells) for block in planned[:-1])
        if seconds > 60:
            err.print(f"{len(ask)} pairs in {len(planned)} requests to {escape(server.url)}, a public server: its "
                      f"usage policy (one pair a second) makes that about {duration_text(seconds / 60)}. Ctrl-C "
                      "keeps what was answered; your own server (--url) is asked without waiting.",
                      soft_wrap=True)  # fmt: skip
        kept: list[RoutedTime] = []

        def keep(entries: Sequence[RoutedTime]) -> None:
            for entry in entries:
                cache[entry.origin, entry.destination] = entry
            try:
                write_travel_cache(cache_file, cache.values())
            except OSError as error:  # the previous cache stays whole: it is replaced atomically
                raise OutputError(f"cannot write {cache_file}: {error.strerror or error}") from None
            kept.extend(entries)

        try:
            with err.status("Routing…", spinner="dots") as status:
                current = [""]

                def progress(number: int, total: int, block: pairs_of.Block) -> None:
                    current[0] = f"request {number} of {total} ({len(block.origins)} × {len(block.destinations)})"
                    status.update(f"Routing: {current[0]}, {len(kept)} of {len(ask)} pairs answered")

                client.on_wait = lambda wait: status.update(
                    f"Waiting {wait:.0f} s before {current[0]}: the public server's usage policy"
                )
                outcome = pairs_of.route_pairs(ask, catalogue, client.table, side=server.side, router=client.name,
                                               now=lambda: datetime.now(UTC), keep=keep,
                                               progress=progress)  # fmt: skip
        except (ServiceUnavailableError, KeyboardInterrupt) as error:
            answers = f"{len(kept)} pair" + ("s" if len(kept) != 1 else "")
            where = f"{answers} answered, kept in {cache_file}" if kept else "no pair answered"
            err.print(f"[yellow]stopped[/] after {len(kept)} of {len(ask)} pairs: {escape(where)}; the catalogue "
                      "is unchanged. Run scout travel again later: it asks only for what is missing.",
                      soft_wrap=True)  # fmt: skip
            if isinstance(error, KeyboardInterrupt):  # not the generic "nothing was written": answers were kept
                raise typer.Exit(ExitCode.INTERRUPTED) from None
            raise
    for line in pairs_of.summary_lines(outcome, len(ask), len(reused)):
        out.print(line, markup=False, highlight=False, soft_wrap=True)
    if outcome.answered:
        err.print(f"[green]wrote[/] {escape(str(cache_file))}")


@app.command()
@_reporting_errors
def plan(
    trip_file: Annotated[
        Path, typer.Argument(help="The trip file, such as trips/familiarization-2024.yaml.", dir_okay=False)
    ],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Folder for itinerary.json. Default: trips/<trip name>/.")
    ] = None,
    alternatives: Annotated[
        int, typer.Option("--alternatives", "-a", min=0, max=10, help="How many next-best state sets to compare.")
    ] = 2,
    export: Annotated[
        str | None,
        typer.Option(
            "--export",
            "-e",
            help="Also write these formats beside itinerary.json, comma-separated: md,pdf,ics,geojson.",
        ),
    ] = None,
    data: DataOption = DEFAULT_DATA,
    flights: FlightsOption = None,
    assume_flights: Annotated[
        bool,
        typer.Option(
            "--assume-flights",
            help="Also fly between airports the schedule does not join, with estimated flights (each warned "
            "about): for a prospective trip. The trip file's travel.assume_flights does the same.",
        ),
    ] = False,
) -> None:
    """Choose the states and build the day-by-day itinerary; write itinerary.json (and any --export)."""
    import time

    from scout.geo.travel import TravelPlanner
    from scout.io.itinerary_json import write_itinerary
    from scout.io.trip import load_trip
    from scout.plan.params import PlanParams
    from scout.plan.problem import build_problem
    from scout.plan.solve import plan_trip
    from scout.render.itinerary import (
        alternatives_table,
        itinerary_renderables,
        summary_table,
        unvisited_table,
        warnings_table,
    )

    formats = _export_formats(export) if export else []
    out_console, err = _consoles()
    catalogue = _load(data)
    trip = load_trip(trip_file, catalogue)
    began = time.perf_counter()
    # Where stderr is no terminal (a pipe, a log file), the spinner is not drawn: each step is a line instead.
    lines = not err.is_terminal or err.is_dumb_terminal
    with err.status("Planning…", spinner="dots") as status:

        def progress(message: str) -> None:
            text = message[:1].upper() + message[1:]
            status.update(text)
            if lines:
                err.print(text, markup=False, highlight=False, soft_wrap=True)

        schedule = _load_flights(flights, data, catalogue)
        travel = TravelPlanner.for_trip(catalogue, trip, schedule, assume_flights=assume_flights)
        problem = build_problem(catalogue, trip, travel)
        planned = plan_trip(problem, PlanParams(alternatives=alternatives), progress=progress)
    seconds = round(time.perf_counter() - began, 2)
    itinerary = replace(planned.itinerary, source=trip_file.as_posix(), solve_seconds=seconds)
    folder = out if out is not None else DEFAULT_TRIPS / folder_name(trip.name)
    target = folder / "itinerary.json"
    try:
        write_itinerary(itinerary, target)
    except OSError as error:
        raise OutputError(f"cannot write {target}: {error.strerror or error}") from None
    for renderable in itinerary_renderables(itinerary):
        out_console.print(renderable)
    extras = (summary_table(itinerary), warnings_table(itinerary), alternatives_table(itinerary),
              unvisited_table(itinerary))  # fmt: skip
    for extra in extras:
        if extra is not None:
            out_console.print(extra)
    if planned.clock_limited:
        err.print("[yellow]warning:[/] a search was cut short by its time guard; on another machine the "
                  "itinerary may differ", soft_wrap=True)  # fmt: skip
    err.print(f"[green]wrote[/] {escape(str(target))}")
    _write_exports(itinerary, [(fmt, folder / fmt.file_name) for fmt in formats], err)


@app.command(name="export")
@_reporting_errors
def export_command(
    itinerary_file: Annotated[
        Path, typer.Argument(help="An itinerary.json written by scout plan.", dir_okay=False, show_default=False)
    ],
    formats: Annotated[
        str, typer.Option("--format", "-f", help="md, pdf, ics or geojson; several comma-separated.")
    ] = "md",
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="The file to write (one format) or the folder (several). Default: beside the itinerary, "
            "as itinerary.md, itinerary.pdf, itinerary.ics, itinerary.geojson.",
        ),
    ] = None,
) -> None:
    """Render a planned itinerary to Markdown, PDF, iCalendar or GeoJSON without planning again."""
    from scout.io.itinerary_json import read_itinerary

    chosen = _export_formats(formats)
    _, err = _consoles()
    itinerary = read_itinerary(itinerary_file, str(itinerary_file))
    if out is None:
        targets = [(fmt, itinerary_file.parent / fmt.file_name) for fmt in chosen]
    elif len(chosen) == 1 and not out.is_dir():
        targets = [(chosen[0], out)]
    else:
        if out.exists() and not out.is_dir():
            raise typer.BadParameter("with several formats, --out must be a folder", param_hint="--out")
        targets = [(fmt, out / fmt.file_name) for fmt in chosen]
    _write_exports(itinerary, targets, err)


def _export_formats(text: str) -> list[ExportFormat]:
    from scout.render.exports import parse_formats

    try:
        chosen = parse_formats(text)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--format/--export") from None
    if not chosen:
        raise typer.BadParameter("no format given; expected md, pdf, ics or geojson", param_hint="--format/--export")
    return chosen


def _write_exports(itinerary: Itinerary, targets: list[tuple[ExportFormat, Path]], err: Console) -> None:
    """Render each format, then write it atomically: an interrupted export leaves the previous file intact."""
    from scout.io.files import write_atomically

    for fmt, target in targets:
        with err.status(f"Rendering {fmt.name}…", spinner="dots"):
            data = fmt.render(itinerary)
        try:
            write_atomically(target, data)
        except OSError as error:
            raise OutputError(f"cannot write {target}: {error.strerror or error}") from None
        err.print(f"[green]wrote[/] {escape(str(target))}")


def folder_name(trip_name: str) -> str:
    """A safe folder name for a trip: lower case letters, digits and hyphens, never a path."""
    import re
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", trip_name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:80].rstrip("-")
    if re.fullmatch(r"con|prn|aux|nul|com[0-9]|lpt[0-9]", slug):  # names Windows keeps for devices
        slug += "-trip"
    return slug or "trip"


def main() -> None:
    """Entry point of the console script and of ``python -m scout``."""
    try:
        app()
    except KeyboardInterrupt:  # raised outside a command, e.g. while Typer parses
        sys.exit(ExitCode.INTERRUPTED)
