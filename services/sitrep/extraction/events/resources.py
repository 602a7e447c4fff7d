"""Loads the event dictionaries shipped under `sitrep/extraction/data/events/`."""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

_PACKAGE = "sitrep.extraction"


def data_text(name: str) -> str:
    return (resources.files(_PACKAGE) / "data" / "events" / name).read_text(encoding="utf-8")


#: libyaml's safe loader where PyYAML was built with it: the tables load in a tenth of the
#: time (the pure-Python one takes over half a second for all of them).
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(name: str) -> Any:
    return yaml.load(data_text(name), Loader=_SAFE_LOADER)  # noqa: S506 (a safe loader)


def load_tsv(name: str) -> list[list[str]]:
    rows = []
    for line in data_text(name).splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows
