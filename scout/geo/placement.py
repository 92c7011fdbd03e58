"""Is a place where its catalogue entry says it is? Its state's outline and its geocoded address say.

The outlines (:mod:`scout.geo.outlines`) are simplified to about 1–2 km and leave out islets, so a point
is only flagged when it lies clearly outside its state:

- inside another state's outline, more than :data:`TOLERANCE_KM` from its own state;
- in no state's outline (the sea, a lagoon, an islet left out), more than :data:`OFFSHORE_TOLERANCE_KM`
  from its own state: Isla Mujeres, Tulum's cliff-top and the lagoon point of the Guerrero Negro salt
  flats (5.4 km out) are not flagged;
- a place marked ``approx`` gets :data:`APPROX_EXTRA_KM` more, since its point only stands in for it.

Places of regions without an outline (California) are not checked. Nothing here uses the network.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from scout.errors import Problem
from scout.geo.distance import haversine_km
from scout.geo.outlines import StateOutline, load_outlines, outline_for
from scout.model import Coordinates, Place, State
from scout.model.catalogue import GeocodedAddress, GeocodeStatus

TOLERANCE_KM = 5.0
OFFSHORE_TOLERANCE_KM = 10.0
APPROX_EXTRA_KM = 10.0
FAR_FROM_ADDRESS_KM = 2.0  # catalogue coordinates further than this from the geocoded address are flagged

PlaceCheck = Callable[[Place, Mapping[str, State]], Iterable[Problem]]
"""A check of one place given the catalogue's states by code; problems come without a file position."""


@dataclass(frozen=True)
class Misplacement:
    """A point outside its state's outline by more than the tolerance."""

    state: str  # the state's name
    km_outside: float
    tolerance_km: float
    lies_in: StateOutline | None  # the state whose outline holds the point; None offshore or abroad


def misplacement(location: Coordinates, state_name: str, *, approx: bool = False) -> Misplacement | None:
    """How far ``location`` lies outside the state named ``state_name``, if further than the tolerance.

    ``None`` when the point is within the tolerance, or when the state has no outline (a region abroad).
    """
    outline = outline_for(state_name)
    if outline is None:
        return None
    km = outline.distance_outside_km(location.lat, location.lon)
    if km == 0:
        return None
    holder = state_at(location, besides=outline)
    tolerance = TOLERANCE_KM if holder is not None else OFFSHORE_TOLERANCE_KM
    if approx:
        tolerance += APPROX_EXTRA_KM
    if km <= tolerance:
        return None
    return Misplacement(state_name, km, tolerance, holder)


def state_at(location: Coordinates, besides: StateOutline | None = None) -> StateOutline | None:
    """The outline holding ``location`` (other than ``besides``), or ``None`` at sea or abroad."""
    for outline in load_outlines():
        if outline is not besides and outline.contains(location.lat, location.lon):
            return outline
    return None


def outside_its_state(place: Place, states: Mapping[str, State]) -> list[Problem]:
    """The :data:`PlaceCheck` of ``scout validate``: a place whose point lies clearly outside its state."""
    state = states.get(place.state)
    if state is None or place.location is None:
        return []
    found = misplacement(place.location, state.name, approx=place.approx)
    if found is None:
        return []
    where = f"in {found.lies_in.short_name}" if found.lies_in else "offshore or abroad"
    what = (
        f"place {place.id!r} at {_point(place.location)} is {found.km_outside:,.1f} km outside {state.name} ({where})"
    )
    expected = f"a point in {state.name} (within {found.tolerance_km:g} km of its outline)"
    codes = [code for code, other in states.items() if found.lies_in and outline_for(other.name) is found.lies_in]
    if place.geocoded:
        hint = "the point was geocoded from the address: correct the address, or give lat and lon"
    elif codes:
        hint = f"check lat and lon, or did you mean state: {codes[0]}?"
    else:
        hint = "check lat and lon (a forgotten digit or swapped decimals?) and the state"
    return [Problem(None, None, None, what, expected, hint)]


def against_addresses(entries: Iterable[GeocodedAddress]) -> PlaceCheck:
    """The :data:`PlaceCheck` of ``scout geocode --check``: outside its state, or far from its geocoded address.

    A place whose catalogue coordinates lie more than :data:`FAR_FROM_ADDRESS_KM` from where its address was
    geocoded is flagged, unless it is marked ``approx`` (its point is known to stand in for the spot).
    """
    found = {(entry.place, entry.query): entry for entry in entries if entry.status is GeocodeStatus.FOUND}

    def check(place: Place, states: Mapping[str, State]) -> list[Problem]:
        problems = outside_its_state(place, states)
        entry = found.get((place.id, place.address or ""))
        if entry is None or entry.location is None or place.location is None or place.geocoded or place.approx:
            return problems
        km = haversine_km(place.location, entry.location)
        if km > FAR_FROM_ADDRESS_KM:
            problems.append(
                Problem(
                    None,
                    None,
                    None,
                    f"place {place.id!r} at {_point(place.location)} is {km:,.1f} km from its address, which "
                    f"{entry.provider} puts at {_point(entry.location)}",
                    f"coordinates within {FAR_FROM_ADDRESS_KM:g} km of the address",
                    "correct lat and lon or the address; if the point only stands in for the spot, add approx: true",
                )
            )
        return problems

    return check


def _point(location: Coordinates) -> str:
    return f"({location.lat:.5f}, {location.lon:.5f})"
