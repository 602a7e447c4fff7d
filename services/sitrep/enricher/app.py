"""The faust application: one agent over the articles topic.

For each message the agent asks `ArticleHandler` what to produce, sends it, and waits for
the broker's acknowledgement of every record before taking the next message. faust commits
an offset only once its event is acknowledged by the agent, so a committed offset always
means its output is safely in Kafka (at-least-once; event ids make replays harmless).
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import faust
import structlog
from aiokafka.errors import KafkaError
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from sitrep.broker.credentials import faust_credentials
from sitrep.enricher.handler import ArticleHandler, Enricher, IncomingMessage, Outcome
from sitrep.enricher.records import OutputRecord
from sitrep.observability.metrics import WorkerMetrics
from sitrep.settings import Settings

log = structlog.get_logger(__name__)

#: Delivery is retried (the partition waits) for this long before the worker gives up.
PRODUCE_RETRY_SECONDS = 300.0


def create_app(
    settings: Settings, extractor: Enricher, metrics: WorkerMetrics | None = None
) -> faust.App:
    """Build the worker's app; nothing connects until the app is started."""
    metrics = metrics or WorkerMetrics()
    app = faust.App(
        settings.consumer_group,
        broker=[f"kafka://{server}" for server in settings.bootstrap_servers.split(",")],
        broker_credentials=faust_credentials(settings),
        value_serializer="raw",
        key_serializer="raw",
        topic_partitions=settings.topic_partitions,
        topic_replication_factor=settings.topic_replication_factor,
        consumer_auto_offset_reset="earliest",
        broker_commit_interval=settings.commit_interval_s,
        broker_session_timeout=settings.session_timeout_s,
        broker_rebalance_timeout=settings.session_timeout_s,
        broker_heartbeat_interval=min(3.0, settings.session_timeout_s / 3),
        processing_guarantee="exactly_once" if settings.exactly_once else "at_least_once",
        web_host=settings.web_host,
        web_port=settings.web_port,
        web_enabled=True,
        store="memory://",
        datadir=settings.worker_data_dir,
        table_cleanup_interval=3600.0,
    )
    articles = app.topic(settings.articles_topic, key_type=bytes, value_type=bytes)
    outputs = {
        topic: app.topic(topic, key_type=bytes, value_type=bytes)
        for topic in (settings.events_topic, settings.enrichments_topic, settings.dead_letter_topic)
    }
    revisions = app.Table(
        "article-revisions",
        default=None,
        partitions=settings.topic_partitions,
        key_type=str,
        value_type=str,
    )
    handler = ArticleHandler(extractor, settings, revisions=revisions, metrics=metrics)
    state = {"assigned": 0}

    async def produce(records: list[OutputRecord]) -> None:
        futures = [
            await outputs[record.topic].send(
                key=record.key, value=record.value, headers=record.headers
            )
            for record in records
        ]
        await asyncio.gather(*futures)

    async def produce_until_acknowledged(outcome: Outcome) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + PRODUCE_RETRY_SECONDS
        delay = 0.2
        while True:
            try:
                await produce(outcome.records)
            except KafkaError as exc:
                if not getattr(exc, "retriable", True) or loop.time() > deadline:
                    raise
                log.warning("produce.retry", error=repr(exc), delay=delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)
            else:
                return

    @app.agent(articles, name="enrich-articles")
    async def enrich(stream: faust.StreamT[bytes]) -> None:
        async for event in stream.events():
            message = event.message
            structlog.contextvars.clear_contextvars()
            structlog.contextvars.bind_contextvars(
                topic=message.topic, partition=message.partition, offset=message.offset
            )
            incoming = IncomingMessage(
                topic=message.topic,
                partition=message.partition,
                offset=message.offset,
                key=message.key,
                value=message.value,
                headers=list(message.headers or []),
            )
            outcome = handler.handle(incoming)
            structlog.contextvars.bind_contextvars(article_id=outcome.article_id)
            await produce_until_acknowledged(outcome)
            handler.mark_done(outcome)
            log.debug("article.done", status=outcome.status, records=len(outcome.records))

    @app.on_partitions_assigned.connect
    async def on_assigned(app: faust.App, assigned: set[Any], **kwargs: Any) -> None:
        state["assigned"] = len([tp for tp in assigned if tp.topic == settings.articles_topic])
        metrics.assigned_partitions.set(state["assigned"])

    @app.page("/metrics")
    async def metrics_page(web: Any, request: Any) -> Any:
        await _update_lag(app, settings, metrics)
        return web.bytes(
            generate_latest(metrics.registry), content_type=CONTENT_TYPE_LATEST.split(";")[0]
        )

    @app.page("/health/live")
    async def live(web: Any, request: Any) -> Any:
        return web.json({"status": "ok"})

    @app.page("/health/ready")
    async def ready(web: Any, request: Any) -> Any:
        assignment = app.consumer.assignment() if app.consumer else set()
        body = {
            "model_loaded": True,
            "assigned_partitions": len(
                [tp for tp in assignment if tp.topic == settings.articles_topic]
            ),
            "connected": bool(assignment),
        }
        status = 200 if body["connected"] else 503
        return web.bytes(json.dumps(body).encode(), content_type="application/json", status=status)

    return app


async def _update_lag(app: faust.App, settings: Settings, metrics: WorkerMetrics) -> None:
    """Consumer lag per assigned partition: high watermark minus position."""
    consumer = app.consumer
    if consumer is None:
        return
    for tp in consumer.assignment():
        if tp.topic != settings.articles_topic:
            continue
        highwater = consumer.highwater(tp)
        position = await consumer.position(tp)
        if highwater is not None and position is not None:
            metrics.consumer_lag.labels(topic=tp.topic, partition=str(tp.partition)).set(
                max(0, highwater - position)
            )
