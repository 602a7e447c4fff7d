"""Casualty counts: kinds, victims, qualifiers, number words, and numbers that count no one."""

from __future__ import annotations

import pytest

from sitrep.extraction.events import EventExtractor, resources
from sitrep.extraction.events.casualties import CasualtyFinder
from sitrep.extraction.events.numbers import numbers_in
from sitrep.extraction.events.text import fold, tokenize
from sitrep_contracts import CasualtyKind, Qualifier, VictimType
from tests.unit.extraction.event_helpers import run


@pytest.fixture(scope="module")
def finder() -> CasualtyFinder:
    return CasualtyFinder(resources.load_yaml("casualties.yaml"))


def found(finder: CasualtyFinder, text: str) -> list[tuple[str, int | None, str, str]]:
    tokens = tokenize(fold(text), 0, len(text))
    return [
        (
            f.casualty.kind.value,
            f.casualty.count,
            f.casualty.victim_type.value,
            f.casualty.qualifier.value,
        )
        for f in finder.find(text, tokens)
    ]


def counted(finder: CasualtyFinder, text: str) -> list[tuple[str, int | None]]:
    """(kind, count) of each casualty found."""
    return [(kind, count) for kind, count, _, _ in found(finder, text)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("eight", 8),
        ("twenty-three", 23),
        ("a dozen", 12),
        ("1,000", 1000),
        ("45", 45),
        ("one hundred and twenty", 120),
        ("thirty one", 31),
    ],
)
def test_number_words_and_digits_parse(text: str, value: int) -> None:
    counts = numbers_in(tokenize(fold(text), 0, len(text)))
    assert [c.count for c in counts] == [value]


def test_a_dateline_s_day_and_a_dash_start_no_range_with_the_lead_s_count(
    finder: CasualtyFinder,
) -> None:
    text = "LISNA, Nov 3 - Nine guards were killed when rebels raided their post."
    assert counted(finder, text) == [("killed", 9)]


@pytest.mark.parametrize(
    ("text", "tolls"),
    [
        (
            "Two guards embraced martyrdom while four attackers were sent to hell, the army said.",
            [("killed", 2), ("killed", 4)],
        ),
        ("Shepherds found the remains of three men near the canal.", [("killed", 3)]),
        (
            "Five members of the Coast Watch (CW) and their cook were killed in the raid.",
            [("killed", 5), ("killed", 1)],
        ),
        (
            "Four members of the village council and two teachers were killed.",
            [("killed", 4), ("killed", 2)],
        ),
    ],
)
def test_dead_told_in_a_register_s_words_or_named_by_their_unit(
    finder: CasualtyFinder, text: str, tolls: list[tuple[str, int]]
) -> None:
    assert counted(finder, text) == tolls


@pytest.mark.parametrize(
    ("text", "tolls"),
    [
        ("A local reporter counted the charred bodies in the street.", []),
        ("Two guards said they saw the bodies near the gate.", []),
        ("Five soldiers' bodies were recovered from the river.", [("killed", 5)]),
        ("Three men whose bodies were found near the dam were named.", [("killed", 3)]),
    ],
)
def test_people_who_see_or_count_bodies_are_not_the_dead(
    finder: CasualtyFinder, text: str, tolls: list[tuple[str, int]]
) -> None:
    assert counted(finder, text) == tolls


@pytest.mark.parametrize(
    ("text", "tolls"),
    [
        (
            "Soldiers captured four rebels and shot them dead.",
            [("captured", 4), ("killed", 4)],
        ),
        (
            "Villagers caught two young men they took for thieves and beat them to death.",
            [("captured", 2), ("killed", 2)],
        ),
        ("Rebels abducted three farmers and released them on Monday.", [("captured", 3)]),
    ],
)
def test_people_held_and_then_killed_are_the_dead(
    finder: CasualtyFinder, text: str, tolls: list[tuple[str, int]]
) -> None:
    assert counted(finder, text) == tolls


@pytest.mark.parametrize(("word", "least"), [("dozens", 12), ("hundreds", 100), ("scores", 20)])
def test_a_vague_plural_is_a_range_from_acled_s_conservative_figure(word: str, least: int) -> None:
    (count,) = numbers_in(tokenize(word, 0, len(word)))
    assert count.count is None
    assert count.qualifier is Qualifier.RANGE
    assert count.min == least


def test_killed_and_injured_with_others_inheriting_civilians(finder: CasualtyFinder) -> None:
    text = "In the market town, 5 civilians were killed on Monday and 11 others wounded by shells."
    assert found(finder, text) == [
        ("killed", 5, "civilians", "exact"),
        ("injured", 11, "civilians", "exact"),
    ]


