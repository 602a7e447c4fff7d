from __future__ import annotations

import json

from sitrep.client.geojson import feature_collection, to_feature
from sitrep_contracts import EventType, PlacePrecision, SubEventType


def test_point_coordinates_are_longitude_then_latitude(build) -> None:
    event = build.event(location=build.place("Kharkiv", latitude=49.98081, longitude=36.25272))

    geometry = to_feature(event)["geometry"]

    assert geometry == {"type": "Point", "coordinates": [36.25272, 49.98081]}


def test_feature_carries_the_event_properties(build) -> None:
    event = build.event(
        "evt-42",
        article_id="afp-1",
        event_type=EventType.EXPLOSIONS_REMOTE_VIOLENCE,
        sub_event_type=SubEventType.SHELLING_ARTILLERY_MISSILE,
        location=build.place("Kharkiv", admin1="Kharkiv Oblast", precision=PlacePrecision.POINT),
        casualties=[build.killed(2), build.injured(5)],
        confidence=0.8,
        summary="Shelling killed two in Kharkiv.",
    )

    feature = to_feature(event)

    assert feature["type"] == "Feature"
    assert feature["id"] == "evt-42"
    assert feature["properties"] == {
        "event_id": "evt-42",
        "article_id": "afp-1",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack",
        "date": "2022-09-08",
        "date_precision": "day",
        "place": "Kharkiv",
        "admin1": "Kharkiv Oblast",
        "country_code": "UA",
        "location_precision": "point",
        "killed": 2,
        "injured": 5,
        "confidence": 0.8,
        "summary": "Shelling killed two in Kharkiv.",
    }


def test_place_falls_back_to_the_mention_when_the_gazetteer_has_no_name(build) -> None:
    event = build.event(location=build.place(None, text="Bakhmout", latitude=48.6, longitude=38.0))

    assert to_feature(event)["properties"]["place"] == "Bakhmout"


def test_event_without_coordinates_is_an_unlocated_feature(build) -> None:
    unresolved = build.place("Somewhere", latitude=None, longitude=None, country_code=None)

    assert to_feature(build.event(location=unresolved))["geometry"] is None
    assert to_feature(build.event(location=None))["geometry"] is None
    assert to_feature(build.event(location=None))["properties"]["place"] is None


def test_collection_skips_unlocated_events_and_keeps_order(build) -> None:
    events = [
        build.event("evt-1"),
        build.event("evt-2", location=None),
        build.event("evt-3", location=build.place("Izium", latitude=49.2, longitude=37.3)),
    ]

    collection = feature_collection(events)

    assert collection["type"] == "FeatureCollection"
    assert [feature["id"] for feature in collection["features"]] == ["evt-1", "evt-3"]


def test_collection_of_nothing_is_valid_and_empty() -> None:
    assert feature_collection([]) == {"type": "FeatureCollection", "features": []}


def test_collection_accepts_a_generator(build) -> None:
    collection = feature_collection(build.event(f"evt-{n}") for n in range(3))

    assert len(collection["features"]) == 3


def test_output_is_plain_json_that_round_trips(build) -> None:
    collection = feature_collection([build.event(casualties=[build.killed(1)])])

    assert json.loads(json.dumps(collection)) == collection


def test_coordinates_are_rounded_to_six_decimals(build) -> None:
    event = build.event(location=build.place("X", latitude=10.123456789, longitude=-20.987654321))

    assert to_feature(event)["geometry"]["coordinates"] == [-20.987654, 10.123457]
