"""Ctrl-C while `scout plan` solves: exit code 130 and nothing written, whichever solver is running.

The command runs in a child process with stderr a pipe, where it reports each step on a line ("Choosing the
states", "Building days through …", "Bounding the states"): each test sends SIGINT as a step begins, not
after a guessed number of seconds, so the signal lands in that step on a fast machine or a slow one.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.shipped import CATALOGUE, ROOT, SAMPLE

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGINT cannot be sent to a child process on Windows")
PATIENCE = 120.0  # seconds: the longest any step may take to come (the whole plan takes a few)


class PlanRun:
    """``scout plan --export md`` on the sample trip in a child process, its stderr read line by line."""

    def __init__(self, out: Path, env: dict[str, str] | None = None) -> None:
        command = [sys.executable, "-m", "scout", "plan", str(SAMPLE), "--data", str(CATALOGUE), "--out", str(out),
                   "--export", "md"]  # fmt: skip
        self.child = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
            encoding="utf-8",
            # A child of a non-interactive shell may inherit "ignore SIGINT"; restore what a terminal gives.
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.child.stderr is not None
        for line in self.child.stderr:
            self.lines.append(line)

    def stderr(self) -> str:
        return "".join(self.lines)

    def wait_for(self, condition: Callable[[], bool], what: str) -> None:
        """Wait until ``condition`` holds while the command still runs (it fails the test if the command ends)."""
        deadline = time.monotonic() + PATIENCE
        while not condition():
            if self.child.poll() is not None:
                self.close()
                pytest.fail(f"scout plan ended (exit {self.child.returncode}) before {what}:\n{self.stderr()}")
            if time.monotonic() > deadline:
                self.child.kill()
                self.close()
                pytest.fail(f"no {what} within {PATIENCE:g} s:\n{self.stderr()}")
            time.sleep(0.01)

    def step(self, text: str, times: int = 1) -> Callable[[], bool]:
        """A condition: the ``times``-th line starting with ``text`` has been reported."""
        return lambda: sum(line.startswith(text) for line in list(self.lines)) >= times

    def interrupt(self) -> str:
        """Send SIGINT, wait for the command to end, and return its stderr."""
        self.child.send_signal(signal.SIGINT)
        try:
            self.child.wait(timeout=PATIENCE)
        except subprocess.TimeoutExpired:
            self.child.kill()
            raise
        finally:
            self.close()
        return self.stderr()

    def close(self) -> None:
        """Wait for the child (killed if need be) and the reader, and close the pipe."""
        self.child.wait(timeout=PATIENCE)
        self._reader.join(timeout=10)
        assert self.child.stderr is not None
        self.child.stderr.close()


def assert_interrupted(run: PlanRun, stderr: str, out: Path) -> None:
    assert run.child.returncode == 130, stderr
    assert "interrupted: nothing was written" in stderr
    assert "Traceback" not in stderr
    assert not out.exists() or list(out.iterdir()) == []


def test_ctrl_c_while_loading_exits_130_and_writes_nothing(tmp_path: Path) -> None:
    # Early on: reading the catalogue and the trip, or OR-Tools initialising (Ctrl-C there surfaces as an
    # ImportError), or the first step on a fast machine. Nothing may be reported yet, so this one waits a
    # moment instead of for a line.
    run = PlanRun(tmp_path / "out")
    time.sleep(0.6)
    assert run.child.poll() is None, run.stderr()  # still at work
    assert_interrupted(run, run.interrupt(), tmp_path / "out")


@pytest.mark.parametrize(
    ("step", "times", "after"),
    [
        ("Choosing the states", 1, 0.0),  # the selection model (CP-SAT, in a thread of its own)
        ("Building days through", 1, 0.0),  # the routing library, the first set's arrangements
        # The second set beats the first: after its local search (about a second) comes ruin and recreate,
        # the compiled search in threads of its own, for seconds. Sooner, the signal lands in the routing.
        ("Building days through", 2, 1.5),
        ("Bounding the states", 1, 0.0),  # the day-by-day models (CP-SAT)
    ],
    ids=["choosing", "building", "searching", "bounding"],
)
def test_ctrl_c_while_planning_exits_130_and_writes_nothing(
    step: str, times: int, after: float, tmp_path: Path
) -> None:
    run = PlanRun(tmp_path / "out")
    run.wait_for(run.step(step, times), f"the step {step!r}")
    time.sleep(after)
    assert_interrupted(run, run.interrupt(), tmp_path / "out")


def test_ctrl_c_while_the_search_compiles_exits_130_and_writes_nothing(tmp_path: Path) -> None:
    """On a first run numba compiles the search (about 20 s): Ctrl-C there is held until the compile
    ends (raised inside llvmlite's callbacks it was swallowed and ended in a traceback).

    With an empty cache of its own, the compile is under way once numba has written the index of the first
    function compiled (one of sixteen; the last comes seconds later): the signal is sent then. LLVM optimises
    at level 1 rather than 3: Ctrl-C is handled alike, and the compile takes about 12 s instead of 20.
    """
    cache = tmp_path / "numba-cache"
    run = PlanRun(tmp_path / "out", {**os.environ, "NUMBA_CACHE_DIR": str(cache), "NUMBA_OPT": "1"})
    run.wait_for(lambda: any(cache.rglob("*.nbi")), "numba's first compiled function")
    assert_interrupted(run, run.interrupt(), tmp_path / "out")
    # The signal waited for the compile to end: every compiled function of the search is in the cache.
    compiled = (ROOT / "scout" / "plan" / "routing" / "search.py").read_text(encoding="utf-8").count("@njit(")
    assert len(list(cache.rglob("*.nbi"))) == compiled
