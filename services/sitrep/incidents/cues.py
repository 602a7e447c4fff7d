"""What a report says about itself: a follow-up of an incident already reported, or a
correction that lowers its toll. Read from the event's summary with the patterns of
data/follow_ups.yaml; the matching rule and the toll rule use the two marks."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import yaml


@cache
def _patterns(kind: str) -> re.Pattern[str]:
    """One pattern for a list; matched against the lower-cased text (re.IGNORECASE makes
    the search two to three times slower, and it runs for every event)."""
    text = resources.files("sitrep.incidents").joinpath("data/follow_ups.yaml").read_text("utf-8")
    return re.compile("|".join(f"(?:{p})" for p in yaml.safe_load(text)[kind]))


def says_follow_up(summary: str) -> bool:
    """The report tells of an incident already reported ("the death toll rose to 12")."""
    return _patterns("follow_up").search(summary.lower()) is not None


def says_revised_down(summary: str) -> bool:
    """The report lowers a toll given before ("the toll was revised down to 9")."""
    return _patterns("revised_down").search(summary.lower()) is not None
