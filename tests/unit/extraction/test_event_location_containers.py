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
