"""structlog, configured once: JSON lines in production, readable colours on a terminal.

The stdlib root logger (aiokafka, aiohttp) goes through the same formatter, so one
stream of one format reaches the log shipper.
"""

from __future__ import annotations

import logging
import logging.config
import sys
from typing import Any, Literal

import structlog

LogFormat = Literal["auto", "json", "console"]


def _renderer(log_format: LogFormat) -> Any:
    use_console = log_format == "console" or (log_format == "auto" and sys.stderr.isatty())
    if use_console:
        return structlog.dev.ConsoleRenderer(colors=sys.stderr.isatty())
    return structlog.processors.JSONRenderer()


def _shared_processors() -> list[Any]:
    return [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]


def logging_dict_config(log_format: LogFormat = "auto", level: str = "INFO") -> dict[str, Any]:
    """A `logging.config.dictConfig` mapping routing stdlib records through structlog."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "structlog": {
                "()": structlog.stdlib.ProcessorFormatter,
                "processors": [
                    structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                    structlog.processors.format_exc_info,
                    _renderer(log_format),
                ],
                "foreign_pre_chain": _shared_processors(),
            }
        },
        "handlers": {
            # stderr: standard output is reserved for data (`sitrep extract --json`).
            "default": {
                "class": "logging.StreamHandler",
                "formatter": "structlog",
                "stream": "ext://sys.stderr",
            }
        },
        "root": {"handlers": ["default"], "level": level},
        "loggers": {
            "aiokafka": {"level": "WARNING" if level == "INFO" else level},
            "aiohttp.access": {"level": "WARNING"},
        },
    }


def configure_logging(log_format: LogFormat = "auto", level: str = "INFO") -> None:
    logging.config.dictConfig(logging_dict_config(log_format, level))
    structlog.configure(
        processors=[
            *_shared_processors(),
            structlog.processors.StackInfoRenderer(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
