"""Helpers for the geoparser tests."""

from __future__ import annotations

from sitrep.extraction.geo import TextAnalyzer
from sitrep_contracts import ResolvedPlace


def places(analyzer: TextAnalyzer, text: str) -> dict[str, ResolvedPlace]:
    """The article's resolved places by their text as written."""
    return {p.text: p for p in analyzer.analyze(text).places}
