"""The stream loop's stateful side, on a real broker: one state per partition number for
co-partitioned inputs, read back from the changelog by the next owner before its first
record, and a refusal to run on inputs that are not co-partitioned."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterable

import pytest

from sitrep.broker.admin import ensure_topics
from sitrep.observability.metrics import StreamMetrics
from sitrep.streaming import InputRecord, OutputRecord, StateChange, StreamConfig, StreamLoop
from tests.integration.support import consume_until, produce
from tests.integration.test_stream_loop import loop_settings, running

pytestmark = pytest.mark.integration


class Tally:
    """Counts records per key; applying an offset it has already applied changes nothing
    (what the loop asks of a stage whose state may be ahead of its commits)."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.applied: dict[str, int] = {}  # topic -> next offset not yet applied
        self.changed: set[str] = set()
        self.restored_with: dict[str, int] | None = None

    def take_changes(self) -> list[StateChange]:
        changes = [(key.encode(), str(self.counts[key]).encode()) for key in self.changed]
        changes.append((b"applied", json.dumps(self.applied).encode()))
        self.changed.clear()
        return changes

    def restore(self, records: Iterable[StateChange]) -> None:
        for key, value in records:
            if key == b"applied":
                self.applied = json.loads(value or b"{}")
            else:
                self.counts[key.decode()] = int(value or b"0")
        self.restored_with = dict(self.counts)


class Counting:
    def __init__(self, output_topic: str) -> None:
        self.output_topic = output_topic
        self.states: list[Tally] = []

    def open_partition(self, partition: int) -> Tally:
        self.states.append(Tally())
        return self.states[-1]

    async def process(self, record: InputRecord, state: Tally) -> list[OutputRecord]:
        if record.offset < state.applied.get(record.topic, 0):
            return []  # applied before the last restart; its output was acknowledged then
        key = (record.key or b"").decode()
        state.counts[key] = state.counts.get(key, 0) + 1
        state.changed.add(key)
        state.applied[record.topic] = record.offset + 1
        return [
            OutputRecord(self.output_topic, record.key, f"{key}={state.counts[key]}".encode(), [])
        ]


def counting_loop(settings, stage: Counting, topics: tuple[str, ...]) -> StreamLoop[Tally]:
    config = StreamConfig(
        name="test",
        input_topics=topics,
        dead_letter_topic=settings.dead_letter_topic,
        group_id=settings.consumer_group,
        changelog_topic=f"{settings.consumer_group}.changelog",
    )
    return StreamLoop(stage, config, settings, StreamMetrics(), handle_signals=False)


@pytest.mark.timeout(120)
async def test_co_partitioned_inputs_share_a_state_that_the_next_owner_reads_back(
    kafka, topic_prefix
):
    settings = loop_settings(kafka, topic_prefix, topic_partitions=2)
    left, right = settings.articles_topic, settings.enrichments_topic
    changelog = f"{settings.consumer_group}.changelog"
    await ensure_topics(settings, [left, right, settings.events_topic, changelog])
    await produce(kafka.bootstrap_servers, left, [(b"k", b"", [])] * 3)
    await produce(kafka.bootstrap_servers, right, [(b"k", b"", [])] * 2)
    first = Counting(settings.events_topic)
    async with running(counting_loop(settings, first, (left, right))):
        await consume_until(kafka.bootstrap_servers, [settings.events_topic], lambda r: len(r) >= 5)
    # A new process: its state comes from the changelog, before the next record.
    await produce(kafka.bootstrap_servers, right, [(b"k", b"", [])])
    second = Counting(settings.events_topic)
    async with running(counting_loop(settings, second, (left, right))):
        records = await consume_until(
            kafka.bootstrap_servers, [settings.events_topic], lambda r: len(r) >= 6
        )
        await asyncio.sleep(1)  # anything replayed would arrive now
    values = sorted(r.value for r in records)
    assert values == [b"k=1", b"k=2", b"k=3", b"k=4", b"k=5", b"k=6"], values
    assert [state.restored_with for state in second.states if state.counts] == [{"k": 5}]


@pytest.mark.timeout(60)
async def test_inputs_with_different_partition_counts_are_refused(kafka, topic_prefix):
    settings = loop_settings(kafka, topic_prefix, topic_partitions=2)
    await ensure_topics(settings, [settings.articles_topic])
    await ensure_topics(
        settings.model_copy(update={"topic_partitions": 3}), [settings.enrichments_topic]
    )
    loop = counting_loop(
        settings,
        Counting(settings.events_topic),
        (settings.articles_topic, settings.enrichments_topic),
    )
    with pytest.raises(ValueError, match="same number of partitions"):
        await asyncio.wait_for(loop.run(), 30)
