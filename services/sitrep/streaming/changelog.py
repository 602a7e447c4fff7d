"""State that survives its process: a partition's changes on a compacted changelog topic.

A stateful stage's per-partition state keeps every change it makes (`take_changes`); the
loop writes them to partition p of the stage's changelog topic after the batch's output
is acknowledged and before its input offsets are committed. Whoever owns the partition
next (a restart, `kill -9`, a member joining or leaving) reads that changelog partition
back into fresh state (`restore`) before it processes the partition's first record.

Why this order is enough: a crash before the changelog write loses state the output
already shows, and the replay of the uncommitted input (at-least-once) makes the same
changes and output again; a crash after it replays input the state already holds, so the
stage must treat an input it has already applied as a no-op. Stages make that so.

Reading back stops at a marker this reader writes itself (a record keyed `MARKER_KEY`
with a fresh value), not at the high watermark: the embedded broker reports the start of
the last record batch as the high watermark, which would cut the read short.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Iterable
from typing import Protocol

import structlog
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from sitrep.settings import Settings
from sitrep.streaming.records import OutputRecord

log = structlog.get_logger(__name__)

MARKER_KEY = b"__sitrep_restore_marker__"
#: A changelog not read back in this time stops the worker (its state would be wrong).
RESTORE_TIMEOUT_S = 300.0

StateChange = tuple[bytes, bytes | None]  # key, value (None: the key was deleted)


class ChangeloggedState(Protocol):
    """Per-partition state whose changes are kept in a changelog topic."""

    def take_changes(self) -> list[StateChange]:
        """The changes since the last call, the latest one per key."""
        ...

    def restore(self, records: Iterable[StateChange]) -> None:
        """Rebuild from the changelog: the latest value of each key, deleted keys left out."""
        ...


def changelog_records(topic: str, partition: int, changes: list[StateChange]) -> list[OutputRecord]:
    return [OutputRecord(topic, key, value, [], partition) for key, value in changes]


class ChangelogReader:
    """Reads changelog partitions back, up to a marker written just before reading."""

    def __init__(self, topic: str, settings: Settings, producer: AIOKafkaProducer) -> None:
        self._topic = topic
        self._settings = settings
        self._producer = producer

    async def read(self, partitions: Iterable[int]) -> dict[int, list[StateChange]]:
        """Every partition's latest value per key (deleted keys left out)."""
        wanted = sorted(set(partitions))
        markers: dict[int, bytes] = {}
        for partition in wanted:
            markers[partition] = uuid.uuid4().hex.encode()
            await self._producer.send_and_wait(
                self._topic, key=MARKER_KEY, value=markers[partition], partition=partition
            )
        reader = AIOKafkaConsumer(
            bootstrap_servers=self._settings.bootstrap_servers,
            enable_auto_commit=False,
            isolation_level="read_committed" if self._settings.exactly_once else "read_uncommitted",
            **self._settings.aiokafka_security(),
        )
        await reader.start()
        latest: dict[int, dict[bytes, bytes | None]] = {partition: {} for partition in wanted}
        try:
            tps = [TopicPartition(self._topic, partition) for partition in wanted]
            reader.assign(tps)
            await reader.seek_to_beginning(*tps)
            pending = set(wanted)
            deadline = time.monotonic() + RESTORE_TIMEOUT_S
            while pending:
                if time.monotonic() > deadline:
                    raise TimeoutError(
                        f"changelog {self._topic} partitions {sorted(pending)} not read back "
                        f"in {RESTORE_TIMEOUT_S:.0f} s"
                    )
                for tp, records in (await reader.getmany(timeout_ms=500)).items():
                    for record in records:
                        if record.key == MARKER_KEY:
                            if record.value == markers[tp.partition]:
                                pending.discard(tp.partition)
                                reader.pause(tp)  # read to here: what follows is newer
                                break
                            continue
                        if record.key is not None:
                            latest[tp.partition][record.key] = record.value
                await asyncio.sleep(0)
        finally:
            await reader.stop()
        return {
            partition: [(key, value) for key, value in values.items() if value is not None]
            for partition, values in latest.items()
        }
