"""Which of a sentence's places is the event's: not where a victim was born, not the town
a bearing measures from. Places are built by hand (invented names), so only the choice is
tested."""

from __future__ import annotations

from sitrep.extraction.events.location import PlaceIndex, narrowed, unlocated_village
from sitrep.extraction.events.spans import Intervals
from sitrep.extraction.events.text import fold
from sitrep_contracts import PlacePrecision, ResolvedPlace, TextSpan
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


def test_a_town_in_a_university_s_name_is_not_where_its_student_was_shot() -> None:
    text = "A student of the University of Lisna was shot dead on Monday."
    places = [place(text, "Lisna", PlacePrecision.POINT, 1.0)]
    assert chosen(text, places) is None


def test_a_university_s_town_is_the_last_resort_over_a_far_place() -> None:
    text = (
        "A student of the University of Lisna was shot dead on Monday."
        + " " * 400
        + ("Elsewhere, talks went on in Dubrava.")
    )
    places = [
        place(text, "Lisna", PlacePrecision.POINT, 1.0),
        place(text, "Dubrava", PlacePrecision.POINT, 1.0),
    ]
    trigger = text.index("shot")
    best = PlaceIndex(places).choose(
        fold(text), 0, len(text), trigger, Intervals([]), "MM", last_resort=True
    )
    assert best is not None and best.name == "Lisna"


def test_a_region_that_names_an_official_s_office_yields_to_a_place() -> None:
    text = "The Dubrava police chief said a tailor was shot dead at home in the Ostrovka area."
    places = [
        place(text, "Dubrava", PlacePrecision.POINT, 1.0),
        place(text, "Ostrovka", PlacePrecision.POINT, 0.3),
    ]
    assert chosen(text, places) == "Ostrovka"


def test_a_frontline_named_after_a_village_lies_in_the_region_named_after_it() -> None:
    text = "Two fighters were shot on the Ostrovka frontline in Lisna countryside."
    places = [
        place(text, "Ostrovka", PlacePrecision.POINT, 0.6),
        place(text, "Lisna", PlacePrecision.POINT, 1.0),
    ]
    assert chosen(text, places) == "Ostrovka"


def test_a_village_named_with_the_and_its_kind_word_is_where() -> None:
    text = (
        "Monitors documented the death of two fighters on the Ostrovka frontline in Lisna "
        "countryside, who were shot by regime forces."
    )
    places = [
        place(text, "Ostrovka", PlacePrecision.POINT, 0.6),
        place(text, "Lisna", PlacePrecision.POINT, 1.0),
    ]
    assert chosen(text, places) == "Ostrovka"


def test_a_district_named_with_the_and_a_bearing_is_where() -> None:
    text = (
        "Two convoys were shot at in and around the western Ostrovka district, "
        "a source in Lisna told reporters on Monday."
    )
    places = [
        place(text, "Ostrovka", PlacePrecision.POINT, 0.9),
        place(text, "Lisna", PlacePrecision.POINT, 1.0),
    ]
    assert chosen(text, places) == "Ostrovka"


def test_a_road_from_one_town_to_another_is_placed_at_its_start() -> None:
    text = "A driver was shot dead at a petrol station on the highway from Ostrovka to Lisna."
    places = [
        place(text, "Ostrovka", PlacePrecision.POINT, 1.0),
        place(text, "Lisna", PlacePrecision.POINT, 1.0),
    ]
    assert chosen(text, places) == "Ostrovka"


def _at(text: str, name: str, start: int, precision: PlacePrecision) -> ResolvedPlace:
    """The mention of `name` at or after `start` (a name the text repeats)."""
    begin = text.index(name, start)
    return place(text, name, precision, 1.0).model_copy(
        update={"evidence": TextSpan(start=begin, end=begin + len(name), text=name)}
    )


def _narrowed(text: str, places: list[ResolvedPlace]) -> str:
    second = text.index(". ") + 2
    event_place = places[0]
    index = PlaceIndex(places)
    found = narrowed(index, fold(text), event_place, second, len(text), Intervals([]))
    return str(found.name)


def test_the_town_named_again_as_a_village_s_container_narrows_the_event_to_the_village() -> None:
    text = (
        "A farmer was shot dead at his home in Lisna town. He was 45, of Barangay Ostrovka, Lisna."
    )
    places = [
        _at(text, "Lisna", 0, PlacePrecision.POINT),
        _at(text, "Ostrovka", 0, PlacePrecision.POINT),
        _at(text, "Lisna", text.index("Ostrovka"), PlacePrecision.POINT),
    ]
    assert _narrowed(text, places) == "Ostrovka"


