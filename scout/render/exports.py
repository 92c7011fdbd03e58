"""The export formats: each a pure renderer of an :class:`Itinerary` to bytes, with its file name.

Renderers are imported only when their format is asked for, so that ``scout --help`` and ``scout plan``
without ``--export`` never load the PDF or calendar libraries. Writing is the caller's job, through
:func:`scout.io.files.write_atomically`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from scout.model.itinerary import Itinerary


@dataclass(frozen=True)
class ExportFormat:
    name: str
    file_name: str  # the default name in the trip's output folder
    description: str
    render: Callable[[Itinerary], bytes]


def _markdown(itinerary: Itinerary) -> bytes:
    from scout.render.markdown import render_markdown

    return render_markdown(itinerary).encode("utf-8")


def _pdf(itinerary: Itinerary) -> bytes:
    from scout.render.pdf import render_pdf

    return render_pdf(itinerary)


def _ics(itinerary: Itinerary) -> bytes:
    from scout.render.ics import render_ics

    return render_ics(itinerary)


def _geojson(itinerary: Itinerary) -> bytes:
    from scout.render.geojson import render_geojson

    text = json.dumps(render_geojson(itinerary), ensure_ascii=False, indent=2, allow_nan=False)
    return (text + "\n").encode("utf-8")


FORMATS: dict[str, ExportFormat] = {
    "md": ExportFormat("md", "itinerary.md", "Markdown for GitHub, e-mail or a wiki", _markdown),
    "pdf": ExportFormat("pdf", "itinerary.pdf", "a PDF with a route map and a call sheet per day", _pdf),
    "ics": ExportFormat("ics", "itinerary.ics", "an iCalendar file of every visit, meeting and leg", _ics),
    "geojson": ExportFormat("geojson", "itinerary.geojson", "GeoJSON: places as points, legs as lines", _geojson),
}


def parse_formats(text: str) -> list[ExportFormat]:
    """``"md,pdf"`` → the formats, in the order given, each once; ``ValueError`` names an unknown one."""
    chosen: list[ExportFormat] = []
    for raw in text.split(","):
        name = raw.strip().lower()
        if not name:
            continue
        if name == "markdown":
            name = "md"
        if name not in FORMATS:
            raise ValueError(f"unknown export format {raw.strip()!r}; expected one of {', '.join(FORMATS)}")
        if FORMATS[name] not in chosen:
            chosen.append(FORMATS[name])
    return chosen
