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
from collections.abc import Hashable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from scout.errors import InputError, Problem
from scout.io.files import read_bytes

MAX_NODES = 200_000  # after alias expansion; the shipped catalogue has about 10,000
MAX_DEPTH = 60
MAX_BYTES = 20 * 1024 * 1024
MAX_INT_DIGITS = 4300  # Python's own limit for reading a decimal integer (sys.int_info.default_max_str_digits)
_INT_LIMIT = 10**MAX_INT_DIGITS


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
    raw = read_bytes(path, name, "a YAML file")
    if len(raw) > MAX_BYTES:
        raise InputError([Problem(name, None, None, f"file is {len(raw):,} bytes", f"at most {MAX_BYTES:,} bytes")])
    text = _decode(raw, name)
    return parse_yaml(text, name)


def parse_yaml(text: str, name: str) -> Any:
    """Parse YAML text; ``name`` is how the text is named in messages."""
    if _FastLoader is not None:
        # libyaml scans and parses in C (on a 5,000-place catalogue, 1.7 s instead of 5.4 s for the whole
        # read). A document it reads without any problem is the same document PyYAML reads; anything else
        # is read again by PyYAML's own parser, whose messages are the ones users (and tests) know.
        try:
            data, problems = _load(_FastLoader, text, name)
        except (yaml.YAMLError, _TooLargeError, _TooDeepError, RecursionError):
            pass
        else:
            if not problems:
                return data
    return _parse_exactly(text, name)


def _load(loader_class: type[_LocatingLoader], text: str, name: str) -> tuple[Any, list[Problem]]:
    problems: list[Problem] = []
    data = None
    loader = loader_class(text, name, problems)
    try:
        node = loader.get_single_node()  # refuses nesting deeper than MAX_DEPTH as it composes
        if node is not None:
            loader.check_expansion(node)  # before anything is built
            data = loader.construct_document(node)
    finally:
        loader.dispose()
    return data, problems


def _parse_exactly(text: str, name: str) -> Any:
    problems: list[Problem] = []
    data = None
    tab = _tab_indentation(text)
    try:
        data, problems = _load(_ExactLoader, text, name)
    except _TooLargeError as error:
        problems.append(
            Problem(
                name,
                _line(error.mark),
                _column(error.mark),
                "document expands to too many values (aliases nested inside aliases?)",
                f"at most {MAX_NODES:,} values",
            )
        )
    except _TooDeepError as error:
        problems.append(
            Problem(name, _line(error.mark), _column(error.mark), "nesting is too deep", f"at most {MAX_DEPTH} levels")
        )
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        what = error.problem or error.context or "invalid YAML"
        if tab is not None and "\t" in str(error):
            problems.append(
                Problem(name, tab.line, tab.column, "a tab is used for indentation", "spaces (YAML forbids tabs)")
            )
        elif isinstance(error, _UnreadableValue):
            problems.append(Problem(name, _line(mark), _column(mark), error.what, error.expected))
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
    except yaml.reader.ReaderError as error:
        problems.append(_unreadable_character(error, text, name))
    except yaml.YAMLError as error:
        problems.append(Problem(name, None, None, f"YAML error: {error}"))
    except RecursionError:  # a last resort: the limits above keep the recursive parts of PyYAML shallow
        problems.append(Problem(name, None, None, "nesting is too deep", f"at most {MAX_DEPTH} levels"))
    if problems:
        raise InputError(problems)
    return data


