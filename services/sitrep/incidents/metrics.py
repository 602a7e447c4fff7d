"""The incident stage's Prometheus metrics: the stream loop's, and its own."""

from __future__ import annotations

from dataclasses import dataclass

from prometheus_client import Counter, Gauge

from sitrep.observability.metrics import StreamMetrics


@dataclass
class IncidentMetrics(StreamMetrics):
    def __post_init__(self) -> None:
        super().__post_init__()
        r = self.registry
        self.messages_consumed = Counter(
            "sitrep_incidents_messages_consumed", "Input records read.", ["topic"], registry=r
        )
        self.updates = Counter(
            "sitrep_incident_updates",
            "Incident messages produced, by change (created, merged, withdrawn, retracted, "
            "reinstated).",
            ["change"],
            registry=r,
        )
        self.open_incidents = Gauge(
            "sitrep_open_incidents", "Open incidents in this process's stores.", registry=r
        )
        self.state_entries = Gauge(
            "sitrep_incidents_state_entries",
            "Entries in this process's stores (articles for the router, incidents for the book).",
            ["store"],
            registry=r,
        )
