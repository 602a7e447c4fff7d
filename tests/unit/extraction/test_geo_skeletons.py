"""Names two or more spelling changes from GeoNames meet it by their consonant skeleton,
only where the text calls them a place and only in the regions the article names."""

from __future__ import annotations

import pytest

from sitrep.extraction.geo import TextAnalyzer
from sitrep.extraction.geo.normalize import fold, skeleton
from tests.unit.extraction.geo_support import places


@pytest.mark.parametrize(
    ("press", "geonames"),
    [
        ("al ruhaibeh", "ar ruhaybah"),  # the article unassimilated, ai for ay, -eh for -ah
        ("el kherbeh", "khirbah"),  # an article GeoNames leaves out, e for i
        ("qala e nau", "kala i naw"),  # q for k, the joining vowel
        ("tel hamra", "tall hamrah"),  # a doubled letter written once
    ],
)
def test_press_and_geonames_spellings_share_a_skeleton(press: str, geonames: str) -> None:
    assert skeleton(press) == skeleton(geonames) != ""


def test_a_short_skeleton_names_nothing() -> None:
    assert skeleton("al ain") == ""  # two consonants would match hundreds of villages


def test_a_village_spelled_two_changes_away_is_found_in_the_region_the_article_names(
    analyzer: TextAnalyzer,
) -> None:
    text = (
        "Syrian government forces shelled the town of Al-Ruhaibeh in Rif Dimashq on "
        "Monday, activists in Syria said."
    )
    found = places(analyzer, text)["Al-Ruhaibeh"]
    assert (fold(found.name), found.country_code, found.admin1) == (
        "ar ruhaybah",
        "SY",
        "Damascus Countryside",
    )


def test_a_skeleton_finds_no_village_outside_the_regions_the_article_names(
    analyzer: TextAnalyzer,
) -> None:
    text = (
        "Syrian government forces shelled the town of Al-Ruhaibeh near Aleppo on "
        "Monday, activists in Syria said."
    )
    assert "Al-Ruhaibeh" not in places(analyzer, text)


def test_words_that_are_no_village_stay_no_place(analyzer: TextAnalyzer) -> None:
    text = (
        "Syrian forces shelled Damascus in February, said a man who met near Al-Ruhaibeh, who "
        "leads the council in Syria."
    )
    assert set(places(analyzer, text)) <= {"Syrian", "Damascus", "Syria"}
