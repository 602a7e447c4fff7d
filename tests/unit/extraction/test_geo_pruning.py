"""Names shared by dozens of villages keep few readings, never those the context names."""

from __future__ import annotations

import pytest

from sitrep.extraction.geo import TextAnalyzer
from sitrep.extraction.geo.normalize import tokenize
from sitrep.extraction.geo.resolve import MAX_CANDIDATES, Resolver


@pytest.mark.parametrize("oblast", ["Zhytomyr", "Poltava", "Lviv", "Odesa"])
def test_a_common_village_name_resolves_inside_the_named_oblast(
    analyzer: TextAnalyzer, oblast: str
) -> None:
    (village,) = [
        p
        for p in analyzer.analyze(f"Shelling hit Kalynivka, {oblast} region, on Monday.").places
        if p.text == "Kalynivka"
    ]
    assert village.admin1 == oblast


def test_pruning_keeps_the_likeliest_and_the_named_regions_readings(
    analyzer: TextAnalyzer,
) -> None:
    text = "Shelling hit Kalynivka, Lviv region, on Monday."
    mentions = analyzer._finder.find(text, list(tokenize(text)))
    (village,) = [m for m in mentions if m.text == "Kalynivka"]
    assert len(village.candidates) > 3 * MAX_CANDIDATES  # dozens of Kalynivkas
    (pruned,) = [m for m in Resolver(analyzer.gazetteer)._pruned(mentions) if m.text == "Kalynivka"]
    in_lviv = [c for c in village.candidates if c.admin1 == "UA.15"]
    assert in_lviv and all(c in pruned.candidates for c in in_lviv)
    assert len(pruned.candidates) <= MAX_CANDIDATES + len(in_lviv)
