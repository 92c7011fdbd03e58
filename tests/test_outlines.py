"""The shipped state outlines: every catalogue state finds its own, and points fall where they should."""

from __future__ import annotations

from pathlib import Path

import pytest

from scout.geo.outlines import load_outlines, outline_for
from scout.io.catalogue import load_catalogue


def test_the_package_ships_the_32_outlines() -> None:
    outlines = load_outlines()
    assert len(outlines) == 32
    assert len({outline.iso for outline in outlines}) == 32


def test_every_mexican_state_of_the_catalogue_has_its_outline() -> None:
    catalogue = load_catalogue(Path("data/locations.yaml"))
    for state in catalogue.states:
        outline = outline_for(state.name)
        assert (outline is not None) == state.is_mexican, state.name


@pytest.mark.parametrize(
    ("name", "iso"),
    [("Ciudad de México", "MX-CMX"), ("michoacan", "MX-MIC"), ("Estado de México", "MX-MEX"), ("Nuevo León", "MX-NLE")],
)
def test_names_match_without_accents_or_case(name: str, iso: str) -> None:
    outline = outline_for(name)
    assert outline is not None and outline.iso == iso


def test_points_inside_and_outside() -> None:
    cdmx, jalisco = outline_for("Ciudad de México"), outline_for("Jalisco")
    assert cdmx is not None and jalisco is not None
    zocalo = (19.4326, -99.1332)
    guadalajara = (20.6767, -103.3475)
    assert cdmx.contains(*zocalo) and not cdmx.contains(*guadalajara)
    assert jalisco.contains(*guadalajara) and jalisco.distance_outside_km(*guadalajara) == 0
    # The Zócalo is about 460 km from Jalisco's nearest border (east of Jalisco, across Michoacán/Guanajuato)
    assert 250 < jalisco.distance_outside_km(*zocalo) < 600


def test_a_point_off_the_coast_is_a_few_km_outside() -> None:
    quintana_roo = outline_for("Quintana Roo")
    assert quintana_roo is not None
    # Isla Mujeres' town sits on an islet the simplified outline leaves out, less than a few km off it
    distance = quintana_roo.distance_outside_km(21.2566, -86.7494)
    assert 0 < distance < 5
