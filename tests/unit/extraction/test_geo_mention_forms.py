"""Names the matcher reads whatever their written form: the Persian ezafe hyphened between
the words it joins. Gazetteer entries are real; the sentences are invented."""

from __future__ import annotations

import re

from sitrep.extraction.geo import TextAnalyzer
from tests.unit.extraction.geo_support import places


def test_a_hyphened_ezafe_name_is_one_place(analyzer: TextAnalyzer) -> None:
    name = next(
        p.name
        for p in analyzer.gazetteer.places
        if p.country == "AF"
        and p.kind == "city"
        and re.fullmatch(r"[A-Z][a-z]+ i [A-Z][a-z]+", p.name)
    )
    first, last = name.split(" i ")
    for written in (f"{first}-i-{last}", f"{first}-e-{last}"):
        found = places(analyzer, f"Gunmen shot a teacher in {written}, Afghanistan, on Monday.")
        assert found[written].name == name
