"""Fuzzing ``scout validate`` and ``scout plan`` with broken catalogues and trip files.

Run: ``python -m bench.fuzz [--cases N] [--seed S] [--mutation NAME ...]``. Each case is a valid catalogue
and trip with one defect put in (see :mod:`bench.fuzzcases`); the real commands run on the files through
Typer's test runner, in this process. ``validate`` runs on every case, ``plan`` on every case whose defect
is in the trip. Every run must end in exit code 2 with each problem located as ``file:line`` (exit 0 for
the harmless cases), without a traceback, and ``plan`` must write nothing.

Prints, per mutation, the cases run and the failures of each kind, then the totals and the speed. Exits 1
if any case failed, after writing the first failing case of each kind to a folder (named at the end) with
the two files and what went wrong.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import os
import re
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from typer.testing import CliRunner, Result

from bench.fuzzcases import MUTATIONS, Case, RandomDraw, make_case
from scout.cli import app

LOCATED = re.compile(r"\.yaml:\d+")
SUMMARY = re.compile(r"^error: \d+ problems? found$")
KINDS = ("crash", "accepted", "wrong-exit", "unlocated", "wrote")

runner = CliRunner()


@dataclass(frozen=True)
class Failure:
    """What went wrong with one command on one case."""

    kind: str  # one of KINDS
    command: str
    message: str


def run_case(case: Case, folder: Path, *, plan: bool | None = None) -> list[Failure]:
    """Write the case's files into ``folder``, run the commands on them and say what went wrong.

    ``plan`` runs ``scout plan`` as well; by default when the defect is in the trip.
    """
    catalogue, trip, out = folder / "catalogue.yaml", folder / "trip.yaml", folder / "out"
    catalogue.write_bytes(case.catalogue)
    trip.write_bytes(case.trip)
    target = catalogue if case.target == "catalogue" else trip
    commands = [["validate", "--data", str(catalogue), str(target)]]
    if plan if plan is not None else (case.target == "trip" and not case.harmless):
        commands.append(["plan", str(trip), "--data", str(catalogue), "--out", str(out)])
    failures = []
    for arguments in commands:
        result = runner.invoke(app, arguments)
        failures += check(result, arguments[0], harmless=case.harmless)
        if arguments[0] == "plan" and result.exit_code != 0 and out.exists():
            failures.append(Failure("wrote", "plan", f"{out} was created by a run that failed"))
    return failures


def check(result: Result, command: str, *, harmless: bool = False) -> list[Failure]:
    """The failures in one run: a crash, the wrong exit code, or problems without a ``file:line``."""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        assert result.exc_info is not None
        text = "".join(traceback.format_exception(*result.exc_info))
        return [Failure("crash", command, text)]
    if "Traceback" in result.output or result.exit_code == 1:
        return [Failure("crash", command, result.output)]
    if harmless:
        return [] if result.exit_code == 0 else [Failure("wrong-exit", command, _show(result))]
    if result.exit_code == 0:
        return [Failure("accepted", command, _show(result))]
    if result.exit_code != 2:
        return [Failure("wrong-exit", command, _show(result))]
    problems = [line for line in result.stderr.splitlines() if line.strip() and not SUMMARY.match(line)]
    unlocated = [line for line in problems if not LOCATED.search(line.partition(": ")[0])]
    if not problems or unlocated:
        return [Failure("unlocated", command, _show(result))]
    return []


def _show(result: Result) -> str:
    return f"exit {result.exit_code}\n--- stdout\n{result.stdout}--- stderr\n{result.stderr}"


def save(case: Case, failure: Failure, folder: Path) -> None:
    """Keep a failing case: its two files and a note of what failed."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "catalogue.yaml").write_bytes(case.catalogue)
    (folder / "trip.yaml").write_bytes(case.trip)
    note = (
        f"mutation: {case.mutation} in the {case.target}: {case.detail}\n"
        f"command: scout {failure.command} (see bench/fuzz.py run_case for the arguments)\n"
        f"failure: {failure.kind}\n\n{failure.message}\n"
    )
    (folder / "failure.txt").write_text(note, encoding="utf-8")


_work = Path()  # the folder under which each process writes the files of its cases


def _start(work: Path) -> None:
    global _work
    _work = work


def _run_numbered(item: tuple[int, Case]) -> tuple[int, Case, list[Failure]]:
    folder = _work / str(os.getpid())
    folder.mkdir(exist_ok=True)
    number, case = item
    return number, case, run_case(case, folder)


def _pool(jobs: int, work: Path) -> contextlib.AbstractContextManager[Any]:
    _start(work)
    return multiprocessing.Pool(jobs, _start, (work,)) if jobs > 1 else contextlib.nullcontext()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=10_000, help="how many cases to run (default 10000)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the choices (default 0)")
    parser.add_argument("--mutation", action="append", choices=sorted(MUTATIONS), help="only these (repeatable)")
    parser.add_argument("--jobs", type=int, default=1, help="processes to run cases in (default 1)")
    parser.add_argument("--failures", type=Path, help="where failing cases go (default: a new temporary folder)")
    args = parser.parse_args(argv)
    names = sorted(args.mutation or MUTATIONS)
    draw = RandomDraw(args.seed)
    # Every case is made here, in order, so the cases (and the figures) depend on the seed alone.
    numbered = [(number, make_case(draw, draw.choice(names))) for number in range(args.cases)]
    cases = Counter(case.mutation for _, case in numbered)
    failed: dict[str, Counter[str]] = {kind: Counter() for kind in KINDS}
    first: dict[str, tuple[int, Case, Failure]] = {}
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="scout-fuzz-run-") as work, _pool(args.jobs, Path(work)) as pool:
        results = pool.imap_unordered(_run_numbered, numbered, 20) if pool else map(_run_numbered, numbered)
        for done, (number, case, failures) in enumerate(results, start=1):
            for failure in failures:
                failed[failure.kind][case.mutation] += 1
                if failure.kind not in first or number < first[failure.kind][0]:
                    first[failure.kind] = (number, case, failure)
            if done % 1000 == 0:
                print(f"{done} cases, {time.perf_counter() - began:.0f} s", file=sys.stderr, flush=True)
    seconds = time.perf_counter() - began
    total = sum(cases.values())
    print(f"{'mutation':<20}{'cases':>7}" + "".join(f"{kind:>11}" for kind in KINDS))
    for name in names:
        print(f"{name:<20}{cases[name]:>7}" + "".join(f"{failed[kind][name]:>11}" for kind in KINDS))
    counts = {kind: sum(failed[kind].values()) for kind in KINDS}
    print(f"{'total':<20}{total:>7}" + "".join(f"{counts[kind]:>11}" for kind in KINDS))
    rate = total / seconds
    print(f"seed {args.seed}, {args.jobs} job(s): {total} cases in {seconds:.1f} s ({rate:.1f} cases/s); "
          f"crashes: {counts['crash']}")  # fmt: skip
    if first:
        folder = args.failures or Path(tempfile.mkdtemp(prefix="scout-fuzz-failures-"))
        for kind, (_, case, failure) in first.items():
            save(case, failure, folder / f"first-{kind}")
        print(f"first failing case of each kind: {folder}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
