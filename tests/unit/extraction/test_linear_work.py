"""Extraction work grows linearly with the text: counted, not timed.

A 1 MB article (the worker's limit) once took over a minute because several steps
compared every place mention with every other (resolver scoring, choosing an event's
place, entity/mention overlap checks). Wall-clock bounds are flaky on a loaded CI
machine, so these tests count deterministic units of work (candidate scorings, event
place scorings) on a text and on the same text four times over: linear work grows about
4x, quadratic work 16x.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sitrep.extraction.events.spans import ByStart, Intervals

# A paragraph dense in places, containment pairs, repetitions, actors and events.
PARAGRAPH = (
    "Russian shelling killed three civilians in Kharkiv, Kharkiv Oblast, on Friday, "
    "officials said. Ukrainian forces recaptured Balakliia and advanced towards Kupiansk "
    "and Izium, according to the General Staff. Explosions were heard near Donetsk and in "
    "Kyiv, Ukraine, where police said two people were wounded.\n"
)
PARAGRAPHS = {"paragraphs": PARAGRAPH, "one-line": PARAGRAPH.replace("\n", " ")}
REPEATED = "Shelling hit Kyiv. " * 1000


@pytest.fixture(scope="module")
def work() -> dict[str, Any]:
    """Each text's work counts, from `work_counts.py` in one child process (the counted
    functions may run compiled here, where patching them would count nothing)."""
    texts = {f"{name} x{n}": p * n for name, p in PARAGRAPHS.items() for n in (50, 200)}
    texts["repeated"] = REPEATED
    script = Path(__file__).with_name("work_counts.py")
    done = subprocess.run(
        [sys.executable, str(script)],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    counts: dict[str, Any] = json.loads(done.stdout)
    assert counts["running_compiled"] == []  # else the patched counters count nothing
    texts_counts: dict[str, Any] = counts["texts"]
    return texts_counts


@pytest.mark.parametrize("paragraph", list(PARAGRAPHS))
def test_work_per_article_is_linear_in_its_length(work: dict[str, Any], paragraph: str) -> None:
    small, large = work[f"{paragraph} x50"], work[f"{paragraph} x200"]
    assert small["places"] and small["events"] and large["places"] and large["events"]
    assert all(small["counts"])  # each counted function ran
    for name, a, b in zip(
        ("resolver scorings", "containment checks", "place scorings"),
        small["counts"],
        large["counts"],
        strict=True,
    ):
        # Linear: 4x the text, at most ~4x the work (quadratic would be 16x).
        assert b <= 4.5 * max(a, 1), f"{name}: {a} -> {b}"


def test_repeated_names_are_scored_once_per_pass(work: dict[str, Any]) -> None:
    """ "Kyiv" a thousand times is one reading, resolved once per pass, not per mention."""
    repeated = work["repeated"]
    assert repeated["places"] == 1000
    assert 0 < repeated["scorings_in_analysis"] <= 3 * 2


def test_offset_indexes_agree_with_scans() -> None:
    spans = [(0, 5), (3, 4), (10, 30), (12, 14), (40, 41)]
    index = Intervals(spans)
    for lo in range(-2, 45):
        for hi in range(lo, lo + 6):
            assert index.overlaps(lo, hi) == any(s < hi and lo < e for s, e in spans)
            assert index.covers(lo, hi) == any(s <= lo and hi <= e for s, e in spans)
        assert index.holds(lo) == any(s <= lo < e for s, e in spans)

    class Item:
        def __init__(self, start: int) -> None:
            self.start = start

    items = [Item(s) for s in (5, 1, 9, 1, 3)]  # not in offset order: order is kept
    by_start = ByStart(items)
    for lo in range(0, 11):
        for hi in range(lo, 12):
            assert by_start.within(lo, hi) == [i for i in items if lo <= i.start < hi]
