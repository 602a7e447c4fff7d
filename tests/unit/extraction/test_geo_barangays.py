"""Philippine barangays GeoNames lacks (`barangays.tsv.gz`, from the PSGC) are villages of
their province, read only in an article about the Philippines."""

from __future__ import annotations

import gzip
from importlib import resources

from sitrep.extraction.geo import TextAnalyzer
from sitrep_contracts import PlacePrecision
from tests.unit.extraction.geo_support import places


def test_a_barangay_is_a_village_of_its_province(analyzer: TextAnalyzer) -> None:
    text = "Soldiers clashed with rebels in Barangay Arorogan, Surigao del Sur, on Monday."
    found = places(analyzer, text)["Arorogan"]
    assert (found.country_code, found.admin2, found.precision) == (
        "PH",
        "Surigao del Sur",
        PlacePrecision.POINT,
    )


def test_a_barangay_is_no_reading_outside_the_philippines(analyzer: TextAnalyzer) -> None:
    text = "In Kenya, Arorogan, a herder, said cattle were stolen near Nairobi on Monday."
    assert "Arorogan" not in places(analyzer, text)


def test_a_barangay_named_with_english_words_is_left_out() -> None:
    """'Central' or 'Agriculture' barangays are words in English copy ("the Department of
    Agriculture"): the build leaves names made only of English words out."""
    path = resources.files("sitrep.extraction") / "data" / "geo" / "barangays.tsv.gz"
    with gzip.open(str(path), "rt", encoding="utf-8") as handle:
        names = {line.split("\t")[4] for line in handle if not line.startswith("#")}
    assert "Arorogan" in names
    assert not names & {"Agriculture", "Central", "Victory", "Liberty", "Highway"}
