"""Nothing lost, nothing stuck: real workers, a real broker, and faults injected mid-stream.

Each scenario publishes 40 real-text articles on its own topics and group, breaks something
while they are being processed, and then counts the outputs (tests/integration/
fault_scenarios.py): every article must have its enrichment and every event an enrichment
names must have arrived. Duplicates are allowed (at-least-once) and reported.

`scripts/fault_injection.py` runs the same scenarios and prints them as a table.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from sitrep.broker.embedded import available as embedded_available
from sitrep.streaming.transactions import EXACTLY_ONCE_REFUSED
from tests.integration import fault_scenarios as scenarios
from tests.integration.support import WorkerProcess, isolated_settings

pytestmark = [pytest.mark.integration, pytest.mark.slow]

MID_STREAM = range(1, scenarios.ARTICLES)  # some, but not all, enriched before the fault


def report(result: scenarios.ScenarioResult) -> None:
    # Shown with -s or -rA; the assertions below carry the same figures on failure.
    sys.stdout.write(result.summary() + "\n")


def assert_nothing_lost(result: scenarios.ScenarioResult) -> None:
    assert result.lost_articles == [], f"articles without an enrichment: {result.summary()}"
    assert result.lost_events == [], f"events named but never sent: {result.summary()}"
    assert result.lost == 0
    assert result.orphan_events == 0, f"events no enrichment names: {result.summary()}"
    assert result.inconsistent_articles == 0, f"replays disagreed: {result.summary()}"
    assert result.dead_letters == 0, f"real articles dead-lettered: {result.summary()}"
    assert result.events_seen == result.events_expected > 0
    assert result.messages_sent == scenarios.ARTICLES


@pytest.mark.timeout(150)
async def test_kill9_mid_stream_then_a_new_worker_loses_nothing(kafka, topic_prefix, tmp_path):
    result = await scenarios.kill9_mid_stream(kafka.bootstrap_servers, topic_prefix, tmp_path)
    report(result)
    assert result.enriched_before_fault in MID_STREAM, result.summary()
    assert_nothing_lost(result)
    # Nothing committed can be skipped, so the new worker read at least what was left.
    assert result.replayed is not None and result.replayed >= 0, result.summary()


@pytest.mark.timeout(150)
async def test_killing_one_of_two_workers_moves_its_partitions_to_the_other(
    kafka, topic_prefix, tmp_path
):
    result = await scenarios.kill_one_of_two(kafka.bootstrap_servers, topic_prefix, tmp_path)
    report(result)
    assert result.enriched_before_fault in MID_STREAM, result.summary()
    assert result.details["victim_partitions"], "the killed worker held partitions"
    assert result.details["articles_on_victim_partitions"] > 0
    assert result.details["survivor_alive"]
    assert result.details["survivor_partitions_after"] == 4
    assert_nothing_lost(result)
    assert result.recover_s is not None, "the victim's partitions produced again"


@pytest.mark.timeout(150)
async def test_sigterm_mid_stream_exits_cleanly_and_a_new_worker_loses_nothing(
    kafka, topic_prefix, tmp_path
):
    result = await scenarios.sigterm_mid_stream(kafka.bootstrap_servers, topic_prefix, tmp_path)
    report(result)
    assert result.details["exit_code"] == 0, result.summary()
    assert result.details["exit_s"] <= scenarios.SIGTERM_EXIT_BOUND_S
    assert result.enriched_before_fault in MID_STREAM, result.summary()
    assert_nothing_lost(result)
    assert result.replayed is not None and result.replayed >= 0, result.summary()


@pytest.mark.timeout(90)
async def test_exactly_once_is_refused_without_broker_transactions(
    kafka, topic_prefix, tmp_path, monkeypatch
):
    if kafka.kind != "embedded":
        pytest.skip("this broker may support transactions; the refusal is for the embedded one")
    settings = isolated_settings(kafka.bootstrap_servers, topic_prefix)
    monkeypatch.setenv("SITREP_EXACTLY_ONCE", "true")
    worker = WorkerProcess(settings, tmp_path / "eos.log").start()
    try:
        assert worker.process is not None
        try:
            code = worker.process.wait(60)
        except subprocess.TimeoutExpired:
            pytest.fail(f"worker still running after 60 s: {worker.logs()[-2000:]}")
    finally:
        worker.stop()
    assert code != 0
    assert EXACTLY_ONCE_REFUSED in worker.logs()
    assert "worker.starting" not in worker.logs(), "refused before consuming anything"


@pytest.mark.timeout(60)
def test_a_broker_restart_loses_no_committed_data(kafka):
    if not kafka.durable:
        pytest.skip(
            "needs a durable Kafka (testcontainers or KAFKA_BOOTSTRAP_SERVERS); "
            "the embedded broker keeps data in memory"
        )
    pytest.skip(
        f"a {kafka.kind} Kafka is not restarted by the tests: restart it by hand and "
        "run scripts/fault_injection.py against it"
    )


@pytest.mark.timeout(150)
async def test_worker_survives_a_broker_outage_and_processes_new_articles(topic_prefix, tmp_path):
    # Last on purpose, though it runs its own broker and leaves the session's alone.
    if not embedded_available():
        pytest.skip("the outage scenario stops a broker it owns: needs the embedded Tansu")
    result = await scenarios.broker_outage(topic_prefix, tmp_path)
    report(result)
    assert result.details["alive_during_outage"], "the worker must ride out the outage"
    assert result.details["same_process"], "the same worker process, not a restarted one"
    assert_nothing_lost(result)


@pytest.mark.timeout(420)
async def test_fuzzed_messages_through_the_real_worker_each_end_as_one_output(
    kafka, topic_prefix, tmp_path
):
    # Bounded for CI (FUZZ_MESSAGES); scripts/fault_injection.py --fuzz N runs more.
    result = await scenarios.fuzz_worker(kafka.bootstrap_servers, topic_prefix, tmp_path)
    report_line = result.summary()
    sys.stdout.write(report_line + "\n")
    assert result.crashes == 0, report_line
    assert result.unexplained == [], f"offsets without exactly one output: {report_line}"
    assert result.lost == 0 and result.duplicates == 0, report_line
    assert result.liveness_probes > 0 and result.liveness_failures == 0, report_line
    assert result.kinds == 15 and result.messages == scenarios.FUZZ_MESSAGES
    assert result.enriched > 0 and sum(result.dead_letters.values()) > 0
