"""Check that a broker answers; create Sitrep's topics with the configured partition count."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterator

import structlog
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaConnectionError, KafkaError, TopicAlreadyExistsError

from sitrep.settings import Settings

log = structlog.get_logger(__name__)

#: How long a command waits for a broker to answer before it says none does.
CONNECT_TIMEOUT_S = 10.0


class BrokerUnreachableError(ConnectionError):
    """No broker answered at the bootstrap servers; the message says what to do."""


@contextlib.contextmanager
def _quiet_aiokafka() -> Iterator[None]:
    """aiokafka logs each failed connection; the caller reports the failure once, itself."""
    logger = logging.getLogger("aiokafka")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


async def check_reachable(settings: Settings, timeout_s: float = CONNECT_TIMEOUT_S) -> set[str]:
    """The cluster's topic names, or BrokerUnreachableError within `timeout_s`."""
    admin = AIOKafkaAdminClient(
        bootstrap_servers=settings.bootstrap_servers,
        request_timeout_ms=int(timeout_s * 1000),
        **settings.aiokafka_security(),
    )
    try:
        with _quiet_aiokafka():
            await asyncio.wait_for(admin.start(), timeout_s)
            return set(await asyncio.wait_for(admin.list_topics(), timeout_s))
    except (KafkaError, OSError, TimeoutError) as exc:
        raise BrokerUnreachableError(_unreachable(settings, exc, timeout_s)) from exc
    finally:
        with _quiet_aiokafka():
            await admin.close()


def _unreachable(settings: Settings, exc: BaseException, timeout_s: float) -> str:
    if isinstance(exc, TimeoutError):
        where = f"no Kafka broker answered at {settings.bootstrap_servers} in {timeout_s:.0f} s"
    elif isinstance(exc, KafkaError) and not isinstance(exc, KafkaConnectionError):
        where = f"the Kafka broker at {settings.bootstrap_servers} refused us ({exc})"
    else:
        where = f"cannot connect to a Kafka broker at {settings.bootstrap_servers}"
    if settings.uses_embedded_broker:
        return (
            f"{where}: start one with `sitrep broker` in another terminal, or give your "
            "cluster with -b HOST:PORT or KAFKA_BOOTSTRAP_SERVERS"
        )
    return f"{where}: check -b / KAFKA_BOOTSTRAP_SERVERS, the network and SITREP_KAFKA_* security"


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


async def delete_topics(settings: Settings, topics: list[str]) -> None:
    """Delete `topics` (KafkaError when the cluster refuses)."""
    admin = AIOKafkaAdminClient(
        bootstrap_servers=settings.bootstrap_servers, **settings.aiokafka_security()
    )
    try:
        await admin.start()
        await admin.delete_topics(topics)
    finally:
        await admin.close()