def test_verb_before_count_and_shared_victim_noun(finder: CasualtyFinder) -> None:
    text = "The rockets hit the depot, killing 3 and wounding 14 soldiers."
    assert found(finder, text) == [
        ("killed", 3, "military", "exact"),
        ("injured", 14, "military", "exact"),
    ]


@pytest.mark.parametrize(
    ("text", "qualifier", "low", "high"),
    [
        ("At least 12 people were killed in the raid.", Qualifier.AT_LEAST, 12, None),
        ("More than 12 people were killed in the raid.", Qualifier.AT_LEAST, 12, None),
        ("Up to 12 people were killed in the raid.", Qualifier.AT_MOST, None, 12),
        ("About 12 people were killed in the raid.", Qualifier.ABOUT, None, None),
        ("Nearly 12 people were killed in the raid.", Qualifier.ABOUT, None, None),
        ("Between 12 and 15 people were killed in the raid.", Qualifier.RANGE, 12, 15),
    ],
)
def test_qualifiers_map_to_min_and_max(
    finder: CasualtyFinder, text: str, qualifier: Qualifier, low: int | None, high: int | None
) -> None:
    tokens = tokenize(fold(text), 0, len(text))
    (item,) = finder.find(text, tokens)
    assert item.casualty.kind is CasualtyKind.KILLED
    assert item.casualty.count == 12
    assert (item.casualty.qualifier, item.casualty.min, item.casualty.max) == (qualifier, low, high)


def test_number_words_count_victims(finder: CasualtyFinder) -> None:
    assert found(finder, "Twenty-three residents were evacuated from the block.") == [
        ("displaced", 23, "civilians", "exact")
    ]
    # Police are state forces, as ACLED codes them: not civilians.
    assert found(finder, "Three policemen went missing near the bridge.") == [
        ("missing", 3, "military", "exact")
    ]


def test_a_single_person_counts_as_one(finder: CasualtyFinder) -> None:
    assert found(finder, "A 64-year-old woman was injured by debris.") == [
        ("injured", 1, "civilians", "exact")
    ]
    assert found(finder, "The drone hit a bus, killing a driver and a passenger.") == [
        ("killed", 1, "civilians", "exact"),
        ("killed", 1, "civilians", "exact"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The town, which had 40,000 inhabitants before the war, was shelled and two were hurt"
        " later.",
        "Troops regained some 600 km2 of land where fighting killed many.",
        "They advanced four to five kilometres and were killed later, officials said.",
        "Thirty houses and nine buildings were destroyed; nobody was killed.",
        "On 12 March 2023 at 10:45 the shelling killed no one.",
        "Damage worth 2 million dollars; 15 percent of homes were hit, killing nobody.",
        "A man aged 70 was said to have died of old age.",
    ],
)
def test_populations_areas_distances_buildings_dates_times_money_are_not_victims(
    finder: CasualtyFinder, text: str
) -> None:
    counts = [item for item in found(finder, text) if item[1] not in (None, 1)]
    assert counts == [] or all(c[1] == 2 for c in counts)  # only "two were hurt" may count
    assert not any(c[1] in (40000, 600, 4, 30, 12, 2023, 10, 45, 15, 70) for c in counts)


def test_no_number_when_casualties_unknown(finder: CasualtyFinder) -> None:
    words = [t.text for t in tokenize(fold("Casualties unknown."), 0, 19)]
    assert finder.says_none(words)


def test_killed_applies_only_to_the_counted_people(finder: CasualtyFinder) -> None:
    text = "Shelling damaged 12 homes and killed 2 civilians."
    assert found(finder, text) == [("killed", 2, "civilians", "exact")]


def test_evidence_offsets_are_exact(finder: CasualtyFinder) -> None:
    text = "Yesterday at least 7 soldiers were killed."
    (item,) = finder.find(text, tokenize(fold(text), 0, len(text)))
    ev = item.casualty.evidence
    assert text[ev.start : ev.end] == ev.text == "at least 7 soldiers"
    assert item.casualty.victim_type is VictimType.MILITARY


