"""Actors worldwide: state forces of any country, armed groups from the table, generic
words as the article's own country's actors, and no foreign group without evidence."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.extraction.events import resources
from sitrep.extraction.events.actors import ActorFinder, ActorMention, armed_other_side
from sitrep.extraction.events.text import fold
from sitrep_contracts import Actor, ActorRole, ActorType, TextSpan


@pytest.fixture(scope="module")
def finder() -> ActorFinder:
    return ActorFinder(resources.load_yaml("actors.yaml"), resources.load_tsv("demonyms.tsv"))


def found(
    finder: ActorFinder, text: str, focus: str | None, published: dt.date | None = None
) -> list[ActorMention]:
    return finder.find(text, fold(text), [], focus, published)


def named(finder: ActorFinder, text: str, focus: str | None) -> dict[str, str]:
    """Each mention as written -> the actor's canonical name."""
    return {text[m.start : m.end]: m.spec.name for m in found(finder, text, focus)}


def only(
    finder: ActorFinder, text: str, focus: str | None, published: dt.date | None = None
) -> ActorMention:
    (mention,) = found(finder, text, focus, published)
    return mention


@pytest.mark.parametrize(
    ("focus", "name"),
    [
        ("SYR", "Unidentified Armed Group (Syria)"),
        ("NGA", "Unidentified Armed Group (Nigeria)"),
        ("MEX", "Unidentified Armed Group (Mexico)"),
        (None, "Unidentified Armed Group"),
    ],
)
def test_generic_armed_men_are_the_article_s_country_s_unidentified_group(
    finder: ActorFinder, focus: str | None, name: str
) -> None:
    mention = only(finder, "Militants stormed a checkpoint overnight.", focus)
    assert mention.spec.name == name
    assert (mention.spec.actor_type, mention.spec.inter) == (ActorType.POLITICAL_MILITIA, 3)
    assert mention.spec.country == focus


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The attackers fled on motorbikes.", "attackers"),
        ("Armed hoodlums stormed the market.", "Armed hoodlums"),
        ("Rival cultists clashed overnight.", "cultists"),
        ("The killers escaped before police arrived.", "killers"),
    ],
)
def test_other_words_for_unknown_armed_men_are_the_unidentified_group(
    finder: ActorFinder, text: str, words: str
) -> None:
    assert named(finder, text, "NGA")[words] == "Unidentified Armed Group (Nigeria)"


@pytest.mark.parametrize(
    ("focus", "name"),
    [
        ("UKR", "NAF: United Armed Forces of Novorossiya"),
        ("CMR", "Ambazonian Separatists"),
        ("SYR", "Unidentified Armed Group (Syria)"),
        ("IND", "Unidentified Armed Group (India)"),
    ],
)
def test_separatists_are_a_named_group_only_in_that_group_s_country(
    finder: ActorFinder, focus: str, name: str
) -> None:
    assert only(finder, "The separatists ambushed a patrol.", focus).spec.name == name


def test_a_generic_word_never_becomes_another_country_s_group(finder: ActorFinder) -> None:
    text = "Rebels and militants attacked; the militia withdrew and separatists regrouped."
    for mention in found(finder, text, "PHL"):
        assert mention.spec.country == "PHL"
        assert mention.spec.name == "Unidentified Armed Group (Philippines)"


def test_regime_forces_are_the_article_s_country_s_military(finder: ActorFinder) -> None:
    mention = only(finder, "Regime forces shelled the village at dawn.", "SYR")
    assert (mention.spec.name, mention.spec.inter) == ("Military Forces of Syria", 1)
    assert only(finder, "Junta troops torched the village.", "MMR").spec.name == (
        "Military Forces of Myanmar"
    )
    # Without a country there is no state to name.
    assert found(finder, "Security forces opened fire.", None) == []


