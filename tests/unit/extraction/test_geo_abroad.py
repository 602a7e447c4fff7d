"""Names that read as places abroad only by accident: the head of an organisation's name
after "of", a web address's slug, a compass-word region name, another name of a town
across the border inside a longer local name, a town's neighbourhood, a weapon's name.
Sentences written for these tests."""

from __future__ import annotations

from sitrep.extraction.geo import TextAnalyzer
from sitrep.extraction.geo.focus import generic_name
from sitrep_contracts import PlacePrecision
from tests.unit.extraction.geo_support import places

#: An article about Ukraine, sure of its focus.
_UKRAINE = (
    "Shelling hit Kharkiv, Izium, Balakliia and Kupiansk overnight, and drones struck Sumy "
    "and Poltava, regional officials said. "
)


def _abroad(analyzer: TextAnalyzer, text: str, home: str) -> list[str]:
    return [p.text for p in analyzer.analyze(text).places if p.country_code not in (home, None)]


def test_of_before_an_organisations_longer_name_is_no_residence(
    analyzer: TextAnalyzer,
) -> None:
    text = _UKRAINE + "The Union of Midlands Coal Miners sent blankets and generators."
    assert _abroad(analyzer, text, "UA") == []
    # A name that ends after "of" still tells where someone lives.
    found = places(analyzer, "The driver, Ann Keller of Newton, Iowa, was not hurt.")
    assert found["Newton"].admin1_code == "US.IA"


def test_words_of_a_web_address_are_no_places(analyzer: TextAnalyzer) -> None:
    text = _UKRAINE + (
        "Read more: https://www.example.net/reports/gunmen-attack-Maiduguri-market-again "
        "and www.example.org/Toronto/news."
    )
    assert _abroad(analyzer, text, "UA") == []
    assert "Kharkiv" in places(analyzer, text)


def test_compass_region_name_abroad_needs_its_country() -> None:
    assert generic_name("central province")
    assert generic_name("suth east")  # folded "South East"
    assert not generic_name("lower jubba region")
    assert not generic_name("region")


def test_compass_region_name_is_not_read_abroad(analyzer: TextAnalyzer) -> None:
    text = (
        "Clashes broke out in Deir ez-Zor, Raqqa and Hasakah on Monday, and shells fell on "
        "Manbij. Fighters later withdrew toward the Central Province, a commander said."
    )
    assert "Central Province" not in _abroad(analyzer, text, "SY")


def test_doubted_other_name_of_a_town_across_the_border_is_no_reading(
    analyzer: TextAnalyzer,
) -> None:
    text = _UKRAINE + (
        "A convoy of aid reached Nova Kluza District at dawn, and the Mala Kluza area by noon."
    )
    assert _abroad(analyzer, text, "UA") == []


def test_neighbourhood_name_is_no_region_abroad(analyzer: TextAnalyzer) -> None:
    for name in ("Olancho", "Cortes"):
        text = (
            "Gunmen shot a shopkeeper in Celaya on Sunday. By nightfall patrols had "
            f"sealed off the {name} neighborhood and two schools."
        )
        assert _abroad(analyzer, text, "MX") == []
    # A capital's neighbourhood abroad is still in the capital.
    text = (
        "The Ohio soldier, who grew up in Dayton and Columbus, was wounded by a bomb in a "
        "Baghdad neighborhood last week, his family in Springfield said."
    )
    assert places(analyzer, text)["Baghdad"].country_code == "IQ"


def test_names_before_a_weapon_kind_name_the_weapon(analyzer: TextAnalyzer) -> None:
    text = "A battery of Hurricane and Tornado launchers was seen outside Zaporizhzhia."
    found = places(analyzer, text)
    assert "Hurricane" not in found
    assert "Tornado" not in found
    assert found["Zaporizhzhia"].country_code == "UA"
    # A country or a big region before the kind says whose rockets, and stays a place.
    assert "Gaza" in places(analyzer, "Militants fired Gaza rockets across the border.")


def test_the_article_countrys_own_name_is_the_country(analyzer: TextAnalyzer) -> None:
    text = (
        "Floods closed schools in Taichung and Tainan on Friday. "
        "Taiwan has seen three such storms this year."
    )
    assert places(analyzer, text)["Taiwan"].precision is PlacePrecision.COUNTRY


def test_a_uk_nations_people_is_that_nation_not_a_us_town(analyzer: TextAnalyzer) -> None:
    found = places(analyzer, "The Welsh squad trained in Cardiff before the match in Swansea.")
    assert found["Welsh"].country_code == "GB"
    text = "Scottish farmers near Aberdeen and Inverness blocked the roads."
    assert {p.country_code for p in analyzer.analyze(text).places} == {"GB"}
