"""Fixtures shared by the geoparser tests: one analyzer per test session (loading the
spaCy pipeline and gazetteer takes seconds)."""

from __future__ import annotations

import pytest

from sitrep.extraction.geo import TextAnalyzer


@pytest.fixture(scope="session")
def analyzer() -> TextAnalyzer:
    return TextAnalyzer.load()
