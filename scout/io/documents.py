"""Telling the kinds of input file apart: a catalogue lists ``places`` (and ``states``), a flight schedule
``flights``, a trip neither."""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from pathlib import Path
from typing import Any

from scout.io.fields import Report, type_name
from scout.io.yamlfile import Mark, mark_of, read_yaml


class DocumentKind(Enum):
    CATALOGUE = "catalogue"
    TRIP = "trip"
    FLIGHTS = "flights"


def read_document(path: Path) -> tuple[DocumentKind, Mapping[Any, Any]]:
    """Read a YAML file and say whether it is a catalogue, a flight schedule or a trip.

    A mapping with ``places``, or with ``states`` as a list, is a catalogue; one with ``flights`` and
    neither ``name`` nor ``origin`` is a flight schedule; any other mapping is read as a trip (and the trip
    parser says what is wrong with it).

    Raises
    ------
    InputError
        When the file cannot be read or is not a mapping at all.
    """
    data = read_yaml(path)
    if not isinstance(data, Mapping):
        report = Report(str(path))
        report.add(
            mark_of(data) or Mark(1, 1),  # a document that is a single value (or nothing) starts the file
            f"the file holds {type_name(data)}",
            "a mapping: a catalogue (states, places), a flight schedule (flights) or a trip (name, start, days...)",
        )
        report.raise_if_any()
    assert isinstance(data, Mapping)
    if "places" in data or isinstance(data.get("states"), list):
        return DocumentKind.CATALOGUE, data
    if "flights" in data and "name" not in data and "origin" not in data:
        return DocumentKind.FLIGHTS, data
    return DocumentKind.TRIP, data
