"""The map server's Prometheus metrics (one registry per server, so tests can build several)."""

from __future__ import annotations

from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Counter, Gauge


@dataclass
class MapMetrics:
    registry: CollectorRegistry = field(default_factory=CollectorRegistry)

    def __post_init__(self) -> None:
        r = self.registry
        self.items = Counter(
            "sitrep_map_items", "Items read from a layer's topic and stored.", ["layer"], registry=r
        )
        self.items_held = Gauge("sitrep_map_items_held", "Items held for replay.", registry=r)
        self.stream_clients = Gauge(
            "sitrep_map_stream_clients", "Browsers connected to the event stream.", registry=r
        )
        self.feed_errors = Counter(
            "sitrep_map_feed_errors",
            "Times a layer's consumer failed and restarted.",
            ["layer"],
            registry=r,
        )
