"""Geoparser rules on sentences written for these tests: person-name vetoes, typed and
plural county names, datelines, possessives, the local-news prior, country points, and the
NER windows of the default mode."""

from __future__ import annotations

from sitrep.extraction.analysis import Sentence
from sitrep.extraction.geo import TextAnalyzer
from sitrep.extraction.geo.analyzer import NER_WINDOW, _windows
from sitrep.extraction.geo.mentions import Mention, mark_context
from sitrep.extraction.geo.normalize import tokenize
from sitrep.extraction.geo.sentences import split_sentences
from sitrep.extraction.geo.store import Place
from sitrep_contracts import PlacePrecision
from tests.unit.extraction.geo_support import places


def test_given_name_before_a_town_makes_a_person(analyzer: TextAnalyzer) -> None:
    found = places(analyzer, "Voters cheered when Karen Warren took the stage in Topeka.")
    assert "Warren" not in found
    assert "Topeka" in found


def test_big_town_named_as_a_speaker_is_a_person(analyzer: TextAnalyzer) -> None:
    assert "Warren" not in places(analyzer, "Warren said the budget would be tight this year.")
    assert "Warren" not in places(analyzer, "The budget, Mr. Warren warned, would be tight.")
    # Said of the place itself, with a preposition, it stays a place.
    found = places(analyzer, "Officials in Warren said the budget would be tight this year.")
    assert found["Warren"].country_code == "US"


def test_capital_as_a_speaker_stays_a_place(analyzer: TextAnalyzer) -> None:
    found = places(analyzer, "Moscow said the talks would resume next week.")
    assert found["Moscow"].country_code == "RU"


def test_firm_names_are_not_places(analyzer: TextAnalyzer) -> None:
    found = places(analyzer, "The council hired Lawrence & Hart to design the library in Omaha.")
    assert "Lawrence" not in found
    assert "Omaha" in found


def test_weapon_designations_are_not_places(analyzer: TextAnalyzer) -> None:
    found = places(analyzer, "Troops fired ZR-7 Tyler rockets at positions near Kharkiv.")
    assert "Tyler" not in found
    assert found["Kharkiv"].country_code == "UA"


def test_possessive_place_name(analyzer: TextAnalyzer) -> None:
    found = places(analyzer, "Norway’s fishing fleet returned early, and Peru's did too.")
    assert found["Norway"].country_code == "NO"
    assert found["Peru"].country_code == "PE"


def test_dateline_town_is_a_place(analyzer: TextAnalyzer) -> None:
    found = places(analyzer, "WARREN — The city council met on Monday to discuss snow removal.")
    assert "WARREN" in found


def test_typed_county_before_an_institution_noun(analyzer: TextAnalyzer) -> None:
    found = places(analyzer, "He was booked into the Marion County Jail and released on bond.")
    assert found["Marion County"].precision == PlacePrecision.ADMIN2


def test_plural_counties_name_each_county(analyzer: TextAnalyzer) -> None:
    found = places(analyzer, "Storms closed roads in Boone and Greene counties, Iowa, overnight.")
    assert found["Greene"].precision == PlacePrecision.ADMIN2
    assert found["Greene"].admin1_code == "US.IA"


def test_residence_after_a_name_is_a_place(analyzer: TextAnalyzer) -> None:
    found = places(analyzer, "The driver, Ann Keller of Newton, Iowa, was not hurt.")
    assert found["Newton"].admin1_code == "US.IA"


def test_local_prior_sends_an_ambiguous_town_to_the_article_state(
    analyzer: TextAnalyzer,
) -> None:
    text = (
        "The tour stops in Ames and Ankeny before a night in Des Moines. "
        "Organisers said the last show, in Newton, sold out within hours."
    )
    assert places(analyzer, text)["Newton"].admin1_code == "US.IA"


def test_big_country_point_is_its_centre_not_its_towns_mean(analyzer: TextAnalyzer) -> None:
    russia = places(analyzer, "Sanctions on Russia widened this week.")["Russia"]
    assert russia.latitude is not None and russia.longitude is not None
    assert russia.latitude > 55 and russia.longitude > 80


def test_default_mode_finds_officials_names(analyzer: TextAnalyzer) -> None:
    text = (
        "Shelling hit a school in Kharkiv overnight. Regional governor Ivan Petrenko said "
        "two people were wounded. US Secretary of State Mark Ellison was in Brussels."
    )
    people = {e.text for e in analyzer.analyze(text).entities if e.label == "PERSON"}
    assert {"Ivan Petrenko", "Mark Ellison"} <= people


