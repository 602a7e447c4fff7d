"""TextAnalyzer on sentences written for these tests: places found, resolved, and only places."""

from __future__ import annotations

import pytest

from sitrep.extraction.geo import TextAnalyzer
from sitrep.extraction.geo.normalize import fold
from sitrep_contracts import EntityLabel, PlacePrecision
from tests.unit.extraction.geo_support import places


def test_transliterations_resolve_to_one_town(analyzer: TextAnalyzer) -> None:
    found = places(
        analyzer,
        "Artillery pounded Bakhmout overnight. Later the army retook Balakliïa, "
        "and by evening Balakliya was quiet again.",
    )
    assert found["Bakhmout"].name == "Bakhmut"
    assert found["Bakhmout"].country_code == "UA"
    assert found["Balakliïa"].geonameid is not None
    assert found["Balakliïa"].geonameid == found["Balakliya"].geonameid
    assert found["Balakliïa"].admin1 == "Kharkiv"


def test_lowercase_capital_is_found(analyzer: TextAnalyzer) -> None:
    found = places(analyzer, "The statement from kyiv came late on Tuesday.")
    assert found["kyiv"].country_code == "UA"
    assert found["kyiv"].precision == PlacePrecision.POINT


def test_named_region_gets_admin1_precision(analyzer: TextAnalyzer) -> None:
    found = places(analyzer, "Fighting spread across the Kharkiv region this week.")
    region = found["Kharkiv region"]
    assert region.precision == PlacePrecision.ADMIN1
    assert region.admin1 == "Kharkiv"
    assert region.admin1_code is not None


def test_bare_city_name_is_the_city_not_its_region(analyzer: TextAnalyzer) -> None:
    found = places(analyzer, "Sirens sounded in Kharkiv before dawn.")
    assert found["Kharkiv"].precision == PlacePrecision.POINT
    assert found["Kharkiv"].country_code == "UA"


def test_informal_region_and_country(analyzer: TextAnalyzer) -> None:
    found = places(analyzer, "Ukraine said the battle for the Donbass would be long.")
    assert found["Ukraine"].precision == PlacePrecision.COUNTRY
    assert found["Ukraine"].country_code == "UA"
    assert found["Donbass"].precision == PlacePrecision.REGION


def test_co_mentioned_state_disambiguates_a_town(analyzer: TextAnalyzer) -> None:
    alone = places(analyzer, "The fair opened in Springfield on Saturday.")["Springfield"]
    with_state = places(
        analyzer,
        "The fair opened in Springfield on Saturday. Farmers from across Illinois came.",
    )["Springfield"]
    assert with_state.country_code == "US"
    assert with_state.admin1_code == "US.IL"
    assert alone.admin1_code != "US.IL" or alone.confidence < with_state.confidence


def test_comma_containment_picks_the_town_in_that_state(analyzer: TextAnalyzer) -> None:
    found = places(analyzer, "She grew up in Paris, Texas, and moved away at 18.")
    assert found["Paris"].admin1_code == "US.TX"
    assert found["Texas"].precision == PlacePrecision.ADMIN1


def test_common_words_and_people_are_not_places(analyzer: TextAnalyzer) -> None:
    text = (
        "In March the Court heard the case. Police said the Council would vote in May. "
        "Secretary Hope Walker told reporters the Union was ready."
    )
    assert analyzer.analyze(text).places == []


def test_place_offsets_are_exact(analyzer: TextAnalyzer) -> None:
    text = "Convoys left Odesa for Mykolaiv; later, officials in Zaporizhzhia and Poland spoke."
    analysis = analyzer.analyze(text)
    assert {p.text for p in analysis.places} >= {"Odesa", "Mykolaiv", "Zaporizhzhia", "Poland"}
    for place in analysis.places:
        assert text[place.evidence.start : place.evidence.end] == place.evidence.text == place.text
    for sentence in analysis.sentences:
        assert text[sentence.start : sentence.end] == sentence.text


def test_focus_country_is_the_one_most_places_lie_in(analyzer: TextAnalyzer) -> None:
    text = "Strikes hit Kherson and Mykolaiv. Ukraine asked Germany for more air defence."
    assert analyzer.analyze(text).focus_country == "UA"


def test_entity_mentions_map_spacy_labels(analyzer: TextAnalyzer) -> None:
    text = (
        "Defence minister Oleksii Reznikov met NATO officials in Brussels. "
        "Ukrainian troops advanced."
    )
    full = analyzer.with_ner("all")  # the default runs NER only where places are doubtful
    mentions = full.entity_mentions(full.analyze(text))
    for mention in mentions:
        assert text[mention.evidence.start : mention.evidence.end] == mention.text
    labels = {m.text: m.label for m in mentions}
    assert labels.get("Oleksii Reznikov") == EntityLabel.PERSON
    assert labels.get("Ukrainian") == EntityLabel.GROUP


