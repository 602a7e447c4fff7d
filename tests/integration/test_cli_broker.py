"""`sitrep broker` stops its Tansu child on SIGTERM as on Ctrl-C, freeing the port."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from sitrep.broker.embedded import free_port, port_is_open

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["sigterm", "ctrl-c"])
def test_stopping_the_broker_command_stops_the_broker(stop: signal.Signals) -> None:
    port = free_port()
    command = subprocess.Popen(
        [sys.executable, "-m", "sitrep.cli.main", "broker", "--port", str(port)],
        env=os.environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while not port_is_open("127.0.0.1", port) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert port_is_open("127.0.0.1", port)
        command.send_signal(stop)
        _, errors = command.communicate(timeout=20)
    finally:
        if command.poll() is None:
            command.kill()
    assert command.returncode == 0
    assert "Traceback" not in errors
    assert "broker stopped" in errors
    assert not port_is_open("127.0.0.1", port)  # the Tansu child is gone with it


def test_a_port_in_use_is_a_one_line_error() -> None:
    port = free_port()
    with subprocess.Popen(
        [sys.executable, "-m", "sitrep.cli.main", "broker", "--port", str(port)],
        stderr=subprocess.DEVNULL,
    ) as first:
        try:
            deadline = time.monotonic() + 30
            while not port_is_open("127.0.0.1", port) and time.monotonic() < deadline:
                time.sleep(0.1)
            second = subprocess.run(
                [sys.executable, "-m", "sitrep.cli.main", "broker", "--port", str(port)],
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
        finally:
            first.send_signal(signal.SIGTERM)
            first.wait(20)
    assert second.returncode == 1
    assert second.stderr.startswith(f"error: port {port} is already in use")
    assert "Traceback" not in second.stderr