def dump_yaml(data: Any) -> str:
    """YAML text for plain data (dicts, lists, strings, numbers, booleans), the same text for the same data.

    Keys keep their order, non-ASCII text is written as is (UTF-8), and long strings are not folded, so a
    file written twice from the same data is byte for byte the same.
    """
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=10_000)


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
        byte = raw[error.start]
        try:
            # Windows editors (and Excel's "CSV/text") save in Windows-1252; if the whole file reads as that,
            # say which character the byte is there, so the user recognises it.
            raw.decode("cp1252")
            what = f"byte 0x{byte:02X} is not UTF-8: it is {bytes([byte]).decode('cp1252')!r} in Windows-1252"
            what += ", the encoding the file looks saved in"
        except UnicodeDecodeError:
            what = f"byte 0x{byte:02X} is not UTF-8 (nor Windows-1252): the file is in another encoding"
        raise InputError(
            [Problem(name, line, column, what, "UTF-8", 'save the file as "UTF-8" in your editor and run again')]
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _unreadable_character(error: yaml.reader.ReaderError, text: str, name: str) -> Problem:
    """A character YAML does not allow in a file (a control character such as NUL), located in ``text``."""
    position = error.position  # an index into ``text``: the reader was given the whole text at once
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    code = error.character if isinstance(error.character, int) else ord(error.character)
    return Problem(
        name,
        line,
        column,
        f"character U+{code:04X} is not allowed in YAML",
        "printable characters",
        "delete it (control characters often come with text pasted from other programs)",
    )


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


if TYPE_CHECKING:  # what a loader is to the type stubs; at run time, the parts below without an event source
    _LoaderParts = yaml.SafeLoader
else:

    class _LoaderParts(Composer, SafeConstructor, Resolver):
        pass


class _LocatingLoader(_LoaderParts):
    """A safe loader that builds :class:`YamlMap`/:class:`YamlList`, reports duplicate keys and bounds the document.

    Nesting is bounded as the text is composed into nodes (PyYAML's composer recurses once per level), and
    the size and depth the document would have once every alias is expanded are measured on the composed
    nodes before anything is constructed (see :meth:`check_expansion`). The events come from a subclass:
    PyYAML's Python parser (:class:`_ExactLoader`) or libyaml's (:class:`_FastLoader`).
    """

    def __init__(self, text: str, name: str, problems: list[Problem]) -> None:
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)
        self.name = name
        self.problems = problems
        self.compose_depth = 0
        # For each mapping node (by id), the ids of the key nodes written in it. PyYAML's flatten_mapping
        # splices merged pairs (`<<: *anchor`) into node.value in place, sometimes before the mapping is
        # constructed (when it is itself merged into another), so node.value cannot tell them apart later.
        self.written_keys: dict[int, frozenset[int]] = {}

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        # PyYAML's composer recurses once per level: stop at the first level too many, long before Python's
        # recursion limit, and say where it is.
        self.compose_depth += 1
        try:
            if self.compose_depth > MAX_DEPTH:
                event = self.peek_event()  # type: ignore[no-untyped-call]  # untyped in types-PyYAML
                raise _TooDeepError(event.start_mark)
            return super().compose_node(parent, index)
        finally:
            self.compose_depth -= 1

    def check_expansion(self, root: Node) -> None:
        """Refuse a document that would be too large or too deep once its aliases are expanded.

        PyYAML builds an aliased node once and shares it, so neither limit can be checked while
        constructing. Instead, every node's expanded size (itself plus the expanded sizes of its keys,
        values and items) and height are computed once, children first, without recursion; an alias
        refers to the very node it names, so a billion laughs costs one visit per node written. The walk
        stops at the first node found too large, which holds nothing too large itself: in a bomb, the
        anchored node whose aliases make it explode, and in a document that is simply long, the whole.
        Depth is checked once every height is known, so that the problem is placed on the deepest path.

        Raises
        ------
        _TooLargeError, _TooDeepError
            With where the problem is.
        """
        limit = MAX_NODES  # read at call time, so tests can lower it
        size: dict[int, int] = {}
        height: dict[int, int] = {}
        on_path: set[int] = {id(root)}  # a node inside itself is left for the constructor to refuse
        stack: list[tuple[Node, Iterator[Node]]] = [(root, iter(_children(root)))]
        while stack:
            node, children = stack[-1]
            for child in children:
                if id(child) not in size and id(child) not in on_path:
                    on_path.add(id(child))
                    stack.append((child, iter(_children(child))))
                    break
            else:
                stack.pop()
                on_path.discard(id(node))
                below = [id(child) for child in _children(node)]
                total = 1 + sum(size.get(child, 0) for child in below)
                if total > limit:
                    raise _TooLargeError(node.start_mark)
                size[id(node)] = total
                height[id(node)] = 1 + max((height.get(child, 0) for child in below), default=0)
                if isinstance(node, MappingNode):
                    self.written_keys[id(node)] = frozenset(id(key) for key, _ in node.value)
        if height[id(root)] > MAX_DEPTH:
            # Only aliases can get here: composing already refused text nested too deep. Follow the
            # deepest path down to the first level too many.
            node = root
            for _ in range(MAX_DEPTH):
                node = max(_children(node), key=lambda child: height.get(id(child), 0))
            raise _TooDeepError(node.start_mark)