def test_village_missing_from_cities500_resolves_from_the_settlement_table(
    analyzer: TextAnalyzer,
) -> None:
    found = places(analyzer, "Overnight shelling damaged houses in Arkhemivka, Poltava region.")
    village = found["Arkhemivka"]
    assert village.precision == PlacePrecision.POINT
    assert village.country_code == "UA"
    assert village.admin1 == "Poltava"
    assert village.geonameid is None  # the postal dump carries no GeoNames id


def test_village_outside_the_region_its_pair_names_is_dropped(analyzer: TextAnalyzer) -> None:
    # The only known Stremilche lies in Lviv oblast; "Stremilche, Donetsk" names another one
    # the gazetteer lacks, even though the bare "Donetsk" reads as the city.
    assert "Stremilche" not in places(analyzer, "Russian forces shelled Stremilche, Donetsk.")
    found = places(analyzer, "Russian forces shelled Stremilche, Lviv region.")
    assert found["Stremilche"].admin1 == "Lviv"


def test_a_name_qualified_once_keeps_that_reading_when_it_stands_alone(
    analyzer: TextAnalyzer,
) -> None:
    text = (
        "Gunmen attacked a village near Tripoli, Lebanon on Monday. Residents of Tripoli "
        "said the army arrived from Benghazi and Misrata."
    )
    tripoli = [p for p in analyzer.analyze(text).places if p.text == "Tripoli"]
    assert len(tripoli) == 2
    assert {p.country_code for p in tripoli} == {"LB"}


def test_a_common_word_before_in_and_a_region_is_not_a_child_place(
    analyzer: TextAnalyzer,
) -> None:
    found = places(analyzer, "A bomb went off on Monday. Police in Valencia, Carabobo, said so.")
    assert "Police" not in found
    assert found["Valencia"].country_code == "VE"


def test_everyday_words_of_names_are_not_places(analyzer: TextAnalyzer) -> None:
    text = (
        "Human Rights Watch said the Grand Mufti crossed the Line of Control. "
        "Fighters of Al Nusra were seen."
    )
    assert analyzer.analyze(text).places == []


def test_iraqi_kurdistan_and_its_governorates(analyzer: TextAnalyzer) -> None:
    found = places(
        analyzer, "A drone struck a car near Erbil in the Kurdistan Region of Iraq on Monday."
    )
    assert found["Erbil"].country_code == "IQ"
    assert found["Erbil"].admin1_code == "IQ.11"
    assert found["Erbil"].admin1 is not None
    region = found["Kurdistan Region of Iraq"]
    assert region.country_code == "IQ"
    assert region.precision == PlacePrecision.REGION


def test_name_particles_and_heads_of_unknown_names_are_not_places(
    analyzer: TextAnalyzer,
) -> None:
    text = (
        "Fighters of the Islamic State of West Africa Province attacked the village of "
        "Al Zubaydat, and Abu Hamza was arrested on the road to the town of Ain Zubaydat."
    )
    found = places(analyzer, text)
    assert "Ain" not in found
    assert "West" not in found
    assert "Al" not in found
    assert "Abu" not in found


def test_a_typed_region_name_without_its_type_word(analyzer: TextAnalyzer) -> None:
    found = places(analyzer, "Clashes were reported across Maidan Wardak on Sunday.")
    assert found["Maidan Wardak"].country_code == "AF"
    assert found["Maidan Wardak"].precision == PlacePrecision.ADMIN1


def test_a_district_of_a_region_is_never_a_town_abroad(analyzer: TextAnalyzer) -> None:
    found = places(analyzer, "Clashes were reported in Springfield district of Maidan Wardak.")
    assert "Springfield" not in found
    assert found["Maidan Wardak"].country_code == "AF"


def test_a_word_joined_to_a_name_by_de_or_al_is_part_of_that_name(
    analyzer: TextAnalyzer,
) -> None:
    found = places(
        analyzer,
        "The shooting happened at the ranch Ojo de Melbourne, outside Ensenada, Baja California.",
    )
    assert "Melbourne" not in found
    assert found["Ensenada"].country_code == "MX"


def test_an_arabic_article_written_solid_is_a_spelling_of_the_name(
    analyzer: TextAnalyzer,
) -> None:
    found = places(analyzer, "In Syria, clashes broke out in Deir Ezzor on Monday.")
    assert found["Deir Ezzor"].country_code == "SY"
    assert found["Deir Ezzor"].admin1_code == "SY.07"


def test_press_spellings_of_arabic_place_words_find_the_geonames_town(
    analyzer: TextAnalyzer,
) -> None:
    """GeoNames writes "Tall Rifat" and "Dayr al Asafir" (BGN); English copy "Tel Rifat",
    "Tal Rifat" and "Deir al-Assafir" (`spellings.tsv`)."""
    for name in ("Tel Rifat", "Tal Rifat", "Deir al-Assafir"):
        readings = analyzer.gazetteer.lookup(fold(name))
        assert [p.country for p in readings] == ["SY"], name
    sentence = "Shelling hit Tel Rifat, north of Aleppo, Syria, on Monday."
    assert places(analyzer, sentence)["Tel Rifat"].name == "Tall Rif‘at"


