"""Geoparser rules on sentences written for these tests: nearness of an article's towns
and counties, small provinces that do not shield surnames, middle initials, addresses,
street lists, lower-case aliases and capitalised common nouns."""

from __future__ import annotations

from sitrep.extraction.geo import TextAnalyzer
from sitrep.extraction.geo.gazetteer import Place
from sitrep.extraction.geo.mentions import MAJOR_ADMIN1_POPULATION, _is_wide
from sitrep.extraction.geo.resolve import Resolver, Weights
from tests.unit.extraction.geo_support import places


def test_a_town_and_a_county_named_together_lie_together(analyzer: TextAnalyzer) -> None:
    text = "Franklin is the seat of Williamson County, and traffic there grew again this year."
    found = places(analyzer, text)
    assert found["Franklin"].admin1_code == found["Williamson County"].admin1_code == "US.TN"
    # Without the nearness vote the county goes to the state with the most people.
    far = analyzer.with_ner(analyzer.ner)
    far._resolver = Resolver(analyzer.gazetteer, Weights(near=0.0))
    assert places(far, text)["Williamson County"].admin1_code != "US.TN"


def test_small_province_does_not_make_a_name_wide() -> None:
    def province(population: int) -> Place:
        return Place(0, 1, "Xyz", "admin1", "ADM1", 0.0, 0.0, "UY", "UY.01", population)

    assert not _is_wide(province(MAJOR_ADMIN1_POPULATION - 1))
    assert _is_wide(province(MAJOR_ADMIN1_POPULATION))


def test_given_name_and_middle_initial_make_a_person(analyzer: TextAnalyzer) -> None:
    found = places(analyzer, "Voters cheered when Karen L. Warren took the stage in Topeka.")
    assert "Warren" not in found
    assert "Topeka" in found


def test_town_closing_an_address_stays_a_place(analyzer: TextAnalyzer) -> None:
    text = "Tom Baker, of 4 Oak Drive, Kenmare, who was charged on Friday, appeared in court."
    assert places(analyzer, text)["Kenmare"].country_code == "IE"


def test_listed_and_abbreviated_streets_are_not_places(analyzer: TextAnalyzer) -> None:
    found = places(analyzer, "Traffic was closed on Fulton and Monroe streets in Omaha.")
    assert set(found) == {"Omaha"}
    found = places(analyzer, "The fire broke out at 300 Lincoln St. on Monday in Omaha.")
    assert set(found) == {"Omaha"}


def test_lower_case_alias_of_a_metropolis_is_a_word(analyzer: TextAnalyzer) -> None:
    assert set(places(analyzer, "He would hang up, then call back from Omaha.")) == {"Omaha"}


def test_languages_and_party_labels_are_not_places(analyzer: TextAnalyzer) -> None:
    text = "The Liberal government printed the forms in English and Spanish for Omaha voters."
    assert set(places(analyzer, text)) == {"Omaha"}


def test_two_streets_that_meet_are_not_two_towns(analyzer: TextAnalyzer) -> None:
    found = places(
        analyzer,
        "The shootout in Omaha occurred on the streets of Fulton and Monroe, in the historic "
        "center of the city. A second man was shot at the corner of Lincoln and Monroe.",
    )
    assert set(found) == {"Omaha"}
    # Without a town around them, the streets of two towns are the towns'.
    found = places(analyzer, "Floods closed the streets of Omaha and Lincoln overnight.")
    assert set(found) == {"Omaha", "Lincoln"}
    # Nor is the corner of two counties a corner of two streets.
    found = places(analyzer, "A mine went off at the intersection of Douglas and Sarpy counties.")
    assert {"Douglas", "Sarpy"} <= set(found)