def _children(node: Node) -> list[Node]:
    """The nodes directly inside ``node``: a mapping's keys and values, a sequence's items."""
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


class _TooLargeError(Exception):
    """The document would have more than MAX_NODES values once its aliases are expanded."""

    def __init__(self, mark: yaml.error.Mark) -> None:
        self.mark = mark


class _TooDeepError(Exception):  # not a _TooLargeError: each is reported with its own message
    """The document nests more than MAX_DEPTH levels, as written or once its aliases are expanded."""

    def __init__(self, mark: yaml.error.Mark) -> None:
        self.mark = mark


def _position(node: Node) -> tuple[int, int]:
    mark = _mark(node)
    return mark.line, mark.column


def _construct_map(loader: _LocatingLoader, node: MappingNode) -> Any:
    if not isinstance(node, MappingNode):  # `!!map [a, b]`: the tag names a kind the value is not
        raise _WrongKind(node, "a mapping")
    result = YamlMap()
    result.mark = _mark(node)
    yield result
    own_keys = loader.written_keys.get(id(node))
    if own_keys is None:  # not seen by check_expansion: a node built outside parse_yaml
        own_keys = frozenset(id(key) for key, _ in node.value)
    loader.flatten_mapping(node)  # resolves `<<: *anchor` merge keys into node.value
    first_seen: dict[Any, tuple[Mark, Node]] = {}  # each key written in this mapping, where first written
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, Hashable):
            loader.problems.append(
                Problem(loader.name, *_position(key_node), "a mapping key must be a plain value", "a name")
            )
            continue
        key_mark = _mark(key_node)
        written = id(key_node) in own_keys
        # The same key node twice is a mapping merged into itself (`&a {<<: *a}`), not a key written twice.
        if written and key in first_seen and first_seen[key][1] is not key_node:
            first = first_seen[key][0]
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
        if written:
            first_seen.setdefault(key, (key_mark, key_node))
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_marks[key] = key_mark
        result.value_marks[key] = _mark(value_node)


def _construct_list(loader: _LocatingLoader, node: SequenceNode) -> Any:
    if not isinstance(node, SequenceNode):  # `!!seq {a: 1}` or `!!seq text`
        raise _WrongKind(node, "a list")
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


class _UnreadableValue(yaml.constructor.ConstructorError):
    """A value that cannot be what its tag says, reported as ``what`` and ``expected`` at the value."""

    def __init__(self, node: Node, what: str, expected: str) -> None:
        super().__init__(None, None, what, node.start_mark)
        self.what = what
        self.expected = expected


class _WrongKind(_UnreadableValue):
    def __init__(self, node: Node, expected: str) -> None:
        found = "a list" if isinstance(node, SequenceNode) else "a mapping" if isinstance(node, MappingNode) else "text"
        super().__init__(node, f"tag {_short(node.tag)} is given to {found}", expected)