def test_the_persian_ezafe_is_written_either_way(analyzer: TextAnalyzer) -> None:
    """GeoNames writes "Bāzār-e Yakāwlang"; copy also "Bazar-i-Yakawlang" (`spellings.tsv`)."""
    readings = analyzer.gazetteer.lookup(fold("Bazar-i-Yakawlang"))
    assert {(p.country, fold(p.name)) for p in readings} == {("AF", "bazar e yakawlang")}


def test_a_typed_region_spelled_another_way_is_that_region(analyzer: TextAnalyzer) -> None:
    found = places(analyzer, "Deir Ezzor Province – Two fighters were killed in Syria today.")
    region = found["Deir Ezzor Province"]
    assert region.country_code == "SY"
    assert region.precision == PlacePrecision.ADMIN1


def test_the_outskirts_of_a_place_call_it_a_place(analyzer: TextAnalyzer) -> None:
    text = "In Syria, a mine exploded on the outskirts of Deir Ezzor on Monday."
    found = places(analyzer, text)
    assert found["Deir Ezzor"].country_code == "SY"


def test_ner_multiplies_with_one_thread_of_numpys_blas_and_reads_as_with_blis() -> None:
    import spacy
    from threadpoolctl import threadpool_info

    from sitrep.extraction.geo.analyzer import NOT_NER, SPACY_MODEL, load_nlp

    nlp = load_nlp()
    maxouts = [n for n in nlp.get_pipe("ner").model.walk() if n.name == "maxout"]
    assert maxouts
    assert all(not n.ops.use_blis for n in maxouts)
    blas = [p for p in threadpool_info() if p["user_api"] == "blas"]
    assert blas
    assert all(p["num_threads"] == 1 for p in blas)
    with_blis = spacy.load(SPACY_MODEL, exclude=NOT_NER)
    texts = [
        "Governor Ivan Petrenko said the Red Cross had reached Kupiansk on Monday.",
        "Police in Springfield, Illinois arrested two men, Sheriff Karen Lopez told AFP.",
        "Houthi fighters and Saudi-led coalition jets clashed near Marib, officials said.",
    ]
    entities = [[(e.text, e.label_) for e in doc.ents] for doc in nlp.pipe(texts)]
    assert entities == [[(e.text, e.label_) for e in doc.ents] for doc in with_blis.pipe(texts)]
    assert any(label == "PERSON" for doc in entities for _, label in doc)


def test_an_aspirated_p_written_ph_is_geonames_p(analyzer: TextAnalyzer) -> None:
    """Burmese romanisation: the press writes "Phauk" for GeoNames' "Pauk"
    (`text_spellings.tsv`)."""
    found = places(analyzer, "Troops shelled a monastery near Phauk in Magway Region, Myanmar.")
    assert found["Phauk"].name == "Pauk"


@pytest.mark.parametrize(
    ("text", "written", "geonames"),
    [
        # ghayn written g
        ("Shelling hit the village of Galwa in Homs countryside, Syria.", "Galwa", "Ghalwā"),
        # a short a written u
        (
            "Fighters attacked a checkpoint in the village of Kuwida in Badakhshan, Afghanistan.",
            "Kuwida",
            "Kawīda",
        ),
        # the diphthong ay written ya
        (
            "Gunmen shot a farmer in the village of Kulyawah in Hasakah countryside, Syria.",
            "Kulyawah",
            "Kulaywah",
        ),
    ],
)
def test_arabic_romanisation_habits_meet_the_geonames_spelling(
    analyzer: TextAnalyzer, text: str, written: str, geonames: str
) -> None:
    """`text_spellings.tsv`: one change at one position, for a name the text calls a place."""
    assert places(analyzer, text)[written].name == geonames


def test_a_final_ok_written_oke_and_a_township_after_a_possessive(
    analyzer: TextAnalyzer,
) -> None:
    """Burmese romanisation: the press writes "-oke" for GeoNames' "-ok"
    (`text_spellings.tsv`); "Magway Region's X Township" names X as a place."""
    text = "Troops burned 30 houses in Magway Region’s Athoke Township on Monday, in Myanmar."
    assert places(analyzer, text)["Athoke"].name == "Athok"


def test_a_capitalised_township_word_calls_the_name_before_it_a_place(
    analyzer: TextAnalyzer,
) -> None:
    text = "Troops burned 30 houses on Monday, Phauk Township officials said, in Magway, Myanmar."
    assert places(analyzer, text)["Phauk"].name == "Pauk"
