"""Map items for incidents: the revision the store replaces by, the panel's fields, removal."""

from __future__ import annotations

from sitrep.map.items import incident_item
from sitrep_contracts import IncidentStatus, PlacePrecision
from tests.map_incidents import make_incident


def test_item_carries_revision_toll_window_reports_and_place() -> None:
    incident = make_incident("inc-1", revision=3, killed=9, reports=3, lat=47.25, lon=33.125)

    item = incident_item(incident)

    assert (item["layer"], item["id"], item["revision"]) == ("incidents", "inc-1", 3)
    assert (item["type"], item["killed"], item["injured"]) == (incident.event_type.value, 9, 0)
    assert (item["date_from"], item["date"]) == ("2024-06-02", "2024-06-03")
    assert (item["lat"], item["lon"], item["place"], item["precision"]) == (
        47.25,
        33.125,
        "Westmarsh",
        "point",
    )
    assert item["reports"] == 3
    assert item["published_at"] == incident.last_reported_at.isoformat()
    detail = item["detail"]
    assert detail["tolls"] == [
        {
            "kind": "killed",
            "count": 9,
            "qualifier": "at_least",
            "rule": "latest_credible",
            "reported_at": incident.tolls[0].reported_at.isoformat(),
        }
    ]
    assert (detail["articles"], detail["withdrawn"]) == (3, 0)
    assert detail["sources"] == ["Desk A", "Desk B"]
    assert detail["first_reported_at"] == incident.first_reported_at.isoformat()
    assert detail["updated_at"] == incident.updated_at.isoformat()
    assert detail["actors"] == [{"name": "Ruritanian forces", "type": "military", "role": "actor1"}]


def test_withdrawn_reports_are_counted_apart_and_their_sources_left_out() -> None:
    incident = make_incident("inc-1", reports=2)
    first, second = incident.reports
    incident = incident.model_copy(
        update={"reports": [first, second.model_copy(update={"withdrawn": True})]}
    )

    item = incident_item(incident)

    assert item["reports"] == 1
    assert (item["detail"]["withdrawn"], item["detail"]["sources"]) == (1, ["Desk A"])


def test_a_region_placed_incident_says_its_precision() -> None:
    item = incident_item(make_incident("inc-1", precision=PlacePrecision.ADMIN1))

    assert item["precision"] == "admin1"


def test_a_retracted_incident_is_a_removal_of_its_item() -> None:
    item = incident_item(make_incident("inc-1", revision=4, status=IncidentStatus.RETRACTED))

    assert item == {"layer": "incidents", "id": "inc-1", "revision": 4, "removed": True}
