"""The gazetteer's pickle cache: built once per input set, shared safely between installs."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from sitrep.extraction.geo import gazetteer as gazetteer_module
from sitrep.extraction.geo.analyzer import TextAnalyzer
from sitrep.extraction.geo.gazetteer import CACHE_UNUSED_DAYS, Gazetteer
from sitrep.extraction.geo.store import NameIndex, PlaceTable


def _tiny() -> Gazetteer:
    return Gazetteer(places=PlaceTable([]), keys=NameIndex({}), admin1_names={}, country_names={})


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    counted: list[int] = []

    def build(cls: type[Gazetteer]) -> Gazetteer:
        counted.append(1)
        return _tiny()

    monkeypatch.setattr(Gazetteer, "build", classmethod(build))
    return counted


def test_cache_is_written_once_then_read(tmp_path: Path, builds: list[int]) -> None:
    Gazetteer.load(tmp_path)
    Gazetteer.load(tmp_path)

    assert len(builds) == 1
    assert len(list(tmp_path.glob("gazetteer-*.pickle"))) == 1


def test_another_installs_recent_cache_is_kept(tmp_path: Path, builds: list[int]) -> None:
    """Two installs of different versions on one machine must not delete each other's
    cache (each would rebuild it on every start)."""
    other_install = tmp_path / "gazetteer-0000000000000000.pickle"
    other_install.write_bytes(b"another version's index")

    Gazetteer.load(tmp_path)

    assert other_install.exists()


def test_a_cache_unused_for_weeks_is_removed(tmp_path: Path, builds: list[int]) -> None:
    abandoned = tmp_path / "gazetteer-0000000000000000.pickle"
    abandoned.write_bytes(b"an uninstalled version's index")
    old = time.time() - (CACHE_UNUSED_DAYS + 1) * 86_400
    os.utime(abandoned, (old, old))

    Gazetteer.load(tmp_path)

    assert not abandoned.exists()


def test_cache_name_depends_on_content_not_file_times(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reinstall (new file times, same content) must find the existing cache."""
    cities = tmp_path / "cities500.json"
    cities.write_text("[]")
    monkeypatch.setattr(gazetteer_module, "_cities_path", lambda: cities)
    before = gazetteer_module._inputs_digest()
    os.utime(cities, (1_000_000, 1_000_000))
    assert gazetteer_module._inputs_digest() == before


def test_text_analyzer_honours_the_configured_cache_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, builds: list[int]
) -> None:
    monkeypatch.setenv("SITREP_CACHE_DIR", str(tmp_path))

    TextAnalyzer.load(ner="off")

    assert list(tmp_path.glob("gazetteer-*.pickle"))
