"""Compiled extraction modules never shadow sources edited after the build."""

from __future__ import annotations

import importlib.machinery
from pathlib import Path

import pytest

from sitrep.extraction import compiled


@pytest.fixture
def stamp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "_compiled.json"
    monkeypatch.setattr(compiled, "STAMP", path)
    return path


def test_a_stamp_of_the_current_sources_is_fresh(stamp: Path) -> None:
    stamp.write_text(compiled.stamp_text(compiled.source_hashes()), encoding="utf-8")
    assert not compiled.stale()


def test_one_edited_source_makes_the_build_stale(stamp: Path) -> None:
    hashes = compiled.source_hashes()
    hashes["geo.mentions"] = "0" * 64  # what the build saw before an edit
    stamp.write_text(compiled.stamp_text(hashes), encoding="utf-8")
    assert compiled.stale()


def test_no_stamp_is_stale(stamp: Path) -> None:
    assert compiled.stale()


def test_every_listed_module_has_its_source() -> None:
    assert all(compiled.source_path(m).is_file() for m in compiled.MODULES)


def test_refused_modules_load_from_their_source_and_others_are_left_alone() -> None:
    name = f"{compiled.PACKAGE}.geo.mentions"
    finder = compiled._SourcesFirst({name: compiled.source_path("geo.mentions")})
    spec = finder.find_spec(name, None)
    assert spec is not None
    assert isinstance(spec.loader, importlib.machinery.SourceFileLoader)
    assert spec.origin == str(compiled.source_path("geo.mentions"))
    assert finder.find_spec("sitrep.settings", None) is None
