"""The incident stage's topics: its inputs and output, its repartition topic, its changelog."""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.broker.admin import ensure_topics
from sitrep.settings import Settings

COMPACTED = {"cleanup.policy": "compact"}


@dataclass(frozen=True)
class IncidentTopics:
    events: str
    enrichments: str
    reports: str  # internal: events re-keyed by place, and withdrawals
    changelog: str  # internal: both steps' stores, per partition
    incidents: str
    dead_letters: str

    @classmethod
    def from_settings(cls, settings: Settings) -> IncidentTopics:
        group = settings.incidents_group
        return cls(
            events=settings.events_topic,
            enrichments=settings.enrichments_topic,
            reports=f"{group}.reports",
            changelog=f"{group}.changelog",
            incidents=settings.incidents_topic,
            dead_letters=settings.dead_letter_topic,
        )

    @property
    def inputs(self) -> tuple[str, str, str]:
        return (self.events, self.enrichments, self.reports)


async def ensure_incident_topics(settings: Settings, topics: IncidentTopics) -> None:
    """All with `SITREP_TOPIC_PARTITIONS` partitions: the stage keeps one state per
    partition number of its three inputs, and one changelog partition for each."""
    await ensure_topics(
        settings, [topics.events, topics.enrichments, topics.reports, topics.dead_letters]
    )
    await ensure_topics(settings, [topics.changelog, topics.incidents], configs=COMPACTED)
