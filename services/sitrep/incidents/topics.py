"""The incident stage's topics: its output, its repartition topic and two changelogs."""

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
    router_changelog: str
    book_changelog: str
    incidents: str
    dead_letters: str

    @classmethod
    def from_settings(cls, settings: Settings) -> IncidentTopics:
        group = settings.incidents_group
        return cls(
            events=settings.events_topic,
            enrichments=settings.enrichments_topic,
            reports=f"{group}.reports",
            router_changelog=f"{group}.router-changelog",
            book_changelog=f"{group}.book-changelog",
            incidents=settings.incidents_topic,
            dead_letters=settings.dead_letter_topic,
        )


async def ensure_incident_topics(settings: Settings, topics: IncidentTopics) -> None:
    """All with `SITREP_TOPIC_PARTITIONS` partitions: a changelog partition per input
    partition, and the events and enrichments of one article on the same partition number."""
    await ensure_topics(
        settings, [topics.events, topics.enrichments, topics.reports, topics.dead_letters]
    )
    await ensure_topics(
        settings,
        [topics.router_changelog, topics.book_changelog, topics.incidents],
        configs=COMPACTED,
    )
