"""Browser tests: a real `sitrep map` process on a real broker, seen through headless Chromium.

Without Chromium and its driver these tests skip and say why; where the browser is required
(`SITREP_BROWSER_TESTS=required`, which .ci/run sets after installing it) they fail instead.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sitrep.broker.admin import ensure_topics
from sitrep.broker.embedded import free_port
from sitrep.settings import Settings
from tests.browser.chromium import chromium, unavailable_reason
from tests.browser.support import MapProcess
from tests.integration.support import isolated_settings


@pytest.fixture(scope="session")
def chromium_ready() -> None:
    reason = unavailable_reason()
    if reason is None:
        return
    if os.environ.get("SITREP_BROWSER_TESTS") == "required":
        pytest.fail(f"browser tests are required here, but {reason}")
    pytest.skip(reason)


@pytest.fixture
def browser(chromium_ready: None) -> Iterator[Any]:
    with chromium() as driver:
        yield driver


@pytest.fixture
def map_settings(kafka: Any, topic_prefix: str) -> Settings:
    settings = isolated_settings(kafka.bootstrap_servers, topic_prefix)
    asyncio.run(ensure_topics(settings))
    return settings


@pytest.fixture
def start_map(map_settings: Settings, tmp_path: Path) -> Iterator[Any]:
    """Starts `sitrep map` on this test's topics; stopped after the test."""
    started: list[MapProcess] = []

    def start(holding: int = 0, port: int | None = None, **extra_env: str) -> MapProcess:
        log = tmp_path / f"map-{len(started)}.log"
        process = MapProcess(map_settings, log, port=port or free_port(), extra_env=extra_env)
        started.append(process.start())
        process.wait_holding(holding)
        return process

    yield start
    for process in started:
        process.stop()
