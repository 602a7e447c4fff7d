"""One stream loop for every Sitrep stage: consume -> process -> produce -> commit.

A stage supplies two things (`StreamStage`):

    class MyStage:
        def open_partition(self, partition: int) -> MyState: ...
        async def process(self, record: InputRecord, state: MyState) -> list[OutputRecord]: ...

and runs with

    await StreamLoop(MyStage(), StreamConfig(name, (input_topic,), dead_letter_topic, group_id),
                     settings, StreamMetrics()).run()

`process` returns the records to produce for one input record (possibly none), or raises
`Rejected(stage, reason, message)` to dead-letter it; any other exception dead-letters it
as `processing_error`, except `StageUnavailable`, which stops the worker (the record is
not at fault and is replayed). It may await (offload CPU-heavy work; the loop keeps the group
membership, heartbeats and health endpoints alive meanwhile). The state of a partition
is made by `open_partition` when the partition is assigned and dropped when it is revoked;
within it, records arrive in offset order, one at a time. A stage that reads several
co-partitioned topics (`input_topics`) gets one state per partition number for all of them.
A stage whose records are cheaper to work on together also defines
`async def prefetch(self, records: list[tuple[InputRecord, MyState]]) -> None`
(`PrefetchingStage`): called with each poll's records before `process` takes them one by
one; what fails in it is left for `process` to decide.

A stateful stage whose state must survive restarts and moves names a changelog topic
(`StreamConfig.changelog_topic`) and makes its state a `ChangeloggedState`:

    class MyState:
        def take_changes(self) -> list[tuple[bytes, bytes | None]]: ...  # since last call
        def restore(self, records: Iterable[tuple[bytes, bytes | None]]) -> None: ...

The loop reads a partition's state back before its first record and writes each batch's
changes after the output is acknowledged, before the commit (`changelog.py`). Replays of
uncommitted input then meet state that may already hold them: the stage must make
applying an input twice change nothing.

The loop owns everything else (`loop.py`): batching, dead letters that are always written
and bounded in size (`deadletters.py`), produce-error handling by exception type
(`errors.py`), commit after acknowledgement or in a transaction, pause-and-poll while
busy, revocation that waits for the batch in hand, the changelog (`changelog.py`), metrics
and health (`web.py`).
"""

from sitrep.streaming.changelog import ChangeloggedState, StateChange
from sitrep.streaming.errors import Failure, Rejected, StageUnavailable, classify
from sitrep.streaming.loop import PrefetchingStage, StreamConfig, StreamLoop, StreamStage
from sitrep.streaming.records import Headers, InputRecord, OutputRecord, cloudevent_headers

__all__ = [
    "ChangeloggedState",
    "Failure",
    "Headers",
    "InputRecord",
    "OutputRecord",
    "PrefetchingStage",
    "Rejected",
    "StageUnavailable",
    "StateChange",
    "StreamConfig",
    "StreamLoop",
    "StreamStage",
    "classify",
    "cloudevent_headers",
]
