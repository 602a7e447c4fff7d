"""Publish `Article` messages to the articles topic, keyed by article id."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable, Iterable

from aiokafka import AIOKafkaProducer

from sitrep.enricher.records import cloudevent_headers
from sitrep.settings import Settings
from sitrep_contracts import Article


def article_headers(article: Article) -> list[tuple[str, bytes]]:
    return cloudevent_headers(
        f"{article.article_id}",
        article.message_type,
        article.schema_version,
        article.ingested_at or dt.datetime.now(dt.UTC),
    )


async def publish_articles(
    settings: Settings,
    articles: Iterable[Article],
    *,
    key: bytes | None = None,
    on_sent: Callable[[Article], None] | None = None,
    max_in_flight: int = 500,
) -> int:
    """Send every article and wait for the broker's acknowledgement; returns the count.

    Each message is keyed by its article id (so a revision lands in the partition of the
    one before), or by `key` for all of them.
    """
    producer = AIOKafkaProducer(
        bootstrap_servers=settings.bootstrap_servers,
        acks="all",
        linger_ms=5,
        max_request_size=max(settings.max_article_bytes + 10_000, 1_048_576),
        **settings.aiokafka_security(),
    )
    await producer.start()
    sent = 0
    pending: list[asyncio.Future[object]] = []
    try:
        for article in articles:
            future = await producer.send(
                settings.articles_topic,
                key=key if key is not None else article.article_id.encode(),
                value=article.model_dump_json().encode(),
                headers=article_headers(article),
            )
            pending.append(future)
            sent += 1
            if on_sent is not None:
                on_sent(article)
            if len(pending) >= max_in_flight:
                await asyncio.gather(*pending)
                pending.clear()
        await asyncio.gather(*pending)
    finally:
        await producer.stop()
    return sent
