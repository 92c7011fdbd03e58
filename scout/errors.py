"""One exception family for everything a user can get wrong, each member with its exit code.

Library code raises these; only :mod:`scout.cli` turns them into messages and exit codes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    """The documented exit codes of the ``scout`` command."""

    OK = 0
    FAILURE = 1  # an unexpected failure: a bug in scout
    BAD_INPUT = 2  # a file or an option is wrong; Typer's usage errors use 2 as well
    UNAVAILABLE = 3  # a service scout depends on (the geocoder) is unreachable or refuses
    IMPOSSIBLE = 4  # the request is well formed but no itinerary can satisfy it
    CANNOT_WRITE = 5  # an output file cannot be written (permissions, a full disk); the old file is kept
    SEARCH_LIMIT = 6  # the search reached its time limit before finding any itinerary
    INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in an input file, located as precisely as it can be.

    ``line`` and ``column`` are 1-based; ``None`` when unknown (for example for data that did not come
    from a file).
    """

    file: str | None
    line: int | None
    column: int | None
    what: str
    expected: str | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = self.file or "<input>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: {self.what}"
        if self.expected:
            text += f"; expected {self.expected}"
        if self.hint:
            text += f"; {self.hint}"
        return text


class ScoutError(Exception):
    """Base of every error that is the user's to fix; ``exit_code`` says how ``scout`` exits."""

    exit_code: ExitCode = ExitCode.FAILURE


class InputError(ScoutError):
    """One or more input files are wrong. Carries every problem found, sorted by file and line."""

    exit_code = ExitCode.BAD_INPUT

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(sorted(problems, key=_problem_order))
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} found")


class ImpossibleRequestError(ScoutError):
    """The trip is well formed, but no itinerary can satisfy it. ``conflicts`` names the constraints."""

    exit_code = ExitCode.IMPOSSIBLE

    def __init__(self, summary: str, conflicts: Sequence[str]) -> None:
        self.summary = summary
        self.conflicts = tuple(conflicts)
        super().__init__(summary)


class ServiceUnavailableError(ScoutError):
    """An outside service (the geocoder) could not be reached or refused to answer."""

    exit_code = ExitCode.UNAVAILABLE


class OutputError(ScoutError):
    """An output file could not be written; whatever was there before is left as it was."""

    exit_code = ExitCode.CANNOT_WRITE


class SearchLimitError(ScoutError):
    """The optimiser stopped at its time limit before finding any answer; ``hint`` says what to change."""

    exit_code = ExitCode.SEARCH_LIMIT

    def __init__(self, message: str, hint: str) -> None:
        self.hint = hint
        super().__init__(f"{message}; {hint}")


def _problem_order(problem: Problem) -> tuple[str, int, int, str]:
    return (problem.file or "", problem.line or 0, problem.column or 0, problem.what)