def test_ner_windows_stay_inside_their_sentence_and_merge() -> None:
    text = (
        "One two three four five six seven eight. "
        "Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda."
    )
    sentences: list[Sentence] = split_sentences(text)
    tokens = list(tokenize(text))
    # Targets: "eight" (last word of sentence 1), "Alpha" and "Beta" (sentence 2).
    spans = _windows(sentences, tokens, [(7, 7), (8, 8), (9, 9)])
    assert len(spans) == 2
    first, second = (text[a:b] for a, b in spans)
    assert first.endswith("eight") and "Alpha" not in first
    assert second.startswith("Alpha")
    assert len(second.split()) == 2 + NER_WINDOW


def test_name_before_a_street_word_is_the_street(analyzer: TextAnalyzer) -> None:
    found = places(analyzer, "Crews closed Emporia Avenue near the bridge in Topeka on Monday.")
    assert "Emporia" not in found
    assert "Topeka" in found
    # State police and county roads still name the place.
    found = places(analyzer, "The Oregon Highway Patrol closed Shawnee County Road 12 overnight.")
    assert "Oregon" in found
    assert any(p.startswith("Shawnee County") for p in found)


def test_saint_names_and_contractions_are_not_places(analyzer: TextAnalyzer) -> None:
    found = places(analyzer, "The St. Patrick's Day parade drew crowds to Topeka.")
    assert not any("Patrick" in p for p in found)
    assert "Topeka" in found
    found = places(analyzer, "“I’ve never seen it so quiet,” a Topeka grocer said. It's late.")
    assert "I’ve" not in found
    assert "It's" not in found


def test_abbreviated_month_before_a_day_is_a_date(analyzer: TextAnalyzer) -> None:
    found = places(analyzer, "The council in Topeka meets again on Nov. 12 and Dec 3.")
    assert "Nov" not in found
    assert "Dec" not in found
    assert "Topeka" in found


def test_a_groups_name_in_quotes_is_not_a_place(analyzer: TextAnalyzer) -> None:
    text = 'Gunmen of the criminal group "El Rosario" shot a man in Iguala, Guerrero.'
    found = places(analyzer, text)
    assert "El Rosario" not in found and "Iguala" in found


def test_x_comma_y_contains_only_where_x_can_lie_in_y() -> None:
    def place(index: int, kind: str, country: str, admin1: str) -> Place:
        return Place(index, index, f"P{index}", kind, "PPL", 0.0, 0.0, country, admin1, 100)  # type: ignore[arg-type]

    text = "Xyz, Abc"
    village = place(1, "city", "CM", "CM.01")

    def pair(region: Place) -> Mention:
        first = Mention(0, 3, "Xyz", "xyz", [village], 0, 0)
        mark_context(text, [first, Mention(5, 8, "Abc", "abc", [region], 2, 2)])
        return first

    assert "contained" in pair(place(2, "admin1", "CM", "CM.01")).evidence
    assert "contained" not in pair(place(3, "admin1", "CM", "CM.07")).evidence
    assert "contained" not in pair(place(4, "admin1", "ID", "ID.02")).evidence


def test_neither_half_of_a_name_joined_by_al_hyphen_is_a_place(analyzer: TextAnalyzer) -> None:
    text = "Regime forces shelled positions in Marj Al-Sultan in the countryside of Damascus."
    found = places(analyzer, text)
    assert "Damascus" in found
    assert not {"Marj", "Sultan", "Al"} & set(found)


def test_countryside_is_the_region_however_many_villages_lie_near_its_town(
    analyzer: TextAnalyzer,
) -> None:
    # The towns around the city pull a bare name to the city by nearness; "X countryside"
    # still names the governorate.
    text = (
        "Regime forces shelled Halfaya, Morek and Salamiyah on Monday. A man was killed in "
        "Suqaylabiyah. Two fighters were killed in landmine blasts in Hama countryside."
    )
    found = places(analyzer, text)
    assert found["Salamiyah"].admin1 == "Hama"
    assert found["Hama"].precision is PlacePrecision.ADMIN1


def test_countryside_keeps_the_region_after_the_town_is_qualified(
    analyzer: TextAnalyzer,
) -> None:
    text = (
        "Rockets fell on Hama, Syria, on Monday. "
        "Two fighters were killed in landmine blasts in Hama countryside."
    )
    hama = [p for p in analyzer.analyze(text).places if p.text == "Hama"]
    assert [p.precision for p in hama] == [PlacePrecision.POINT, PlacePrecision.ADMIN1]


def test_countryside_reads_the_region_the_gazetteer_names_only_with_its_article(
    analyzer: TextAnalyzer,
) -> None:
    # GeoNames knows the governorate as "Ar Raqqah" and the bare "Raqqah" as the city only.
    for text in (
        "Gunmen attacked a checkpoint in Raqqah countryside on Monday.",
        "Gunmen attacked a checkpoint in the western countryside of Al-Raqqah on Monday.",
    ):
        assert places(analyzer, text)["Raqqah"].precision is PlacePrecision.ADMIN1, text
    found = places(analyzer, "Shelling hit Al-Raqqah on Monday.")
    assert found["Raqqah"].precision is PlacePrecision.POINT
