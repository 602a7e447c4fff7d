"""Run one enrichment worker: start the extraction process, create topics, serve until stopped."""

from __future__ import annotations

import asyncio

import structlog

from sitrep.broker.admin import ensure_topics
from sitrep.enricher.isolation import ChildProcessExtraction, Enricher
from sitrep.enricher.stage import ArticleStage
from sitrep.observability.logging import configure_logging
from sitrep.observability.metrics import WorkerMetrics
from sitrep.settings import Settings
from sitrep.streaming import StreamConfig, StreamLoop
from sitrep.streaming.transactions import refuse_exactly_once_without_transactions

log = structlog.get_logger(__name__)


def run_worker(settings: Settings, extractor: Enricher | None = None) -> None:
    """Blocks until SIGTERM/SIGINT, then finishes the article in hand, commits and returns.

    `extractor` (default: the real one, loaded in the extraction process) is pickled into
    that process, so it must be importable there.
    """
    configure_logging(settings.log_format, settings.log_level)
    refuse_exactly_once_without_transactions(settings)
    asyncio.run(_serve(settings, extractor))


async def _serve(settings: Settings, extractor: Enricher | None) -> None:
    await ensure_topics(settings)
    metrics = WorkerMetrics()
    extraction = ChildProcessExtraction(settings, extractor)
    stream = StreamLoop(
        ArticleStage(extraction, metrics),
        StreamConfig(
            name="enricher",
            input_topics=(settings.articles_topic,),
            dead_letter_topic=settings.dead_letter_topic,
            group_id=settings.consumer_group,
        ),
        settings,
        metrics,
        ready=lambda: extraction.started,
    )
    log.info(
        "worker.starting",
        bootstrap_servers=settings.bootstrap_servers,
        group=settings.consumer_group,
        topic=settings.articles_topic,
        web_port=settings.web_port,
    )
    try:
        log.info("worker.loading_models")
        await extraction.start()
        await stream.run()
    finally:
        await asyncio.to_thread(extraction.close)
