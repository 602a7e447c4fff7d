"""Can quixstreams run the incident stage's state on the embedded broker? The probe behind
the choice of a plain aiokafka loop (README, "Incidents": why not quixstreams).

Not part of the project's dependencies: run it from a separate virtualenv,

    python -m venv /tmp/qx && /tmp/qx/bin/pip install quixstreams==3.28.1
    sitrep broker --port 19192 &                       # the embedded Tansu broker
    /tmp/qx/bin/python benchmarks/incidents_quixstreams_probe.py highwater
    /tmp/qx/bin/python benchmarks/incidents_quixstreams_probe.py kill [--one-record-batches]
    (scenarios: kill, wipe, join, killjoin; `throughput [--one-record-batches]` on one CPU)

A stateful count-per-key app (RocksDB store, changelog topic) reads 2,000 keyed messages
while the scenario kills (-9) and restarts it, wipes its local state, or adds and removes a
second instance; the output is checked for lost inputs, duplicates and the final state.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

BOOTSTRAP = os.environ.get("PROBE_BOOTSTRAP", "127.0.0.1:19192")
KEYS = 16


def run_app() -> None:
    """The stateful application (a child process of the scenarios)."""
    from quixstreams import Application

    prefix = os.environ["PROBE_PREFIX"]
    app = Application(
        broker_address=BOOTSTRAP,
        consumer_group=f"{prefix}-g",
        auto_offset_reset="earliest",
        state_dir=os.environ["PROBE_STATE_DIR"],
        use_changelog_topics=True,
        commit_interval=1.0,
        # librdkafka's default 45 s session makes a first join on Tansu take ~23 s.
        consumer_extra_config={"session.timeout.ms": 6000, "heartbeat.interval.ms": 1500},
        producer_extra_config=(
            {"batch.num.messages": 1} if os.environ.get("PROBE_ONE_RECORD_BATCHES") else {}
        ),
    )
    source = app.topic(f"{prefix}-in", value_deserializer="json", key_deserializer="str")
    sink = app.topic(f"{prefix}-out", value_serializer="json", key_serializer="str")
    processed = open(f"/tmp/{prefix}-{os.getpid()}.processed", "a", buffering=1)  # noqa: SIM115

    def count(value: dict[str, object], state: object) -> dict[str, object]:
        processed.write(f"{value['n']}\n")
        seen = state.get("seen", [])  # type: ignore[attr-defined]
        if value["n"] not in seen:
            seen.append(value["n"])
        state.set("seen", seen)  # type: ignore[attr-defined]
        return {"key": value["k"], "n": value["n"], "seen": len(seen)}

    app.dataframe(source).apply(count, stateful=True).to_topic(sink)
    app.run()


def highwater() -> None:
    """Tansu's high watermark after batches of 5, 1 and 3 records (a real Kafka says 9)."""
    from confluent_kafka import Consumer, Producer, TopicPartition
    from confluent_kafka.admin import AdminClient, NewTopic

    topic = f"hw{uuid.uuid4().hex[:6]}"
    admin = AdminClient({"bootstrap.servers": BOOTSTRAP})
    for future in admin.create_topics([NewTopic(topic, 1, 1)]).values():
        future.result()
    producer = Producer({"bootstrap.servers": BOOTSTRAP, "linger.ms": 50})
    for size in (5, 1, 3):
        for i in range(size):
            producer.produce(topic, value=b"x%d" % i)
        producer.flush()
    consumer = Consumer({"bootstrap.servers": BOOTSTRAP, "group.id": topic})
    low, high = consumer.get_watermark_offsets(TopicPartition(topic, 0), timeout=5)
    consumer.close()
    print(json.dumps({"records": 9, "low": low, "high": high}))


