"""Geoparser, on sentences written for these tests: words that outweigh an NER PERSON label,
lists of states read as lists, and a state named like its "X City"."""

from __future__ import annotations

from sitrep.extraction.analysis import Entity
from sitrep.extraction.geo import TextAnalyzer
from sitrep.extraction.geo.mentions import mark_context
from sitrep.extraction.geo.normalize import tokenize
from tests.unit.extraction.geo_support import places


def kept_under_person(analyzer: TextAnalyzer, text: str, name: str, entity: str) -> bool:
    """Is `name` kept when NER labels the words `entity` (around it) a PERSON?"""
    mentions = analyzer._finder.find(text, list(tokenize(text)))
    mark_context(text, mentions)
    start = text.index(entity)
    person = Entity(entity, start, start + len(entity), "PERSON")
    return any(m.text == name for m in analyzer._merge(mentions, [person], text))


def test_person_label_yields_to_a_district_type(analyzer: TextAnalyzer) -> None:
    text = "The crash was reported by Tillman County Sheriff Dale Pruitt on Monday."
    assert kept_under_person(analyzer, text, "Tillman County", "Tillman County Sheriff Dale")


def test_person_label_yields_to_residence(analyzer: TextAnalyzer) -> None:
    text = "The second car was driven by Ellen Pike of Alexandria, police said."
    assert kept_under_person(analyzer, text, "Alexandria", "Alexandria")


def test_person_label_yields_to_in(analyzer: TextAnalyzer) -> None:
    text = "A quilt show opens in Alexandria this weekend."
    assert kept_under_person(analyzer, text, "Alexandria", "Alexandria")


def test_person_label_still_vetoes_a_bare_name(analyzer: TextAnalyzer) -> None:
    text = "The report was written by Alexandria and her two colleagues."
    assert not kept_under_person(analyzer, text, "Alexandria", "Alexandria")


def test_list_of_states_is_not_a_town_in_a_state(analyzer: TextAnalyzer) -> None:
    found = places(analyzer, "Choirs came from Missouri, Nebraska and Ohio to sing.")
    assert {"Missouri", "Nebraska", "Ohio"} <= set(found)
    assert found["Missouri"].feature_code == "ADM1"


def test_bare_state_name_is_the_state_when_its_city_is_x_city(analyzer: TextAnalyzer) -> None:
    # Towns of the state around it do not turn the bare name into the city.
    found = places(analyzer, "Officials in Albany and Buffalo said New York would pay.")
    assert found["New York"].feature_code == "ADM1"
    found = places(analyzer, "Mayors in Tulsa and Norman said Oklahoma would pay.")
    assert found["Oklahoma"].feature_code == "ADM1"
    found = places(analyzer, "The choir toured New York City and Oklahoma City in May.")
    assert found["New York City"].feature_code != "ADM1"
    assert found["Oklahoma City"].feature_code != "ADM1"


def test_city_named_like_its_province_keeps_the_bare_name(analyzer: TextAnalyzer) -> None:
    assert places(analyzer, "Shelling hit Kharkiv overnight.")["Kharkiv"].feature_code != "ADM1"


def test_a_name_after_an_age_is_a_person_s(analyzer: TextAnalyzer) -> None:
    aged = "Shelling hit the camp, and nine-year-old Zaw Lashio died on Tuesday."
    assert "Lashio" not in places(analyzer, aged)
    resident = "Shelling hit the camp, and a nine-year-old Lashio resident died on Tuesday."
    assert "Lashio" in places(analyzer, resident)
