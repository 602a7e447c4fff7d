"""Exactly-once needs Kafka transactions: a stage refuses to start without them."""

from __future__ import annotations

import asyncio
import uuid

import structlog
from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaError

from sitrep.settings import Settings

log = structlog.get_logger(__name__)

EXACTLY_ONCE_REFUSED = (
    "exactly-once needs a broker with Kafka transactions, and this one has none (the "
    "embedded broker never has): unset SITREP_EXACTLY_ONCE"
)
#: How long the transactional probe may take before the broker is taken to have none.
TRANSACTIONS_PROBE_SECONDS = 20.0


async def broker_supports_transactions(
    settings: Settings, probe_s: float = TRANSACTIONS_PROBE_SECONDS
) -> tuple[bool, str | None]:
    """Start (and stop) a transactional producer: InitProducerId is what exactly-once needs.

    Returns (supported, error). Tansu answers InitProducerId with UnknownError.
    """
    producer = AIOKafkaProducer(
        bootstrap_servers=settings.bootstrap_servers,
        transactional_id=f"sitrep-probe-{uuid.uuid4().hex}",
        **settings.aiokafka_security(),
    )
    try:
        await asyncio.wait_for(producer.start(), probe_s)
    except (KafkaError, TimeoutError) as exc:
        return False, repr(exc)
    finally:
        await producer.stop()
    return True, None


def refuse_exactly_once_without_transactions(settings: Settings) -> None:
    """Exit non-zero, before anything is consumed, when exactly-once cannot be honoured."""
    if not settings.exactly_once:
        return
    error: str | None
    if settings.uses_embedded_broker:
        error = "the embedded broker (Tansu, memory storage) has no transactions"
    else:
        supported, error = asyncio.run(broker_supports_transactions(settings))
        if supported:
            return
    log.error(EXACTLY_ONCE_REFUSED, bootstrap_servers=settings.bootstrap_servers, probe_error=error)
    raise SystemExit(2)
