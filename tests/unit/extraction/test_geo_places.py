"""Geoparser behaviour added with the GeoNames subdivision tables, on sentences written here."""

from __future__ import annotations

from sitrep.extraction.events.location import is_demonym
from sitrep.extraction.geo import TextAnalyzer
from sitrep_contracts import PlacePrecision
from tests.unit.extraction.geo_support import places


def test_newspaper_state_abbreviations_name_the_state(analyzer: TextAnalyzer) -> None:
    found = places(analyzer, "The band toured Springfield, Ill., and Huntington, W.Va., in May.")
    assert found["Ill."].name == "Illinois"
    assert found["Ill."].geonameid is not None
    assert found["Springfield"].admin1_code == "US.IL"
    assert found["W.Va."].admin1_code == "US.WV"
    assert found["Huntington"].admin1_code == "US.WV"


def test_postal_code_after_a_town(analyzer: TextAnalyzer) -> None:
    found = places(analyzer, "She moved from Portland, OR to a farm last year.")
    assert found["OR"].name == "Oregon"
    assert found["Portland"].admin1_code == "US.OR"


def test_counties_and_admin1_carry_geonames_ids(analyzer: TextAnalyzer) -> None:
    found = places(analyzer, "Deputies in Cook County and officials in Ontario agreed.")
    assert found["Cook County"].precision == PlacePrecision.ADMIN2
    assert found["Cook County"].geonameid is not None
    assert found["Cook County"].admin1_code == "US.IL"
    assert found["Ontario"].precision == PlacePrecision.ADMIN1
    assert found["Ontario"].country_code == "CA"
    assert found["Ontario"].geonameid is not None


def test_region_after_a_comma_is_the_container(analyzer: TextAnalyzer) -> None:
    found = places(analyzer, "Artillery hit Vovchansk, Kharkiv, on Monday.")
    assert found["Kharkiv"].precision == PlacePrecision.ADMIN1
    assert found["Vovchansk"].admin1_code == found["Kharkiv"].admin1_code


def test_region_after_an_unknown_village_is_the_container(analyzer: TextAnalyzer) -> None:
    found = places(analyzer, "Troops shelled near Xyzzyvka, Kharkiv, with mortars.")
    assert found["Kharkiv"].precision == PlacePrecision.ADMIN1
    assert found["Kharkiv"].country_code == "UA"


def test_bare_city_name_stays_the_city(analyzer: TextAnalyzer) -> None:
    found = places(analyzer, "Officials in Moscow said the talks would resume.")
    assert found["Moscow"].precision == PlacePrecision.POINT


def test_dates_and_function_words_are_not_places(analyzer: TextAnalyzer) -> None:
    found = places(analyzer, "On 28 May the convoy left. The next day it reached Kyiv.")
    assert set(found) == {"Kyiv"}


def test_religious_denominations_are_not_places(analyzer: TextAnalyzer) -> None:
    found = places(
        analyzer, "A gunman opened fire in a Baptist church and a Sunni mosque in Texas."
    )
    assert set(found) == {"Texas"}


def test_philippine_settlement_types_are_not_places(analyzer: TextAnalyzer) -> None:
    found = places(analyzer, "Gunmen shot dead a farmer in Barangay Talisay, Negros Occidental.")
    assert set(found) == {"Talisay", "Negros Occidental"}


def test_common_word_tail_of_an_unknown_name_is_not_a_place(analyzer: TextAnalyzer) -> None:
    found = places(analyzer, "Marines landed on Qwertzy Island before dawn.")
    assert "Island" not in found


def test_nationality_adjectives_do_not_set_the_focus(analyzer: TextAnalyzer) -> None:
    analysis = analyzer.analyze("Russian forces shelled Kupiansk and Izium overnight.")
    assert analysis.focus_country == "UA"
    russian = next(p for p in analysis.places if p.text == "Russian")
    assert is_demonym(russian)


def test_adjectives_of_country_names_ending_in_s_are_nationalities(
    analyzer: TextAnalyzer,
) -> None:
    analysis = analyzer.analyze("One of the two victims was of Honduran nationality.")
    honduran = next(p for p in analysis.places if p.text == "Honduran")
    assert is_demonym(honduran)


def test_person_cues_veto_a_small_town_name(analyzer: TextAnalyzer) -> None:
    found = places(analyzer, "Coach Ripley said the team practised in Denver on Friday.")
    assert "Ripley" not in found
    assert "Denver" in found


def test_the_coverage_measure_strips_the_feature_words_gold_names_carry(
    analyzer: TextAnalyzer,
) -> None:
    """evaluation.places counts a gold "X township" or "X municipality" as covered when the
    gazetteer knows X."""
    from sitrep.evaluation.places import _known

    assert _known(analyzer.gazetteer, "Kyiv township", "UA")
    assert _known(analyzer.gazetteer, "Kharkiv municipality", "UA")
    assert not _known(analyzer.gazetteer, "Qwertzy township", "UA")


def test_a_district_named_with_its_type_word_answers_to_its_bare_name(
    analyzer: TextAnalyzer,
) -> None:
    # GeoNames: "North Wazīristān District", "Bājaur Agency"; no town shares the names
    found = places(analyzer, "Jets struck hideouts in North Waziristan and Bajaur, Pakistan.")
    assert found["North Waziristan"].precision == PlacePrecision.ADMIN2
    assert found["North Waziristan"].country_code == "PK"
    assert found["Bajaur"].admin1_code == found["North Waziristan"].admin1_code


def test_a_us_county_keeps_its_type_word(analyzer: TextAnalyzer) -> None:
    found = places(analyzer, "Sheriff Cook thanked deputies in Cook County, Illinois.")
    assert "Cook" not in found
    assert found["Cook County"].precision == PlacePrecision.ADMIN2


def test_press_spellings_of_governorates_name_them(analyzer: TextAnalyzer) -> None:
    found = places(analyzer, "Drones struck targets in Shabwa and Hodeidah on Sunday.")
    assert found["Shabwa"].admin1_code == "YE.05"
    assert found["Hodeidah"].admin1_code == "YE.08"


def test_the_country_that_launched_the_weapons_is_not_the_story_s_country(
    analyzer: TextAnalyzer,
) -> None:
    text = "Ukrainian air defences shot down twelve drones launched by Russia overnight."
    assert analyzer.analyze(text).focus_country == "UA"
