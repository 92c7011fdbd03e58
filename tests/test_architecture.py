"""The fences of the architecture (docs/architecture.md), read from the source: each third-party library is
imported by its own modules only, the layers import inward only, and the planner's modules import in no
circle. ruff's banned-api refuses a library outside its exempted files; this also checks that an exempted
file imports only its own library."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "scout"

# library -> the modules (paths under scout/) that may import it
HOMES = {
    "yaml": {"io/yamlfile.py"},
    "ortools": {"plan/bound/cpsat.py", "plan/routing/core.py"},
    "numba": {"plan/routing/search.py"},
    "numpy": {"plan/routing/search.py", "plan/bound/measure.py", "plan/bound/setmodel.py"},
    "geopy": {"geo/distance.py", "geo/geocode.py"},
    "fpdf": {"render/pdf.py"},
    "icalendar": {"render/ics.py"},
    "rich": {"render/terminal.py", "render/itinerary.py", "cli.py"},
    "typer": {"cli.py"},
    "holidays": {"calendar.py"},
    "astral": {"calendar.py"},
    "zoneinfo": {"timezones.py"},
    "urllib.request": {"geo/routers.py"},  # the routing engines' HTTP requests (geocoding goes through geopy)
}

# layer (a folder or module under scout/) -> the parts of scout it may import
LAYERS = {
    "model": {"model"},
    "formats": set(),
    "timezones": set(),
    "errors": set(),
    "render": {"model", "render", "formats", "timezones", "errors", "geo/outlines"},  # outlines: the PDF's map
    "geo": {"model", "geo", "errors", "formats", "timezones", "__version__"},
    "plan/routing": {"model", "plan/routing"},
    "plan": {"model", "plan", "geo", "errors", "formats", "calendar", "timezones"},
}


def _modules() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path.relative_to(PACKAGE).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def _imports(tree: ast.Module, *, top_level_only: bool = False) -> Iterator[str]:
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    if top_level_only:  # and inside ``if TYPE_CHECKING:`` at the top
        nodes = [*nodes, *(child for node in tree.body if isinstance(node, ast.If) for child in node.body)]
    for node in nodes:
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "scout" and not top_level_only:
                yield from (f"scout.{alias.name}" for alias in node.names)
            else:
                yield node.module


def _scout_part(module: str) -> str:
    """``scout.plan.routing.core`` -> ``plan/routing/core``."""
    return module.removeprefix("scout").lstrip(".").replace(".", "/") or "__init__"


def _layer(path: str) -> str | None:
    stem = path.removesuffix(".py")
    return max((layer for layer in LAYERS if stem == layer or stem.startswith(layer + "/")), key=len, default=None)


MODULES = list(_modules())


@pytest.mark.parametrize("library", sorted(HOMES))
def test_each_library_is_imported_only_in_its_home(library: str) -> None:
    found = {path for path, tree in MODULES if any(m == library or m.startswith(library + ".") for m in _imports(tree))}
    assert found <= HOMES[library], f"{library} imported outside its home: {sorted(found - HOMES[library])}"
    assert found, f"{library} is imported nowhere: its home in this test is stale"


@pytest.mark.parametrize("path", [path for path, _ in MODULES if _layer(path) is not None])
def test_layers_import_inward_only(path: str) -> None:
    layer = _layer(path)
    assert layer is not None
    allowed = LAYERS[layer]
    tree = dict(MODULES)[path]
    for module in _imports(tree):
        if module != "scout" and not module.startswith("scout."):
            continue
        part = _scout_part(module)
        assert any(part == a or part.startswith(a + "/") for a in allowed), f"{path} imports {module}"


def test_the_planner_imports_in_no_circle() -> None:
    graph: dict[str, set[str]] = {}
    for path, tree in MODULES:
        if not path.startswith("plan/"):
            continue
        name = path.removesuffix(".py").removesuffix("/__init__")
        targets = {_scout_part(m) for m in _imports(tree, top_level_only=True) if m.startswith("scout.plan")}
        graph[name] = {t for t in targets if t != "plan"}
    visiting: list[str] = []
    done: set[str] = set()

    def visit(node: str) -> None:
        assert node not in visiting, "import circle: " + " -> ".join([*visiting[visiting.index(node) :], node])
        if node in done or node not in graph:
            return
        visiting.append(node)
        for target in sorted(graph[node]):
            visit(target)
        visiting.pop()
        done.add(node)

    for node in sorted(graph):
        visit(node)


def test_the_core_never_reads_the_clock_or_the_files() -> None:
    """The planner and the renderers are functions of their inputs: no ``date.today``, ``datetime.now`` or
    file writes (``scout.routing``'s wall-clock guard is the one documented exception, in core.py)."""
    for path, tree in MODULES:
        if not (path.startswith("plan/") or path.startswith("render/")):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in {"today", "now", "utcnow"}:
                pytest.fail(f"{path}:{node.lineno} reads the clock ({node.attr})")
            if isinstance(node, ast.Attribute) and node.attr in {"write_text", "write_bytes"}:
                pytest.fail(f"{path}:{node.lineno} writes a file")
