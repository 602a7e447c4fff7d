"""The consumer's pure parts: what counts as a malformed record (no broker needed)."""

from __future__ import annotations

import json

import pytest

from sitrep.client.consumer import EventConsumer, MalformedEventError, parse_event


def test_a_valid_record_parses_to_the_same_event(build) -> None:
    event = build.event("evt-7")

    assert parse_event(event.model_dump_json().encode()) == event


@pytest.mark.parametrize(
    "value",
    [
        None,
        b"",
        b"{not json",
        b"\xff\xfe\x00garbage",
        b'{"message_type": "sitrep.article", "schema_version": 1}',
        b"[1, 2, 3]",
    ],
    ids=["tombstone", "empty", "not-json", "not-utf8", "other-contract", "json-array"],
)
def test_records_that_are_not_enriched_events_are_malformed(value: bytes | None) -> None:
    with pytest.raises(MalformedEventError):
        parse_event(value)


def test_unknown_fields_are_malformed_not_silently_dropped(build) -> None:
    payload = build.event().model_dump(mode="json") | {"surprise": 1}

    with pytest.raises(MalformedEventError, match="surprise"):
        parse_event(json.dumps(payload).encode())


def test_malformed_error_keeps_the_validation_error_as_cause() -> None:
    with pytest.raises(MalformedEventError) as caught:
        parse_event(b"{}")

    assert caught.value.__cause__ is not None


async def test_iterating_before_start_is_a_clear_error() -> None:
    consumer = EventConsumer(bootstrap_servers="127.0.0.1:1", topic="t", security={})

    with pytest.raises(RuntimeError, match="async with"):
        await consumer.__anext__()
