"""The article's country focus and what it rules out, on gazetteer entries and sentences
written for these tests."""

from __future__ import annotations

import gzip
from importlib import resources

import pytest

from sitrep.extraction.geo import TextAnalyzer
from sitrep.extraction.geo.focus import Focus, constrain, document_focus
from sitrep.extraction.geo.gazetteer import Gazetteer, Place
from sitrep.extraction.geo.mentions import TOWN_WORD, Mention
from sitrep.extraction.geo.normalize import fold, tokenize
from tests.unit.extraction.geo_support import places

#: Only what `constrain` reads (every test place's own name is "Xyz").
EMPTY = Gazetteer([], {}, {}, {})


def _place(index: int, country: str, population: int = 2_000, **extra: object) -> Place:
    return Place(
        index,
        index,
        f"P{index}",
        "city",
        "PPL",
        0.0,
        0.0,
        country,
        f"{country}.01",
        population,
        **{"main_key": "xyz", **extra},  # type: ignore[arg-type]
    )


def _mention(*candidates: Place, evidence: tuple[str, ...] = ()) -> Mention:
    return Mention(0, 3, "Xyz", "xyz", list(candidates), 0, 0, evidence=list(evidence))


def test_a_small_town_abroad_is_no_reading_without_evidence() -> None:
    focus = Focus({"SY": 4.0}, frozenset({"SY"}), "SY")
    abroad = _place(1, "JP", population=50_000)
    assert constrain([_mention(abroad)], focus, EMPTY) == []
    # Written with its country ("Xyz, Japan"), it stays.
    assert constrain([_mention(abroad, evidence=("contained",))], focus, EMPTY)


def test_the_town_of_a_name_does_not_place_it_abroad() -> None:
    focus = Focus({"SY": 4.0}, frozenset({"SY"}), "SY")
    abroad = _place(1, "OM", population=20_000)
    # "the town of Xyz" says Xyz is a town, not that it is Oman's.
    assert constrain([_mention(abroad, evidence=("settlement of",))], focus, EMPTY) == []


def test_a_typed_name_abroad_is_a_region_not_a_town() -> None:
    focus = Focus({"AF": 4.0}, frozenset({"AF"}), "AF")
    town = _place(1, "KG", population=20_000)
    district = _place(2, "KG", population=20_000)._replace(kind="admin2")
    typed = Mention(0, 12, "Xyz district", "xyz district", [town, district], 0, 0)
    assert [m.candidates for m in constrain([typed], focus, EMPTY)] == [[district]]


def test_a_name_the_text_calls_a_town_is_no_region() -> None:
    focus = Focus({"SO": 4.0}, frozenset({"SO", "ET"}), "SO")
    town = _place(1, "SO", population=2_000)
    region = _place(2, "ET", population=20_000_000)._replace(kind="admin1")
    (mention,) = constrain([_mention(town, region, evidence=(TOWN_WORD,))], focus, EMPTY)
    assert mention.candidates == [town]  # "Xyz town": not the region called Xyz


def test_capitals_and_metropolises_abroad_need_no_evidence() -> None:
    focus = Focus({"SY": 4.0}, frozenset({"SY"}), "SY")
    capital = _place(1, "FR")._replace(feature_code="PPLC")
    metropolis = _place(2, "TR", population=3_000_000)
    kept = constrain([_mention(capital), _mention(metropolis)], focus, EMPTY)
    assert [m.candidates for m in kept] == [[capital], [metropolis]]
    # Called by one of its alternate names, a metropolis abroad needs evidence too.
    alias = Mention(0, 3, "Xy", "xy", [metropolis], 0, 0)
    assert constrain([alias], focus, EMPTY) == []


