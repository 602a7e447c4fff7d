"""Which of a sentence's places is the event's: not where a victim was born, not the town
a bearing measures from. Places are built by hand (invented names), so only the choice is
tested."""

from __future__ import annotations

from sitrep_contracts import PlacePrecision
from tests.unit.extraction.test_event_location_containers import chosen, place


def test_where_a_victim_was_born_is_not_where_he_was_shot() -> None:
    text = "Born in Ostrovka in Dubrava, the tailor was shot dead on Monday."
    places = [
        place(text, "Ostrovka", PlacePrecision.POINT, 1.0),
        place(text, "Dubrava", PlacePrecision.POINT, 1.0),
    ]
    assert chosen(text, places) is None


def test_a_town_he_grew_up_in_is_no_place_for_the_event() -> None:
    text = "The tailor was shot dead on Friday. He grew up in Ostrovka."
    places = [place(text, "Ostrovka", PlacePrecision.POINT, 1.0)]
    assert chosen(text, places) is None


def test_a_bare_bearing_after_a_comma_measures_from_the_town() -> None:
    text = "Two soldiers were shot in the Ostrovka desert, east of Lisna, on Monday."
    places = [
        place(text, "Ostrovka", PlacePrecision.POINT, 0.9),
        place(text, "Lisna", PlacePrecision.POINT, 1.0),
    ]
    assert chosen(text, places) == "Ostrovka"
