"""`sitrep incidents`: the incident stage on the shared stream loop, until SIGTERM/SIGINT.

Run as many processes as there are partitions: the consumer group shares partition
numbers among them, and each process reads its partitions' state back from the changelog.
"""

from __future__ import annotations

import asyncio

import structlog

from sitrep.incidents.metrics import IncidentMetrics
from sitrep.incidents.stage import IncidentStage
from sitrep.incidents.topics import IncidentTopics, ensure_incident_topics
from sitrep.settings import Settings
from sitrep.streaming import StreamLoop
from sitrep.streaming.transactions import refuse_exactly_once_without_transactions

log = structlog.get_logger(__name__)


def run_incidents(settings: Settings) -> None:
    """Blocks until SIGTERM/SIGINT, then finishes the batch in hand, commits and returns."""
    refuse_exactly_once_without_transactions(settings)
    asyncio.run(_serve(settings))


async def _serve(settings: Settings) -> None:
    topics = IncidentTopics.from_settings(settings)
    await ensure_incident_topics(settings, topics)
    metrics = IncidentMetrics()
    stage = IncidentStage(topics, metrics)
    log.info(
        "incidents.starting",
        bootstrap_servers=settings.bootstrap_servers,
        group=settings.incidents_group,
        web_port=settings.web_port,
    )
    await StreamLoop(
        stage, stage.config(settings.incidents_group), settings, metrics, observe=stage.observe
    ).run()
