"""A region name two focus countries share reads as the best-voted country's."""

from __future__ import annotations

from sitrep.extraction.geo import TextAnalyzer
from sitrep.extraction.geo.gazetteer import Place
from sitrep.extraction.geo.mentions import Mention
from sitrep.extraction.geo.resolve import Resolver


def _region(index: int, country: str, population: int) -> Place:
    return Place(
        index,
        index,
        "Xyz",
        "admin1",
        "ADM1",
        0.0,
        0.0,
        country,
        f"{country}.01",
        population,
        main_key="xyz",
    )


def test_a_shared_region_name_reads_in_the_primary_country(analyzer: TextAnalyzer) -> None:
    smaller_here = _region(1, "YE", 50_000)
    larger_there = _region(2, "SA", 100_000)
    mention = Mention(0, 3, "Xyz", "xyz", [larger_there, smaller_here], 0, 0)
    resolver = Resolver(analyzer.gazetteer)
    both = frozenset({"YE", "SA"})
    (place,), _ = resolver.resolve("Xyz", [mention], both, primary="YE")
    assert place.country_code == "YE"
    # Without a primary country the larger region wins, as before.
    (place,), _ = resolver.resolve("Xyz", [mention], both)
    assert place.country_code == "SA"
