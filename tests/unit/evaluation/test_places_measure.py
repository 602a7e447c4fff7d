"""The geoparsing measure on full articles (sitrep.evaluation.places), on a stub analyzer."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sitrep.evaluation.places import evaluate_places
from sitrep_contracts import PlacePrecision, ResolvedPlace, TextSpan


def _town(admin1: str, code: str) -> ResolvedPlace:
    return ResolvedPlace(
        text="Hajin",
        name="Hajin",
        geonameid=1,
        country_code="SY",
        admin1=admin1,
        admin1_code=code,
        precision=PlacePrecision.POINT,
        confidence=0.9,
        evidence=TextSpan(start=0, end=5, text="Hajin"),
    )


def _analyzer(place: ResolvedPlace) -> Any:
    analysis = SimpleNamespace(focus_country="SY", places=[place])
    gazetteer = SimpleNamespace(lookup=lambda key: [])
    return SimpleNamespace(analyze=lambda text: analysis, gazetteer=gazetteer)


def test_the_gold_region_is_found_by_its_code_whatever_its_spelling(tmp_path: Path) -> None:
    row = {
        "source_article": "Hajin ...",
        "location_root_name": "Syria",
        "location_adm1_name": "Deir ez Zor governorate",
        "location_where_name": "",
    }
    path = tmp_path / "rows.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    # GeoNames spells the governorate "Dayr az Zawr" (code SY.07)
    found = evaluate_places(path, _analyzer(_town("Dayr az Zawr", "SY.07")))
    assert found["gold_admin1_found"] == 1.0
    missed = evaluate_places(path, _analyzer(_town("Ar Raqqah", "SY.04")))
    assert missed["gold_admin1_found"] == 0.0
