"""Options every Kafka command shares, named as kcat and kafka-console-* name them, and the
settings and logging a command runs with."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from sitrep.cli import errors
from sitrep.observability.logging import configure_logging
from sitrep.settings import Settings, load_settings, parse_bootstrap_servers


def _bootstrap(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return parse_bootstrap_servers(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc


Bootstrap = Annotated[
    str | None,
    typer.Option(
        "-b",
        "--bootstrap-server",
        help="Broker host:port[,host:port] (overrides KAFKA_BOOTSTRAP_SERVERS).",
        callback=_bootstrap,
        show_default=False,
    ),
]
Group = Annotated[
    str | None,
    typer.Option("-G", "--group", help="Consumer group (kcat -G, kafka-console-* --group)."),
]


def topic_option(help_text: str) -> Any:
    return typer.Option("-t", "--topic", help=help_text, show_default=False)


def command_settings(*, interactive: bool = True, **overrides: Any) -> Settings:
    """Settings with the command's options applied, and logging set up for the command.

    Interactive commands log errors only, unless SITREP_LOG_LEVEL says otherwise: their
    output is for a person, and a log line in the middle of it is noise. `--debug` logs all.
    """
    settings = load_settings(**{name: value for name, value in overrides.items() if value})
    if errors.debug:
        level = "DEBUG"
    elif interactive and "log_level" not in settings.model_fields_set:
        level = "ERROR"
    else:
        level = settings.log_level
    configure_logging(settings.log_format, level)
    return settings.model_copy(update={"log_level": level})


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """'1 event', '2 events', '0 events'."""
    return f"{count} {noun if count == 1 else (nouns or noun + 's')}"
