"""Names the matcher reads whatever their written form (a lower-case article, the Persian
ezafe hyphened between the words it joins), and names that are a group's, not a place.
Gazetteer entries are real; the sentences are invented."""

from __future__ import annotations

import gzip
import re
from importlib import resources

import pytest

from sitrep.extraction.geo import TextAnalyzer
from sitrep.extraction.geo.mentions import TOWN_WORD, mark_context
from sitrep.extraction.geo.normalize import tokenize
from tests.unit.extraction.geo_support import places


def locality_names(country: str) -> list[str]:
    """The names of one country's villages in the shipped localities table."""
    path = resources.files("sitrep.extraction") / "data" / "geo" / "localities.tsv.gz"
    with gzip.open(str(path), "rt", encoding="utf-8") as handle:
        return [line.split("\t")[4] for line in handle if line.startswith(country + "\t")]


def test_a_hyphened_ezafe_name_is_one_place(analyzer: TextAnalyzer) -> None:
    name = next(
        p.name
        for p in analyzer.gazetteer.places
        if p.country == "AF"
        and p.kind == "city"
        and re.fullmatch(r"[A-Z][a-z]+ i [A-Z][a-z]+", p.name)
    )
    first, last = name.split(" i ")
    for written in (f"{first}-i-{last}", f"{first}-e-{last}"):
        found = places(analyzer, f"Gunmen shot a teacher in {written}, Afghanistan, on Monday.")
        assert found[written].name == name


def test_a_lower_case_article_opens_the_name_it_is_hyphened_to(analyzer: TextAnalyzer) -> None:
    names = [n for n in locality_names("YE") if n.startswith("Al ") and n[3:].isalpha()]
    written = "al-" + names[len(names) // 2][3:]  # "Al Xyz" as SOHR writes it: "al-Xyz"
    text = f"Troops shelled the {written} market on Monday."
    assert written in [m.text for m in analyzer._finder.find(text, tokenize(text))]
    # The article alone is never a place.
    text = "Troops shelled the al-Xqzvw market on Monday."
    assert [m.text for m in analyzer._finder.find(text, tokenize(text))] == ["Monday"]


@pytest.mark.parametrize(
    "text",
    [
        "Two fighters of the Ottawa Brigade were killed on Monday.",
        "The Ottawa Workers' Party denied the report.",
        "Ottawa News reported the raid.",
        "Fighters of Liwa al-Ottawa were killed on Monday.",
        "A commander of Lashkar-e-Ottawa was arrested.",
        "The special forces known as Ottawa cleared three roads on Monday.",
        "The army's special forces (Ottawa) cleared three roads on Monday.",
    ],
)
def test_a_place_in_a_group_s_or_an_outlet_s_name_is_doubted(
    analyzer: TextAnalyzer, text: str
) -> None:
    mentions = analyzer._finder.find(text, tokenize(text))
    mark_context(text, mentions)
    (ottawa,) = [m for m in mentions if m.text == "Ottawa"]
    assert "group name" in ottawa.doubts


def test_a_name_two_words_before_a_street_word_names_the_street(analyzer: TextAnalyzer) -> None:
    text = "Police arrived at Ottawa Taboada Boulevard and found two bodies."
    (ottawa,) = [m for m in analyzer._finder.find(text, tokenize(text)) if m.text == "Ottawa"]
    assert "street name" in ottawa.doubts
    # A court is no street: "the Ottawa Supreme Court" keeps its place.
    text = "He appeared before the Ottawa Supreme Court on Monday."
    (ottawa,) = [m for m in analyzer._finder.find(text, tokenize(text)) if m.text == "Ottawa"]
    assert "street name" not in ottawa.doubts


def test_a_final_iyah_written_eya_after_a_lower_case_article_is_found(
    analyzer: TextAnalyzer,
) -> None:
    names = [n for n in locality_names("YE") if re.fullmatch(r"[A-Z][a-z]+iyah", n)]
    village = names[len(names) // 2]
    written = village.removesuffix("iyah") + "eya"  # as Levantine and Egyptian copy has it
    found = places(analyzer, f"Troops shelled houses in al-{written} in Yemen on Monday.")
    assert found[written].country_code == "YE"


def test_the_village_of_al_x_calls_x_a_town(analyzer: TextAnalyzer) -> None:
    text = "Gunmen raided the village of Al-Ottawa on Monday."
    (ottawa,) = [m for m in analyzer._finder.find(text, tokenize(text)) if m.text == "Ottawa"]
    assert TOWN_WORD in ottawa.evidence
    # Not for a province: "the province of Al-X" may well be the province.
    text = "Gunmen raided the province of Al-Ottawa on Monday."
    (ottawa,) = [m for m in analyzer._finder.find(text, tokenize(text)) if m.text == "Ottawa"]
    assert TOWN_WORD not in ottawa.evidence


def test_a_region_written_as_english_news_spells_it_is_found(analyzer: TextAnalyzer) -> None:
    """GeoNames writes "Shabeellaha Hoose"; news writes "Lower Shabelle" (aliases.tsv)."""
    found = places(analyzer, "Soldiers clashed with militants in Lower Shabelle region.")
    assert found["Lower Shabelle region"].admin1_code == "SO.14"
