"""Reading typed fields out of YAML mappings while collecting every problem, not stopping at the first.

A parser makes a :class:`Report` per file and a :class:`Fields` per mapping, asks it for typed values,
and gets ``None`` back (with a problem recorded) for anything wrong. The parser raises
:class:`scout.errors.InputError` once, at the end, with everything found.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any, TypeVar

from scout.errors import InputError, Problem
from scout.formats import did_you_mean, one_of
from scout.io.yamlfile import Mark, YamlList, mark_of

T = TypeVar("T")


def type_name(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"number {number_text(value)}"
    if isinstance(value, str):
        return f"text {_quote(value)}"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, (list, tuple)):
        return "a list"
    return type(value).__name__


def number_text(value: float) -> str:
    """A number as written, except an integer too long to read in a message, which is cut short."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**15:
        sign = "-" if value < 0 else ""
        try:
            digits = str(abs(value))
        except ValueError:  # more digits than Python will print (sys.get_int_max_str_digits)
            return f"{sign}1… (more than {sys.get_int_max_str_digits():,} digits)"
        return f"{sign}{digits[:6]}… ({len(digits):,} digits)"
    return str(value)


def _quote(text: str, limit: int = 40) -> str:
    shown = text if len(text) <= limit else text[: limit - 1] + "…"
    return repr(shown)


class Report:
    """The problems found in one file."""

    def __init__(self, file: str | None) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def add(self, mark: Mark | None, what: str, expected: str | None = None, hint: str | None = None) -> None:
        line = mark.line if mark else None
        column = mark.column if mark else None
        self.problems.append(Problem(self.file, line, column, what, expected, hint))

    def raise_if_any(self) -> None:
        if self.problems:
            raise InputError(self.problems)


