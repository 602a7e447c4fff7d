"""One stream loop for every Sitrep stage: consume -> process -> produce -> commit.

A stage supplies two things (`StreamStage`):

    class MyStage:
        def open_partition(self, tp: TopicPartition) -> MyState: ...
        async def process(self, record: InputRecord, state: MyState) -> list[OutputRecord]: ...

and runs with

    await StreamLoop(MyStage(), StreamConfig(name, input_topic, dead_letter_topic, group_id),
                     settings, WorkerMetrics()).run()

`process` returns the records to produce for one input record (possibly none), or raises
`Rejected(stage, reason, message)` to dead-letter it; any other exception dead-letters it
as `processing_error`, except `StageUnavailable`, which stops the worker (the record is
not at fault and is replayed). It may await (offload CPU-heavy work; the loop keeps the group
membership, heartbeats and health endpoints alive meanwhile). The state of a partition
is made by `open_partition` when the partition is assigned and dropped when it is revoked;
within it, records arrive in offset order, one at a time.

The loop owns everything else (`loop.py`): batching, dead letters that are always written
and bounded in size (`deadletters.py`), produce-error handling by exception type
(`errors.py`), commit after acknowledgement or in a transaction, pause-and-poll while
busy, revocation that waits for the batch in hand, metrics and health (`web.py`).
"""

from sitrep.streaming.errors import Failure, Rejected, StageUnavailable, classify
from sitrep.streaming.loop import StreamConfig, StreamLoop, StreamStage
from sitrep.streaming.records import Headers, InputRecord, OutputRecord, cloudevent_headers

__all__ = [
    "Failure",
    "Headers",
    "InputRecord",
    "OutputRecord",
    "Rejected",
    "StageUnavailable",
    "StreamConfig",
    "StreamLoop",
    "StreamStage",
    "classify",
    "cloudevent_headers",
]
