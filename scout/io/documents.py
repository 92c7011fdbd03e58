"""Telling the two kinds of input file apart: a catalogue has top-level ``states``/``places``."""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from pathlib import Path
from typing import Any

from scout.io.yamlfile import read_yaml


class DocumentKind(Enum):
    CATALOGUE = "catalogue"
    TRIP = "trip"


def read_document(path: Path) -> tuple[DocumentKind, Any]:
    """Read a YAML file and say whether it is a catalogue or a trip.

    A mapping with a ``states`` or ``places`` key is a catalogue; anything else is read as a trip (and
    the trip parser says what is wrong with it).
    """
    data = read_yaml(path)
    if isinstance(data, Mapping) and ("states" in data or "places" in data):
        return DocumentKind.CATALOGUE, data
    return DocumentKind.TRIP, data