class Fields:
    """Typed access to one mapping of a document, recording problems in a :class:`Report`.

    Parameters
    ----------
    report
        Where problems go.
    data
        The mapping (a :class:`YamlMap` when it came from a file, or any mapping).
    context
        How the mapping is named in messages, e.g. ``"place 'baja-studios'"``.
    keys
        Every key the mapping may have; others are reported with a "did you mean".
    required
        Keys that must be present.
    at
        Where the mapping stands when ``data`` does not know (a plain mapping made from a short form, such
        as a source given as its title alone).
    """

    def __init__(
        self,
        report: Report,
        data: Mapping[Any, Any],
        context: str,
        keys: Collection[str],
        required: Collection[str] = (),
        at: Mark | None = None,
    ) -> None:
        self.report = report
        self.data = data
        self.at = at
        self.context = context
        self._keys = keys
        for key in data:
            if key not in keys:
                self.report.add(
                    self.key_mark(key),
                    f"unknown key {key!r} in {context}",
                    one_of(sorted(keys)),
                    did_you_mean(key, keys),
                )
        for key in required:
            if key not in data:
                self.report.add(self.mark, f"missing key {key!r} in {context}")
            elif data[key] is None:  # `name:` with nothing after it; every accessor takes None for "not given"
                self.error(key, "is empty", "a value (the key is required)")

    @property
    def mark(self) -> Mark | None:
        return mark_of(self.data) or self.at

    def key_mark(self, key: str) -> Mark | None:
        marks = getattr(self.data, "key_marks", None)
        return marks.get(key) if marks else self.mark

    def value_mark(self, key: str) -> Mark | None:
        marks = getattr(self.data, "value_marks", None)
        return marks.get(key) if marks else self.mark

    def has(self, key: str) -> bool:
        return key in self.data and self.data[key] is not None

    def error(self, key: str, what: str, expected: str | None = None, hint: str | None = None) -> None:
        """Record a problem with the value of ``key``."""
        self.report.add(self.value_mark(key), f"{key} of {self.context}: {what}", expected, hint)

    def _wrong_type(self, key: str, expected: str) -> None:
        self.error(key, f"found {type_name(self.data[key])}", expected)

    def text(self, key: str, *, check: Callable[[str], object] | None = None, expected: str = "text") -> str | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            self._wrong_type(key, expected)
            return None
        if not value.strip():
            self.error(key, "is empty", expected)
            return None
        if check is not None and not check(value):
            self.error(key, f"{_quote(value)} is not valid", expected)
            return None
        return value.strip()

    def number(self, key: str, *, low: float | None = None, high: float | None = None) -> float | None:
        value = self.data.get(key)
        if value is None:
            return None
        expected = _range_text(low, high)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self._wrong_type(key, expected)
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.error(key, f"{value} is not a finite number", expected)
            return None
        # Compared before any conversion: an integer such as 10**400 is too large to become a float.
        if (low is not None and value < low) or (high is not None and value > high):
            self.error(key, f"{number_text(value)} is out of range", expected)
            return None
        try:
            return float(value)
        except OverflowError:
            self.error(key, f"{number_text(value)} is too large", expected)
            return None

    def integer(self, key: str, *, low: int | None = None, high: int | None = None) -> int | None:
        value = self.data.get(key)
        if value is None:
            return None
        expected = "a whole number" + (f" ({_range_text(low, high)})" if low is not None or high is not None else "")
        if isinstance(value, bool) or not isinstance(value, int):
            self._wrong_type(key, expected)
            return None
        if (low is not None and value < low) or (high is not None and value > high):
            self.error(key, f"{number_text(value)} is out of range", expected)
            return None
        return value

    def boolean(self, key: str) -> bool | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, bool):
            self._wrong_type(key, "true or false")
            return None
        return value

    def choice(self, key: str, options: Sequence[str], *, fold: bool = True) -> str | None:
        """A value from a fixed vocabulary; with ``fold``, case and ``_``/``-`` do not matter."""
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            self._wrong_type(key, one_of(options))
            return None
        candidate = value.strip().lower().replace("_", "-") if fold else value.strip()
        if candidate in options:
            return candidate
        self.error(key, f"unknown value {_quote(value)}", one_of(options), did_you_mean(value, options))
        return None

    def parsed(self, key: str, parse: Callable[[Any], T]) -> T | None:
        """A value converted by ``parse``, whose :class:`ValueError` message says what was expected."""
        value = self.data.get(key)
        if value is None:
            return None
        try:
            return parse(value)
        except ValueError as error:
            self.error(key, f"{type_name(value)} is not valid", str(error))
            return None

    def mapping(self, key: str) -> Mapping[Any, Any] | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, Mapping):
            self._wrong_type(key, "a mapping of keys to values")
            return None
        return value

    def items(self, key: str) -> list[tuple[Any, Mark | None]]:
        """The items of a list, each with where it stands; a single value is taken as a list of one."""
        value = self.data.get(key)
        if value is None:
            return []
        if isinstance(value, Mapping):
            self._wrong_type(key, "a list")
            return []
        if not isinstance(value, list):
            return [(value, self.value_mark(key))]
        marks = value.item_marks if isinstance(value, YamlList) else [self.value_mark(key)] * len(value)
        return list(zip(value, marks, strict=True))

    def texts(self, key: str) -> tuple[str, ...]:
        """A list of non-empty strings (a single string is a list of one)."""
        result = []
        for item, mark in self.items(key):
            if isinstance(item, bool) or not isinstance(item, (str, int, float)):
                self.report.add(mark, f"{key} of {self.context}: found {type_name(item)}", "text")
            elif isinstance(item, str) and not item.strip():
                self.report.add(mark, f"{key} of {self.context}: an item is empty", "text")
            else:
                result.append(str(item).strip())
        return tuple(result)


def _range_text(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f"a number from {low:g} to {high:g}"
    if low is not None:
        return f"a number of at least {low:g}"
    if high is not None:
        return f"a number of at most {high:g}"
    return "a number"


def sub_mapping(report: Report, value: object, mark: Mark | None, context: str) -> Mapping[Any, Any] | None:
    """``value`` if it is a mapping; otherwise a problem is recorded."""
    if isinstance(value, Mapping):
        return value
    report.add(mark, f"{context}: found {type_name(value)}", "a mapping of keys to values")
    return None


__all__ = ["Fields", "Report", "did_you_mean", "number_text", "one_of", "sub_mapping", "type_name"]