def killed_total(finder: CasualtyFinder, text: str) -> int:
    tokens = tokenize(fold(text), 0, len(text))
    items = finder.find(text, tokens)
    whole = [f for f in items if not f.subset]
    return sum(
        f.casualty.count or f.casualty.min or 0
        for f in whole
        if f.casualty.kind is CasualtyKind.KILLED
    )


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # A figure and a part of it: the part is not added.
        ("Five people, including two children, were killed in the strike.", 5),
        ("The raid killed 9 people, including 4 women, the mayor said.", 9),
        ("Eleven were killed, three of them soldiers.", 11),
        # Splits add up.
        ("Six civilians and four soldiers were killed in the attack.", 10),
        ("A man, a woman and a child were killed when the shell hit.", 3),
        ("A woman and her child were killed when a rocket hit their flat.", 2),
        # A list after the verb, with commas.
        ("The strike killed a baby, two children and their mother.", 4),
        ("Gunmen killed a teacher, a nurse, and a driver at the market.", 3),
        ("Gunmen killed a farmer, a father of three, near the river.", 1),
        # Counted people named by a killed-word.
        ("The strike left 4 dead and 11 wounded.", 4),
        ("Four dead, six wounded.", 4),
        ("After the bombing, six bodies were found in the rubble.", 6),
        ("The body of a man was found in the cellar.", 1),
        ("A cooler left on the bridge held the severed head of a man.", 1),
        # Singular people and small groups.
        ("A drone hit a tractor, killing its driver.", 1),
        ("A missile hit a car, killing the driver and a passenger.", 2),
        ("A mine exploded under a van, killing a family of three.", 3),
        ("The strike killed a couple in their home.", 2),
        ("Shelling killed a couple of farmers in the field.", 2),
        # Other killed phrasings.
        ("Two soldiers succumbed to their wounds in hospital.", 2),
        ("Two guards were fatally wounded in the exchange of fire.", 2),
        ("A sniper hit three guards at the gate, with one guard later dying.", 1),
        ("A rebel commander was killed along with his five guards.", 6),
        ("The shelling claimed two lives in the suburb.", 2),
        ("The death toll from the missile strike rose to seven.", 7),
        ("The death toll rose to 12.", 12),
        # A running toll whose incident is named at length before the figure.
        (
            "The death toll from Monday's car bombing outside a mosque in the old town has "
            "risen to 23.",
            23,
        ),
        ("The number of people killed in the ambush on the convoy rose to 9.", 9),
        # Not killed.
        ("Rescuers saved 12 lives after the fire.", 0),
        ("These 18 soldiers would almost certainly have died without a transfusion.", 0),
        ("Two gunmen killed 5 civilians at the checkpoint.", 5),
        ("The driver was injured when the shell hit.", 0),
        ("The soldiers said the shelling lasted two hours.", 0),
    ],
)
def test_killed_totals_splits_and_singular_people(
    finder: CasualtyFinder, text: str, killed: int
) -> None:
    assert killed_total(finder, text) == killed


def test_part_of_a_figure_is_kept_when_it_is_the_only_figure(finder: CasualtyFinder) -> None:
    tokens = tokenize(fold("Two soldiers were among the dead."), 0, 33)
    (item,) = finder.find("Two soldiers were among the dead.", tokens)
    assert item.subset and item.casualty.kind is CasualtyKind.KILLED and item.casualty.count == 2


def test_non_ascii_and_overlong_digit_runs_are_not_counts() -> None:
    # Found by the fuzz test: superscripts pass str.isdigit() but not int().
    from sitrep.extraction.events.numbers import _digits

    assert _digits("¹") is None
    assert _digits("②") is None
    assert _digits("9" * 5000) is None
    assert _digits("1,200") == 1200


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # names, demonyms and brackets between the count and its noun
        ("Seven Malian army soldiers were killed.", [("killed", 7, "military", "exact")]),
        (
            "Four fighters of the so-called Liberation Front (LF) group were killed in the raid.",
            [("killed", 4, "military", "exact")],
        ),
        ("Thirteen Zarani were killed in the strike.", [("killed", 13, "unknown", "exact")]),
        # the head noun decides: civilians armed as a militia are fighters
        ("Two civilian militia fighters were killed.", [("killed", 2, "military", "exact")]),
        # police ranks are security forces, not civilians
        ("A constable was shot dead at the gate.", [("killed", 1, "military", "exact")]),
        ("Two patrolmen were wounded.", [("injured", 2, "military", "exact")]),
        # one person without a numeral
        (
            "Gunmen shot a trader, causing his immediate death.",
            [("killed", 1, "civilians", "exact")],
        ),
        ("The shots caused his immediate death.", [("killed", 1, "unknown", "exact")]),
        # police-report English
        ("A subject was shot dead outside the bar.", [("killed", 1, "unknown", "exact")]),
        ("Two males were found dead in the house.", [("killed", 2, "unknown", "exact")]),
        ("Militants stopped the bus and killed him.", [("killed", 1, "unknown", "exact")]),
        (
            "The death of a former rebel commander was confirmed.",
            [("killed", 1, "military", "exact")],
        ),
        # running tolls of one incident
        (
            "The number of fatalities among the police rose to 11.",
            [("killed", 11, "unknown", "exact")],
        ),
        (
            "The number of wounded in the attack on the market climbed to 40.",
            [("injured", 40, "unknown", "exact")],
        ),
    ],
)
def test_counts_as_world_news_writes_them(
    finder: CasualtyFinder, text: str, expected: list[tuple[str, int | None, str, str]]
) -> None:
    assert found(finder, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Jets executed four sorties over the valley.",  # a count of something else
        "The war has killed thousands.",  # a vague war toll
    ],
)
def test_figures_that_are_no_incidents_toll(finder: CasualtyFinder, text: str) -> None:
    assert [f for f in found(finder, text) if f[0] == "killed"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nine fishermen were presumed killed when the boat was shelled.", []),
        ("Twenty crew members are feared dead after the strike.", []),
        ("Six guards were feared to have been killed in the raid.", []),
        ("Nine fishermen were killed when the boat was shelled.", [("killed", 9)]),
    ],
)
def test_presumed_or_feared_deaths_are_no_reported_toll(
    finder: CasualtyFinder, text: str, expected: list[tuple[str, int]]
) -> None:
    assert [(kind, count) for kind, count, _, _ in found(finder, text)] == expected


