"""The candidate index offers every incident the matching rule could merge a report into."""

from __future__ import annotations

import datetime as dt
import random

from sitrep.incidents.candidates import CandidateIndex
from sitrep.incidents.rules import distance_km
from sitrep_contracts import PlacePrecision
from tests.incidents_events import place

DAY = dt.date(2022, 9, 8)
NEAR_KM = 25.0


def test_no_incident_within_reach_is_missed_at_any_latitude() -> None:
    rng = random.Random(7)  # noqa: S311 -- test data, not secrets
    index = CandidateIndex([PlacePrecision.ADMIN1], NEAR_KM)
    incidents = {}
    for n in range(600):
        latitude, longitude = rng.uniform(-70, 70), rng.uniform(-10, 10)
        days = (DAY + dt.timedelta(days=rng.randrange(6)),) * 2
        where = place(f"p{n}", latitude, longitude)
        index.file(f"i{n}", "R", days, where)
        incidents[f"i{n}"] = (where, days[0])
    found = 0
    for _ in range(300):
        anchor, day = incidents[f"i{rng.randrange(600)}"]
        assert anchor.latitude is not None and anchor.longitude is not None
        report = place(
            "r", anchor.latitude + rng.uniform(-0.3, 0.3), anchor.longitude + rng.uniform(-0.5, 0.5)
        )
        window = (day - dt.timedelta(days=1), day + dt.timedelta(days=1))
        expected = {
            incident_id
            for incident_id, (where, filed_day) in incidents.items()
            if window[0] <= filed_day <= window[1]
            and distance_km(where.latitude, where.longitude, report.latitude, report.longitude)  # type: ignore[arg-type]
            <= NEAR_KM
        }
        assert expected <= index.candidates("R", window, report)
        found += bool(expected)
    assert found > 75  # many reports have an incident within reach: the check bites


def test_regions_and_unlocated_places_meet_everything_of_their_route_and_days() -> None:
    index = CandidateIndex([PlacePrecision.ADMIN1], NEAR_KM)
    index.file("town", "UA|14", (DAY, DAY), place("Bakhmut", 48.6, 38.0))
    index.file(
        "region", "UA|14", (DAY, DAY), place("Donetsk", 48.0, 37.8, precision=PlacePrecision.ADMIN1)
    )
    index.file("other-route", "UA|07", (DAY, DAY), place("Kharkiv", 49.98, 36.25))
    index.file("later", "UA|14", (DAY + dt.timedelta(days=5),) * 2, place("Bakhmut", 48.6, 38.0))
    far = place("Mariupol", 47.1, 37.5)
    assert index.candidates("UA|14", (DAY, DAY), far) == {"region"}
    oblast = place("Donetsk", 48.0, 37.8, precision=PlacePrecision.ADMIN1)
    assert index.candidates("UA|14", (DAY, DAY), oblast) == {"town", "region"}
    unlocated = place("somewhere", None, None)
    assert index.candidates("UA|14", (DAY, DAY), unlocated) == {"town", "region"}
    index.remove("town")
    assert index.candidates("UA|14", (DAY, DAY), oblast) == {"region"}
    assert len(index) == 3
