"""Reading YAML safely, keeping where every key and value stood in the file.

This is the one module that imports PyYAML. It returns plain ``dict``/``list`` values (subclasses that
also remember positions), so parsers work on dicts and tests can hand them dicts without files.

Guarantees: only the safe loader is used (tags that build Python objects are refused); a key written
twice in one mapping is reported with both lines instead of silently keeping the last; aliases that would
expand into a huge document ("billion laughs") and absurd nesting are refused; a byte-order mark and
Windows line endings are accepted; a file that is not UTF-8 is refused with a message saying how to fix it.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from scout.errors import InputError, Problem

MAX_NODES = 200_000  # after alias expansion; the shipped catalogue has about 10,000
MAX_DEPTH = 60
MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Mark:
    """A position in a file, 1-based."""

    line: int
    column: int


class YamlMap(dict[Any, Any]):
    """A mapping read from YAML that remembers where it, its keys and its values stood."""

    mark: Mark | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.key_marks: dict[Any, Mark] = {}
        self.value_marks: dict[Any, Mark] = {}


class YamlList(list[Any]):
    """A sequence read from YAML that remembers where it and each item stood."""

    mark: Mark | None = None

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.item_marks: list[Mark] = []


def mark_of(value: object) -> Mark | None:
    """Where a mapping or a sequence started, if it came from a file."""
    return getattr(value, "mark", None)


def read_yaml(path: Path, display: str | None = None) -> Any:
    """Read one YAML document from ``path``.

    Parameters
    ----------
    path
        The file to read.
    display
        How to name the file in messages; defaults to ``path`` as given.

    Raises
    ------
    InputError
        With every problem found: unreadable file, wrong encoding, YAML syntax, duplicate keys,
        refused tags, alias bombs, nesting too deep.
    """
    name = display or str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError([Problem(name, None, None, "file not found")]) from None
    except IsADirectoryError:
        raise InputError([Problem(name, None, None, "is a directory", "a YAML file")]) from None
    except OSError as error:
        raise InputError([Problem(name, None, None, f"cannot be read: {error.strerror}")]) from None
    if len(raw) > MAX_BYTES:
        raise InputError([Problem(name, None, None, f"file is {len(raw):,} bytes", f"at most {MAX_BYTES:,} bytes")])
    text = _decode(raw, name)
    return parse_yaml(text, name)


def parse_yaml(text: str, name: str) -> Any:
    """Parse YAML text; ``name`` is how the text is named in messages."""
    problems: list[Problem] = []
    tab = _tab_indentation(text)
    try:
        loader = _LocatingLoader(text, name, problems)
        try:
            node = loader.get_single_node()
            data = None if node is None else loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        what = error.problem or error.context or "invalid YAML"
        if tab is not None and "\t" in str(error):
            problems.append(
                Problem(name, tab.line, tab.column, "a tab is used for indentation", "spaces (YAML forbids tabs)")
            )
        elif isinstance(error, _RefusedTag):
            problems.append(
                Problem(
                    name,
                    _line(mark),
                    _column(mark),
                    f"tag {error.tag} is not allowed",
                    "plain YAML values (tags that construct objects are refused)",
                )
            )
        else:
            problems.append(Problem(name, _line(mark), _column(mark), f"YAML syntax error: {what}"))
    except yaml.YAMLError as error:
        problems.append(Problem(name, None, None, f"YAML error: {error}"))
    except RecursionError:
        problems.append(Problem(name, None, None, "nesting is too deep", f"at most {MAX_DEPTH} levels"))
    if problems:
        raise InputError(problems)
    return data


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a byte-order mark, as Windows editors write
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError([Problem(name, 1, 1, "file is UTF-16", "UTF-8", "save the file as UTF-8")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise InputError(
            [
                Problem(
                    name,
                    line,
                    column,
                    f"byte 0x{raw[error.start]:02X} is not UTF-8 (the file looks saved as Windows-1252 or Latin-1)",
                    "UTF-8",
                    'save the file as "UTF-8" in your editor',
                )
            ]
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _tab_indentation(text: str) -> Mark | None:
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            return Mark(number, len(line) - len(stripped) + 1)
    return None


def _line(mark: Any) -> int | None:
    return None if mark is None else mark.line + 1


def _column(mark: Any) -> int | None:
    return None if mark is None else mark.column + 1


def _mark(node: Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


class _LocatingLoader(yaml.SafeLoader):
    """SafeLoader that builds :class:`YamlMap`/:class:`YamlList` and reports duplicate keys."""

    def __init__(self, text: str, name: str, problems: list[Problem]) -> None:
        super().__init__(text)
        self.name = name
        self.problems = problems
        self.node_count = 0
        self.depth = 0

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        # PyYAML builds an aliased node once and shares it, so counting every visit (including repeat
        # visits through aliases) measures how large the document would be once expanded.
        self.node_count += 1
        if self.node_count > MAX_NODES:
            raise _TooLargeError(node)
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _TooDeepError(node)
            return super().construct_object(node, deep=deep)
        finally:
            self.depth -= 1

    def construct_document(self, node: Node) -> Any:
        try:
            return super().construct_document(node)
        except _TooLargeError as error:
            self.problems.append(
                Problem(
                    self.name,
                    *_position(error.node),
                    "document expands to too many values (aliases nested inside aliases?)",
                    f"at most {MAX_NODES:,} values",
                )
            )
        except _TooDeepError as error:
            self.problems.append(
                Problem(self.name, *_position(error.node), "nesting is too deep", f"at most {MAX_DEPTH} levels")
            )
        return None


class _TooLargeError(Exception):
    def __init__(self, node: Node) -> None:
        self.node = node


class _TooDeepError(_TooLargeError):
    pass


def _position(node: Node) -> tuple[int, int]:
    mark = _mark(node)
    return mark.line, mark.column


def _construct_map(loader: _LocatingLoader, node: MappingNode) -> Any:
    result = YamlMap()
    result.mark = _mark(node)
    yield result
    own_keys = {id(key) for key, _ in node.value}
    loader.flatten_mapping(node)  # resolves `<<: *anchor` merge keys into node.value
    first_seen: dict[Any, Mark] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, Hashable):
            loader.problems.append(
                Problem(loader.name, *_position(key_node), "a mapping key must be a plain value", "a name")
            )
            continue
        key_mark = _mark(key_node)
        if key in first_seen and id(key_node) in own_keys:
            first = first_seen[key]
            loader.problems.append(
                Problem(
                    loader.name,
                    key_mark.line,
                    key_mark.column,
                    f"duplicate key {key!r}: also given at line {first.line}",
                    "each key once per mapping",
                )
            )
            loader.problems.append(
                Problem(
                    loader.name,
                    first.line,
                    first.column,
                    f"duplicate key {key!r}: given again at line {key_mark.line}",
                    "each key once per mapping",
                )
            )
        if id(key_node) in own_keys:
            first_seen.setdefault(key, key_mark)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_marks[key] = key_mark
        result.value_marks[key] = _mark(value_node)


def _construct_list(loader: _LocatingLoader, node: SequenceNode) -> Any:
    result = YamlList()
    result.mark = _mark(node)
    yield result
    for child in node.value:
        result.append(loader.construct_object(child, deep=True))
        result.item_marks.append(_mark(child))


class _RefusedTag(yaml.constructor.ConstructorError):
    def __init__(self, node: Node) -> None:
        super().__init__(None, None, f"tag {node.tag} is not allowed", node.start_mark)
        self.tag = node.tag


def _construct_undefined(loader: _LocatingLoader, node: Node) -> Any:
    raise _RefusedTag(node)


_INT = re.compile(
    r"""^(?:[-+]?0b[0-1_]+
    |[-+]?0[0-7_]+
    |[-+]?(?:0|[1-9][0-9_]*)
    |[-+]?0x[0-9a-fA-F_]+)$""",
    re.X,
)
_FLOAT = re.compile(
    r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
    |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""",
    re.X,
)


