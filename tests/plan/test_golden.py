"""The sample trip's itinerary, held against the one written when the planner last changed on purpose.

Any change to what the planner chooses, or to how the itinerary is written, shows here as a difference
from ``tests/data/golden/itinerary.json``: the itinerary.json of trips/familiarization-2024.yaml without
the two fields that depend on the run (``trip.source``, ``objective.solve_seconds``). When a change is
meant, rewrite the file and review its diff::

    SCOUT_UPDATE_GOLDEN=1 pytest tests/plan/test_golden.py
"""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path
from typing import Any

GOLDEN = Path(__file__).resolve().parent.parent / "data" / "golden" / "itinerary.json"
UPDATE = "SCOUT_UPDATE_GOLDEN"


def without_the_run(doc: dict[str, Any]) -> str:
    """The document as written, less what depends on the run: where the trip file was, how long it took."""
    del doc["trip"]["source"]
    del doc["objective"]["solve_seconds"]
    return json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def test_the_sample_itinerary_is_the_golden_one(planned_doc: dict[str, Any]) -> None:
    text = without_the_run(planned_doc)
    if os.environ.get(UPDATE) == "1":
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    golden = GOLDEN.read_text(encoding="utf-8") if GOLDEN.exists() else ""
    if text != golden:
        diff = list(difflib.unified_diff(golden.splitlines(), text.splitlines(), "golden", "planned", lineterm=""))
        shown = "\n".join(diff[:60]) + (f"\n… {len(diff) - 60} more lines" if len(diff) > 60 else "")
        raise AssertionError(
            f"the sample trip's itinerary differs from {GOLDEN.relative_to(GOLDEN.parents[3])}:\n{shown}\n"
            f"If the change is meant, rewrite it with `{UPDATE}=1 pytest tests/plan/test_golden.py` and review "
            f"its diff."
        )