def test_the_regime_s_forces_are_its_military_with_the_article(finder: ActorFinder) -> None:
    # "the regime" alone is a metonym that must act; "the regime forces" always names them
    mention = only(finder, "On Monday the regime forces bombarded the town.", "SYR")
    assert mention.spec.name == "Military Forces of Syria"
    assert only(finder, "Later the junta troops withdrew.", "MMR").spec.name == (
        "Military Forces of Myanmar"
    )


def test_a_country_acts_in_what_it_violates_or_resorts_to(finder: ActorFinder) -> None:
    text = "A soldier died when Pakistan violated the truce and resorted to firing."
    assert named(finder, text, "IND")["Pakistan"] == "Government of Pakistan"


def test_the_regime_is_its_forces_only_where_it_acts(finder: ActorFinder) -> None:
    acting = only(finder, "The regime shelled the town again.", "SYR")
    assert acting.spec.name == "Military Forces of Syria"
    assert found(finder, "Families fled areas held by the army of the regime.", None) == []
    assert named(finder, "Life under the regime got harder.", "SYR") == {}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Nigerien troops repelled the raid.", "Military Forces of Niger"),
        ("Chad's army deployed north.", "Military Forces of Chad"),
        ("Burkinabe soldiers were ambushed.", "Military Forces of Burkina Faso"),
        ("Congolese security forces arrived.", "Military Forces of Democratic Republic of Congo"),
        ("Syrian government forces advanced.", "Military Forces of Syria"),
        ("Colombian police seized the boat.", "Police Forces of Colombia"),
        ("Russian battleships fired cruise missiles.", "Military Forces of Russia"),
        ("Malian authorities confirmed it.", "Government of Mali"),
    ],
)
def test_a_head_noun_after_any_country_is_that_country_s_actor(
    finder: ActorFinder, text: str, name: str
) -> None:
    assert only(finder, text, None).spec.name == name


@pytest.mark.parametrize(
    ("text", "written", "country"),
    [
        ("Dozens died in Saudi-led airstrikes overnight.", "Saudi-led airstrikes", "SAU"),
        ("French-led forces withdrew from the base.", "French-led forces", "FRA"),
    ],
)
def test_a_coalition_s_strikes_are_the_leading_state_s(
    finder: ActorFinder, text: str, written: str, country: str
) -> None:
    mention = only(finder, text, "YEM")
    assert text[mention.start : mention.end] == written
    assert (mention.spec.actor_type, mention.spec.country) == (ActorType.MILITARY, country)


def test_pro_and_anti_make_the_other_side(finder: ActorFinder) -> None:
    assert named(finder, "Pro-Russian forces shelled the town.", None) == {}
    assert "Military Forces of Myanmar" not in named(finder, "Anti-junta forces struck.", None)


@pytest.mark.parametrize(
    ("text", "name", "inter", "country"),
    [
        ("Boko Haram fighters raided the camp.", "JAS: Boko Haram", 2, "NGA"),
        ("The CJNG left a message.", "CJNG: Jalisco New Generation Cartel", 3, "MEX"),
        ("Al-Shabaab claimed the blast.", "Al Shabaab", 2, "SOM"),
        ("The Tatmadaw denied it.", "Military Forces of Myanmar", 1, "MMR"),
        ("Fano militiamen took the town.", "Fano", 4, "ETH"),
        ("Wagner mercenaries were seen there.", "Wagner Group", 8, "RUS"),
        ("The KDPI claimed the ambush.", "KDPI: Kurdistan Democratic Party of Iran", 2, "IRN"),
        ("Komala denied any role.", "Komala", 2, "IRN"),
        ("Levant Front gunmen opened fire.", "SNA: Syrian National Army", 2, "SYR"),
        ("A Fifth Corps patrol was ambushed.", "Military Forces of Syria", 1, "SYR"),
        ("Guerreros Unidos gunmen shot a trader.", "Guerreros Unidos", 3, "MEX"),
        ("A CSRDL cell torched a bar.", "Santa Rosa de Lima Cartel", 3, "MEX"),
        ("Los Chapitos gunmen blocked the road.", "Sinaloa Cartel", 3, "MEX"),
        ("The Caborca Cartel hung a banner.", "Caborca Cartel", 3, "MEX"),
        (
            "Cartel Jalisco New Generation signed it.",
            "CJNG: Jalisco New Generation Cartel",
            3,
            "MEX",
        ),
    ],
)
def test_named_groups_have_their_acled_type_and_home_country(
    finder: ActorFinder, text: str, name: str, inter: int, country: str
) -> None:
    mention = only(finder, text, None)
    assert (mention.spec.name, mention.spec.inter, mention.spec.country) == (name, inter, country)


@pytest.mark.parametrize(
    ("published", "name", "inter"),
    [
        (dt.date(2021, 8, 14), "Taliban", 2),
        (dt.date(2021, 8, 15), "Military Forces of Afghanistan (2021-)", 1),
        (None, "Military Forces of Afghanistan (2021-)", 1),
    ],
)
def test_an_actor_whose_standing_changed_is_read_as_of_the_article_s_day(
    finder: ActorFinder, published: dt.date | None, name: str, inter: int
) -> None:
    mention = only(finder, "Taliban fighters stormed the district centre.", "AFG", published)
    assert (mention.spec.name, mention.spec.inter, mention.spec.country) == (name, inter, "AFG")


def test_the_resistance_in_afghanistan_is_the_national_resistance_front(
    finder: ActorFinder,
) -> None:
    text = "Resistance forces said they had retaken two outposts."
    assert named(finder, text, "AFG") == {"Resistance forces": "NRF: National Resistance Front"}
    assert named(finder, text, "NGA") == {}


def test_the_factions_in_syria_are_the_armed_opposition(finder: ActorFinder) -> None:
    text = "Regime forces clashed with the factions on the frontline."
    assert named(finder, text, "SYR")["the factions"] == "Opposition Rebels (Syria)"
    # elsewhere a faction is no armed group of its own
    assert "the factions" not in named(finder, text, "IRQ")


def test_syria_s_internal_security_forces_are_the_sdf_s_not_the_regime_s(
    finder: ActorFinder,
) -> None:
    text = "Internal Security Forces raided a house at dawn."
    assert named(finder, text, "SYR") == {
        "Internal Security Forces": "SDF: Syrian Democratic Forces"
    }
    assert "SDF: Syrian Democratic Forces" not in named(finder, text, "LBN").values()


def test_kurdish_forces_are_the_sdf_in_syria_only(finder: ActorFinder) -> None:
    text = "Kurdish forces repelled the attack on the village."
    assert named(finder, text, "SYR") == {"Kurdish forces": "SDF: Syrian Democratic Forces"}
    assert named(finder, text, "IRQ") == {}


def test_a_group_fighting_in_several_countries_takes_the_article_s(finder: ActorFinder) -> None:
    assert only(finder, "Al-Shabaab attacked a bus.", "KEN").spec.country == "KEN"
    # A group from elsewhere keeps its own country.
    hezbollah = only(finder, "Hezbollah fighters joined the offensive.", "SYR")
    assert hezbollah.spec.country == "LBN"


@pytest.mark.parametrize(
    ("focus", "name"),
    [
        ("NGA", "ISWAP: Islamic State West Africa Province"),
        ("COD", "ADF: Allied Democratic Forces"),
        ("AFG", "IS-K: Islamic State Khorasan Province"),
        ("SYR", "Islamic State (Syria)"),
        ("IRQ", "Islamic State (Iraq)"),
    ],
)
def test_islamic_state_is_the_province_of_the_article_s_region(
    finder: ActorFinder, focus: str, name: str
) -> None:
    assert only(finder, "The Islamic State claimed the attack.", focus).spec.name == name


def test_islamic_state_named_far_from_its_provinces_is_of_its_home(finder: ActorFinder) -> None:
    mention = only(finder, "Prosecutors said ISIS inspired the plot.", "FRA")
    assert (mention.spec.name, mention.spec.country) == ("Islamic State (Syria)", "SYR")


@pytest.mark.parametrize(
    ("text", "focus"),
    [
        ("Two soldiers were KIA near the border.", "GBR"),
        ("Download the PDF report.", "USA"),
        ("RSF condemned the arrest of the reporter.", "FRA"),
        ("AA reported the visit.", "TUR"),
    ],
)
def test_acronyms_that_are_other_things_need_their_country(
    finder: ActorFinder, text: str, focus: str
) -> None:
    assert all(m.spec.actor_type is not ActorType.REBELS for m in found(finder, text, focus))


def test_an_ambiguous_acronym_reads_as_the_group_where_the_text_backs_it(
    finder: ActorFinder,
) -> None:
    assert only(finder, "The KIA shelled the outpost.", "MMR").spec.name == (
        "KIO/KIA: Kachin Independence Organisation / Kachin Independence Army"
    )
    text = "Fighting raged in Sudan. The RSF shelled the market."
    assert named(finder, text, None)["RSF"] == "RSF: Rapid Support Forces"
    assert named(finder, "The PDF ambushed a convoy in Myanmar.", None)["PDF"] == (
        "NUG/PDF: National Unity Government / People's Defense Force"
    )


@pytest.mark.parametrize(
    ("text", "focus", "name"),
    [
        (
            "NPA guerrillas torched a quarry truck.",
            "PHL",
            "CPP/NPA: Communist Party of the Philippines / New People's Army",
        ),
        (
            "The Communist Party of the Philippines owned up to the ambush.",
            "PHL",
            "CPP/NPA: Communist Party of the Philippines / New People's Army",
        ),
        (
            "Karen National Union fighters overran a hilltop camp.",
            "MMR",
            "KNU/KNLA: Karen National Union / Karen National Liberation Army",
        ),
    ],
)
def test_a_party_and_its_armed_wing_are_one_actor_named_by_both(
    finder: ActorFinder, text: str, focus: str, name: str
) -> None:
    assert only(finder, text, focus).spec.name == name


def test_one_acronym_of_two_groups_is_the_article_s_country_s(finder: ActorFinder) -> None:
    assert only(finder, "The SNA repelled the attack.", "SOM").spec.name == (
        "Military Forces of Somalia"
    )
    assert only(finder, "The SNA repelled the attack.", "SYR").spec.name == (
        "SNA: Syrian National Army"
    )


def test_case_matters_for_acronyms_that_are_words(finder: ActorFinder) -> None:
    assert found(finder, "What is left is rubble.", "SYR") == []
    assert only(finder, "IS fighters fled.", "SYR").spec.name == "Islamic State (Syria)"


def test_a_named_group_and_its_generic_noun_are_one_mention(finder: ActorFinder) -> None:
    text = "Taliban insurgents attacked a post."
    mention = only(finder, text, "AFG", dt.date(2020, 6, 1))
    assert text[mention.start : mention.end] == "Taliban insurgents"
    assert mention.spec.name == "Taliban"


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        (
            "Fighting broke out between Houthi security forces and tribal gunmen.",
            "Houthi security forces",
        ),
        ("Houthi police detained two men in the market.", "Houthi police"),
    ],
)
def test_state_like_forces_right_after_a_named_group_are_its_own(
    finder: ActorFinder, text: str, phrase: str
) -> None:
    mentions = {text[m.start : m.end]: m.spec.name for m in found(finder, text, "SYR")}
    assert phrase in mentions
    assert not any(
        name.startswith(("Military Forces", "Police Forces")) for name in mentions.values()
    )


def test_a_national_army_after_a_demonym_is_that_state_s_not_a_foreign_group_s(
    finder: ActorFinder,
) -> None:
    text = "The Kenyan National Defence Forces clashed with gunmen near the border."
    assert (
        named(finder, text, "KEN")["Kenyan National Defence Forces"] == "Military Forces of Kenya"
    )
    own = "Syrian National Defence Forces shelled the town."
    assert named(finder, own, "SYR")["National Defence Forces"] == "NDF: National Defence Forces"


def test_later_generic_words_refer_back_to_the_one_group_named(finder: ActorFinder) -> None:
    text = "Police blamed Boko Haram for the raid. The militants fled on motorbikes."
    assert named(finder, text, "NGA")["militants"] == "JAS: Boko Haram"
    unknown = "Boko Haram was blamed. Later, unknown gunmen robbed a bank."
    assert named(finder, unknown, "NGA")["unknown gunmen"] == "Unidentified Armed Group (Nigeria)"
    two_groups = "Boko Haram and ISWAP clashed. The militants fled."
    assert named(finder, two_groups, "NGA")["militants"] == "Unidentified Armed Group (Nigeria)"


def test_the_group_is_the_one_armed_group_named_before_and_nobody_else(
    finder: ActorFinder,
) -> None:
    text = "ISWAP fighters raided a base. The group later posted photos of the raid."
    assert named(finder, text, "NGA")["The group"] == "ISWAP: Islamic State West Africa Province"
    of_people = "ISWAP fighters raided a base. The group of traders fled on foot."
    assert "The group" not in named(finder, of_people, "NGA")
    assert named(finder, "The group marched to the square.", "NGA") == {}
    two = "ISWAP and Boko Haram clashed. The group lost ten men."
    assert "The group" not in named(finder, two, "NGA")


def test_a_militant_group_nobody_names_is_an_unidentified_armed_group(
    finder: ActorFinder,
) -> None:
    text = "A militant group ambushed a convoy."
    assert named(finder, text, "NER")["militant group"] == "Unidentified Armed Group (Niger)"


def test_generic_words_of_a_lead_are_the_group_the_next_sentences_name(
    finder: ActorFinder,
) -> None:
    text = "Militants shelled a border post overnight. Al-Shabaab said it carried out the raid."
    assert named(finder, text, "KEN")["Militants"] == "Al Shabaab"
    far = "Militants shelled a border post overnight. " + "Nobody was hurt. " * 60
    far += "Al-Shabaab is active in the county."
    assert named(finder, far, "KEN")["Militants"] == "Unidentified Armed Group (Kenya)"


@pytest.mark.parametrize(
    "text",
    [
        "Troops clashed with the armed group Arakan Army near the town.",
        "Troops clashed with the militant group Arakan Army near the town.",
        "Troops clashed with the rebel group the Arakan Army.",
        "Troops clashed with an armed group known as the Arakan Army.",
        'Troops clashed with the armed group "Arakan Army" at dawn.',
        'Troops clashed with the armed group "Rakhine Tigers" / "Arakan Army" at dawn.',
    ],
)
def test_a_generic_noun_in_apposition_to_a_group_is_that_group(
    finder: ActorFinder, text: str
) -> None:
    names = [m.spec.name for m in found(finder, text, "MMR", dt.date(2022, 1, 1))]
    assert names == ["Military Forces of Myanmar", "AA: Arakan Army", "AA: Arakan Army"]


@pytest.mark.parametrize(
    "text",
    [
        "Troops clashed with the attackers, from the Arakan Army, near the town.",
        "Soldiers chased the assailants, from the Arakan Army, into the hills.",
    ],
)
def test_a_generic_noun_whose_apposition_names_a_group_is_that_group(
    finder: ActorFinder, text: str
) -> None:
    names = {text[m.start : m.end]: m.spec.name for m in found(finder, text, "MMR")}
    assert set(names.values()) == {"Military Forces of Myanmar", "AA: Arakan Army"}


def test_a_generic_noun_before_a_group_s_word_is_not_it(finder: ActorFinder) -> None:
    text = "Gunmen, the Arakan Army said, attacked the convoy."
    assert found(finder, text, "MMR", dt.date(2022, 1, 1))[0].spec.name.startswith("Unidentified")


def test_pro_government_militiamen_are_never_the_group_that_fights_them(
    finder: ActorFinder,
) -> None:
    text = "ISIS cells attacked a post, killing four pro-regime militiamen."
    assert named(finder, text, "SYR")["pro-regime militiamen"] == "NDF: National Defence Forces"


