"""What a failure means for the record in hand: the stage's rejection, or a produce error.

Retriable is a property of the exception type (aiokafka's `KafkaError.retriable`), with
a few corrections from experience: the embedded broker answers `UnknownError` once after a
restart, and a record over a size limit never gets smaller.
"""

from __future__ import annotations

from enum import Enum

from aiokafka import errors as kafka_errors

from sitrep_contracts import Reason, Stage


class Rejected(Exception):
    """A record that cannot be processed: it becomes a dead letter with this stage and reason."""

    def __init__(
        self,
        stage: Stage,
        reason: Reason,
        message: str,
        *,
        article_id: str | None = None,
        error_class: str | None = None,
    ) -> None:
        super().__init__(message)
        self.stage = stage
        self.reason = reason
        self.article_id = article_id
        self.error_class = error_class or type(self).__name__  # of the underlying error

    def __reduce__(self) -> tuple[object, ...]:
        # Crosses process boundaries (the enricher's extraction process raises it).
        return (
            _rebuild_rejected,
            (self.stage, self.reason, str(self), self.article_id, self.error_class),
        )


def _rebuild_rejected(
    stage: Stage, reason: Reason, message: str, article_id: str | None, error_class: str
) -> Rejected:
    return Rejected(stage, reason, message, article_id=article_id, error_class=error_class)


class StageUnavailable(Exception):
    """The stage can process nothing right now, through no fault of the record (its model
    process cannot start, say): the worker stops, and the record is replayed by whichever
    worker owns its partition next, instead of being dead-lettered."""


class Failure(Enum):
    """What to do about a record the producer could not deliver."""

    TRANSIENT = "transient"  # retry with backoff, as long as it takes (the partition waits)
    DOUBTFUL = "doubtful"  # retry for a while; if it keeps failing, treat it as refused
    REFUSED = "refused"  # this record can never be written: dead-letter its input
    FATAL = "fatal"  # no record can be written (permissions, fencing): stop the worker


_REFUSED: tuple[type[Exception], ...] = (
    kafka_errors.MessageSizeTooLargeError,
    kafka_errors.RecordListTooLargeError,
    kafka_errors.RecordTooLargeError,
    kafka_errors.InvalidMessageError,
    kafka_errors.CorruptRecordException,
    kafka_errors.InvalidTimestampError,
)
_FATAL: tuple[type[Exception], ...] = (
    kafka_errors.TopicAuthorizationFailedError,
    kafka_errors.ClusterAuthorizationFailedError,
    kafka_errors.TransactionalIdAuthorizationFailed,
    kafka_errors.ProducerFenced,
    kafka_errors.InvalidProducerEpoch,
    kafka_errors.TransactionCoordinatorFenced,
    kafka_errors.InvalidTopicError,
    kafka_errors.ProducerClosed,
)
_TRANSIENT: tuple[type[Exception], ...] = (
    kafka_errors.KafkaTimeoutError,  # batch expired or buffer full while the broker was away
)


def classify(error: BaseException) -> Failure:
    """Sort a produce error; anything not from Kafka is a record the client cannot send."""
    if not isinstance(error, kafka_errors.KafkaError):
        return Failure.REFUSED
    if isinstance(error, _REFUSED):
        return Failure.REFUSED
    if isinstance(error, _FATAL):
        return Failure.FATAL
    if error.retriable or isinstance(error, _TRANSIENT):
        return Failure.TRANSIENT
    return Failure.DOUBTFUL  # UnknownError and the rest: maybe transient, maybe the record
