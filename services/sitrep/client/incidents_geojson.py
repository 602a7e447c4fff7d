"""Incidents as GeoJSON (RFC 7946): one Point Feature per located incident."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sitrep.client.geojson import COORDINATE_DECIMALS
from sitrep_contracts import Incident, IncidentStatus


def incident_feature(incident: Incident) -> dict[str, Any]:
    """A Feature for `incident` (`"geometry": null` when it has no coordinates)."""
    place = incident.place
    geometry: dict[str, Any] | None = None
    if place is not None and place.latitude is not None and place.longitude is not None:
        geometry = {
            "type": "Point",
            "coordinates": [
                round(place.longitude, COORDINATE_DECIMALS),
                round(place.latitude, COORDINATE_DECIMALS),
            ],
        }
    tolls = {toll.kind.value: toll.count for toll in incident.tolls}
    standing = [report for report in incident.reports if not report.withdrawn]
    return {
        "type": "Feature",
        "id": incident.incident_id,
        "geometry": geometry,
        "properties": {
            "incident_id": incident.incident_id,
            "revision": incident.revision,
            "status": incident.status.value,
            "event_type": incident.event_type.value,
            "sub_event_type": incident.sub_event_type.value if incident.sub_event_type else None,
            "date_from": incident.date_from.isoformat(),
            "date_to": incident.date_to.isoformat(),
            "place": (place.name or place.text) if place else None,
            "admin1": place.admin1 if place else None,
            "country_code": place.country_code if place else None,
            "location_precision": place.precision.value if place else None,
            "killed": tolls.get("killed", 0),
            "injured": tolls.get("injured", 0),
            "reports": len(standing),
            "articles": len({report.article_id for report in standing}),
            "first_reported_at": incident.first_reported_at.isoformat(),
            "last_reported_at": incident.last_reported_at.isoformat(),
        },
    }


def incident_collection(incidents: Iterable[Incident]) -> dict[str, Any]:
    """A FeatureCollection of the located, open incidents (the latest revision of each)."""
    latest: dict[str, Incident] = {}
    for incident in incidents:
        known = latest.get(incident.incident_id)
        if known is None or incident.revision > known.revision:
            latest[incident.incident_id] = incident
    features = [
        incident_feature(incident)
        for incident in latest.values()
        if incident.status is IncidentStatus.OPEN
    ]
    return {
        "type": "FeatureCollection",
        "features": [feature for feature in features if feature["geometry"] is not None],
    }
