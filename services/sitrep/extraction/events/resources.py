"""Loads the event dictionaries shipped under `sitrep/extraction/data/events/`."""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

_PACKAGE = "sitrep.extraction"


def data_text(name: str) -> str:
    return (resources.files(_PACKAGE) / "data" / "events" / name).read_text(encoding="utf-8")


def load_yaml(name: str) -> Any:
    return yaml.safe_load(data_text(name))


def load_tsv(name: str) -> list[list[str]]:
    rows = []
    for line in data_text(name).splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows
