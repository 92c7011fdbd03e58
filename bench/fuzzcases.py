"""Broken catalogues and trip files for fuzzing ``scout``: a valid document with one defect put in.

Shared by ``tests/test_fuzz_inputs.py`` (where Hypothesis makes the choices, so failures shrink) and
``bench/fuzz.py`` (where :class:`random.Random` makes them, for many thousands of cases). Each mutation is
designed to make the file wrong, whatever the choices: a case that ``scout`` accepts is a validator bug
just as a traceback is. The one exception, ``free-text``, puts arbitrary text where any text is fine, and
must be accepted.

A case is the bytes of two files, a catalogue and a trip. The documents are written out by :func:`dump`
(block YAML, strings quoted where needed) so that text-level defects (a key written twice, a tab, a stray
control character, a Windows-1252 byte) can be put in line by line. Nothing here imports PyYAML.
"""

from __future__ import annotations

import copy
import math
import random
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
Path = tuple[str | int, ...]


class Draw(Protocol):
    """Where a mutation gets its choices from."""

    def choice(self, options: Sequence[T]) -> T: ...

    def integer(self, low: int, high: int) -> int: ...

    def text(self) -> str:
        """Any text of a few characters: every script and symbol, controls included, no surrogates."""
        ...


# -- the valid documents ---------------------------------------------------------------------------

CATALOGUE: dict[str, Any] = {
    "sources": {
        "inegi": {"title": "INEGI localities", "url": "https://www.inegi.org.mx/"},
        "ourairports": "OurAirports",
    },
    "states": [
        {
            "code": "CA",
            "name": "California",
            "country": "US",
            "time_zone": "America/Los_Angeles",
            "airports": [
                {"iata": "LAX", "name": "Los Angeles International", "lat": 33.9425, "lon": -118.408,
                 "source": "ourairports"},
            ],
            "source": "ourairports",
        },
        {
            "code": "BC",
            "name": "Baja California",
            "time_zone": "America/Tijuana",
            "airports": [
                {"iata": "TIJ", "name": "Tijuana International", "lat": 32.541, "lon": -116.97,
                 "source": "ourairports"},
            ],
            "base": "tijuana-centro",
            "film_commission": "bc-film-commission",
            "incentives": "None at state level",
            "source": "inegi",
        },
        {
            "code": "JAL",
            "name": "Jalisco",
            "time_zone": "America/Mexico_City",
            "airports": [
                {"iata": "GDL", "name": "Guadalajara International", "lat": 20.5218, "lon": -103.3112,
                 "source": ["ourairports", "https://www.aeropuertosgap.com.mx/"]},
            ],
            "base": "guadalajara-centro",
            "source": "inegi",
        },
    ],
    "places": [
        {"id": "tijuana-centro", "name": "Tijuana (hotel in the centre)", "state": "BC", "kind": "city",
         "lat": 32.5325, "lon": -117.0189, "source": "inegi"},
        {"id": "bc-film-commission", "name": "Baja California Film Commission", "state": "BC",
         "kind": "film-commission", "lat": 32.5325, "lon": -117.0189, "approx": True, "value": 8,
         "duration": "1h", "hours": {"mon-fri": "09:00-17:00", "sat": "closed"},
         "contact": {"name": "Front desk", "phone": "+52 664 000 0000", "web": "https://bajafilm.example/"},
         "source": "inegi"},
        {"id": "rosarito", "name": "Playas de Rosarito", "state": "BC", "kind": "beach", "lat": 32.3637,
         "lon": -117.0545, "duration": 45, "value": 7, "exterior": True, "holidays": "open",
         "tags": ["coast", "sunset"], "productions": ["Titanic (1997)"], "source": "inegi"},
        {"id": "guadalajara-centro", "name": "Guadalajara (hotel in the centre)", "state": "JAL",
         "kind": "city", "lat": 20.6767, "lon": -103.3475, "source": "inegi"},
        {"id": "tequila", "name": "Tequila", "state": "JAL", "kind": "colonial-town", "lat": 20.8822,
         "lon": -103.8369, "value": 7, "hours": {"daily": "09:00-14:00, 16:00-19:00"},
         "notes": "Pueblo mágico; the distilleries open late on Sundays", "source": "inegi"},
    ],
    "travel_times": [
        {"from": "tijuana-centro", "to": "rosarito", "duration": "40m", "km": 25, "mode": "drive",
         "source": "inegi"},
    ],
}  # fmt: skip

