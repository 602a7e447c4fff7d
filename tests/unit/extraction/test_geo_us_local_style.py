"""US local-news habits: county lists without 'County', state abbreviations without a town."""

from __future__ import annotations

import pytest

from sitrep.extraction.geo import TextAnalyzer
from sitrep_contracts import PlacePrecision
from tests.unit.extraction.geo_support import places


def test_every_name_in_a_county_list_is_a_county(analyzer: TextAnalyzer) -> None:
    found = places(
        analyzer, "Snow closed schools in Kandiyohi, Meeker and Renville counties on Monday."
    )
    for name in ("Kandiyohi", "Meeker", "Renville"):
        assert found[name].precision == PlacePrecision.ADMIN2
        assert found[name].admin1 == "Minnesota"


def test_a_list_without_the_plural_noun_adds_no_county(analyzer: TextAnalyzer) -> None:
    assert "Renville" not in places(analyzer, "Meeker and Renville spoke on Monday.")


@pytest.mark.parametrize(
    ("text", "abbreviation", "state"),
    [
        ("The S.C. Highway Patrol closed the road.", "S.C.", "South Carolina"),
        ("Sen. Jane Roe, D-N.M., voted against it.", "N.M.", "New Mexico"),
        ("Two Okla. inmates were moved.", "Okla.", "Oklahoma"),
    ],
)
def test_dotted_state_abbreviation_names_the_state_without_a_town(
    analyzer: TextAnalyzer, text: str, abbreviation: str, state: str
) -> None:
    found = places(analyzer, text)
    assert found[abbreviation].admin1 == state
    assert found[abbreviation].precision == PlacePrecision.ADMIN1


def test_abbreviations_that_are_also_words_need_a_town(analyzer: TextAnalyzer) -> None:
    found = places(analyzer, "After Mass. Col. Reed spoke. Later she flew to Boston, Mass.")
    assert [p.text for p in found.values() if p.text.startswith(("Mass", "Col"))] == ["Mass."]
    assert found["Mass."].evidence.start > 40  # the one after "Boston,"


def test_irregular_demonyms_name_their_country_or_state_weakly(analyzer: TextAnalyzer) -> None:
    found = places(analyzer, "Two Czechs and several Texans joined the Swiss team in Lyon.")
    assert found["Czechs"].country_code == "CZ"
    assert found["Swiss"].country_code == "CH"
    assert found["Texans"].admin1 == "Texas"
    assert found["Texans"].precision == PlacePrecision.ADMIN1
    assert all(found[d].confidence <= 0.5 for d in ("Czechs", "Swiss", "Texans"))
    assert found["Lyon"].country_code == "FR"


def test_a_possessive_is_the_name_before_it_unless_part_of_a_longer_name(
    analyzer: TextAnalyzer,
) -> None:
    found = analyzer.analyze("Jones won 61 percent of the vote to Turner's 39.").places
    assert all(p.country_code != "JM" for p in found)  # not the village named "Turners"
    found_by_text = places(analyzer, "Fishermen in St. John's, Newfoundland, were idle.")
    assert found_by_text["St. John's"].admin1 == "Newfoundland and Labrador"


def test_mojibake_contraction_is_no_place(analyzer: TextAnalyzer) -> None:
    found = places(analyzer, "Roads are bad. Itâ s not the traffic, said a clerk in Dayton, Ohio.")
    assert set(found) == {"Dayton", "Ohio"}
