"""Dead letters are always written and bounded, and produce errors are sorted by type."""

from __future__ import annotations

import base64
import hashlib

import pytest
from aiokafka import errors as kafka_errors

from sitrep.observability.metrics import WorkerMetrics
from sitrep.streaming import Failure, InputRecord, Rejected, classify
from sitrep.streaming.deadletters import ORIGINAL_PREFIX_BYTES, DeadLetters
from sitrep_contracts import DeadLetter, Reason, Stage

LETTERS = DeadLetters(
    topic="dlq",
    worker="w1",
    source="urn:sitrep:test",
    max_record_bytes=200_000,
    metrics=WorkerMetrics(),
)


def record(value: bytes | None, key: bytes | None = b"k", headers=None) -> InputRecord:
    return InputRecord("articles", 1, 42, key, value, headers or [("h", b"v")])


def test_a_small_original_is_kept_whole_with_its_headers() -> None:
    out = LETTERS.letter(record(b"{bad"), Stage.DESERIALIZE, Reason.NOT_JSON, ValueError("x"))
    letter = DeadLetter.model_validate_json(out.value)
    assert base64.b64decode(letter.original_value_b64) == b"{bad"
    assert not letter.original_truncated and letter.original_size == 4
    assert letter.original_headers[0].key == "h"
    assert (out.topic, out.key) == ("dlq", b"k")


def test_a_large_original_is_a_prefix_with_size_and_hash_under_the_budget() -> None:
    value = b"x" * 1_600_000
    out = LETTERS.letter(record(value), Stage.DESERIALIZE, Reason.TOO_LARGE, ValueError("big"))
    letter = DeadLetter.model_validate_json(out.value)
    assert out.size <= 200_000
    assert letter.original_truncated and letter.original_size == len(value)
    assert letter.original_sha256 == hashlib.sha256(value).hexdigest()
    assert len(base64.b64decode(letter.original_value_b64)) == ORIGINAL_PREFIX_BYTES


def test_a_letter_that_cannot_be_serialised_becomes_a_minimal_one() -> None:
    # A lone surrogate in the article id and the error message: pydantic cannot write it.
    error = Rejected(Stage.VALIDATE, Reason.CONTRACT_VIOLATION, "bad \ud800", article_id="\udc80")
    out = LETTERS.letter(record(b"{}"), error.stage, error.reason, error, error.article_id)
    letter = DeadLetter.model_validate_json(out.value)
    assert (letter.reason, letter.source_offset, letter.article_id) == (
        Reason.CONTRACT_VIOLATION,
        42,
        None,
    )
    assert "full dead letter failed" in letter.error_message
    assert out.value.isascii()


def test_an_unreadable_record_gets_a_letter_without_an_original() -> None:
    unreadable = InputRecord(
        "articles", 0, 7, None, None, [], UnicodeDecodeError("utf-8", b"\xff", 0, 1, "bad")
    )
    out = LETTERS.letter(unreadable, Stage.CONSUME, Reason.UNREADABLE_RECORD, unreadable.unreadable)  # type: ignore[arg-type]
    letter = DeadLetter.model_validate_json(out.value)
    assert (letter.reason, letter.source_offset, letter.original_value_b64) == (
        Reason.UNREADABLE_RECORD,
        7,
        "",
    )


@pytest.mark.parametrize(
    ("error", "failure"),
    [
        (kafka_errors.KafkaConnectionError(), Failure.TRANSIENT),
        (kafka_errors.NotLeaderForPartitionError(), Failure.TRANSIENT),
        (kafka_errors.KafkaTimeoutError(), Failure.TRANSIENT),
        (kafka_errors.UnknownError(), Failure.DOUBTFUL),
        (kafka_errors.MessageSizeTooLargeError(), Failure.REFUSED),
        (kafka_errors.TopicAuthorizationFailedError(), Failure.FATAL),
        (TypeError("header value must be bytes"), Failure.REFUSED),
    ],
)
def test_produce_errors_are_sorted_by_type(error: BaseException, failure: Failure) -> None:
    assert classify(error) is failure


def test_a_rejection_crosses_a_process_boundary_whole() -> None:
    import pickle

    rejected = Rejected(
        Stage.ENRICH, Reason.EXTRACTION_ERROR, "boom", article_id="a", error_class="KeyError"
    )
    copy = pickle.loads(pickle.dumps(rejected))  # noqa: S301 -- our own object
    assert (copy.stage, copy.reason, str(copy), copy.article_id, copy.error_class) == (
        Stage.ENRICH,
        Reason.EXTRACTION_ERROR,
        "boom",
        "a",
        "KeyError",
    )
