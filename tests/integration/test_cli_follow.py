"""`sitrep tail` and `sitrep export` read a real events topic through the typed client."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import select
import signal
import subprocess
import sys
import time

import pytest

from sitrep.broker.admin import ensure_topics
from sitrep_contracts import DeadLetter, EnrichedEvent, Reason, Stage
from tests.integration.support import SAMPLES, isolated_settings, produce

pytestmark = pytest.mark.integration


def sitrep(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sitrep.cli.main", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def story_events() -> list[EnrichedEvent]:
    """Real events: the offline extractor's output for the bundled wire story."""
    result = sitrep("extract", "--json", str(SAMPLES / "afp-kharkiv-2022-09-09.txt"), env={})
    assert result.returncode == 0, result.stderr[-2000:]
    return [EnrichedEvent.model_validate_json(line) for line in result.stdout.splitlines()]


async def test_tail_and_export_show_each_event_once_with_filters(kafka, topic_prefix, story_events):
    settings = isolated_settings(kafka.bootstrap_servers, topic_prefix)
    await ensure_topics(settings, [settings.events_topic])
    records = [
        (e.article_id.encode(), e.model_dump_json().encode(), [("ce_id", e.event_id.encode())])
        for e in story_events
    ]
    # The same events twice (a replay) and one message that is not an event.
    await produce(
        kafka.bootstrap_servers, settings.events_topic, [*records, *records, (b"x", b"{}", [])]
    )
    env = {
        "KAFKA_BOOTSTRAP_SERVERS": kafka.bootstrap_servers,
        "SITREP_EVENTS_TOPIC": settings.events_topic,
    }

    tailed = sitrep("tail", "--format", "payload", "-e", env=env)
    assert tailed.returncode == 0, tailed.stderr[-2000:]
    ids = [EnrichedEvent.model_validate_json(line).event_id for line in tailed.stdout.splitlines()]
    assert sorted(ids) == sorted(e.event_id for e in story_events)
    assert f"{len(story_events)} events ({len(story_events)} duplicates dropped; 1 malformed" in (
        tailed.stderr
    )

    killed = sitrep("tail", "--format", "payload", "--min-killed", "1", "-e", env=env)
    deadly = [EnrichedEvent.model_validate_json(line) for line in killed.stdout.splitlines()]
    assert deadly and all(
        any(c.kind == "killed" and (c.count or 0) >= 1 for c in e.casualties) for e in deadly
    )
    assert len(deadly) < len(story_events)

    exported = sitrep("export", "--geojson", env=env)
    assert exported.returncode == 0, exported.stderr[-2000:]
    collection = json.loads(exported.stdout)
    assert collection["type"] == "FeatureCollection"
    located = [e for e in story_events if e.location and e.location.latitude is not None]
    assert len(collection["features"]) >= len(located) > 0
    by_id = {e.event_id: e for e in story_events}
    for feature in collection["features"]:
        if feature["geometry"] is not None:
            place = by_id[feature["properties"]["event_id"]].location
            assert place is not None
            lon, lat = feature["geometry"]["coordinates"]  # RFC 7946 order
            assert (round(lon, 4), round(lat, 4)) == (
                round(place.longitude or 0, 4),
                round(place.latitude or 0, 4),
            )


def envelopes(stdout: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in stdout.splitlines()]


async def test_tail_json_carries_the_record_and_offsets_pick_partitions_and_ends(
    kafka, topic_prefix, story_events
):
    settings = isolated_settings(kafka.bootstrap_servers, topic_prefix)
    await ensure_topics(settings, [settings.events_topic])
    await produce(
        kafka.bootstrap_servers,
        settings.events_topic,
        [
            (e.article_id.encode(), e.model_dump_json().encode(), [("ce_id", e.event_id.encode())])
            for e in story_events
        ],
    )
    env = {
        "KAFKA_BOOTSTRAP_SERVERS": kafka.bootstrap_servers,
        "SITREP_EVENTS_TOPIC": settings.events_topic,
    }

    everything = envelopes(sitrep("tail", "--json", "-e", env=env).stdout)
    assert len(everything) == len(story_events)
    for record in everything:
        event = EnrichedEvent.model_validate(record["payload"])
        assert record["topic"] == settings.events_topic
        assert record["key"] == event.article_id
        assert record["headers"] == [["ce_id", event.event_id]]
        assert record["tstype"] == "create"
        assert isinstance(record["ts"], int) and record["ts"] > 0
    (partition,) = {record["partition"] for record in everything}  # one article: one partition

    last = envelopes(sitrep("tail", "--json", "-e", "-o", "-2", env=env).stdout)
    assert [r["offset"] for r in last] == [len(story_events) - 2, len(story_events) - 1]
    other = (int(partition) + 1) % 4  # type: ignore[call-overload]
    assert sitrep("tail", "--json", "-e", "-p", str(other), env=env).stdout == ""
    two = sitrep("tail", "--json", "-c", "2", "-p", str(partition), env=env)
    assert [r["offset"] for r in envelopes(two.stdout)] == [0, 1]


