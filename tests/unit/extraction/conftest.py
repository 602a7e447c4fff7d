"""Fixtures shared by the extraction tests: one analyzer and one event stage per test
session (loading the spaCy pipeline and gazetteer takes seconds)."""

from __future__ import annotations

import pytest

from sitrep.extraction.events import EventExtractor
from sitrep.extraction.geo import TextAnalyzer


@pytest.fixture(scope="session")
def analyzer() -> TextAnalyzer:
    return TextAnalyzer.load()


@pytest.fixture(scope="session")
def extractor() -> EventExtractor:
    """The event stage alone (tests that need the whole facade define their own)."""
    return EventExtractor.load()