def scenario(name: str, one_record_batches: bool, total: int = 2000) -> dict[str, object]:
    from confluent_kafka import Consumer, Producer
    from confluent_kafka.admin import AdminClient, NewTopic

    prefix = f"qx{uuid.uuid4().hex[:6]}"
    admin = AdminClient({"bootstrap.servers": BOOTSTRAP})
    # Tansu describes only the configs a topic was created with; quixstreams needs
    # retention.ms to derive its changelog's config (KeyError otherwise).
    config = {"retention.ms": "604800000", "retention.bytes": "-1"}
    for future in admin.create_topics([NewTopic(f"{prefix}-in", 4, 1, config=config)]).values():
        future.result()
    env = {**os.environ, "PROBE_PREFIX": prefix}
    if one_record_batches:
        env["PROBE_ONE_RECORD_BATCHES"] = "1"

    def start(state_dir: str) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [sys.executable, __file__, "app"],
            env={**env, "PROBE_STATE_DIR": state_dir},
            stdout=subprocess.DEVNULL,
            stderr=open(f"/tmp/{prefix}-{uuid.uuid4().hex[:4]}.log", "w"),
        )

    producer = Producer({"bootstrap.servers": BOOTSTRAP, "acks": "all"})

    def publish(low: int, high: int) -> None:
        for n in range(low, high):
            key = f"k{n % KEYS}"
            producer.produce(f"{prefix}-in", key=key, value=json.dumps({"k": key, "n": n}))
            producer.poll(0)
            time.sleep(0.005)
        producer.flush(30)

    first_dir, second_dir = f"/tmp/{prefix}-s1", f"/tmp/{prefix}-s2"
    first = start(first_dir)
    time.sleep(8)
    third = total // 3
    if name in ("kill", "wipe"):
        publish(0, total // 2)
        if name == "wipe":
            time.sleep(3)
        first.send_signal(signal.SIGKILL)
        first.wait()
        if name == "wipe":
            shutil.rmtree(first_dir)
        first = start(first_dir)
        publish(total // 2, total)
    else:  # join, killjoin
        publish(0, third)
        second = start(second_dir)
        time.sleep(8)
        publish(third, 2 * third)
        second.send_signal(signal.SIGKILL if name == "killjoin" else signal.SIGTERM)
        second.wait(30)
        publish(2 * third, total)
    expected = {f"k{i}": len(range(i, total, KEYS)) for i in range(KEYS)}
    reader = Consumer(
        {"bootstrap.servers": BOOTSTRAP, "group.id": f"{prefix}-r", "auto.offset.reset": "earliest"}
    )
    reader.subscribe([f"{prefix}-out"])
    outputs: list[dict[str, object]] = []
    last: dict[str, object] = {}
    deadline = time.time() + 90
    while time.time() < deadline and any(last.get(k) != v for k, v in expected.items()):
        message = reader.poll(0.5)
        if message is None or message.error():
            continue
        value = json.loads(message.value())
        outputs.append(value)
        last[value["key"]] = value["seen"]
    reader.close()
    first.send_signal(signal.SIGTERM)
    first.wait(30)
    processed = sum(
        len(Path(path).read_text().split()) for path in glob.glob(f"/tmp/{prefix}-*.processed")
    )
    distinct = {value["n"] for value in outputs}
    return {
        "scenario": name,
        "one_record_batches": one_record_batches,
        "inputs": total,
        "lost_inputs": total - len(distinct),
        "duplicate_outputs": len(outputs) - len(distinct),
        "processed_including_replays": processed,
        "keys_with_exact_state": sum(last.get(k) == v for k, v in expected.items()),
        "keys": KEYS,
    }


def throughput(one_record_batches: bool, total: int = 20_000) -> dict[str, object]:
    """Messages per second of the same app on one CPU, from a backlog (200 keys)."""
    from confluent_kafka import Producer
    from confluent_kafka.admin import AdminClient, NewTopic

    prefix = f"tp{uuid.uuid4().hex[:6]}"
    admin = AdminClient({"bootstrap.servers": BOOTSTRAP})
    config = {"retention.ms": "604800000", "retention.bytes": "-1"}
    for future in admin.create_topics([NewTopic(f"{prefix}-in", 4, 1, config=config)]).values():
        future.result()
    producer = Producer({"bootstrap.servers": BOOTSTRAP, "linger.ms": 20})
    for n in range(total):
        key = f"k{n % 200}"
        producer.produce(f"{prefix}-in", key=key, value=json.dumps({"k": key, "n": n}))
        producer.poll(0)
    producer.flush(60)
    env = {**os.environ, "PROBE_PREFIX": prefix, "PROBE_STATE_DIR": f"/tmp/{prefix}-s"}
    if one_record_batches:
        env["PROBE_ONE_RECORD_BATCHES"] = "1"
    cpu = str(max(os.sched_getaffinity(0)))
    app = subprocess.Popen(
        ["taskset", "-c", cpu, sys.executable, __file__, "app"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    first: tuple[float, int] | None = None
    done = 0
    deadline = time.time() + 300
    while time.time() < deadline and done < total:
        time.sleep(0.5)
        done = sum(
            len(Path(path).read_text().split()) for path in glob.glob(f"/tmp/{prefix}-*.processed")
        )
        if done and first is None:
            first = (time.time(), done)
    ended = time.time()
    app.send_signal(signal.SIGTERM)
    app.wait(30)
    rate = (done - first[1]) / (ended - first[0]) if first else 0.0
    return {"one_record_batches": one_record_batches, "messages": done, "per_second": round(rate)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "what", choices=["app", "highwater", "throughput", "kill", "wipe", "join", "killjoin"]
    )
    parser.add_argument("--one-record-batches", action="store_true")
    args = parser.parse_args()
    if args.what == "app":
        run_app()
    elif args.what == "highwater":
        highwater()
    elif args.what == "throughput":
        print(json.dumps(throughput(args.one_record_batches)))
    else:
        print(json.dumps(scenario(args.what, args.one_record_batches)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
