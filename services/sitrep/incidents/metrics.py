"""The incident stage's Prometheus metrics (its own registry, like the worker's)."""

from __future__ import annotations

from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram


@dataclass
class IncidentMetrics:
    registry: CollectorRegistry = field(default_factory=CollectorRegistry)

    def __post_init__(self) -> None:
        r = self.registry
        self.messages_consumed = Counter(
            "sitrep_incidents_messages_consumed", "Input records read.", ["topic"], registry=r
        )
        self.updates = Counter(
            "sitrep_incident_updates",
            "Incident messages produced, by change (created, merged, withdrawn, retracted).",
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
        self.dead_letters = Counter(
            "sitrep_incidents_dead_letters",
            "Input records sent to the dead-letter topic.",
            ["reason"],
            registry=r,
        )
        self.restore_seconds = Histogram(
            "sitrep_incidents_restore_seconds",
            "Time to rebuild one partition's store from its changelog.",
            buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
            registry=r,
        )
        self.assigned_partitions = Gauge(
            "sitrep_incidents_assigned_partitions",
            "Input partitions assigned, by step.",
            ["step"],
            registry=r,
        )