def _short(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


class _BadScalar(_UnreadableValue):
    """A scalar whose tag (written, or implied by its look, as for ``2024-02-30``) it cannot be read as."""

    def __init__(self, node: Node, expected: str, error: Exception) -> None:
        text = str(node.value)
        shown = repr(text) if len(text) <= 40 else repr(text[:39] + "…") + f" ({len(text):,} characters)"
        if isinstance(error, _TooManyDigitsError) or "Exceeds the limit" in str(error):
            what = f"the number {shown} has too many digits"
            expected = f"a number of at most {MAX_INT_DIGITS:,} digits"
        elif expected.startswith("a date") and isinstance(error, ValueError) and str(error):
            what = f"{shown} is not a real date or time ({error})"
        else:
            what = f"{shown} is not valid for tag {_short(node.tag)}"
        super().__init__(node, what, expected)


def _checked_scalar(name: str, expected: str) -> Any:
    """PyYAML's constructor for ``tag``, with its Python errors turned into a problem located at the value.

    PyYAML's scalar constructors assume the resolver matched: an explicit ``!!int abc``, ``!!bool maybe`` or
    ``!!timestamp x``, a date that looks right but is not (``2024-02-30``), or an integer too long for
    Python to read raise ``ValueError``, ``KeyError``, ``IndexError`` or ``AttributeError`` instead of a
    YAML error.
    """
    construct = yaml.SafeLoader.yaml_constructors[f"tag:yaml.org,2002:{name}"]

    def construct_checked(loader: _LocatingLoader, node: Node) -> Any:
        try:
            value = construct(loader, node)
            # Python reads decimal integers of at most 4,300 digits (sys.int_info), but hexadecimal, octal
            # and binary ones of any length, which then cannot be printed in a message.
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= _INT_LIMIT:
                raise _TooManyDigitsError
        except (ValueError, KeyError, IndexError, TypeError, AttributeError, OverflowError) as error:
            raise _BadScalar(node, expected, error) from None
        return value

    return construct_checked


class _TooManyDigitsError(ValueError):
    pass


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
for _name, _expected in (
    ("int", "a whole number"),
    ("float", "a number"),
    ("bool", "true or false"),
    ("timestamp", "a date as YYYY-MM-DD"),
):
    _LocatingLoader.add_constructor(f"tag:yaml.org,2002:{_name}", _checked_scalar(_name, _expected))
_LocatingLoader.add_constructor("tag:yaml.org,2002:omap", _construct_undefined)
_LocatingLoader.add_constructor("tag:yaml.org,2002:pairs", _construct_undefined)
_LocatingLoader.add_constructor("tag:yaml.org,2002:set", _construct_undefined)
_LocatingLoader.add_constructor(None, _construct_undefined)  # any other tag, such as !!python/object

__all__ = ["Mark", "YamlList", "YamlMap", "dump_yaml", "mark_of", "parse_yaml", "read_yaml"]


class _ExactLoader(_LocatingLoader, Reader, Scanner, Parser):
    """Events from PyYAML's own scanner and parser, in Python: the messages users know."""

    def __init__(self, text: str, name: str, problems: list[Problem]) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        _LocatingLoader.__init__(self, text, name, problems)


_FastLoader: type[_LocatingLoader] | None
try:
    from yaml._yaml import CParser
except ImportError:  # a PyYAML built without libyaml (its wheels have it): every document is read exactly
    _FastLoader = None
else:

    class _FastLoaderClass(_LocatingLoader, CParser):
        """Events from libyaml's scanner and parser, in C; composing stays in Python, within the depth bound.

        The composer comes first in the method order: libyaml's parser would otherwise compose the nodes
        itself, in C, beyond the bound.
        """

        def __init__(self, text: str, name: str, problems: list[Problem]) -> None:
            CParser.__init__(self, text)
            _LocatingLoader.__init__(self, text, name, problems)

    _FastLoader = _FastLoaderClass
