"""Typed reading of the events topic, for services downstream of Sitrep.

Every reader of `sitrep.events.v1` needs the same things: validate each message against the
contract, survive the odd bad one, drop the duplicates that at-least-once delivery brings,
and commit only what it has handled. This does them once, on aiokafka, and yields
`EnrichedEvent` objects.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self

import structlog
from aiokafka import AIOKafkaConsumer, ConsumerRebalanceListener, TopicPartition
from aiokafka.errors import KafkaError
from aiokafka.structs import ConsumerRecord
from pydantic import ValidationError

from sitrep.client.dedupe import Deduplicator, Revisions
from sitrep.client.filters import ALL_EVENTS, EventFilter
from sitrep.settings import Settings
from sitrep_contracts import EnrichedEvent

log = structlog.get_logger(__name__)


class MalformedEventError(ValueError):
    """A record on the events topic that is not a valid `EnrichedEvent`."""


def parse_event(value: bytes | None) -> EnrichedEvent:
    """Validate one record value against the contract, or raise `MalformedEventError`."""
    if value is None:
        raise MalformedEventError("record has no value (tombstone)")
    try:
        return EnrichedEvent.model_validate_json(value)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "<message>"
        raise MalformedEventError(f"{exc.error_count()} error(s); {where}: {first['msg']}") from exc


@dataclass
class ConsumerStats:
    """What happened to the records read so far."""

    received: int = 0
    yielded: int = 0
    malformed: int = 0
    duplicates: int = 0
    superseded: int = 0  # events of an article revision older than one already seen
    filtered: int = 0


class EventConsumer:
    """Async iterator over the `EnrichedEvent`s on the events topic.

        async with EventConsumer(event_filter=EventFilter(country_codes={"UA"})) as events:
            async for event in events:
                store(event)

    Each event is yielded once per `dedupe_size` window of event ids, after the filter,
    and events of an article revision older than one already seen are dropped (a
    corrected article supersedes the earlier one; see `Revisions`).
    Malformed records are logged and skipped. In a consumer group (`group_id` set), an
    event's offset is committed only once the caller asks for the next event or leaves the
    `async with` block without an exception, so a crash replays at most the events of the
    last `commit_interval_s` (at-least-once). Without a group, nothing is committed and each
    run reads the topic again (from the start with `from_beginning`).

    `idle_timeout_s` ends the iteration after that long without a record (once partitions
    are assigned): for exports of "everything so far". Left at None the iteration follows
    the topic forever.
    """

    def __init__(
        self,
        *,
        bootstrap_servers: str | None = None,
        topic: str | None = None,
        group_id: str | None = None,
        event_filter: EventFilter | None = None,
        from_beginning: bool = True,
        dedupe_size: int = 100_000,
        idle_timeout_s: float | None = None,
        commit_interval_s: float = 1.0,
        security: Mapping[str, Any] | None = None,
        settings: Settings | None = None,
        client_id: str = "sitrep-event-consumer",
        **consumer_options: Any,
    ) -> None:
        def defaults() -> Settings:
            nonlocal settings
            settings = settings or Settings()  # read the environment only if needed
            return settings

        self.topic = topic or defaults().events_topic
        self.group_id = group_id
        self.event_filter = event_filter or ALL_EVENTS
        self.stats = ConsumerStats()
        self._bootstrap_servers = bootstrap_servers or defaults().bootstrap_servers
        self._security = dict(security) if security is not None else defaults().aiokafka_security()
        self._client_id = client_id
        self._from_beginning = from_beginning
        self._options = consumer_options
        self._dedupe = Deduplicator(dedupe_size)
        self._revisions = Revisions(dedupe_size)
        self._idle_timeout_s = idle_timeout_s
        self._commit_interval_s = commit_interval_s
        self._consumer: AIOKafkaConsumer | None = None
        self._buffer: deque[ConsumerRecord[bytes, bytes]] = deque()
        # Offsets safe to commit (the caller is done with everything before them), and the
        # record of the event the caller holds now, which becomes safe when it comes back.
        self._done: dict[TopicPartition, int] = {}
        self._in_hand: tuple[TopicPartition, int] | None = None
        self._last_commit = time.monotonic()

    # --- lifecycle ----------------------------------------------------------------------
    async def start(self) -> None:
        """Connect and subscribe. `async with` calls this for you."""
        if self._consumer is not None:
            raise RuntimeError("EventConsumer is already started")
        consumer = AIOKafkaConsumer(
            bootstrap_servers=self._bootstrap_servers,
            group_id=self.group_id,
            client_id=self._client_id,
            enable_auto_commit=False,
            auto_offset_reset="earliest" if self._from_beginning else "latest",
            **self._security,
            **self._options,
        )
        try:
            await consumer.start()
            listener = _CommitOnRevoke(self) if self.group_id is not None else None
            consumer.subscribe([self.topic], listener=listener)
        except Exception:
            await consumer.stop()
            raise
        self._consumer = consumer
        log.info("events.consumer_started", topic=self.topic, group_id=self.group_id)

    async def stop(self) -> None:
        """Leave the group and close connections (without committing)."""
        consumer, self._consumer = self._consumer, None
        if consumer is not None:
            await consumer.stop()
        self._buffer.clear()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if exc_type is None:
                self._release_in_hand()  # leaving cleanly: the last event was handled
                await self.commit()
        finally:
            await self.stop()

    # --- iteration ----------------------------------------------------------------------
    def __aiter__(self) -> Self:
        return self

    async def __anext__(self) -> EnrichedEvent:
        consumer = self._running()
        self._release_in_hand()  # the caller is back: the previous event is done
        if time.monotonic() - self._last_commit >= self._commit_interval_s:
            await self.commit()
        while True:
            record = await self._next_record(consumer)
            if record is None:
                raise StopAsyncIteration
            event = self._accept(record)
            position = (TopicPartition(record.topic, record.partition), record.offset + 1)
            if event is None:
                self._done[position[0]] = position[1]
                continue
            self._in_hand = position
            self.stats.yielded += 1
            return event

    def _accept(self, record: ConsumerRecord[bytes, bytes]) -> EnrichedEvent | None:
        """The record's event if the caller should see it; None to skip it."""
        self.stats.received += 1
        try:
            event = parse_event(record.value)
        except MalformedEventError as exc:
            self.stats.malformed += 1
            log.warning(
                "events.malformed_skipped",
                topic=record.topic,
                partition=record.partition,
                offset=record.offset,
                key=record.key.decode("utf-8", "replace") if record.key is not None else None,
                error=str(exc),
            )
            return None
        if not self.event_filter.matches(event):
            self.stats.filtered += 1
            return None
        # After the filter, so the window holds only ids the caller could see twice.
        key = self._revisions.dedupe_key(event)
        if key is None:
            self.stats.superseded += 1
            log.debug("events.superseded_dropped", event_id=event.event_id, offset=record.offset)
            return None
        if self._dedupe.seen(key):
            self.stats.duplicates += 1
            log.debug("events.duplicate_dropped", event_id=event.event_id, offset=record.offset)
            return None
        return event

    async def _next_record(self, consumer: AIOKafkaConsumer) -> ConsumerRecord[bytes, bytes] | None:
        idle_since = time.monotonic()
        while True:
            while self._buffer:
                record = self._buffer.popleft()
                # A rebalance may have taken the partition since the fetch: its new owner
                # reads these records.
                if TopicPartition(record.topic, record.partition) in consumer.assignment():
                    return record
            batches = await consumer.getmany(timeout_ms=200, max_records=500)
            for records in batches.values():
                self._buffer.extend(records)
            if self._buffer or self._idle_timeout_s is None:
                continue
            if not consumer.assignment():  # still joining the group: not idle yet
                idle_since = time.monotonic()
            elif time.monotonic() - idle_since >= self._idle_timeout_s:
                return None

    # --- offsets ------------------------------------------------------------------------
    async def commit(self) -> None:
        """Commit the offsets of every event handled so far (no-op without a group)."""
        consumer = self._running()
        self._last_commit = time.monotonic()
        if self.group_id is None or not self._done:
            return
        await self._commit(consumer, set(self._done))

    async def _commit(self, consumer: AIOKafkaConsumer, partitions: set[TopicPartition]) -> None:
        owned = partitions & consumer.assignment()
        offsets = {tp: self._done[tp] for tp in owned if tp in self._done}
        for tp in partitions:
            self._done.pop(tp, None)
        if not offsets:
            return
        try:
            await consumer.commit(offsets)
        except KafkaError as exc:
            # The group moved on (rebalance): the partitions' new owners replay from the last
            # committed offset, which at-least-once delivery and event ids make harmless.
            log.warning("events.commit_failed", error=repr(exc), partitions=len(offsets))

    def _release_in_hand(self) -> None:
        if self._in_hand is not None:
            tp, offset = self._in_hand
            self._done[tp] = offset
            self._in_hand = None

    def _running(self) -> AIOKafkaConsumer:
        if self._consumer is None:
            raise RuntimeError("use `async with EventConsumer(...)` or await start() first")
        return self._consumer


class _CommitOnRevoke(ConsumerRebalanceListener):  # type: ignore[misc]  # aiokafka is untyped
    """Commits handled offsets of partitions being taken away, so their next owner skips them."""

    def __init__(self, owner: EventConsumer) -> None:
        self._owner = owner

    async def on_partitions_revoked(self, revoked: set[TopicPartition]) -> None:
        consumer = self._owner._consumer
        if consumer is not None and revoked:
            await self._owner._commit(consumer, set(revoked))

    async def on_partitions_assigned(self, assigned: set[TopicPartition]) -> None:
        return None
