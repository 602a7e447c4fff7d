"""Which place an event takes when the sentence names a place and the place it lies in."""

from __future__ import annotations

import re

from sitrep.extraction.events.location import choose_in_span
from sitrep.extraction.events.spans import Intervals
from sitrep.extraction.events.text import fold
from sitrep_contracts import PlacePrecision, ResolvedPlace, TextSpan


def place(text: str, name: str, precision: PlacePrecision, confidence: float) -> ResolvedPlace:
    m = re.search(re.escape(name), text)
    assert m is not None
    return ResolvedPlace(
        text=name,
        name=name,
        geonameid=abs(hash(name)) % 10_000,
        latitude=20.0,
        longitude=95.0,
        country_code="MM",
        precision=precision,
        confidence=confidence,
        evidence=TextSpan(start=m.start(), end=m.end(), text=name),
    )


def chosen(text: str, places: list[ResolvedPlace]) -> str | None:
    trigger = text.index("shot")
    best = choose_in_span(places, fold(text), 0, len(text), trigger, Intervals([]), "MM")
    return best.name if best else None


def test_a_place_after_its_region_s_possessive_is_where() -> None:
    text = "A man was shot dead by troops in a village in Dubrava Region's Lisna Township."
    places = [
        place(text, "Dubrava Region", PlacePrecision.ADMIN1, 1.0),
        place(text, "Lisna", PlacePrecision.POINT, 0.3),
    ]
    assert chosen(text, places) == "Lisna"


def test_x_a_village_in_y_is_x() -> None:
    text = "In Ostrovka, a village in Lisna, two men were shot dead."
    places = [
        place(text, "Ostrovka", PlacePrecision.POINT, 0.9),
        place(text, "Lisna", PlacePrecision.POINT, 0.95),
    ]
    assert chosen(text, places) == "Ostrovka"


def test_an_acting_region_s_possessive_is_not_a_container() -> None:
    text = "Lisna's forces shot at protesters in Ostrovka."
    places = [
        place(text, "Lisna", PlacePrecision.ADMIN1, 1.0),
        place(text, "Ostrovka", PlacePrecision.POINT, 0.9),
    ]
    assert chosen(text, places) == "Ostrovka"


def coded(text: str, name: str, precision: PlacePrecision, admin1: str) -> ResolvedPlace:
    return place(text, name, precision, 0.9).model_copy(update={"admin1_code": admin1})


def test_a_town_read_outside_the_region_that_ends_its_address_is_a_namesake() -> None:
    text = "A soldier was shot dead in Lisna 4, Ostrovka, Dubrava Province on Monday."
    places = [
        coded(text, "Lisna", PlacePrecision.POINT, "MM.01"),
        coded(text, "Ostrovka", PlacePrecision.POINT, "MM.02"),
        coded(text, "Dubrava Province", PlacePrecision.ADMIN1, "MM.02"),
    ]
    assert chosen(text, places) == "Ostrovka"


def test_a_town_of_a_hyphened_name_outside_its_address_s_state_is_a_namesake() -> None:
    text = "Two residents of Lisna-Ostrovka, Kerel West Area, Dubrava State, were shot dead."
    places = [
        coded(text, "Lisna", PlacePrecision.POINT, "MM.01"),
        coded(text, "Ostrovka", PlacePrecision.POINT, "MM.03"),
        coded(text, "Kerel", PlacePrecision.POINT, "MM.02"),
        coded(text, "Dubrava State", PlacePrecision.ADMIN1, "MM.02"),
    ]
    assert chosen(text, places) == "Kerel"


def test_a_list_of_towns_and_regions_is_no_address() -> None:
    text = "Troops shot at crowds in Lisna, Dubrava Province, Kerel and Ostrovka."
    places = [
        coded(text, "Lisna", PlacePrecision.POINT, "MM.01"),
        coded(text, "Dubrava Province", PlacePrecision.ADMIN1, "MM.02"),
        coded(text, "Kerel", PlacePrecision.POINT, "MM.03"),
        coded(text, "Ostrovka", PlacePrecision.POINT, "MM.04"),
    ]
    assert chosen(text, places) == "Lisna"


def test_a_town_read_outside_the_province_that_ends_its_address_is_a_namesake() -> None:
    text = "Rebels shot a soldier in Lisna, Dubrava on Friday, a report said."
    places = [
        coded(text, "Lisna", PlacePrecision.POINT, "MM.02").model_copy(
            update={"admin1": "Kerel Region", "admin2_code": "MM.02.1"}
        ),
        coded(text, "Dubrava", PlacePrecision.ADMIN2, "MM.02").model_copy(
            update={"admin2_code": "MM.02.9"}
        ),
    ]
    assert chosen(text, places) == "Dubrava"


def test_a_town_in_its_region_s_same_named_district_is_no_namesake() -> None:
    text = "Gunmen shot four people in a bar in Lisna, Dubrava on Friday."
    places = [
        coded(text, "Lisna", PlacePrecision.POINT, "MM.02").model_copy(
            update={"admin1": "Dubrava de la Sierra", "admin2_code": "MM.02.1"}
        ),
        coded(text, "Dubrava", PlacePrecision.ADMIN2, "MM.02").model_copy(
            update={"admin2_code": "MM.02.9"}
        ),
    ]
    assert chosen(text, places) == "Lisna"