def test_others_sharing_the_verb_across_an_apposition(finder: CasualtyFinder) -> None:
    text = "Police killed a commander of the outfit, Red Hand, and two others during a raid."
    assert [(k, n) for k, n, _, _ in found(finder, text)] == [("killed", 1), ("killed", 2)]


@pytest.mark.parametrize(
    "text",
    [
        "The raid left one man dead and several others taken away by the soldiers.",
        "Gunmen killed a farmer near the river and two others were abducted.",
    ],
)
def test_others_with_a_fate_of_their_own_are_not_the_dead(
    finder: CasualtyFinder, text: str
) -> None:
    assert [n for k, n, _, _ in found(finder, text) if k == "killed"] == [1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen killed a guard and wounded another.", [("killed", 1), ("injured", 1)]),
        ("Two guards were killed and another wounded.", [("killed", 2), ("injured", 1)]),
        (
            "The monitor documented the killing of a member of the Front and another of the "
            "Brigade in rocket attacks.",
            [("killed", 1), ("killed", 1)],
        ),
        ("Police killed a gunman and another fled.", [("killed", 1)]),
        ("Another guard was killed in the blast.", [("killed", 1)]),
    ],
)
def test_a_bare_another_is_one_more(
    finder: CasualtyFinder, text: str, expected: list[tuple[str, int]]
) -> None:
    assert counted(finder, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "At least three members of the Red Hand (RH), the armed wing of the party, have "
        "been killed in a gun duel with soldiers.",
        "At least three members of the Red Hand, the armed wing of the party, have been "
        "killed in a gun duel with soldiers.",
    ],
)
def test_a_names_apposition_and_a_guard_in_a_name_count_no_one(
    finder: CasualtyFinder, text: str
) -> None:
    assert [(k, n) for k, n, _, _ in found(finder, text)] == [("killed", 3)]


def test_a_guard_of_a_named_guard_is_still_one(finder: CasualtyFinder) -> None:
    text = "A soldier of the Republican Guard was killed."
    assert [(k, n) for k, n, _, _ in found(finder, text)] == [("killed", 1)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The death toll from the raid on the island rose from 14 to 50.", [("killed", 50)]),
        ("The toll of the shelling climbed from 3 to 9 soldiers.", [("killed", 9)]),
        ("Between 10 and 15 people were killed.", [("killed", 10)]),
        (
            "The airstrike on the clinic killed 10 patients and 12 staff.",
            [("killed", 10), ("killed", 12)],
        ),
    ],
)
def test_a_toll_that_changed_and_patients(
    finder: CasualtyFinder, text: str, expected: list[tuple[str, int]]
) -> None:
    assert counted(finder, text) == expected


