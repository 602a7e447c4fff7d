"""Create Sitrep's topics with the configured partition count (idempotent)."""

from __future__ import annotations

import asyncio

import structlog
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaConnectionError, TopicAlreadyExistsError

from sitrep.settings import Settings

log = structlog.get_logger(__name__)


def sitrep_topics(settings: Settings) -> list[str]:
    return [
        settings.articles_topic,
        settings.events_topic,
        settings.enrichments_topic,
        settings.dead_letter_topic,
    ]


async def ensure_topics(
    settings: Settings,
    topics: list[str] | None = None,
    *,
    attempts: int = 30,
    configs: dict[str, str] | None = None,
) -> list[str]:
    """Create missing topics (with topic `configs`, e.g. compaction); return the ones
    created. Retries while the broker starts."""
    wanted = topics or sitrep_topics(settings)
    admin = AIOKafkaAdminClient(
        bootstrap_servers=settings.bootstrap_servers, **settings.aiokafka_security()
    )
    for attempt in range(attempts):
        try:
            await admin.start()
            break
        except KafkaConnectionError:
            if attempt == attempts - 1:
                raise
            await asyncio.sleep(0.5)
    try:
        existing = set(await admin.list_topics())
        missing = [topic for topic in wanted if topic not in existing]
        if missing:
            new = [
                NewTopic(
                    name=topic,
                    num_partitions=settings.topic_partitions,
                    replication_factor=settings.topic_replication_factor,
                    topic_configs=configs or {},
                )
                for topic in missing
            ]
            try:
                await admin.create_topics(new)
            except TopicAlreadyExistsError:
                log.info("topics.raced", topics=missing)
            log.info("topics.created", topics=missing, partitions=settings.topic_partitions)
        return missing
    finally:
        await admin.close()