def _without_sexagesimal(resolvers: dict[str, list[tuple[str, re.Pattern[str]]]]) -> dict[str, Any]:
    """YAML 1.1 reads ``09:30`` as the base-60 integer 570; people mean a time of day, so keep it text.

    The patterns are PyYAML's own for int and float, less their base-60 alternatives.
    """
    replacement = {"tag:yaml.org,2002:int": _INT, "tag:yaml.org,2002:float": _FLOAT}
    return {
        first: [(tag, replacement.get(tag, pattern)) for tag, pattern in entries]
        for first, entries in resolvers.items()
    }


_LocatingLoader.yaml_implicit_resolvers = _without_sexagesimal(yaml.SafeLoader.yaml_implicit_resolvers)
_LocatingLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_LocatingLoader.add_constructor("tag:yaml.org,2002:seq", _construct_list)
_LocatingLoader.add_constructor("tag:yaml.org,2002:omap", _construct_undefined)
_LocatingLoader.add_constructor("tag:yaml.org,2002:pairs", _construct_undefined)
_LocatingLoader.add_constructor("tag:yaml.org,2002:set", _construct_undefined)
_LocatingLoader.add_constructor(None, _construct_undefined)  # any other tag, such as !!python/object

__all__ = ["Mark", "ScalarNode", "YamlList", "YamlMap", "mark_of", "parse_yaml", "read_yaml"]