async def test_tail_reads_the_dead_letter_topic_as_a_table(kafka, topic_prefix):
    settings = isolated_settings(kafka.bootstrap_servers, topic_prefix)
    await ensure_topics(settings, [settings.dead_letter_topic])
    letter = DeadLetter(
        stage=Stage.DESERIALIZE,
        reason=Reason.NOT_JSON,
        error_class="JSONDecodeError",
        error_message="Expecting value: line 1 column 1 (char 0)",
        source_topic=settings.articles_topic,
        source_partition=2,
        source_offset=17,
        original_value_b64="bm90IGpzb24=",
        failed_at=dt.datetime(2022, 9, 9, 12, 0, tzinfo=dt.UTC),
        worker="host-1",
    )
    await produce(
        kafka.bootstrap_servers,
        settings.dead_letter_topic,
        [(None, letter.model_dump_json().encode(), [])],
    )
    env = {
        "KAFKA_BOOTSTRAP_SERVERS": kafka.bootstrap_servers,
        "SITREP_DEAD_LETTER_TOPIC": settings.dead_letter_topic,
    }

    result = sitrep("tail", "-t", "dead-letters", "-e", "--format", "table", env=env)

    assert result.returncode == 0, result.stderr
    header, row = result.stdout.splitlines()
    assert header.split() == ["FAILED", "REASON", "FROM", "ARTICLE", "ERROR"]
    assert row.split()[:6] == ["2022-09-09", "12:00", "not_json", "2@17", "-", "Expecting"]
    assert result.stderr.strip() == "1 dead letter"


def read_lines(stream, count: int, timeout: float) -> list[str]:
    """`count` lines from a child's pipe, or fewer if the deadline passes.

    Reads the pipe's file descriptor, not the text wrapper: a wrapper's `readline` may
    pull several lines into its buffer at once, and `select` on the descriptor would then
    wait for bytes that already arrived.
    """
    data = b""
    deadline = time.monotonic() + timeout
    while data.count(b"\n") < count and time.monotonic() < deadline:
        ready, _, _ = select.select([stream.fileno()], [], [], 0.2)
        if ready:
            chunk = os.read(stream.fileno(), 65536)
            if not chunk:
                break
            data += chunk
    return data.decode().splitlines(keepends=True)


async def test_table_rows_stream_and_ctrl_c_keeps_what_was_shown(kafka, topic_prefix, story_events):
    settings = isolated_settings(kafka.bootstrap_servers, topic_prefix, topic_partitions=1)
    await ensure_topics(settings, [settings.events_topic])
    first, second, third = story_events[:3]
    await produce(
        kafka.bootstrap_servers,
        settings.events_topic,
        [(e.article_id.encode(), e.model_dump_json().encode(), []) for e in (first, second)],
    )
    env = {
        **os.environ,
        "KAFKA_BOOTSTRAP_SERVERS": kafka.bootstrap_servers,
        "SITREP_EVENTS_TOPIC": settings.events_topic,
        "SITREP_SESSION_TIMEOUT_S": "3",  # the next member waits for this one's to lapse
    }
    group = f"{topic_prefix}-readers"
    follower = subprocess.Popen(  # noqa: ASYNC220 -- starts it only; reads go through threads
        [sys.executable, "-m", "sitrep.cli.main", "tail", "--format", "table", "-G", group],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        shown = await asyncio.to_thread(read_lines, follower.stdout, 3, 60)
        assert len(shown) == 3, shown  # the header and a row per event, while it still runs
        assert follower.poll() is None
        follower.send_signal(signal.SIGINT)
        _, errors = await asyncio.to_thread(follower.communicate, timeout=30)
    finally:
        if follower.poll() is None:
            follower.kill()
    assert follower.returncode == 130
    assert "Traceback" not in errors
    assert "interrupted: 2 events" in errors

    await produce(
        kafka.bootstrap_servers,
        settings.events_topic,
        [(third.article_id.encode(), third.model_dump_json().encode(), [])],
    )
    rest = sitrep("tail", "-G", group, "-e", "--format", "payload", env=env)
    assert [EnrichedEvent.model_validate_json(line) for line in rest.stdout.splitlines()] == [third]