def test_villages_are_readings_only_in_the_focus_countries() -> None:
    village = _place(1, "YE", population=0, focus_only=True)
    town = _place(2, "US", population=800)
    mention = _mention(village, town)
    assert constrain([mention], Focus({"YE": 2.0}, frozenset({"YE"}), "YE"), EMPTY)[
        0
    ].candidates == [village]
    # With nothing to go by, a village is still no reading; the town is.
    undecided = Focus({}, frozenset(), None, decided=False)
    assert constrain([mention], undecided, EMPTY)[0].candidates == [town]


def test_focus_counts_votes_by_kind_and_ambiguity(analyzer: TextAnalyzer) -> None:
    gazetteer: Gazetteer = analyzer.gazetteer
    country = next(p for p in gazetteer.lookup("kenya") if p.kind == "country")
    mentions = [Mention(0, 5, "Kenya", "kenya", [country], 0, 0)]
    focus = document_focus(mentions, gazetteer)
    assert focus.primary == "KE"
    assert focus.countries == {"KE"}


def test_a_common_word_matching_a_small_town_abroad_is_no_place(analyzer: TextAnalyzer) -> None:
    text = (
        "Gunmen attacked a police station in Kirkuk on Sunday, Iraqi officials said. "
        "Two officers were wounded near Tikrit. Security forces later said the Hope "
        "convoy carrying aid to Mosul had not been hit."
    )
    found = places(analyzer, text)
    assert {found[name].country_code for name in ("Kirkuk", "Tikrit", "Mosul")} == {"IQ"}
    assert all(p.country_code in ("IQ", None) for p in found.values())


def test_countryside_of_a_city_is_its_region(analyzer: TextAnalyzer) -> None:
    region = places(analyzer, "Shelling hit villages in the countryside of Kirkuk, Iraq.")
    assert region["Kirkuk"].precision == "admin1"
    city = places(analyzer, "Shelling hit a market in the centre of Kirkuk, Iraq.")
    assert city["Kirkuk"].precision == "point"


def test_the_state_of_a_city_is_the_state(analyzer: TextAnalyzer) -> None:
    state = places(analyzer, "Gunmen burned two trucks on a highway in the state of Puebla.")
    assert state["Puebla"].precision == "admin1"
    city = places(analyzer, "Gunmen burned two trucks on a street in the centre of Puebla.")
    assert city["Puebla"].precision == "point"


def test_countryside_of_a_city_stays_its_region_where_the_city_is_named_too(
    analyzer: TextAnalyzer,
) -> None:
    text = (
        "A car bomb exploded near the central market of Kirkuk city. "
        "Police in Kirkuk said three people were wounded in the centre of Kirkuk. "
        "Later, two shepherds were killed on the Ostrovka frontline in Kirkuk countryside."
    )
    readings = [p for p in analyzer.analyze(text).places if p.text == "Kirkuk"]
    assert [p.precision for p in readings] == ["point", "point", "point", "admin1"]


def test_compass_regions_are_also_written_as_one_word(analyzer: TextAnalyzer) -> None:
    regions = {p.admin1 for p in analyzer.gazetteer.lookup("northeast") if p.kind == "admin1"}
    assert {"BW.08", "GH.15"} <= regions  # "North East" districts / regions
    found = places(analyzer, "Floods cut roads in Ghana's Northeast region and in Accra.")
    place = next(p for text, p in found.items() if text.startswith("Northeast"))
    assert (place.country_code, place.precision) == ("GH", "admin1")


def test_towns_carry_their_district(analyzer: TextAnalyzer) -> None:
    town = places(analyzer, "Explosions were heard in Basra, Iraq.")["Basra"]
    assert town.admin2_code and town.admin2_code.startswith(f"{town.admin1_code}.")
    assert town.admin2