@pytest.mark.parametrize("phrase", ["security and defence forces", "defense and security forces"])
def test_coordinated_security_and_defence_forces_are_the_country_s_military(
    finder: ActorFinder, phrase: str
) -> None:
    text = f"The {phrase} repelled an attack on the convoy."
    assert named(finder, text, "BFA") == {phrase: "Military Forces of Burkina Faso"}


def test_ukraine_only_words_need_ukraine(finder: ActorFinder) -> None:
    assert named(finder, "The occupiers withdrew from the city.", "UKR") == {
        "occupiers": "Military Forces of Russia"
    }
    assert named(finder, "The occupiers withdrew from the city.", "PSE") == {}
    assert "partisans" not in named(finder, "The partisans blew up a bridge.", "MMR")


def test_the_alliance_is_nato_only_where_nato_is_named(finder: ActorFinder) -> None:
    assert named(finder, "The alliance struck rebel positions.", "YEM").get("alliance") is None
    text = "NATO met on Monday. The alliance agreed to send air defences."
    assert named(finder, text, None)["alliance"] == "NATO"


def test_people_of_the_article_s_country(finder: ActorFinder) -> None:
    assert named(finder, "Villagers fled; protesters gathered.", "BFA") == {
        "Villagers": "Civilians (Burkina Faso)",
        "protesters": "Protesters (Burkina Faso)",
    }
    # "civilian" is mostly an adjective ("civilian infrastructure"): no actor.
    assert found(finder, "A civilian building burned.", "UKR") == []
    # one victim is a civilian actor as much as many
    for text, victim in (
        ("Gunmen shot dead a resident of the town.", "a resident"),
        ("A villager was abducted on Monday.", "A villager"),
        ("Bandits killed a shepherd near the river.", "a shepherd"),
    ):
        assert named(finder, text, "NGA")[victim] == "Civilians (Nigeria)"


_INTER_OF = {
    "military": {1},
    "police": {1},
    "government": {1},
    "rebels": {2},
    "political_militia": {3},
    "identity_militia": {4},
    "igo": {8},
    "other": {8},
}


def test_every_group_in_the_table_is_well_formed() -> None:
    table = resources.load_yaml("armed_groups.yaml")
    sources = set(table["sources"])
    for group in table["groups"]:
        assert group["inter"] in _INTER_OF[group["type"]], group["name"]
        assert group["countries"], group["name"]
        assert set(group["src"]) <= sources, group["name"]
        assert group.get("names"), group["name"]
        phrases = [*group["names"], *group.get("weak", []), *group.get("local", [])]
        assert all(isinstance(p, str) and p.strip() for p in phrases), group["name"]


def _actor(name: str, kind: ActorType, role: ActorRole) -> Actor:
    return Actor(
        text=name.lower(),
        name=name,
        actor_type=kind,
        role=role,
        confidence=0.8,
        evidence=TextSpan(start=0, end=len(name), text=name.lower()),
    )


def test_a_battle_s_civilian_actor2_gives_way_to_the_armed_side_named() -> None:
    army = _actor("Military Forces of Chad", ActorType.MILITARY, ActorRole.ACTOR1)
    residents = _actor("Civilians (Chad)", ActorType.CIVILIANS, ActorRole.ACTOR2)
    rebels = _actor(
        "Unidentified Armed Group (Chad)", ActorType.POLITICAL_MILITIA, ActorRole.ASSOCIATED
    )
    roles = [(a.name, a.role) for a in armed_other_side([army, residents, rebels])]
    assert roles == [
        ("Military Forces of Chad", ActorRole.ACTOR1),
        ("Unidentified Armed Group (Chad)", ActorRole.ACTOR2),
        ("Civilians (Chad)", ActorRole.ASSOCIATED),
    ]
    # with no other armed side named, the civilians stay; actor1's own kind is no other side
    alone = [
        army,
        residents,
        _actor("Military Forces of Chad", ActorType.MILITARY, ActorRole.ASSOCIATED),
    ]
    assert armed_other_side(alone) == alone
