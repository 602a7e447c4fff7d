"""`sitrep incidents` on a real broker: merges, toll updates, withdrawal, bad input, and
faults (kill -9 and restart, a second instance joining and leaving) with nothing lost or
doubled. Inputs are typed events and enrichments, as the worker would publish them."""

from __future__ import annotations

import asyncio
import base64
import functools
import json
import os
import subprocess
import sys

import pytest

from sitrep.client.incidents import IncidentConsumer
from sitrep_contracts import DeadLetter, Incident, Reason
from tests.integration.incidents_support import (
    StageProcess,
    complete,
    make_stream,
    outcome,
    publish,
    read_incidents,
)
from tests.integration.support import consume_until, isolated_settings, produce, settings_env

pytestmark = pytest.mark.integration


def assert_nothing_lost_or_doubled(result) -> None:
    assert result.lost == [] and result.duplicated == [], result
    assert result.wrong_toll == [] and result.retracted_ok, result
    assert result.events_in_two_incidents == 0 and result.revision_gaps == 0, result


async def test_stage_merges_reports_updates_tolls_and_dead_letters_bad_input(
    kafka, topic_prefix, tmp_path
):
    settings = isolated_settings(kafka.bootstrap_servers, topic_prefix)
    stream = make_stream(clusters=6, reports=3)
    stage = StageProcess(settings, tmp_path / "stage.log").start()
    try:
        stage.wait_ready()
        await produce(
            settings.bootstrap_servers, settings.events_topic, [(b"broken", b"{not json", [])]
        )
        await publish(settings, stream.messages)
        messages = await read_incidents(settings, complete(stream))
        result = outcome(stream, messages)
        latest_ids = {incident.incident_id for incident in messages}
        assert_nothing_lost_or_doubled(result)
        assert result.incidents in (5, 6)  # the withdrawn cluster's may never have opened
        letters = await consume_until(
            settings.bootstrap_servers,
            [settings.dead_letter_topic],
            lambda records: len(records) >= 1,
            timeout=30,
        )
        letter = DeadLetter.model_validate_json(letters[0].value)
        assert letter.reason is Reason.NOT_JSON
        assert base64.b64decode(letter.original_value_b64) == b"{not json"
        metrics = stage.metrics()
        assert 'sitrep_incident_updates_total{change="merged"}' in metrics
        assert "sitrep_open_incidents 5.0" in metrics
        async with IncidentConsumer(settings=settings, idle_timeout_s=3) as incidents:
            seen = [(incident.incident_id, incident.revision) async for incident in incidents]
        assert len(seen) == len(set(seen)) and {i for i, _ in seen} == set(latest_ids)
        env = {**os.environ, **settings_env(settings)}
        command = [sys.executable, "-m", "sitrep.cli.main"]
        run = functools.partial(
            subprocess.run, env=env, capture_output=True, timeout=60, check=True
        )
        tail = await asyncio.to_thread(
            run, [*command, "tail", "--incidents", "--format", "payload", "-c", "2"]
        )
        lines = [Incident.model_validate_json(line) for line in tail.stdout.splitlines()]
        assert len(lines) == 2 and {line.incident_id for line in lines} <= latest_ids
        exported = tmp_path / "incidents.geojson"
        export = await asyncio.to_thread(
            run, [*command, "incidents", "export", "-o", str(exported)]
        )
        assert len(json.loads(exported.read_text())["features"]) == 5
        assert "wrote 5 incidents" in export.stderr.decode()
    finally:
        stage.stop()


@pytest.mark.slow
async def test_kill9_mid_stream_and_restart_loses_and_doubles_no_incident(
    kafka, topic_prefix, tmp_path
):
    settings = isolated_settings(kafka.bootstrap_servers, topic_prefix)
    stream = make_stream(clusters=30, reports=4)
    first = StageProcess(settings, tmp_path / "first.log").start()
    second = StageProcess(settings, tmp_path / "second.log")
    try:
        first.wait_ready()
        half = len(stream.messages) // 2
        await publish(settings, stream.messages[:half], per_second=100)
        before = await read_incidents(settings, lambda newest: len(newest) >= 10, timeout=30)
        assert len(before) >= 10  # the first instance was mid-stream when killed
        first.kill()
        second.start()
        await publish(settings, stream.messages[half:], per_second=100)
        second.wait_ready()
        result = outcome(stream, await read_incidents(settings, complete(stream), timeout=120))
        assert_nothing_lost_or_doubled(result)
        assert "state.restored" in second.logs()
    finally:
        first.stop()
        second.stop()


@pytest.mark.slow
async def test_a_second_instance_joining_and_leaving_loses_and_doubles_no_incident(
    kafka, topic_prefix, tmp_path
):
    settings = isolated_settings(kafka.bootstrap_servers, topic_prefix)
    stream = make_stream(clusters=30, reports=4)
    first = StageProcess(settings, tmp_path / "first.log").start()
    second = StageProcess(settings, tmp_path / "second.log")
    try:
        first.wait_ready()
        third = len(stream.messages) // 3
        await publish(settings, stream.messages[:third], per_second=100)
        second.start()
        second.wait_ready()
        await publish(settings, stream.messages[third : 2 * third], per_second=100)
        assert second.terminate() == 0
        await asyncio.sleep(1)
        await publish(settings, stream.messages[2 * third :], per_second=100)
        result = outcome(stream, await read_incidents(settings, complete(stream), timeout=120))
        assert_nothing_lost_or_doubled(result)
        assert "state.restored" in second.logs()
    finally:
        first.stop()
        second.stop()