@pytest.mark.parametrize(
    ("second", "killed"),
    [
        # Two sides' figures: the lower, as ACLED codes conflicting reports.
        ("According to the militants, nine soldiers were killed.", 5),
        # A figure told as an update replaces the earlier one, whoever tells it.
        ("According to the militants, the death toll rose to nine soldiers.", 9),
    ],
)
def test_conflicting_sources_keep_the_lower_figure(
    extractor: EventExtractor, second: str, killed: int
) -> None:
    text = (
        "Militants attacked a checkpoint in Ostrovka on Monday night. According to the "
        f"governor, five soldiers were killed in the attack. {second}"
    )
    (event,) = run(extractor, text)
    assert [c.count for c in event.casualties if c.kind is CasualtyKind.KILLED] == [killed]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The militia lost 11 fighters in the ambush.", [("killed", 11)]),
        ("The party lost two seats in the election.", []),
        ("They lost 3 to 1 in the final.", []),
    ],
)
def test_a_side_that_lost_people_lost_them_dead(
    finder: CasualtyFinder, text: str, expected: list[tuple[str, int]]
) -> None:
    assert counted(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "John Doe, the group's chief, and seven other fighters were killed in the raid.",
            [("killed", 1), ("killed", 7)],
        ),
        ("Two soldiers and three others were killed.", [("killed", 2), ("killed", 3)]),
        (
            "Police arrested the driver and two others were killed.",
            [("captured", 1), ("killed", 2)],
        ),
    ],
)
def test_someone_and_n_others_is_n_plus_one(
    finder: CasualtyFinder, text: str, expected: list[tuple[str, int]]
) -> None:
    assert counted(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Two people, according to local sources, identified as John Doe and Jim Roe, "
            "were killed in the airstrike.",
            [("killed", 2)],
        ),
        ("In turn, the gang killed a high-ranking cartel boss in the area.", [("killed", 1)]),
    ],
)
def test_asides_between_commas_and_bosses(
    finder: CasualtyFinder, text: str, expected: list[tuple[str, int]]
) -> None:
    assert counted(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A dismembered body was found this morning in the streets.", [("killed", 1)]),
        ("A governing body was set up to oversee the talks.", []),
        ("Gunmen killed two men; a body was found nearby.", [("killed", 2)]),
        ("Soldiers confirmed the discovery of a charred body inside the van.", [("killed", 1)]),
        ("Patrols found a burnt corpse near the dam.", [("killed", 1)]),
        ("The federations agreed to found a new governing body for the league.", []),
    ],
)
def test_a_body_found_is_one_dead(
    finder: CasualtyFinder, text: str, expected: list[tuple[str, int]]
) -> None:
    assert counted(finder, text) == expected


def test_a_running_toll_far_after_its_head(finder: CasualtyFinder) -> None:
    text = (
        "The death toll from the drone and missile attack on a mosque in a military "
        "training camp near the old town of Ostrovka, Ukraine, has risen to 116."
    )
    assert [(k, n) for k, n, _, _ in found(finder, text)] == [("killed", 116)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two of the four herders were gunned down and killed.", [("killed", 2)]),
        ("Activists documented the death of the 12 soldiers.", [("killed", 12)]),
        (
            "Gunmen killed three hunters and two porters near the forest.",
            [("killed", 3), ("killed", 2)],
        ),
    ],
)
def test_part_of_a_group_and_more_civilian_trades(
    finder: CasualtyFinder, text: str, expected: list[tuple[str, int]]
) -> None:
    assert counted(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Eight members of a family were killed in the strikes.", [("killed", 8)]),
        ("The wife of a soldier was killed in the blast.", [("killed", 1)]),
    ],
)
def test_members_of_a_family_are_the_victims(
    finder: CasualtyFinder, text: str, expected: list[tuple[str, int]]
) -> None:
    assert counted(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The gunmen stormed the farm and shot him dead.", [("killed", 1, "unknown")]),
        ("Police said the fishermen killed the driver.", [("killed", 1, "civilians")]),
        ("The policeman was killed at the checkpoint.", [("killed", 1, "military")]),
    ],
)
def test_the_gunmen_are_not_one_person(
    finder: CasualtyFinder, text: str, expected: list[tuple[str, int, str]]
) -> None:
    """A definite "-men" plural names a group that acts, not a singular victim."""
    assert [(k, n, v) for k, n, v, _ in found(finder, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "At least one element of the Rapid Battalion, RB, an elite unit of the Dubravan "
            "army, has died in Ostrovka after an attack by rebels.",
            [("killed", 1, "military")],
        ),
        ("Two elements of the Civic Guard were killed in Lisna.", [("killed", 2, "military")]),
        (
            "On Monday (late evening), a shepherd was wounded, having stepped on a mine.",
            [("injured", 1, "civilians")],
        ),
    ],
)
def test_elements_and_asides_after_an_acronym(
    finder: CasualtyFinder, text: str, expected: list[tuple[str, int, str]]
) -> None:
    """Security-force "elements" are people; ", RB, an elite unit ...," are asides the verb
    reaches past; ", a shepherd was wounded," is a clause, not an aside."""
    assert [(k, n, v) for k, n, v, _ in found(finder, text)] == expected


def test_quotation_marks_part_no_words(finder: CasualtyFinder) -> None:
    text = "The police dismissed an inspector for \u201cshooting and killing\u201d a man in Lisna."
    assert [(k, n) for k, n, _, _ in found(finder, text)] == [("killed", 1)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two locals told reporters that the troops killed him.", [("killed", 1)]),
        ("Three people, the mayor said, were killed in Lisna.", [("killed", 3)]),
        ("Two soldiers were reported killed.", [("killed", 2)]),
        ("Two soldiers were reported to have been killed.", [("killed", 2)]),
        ("A witness said two soldiers were killed.", [("killed", 2)]),
    ],
)
def test_people_who_speak_are_witnesses(
    finder: CasualtyFinder, text: str, expected: list[tuple[str, int]]
) -> None:
    assert counted(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The father of a regional lawmaker was shot dead in Lisna.", [("killed", 1)]),
        ("The driver of the truck was killed.", [("killed", 1)]),
        ("The son of the chief was killed.", [("killed", 1)]),
        ("The wife of the soldier was wounded.", [("injured", 1)]),
    ],
)
def test_the_x_of_y_counts_x_once(
    finder: CasualtyFinder, text: str, expected: list[tuple[str, int]]
) -> None:
    assert counted(finder, text) == expected


def test_the_source_of_a_toll_is_no_victim(finder: CasualtyFinder) -> None:
    text = "The death toll according to a Lisna official source now stands at 94 militants."
    assert [(k, n, v) for k, n, v, _ in found(finder, text)] == [("killed", 94, "military")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Five of the gunmen who attacked an air base in Lisna are reported to have been "
            "killed.",
            [("killed", 5)],
        ),
        ("Three men who stormed the hotel were killed by police.", [("killed", 3)]),
        (
            "Four of the men who attacked the base in Lisna, Dubrava are reported to have "
            "been killed; searches continue.",
            [("killed", 4)],
        ),
        ("Two men who killed a farmer were arrested.", [("captured", 2), ("killed", 1)]),
        ("Three soldiers who fought in the war were honoured.", []),
    ],
)
def test_a_relative_clause_lies_between_the_counted_and_their_fate(
    finder: CasualtyFinder, text: str, expected: list[tuple[str, int]]
) -> None:
    assert counted(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Two police officers and seven people from the rebel's group were killed.",
            [("killed", 2, "military"), ("killed", 7, "military")],
        ),
        ("Five members of the gang were killed.", [("killed", 5, "military")]),
        ("Seven people from a group of hikers were killed.", [("killed", 7, "unknown")]),
    ],
)
def test_people_of_an_armed_group_are_fighters(
    finder: CasualtyFinder, text: str, expected: list[tuple[str, int, str]]
) -> None:
    """Fighters, so that a figure beside another of fighters adds to it rather than being
    read as a total that may include it."""
    assert [(k, n, v) for k, n, v, _ in found(finder, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("After shooting at the singer, the attackers fled in a van.", []),
        ("The gunmen wounded the driver, the passengers fled.", [("injured", 1)]),
        ("The army said five rebels, the group's fighters, were killed.", [("killed", 5)]),
    ],
)
def test_a_fate_told_of_another_subject_is_not_the_counted_one_s(
    finder: CasualtyFinder, text: str, expected: list[tuple[str, int]]
) -> None:
    assert counted(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The man charged with shooting dead a woman is a soldier from a military camp.",
            [("killed", 1, "civilians")],
        ),
        (
            "Gunmen killed a police officer and a military officer.",
            [("killed", 1, "military"), ("killed", 1, "military")],
        ),
        ("Gunmen on a motorcycle shot dead two soldiers.", [("killed", 2, "military")]),
        ("Police found the body of a displaced woman.", [("killed", 1, "civilians")]),
    ],
)
def test_a_force_or_vehicle_named_before_a_thing_is_no_person(
    finder: CasualtyFinder, text: str, expected: list[tuple[str, int, str]]
) -> None:
    assert [(k, n, v) for k, n, v, _ in found(finder, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Three soldiers and an arrested rebel were injured on Sunday.",
            [("injured", 3, "military"), ("injured", 1, "military")],
        ),
        ("Two displaced women were killed.", [("killed", 2, "civilians")]),
        ("Two wounded soldiers were evacuated.", [("injured", 2, "unknown")]),
        ("The activist was shot by a gunman and died.", [("killed", 1, "civilians")]),
    ],
)
def test_a_standing_told_before_the_noun_and_the_agent_are_no_fate(
    finder: CasualtyFinder, text: str, expected: list[tuple[str, int, str]]
) -> None:
    """'an arrested rebel' was a prisoner before the event; 'by a gunman' is who shot."""
    assert [(k, n, v) for k, n, v, _ in found(finder, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Between one and two civilians were killed.", [("killed", 1, 1, 2)]),
        ("Two hundred and five soldiers were killed.", [("killed", 205, 205, 205)]),
    ],
)
def test_and_joins_number_words_only_after_a_scale(
    finder: CasualtyFinder, text: str, expected: list[tuple[str, int, int, int]]
) -> None:
    found_ = finder.find(text, tokenize(fold(text), 0, len(text)))
    assert [
        (f.casualty.kind.value, f.casualty.count, f.casualty.min, f.casualty.max) for f in found_
    ] == expected


