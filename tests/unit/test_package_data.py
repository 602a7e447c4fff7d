"""Every data file the services read ships in the wheel: a non-editable install (the
Docker image) has only what pyproject.toml's package-data names."""

from __future__ import annotations

import subprocess
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "services"


def _shipped(package_data: dict[str, list[str]]) -> set[Path]:
    """The files package-data's globs select, as setuptools expands them."""
    files: set[Path] = set()
    for package, patterns in package_data.items():
        folder = SOURCES.joinpath(*package.split("."))
        for pattern in patterns:
            files.update(p for p in folder.glob(pattern) if p.is_file())
    return files


def test_every_tracked_data_file_under_services_is_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    shipped = _shipped(config["tool"]["setuptools"]["package-data"])
    tracked = subprocess.run(
        ["git", "ls-files", "services"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    data = [ROOT / p for p in tracked if not p.endswith(".py")]
    assert data, "no data files found: the test would prove nothing"
    assert sorted(str(p.relative_to(SOURCES)) for p in data if p not in shipped) == []
