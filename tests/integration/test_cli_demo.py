"""`sitrep demo` pointed at a real cluster works in topics of its own, never in the user's."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys

import pytest
from aiokafka.admin import AIOKafkaAdminClient

from sitrep.broker.admin import ensure_topics, sitrep_topics
from tests.integration.support import article_json, consume_until, isolated_settings, produce

pytestmark = [pytest.mark.integration, pytest.mark.timeout(300)]


async def test_demo_on_a_cluster_leaves_the_configured_topics_alone(kafka, topic_prefix):
    # The user's pipeline: its topics, with one article the demo must not process.
    users = isolated_settings(kafka.bootstrap_servers, topic_prefix)
    await ensure_topics(users)
    await produce(
        kafka.bootstrap_servers,
        users.articles_topic,
        [(b"user-1", article_json("user-1", "Shelling killed two civilians in Kherson."), [])],
    )
    environment = {
        **os.environ,
        **users.as_environment(),
        "KAFKA_BOOTSTRAP_SERVERS": kafka.bootstrap_servers,
    }

    demo = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "sitrep.cli.main", "demo", "--timeout", "240"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=280,
        check=False,
    )

    assert demo.returncode == 0, demo.stderr[-3000:]
    assert "topics of its own" in demo.stderr
    assert "every article enriched" in demo.stderr
    records = await consume_until(
        kafka.bootstrap_servers, sitrep_topics(users), lambda _: False, timeout=3
    )
    assert [(r.topic, r.key) for r in records] == [(users.articles_topic, b"user-1")]
    admin = AIOKafkaAdminClient(bootstrap_servers=kafka.bootstrap_servers)
    await admin.start()
    try:
        left = [name for name in await admin.list_topics() if name.startswith("sitrep-demo-")]
    finally:
        await admin.close()
    assert left == []  # the demo removed its own topics