def test_the_count_of_a_list_it_includes_is_one_figure(finder: CasualtyFinder) -> None:
    """'four persons including a baby, two children and their mother': four, the list a part."""
    text = "At least four persons including a baby, two children and their mother have been killed."
    whole = [f for f in finder.find(text, tokenize(fold(text), 0, len(text))) if not f.subset]
    assert [(f.casualty.kind.value, f.casualty.count) for f in whole] == [("killed", 4)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A rebel commander, who was behind attacks on army posts, was killed.", [("killed", 1)]),
        ("The commander, who led the unit, said two soldiers were killed.", [("killed", 2)]),
    ],
)
def test_a_relative_clause_set_off_by_commas_lies_between_the_counted_and_their_fate(
    finder: CasualtyFinder, text: str, expected: list[tuple[str, int]]
) -> None:
    assert counted(finder, text) == expected


def test_how_many_asks_and_counts_nobody(finder: CasualtyFinder) -> None:
    """'unclear how many were killed' is a question: no toll, not 'many' killed."""
    text = "Rebels stormed the outpost at dawn, but it was not clear how many were killed."
    assert found(finder, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Masked men shot dead, today, a member of the water board outside his shop.",
        "Masked men shot dead, on Friday evening, a member of the water board outside his shop.",
    ],
)
def test_a_time_aside_between_verb_and_victim_keeps_the_toll(
    finder: CasualtyFinder, text: str
) -> None:
    assert killed_total(finder, text) == 1


@pytest.mark.parametrize(
    "text",
    [
        "A nurse said one of the people killed was her neighbour.",
        "Two of the dead were teenagers from the next valley.",
    ],
)
def test_one_of_the_dead_is_part_of_a_toll_already_told(finder: CasualtyFinder, text: str) -> None:
    assert killed_total(finder, text) == 0


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Twenty guards were killed or wounded when the convoy was hit.", "killed"),
        ("Dozens of recruits were killed and wounded in the raid.", "killed"),
        ("The mortar fire killed and wounded 14 villagers.", "injured"),
    ],
)
def test_one_figure_of_the_dead_and_hurt_together_is_no_toll_of_either(
    finder: CasualtyFinder, text: str, kind: str
) -> None:
    """It says some were hurt or killed, at most the figure: a range from one."""
    tokens = tokenize(fold(text), 0, len(text))
    (item,) = finder.find(text, tokens)
    c = item.casualty
    assert (c.kind.value, c.count, c.min, c.qualifier) == (kind, None, 1, Qualifier.RANGE)


def test_dead_and_hurt_told_apart_keep_their_figures(finder: CasualtyFinder) -> None:
    text = "Ten guards were killed and five wounded when the convoy was hit."
    assert counted(finder, text) == [("killed", 10), ("injured", 5)]


@pytest.mark.parametrize(
    "text",
    [
        "She later died of her injuries at the district clinic.",
        "He succumbed to his burns two days afterwards.",
        "The victim was pronounced dead on arrival.",
        '"He lost his life before the ambulance came," his cousin said.',
    ],
)
def test_a_death_told_of_someone_named_before_is_one_dead(
    finder: CasualtyFinder, text: str
) -> None:
    assert counted(finder, text) == [("killed", 1)]


