"""Prometheus metrics of the stream stages, labelled by attribute rather than by name."""

from __future__ import annotations

from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram


@dataclass
class StreamMetrics:
    """What the shared stream loop counts, whatever the stage. One registry per process,
    so tests can build several without clashes; a stage adds its own series to it."""

    registry: CollectorRegistry = field(default_factory=CollectorRegistry)

    def __post_init__(self) -> None:
        r = self.registry
        self.dead_letters = Counter(
            "sitrep_dead_letters", "Messages sent to the dead-letter topic.", ["reason"], registry=r
        )
        self.produce_retries = Counter(
            "sitrep_produce_retries",
            "Records sent again after a transient produce error (the partition waits).",
            registry=r,
        )
        self.consumer_lag = Gauge(
            "sitrep_consumer_lag",
            "Messages behind the high watermark.",
            ["topic", "partition"],
            registry=r,
        )
        self.assigned_partitions = Gauge(
            "sitrep_assigned_partitions", "Partitions assigned to this worker.", registry=r
        )
        self.restore_seconds = Histogram(
            "sitrep_state_restore_seconds",
            "Time to read assigned partitions' state back from the changelog (stateful "
            "stages; one observation per read, of all partitions that needed one).",
            buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
            registry=r,
        )


@dataclass
class WorkerMetrics(StreamMetrics):
    """The enrichment worker's: the loop's, and articles, events and extraction time."""

    def __post_init__(self) -> None:
        super().__post_init__()
        r = self.registry
        self.articles_consumed = Counter(
            "sitrep_articles_consumed", "Article messages read.", ["topic"], registry=r
        )
        self.articles_skipped = Counter(
            "sitrep_articles_skipped",
            "Articles not re-processed (same id and same content).",
            registry=r,
        )
        self.events_produced = Counter(
            "sitrep_events_produced", "Enriched events produced.", ["event_type"], registry=r
        )
        self.extraction_seconds = Histogram(
            "sitrep_extraction_seconds",
            "Time to extract one article.",
            buckets=(0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5),
            registry=r,
        )
        self.output_omitted = Counter(
            "sitrep_output_omitted",
            "Items left out of an article's output by the output bounds.",
            ["kind"],
            registry=r,
        )