def test_a_list_of_towns_names_no_container() -> None:
    text = "Troops were shot at in Lisna. Shelling hit near Dubrava, Ostrovka, Lisna and Tarasivka."
    places = [
        _at(text, "Lisna", 0, PlacePrecision.POINT),
        _at(text, "Dubrava", 0, PlacePrecision.POINT),
        _at(text, "Ostrovka", 0, PlacePrecision.POINT),
        _at(text, "Lisna", text.index("Ostrovka"), PlacePrecision.POINT),
        _at(text, "Tarasivka", 0, PlacePrecision.POINT),
    ]
    assert _narrowed(text, places) == "Lisna"


def test_the_other_side_of_a_border_is_not_where_the_event_was() -> None:
    text = "Two men were shot in camps near the Ostrovka border with Dubrava region on Monday."
    places = [place(text, "Dubrava", PlacePrecision.ADMIN1, 1.0)]
    assert chosen(text, places) is None


def _village(text: str, places: list[ResolvedPlace], chosen: ResolvedPlace) -> str | None:
    found = unlocated_village(text, [(0, len(text))], chosen, PlaceIndex(places))
    if found is None:
        return None
    assert found.geonameid is None and found.latitude == chosen.latitude
    assert found.evidence.text == text[found.evidence.start : found.evidence.end]
    return f"{found.text} ({found.precision.value})"


def test_a_village_the_gazetteer_lacks_is_the_place_of_an_event_known_by_its_region() -> None:
    for text, name in (
        ("Shelling hit the village of Al Xabrota in Dubrava countryside on Monday.", "Al Xabrota"),
        ("Two soldiers were shot near Lon Xyz village, in Dubrava, on Monday.", "Lon Xyz"),
        ("Troops fought rebels in the Zovrinka area of Dubrava on Monday.", "Zovrinka"),
        ("Rebels shelled troops in al-Xabrota frontline, Dubrava, on Monday.", "al-Xabrota"),
        ("In Xyzowa village of Dubrava, gunmen shot a farmer.", "Xyzowa"),
        ("Troops hit a bus on Al-Xabrota frontlines in Dubrava on Monday.", "Al-Xabrota"),
        ("Troops raided Lon Xyz Village in Dubrava on Monday.", "Lon Xyz"),
    ):
        region = place(text, "Dubrava", PlacePrecision.ADMIN1, 1.0)
        assert _village(text, [region], region) == f"{name} (admin1)", text


def test_a_village_lacking_from_the_gazetteer_narrows_only_the_town_it_lies_in() -> None:
    text = "Gunmen shot a farmer in Xyzowa village, located in the Lisna district, on Monday."
    town = place(text, "Lisna", PlacePrecision.POINT, 1.0)
    assert _village(text, [town], town) == "Xyzowa (admin2)"
    # An area in a town is a quarter of it, coded as the town.
    text = "Gunmen shot a man in the Xyzowa area in Lisna city on Monday."
    town = place(text, "Lisna", PlacePrecision.POINT, 1.0)
    assert _village(text, [town], town) is None
    # The town named as its township or district is the village's container.
    text = "In Lisna Township on Monday, gunmen shot a farmer in Xyzowa Village."
    town = place(text, "Lisna", PlacePrecision.POINT, 1.0)
    assert _village(text, [town], town) == "Xyzowa (admin2)"
    # A town that is not the village's container keeps the event.
    text = "Gunmen shot a farmer in Lisna on Monday, and fled to Xyzowa village."
    town = place(text, "Lisna", PlacePrecision.POINT, 1.0)
    assert _village(text, [town], town) is None


def test_a_known_place_or_common_words_before_village_are_no_lacking_village() -> None:
    text = "Troops shelled the Ostrovka area and the Government area in Dubrava on Monday."
    region = place(text, "Dubrava", PlacePrecision.ADMIN1, 1.0)
    known = place(text, "Ostrovka", PlacePrecision.POINT, 1.0)
    assert _village(text, [known, region], region) is None


def test_a_village_hit_by_fire_from_a_town_is_where_not_the_town() -> None:
    for text in (
        "A boy died in Xyzowa village when his house was hit by shells from rebel-held Lisna.",
        "Troops fired mortars at Xyzowa village from the direction of Lisna on Monday.",
    ):
        town = place(text, "Lisna", PlacePrecision.POINT, 1.0)
        assert _village(text, [town], town) == "Xyzowa (admin2)", text
    # A town a village's people fled from is no origin of fire.
    text = "A boy died in Xyzowa village after his family fled from Lisna on Monday."
    town = place(text, "Lisna", PlacePrecision.POINT, 1.0)
    assert _village(text, [town], town) is None
