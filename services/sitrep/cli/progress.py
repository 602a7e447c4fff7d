"""What a person sees while models load: a spinner with the time so far, on stderr."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from sitrep.cli.errors import stderr
from sitrep.settings import Settings


def loading_message(settings: Settings) -> str:
    """Says so when the gazetteer index must be built first (once per install and version)."""
    from sitrep.extraction.geo.gazetteer import cache_file

    cache_dir = Path(settings.cache_dir) if settings.cache_dir else None
    if cache_file(cache_dir).exists():
        return "loading models"
    return "building the gazetteer index, once (~30 s)"


@contextlib.contextmanager
def spinner(message: str) -> Iterator[None]:
    """A transient spinner with elapsed time; nothing at all when stderr is not a terminal."""
    with Progress(
        SpinnerColumn(),
        TextColumn(message),
        TimeElapsedColumn(),
        console=stderr,
        transient=True,
        disable=not stderr.is_terminal,
    ) as progress:
        progress.add_task(message, total=None)
        yield
