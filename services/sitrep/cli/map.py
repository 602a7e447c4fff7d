"""`sitrep map`: the live map in a browser (registered in cli/main.py)."""

from __future__ import annotations

from typing import Annotated

import typer

from sitrep.observability.logging import configure_logging
from sitrep.settings import Settings


def map_command(
    host: Annotated[
        str | None, typer.Option(help="Bind address (default SITREP_MAP_HOST, 127.0.0.1).")
    ] = None,
    port: Annotated[int | None, typer.Option(help="Port (default SITREP_MAP_PORT, 8066).")] = None,
) -> None:
    """Serve a live map of the events topic at http://127.0.0.1:8066/ until interrupted."""
    from sitrep.map.server import run_map

    settings = Settings()
    configure_logging(settings.log_format, settings.log_level)
    overrides = {"map_host": host, "map_port": port}
    settings = settings.model_copy(update={k: v for k, v in overrides.items() if v is not None})
    run_map(settings)
