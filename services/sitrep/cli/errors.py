"""Ordinary mistakes end a command with one line on stderr and an exit code, not a traceback.

Exit codes follow the shell's conventions: 1 for a failure (no broker, no topic), 2 for a
usage error (bad option, setting or input), 130 for Ctrl-C. `sitrep --debug` shows the
traceback instead.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import ParamSpec, TypeVar

import typer
from aiokafka.errors import KafkaError
from rich.console import Console
from rich.markup import escape

from sitrep.broker.admin import BrokerUnreachableError
from sitrep.client import UnknownTopicError
from sitrep.inputs import ArticleInput, InputError
from sitrep.settings import SettingsError

FAILURE = 1
USAGE = 2
INTERRUPTED = 130

stderr = Console(stderr=True, highlight=False, soft_wrap=True)
debug = False  # set by `sitrep --debug`

P = ParamSpec("P")
R = TypeVar("R")


class CliError(Exception):
    """A message for the user and the exit code that goes with it."""

    def __init__(self, message: str, code: int = FAILURE) -> None:
        super().__init__(message)
        self.code = code


def warn(message: str) -> None:
    stderr.print(f"[yellow]warning:[/yellow] {escape(message)}")


def warn_assumed_times(items: Iterable[ArticleInput]) -> None:
    """Say how many JSON Lines rows had no `published_at`: their relative dates may drift."""
    assumed = [item for item in items if item.published_at_assumed]
    if assumed:
        first = assumed[0]
        warn(
            f"{len(assumed)} JSON Lines row(s) had no published_at, first {first.origin}: "
            f"used {first.article.published_at.isoformat()} (--published-at, else the date "
            "in the file name, else the file's time); dates like 'on Tuesday' resolve "
            "against it"
        )


def fail(message: str, code: int) -> typer.Exit:
    stderr.print(f"[red]error:[/red] {escape(message)}")
    return typer.Exit(code)


def friendly_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn the errors a user can fix into one line and an exit code (tracebacks: --debug)."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort, typer.BadParameter):
            raise
        except KeyboardInterrupt:
            if debug:
                raise
            stderr.print("interrupted")
            raise typer.Exit(INTERRUPTED) from None
        except Exception as exc:
            if debug:
                raise
            raise _exit_for(exc) from None

    return wrapper


def _exit_for(exc: Exception) -> typer.Exit:
    match exc:
        case CliError():
            return fail(str(exc), exc.code)
        case SettingsError() | InputError():
            return fail(str(exc), USAGE)
        case BrokerUnreachableError() | UnknownTopicError():
            return fail(str(exc), FAILURE)
        case KafkaError():
            return fail(f"Kafka: {exc} (run `sitrep --debug ...` for details)", FAILURE)
        case _:
            return fail(
                f"{type(exc).__name__}: {exc} (a bug? `sitrep --debug ...` shows the traceback)",
                FAILURE,
            )
