"""Helpers for the browser tests and the map benchmark: a `sitrep map` process, events and
incidents on their topics, and waiting on the page."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaProducer
from pydantic import BaseModel

from sitrep.broker.embedded import free_port
from sitrep.settings import Settings
from sitrep_contracts import EnrichedEvent, Incident
from tests.integration.support import settings_env


@dataclass
class MapProcess:
    """`sitrep map` in a child process, as an operator runs it."""

    settings: Settings
    log_path: Path
    port: int = field(default_factory=free_port)
    extra_env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self) -> MapProcess:
        env = {
            **os.environ,
            **settings_env(self.settings),
            "SITREP_MAP_PORT": str(self.port),
            **self.extra_env,
        }
        self._log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sitrep.cli.main", "map"],
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        return self

    def readiness(self) -> dict[str, Any] | None:
        try:
            ready = f"{self.url}health/ready"  # http on loopback, built here
            with urllib.request.urlopen(ready, timeout=1) as response:  # noqa: S310
                return json.loads(response.read())  # type: ignore[no-any-return]
        except (OSError, ValueError):  # not up yet, or 503 while not ready
            return None

    def wait_holding(self, count: int, timeout: float = 60.0) -> None:
        """Until the server is ready and holds at least `count` items."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise AssertionError(f"map exited early: {self.logs()[-3000:]}")
            state = self.readiness()
            if state and state["ready"] and state["held"] >= count:
                return
            time.sleep(0.1)
        raise AssertionError(f"map not holding {count} in {timeout}s: {self.logs()[-3000:]}")

    def logs(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        if hasattr(self, "_log"):
            self._log.close()


#: Markup and script in every text field a page shows, for the tests that it never runs.
PAYLOADS = {
    "place": '<img src=x onerror="window.__pwned=1">',
    "actor_text": "<script>window.__pwned=2</script>",
    "actor": "<b onmouseover=window.__pwned=3>Forces</b>",
    "source": '<a href="javascript:window.__pwned=4">officials</a>',
}

RECORD_CSP_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
  (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def publish_events(settings: Settings, events: Iterable[EnrichedEvent]) -> None:
    """Produce events to the events topic as the worker does (key: article id)."""
    publish(settings, settings.events_topic, [(event.article_id, event) for event in events])


def publish_incidents(settings: Settings, incidents: Iterable[Incident]) -> None:
    """Produce incident revisions to the incidents topic as the stage does (key: its id)."""
    records = [(incident.incident_id, incident) for incident in incidents]
    publish(settings, settings.incidents_topic, records)


def publish(settings: Settings, topic: str, records: Iterable[tuple[str, BaseModel]]) -> None:
    """Produce (key, message) records to `topic`, in order, and wait for every ack."""

    async def send() -> None:
        producer = AIOKafkaProducer(
            bootstrap_servers=settings.bootstrap_servers, acks="all", linger_ms=20
        )
        await producer.start()
        try:
            futures = [
                await producer.send(
                    topic, key=key.encode(), value=message.model_dump_json().encode()
                )
                for key, message in records
            ]
            await asyncio.gather(*futures)
        finally:
            await producer.stop()

    asyncio.run(send())


def wait_for(driver: Any, script: str, timeout: float = 20.0) -> Any:
    """Polls a JavaScript expression (`return ...`) until it is truthy; returns its value."""
    deadline = time.monotonic() + timeout
    while True:
        value = driver.execute_script(script)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"not true within {timeout}s: {script}")
        time.sleep(0.05)


def wait_ready(driver: Any, timeout: float = 30.0) -> None:
    wait_for(driver, "return document.body.dataset.state === 'ready'", timeout)


def wait_detail(driver: Any) -> None:
    """Until the detail panel shows a whole item (it fetches the item's detail first)."""
    wait_for(driver, "return document.getElementById('detail').dataset.state === 'shown'")


def console_errors(driver: Any) -> list[dict[str, Any]]:
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
