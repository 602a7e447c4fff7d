"""The gazetteer's pickle cache: built once per input set, stale versions removed."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.extraction.geo.gazetteer import Gazetteer


def _tiny() -> Gazetteer:
    return Gazetteer(places=[], keys={}, main_keys=[], admin1_names={}, country_names={})


def test_cache_is_written_once_and_older_caches_are_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stale = tmp_path / "gazetteer-0000000000000000.pickle"
    stale.write_bytes(b"from older inputs")
    builds: list[int] = []

    def build(cls: type[Gazetteer]) -> Gazetteer:
        builds.append(1)
        return _tiny()

    monkeypatch.setattr(Gazetteer, "build", classmethod(build))
    Gazetteer.load(tmp_path)
    Gazetteer.load(tmp_path)

    assert len(builds) == 1  # the second load read the cache
    assert not stale.exists()
    assert len(list(tmp_path.glob("gazetteer-*.pickle"))) == 1