TRIP: dict[str, Any] = {
    "name": "Fuzz trip",
    "start": date(2024, 9, 23),  # a Monday
    "days": 3,
    "origin": "lax",
    "states": {"count": "1", "include": ["BC"], "exclude": ["JAL"]},
    "schedule": {"start": "07:30", "end": "20:00", "lunch": "13:00-15:30", "lunch_length": "1h", "max_travel": "8h"},
    "interests": {"beach": 2, "institution": 1.5},
    "variety": 0.5,
    "must_visit": ["rosarito"],
    "avoid": ["tequila"],
    "meetings": [
        {"place": "bc-film-commission", "date": date(2024, 9, 24), "at": "10:00", "length": "1h",
         "title": "Welcome"},
        {"place": "rosarito", "window": "14:00-18:00", "length": "30m"},
    ],
    "travel": {"road_speed": 60, "detour": 1.3, "flight_speed": 650, "airport_before": "1h30m",
               "airport_after": "45m", "border_crossing": "1h", "walk_below_km": 0, "min_flight_km": 350},
    "solver": {"time_limit": "1s", "seed": 1},
}  # fmt: skip

# What each kind of mapping must have, by where it stands (list indices as 0, sources by any id).
REQUIRED: dict[str, dict[Path, tuple[str, ...]]] = {
    "catalogue": {
        (): ("states", "places"),
        ("states", 0): ("code", "name", "time_zone", "source"),
        ("states", 0, "airports", 0): ("iata", "name", "lat", "lon", "source"),
        ("places", 0): ("id", "name", "state", "kind", "lat", "lon", "source"),
        ("travel_times", 0): ("from", "to", "duration"),
        ("sources", "*"): ("title",),
    },
    "trip": {(): ("name", "start", "origin", "days"), ("meetings", 0): ("place", "length")},
}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Fields whose text is checked against a form or a vocabulary (a list item counts as its list's field).
CHECKED_TEXT = _words(
    "id code state kind time_zone country iata base film_commission source from to duration mode holidays hours "
    "origin place must_visit avoid include exclude start end date at window length lunch lunch_length max_travel "
    "time_limit count days"
)
NUMBERS = _words(
    "lat lon value km duration length lunch_length max_travel time_limit seed days variety weight road_speed "
    "detour flight_speed airport_before airport_after border_crossing walk_below_km min_flight_km count"
)
REFERENCES = {  # field: an unknown value of the right form
    "state": "ZZ",
    "base": "no-such-place",
    "film_commission": "no-such-place",
    "from": "no-such-place",
    "to": "no-such-place",
    "source": "no-such-source",
    "origin": "no-such-place",
    "place": "no-such-place",
    "must_visit": "no-such-place",
    "avoid": "no-such-place",
    "include": "ZZ",
    "exclude": "ZZ",
}
FREE_TEXT = frozenset({"name", "notes", "title", "incentives", "tags", "productions"})

# Characters that no check lets through, wherever they are put in checked text: not letters or digits (so
# no case folding or Unicode digit turns them valid) and not white space (so strip() keeps them).
EXOTIC = (
    "\u200f",  # right-to-left mark
    "\u202e",  # right-to-left override
    "\u200b",  # zero-width space
    "\u200d",  # zero-width joiner
    "\u2060",  # word joiner
    "\ufeff",  # a byte-order mark inside the text
    "\u0301",  # a combining acute accent on nothing
    "😀",
    "👩\u200d👩\u200d👧",
    "🇲🇽",
    "\x00",
    "\x07",
    "\x1b[31m",
    "\x7f",
    "[/]",  # rich markup, which must be printed as it is
    "%s%n{0}",
)
# Characters YAML forbids in a file, even inside quotes.
FORBIDDEN = ("\x00", "\x01", "\x08", "\x0b", "\x0c", "\x0e", "\x1b", "\x1f", "\x7f", "\x80", "\x9f", "\ufffe", "\uffff")


# -- writing YAML ----------------------------------------------------------------------------------

_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9_/.()-]*(?: [A-Za-z0-9_/.()-]+)*$")
_RESERVED = _words("y n yes no true false on off null")
_PRINTABLE = re.compile("[\t\n\r -~\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def dump(document: Any) -> str:
    """``document`` as block YAML: mappings one key per line, lists one item per line, nested lists in flow."""
    return "\n".join(_block(document, 0)) + "\n"


def _block(value: Any, indent: int) -> Iterator[str]:
    pad = " " * indent
    if isinstance(value, dict) and value:
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item and not _flow_only(item):
                yield f"{pad}{scalar(key)}:"
                yield from _block(item, indent + 2)
            else:
                yield f"{pad}{scalar(key)}: {_flow(item)}"
    elif isinstance(value, list) and value:
        for item in value:
            if isinstance(item, dict) and item and not _flow_only(item):
                lines = list(_block(item, indent + 2))
                yield f"{pad}- {lines[0].lstrip(' ')}"
                yield from lines[1:]
            else:
                yield f"{pad}- {_flow(item)}"
    else:
        yield pad + _flow(value)


def _flow_only(value: Any) -> bool:
    """Deep values go in flow style, so that block indentation stays shallow."""
    depth = 0
    while isinstance(value, (dict, list)) and value and depth < 4:
        value = next(iter(value.values())) if isinstance(value, dict) else value[0]
        depth += 1
    return depth >= 4


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(key)}: {_flow(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    return scalar(value)


def scalar(value: Any) -> str:
    """One value as YAML reads it back: the same type and, for text, the same characters."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        text = repr(value)
        return text if "." in text else text.replace("e", ".0e", 1)  # YAML 1.1 floats need a dot
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in _RESERVED:
        return text
    return '"' + "".join(_escape(char) for char in text) + '"'


def _escape(char: str) -> str:
    if char in '"\\':
        return "\\" + char
    if char in "\u2028\u2029\x85" or not _PRINTABLE.match(char) or char in "\t\n\r":
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
    return char


# -- cases -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One pair of files to run ``scout`` on; ``target`` says which of them carries the defect."""

    mutation: str
    target: str  # "catalogue" or "trip"
    detail: str  # where and what, for the report
    catalogue: bytes
    trip: bytes
    harmless: bool = False  # the files are valid: scout must accept them


DocumentMutation = Callable[[Draw, Any, str], str]  # edits the document in place, says what it did
TextMutation = Callable[[Draw, str, str], tuple[str, bytes]]  # the file's bytes from its text, and what it did


@dataclass(frozen=True)
class Mutation:
    name: str
    document: DocumentMutation | None = None
    text: TextMutation | None = None
    harmless: bool = False  # the result is valid


MUTATIONS: dict[str, Mutation] = {}


def _on_document(name: str, *, harmless: bool = False) -> Callable[[DocumentMutation], DocumentMutation]:
    def register(function: DocumentMutation) -> DocumentMutation:
        MUTATIONS[name] = Mutation(name, document=function, harmless=harmless)
        return function

    return register


def _on_text(name: str) -> Callable[[TextMutation], TextMutation]:
    def register(function: TextMutation) -> TextMutation:
        MUTATIONS[name] = Mutation(name, text=function)
        return function

    return register


def make_case(draw: Draw, mutation: str | None = None, target: str | None = None) -> Case:
    """A case with one defect, chosen by ``draw`` unless ``mutation`` and ``target`` name it."""
    chosen = MUTATIONS[mutation or draw.choice(sorted(MUTATIONS))]
    where = target or draw.choice(("catalogue", "trip"))
    documents = {"catalogue": copy.deepcopy(CATALOGUE), "trip": copy.deepcopy(TRIP)}
    files: dict[str, bytes] = {}
    if chosen.document is not None:
        detail = chosen.document(draw, documents[where], where)
    else:
        assert chosen.text is not None
        detail, files[where] = chosen.text(draw, dump(documents[where]), where)
    for kind, document in documents.items():
        files.setdefault(kind, dump(document).encode("utf-8"))
    return Case(chosen.name, where, detail, files["catalogue"], files["trip"], chosen.harmless)


# -- finding places in a document ------------------------------------------------------------------


def walk(value: Any, path: Path = ()) -> Iterator[tuple[Path, Any]]:
    """Every value in a document with the path to it, the document itself first."""
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from walk(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk(item, (*path, index))


def field_of(path: Path) -> str:
    """The field a value belongs to: its key, its list's key for an item, ``hours``/``weight`` inside those."""
    if len(path) >= 2 and path[-2] == "hours":
        return "hours"
    if len(path) >= 2 and path[-2] == "interests":
        return "weight"
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return ""


def _leaves(document: Any, accept: Callable[[Path, Any], bool]) -> list[Path]:
    return [path for path, value in walk(document) if not isinstance(value, (dict, list)) and accept(path, value)]


def _get(document: Any, path: Path) -> Any:
    for part in path:
        document = document[part]
    return document


def _set(document: Any, path: Path, value: Any) -> None:
    _get(document, path[:-1])[path[-1]] = value


def _show(path: Path) -> str:
    return ".".join(str(part) for part in path) or "(document)"


def _required_keys(kind: str, path: Path, mapping: dict[str, Any]) -> tuple[str, ...]:
    pattern = tuple(0 if isinstance(part, int) else part for part in path)
    if kind == "catalogue" and len(path) == 2 and path[0] == "sources":
        pattern = ("sources", "*")
    return tuple(key for key in REQUIRED[kind].get(pattern, ()) if key in mapping)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _pick(draw: Draw, paths: list[Path]) -> Path:
    return draw.choice(sorted(paths, key=_show))


def _with_exotic(draw: Draw, text: str) -> str:
    cut = draw.integer(0, len(text))
    return text[:cut] + draw.choice(EXOTIC) + text[cut:]


def _numbery(path: Path, value: Any) -> bool:
    return field_of(path) in NUMBERS and (_is_number(value) or isinstance(value, str))


# -- mutations of the document ---------------------------------------------------------------------


@_on_document("wrong-type")
def _wrong_type(draw: Draw, document: Any, kind: str) -> str:
    path = _pick(draw, _leaves(document, lambda path, value: True))
    original = _get(document, path)
    options: list[Any] = [{"k": "v"}, [{"k": 1}]]
    if not isinstance(original, bool):
        options.append(True)
    replacement = draw.choice(options)
    _set(document, path, replacement)
    return f"{_show(path)}: {original!r} -> {replacement!r}"


@_on_document("null-required")
def _null_required(draw: Draw, document: Any, kind: str) -> str:
    path, key = _required_key(draw, document, kind)
    _get(document, path)[key] = None
    return f"{_show((*path, key))}: null"


@_on_document("missing-required")
def _missing_required(draw: Draw, document: Any, kind: str) -> str:
    path, key = _required_key(draw, document, kind)
    del _get(document, path)[key]
    return f"{_show((*path, key))}: deleted"


def _required_key(draw: Draw, document: Any, kind: str) -> tuple[Path, str]:
    choices = [
        (path, key)
        for path, value in walk(document)
        if isinstance(value, dict)
        for key in _required_keys(kind, path, value)
    ]
    return draw.choice(sorted(choices, key=lambda choice: _show((*choice[0], choice[1]))))


@_on_document("empty-text")
def _empty_text(draw: Draw, document: Any, kind: str) -> str:
    path = _pick(draw, _leaves(document, lambda path, value: isinstance(value, str)))
    blank = draw.choice(("", " ", "\t", "\u3000"))  # an ideographic space is white space too
    _set(document, path, blank)
    return f"{_show(path)}: {blank!r}"


def _number_mutation(name: str, values: Sequence[Any]) -> None:
    @_on_document(name)
    def mutate(draw: Draw, document: Any, kind: str) -> str:
        path = _pick(draw, _leaves(document, _numbery))
        value = draw.choice(values)
        if field_of(path) in ("lat", "lon") and _abroad(document, path) and -180 <= value <= 180:
            # A real point: only the places of Mexican states must lie in Mexico (-1 is in the Gulf of Guinea).
            value = -1000
        _set(document, path, value)
        return f"{_show(path)}: {scalar(value)[:20]}"


def _abroad(document: Any, path: Path) -> bool:
    """Whether ``path`` is inside a state outside Mexico (such as California, which holds LAX)."""
    if len(path) < 2 or path[0] != "states" or not isinstance(path[1], int):
        return False
    return bool(document["states"][path[1]].get("country", "MX") != "MX")


_number_mutation("huge-number", (10**400, -(10**400), 10**30, 2**63))
_number_mutation("negative-number", (-1, -0.5, -(2**31)))
_number_mutation("nan", (math.nan,))
_number_mutation("infinity", (math.inf, -math.inf))


@_on_document("unicode")
def _unicode(draw: Draw, document: Any, kind: str) -> str:
    path = _pick(draw, _leaves(document, lambda path, value: field_of(path) in CHECKED_TEXT))
    text = _with_exotic(draw, draw.text())
    _set(document, path, text)
    return f"{_show(path)}: {text!r}"


@_on_document("free-text", harmless=True)
def _free_text(draw: Draw, document: Any, kind: str) -> str:
    path = _pick(draw, _leaves(document, lambda path, value: field_of(path) in FREE_TEXT))
    text = draw.text()
    if not text.strip():  # blank text is an error
        text = "x" + text
    _set(document, path, text)
    return f"{_show(path)}: {text!r}"


@_on_document("unknown-key")
def _unknown_key(draw: Draw, document: Any, kind: str) -> str:
    paths = [path for path, value in walk(document) if isinstance(value, dict)]
    path = _pick(draw, paths)
    key = "Zz" + draw.text()  # capital letters: not an id, a weekday, a kind or any key scout knows
    value = draw.choice(("x", 1, None, [1], {"a": 1}))
    _get(document, path)[key] = value
    return f"{_show(path)}: added {key!r}"


@_on_document("reversed-window")
def _reversed(draw: Draw, document: Any, kind: str) -> str:
    windows = _leaves(document, lambda path, value: isinstance(value, str) and _WINDOW.search(value) is not None)
    choices: list[tuple[str, Path]] = [("window", path) for path in windows]
    choices += [
        ("weekdays", path) for path, value in walk(document) if field_of(path) == "hours" and "-" in str(path[-1])
    ]
    if kind == "trip":
        choices += [("day", ("schedule",)), ("dates", ())]
    how, path = draw.choice(sorted(choices, key=lambda choice: (choice[0], _show(choice[1]))))
    if how == "window":
        text = _WINDOW.sub(lambda match: f"{match[2]}-{match[1]}", _get(document, path))
        _set(document, path, text)
        return f"{_show(path)}: {text}"
    if how == "weekdays":
        hours = _get(document, path[:-1])
        first, _, last = str(path[-1]).partition("-")
        hours[f"{last}-{first}"] = hours.pop(path[-1])
        return f"{_show(path)}: {last}-{first}"
    if how == "day":
        schedule = document["schedule"]
        schedule["start"], schedule["end"] = schedule["end"], schedule["start"]
        return "schedule: start and end swapped"
    del document["days"]
    document["end"] = document["start"] - timedelta(days=draw.integer(1, 400))
    return f"end: {document['end']} before start"


_WINDOW = re.compile(r"(\d\d:\d\d)-(\d\d:\d\d)")


@_on_document("unknown-reference")
def _unknown_reference(draw: Draw, document: Any, kind: str) -> str:
    path = _pick(
        draw,
        _leaves(
            document,
            lambda path, value: (
                field_of(path) in REFERENCES and isinstance(value, str) and not value.startswith("http")
            ),
        ),
    )
    unknown = REFERENCES[field_of(path)]
    _set(document, path, unknown)
    return f"{_show(path)}: {unknown}"


@_on_document("deep-nesting")
def _deep_nesting(draw: Draw, document: Any, kind: str) -> str:
    path = _pick(draw, _leaves(document, lambda path, value: True))
    levels = draw.integer(61, 300)
    value = _get(document, path)
    for _ in range(levels):
        value = draw.choice(([value], {"k": value}))
    _set(document, path, value)
    return f"{_show(path)}: wrapped in {levels} levels"


# -- mutations of the text -------------------------------------------------------------------------


def _utf8(detail: str, text: str) -> tuple[str, bytes]:
    return detail, text.encode("utf-8")


_LINE = re.compile(r"^(?P<indent> *)(?P<dash>- )?(?P<key>[^\s:\"][^:\"]*|\"[^\"]*\"): (?P<value>\S.*)$")


def _scalar_lines(text: str) -> list[int]:
    return [number for number, line in enumerate(text.split("\n")) if _LINE.match(line)]


@_on_text("duplicate-key")
def _duplicate_key(draw: Draw, text: str, kind: str) -> tuple[str, bytes]:
    lines = text.split("\n")
    number = draw.choice(_scalar_lines(text))
    match = _LINE.match(lines[number])
    assert match
    indent = match["indent"] + ("  " if match["dash"] else "")
    copy_line = f"{indent}{match['key']}: {draw.choice((match['value'], scalar(draw.text())))}"
    lines.insert(number + 1, copy_line)
    return _utf8(f"line {number + 1} written twice", "\n".join(lines))


@_on_text("tab-indentation")
def _tab_indentation(draw: Draw, text: str, kind: str) -> tuple[str, bytes]:
    lines = text.split("\n")
    number = draw.choice([number for number, line in enumerate(lines) if line.startswith(" ")])
    line = lines[number]
    lines[number] = draw.choice(("\t", "\t  ", "  \t")) + line.lstrip(" ")
    return _utf8(f"line {number + 1} indented with a tab", "\n".join(lines))


@_on_text("control-character")
def _control_character(draw: Draw, text: str, kind: str) -> tuple[str, bytes]:
    position = draw.integer(0, len(text))
    char = draw.choice(FORBIDDEN)
    return _utf8(f"U+{ord(char):04X} at offset {position}", text[:position] + char + text[position:])


@_on_text("windows-1252")
def _windows_1252(draw: Draw, text: str, kind: str) -> tuple[str, bytes]:
    lines = text.split("\n")
    free = [(n, match) for n in _scalar_lines(text) if (match := _LINE.match(lines[n])) and match["key"] in FREE_TEXT]
    number, match = draw.choice(free)
    word = draw.choice(("Querétaro", "Michoacán", "Señor", "Cañón del Sumidero", "€ 500", "“quoted”"))
    lines[number] = f"{match['indent']}{match['dash'] or ''}{match['key']}: {word}"
    return f"line {number + 1} saved as Windows-1252", "\n".join(lines).encode("cp1252")


_TAGGED = (
    "!!python/object/apply:os.system ['echo pwned']",
    "!!python/name:os.system",
    "!!python/object:collections.OrderedDict {}",
    "!!int abc",
    '!!int ""',
    "!!float one",
    "!!bool maybe",
    "!!timestamp yesterday",
    "!!map [a, b]",
    "!!seq {a: 1}",
    "!!seq text",
    "!!set {a, b}",
    "!!omap [{a: 1}]",
    "!custom value",
    "2024-02-30",
    "0000-01-01",
    "2024-09-23 25:61:00",
    "9" * 5000,
    "0x" + "f" * 4000,
)


@_on_text("bad-value")
def _bad_value(draw: Draw, text: str, kind: str) -> tuple[str, bytes]:
    lines = text.split("\n")
    number = draw.choice(_scalar_lines(text))
    match = _LINE.match(lines[number])
    assert match
    value = draw.choice(_TAGGED)
    lines[number] = f"{match['indent']}{match['dash'] or ''}{match['key']}: {value}"
    return _utf8(f"line {number + 1}: {value[:40]}", "\n".join(lines))


@_on_text("alias-bomb")
def _alias_bomb(draw: Draw, text: str, kind: str) -> tuple[str, bytes]:
    width = draw.integer(5, 12)
    depth = draw.integer(8, 12)
    lines = ["Zz0: &z0 [" + ", ".join(["lol"] * width) + "]"]
    lines += [f"Zz{level}: &z{level} [" + ", ".join([f"*z{level - 1}"] * width) + "]" for level in range(1, depth)]
    return _utf8(f"{width}**{depth} values", text + "\n".join(lines) + "\n")


@_on_text("recursive-alias")
def _recursive_alias(draw: Draw, text: str, kind: str) -> tuple[str, bytes]:
    form = draw.choice(("Zz: &r [*r]", "Zz: &r {a: *r}", "Zz: &r {<<: *r}"))
    return _utf8(form, text + form + "\n")


@_on_text("not-a-mapping")
def _not_a_mapping(draw: Draw, text: str, kind: str) -> tuple[str, bytes]:
    body = draw.choice(("", "# nothing but a comment\n", "just text\n", "- a\n- b\n", "42\n", "---\n", "~\n"))
    return _utf8(f"document {body!r}", body)


@_on_text("two-documents")
def _two_documents(draw: Draw, text: str, kind: str) -> tuple[str, bytes]:
    return _utf8("a second document", text + "---\n" + text)


class RandomDraw:
    """Choices from :class:`random.Random`, for the benchmark; texts mix every kind of character."""

    _POOLS = (
        "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789-_:/.,'\"#&*!|>%@`{}[]",
        "áéíóúñüÁÉÍÓÚÑÜçßøåæœ",
        "אבגדהשלוםعربيةمرحبا\u200f\u200e\u202b\u202c\u202e",
        "\u200b\u200c\u200d\u2060\ufeff\u00ad",
        "😀🎬🇲🇽👩\u200d👩\u200d👧🏳️\u200d🌈",
        "\u0301\u0308\u0327\u20dd",
        "日本語中文한국어",
        "𝐀𝐁𝐂𝔘𝔫𝔦",
        "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\u2028\u2029\ufffe\uffff",
        "\t\n\r \u00a0\u2003\u3000",
    )

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)

    def choice(self, options: Sequence[T]) -> T:
        return options[self.random.randrange(len(options))]

    def integer(self, low: int, high: int) -> int:
        return self.random.randint(low, high)

    def text(self) -> str:
        chars = []
        for _ in range(self.random.randint(0, 12)):
            if self.random.random() < 0.1:
                code = self.random.randrange(0x110000 - 0x800)
                chars.append(chr(code if code < 0xD800 else code + 0x800))  # any code point but a surrogate
            else:
                chars.append(self.random.choice(self.choice(self._POOLS)))
        return "".join(chars)


__all__ = ["CATALOGUE", "MUTATIONS", "TRIP", "Case", "Draw", "RandomDraw", "dump", "make_case", "scalar", "walk"]
