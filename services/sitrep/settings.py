"""The one place that reads the environment: every Sitrep setting, its variable and default."""

from __future__ import annotations

import difflib
import json
import os
import re
import socket
from enum import StrEnum
from typing import Any, Literal

from pydantic import (
    AliasChoices,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, SettingsConfigDict
from pydantic_settings import SettingsError as SourceError

EMBEDDED_BOOTSTRAP = "127.0.0.1:9092"


class HtmlPolicy(StrEnum):
    STRIP = "strip"  # remove tags and decode entities, keep the text
    REJECT = "reject"  # dead-letter the article


class Settings(BaseSettings):
    """Read from `SITREP_*` variables (and the standard `KAFKA_BOOTSTRAP_SERVERS`)."""

    model_config = SettingsConfigDict(
        env_prefix="SITREP_", env_nested_delimiter="__", extra="ignore", frozen=True
    )

    # --- Kafka connection -------------------------------------------------------------
    kafka_bootstrap_servers: str | None = Field(
        default=None,
        validation_alias=AliasChoices("KAFKA_BOOTSTRAP_SERVERS", "SITREP_KAFKA_BOOTSTRAP_SERVERS"),
        description="host:port[,host:port]. Unset: the embedded broker on 127.0.0.1:9092.",
    )
    kafka_security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = Field(
        default="PLAINTEXT", description="Kafka security protocol."
    )
    kafka_sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] | None = Field(
        default=None, description="SASL mechanism, with SASL_* protocols."
    )
    kafka_sasl_username: str | None = Field(default=None, description="SASL user name.")
    kafka_sasl_password: SecretStr | None = Field(default=None, description="SASL password.")
    kafka_ssl_cafile: str | None = Field(default=None, description="CA bundle (PEM) path.")
    kafka_ssl_certfile: str | None = Field(default=None, description="Client certificate path.")
    kafka_ssl_keyfile: str | None = Field(default=None, description="Client private key path.")
    kafka_ssl_password: SecretStr | None = Field(default=None, description="Private key password.")

    # --- Topics -----------------------------------------------------------------------
    articles_topic: str = Field(default="sitrep.articles.v1", description="Input: Article.")
    events_topic: str = Field(default="sitrep.events.v1", description="Output: EnrichedEvent.")
    enrichments_topic: str = Field(
        default="sitrep.enrichments.v1", description="Output: ArticleEnrichment."
    )
    dead_letter_topic: str = Field(
        default="sitrep.dead-letters.v1", description="Output: DeadLetter."
    )
    incidents_topic: str = Field(
        default="sitrep.incidents.v1", description="Output of `sitrep incidents`: Incident."
    )
    topic_partitions: int = Field(default=4, ge=1, description="Partitions for created topics.")
    topic_replication_factor: int = Field(default=1, ge=1, description="Replicas, created topics.")

    # --- Worker -----------------------------------------------------------------------
    consumer_group: str = Field(default="sitrep-enricher", description="Worker consumer group.")
    worker_id: str = Field(
        default_factory=lambda: f"{socket.gethostname()}-{os.getpid()}",
        description="Names this worker in dead letters and logs.",
    )
    exactly_once: bool = Field(
        default=False,
        description="Kafka transactions (needs a broker that supports them; not the embedded one).",
    )
    max_article_bytes: int = Field(
        default=1_000_000, ge=1_000, description="Larger article messages are dead-lettered."
    )
    html_policy: HtmlPolicy = Field(default=HtmlPolicy.STRIP, description="strip or reject HTML.")
    supported_languages: list[str] = Field(
        default=["en"], description="Article languages the extractor accepts (JSON list)."
    )
    ner_mode: Literal["off", "doubtful", "all"] = Field(
        default="doubtful",
        description="Where spaCy's NER runs: off (fastest; no person/organisation names), "
        "doubtful (sentences whose place or name candidates need it), all (slowest).",
    )
    other_news_ner: Literal["off", "doubtful", "all"] = Field(
        default="off",
        description="Where NER runs for articles the relevance gate finds not about conflict "
        "(no events; their places and entities still go on the enrichment): off keeps other "
        "news cheap; the value of SITREP_NER_MODE gives it the same geoparsing as conflict "
        "news. `sitrep geoparse` always uses SITREP_NER_MODE.",
    )
    cache_dir: str | None = Field(
        default=None,
        description="Where the gazetteer index is cached (built in ~30 s when missing). "
        "Unset: ~/.cache/sitrep. The container image ships one under /opt/sitrep/cache.",
    )
    web_host: str = Field(default="0.0.0.0", description="Metrics and health server bind address.")  # noqa: S104 -- probes and Prometheus reach the pod from outside
    web_port: int = Field(default=6066, ge=0, le=65535, description="Metrics and health port.")
    session_timeout_s: float = Field(
        default=10.0,
        gt=1,
        description="Consumer session and rebalance timeout: how soon a dead worker's "
        "partitions move to the others.",
    )
    extraction_timeout_s: float = Field(
        default=30.0,
        gt=0,
        description="Time budget per article (decoding and extraction, in a child process); "
        "over it the article is dead-lettered (extraction_timeout) and the process replaced.",
    )
    max_record_bytes: int = Field(
        default=1_000_000,
        ge=100_000,
        description="Upper bound of every record the worker produces (before compression); "
        "keep it under the broker's message.max.bytes (1,048,588 by default).",
    )
    max_events_per_article: int = Field(
        default=200, ge=1, description="Events sent per article; the rest are counted as omitted."
    )
    max_places_per_article: int = Field(
        default=1000,
        ge=1,
        description="Place mentions, and entity mentions, listed per enrichment; the rest "
        "are counted as omitted.",
    )
    compression: Literal["none", "gzip", "lz4", "zstd"] = Field(
        default="zstd", description="Compression of produced records."
    )

    # --- Incident stage ---------------------------------------------------------------
    incidents_group: str = Field(
        default="sitrep-incidents",
        description="Consumer group of `sitrep incidents`; also names its internal topics "
        "(`<group>.reports`, `<group>.changelog`).",
    )

    # --- Embedded broker --------------------------------------------------------------
    embedded_broker_port: int = Field(default=9092, description="Port of `sitrep broker`.")

    # --- Logs -------------------------------------------------------------------------
    log_format: Literal["auto", "json", "console"] = Field(
        default="auto", description="auto: console on a terminal, JSON otherwise."
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        default="INFO", description="Log level."
    )

    # --- Map (`sitrep map`) -----------------------------------------------------------
    map_host: str = Field(
        default="127.0.0.1",
        description="Map page bind address. Loopback by default; set 0.0.0.0 to expose it "
        "(then set SITREP_MAP_TOKEN).",
    )
    map_port: int = Field(
        default=8066, ge=0, le=65535, description="Map page, /health and /metrics port."
    )
    map_token: SecretStr | None = Field(
        default=None,
        description="Bearer token the map's event stream requires (open the page as "
        "/#token=...). Unset: no token.",
    )
    map_allowed_hosts: list[str] = Field(
        default=[],
        description="Host names the map answers to besides loopback ones (JSON list), "
        "against DNS rebinding; ignored when a token is set.",
    )
    map_max_events: int = Field(
        default=100_000,
        ge=1,
        description="Most recent items (events and incidents) the map keeps and replays.",
    )
    map_tile_url: str | None = Field(
        default=None,
        description="Web map tiles, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png "
        "(allowed by the page's CSP). Unset: the bundled world outline only, no network.",
    )
    map_tile_attribution: str = Field(
        default="", description="Attribution shown under the tiles (their licence asks for it)."
    )

    @property
    def bootstrap_servers(self) -> str:
        return self.kafka_bootstrap_servers or f"127.0.0.1:{self.embedded_broker_port}"

    def namespaced(self, prefix: str) -> Settings:
        """These settings with every topic and the group under `prefix` (tests, tenants)."""
        return self.model_copy(
            update={
                "articles_topic": f"{prefix}.articles",
                "events_topic": f"{prefix}.events",
                "enrichments_topic": f"{prefix}.enrichments",
                "dead_letter_topic": f"{prefix}.dead-letters",
                "incidents_topic": f"{prefix}.incidents",
                "consumer_group": f"{prefix}-group",
                "incidents_group": f"{prefix}-incidents",
            }
        )

    @property
    def compression_type(self) -> str | None:
        """The aiokafka `compression_type` for `compression`."""
        return None if self.compression == "none" else self.compression

    @property
    def uses_embedded_broker(self) -> bool:
        return self.kafka_bootstrap_servers is None

    def aiokafka_security(self) -> dict[str, Any]:
        """Connection keyword arguments shared by every aiokafka client."""
        options: dict[str, Any] = {"security_protocol": self.kafka_security_protocol}
        if self.kafka_security_protocol.startswith("SASL"):
            options["sasl_mechanism"] = self.kafka_sasl_mechanism or "PLAIN"
            options["sasl_plain_username"] = self.kafka_sasl_username
            options["sasl_plain_password"] = (
                self.kafka_sasl_password.get_secret_value() if self.kafka_sasl_password else None
            )
        if self.kafka_security_protocol.endswith("SSL"):
            from aiokafka.helpers import create_ssl_context

            options["ssl_context"] = create_ssl_context(
                cafile=self.kafka_ssl_cafile,
                certfile=self.kafka_ssl_certfile,
                keyfile=self.kafka_ssl_keyfile,
                password=(
                    self.kafka_ssl_password.get_secret_value() if self.kafka_ssl_password else None
                ),
            )
        return options

    def as_environment(self) -> dict[str, str]:
        """The variables that reproduce the explicitly set fields, for a child process."""
        environment: dict[str, str] = {}
        for name in sorted(self.model_fields_set - {"worker_id"}):  # each process names itself
            value = getattr(self, name)
            if value is None:
                continue
            if isinstance(value, SecretStr):
                value = value.get_secret_value()
            elif isinstance(value, list):
                value = json.dumps(value)
            variable = env_variable(name).split(" / ")[0]
            environment[variable] = str(getattr(value, "value", value))
        return environment

    def masked(self) -> dict[str, Any]:
        """Effective settings for display: secrets shown as '**********'."""
        return self.model_dump(mode="json")

    # --- Validation beyond types --------------------------------------------------------
    @field_validator("kafka_bootstrap_servers")
    @classmethod
    def _host_port_list(cls, value: str | None) -> str | None:
        return None if value is None else parse_bootstrap_servers(value)

    @field_validator("kafka_security_protocol", "kafka_sasl_mechanism", "log_level", mode="before")
    @classmethod
    def _any_case_upper(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        upper = value.strip().upper()
        return "WARNING" if upper == "WARN" else upper

    @field_validator("html_policy", "ner_mode", "log_format", mode="before")
    @classmethod
    def _any_case_lower(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @model_validator(mode="before")
    @classmethod
    def _no_misspelt_variables(cls, data: Any) -> Any:
        """A misspelt variable would be silently ignored: name it and the one meant."""
        known = {part for name in cls.model_fields for part in env_variable(name).split(" / ")}
        for variable in os.environ:
            name = variable.upper()
            if name.startswith("SITREP_") and name not in known:
                meant = difflib.get_close_matches(name, known, n=1, cutoff=0.8)
                if meant:  # far from every setting: a tool's own variable (SITREP_VENV)
                    raise ValueError(f"{variable} is not a setting; did you mean {meant[0]}?")
        return data


def env_variable(name: str) -> str:
    """The environment variable(s) that set one field, for docs and deploy checks."""
    field = Settings.model_fields[name]
    alias = field.validation_alias
    if isinstance(alias, AliasChoices):
        return " / ".join(str(choice) for choice in alias.choices)
    return f"SITREP_{name.upper()}"


_HOST_PORT = re.compile(r"(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.-]+)(?::(\d{1,5}))?")


def parse_bootstrap_servers(value: str) -> str:
    """`host:port[,host:port]` normalised (spaces dropped), or ValueError saying what is wrong."""
    entries = [entry.strip() for entry in value.split(",")]
    for entry in entries:
        if "://" in entry:
            raise ValueError(f"{entry!r}: give host:port without a scheme")
        match = _HOST_PORT.fullmatch(entry)
        if match is None:
            raise ValueError(f"{entry!r} is not host:port (e.g. broker-1:9092,broker-2:9092)")
        if match.group(2) is not None and not 0 < int(match.group(2)) < 65536:
            raise ValueError(f"{entry!r}: the port must be 1-65535")
    return ",".join(entries)


class SettingsError(ValueError):
    """Settings that cannot be used, in one line: which variable, what it got, what it takes."""


def load_settings(**overrides: Any) -> Settings:
    """Settings from the environment, `overrides` winning; SettingsError when one is wrong."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        raise SettingsError(_describe(exc)) from exc
    except SourceError as exc:  # a JSON-valued variable that is not JSON
        name = next((n for n in Settings.model_fields if f'"{n}"' in str(exc)), None)
        variable = env_variable(name) if name else "a SITREP_* variable"
        raise SettingsError(f'{variable} is not valid JSON (e.g. ["en"])') from exc


def _describe(exc: ValidationError) -> str:
    error = exc.errors()[0]
    message = error["msg"].removeprefix("Value error, ")
    if not error["loc"]:  # a whole-model check
        return message
    name = str(error["loc"][0])
    variable = env_variable(name).split(" / ")[0] if name in Settings.model_fields else name
    expected = message[0].lower() + message[1:]
    return f"{variable}={error['input']!r}: {expected}"
