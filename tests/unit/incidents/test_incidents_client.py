"""Reading incidents: newest revisions only, GeoJSON, and the row `tail --incidents` prints."""

from __future__ import annotations

import json

from aiokafka.structs import ConsumerRecord

from sitrep.cli.render import columns_for, panel, row
from sitrep.client.incidents import IncidentConsumer
from sitrep.client.incidents_geojson import incident_collection, incident_feature
from sitrep.incidents.offline import OfflineIncidents
from sitrep.settings import Settings
from sitrep_contracts import Incident
from tests.incidents_events import KHARKIV, T0, enrichment, event, hours


def merged_then_retracted() -> list[Incident]:
    stage = OfflineIncidents()
    stage.feed(event("a", article_id="x", killed=2))
    stage.feed(event("b", article_id="y", killed=5, published_at=T0 + hours(3)))
    stage.feed(event("k", article_id="z", location=KHARKIV))
    stage.feed(enrichment("z", "r1", ["k"]))
    stage.feed(enrichment("z", "r2", []))  # Kharkiv's only report withdrawn
    return [update.incident for update in stage.updates]


def record(incident: Incident, offset: int, value: bytes | None = None) -> ConsumerRecord:
    return ConsumerRecord(
        topic="t",
        partition=0,
        offset=offset,
        timestamp=0,
        timestamp_type=0,
        key=incident.incident_id.encode(),
        value=value or incident.model_dump_json().encode(),
        checksum=None,
        serialized_key_size=0,
        serialized_value_size=0,
        headers=[],
    )


def test_the_consumer_yields_each_revision_once_and_never_an_older_one() -> None:
    consumer = IncidentConsumer(settings=Settings(kafka_bootstrap_servers="127.0.0.1:1"))
    revisions = merged_then_retracted()
    replayed = [*revisions, revisions[0], revisions[1]]  # at-least-once: old ones again
    accepted = [consumer._accept(record(inc, i)) for i, inc in enumerate(replayed)]
    kept = [(inc.incident_id, inc.revision) for inc in accepted if inc is not None]
    assert kept == [(inc.incident_id, inc.revision) for inc in revisions]
    assert consumer.stats.duplicates == 2
    assert consumer._accept(record(revisions[0], 99, value=b"{}")) is None
    assert consumer.stats.malformed == 1


def test_geojson_has_the_open_located_incidents_at_their_latest_revision() -> None:
    collection = incident_collection(merged_then_retracted())
    (feature,) = collection["features"]  # Kharkiv's incident was retracted
    assert feature["geometry"]["type"] == "Point"
    assert feature["properties"]["killed"] == 5
    assert feature["properties"]["reports"] == 2
    assert feature["properties"]["revision"] == 2
    json.dumps(collection)  # serialisable as is


def test_an_unlocated_incident_is_a_feature_without_geometry() -> None:
    stage = OfflineIncidents()
    stage.feed(event("nowhere", location=None))
    (incident,) = stage.latest.values()
    assert incident_feature(incident)["geometry"] is None
    assert incident_collection([incident])["features"] == []


def test_the_tail_row_says_when_what_where_toll_reports_and_revision() -> None:
    incident = merged_then_retracted()[1]
    columns = columns_for(incident)
    cells = dict(zip(columns.names, row(incident), strict=True))
    assert cells["date"] == "2022-09-08" and cells["type"] == "Explosions/Remote violence"
    assert (cells["where"], cells["cc"]) == ("Bakhmut", "UA")
    assert (cells["killed"], cells["injured"], cells["reports"]) == ("5", "-", "2")
    assert (cells["rev"], cells["status"]) == ("2", "open")
    assert cells["incident"] == incident.incident_id
    assert columns.line(row(incident)).endswith(incident.incident_id)
    assert panel(incident).title == "Incident"  # type: ignore[attr-defined]
