"""Helpers for integration tests: real worker processes and real Kafka clients."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.structs import ConsumerRecord, RecordMetadata

from sitrep.broker.embedded import free_port
from sitrep.settings import Settings

SAMPLES = Path(__file__).resolve().parents[2] / "services" / "sitrep" / "samples"


def isolated_settings(bootstrap_servers: str, prefix: str, **overrides: object) -> Settings:
    """Settings with topics and group unique to one test."""
    values: dict[str, object] = {
        "kafka_bootstrap_servers": bootstrap_servers,
        "topic_partitions": 4,
        "session_timeout_s": 6.0,
    }
    values.update(overrides)
    return Settings.model_validate(values).namespaced(prefix)


def settings_env(settings: Settings) -> dict[str, str]:
    return {**settings.as_environment(), "SITREP_LOG_FORMAT": "json"}


def paragraph_articles(prefix: str, count: int) -> list[tuple[str, bytes]]:
    """`count` distinct real-text articles (paragraphs of the bundled wire stories)."""
    paragraphs = [
        line
        for path in sorted(SAMPLES.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if len(line.split()) > 12
    ]
    return [
        (f"{prefix}-a{i}", article_json(f"{prefix}-a{i}", paragraphs[i % len(paragraphs)]))
        for i in range(count)
    ]


@dataclass
class WorkerProcess:
    """`sitrep worker` in a child process, as an operator would run it."""

    settings: Settings
    log_path: Path
    web_port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> WorkerProcess:
        env = {**os.environ, **settings_env(self.settings), "SITREP_WEB_PORT": str(self.web_port)}
        self._log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sitrep.cli.main", "worker"],
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        return self

    def ready(self) -> dict[str, object] | None:
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{self.web_port}/health/ready", timeout=1
            ) as response:
                return json.loads(response.read())  # type: ignore[no-any-return]
        except (OSError, ValueError):
            return None

    def wait_ready(self, timeout: float = 90.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise AssertionError(f"worker exited early: {self.logs()[-3000:]}")
            if self.ready():
                return
            time.sleep(0.25)
        raise AssertionError(f"worker not ready in {timeout}s: {self.logs()[-3000:]}")

    def live(self) -> bool:
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{self.web_port}/health/live", timeout=1
            ) as response:
                return response.status == 200  # type: ignore[no-any-return]
        except OSError:
            return False

    def metrics(self) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.web_port}/metrics", timeout=3) as r:
            return r.read().decode()

    def logs(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def kill(self) -> None:
        """kill -9: no shutdown, no commit."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def terminate(self, timeout: float = 30.0) -> int:
        assert self.process is not None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()
        if hasattr(self, "_log"):
            self._log.close()


async def produce(
    bootstrap_servers: str,
    topic: str,
    messages: Iterable[tuple[bytes | None, bytes | None, list[tuple[str, bytes]]]],
    max_request_size: int = 1_048_576,
) -> list[RecordMetadata]:
    """Send each message and wait for every acknowledgement; their partitions and offsets."""
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap_servers, acks="all", max_request_size=max_request_size
    )
    await producer.start()
    try:
        futures = [
            await producer.send(topic, key=key, value=value, headers=headers)
            for key, value, headers in messages
        ]
        return list(await asyncio.gather(*futures))
    finally:
        await producer.stop()


async def consume_until(
    bootstrap_servers: str,
    topics: list[str],
    done,  # Callable[[list[ConsumerRecord]], bool]
    timeout: float = 90.0,
) -> list[ConsumerRecord[bytes, bytes]]:
    """Read the topics from the beginning (no group) until `done(records)` or the timeout."""
    consumer = AIOKafkaConsumer(
        *topics,
        bootstrap_servers=bootstrap_servers,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    records: list[ConsumerRecord[bytes, bytes]] = []
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline and not done(records):
            batches = await consumer.getmany(timeout_ms=500)
            for batch in batches.values():
                records.extend(batch)
    finally:
        await consumer.stop()
    return records


def article_json(
    article_id: str, text: str, published_at: str = "2022-09-09T12:00:00+00:00"
) -> bytes:
    return json.dumps(
        {"article_id": article_id, "text": text, "published_at": published_at, "source": "test"}
    ).encode()
