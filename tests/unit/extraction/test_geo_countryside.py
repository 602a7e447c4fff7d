"""A village told as lying "in the countryside of" a region, or as "X village in" it, is
read inside that region (sentences written here; the village names have namesakes in
several Syrian governorates)."""

from __future__ import annotations

from sitrep.extraction.geo import TextAnalyzer
from tests.unit.extraction.geo_support import places


def test_the_namesake_in_the_named_countryside_wins_over_a_voted_one(
    analyzer: TextAnalyzer,
) -> None:
    found = places(
        analyzer,
        "Residents of Homs said a roadside bomb hit a minibus near Suairi in the southern "
        "countryside of Hama, wounding three.",
    )
    assert found["Suairi"].admin1 == found["Hama"].admin1 == "Hama"


def test_a_frontline_village_lies_in_the_countryside_named_after_it(
    analyzer: TextAnalyzer,
) -> None:
    found = places(
        analyzer,
        "A mine exploded near Shatnah frontlines in the eastern countryside of Raqqa, killing "
        "a shepherd, the monitor in Al-Hasakah said.",
    )
    assert found["Shatnah"].admin1_code == found["Raqqa"].admin1_code


def test_no_namesake_is_taken_when_none_lies_in_the_named_countryside(
    analyzer: TextAnalyzer,
) -> None:
    found = places(
        analyzer,
        "Residents of Homs said a roadside bomb hit a minibus near Suairi in the southern "
        "countryside of Idlib, wounding three.",
    )
    assert "Suairi" not in found  # every known Suairi lies in Hama or Homs
    assert found["Idlib"].admin1 == "Idlib"


def test_a_village_named_with_its_kind_lies_in_the_region_after_it(
    analyzer: TextAnalyzer,
) -> None:
    found = places(
        analyzer,
        "Residents of Homs said a roadside bomb hit a minibus in Suairi village in Hama "
        "province, wounding three.",
    )
    assert found["Suairi"].admin1 == "Hama"
