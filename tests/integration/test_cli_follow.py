"""`sitrep tail` and `sitrep export` read a real events topic through the typed client."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from sitrep.broker.admin import ensure_topics
from sitrep_contracts import EnrichedEvent
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
    records = [(e.article_id.encode(), e.model_dump_json().encode(), []) for e in story_events]
    # The same events twice (a replay) and one message that is not an event.
    await produce(
        kafka.bootstrap_servers, settings.events_topic, [*records, *records, (b"x", b"{}", [])]
    )
    env = {
        "KAFKA_BOOTSTRAP_SERVERS": kafka.bootstrap_servers,
        "SITREP_EVENTS_TOPIC": settings.events_topic,
    }

    tailed = sitrep("tail", "--json", "--idle-timeout", "5", env=env)
    assert tailed.returncode == 0, tailed.stderr[-2000:]
    ids = [EnrichedEvent.model_validate_json(line).event_id for line in tailed.stdout.splitlines()]
    assert sorted(ids) == sorted(e.event_id for e in story_events)

    killed = sitrep("tail", "--json", "--min-killed", "1", "--idle-timeout", "5", env=env)
    deadly = [EnrichedEvent.model_validate_json(line) for line in killed.stdout.splitlines()]
    assert deadly and all(
        any(c.kind == "killed" and (c.count or 0) >= 1 for c in e.casualties) for e in deadly
    )
    assert len(deadly) < len(story_events)

    exported = sitrep("export", "--geojson", "--idle-timeout", "5", env=env)
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
