"""Settings come from the environment only, and secrets never leak."""

from __future__ import annotations

import io
import logging

import pytest
import structlog

from sitrep.observability.logging import configure_logging
from sitrep.settings import Settings, SettingsError, load_settings


def test_kafka_bootstrap_servers_is_read_without_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092")
    settings = Settings()
    assert settings.bootstrap_servers == "kafka-1:9092,kafka-2:9092"
    assert not settings.uses_embedded_broker


def test_without_a_cluster_the_embedded_broker_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KAFKA_BOOTSTRAP_SERVERS", raising=False)
    monkeypatch.delenv("SITREP_KAFKA_BOOTSTRAP_SERVERS", raising=False)
    monkeypatch.setenv("SITREP_EMBEDDED_BROKER_PORT", "19092")
    settings = Settings()
    assert settings.uses_embedded_broker
    assert settings.bootstrap_servers == "127.0.0.1:19092"


def test_sasl_settings_pass_through_to_kafka_clients(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITREP_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
    monkeypatch.setenv("SITREP_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
    monkeypatch.setenv("SITREP_KAFKA_SASL_USERNAME", "svc")
    monkeypatch.setenv("SITREP_KAFKA_SASL_PASSWORD", "s3cr3t-value")
    options = Settings().aiokafka_security()
    assert options == {
        "security_protocol": "SASL_PLAINTEXT",
        "sasl_mechanism": "SCRAM-SHA-512",
        "sasl_plain_username": "svc",
        "sasl_plain_password": "s3cr3t-value",
    }


def test_secrets_are_masked_in_printed_settings_and_logs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITREP_KAFKA_SASL_PASSWORD", "s3cr3t-value")
    monkeypatch.setenv("SITREP_KAFKA_SSL_PASSWORD", "k3y-pass")
    settings = Settings()
    assert "s3cr3t-value" not in str(settings.masked())
    assert "s3cr3t-value" not in repr(settings)

    configure_logging("json", "INFO")
    stream = io.StringIO()
    logging.getLogger().handlers[0].setStream(stream)  # type: ignore[attr-defined]
    structlog.get_logger("test").info("settings.loaded", settings=settings.masked(), raw=settings)
    output = stream.getvalue()
    assert "settings.loaded" in output
    assert "s3cr3t-value" not in output
    assert "k3y-pass" not in output


def test_namespaced_settings_move_every_topic_and_the_group() -> None:
    base = Settings(kafka_bootstrap_servers="k:9092")
    scoped = base.namespaced("tenant-a")
    assert scoped.articles_topic == "tenant-a.articles"
    assert scoped.events_topic == "tenant-a.events"
    assert scoped.enrichments_topic == "tenant-a.enrichments"
    assert scoped.dead_letter_topic == "tenant-a.dead-letters"
    assert scoped.consumer_group == "tenant-a-group"
    assert scoped.bootstrap_servers == base.bootstrap_servers


def test_as_environment_reproduces_the_set_fields_in_a_child_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in list(__import__("os").environ):
        if name.startswith("SITREP_") or name == "KAFKA_BOOTSTRAP_SERVERS":
            monkeypatch.delenv(name)
    original = Settings(
        kafka_bootstrap_servers="k:9092",
        kafka_sasl_password="s3cr3t-value",
        supported_languages=["en", "de"],
        html_policy="reject",
        session_timeout_s=6.0,
    ).namespaced("t1")
    environment = original.as_environment()
    assert "SITREP_WORKER_ID" not in environment  # each process names itself
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    copy = Settings()
    for field in original.model_fields_set - {"worker_id"}:
        assert getattr(copy, field) == getattr(original, field), field


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("KAFKA_BOOTSTRAP_SERVERS", "broker one:9092", "is not host:port"),
        ("KAFKA_BOOTSTRAP_SERVERS", "PLAINTEXT://k:9092", "without a scheme"),
        ("KAFKA_BOOTSTRAP_SERVERS", "k:9092,k2:70000", "1-65535"),
        ("KAFKA_BOOTSTRAP_SERVERS", "k:9092,,k2:9092", "is not host:port"),
        ("SITREP_LOG_LEVEL", "loud", "'DEBUG', 'INFO', 'WARNING' or 'ERROR'"),
        ("SITREP_TOPIC_PARTITIONS", "four", "valid integer"),
        ("SITREP_SUPPORTED_LANGUAGES", "en,de", 'not valid JSON (e.g. ["en"])'),
    ],
)
def test_a_bad_variable_is_named_with_the_form_it_takes(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, message: str
) -> None:
    monkeypatch.setenv(variable, value)

    with pytest.raises(SettingsError) as caught:
        load_settings()

    assert str(caught.value).startswith(variable)
    assert message in str(caught.value)


def test_a_misspelt_variable_is_an_error_naming_the_one_meant(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SITREP_LOG_LEVLE", "DEBUG")

    with pytest.raises(SettingsError, match="SITREP_LOG_LEVLE is not a setting; did you mean "):
        load_settings()


def test_variables_of_tools_unlike_any_setting_are_left_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SITREP_VENV", "/opt/venv")  # scripts/run.sh's own

    assert load_settings().log_level == "INFO"


def test_words_of_a_fixed_set_are_read_in_any_case(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable, value in {
        "SITREP_LOG_LEVEL": "warn",
        "SITREP_LOG_FORMAT": "JSON",
        "SITREP_HTML_POLICY": "Reject",
        "SITREP_NER_MODE": "OFF",
        "SITREP_KAFKA_SECURITY_PROTOCOL": "sasl_ssl",
        "SITREP_KAFKA_SASL_MECHANISM": "scram-sha-512",
    }.items():
        monkeypatch.setenv(variable, value)

    settings = load_settings()

    assert (settings.log_level, settings.log_format, settings.ner_mode) == (
        "WARNING",
        "json",
        "off",
    )
    assert settings.html_policy == "reject"
    assert settings.kafka_security_protocol == "SASL_SSL"
    assert settings.kafka_sasl_mechanism == "SCRAM-SHA-512"


def test_bootstrap_servers_are_normalised_and_overrides_win(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KAFKA_BOOTSTRAP_SERVERS", " k1:9092 , [::1]:9093,k3")

    assert load_settings().bootstrap_servers == "k1:9092,[::1]:9093,k3"
    assert load_settings(kafka_bootstrap_servers="other:1").bootstrap_servers == "other:1"