def test_a_later_death_in_hospital_is_the_toll_of_the_attack_told_just_before(
    extractor: EventExtractor,
) -> None:
    text = (
        "Masked gunmen shot at a shepherd near Ostrovka on Monday evening. "
        "He died in hospital the next morning."
    )
    (event,) = run(extractor, text)
    assert [(c.kind, c.count) for c in event.casualties] == [(CasualtyKind.KILLED, 1)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Gunmen shot dead a barber and two bakers outside the market.",
            [("killed", 1), ("killed", 2)],
        ),
        ("A jeweller was killed when robbers stormed his shop.", [("killed", 1)]),
        # a role of the one person, not a second victim
        (
            "A tailor who settled in the valley years ago as a refugee was killed by gunmen.",
            [("killed", 1)],
        ),
    ],
)
def test_trades_count_their_dead_and_a_role_is_no_second_person(
    finder: CasualtyFinder, text: str, expected: list[tuple[str, int]]
) -> None:
    assert counted(finder, text) == expected


def test_people_told_neutralised_are_dead_but_neutralised_bombs_are_no_one(
    finder: CasualtyFinder,
) -> None:
    assert counted(finder, "The army said 20 attackers were neutralised in the pursuit.") == [
        ("killed", 20)
    ]
    assert counted(finder, "Sappers neutralised 14 mines and two shells near the road.") == []


@pytest.mark.parametrize(
    "text",
    [
        "A 9-year-old boy was among four people killed when the shell hit the yard.",
        "Two guards were among the four people killed in the attack on the gate.",
    ],
)
def test_one_told_among_the_dead_is_part_of_the_toll_not_the_toll(
    finder: CasualtyFinder, text: str
) -> None:
    assert counted(finder, text) == [("killed", 4)]


def test_cadets_and_recruits_are_military_dead(finder: CasualtyFinder) -> None:
    assert found(finder, "The blast at the academy killed six cadets and two recruits.") == [
        ("killed", 6, "military", "exact"),
        ("killed", 2, "military", "exact"),
    ]


def test_ranked_names_are_found_where_a_rank_stands(finder: CasualtyFinder) -> None:
    """Speed only: the rank regex is a rule union tried where a rank word stands, with
    the same matches as the regex tried at every place."""
    ranked = finder._ranked
    assert ranked._fast and ranked._rest is None
    text = "Officials said Sergeant Tomas Velik and Lieutenant Colonel Ana Dorr were hurt."
    names = [text[r.start : r.end] for r in finder.ranked_names(text, 0, len(text))]
    assert names == ["Tomas Velik", "Ana Dorr"]
    for lo in range(0, len(text), 7):
        assert [m.span() for m in ranked.finditer(text, lo, lo + 50)] == [
            m.span() for m in ranked.pattern.finditer(text, lo, lo + 50)
        ]
    assert finder.rank_of(text, text.index("Ana")) is VictimType.MILITARY


@pytest.mark.parametrize(
    "text",
    [
        "Raiders killed seven village volunteers near Ostrovka overnight.",
        "The ambush killed eight defence volunteers on the road to Lisna.",
        "Four VDP volunteers died when their post near Dubrava was overrun.",
    ],
)
def test_armed_volunteers_are_no_civilians(finder: CasualtyFinder, text: str) -> None:
    """Auxiliaries named as volunteers (village or homeland defence volunteers) are the
    armed side ACLED codes as a militia; aid volunteers stay civilians."""
    assert [victim for _, _, victim, _ in found(finder, text)] == ["military"]


def test_aid_volunteers_are_civilians(finder: CasualtyFinder) -> None:
    text = "Shelling killed three Red Cross volunteers in Ostrovka."
    assert [victim for _, _, victim, _ in found(finder, text)] == ["civilians"]


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        (
            "Soldiers clashed with rebels near Lisna on Friday. Seven soldiers died, the army "
            "said. Twelve rebels were also killed, the army added.",
            19,
        ),
        (
            "Rebels attacked an army post in Lisna on Friday, killing seven soldiers. Another "
            "three soldiers died later in hospital.",
            10,
        ),
        (
            "Rebels attacked an army post in Lisna on Friday, killing seven soldiers. A further "
            "two died of their wounds on Saturday.",
            9,
        ),
        (
            "Rebels attacked an army post in Lisna on Friday, killing seven soldiers. Two more "
            "soldiers died in hospital.",
            9,
        ),
        # a later figure not told as more people updates the toll
        (
            "Rebels attacked an army post in Lisna on Friday, killing seven soldiers. Nine "
            "soldiers were killed in the attack, the army said on Saturday.",
            9,
        ),
    ],
)
def test_dead_told_as_more_people_add_to_the_toll(
    extractor: EventExtractor, text: str, killed: int
) -> None:
    (event,) = run(extractor, text)
    assert sum(c.count or 0 for c in event.casualties if c.kind is CasualtyKind.KILLED) == killed
