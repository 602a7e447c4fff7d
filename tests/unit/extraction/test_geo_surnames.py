"""A person named again by surname is that person (sentences written for these tests)."""

from __future__ import annotations

from sitrep.extraction.analysis import Entity
from sitrep.extraction.geo import TextAnalyzer
from sitrep.extraction.geo.surnames import surnames_as_people
from tests.unit.extraction.geo_support import places


def test_a_later_surname_becomes_the_person() -> None:
    text = "The tailor John Bade was seized. Bade was found dead near Bade."
    first = text.index("John Bade")
    later = text.index("Bade was found")
    entities = [
        Entity("John Bade", first, first + 9, "PERSON"),
        Entity("Bade", later, later + 4, "GPE"),
    ]
    out = surnames_as_people(entities, [])
    assert [(e.text, e.start, e.label) for e in out] == [
        ("John Bade", first, "PERSON"),
        ("Bade", later, "PERSON"),
    ]


def test_a_place_named_before_the_person_stays_a_place() -> None:
    text = "Fighting reached Bade on Monday, said the mayor, John Bade."
    place = text.index("Bade")
    person = text.index("John Bade")
    entities = [
        Entity("Bade", place, place + 4, "GPE"),
        Entity("John Bade", person, person + 9, "PERSON"),
    ]
    assert surnames_as_people(entities, []) == entities


def test_the_surname_of_a_victim_is_no_place(analyzer: TextAnalyzer) -> None:
    text = (
        "Residents mourned a farmer, Musa Yobe, on Monday.\n"
        "Yobe was hacked to death by gunmen near his farm in Kano State."
    )
    found = places(analyzer, text)
    assert "Kano State" in found or "Kano" in found
    assert "Yobe" not in found
