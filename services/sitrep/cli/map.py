"""`sitrep map`: the live map in a browser (registered in cli/main.py)."""

from __future__ import annotations

from typing import Annotated

import typer

from sitrep.cli.errors import friendly_errors
from sitrep.cli.options import Bootstrap, command_settings, topic_option


@friendly_errors
def map_command(
    bootstrap: Bootstrap = None,
    topic: Annotated[str | None, topic_option("Events topic to show.")] = None,
    host: Annotated[
        str | None, typer.Option(help="Bind address (default SITREP_MAP_HOST, 127.0.0.1).")
    ] = None,
    port: Annotated[int | None, typer.Option(help="Port (default SITREP_MAP_PORT, 8066).")] = None,
) -> None:
    """Serve a live map of the events topic at http://127.0.0.1:8066/ until interrupted."""
    from sitrep.map.server import run_map

    settings = command_settings(
        interactive=False,
        kafka_bootstrap_servers=bootstrap,
        events_topic=topic,
        map_host=host,
        map_port=port,
    )
    run_map(settings)
