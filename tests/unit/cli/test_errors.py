"""Ordinary mistakes end in one line on stderr and a non-zero exit, never a traceback.

No broker is needed: nothing listens on port 1, so connecting fails at once. Most cases run
the command in this process (typer's runner); those about the process itself (a traceback
or its absence, the worker's start) run `python -m sitrep.cli.main`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli.main import app

NO_BROKER = "127.0.0.1:1"


def clean_environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(("SITREP_", "KAFKA_"))}


def process(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sitrep.cli.main", *args],
        env={**clean_environment(), **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def sitrep(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The command run in this process, its result shaped as a subprocess's."""
    unset = {k: None for k in os.environ if k.startswith(("SITREP_", "KAFKA_"))}
    result = CliRunner().invoke(app, list(args), env={**unset, **env})
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    return lines[0]


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "story-2022-09-09.txt"
    path.write_text("Shelling killed two civilians in Kherson on Friday.", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["tail"],
        ["tail", "-t", "dead-letters", "-e"],
        ["tail", "--incidents"],
        ["export"],
        ["incidents"],
        ["incidents", "export"],
        ["publish", "FILE"],
    ],
    ids=[
        "tail",
        "tail-dead-letters",
        "tail-incidents",
        "export",
        "incidents",
        "incidents-export",
        "publish",
    ],
)
def test_no_broker_is_one_line_saying_what_to_do(command: list[str], article_file: Path) -> None:
    args = [str(article_file) if part == "FILE" else part for part in command]

    result = sitrep(*args, "-b", NO_BROKER)

    assert result.returncode == 1
    line = one_error_line(result)
    assert f"cannot connect to a Kafka broker at {NO_BROKER}" in line
    assert "KAFKA_BOOTSTRAP_SERVERS" in line
    assert result.stdout == ""


def test_a_worker_without_broker_says_so_before_loading_models_and_without_traceback() -> None:
    result = process("worker", "-b", NO_BROKER)

    assert result.returncode == 1
    line = one_error_line(result)
    assert f"cannot connect to a Kafka broker at {NO_BROKER}" in line
    assert "KAFKA_BOOTSTRAP_SERVERS" in line
    assert result.stdout == ""
    assert "loading_models" not in result.stderr  # the worker checked before loading


def test_without_a_cluster_the_error_says_how_to_start_the_embedded_broker() -> None:
    result = sitrep("tail", SITREP_EMBEDDED_BROKER_PORT="1")

    assert result.returncode == 1
    assert "start one with `sitrep broker`" in one_error_line(result)


@pytest.mark.parametrize(
    ("args", "env", "expected"),
    [
        (["tail", "-b", "broker one"], {}, "'broker one' is not host:port"),
        (["tail"], {"KAFKA_BOOTSTRAP_SERVERS": "http://k:9092"}, "without a scheme"),
        (["config"], {"SITREP_LOG_LEVLE": "debug"}, "did you mean SITREP_LOG_LEVEL?"),
        (["config"], {"SITREP_TOPIC_PARTITIONS": "four"}, "SITREP_TOPIC_PARTITIONS='four'"),
        (["tail", "-o", "yesterday"], {}, "-o: 'yesterday' is not an offset"),
        (["tail", "-G", "g", "-p", "0"], {}, "-p and -G do not mix"),
        (["tail", "-o", "stored"], {}, "give -G GROUP"),
        (["tail", "--format", "xml"], {}, "--format 'xml'"),
        (["tail", "--event-type", "Picnics"], {}, "--event-type 'Picnics'"),
        (["tail", "--incidents", "-t", "events"], {}, "--incidents is -t incidents"),
    ],
)
def test_usage_mistakes_exit_2_with_one_line(
    args: list[str], env: dict[str, str], expected: str
) -> None:
    result = sitrep(*args, **env)

    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert expected in result.stderr


def test_levels_and_words_are_read_in_any_case() -> None:
    result = sitrep("config", SITREP_LOG_LEVEL="debug", SITREP_HTML_POLICY="Reject")

    assert result.returncode == 0, result.stderr
    assert '"log_level": "DEBUG"' in result.stdout
    assert '"html_policy": "reject"' in result.stdout


def test_a_file_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    latin = tmp_path / "kyiv-2022-09-09.txt"
    latin.write_bytes("Caf\xe9 shelled in Kyiv".encode("latin-1"))

    result = sitrep("publish", str(latin), "-b", NO_BROKER)

    assert result.returncode == 2
    line = one_error_line(result)
    assert f"{latin}: not UTF-8 text (byte 0xe9 at 3)" in line


def test_an_empty_input_is_a_warning_not_an_error(tmp_path: Path) -> None:
    empty = tmp_path / "none.jsonl"
    empty.write_text("\n", encoding="utf-8")

    result = sitrep("publish", str(empty), "-b", NO_BROKER)

    assert result.returncode == 0
    assert result.stderr.startswith("warning: nothing to publish: no articles in")
    assert "Traceback" not in result.stderr


def test_debug_shows_the_traceback() -> None:
    result = process("--debug", "tail", "-b", NO_BROKER)

    assert result.returncode == 1
    assert "Traceback" in result.stderr
    assert "BrokerUnreachableError" in result.stderr