def _a_village(country: str) -> str:
    """The name of a village of `country` from the shipped localities table that no other
    gazetteer entry shares (so the test does not depend on ranking)."""
    path = resources.files("sitrep.extraction") / "data" / "geo" / "localities.tsv.gz"
    with gzip.open(str(path), "rt", encoding="utf-8") as handle:
        names = [
            line.split("\t")[4]
            for line in handle
            if line.startswith(f"{country}\t") and line.split("\t")[4].isalpha()
        ]
    return names[len(names) // 2]


@pytest.mark.parametrize("country", ["YE", "MM"])
def test_villages_resolve_only_where_the_article_is(analyzer: TextAnalyzer, country: str) -> None:
    village = _a_village(country)
    country_name = {"YE": "Yemen", "MM": "Burma"}[country]
    readings = [p for p in analyzer.gazetteer.lookup(fold(village)) if p.focus_only]
    assert readings, village
    here = places(analyzer, f"Troops shelled {village} in {country_name} on Monday.")
    assert here[village].country_code == country
    elsewhere = places(analyzer, f"Officials in Ottawa and Halifax met near {village} on Monday.")
    assert village not in elsewhere or elsewhere[village].country_code != country


def test_the_town_of_a_name_is_a_place_whatever_follows(analyzer: TextAnalyzer) -> None:
    village = _a_village("NE")
    text = f"Soldiers repelled an attack on the town of {village}, said a statement from Niamey."
    assert places(analyzer, text)[village].country_code == "NE"


def test_a_ward_word_before_a_name_is_no_given_name(analyzer: TextAnalyzer) -> None:
    village = _a_village("PH")
    text = f"Gunmen from Iloilo shot a farmer in Barangay {village} on Monday, police said."
    assert places(analyzer, text)[village].country_code == "PH"


def _a_village_spelt_another_way() -> tuple[str, str]:
    """A Yemeni village's name, and the same with its last "i" written "e"."""
    path = resources.files("sitrep.extraction") / "data" / "geo" / "localities.tsv.gz"
    with gzip.open(str(path), "rt", encoding="utf-8") as handle:
        names = [
            line.split("\t")[4]
            for line in handle
            if line.startswith("YE\t")
            and line.split("\t")[4].isalpha()
            and "i" in line.split("\t")[4][1:]
        ]
    village = names[len(names) // 3]
    cut = village.rindex("i")
    return village, village[:cut] + "e" + village[cut + 1 :]  # "Dhi Bin" as "Dhe Bin", say


def test_a_village_spelt_another_way_is_found_where_the_article_is(
    analyzer: TextAnalyzer,
) -> None:
    village, spelt = _a_village_spelt_another_way()
    assert not analyzer.gazetteer.lookup(fold(spelt))
    here = places(analyzer, f"Troops shelled the village of {spelt}, Yemen, on Monday.")
    assert here[spelt].country_code == "YE"
    assert fold(here[spelt].name or "") == fold(village)
    # Outside the article's countries a misspelt name stays unknown.
    assert spelt not in places(analyzer, f"Officials in Ottawa met in {spelt} on Monday.")


def test_a_name_before_the_word_village_is_a_place(analyzer: TextAnalyzer) -> None:
    village = _a_village("YE")
    text = f"Troops shelled {village} village on Monday."
    mention = next(m for m in analyzer._finder.find(text, tokenize(text)) if m.text == village)
    assert "settlement of" in mention.evidence
    # Inside a longer capitalised name it is no evidence: "Lon Xyz village" is not "Xyz".
    text = f"Troops shelled Lon {village} village on Monday."
    inner = [m for m in analyzer._finder.find(text, tokenize(text)) if m.text == village]
    assert all("settlement of" not in m.evidence for m in inner)


def test_a_village_spelt_another_way_before_the_word_village_is_found(
    analyzer: TextAnalyzer,
) -> None:
    village, spelt = _a_village_spelt_another_way()
    here = places(analyzer, f"Troops shelled {spelt} village, Yemen, on Monday.")
    assert here[spelt].country_code == "YE"
    assert fold(here[spelt].name or "") == fold(village)
    assert spelt not in places(analyzer, f"Troops shelled Lon {spelt} village, Yemen, on Monday.")


def test_a_capital_abroad_is_no_reading_of_a_village_s_other_name() -> None:
    focus = Focus({"SY": 4.0}, frozenset({"SY"}), "SY")
    capital = _place(1, "FJ", population=80_000)._replace(feature_code="PPLC", main_key="abc")
    village = Mention(0, 3, "Xyz", "xyz", [capital], 0, 0, evidence=["settlement of"])
    assert constrain([village], focus, EMPTY) == []
    # Called by its own name, a capital abroad needs no evidence, settlement word or not.
    own = Mention(0, 3, "Abc", "abc", [capital], 0, 0, evidence=["settlement of"])
    assert constrain([own], focus, EMPTY)
    # "The village of Al-Xyz" says it as well.
    village = Mention(0, 3, "Xyz", "xyz", [capital], 0, 0, evidence=[TOWN_WORD])
    assert constrain([village], focus, EMPTY) == []


def test_a_pair_votes_for_the_country_where_the_first_lies_in_the_second() -> None:
    big_abroad = _place(1, "ID")._replace(kind="admin1", population=4_000_000)
    town_here = _place(2, "CM", population=30_000)
    region_here = _place(3, "CM")._replace(kind="admin1", population=2_000_000)
    region_abroad = _place(4, "ZA")._replace(kind="admin1", admin1="ZA.02", population=3_000_000)
    child = _mention(big_abroad, town_here, evidence=("contained",))
    parent = _mention(region_here, region_abroad, evidence=("container",))
    assert document_focus([child, parent], EMPTY).primary == "CM"


@pytest.mark.parametrize(
    ("text", "focus"),
    [
        # Whose missiles they were says nothing of where they fell; the officials' does.
        ("Russian missiles struck a block of flats overnight, Ukrainian officials said.", "UA"),
        ("Turkish strikes killed four farmers near the border on Friday.", None),
        ("Officials blamed Eritrea for the raid on a village in Tigray. Eritrea denied it.", "ET"),
    ],
)
def test_whose_weapons_and_who_is_blamed_are_not_where(
    analyzer: TextAnalyzer, text: str, focus: str | None
) -> None:
    assert analyzer.analyze(text).focus_country == focus


def test_a_neighbour_s_small_town_needs_evidence(analyzer: TextAnalyzer) -> None:
    """A Spanish word that is a small US town is no place in a Mexican article; the
    neighbour's big border city stays one."""
    text = (
        "Police in Culiacán, Sinaloa, Mexico, found two bodies on Monday near the Camino "
        "bridge; the gang had come from Laredo, officials in Mazatlán said."
    )
    found = places(analyzer, text)
    assert "Camino" not in found
    assert found["Laredo"].country_code == "US"


def test_a_neighbour_s_small_town_placed_by_the_text_stays(analyzer: TextAnalyzer) -> None:
    text = "Gunmen shot two officers in Kandahar, Afghanistan; a third died in Khalilabad, Iran."
    assert places(analyzer, text)["Khalilabad"].country_code == "IR"


def test_a_small_town_of_a_country_named_only_outright_needs_evidence() -> None:
    # A Syrian article that names Russia ("Russian strikes") and "near Xyz": Russia is in
    # focus, but no other name of the article lies there, so its small town Xyz is none.
    focus = Focus(
        {"SY": 6.0, "RU": 4.0}, frozenset({"SY", "RU"}), "SY", names={"SY": frozenset({"abc"})}
    )
    town = _place(1, "RU", population=3_000)
    village = _place(2, "RU", population=0, focus_only=True)
    assert constrain([_mention(town), _mention(village)], focus, EMPTY) == []
    # Written with its country, or beside another Russian name, it stays; so does a
    # small town of the first country.
    assert constrain([_mention(town, evidence=("contained",))], focus, EMPTY)
    beside = Focus(focus.votes, focus.countries, "SY", names={"RU": frozenset({"xyz", "qrs"})})
    assert constrain([_mention(town), _mention(village)], beside, EMPTY)[1].candidates == [village]
    assert constrain([_mention(_place(3, "SY", population=0, focus_only=True))], focus, EMPTY)
