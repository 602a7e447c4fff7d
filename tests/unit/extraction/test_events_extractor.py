"""End to end on hand-built analyses: types, actors, attribution, places, merging, ids."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.extraction.events import EventExtractor
from sitrep_contracts import (
    ActorRole,
    ActorType,
    CasualtyKind,
    EnrichedEvent,
    EventType,
    SubEventType,
    VictimType,
)
from tests.unit.extraction.event_helpers import run


def assert_spans_exact(text: str, event: EnrichedEvent) -> None:
    spans = [event.event_type_evidence, event.summary_evidence]
    spans += [a.evidence for a in event.actors] + [c.evidence for c in event.casualties]
    spans += [a.evidence for a in event.attributed_to]
    if event.occurred_on.evidence is not None:
        spans.append(event.occurred_on.evidence)
    for item in spans:
        assert text[item.start : item.end] == item.text


def test_shelling_event_with_everything(extractor: EventExtractor) -> None:
    text = (
        "Four civilians were killed and nine injured on Monday in Russian shelling of "
        "Ostrovka, according to Ukrainian officials."
    )
    (event,) = run(extractor, text)
    assert event.event_type.value == "Explosions/Remote violence"
    assert event.sub_event_type is not None
    assert event.sub_event_type.value == "Shelling/artillery/missile attack"
    assert event.occurred_on.date == dt.date(2023, 5, 15)
    assert event.location is not None and event.location.name == "Ostrovka"
    killed = [c for c in event.casualties if c.kind is CasualtyKind.KILLED]
    assert [(c.count, c.victim_type) for c in killed] == [(4, VictimType.CIVILIANS)]
    actor1 = next(a for a in event.actors if a.role is ActorRole.ACTOR1)
    assert (actor1.actor_type, actor1.country_iso3, actor1.acled_inter) == (
        ActorType.MILITARY,
        "RUS",
        8,
    )  # foreign state forces: ACLED's external category
    assert [a.source for a in event.attributed_to] == ["Ukrainian officials"]
    assert event.attributed_to[0].country_iso3 == "UKR"
    assert_spans_exact(text, event)


def test_official_keeps_person_and_title(extractor: EventExtractor) -> None:
    text = "Drones struck Lisna overnight, regional governor Ivan Petrenko said."
    (event,) = run(extractor, text, people=("Ivan Petrenko",))
    official = next(a for a in event.actors if a.person == "Ivan Petrenko")
    assert official.title == "regional governor"
    assert official.role is ActorRole.SOURCE
    assert event.sub_event_type is not None
    assert event.sub_event_type.value == "Air/drone strike"
    assert_spans_exact(text, event)


@pytest.mark.parametrize(
    ("text", "person", "name", "title"),
    [
        (
            "Russian troops shelled Lisna on Monday, killing two civilians, a senior official "
            "of the occupation administration, Oleg Sirko, said.",
            "Oleg Sirko",
            "Russian occupation authorities",
            "senior official",
        ),
        (
            "Ukrainian drones struck Dubrava on Monday, a spokesman for the Russian army, "
            "Pavel Lom, said.",
            "Pavel Lom",
            "Military Forces of Russia",
            "spokesman",
        ),
    ],
)
def test_an_official_of_a_body_named_after_the_title_serves_that_body(
    extractor: EventExtractor, text: str, person: str, name: str, title: str
) -> None:
    """An official "of the X" speaks for X, not for the article's country."""
    (event,) = run(extractor, text, people=(person,))
    official = next(a for a in event.actors if a.person == person)
    assert (official.name, official.title) == (name, title)
    assert_spans_exact(text, event)


@pytest.mark.parametrize(
    ("text", "event_type", "sub_event_type"),
    [
        (
            "Ukrainian troops recaptured Dubrava on Monday.",
            "Battles",
            "Government regains territory",
        ),
        (
            "Russian forces captured Dubrava after heavy fighting.",
            "Battles",
            "Non-state actor overtakes territory",
        ),
        ("Ukrainian and Russian units clashed near Dubrava.", "Battles", "Armed clash"),
        (
            "Officials said on Sunday that the insurgents now have control of Dubrava.",
            "Battles",
            "Non-state actor overtakes territory",
        ),
        (
            "Residents of Dubrava lifted placards against the new governor.",
            "Protests",
            "Peaceful protest",
        ),
        (
            "Students in Dubrava formed a human chain on Monday, demanding the release of "
            "activists.",
            "Protests",
            "Peaceful protest",
        ),
        # the reporter's act types the sentence, not the words of the quoted banner
        (
            'Residents marched through Dubrava with banners that read "every soldier who '
            'shells us will be captured".',
            "Protests",
            "Peaceful protest",
        ),
        (
            "Soldiers dismantled IEDs planted on the road near Dubrava.",
            "Strategic developments",
            "Disrupted weapons use",
        ),
        # force used on a demonstration is coded under the demonstration
        (
            "Police opened fire on protesters in Dubrava on Wednesday, killing one.",
            "Protests",
            "Excessive force against protesters",
        ),
        (
            "Two protesters were killed when police opened fire in Dubrava on Monday.",
            "Protests",
            "Excessive force against protesters",
        ),
        # the dead of long ago and the next sentence's are not hurt at the protest
        (
            "Relatives held a protest in Dubrava with photographs of their dead. A speaker "
            "recalled the soldiers killed in the war.",
            "Protests",
            "Peaceful protest",
        ),
        # the dead a demonstration is about are no force used on it
        (
            "Hundreds marched in Dubrava on Monday to denounce the deaths of five miners.",
            "Protests",
            "Peaceful protest",
        ),
        # a demonstration turned violent is a riot
        (
            "Protesters attacked a police station in Dubrava, killing two officers.",
            "Riots",
            "Violent demonstration",
        ),
        (
            "Hundreds of protesters clashed with police in Dubrava on Monday.",
            "Riots",
            "Violent demonstration",
        ),
        # gunfire at a patrol is a clash, not shelling
        (
            "A patrol near Dubrava came under heavy firing and one soldier was killed.",
            "Battles",
            "Armed clash",
        ),
        (
            "Air defence shot down six drones over Lisna.",
            "Strategic developments",
            "Disrupted weapons use",
        ),
        (
            "A car hit a landmine near Lisna.",
            "Explosions/Remote violence",
            "Remote explosive/landmine/IED",
        ),
        ("Moscow sent reinforcements to Dubrava.", "Strategic developments", "Other"),
        ("Officials began to evacuate residents of Lisna.", "Strategic developments", "Other"),
        (
            "Hundreds of protesters rallied in Lisna against the mobilisation.",
            "Protests",
            "Peaceful protest",
        ),
        (
            "Soldiers attacked the village of Ostrovka with artillery.",
            "Explosions/Remote violence",
            "Shelling/artillery/missile attack",
        ),
        (
            "A gunman shoots three shoppers at a market in Lisna.",
            "Violence against civilians",
            "Attack",
        ),
        (
            "A killing spree occurs in the small town of Ostrovka; 9 people are dead.",
            "Violence against civilians",
            "Attack",
        ),
        # A fighting word one side can do alone: the hurt and the target decide.
        (
            "Gunmen stormed a wedding in Lisna and killed three people.",
            "Violence against civilians",
            "Attack",
        ),
        (
            "Gunmen stormed a police station in Lisna and killed four people.",
            "Battles",
            "Armed clash",
        ),
        # Armed men named as the agent ("by ...") shot; they were not shot at.
        (
            "A farmer was shot dead by separatist rebels in Lisna.",
            "Violence against civilians",
            "Attack",
        ),
        (
            "Rebels fired upon a bus on the road to Lisna.",
            "Violence against civilians",
            "Attack",
        ),
        (
            "A farmer was shot dead in Lisna district by Russian soldiers.",
            "Violence against civilians",
            "Attack",
        ),
        (
            "A student shot by the police near a school in Lisna has died.",
            "Violence against civilians",
            "Attack",
        ),
        (
            "Troops seized rifles from a rebel camp near Lisna; four rebels were killed.",
            "Battles",
            "Armed clash",
        ),
        (
            "Police raided a farm near Lisna, liberating the villagers held there.",
            "Strategic developments",
            "Other",
        ),
        # A protest where protesters died met lethal force.
        (
            "Two protesters died as police dispersed a rally against the mayor in Lisna.",
            "Protests",
            "Excessive force against protesters",
        ),
        # Abducted and killed: ACLED codes the killing.
        (
            "Separatist fighters abducted two farmers in Lisna; the two farmers were later "
            "found dead.",
            "Violence against civilians",
            "Attack",
        ),
        # A remnant of war that goes off is a remote explosive, whatever it was made to be.
        (
            "Two shepherds were wounded when an unexploded shell went off near Lisna.",
            "Explosions/Remote violence",
            "Remote explosive/landmine/IED",
        ),
        # Only a government regains territory; rebels who retake a town overtake it.
        (
            "Separatist rebels retook Lisna after heavy fighting with Ukrainian troops.",
            "Battles",
            "Non-state actor overtakes territory",
        ),
        # Soldiers who open a clause of their own shot; they were not shot at.
        (
            "A farmer was shot in Lisna as the troops fired on the crowd.",
            "Violence against civilians",
            "Attack",
        ),
        # Words of both sides fighting make a battle whoever was hit.
        (
            "Armed villagers traded fire with Russian troops in Lisna; two villagers were killed.",
            "Battles",
            "Armed clash",
        ),
        # With every trigger in a subordinate phrase, the cause decides, not the scene.
        (
            "Two men died after Russian artillery shelled the market of Lisna amid weeks of "
            "clashes.",
            "Explosions/Remote violence",
            "Shelling/artillery/missile attack",
        ),
        # People killed where arrests were made: the fighting is the event.
        (
            "Two separatist fighters died and seven were arrested when police raided a house "
            "in Lisna.",
            "Battles",
            "Armed clash",
        ),
        # A group with no aircraft that "bombed": a planted bomb, or shells on positions.
        (
            "Gunmen bombed a police station in Lisna on Monday.",
            "Explosions/Remote violence",
            "Remote explosive/landmine/IED",
        ),
        (
            "Rebels bombed army positions near Lisna on Monday.",
            "Explosions/Remote violence",
            "Shelling/artillery/missile attack",
        ),
        (
            "Rebels bombed a market in Lisna with drones on Monday.",
            "Explosions/Remote violence",
            "Air/drone strike",
        ),
        # a bombing nobody is named for and nothing puts in the air: a planted bomb
        (
            "A car bombing in Lisna killed five people on Monday.",
            "Explosions/Remote violence",
            "Remote explosive/landmine/IED",
        ),
        (
            "Warplanes bombed Lisna on Monday, killing five.",
            "Explosions/Remote violence",
            "Air/drone strike",
        ),
        (
            "The army bombed rebel camps near Lisna on Monday.",
            "Explosions/Remote violence",
            "Air/drone strike",
        ),
        (
            "An explosive-laden drone hit a fuel depot in Lisna on Monday.",
            "Explosions/Remote violence",
            "Air/drone strike",
        ),
        # a place right after "captured" is what was taken, whoever is named later
        (
            "Troops captured Lisna on Monday, but the Wagner Group kept fighting nearby.",
            "Battles",
            "Government regains territory",
        ),
        (
            "Wagner Group fighters captured Lisna's mayor on Monday.",
            "Violence against civilians",
            "Abduction/forced disappearance",
        ),
        # Drones that watch type no strike.
        (
            "Rebels attacked army posts near Lisna at dawn while surveillance drones circled.",
            "Battles",
            "Armed clash",
        ),
    ],
)
def test_event_type_choice(
    extractor: EventExtractor, text: str, event_type: str, sub_event_type: str
) -> None:
    events = run(extractor, text)
    assert events, text
    assert events[0].event_type.value == event_type
    assert events[0].sub_event_type is not None
    assert events[0].sub_event_type.value == sub_event_type


@pytest.mark.parametrize(
    "text",
    [
        "Thousands protested in Lisna on Monday over the killing of three students by police.",
        "Protests went on in Lisna on Thursday despite the killing of 11 people a day earlier.",
    ],
)
def test_the_dead_a_protest_is_about_are_not_its_toll(extractor: EventExtractor, text: str) -> None:
    (event,) = run(extractor, text)
    assert event.event_type.value == "Protests"
    assert killed(event) == 0


def test_reinforcements_killed_are_deaths_not_a_troop_movement(
    extractor: EventExtractor,
) -> None:
    text = (
        "A gun battle between the army and rebels left 9 dead in Lisna on Saturday. "
        "Reinforcements who tried to reach the rebels' house were killed by soldiers."
    )
    (event,) = run(extractor, text)
    assert event.event_type.value == "Battles"


def test_an_intercepted_strike_told_again_is_the_interception(extractor: EventExtractor) -> None:
    text = (
        "Air defences intercepted a Russian drone over Lisna on Monday, the army said. "
        "The explosive-laden drone had been launched towards the power station."
    )
    (event,) = run(extractor, text)
    assert event.sub_event_type is SubEventType.DISRUPTED_WEAPONS_USE


def test_sentence_without_trigger_is_no_event(extractor: EventExtractor) -> None:
    text = (
        "Visiting Vienna, the US defence secretary praised the courage of Ukraine, saying "
        "modern rocket systems could change the situation."
    )
    assert run(extractor, text) == []


def test_a_country_owning_a_region_is_no_acting_government(extractor: EventExtractor) -> None:
    """'Fighters from Ukraine's Lisna province': the country names where they are from."""
    text = "Fighters from Ukraine's Lisna province took control of Dubrava on Monday."
    (event,) = run(extractor, text)
    assert actor_names(event)[0] is None
    assert event.sub_event_type is not None
    assert event.sub_event_type.value == "Non-state actor overtakes territory"


def test_a_named_person_after_a_rank_is_one_dead_of_that_kind(extractor: EventExtractor) -> None:
    """The NER misses "Constable Juan Cruz"; the rank names him and says he was police."""
    text = "Constable Juan Cruz, 34, was shot dead by separatist fighters in Lisna."
    (event,) = run(extractor, text)
    assert [(c.kind, c.count, c.victim_type) for c in event.casualties] == [
        (CasualtyKind.KILLED, 1, VictimType.MILITARY)
    ]
    assert event.event_type.value == "Battles"


@pytest.mark.parametrize(
    "text",
    [
        # a retreat after a fight hands over no territory
        "The rebels withdrew towards the hills north of Lisna.",
        "The militants withdrew and escaped across the river near Lisna.",
        # police who intercept a van disrupt no weapon
        "Police intercepted a stolen van on the highway near Lisna.",
    ],
)
def test_retreats_and_interceptions_of_no_weapon_are_no_event(
    extractor: EventExtractor, text: str
) -> None:
    assert run(extractor, text) == []


def test_location_is_where_it_happened_not_where_the_speaker_was(
    extractor: EventExtractor,
) -> None:
    text = "The minister said from Vienna that Russian artillery shelled Dubrava on Tuesday."
    (event,) = run(extractor, text)
    assert event.location is not None and event.location.name == "Dubrava"


def test_a_capital_that_acts_is_its_government_not_the_place(extractor: EventExtractor) -> None:
    (event,) = run(extractor, "Officials said Vienna's deployment of reinforcements had begun.")
    assert event.location is None


def test_a_place_measured_from_is_not_where_it_happened(extractor: EventExtractor) -> None:
    text = (
        "Russian artillery shelled positions north of the district centre Dubrava, "
        "some 65 km northeast of Lisna."
    )
    (event,) = run(extractor, text)
    assert event.location is not None and event.location.name == "Dubrava"
    (alone,) = run(extractor, "Russian artillery shelled a village 30 km south of Lisna.")
    assert alone.location is not None and alone.location.name == "Lisna"  # the only one


def test_location_falls_back_to_the_place_named_just_before(extractor: EventExtractor) -> None:
    text = "The situation in Lisna remains tense. Heavy fighting continued there on Sunday."
    (event,) = run(extractor, text)
    assert event.location is not None and event.location.name == "Lisna"


def test_same_event_sentences_merge_and_distinct_places_do_not(
    extractor: EventExtractor,
) -> None:
    text = (
        "Russian missiles struck Ostrovka on Monday, killing two residents. "
        "These strikes also damaged a school, the mayor said. "
        "Separately, fighting raged near Dubrava."
    )
    events = run(extractor, text)
    assert [e.location.name if e.location else None for e in events] == ["Ostrovka", "Dubrava"]
    assert "These strikes" in events[0].summary


def test_several_events_in_one_article(extractor: EventExtractor) -> None:
    text = (
        "Ukrainian troops recaptured Dubrava on Monday.\n"
        "In Ostrovka, three soldiers were wounded in Russian shelling on Tuesday.\n"
        "Authorities evacuated residents of Lisna."
    )
    events = run(extractor, text)
    assert [e.event_type.value for e in events] == [
        "Battles",
        "Explosions/Remote violence",
        "Strategic developments",
    ]
    assert [e.occurred_on.date for e in events][:2] == [dt.date(2023, 5, 15), dt.date(2023, 5, 16)]


def test_no_casualty_number_when_casualties_unknown(extractor: EventExtractor) -> None:
    (event,) = run(extractor, "On 12 May 2023, Russian forces shelled Dubrava. Casualties unknown.")
    assert event.casualties == []
    assert event.occurred_on.date == dt.date(2023, 5, 12)


def test_event_ids_are_deterministic(extractor: EventExtractor) -> None:
    text = "Russian forces shelled Dubrava on Monday. Fighting continued near Lisna."
    first = [e.event_id for e in run(extractor, text)]
    again = [e.event_id for e in run(extractor, text)]
    other_revision = [e.event_id for e in run(extractor, text, revision="rev2")]
    assert first == again
    assert len(set(first)) == len(first) == 2
    assert not set(first) & set(other_revision)


def test_confidence_in_unit_interval_and_evidence_exact(extractor: EventExtractor) -> None:
    text = (
        "According to the general staff, Russian troops attacked Ostrovka with drones "
        "on Sunday; at least 3 soldiers were injured."
    )
    for event in run(extractor, text):
        assert 0.0 <= event.confidence <= 1.0
        assert all(0.0 <= a.confidence <= 1.0 for a in event.actors)
        assert_spans_exact(text, event)


def killed(event: EnrichedEvent) -> int:
    return sum(c.count or c.min or 0 for c in event.casualties if c.kind is CasualtyKind.KILLED)


def test_casualties_stay_with_the_side_that_caused_them(extractor: EventExtractor) -> None:
    text = (
        "Ukrainian forces shelled a depot near Ostrovka, killing 7 soldiers. Later, Russian "
        "forces shelled a nearby village, killing 2 civilians."
    )
    events = run(extractor, text)
    assert [killed(e) for e in events] == [7, 2]
    assert events[0].actors[0].name == "Military Forces of Ukraine"


def test_victims_sentence_joins_the_event_before_it(extractor: EventExtractor) -> None:
    text = (
        "Russian forces shelled Ostrovka on Monday. As a result of the shelling, two "
        "Ukrainian soldiers were killed and five were wounded."
    )
    (event,) = run(extractor, text)
    assert killed(event) == 2


def test_total_then_part_in_the_next_sentence(extractor: EventExtractor) -> None:
    text = (
        "A missile strike on Dubrava killed 5 people on Tuesday. Three civilians were "
        "among the dead."
    )
    (event,) = run(extractor, text)
    assert killed(event) == 5


def actor_names(event: EnrichedEvent) -> tuple[str | None, str | None]:
    a1 = next((a.name for a in event.actors if a.role is ActorRole.ACTOR1), None)
    a2 = next((a.name for a in event.actors if a.role is ActorRole.ACTOR2), None)
    return a1, a2


@pytest.mark.parametrize(
    ("text", "actor1", "actor2"),
    [
        # Passive voice and agents after the trigger.
        ("Ostrovka was shelled by Russian forces on Monday.", "Military Forces of Russia", None),
        # A government that speaks is the source, not the side that fought.
        (
            "The Ukrainian Defence Ministry reports 12 Russian soldiers were killed in an "
            "airstrike near Dubrava.",
            None,
            "Military Forces of Russia",
        ),
        # The side named as the target is hit, not acting.
        (
            "A truck rammed into a group of Ukrainian soldiers in an attack in Dubrava.",
            None,
            "Military Forces of Ukraine",
        ),
        (
            "A car bomb exploded near a convoy of Ukrainian soldiers in Dubrava.",
            None,
            "Military Forces of Ukraine",
        ),
        # Who use the place that was hit are hit, not its agent.
        (
            "A bomb exploded at a cafe frequented by off-duty Ukrainian soldiers in Dubrava.",
            None,
            "Military Forces of Ukraine",
        ),
        (
            "Ukrainian positions near Dubrava were attacked by Russian troops.",
            "Military Forces of Russia",
            "Military Forces of Ukraine",
        ),
        # Clashes between two sides: the first named acts.
        (
            "Clashes took place between Russian and Ukrainian forces near Lisna.",
            "Military Forces of Russia",
            "Military Forces of Ukraine",
        ),
        (
            "There was an armed clash between the Ukrainian army and the Russian military "
            "near Lisna.",
            "Military Forces of Ukraine",
            "Military Forces of Russia",
        ),
        # A demonym sharing the head noun of the next conjunct.
        (
            "Russian and separatist forces shelled Ukrainian positions near Ostrovka.",
            "Military Forces of Russia",
            "NAF: United Armed Forces of Novorossiya",
        ),
        ("Russian air units carried out strikes near Dubrava.", "Military Forces of Russia", None),
        # The target alone is not the actor.
        (
            "Chechen fighters attacked Ukrainian positions near Lisna.",
            "Military Forces of Russia",
            "Military Forces of Ukraine",
        ),
        (
            "Artillery shelled Ukrainian positions near Lisna overnight.",
            None,
            "Military Forces of Ukraine",
        ),
        # Private military companies are external/other forces.
        (
            "Wagner mercenaries stormed Ukrainian positions near Dubrava.",
            "Wagner Group",
            "Military Forces of Ukraine",
        ),
        # The counted dead are the side that was hit, wherever they stand.
        (
            "Twelve Ukrainian soldiers were killed in Russian airstrikes near Lisna.",
            "Military Forces of Russia",
            "Military Forces of Ukraine",
        ),
        (
            "A Russian soldier was killed in an encounter with Ukrainian troops near Lisna.",
            "Military Forces of Ukraine",
            "Military Forces of Russia",
        ),
        (
            "Four fighters of the Wagner Group were killed in Ukrainian shelling near Lisna.",
            "Military Forces of Ukraine",
            "Wagner Group",
        ),
        # who undergoes a blow told in the passive was hit; a source after it did nothing
        (
            "Ukrainian soldiers were ambushed near Lisna on Monday.",
            None,
            "Military Forces of Ukraine",
        ),
        (
            "A Ukrainian army column came under fire near Lisna, police said.",
            None,
            "Military Forces of Ukraine",
        ),
        ("Russian forces were shelling Lisna on Monday.", "Military Forces of Russia", None),
        # The army's places and columns are the army, hit where it stands.
        (
            "Wagner Group fighters stormed an army checkpoint near Lisna on Monday.",
            "Wagner Group",
            "Military Forces of Ukraine",
        ),
        (
            "Two soldiers were killed in a raid on Hill-12 army base near Lisna overnight.",
            "Unidentified Armed Group (Ukraine)",
            "Military Forces of Ukraine",
        ),
        (
            "Wagner Group fighters attacked a Russian military post near Lisna on Monday.",
            "Wagner Group",
            "Military Forces of Russia",
        ),
        (
            "Shells fired from army positions hit Wagner Group trenches near Lisna.",
            "Military Forces of Ukraine",
            "Wagner Group",
        ),
    ],
)
def test_actor1_is_the_acting_side(
    extractor: EventExtractor, text: str, actor1: str | None, actor2: str | None
) -> None:
    event = run(extractor, text)[0]
    assert actor_names(event) == (actor1, actor2)


def test_a_side_named_in_a_contrasting_clause_did_not_act(extractor: EventExtractor) -> None:
    text = "Lisna was recaptured on Monday, but the Wagner Group kept fighting nearby."
    assert actor_names(run(extractor, text)[0])[0] is None


def test_the_agent_of_a_trigger_in_a_subordinate_phrase_is_actor1(
    extractor: EventExtractor,
) -> None:
    text = (
        "The monitor has documented the killing of two members and the injury of three others "
        "of rebel factions on the Lisna frontline, as a result of the ground bombardment by "
        "Russian forces on the posts of the factions."
    )
    assert actor_names(run(extractor, text)[0])[0] == "Military Forces of Russia"


def test_the_agent_after_by_and_a_few_words_is_actor1(extractor: EventExtractor) -> None:
    """'by the Russian troops', not the police chief who tells of it."""
    text = (
        "The Ukrainian police chief said the soldier was shot dead by the Russian troops "
        "near Lisna."
    )
    assert actor_names(run(extractor, text)[0])[0] == "Military Forces of Russia"


@pytest.mark.parametrize(
    "text",
    [
        "A farmer was shot dead by rebels who came to his home in Lisna, the local police said.",
        "Gunmen killed a shopkeeper in Ostrovka on Monday, police said.",
    ],
)
def test_the_police_who_tell_of_a_killing_are_not_its_target(
    extractor: EventExtractor, text: str
) -> None:
    """The police speak of the killing: they are its source, not the side it hit, and a
    civilian shot by one side alone is no battle."""
    (event,) = run(extractor, text)
    assert event.event_type.value == "Violence against civilians"
    police = next(a for a in event.actors if a.name.startswith("Police Forces"))
    assert police.role is ActorRole.SOURCE


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        (
            "Police said two officers were killed when gunmen attacked a checkpoint in Lisna.",
            "Unidentified Armed Group (Ukraine)",
        ),
        ("Police said they killed two gunmen in Lisna.", "Police Forces of Ukraine"),
    ],
)
def test_who_tells_of_a_fight_acts_only_when_nobody_else_can(
    extractor: EventExtractor, text: str, actor1: str
) -> None:
    assert actor_names(run(extractor, text)[0])[0] == actor1


def test_what_the_shooter_is_is_not_whom_he_shot(extractor: EventExtractor) -> None:
    text = "The man charged with shooting dead a woman in Lisna on Monday is a soldier."
    (event,) = run(extractor, text)
    assert event.event_type.value == "Violence against civilians"
    assert [(c.kind.value, c.count) for c in event.casualties] == [("killed", 1)]


def test_a_side_named_in_the_setting_is_no_party(extractor: EventExtractor) -> None:
    text = (
        "A child was killed when Russian troops shelled his village near Lisna amid fierce "
        "fighting with the Ukrainian army."
    )
    assert actor_names(run(extractor, text)[0]) == (
        "Military Forces of Russia",
        "Civilians (Ukraine)",
    )


def test_a_bracketed_short_name_of_a_side_in_the_setting_is_no_party(
    extractor: EventExtractor,
) -> None:
    text = (
        "Two women were killed when Russian artillery hit their street in Lisna on Monday, amid "
        "several days of heavy clashes with the Armed Forces of Ukraine (AFU) nearby."
    )
    assert actor_names(run(extractor, text)[0])[:2] == (
        "Military Forces of Russia",
        "Civilians (Ukraine)",
    )


def test_a_side_told_as_killed_without_a_figure_is_the_side_hit(
    extractor: EventExtractor,
) -> None:
    text = "Russian soldiers were killed when Ukrainian drones struck their trench near Lisna."
    assert actor_names(run(extractor, text)[0])[:2] == (
        "Military Forces of Ukraine",
        "Military Forces of Russia",
    )


def test_officers_counted_by_rank_are_dead_of_the_forces(extractor: EventExtractor) -> None:
    text = "Two majors and a general were killed when a missile hit a headquarters in Lisna."
    (event,) = run(extractor, text)
    assert [(c.kind.value, c.count) for c in event.casualties] == [("killed", 3)]


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Gunmen shot dead a close friend of the mayor in Lisna on Monday.", 1),
        ("Two brothers were killed when a shell hit their house in Lisna on Monday.", 2),
    ],
)
def test_kin_and_friends_counted_are_dead_people(
    extractor: EventExtractor, text: str, killed: int
) -> None:
    (event,) = run(extractor, text)
    assert [(c.kind.value, c.count) for c in event.casualties] == [("killed", killed)]


def test_attackers_retreating_after_their_attack_hand_over_no_ground(
    extractor: EventExtractor,
) -> None:
    text = (
        "Rebels raided a police station in Lisna on Monday, killing two officers.\n"
        "On Wednesday the rebel command claimed the raid and said the assailants withdrew "
        "without losses."
    )
    assert [e.event_type.value for e in run(extractor, text)] == ["Battles"]


def test_an_attack_that_hurt_only_civilians_is_violence_against_civilians(
    extractor: EventExtractor,
) -> None:
    (event,) = run(extractor, "Gunmen attacked a house in Lisna on Monday, killing a farmer.")
    assert (event.event_type.value, event.sub_event_type) == (
        "Violence against civilians",
        SubEventType.ATTACK,
    )
    (clash,) = run(extractor, "Gunmen attacked a checkpoint in Lisna on Monday, killing a soldier.")
    assert clash.event_type.value == "Battles"


def test_rivals_fighting_in_the_present_tense_is_background_not_an_event(
    extractor: EventExtractor,
) -> None:
    text = (
        "A customs officer was shot dead in Lisna on Sunday night, the police said.\n"
        "Since the accord collapsed, rival gangs battle one another and the army for control "
        "of the border crossings."
    )
    (event,) = run(extractor, text)
    assert "battle" not in event.summary
    assert [(c.kind.value, c.count) for c in event.casualties] == [("killed", 1)]


def test_the_agent_of_a_shooting_told_after_the_weapon_is_actor1(
    extractor: EventExtractor,
) -> None:
    text = (
        "Monitors reported an assassination that targeted a member of the local police in "
        "Lisna on Monday, after he was shot with a hunting rifle by two masked gunmen in a car."
    )
    assert actor_names(run(extractor, text)[0])[:2] == (
        "Unidentified Armed Group (Ukraine)",
        "Police Forces of Ukraine",
    )


def test_an_ally_named_along_with_the_acting_side_is_not_its_opponent(
    extractor: EventExtractor,
) -> None:
    text = (
        "Ukrainian units pushed into Lisna on Monday. Russian forces, together with the Wagner "
        "Group, fought back until dusk."
    )
    (event,) = run(extractor, text)
    assert [a.role.value for a in event.actors if a.name == "Wagner Group"] == ["associated"]


def test_a_section_heading_that_opens_with_a_day_dates_the_paragraph_under_it(
    extractor: EventExtractor,
) -> None:
    text = (
        "Relief teams visited the area last month.\n"
        "April 3rd, Lisna Village, Dubrava District\n"
        "Troops and Russian forces exchanged fire near the school. Russian soldiers set three "
        "houses alight."
    )
    (event,) = run(extractor, text)
    assert event.occurred_on.date == dt.date(2023, 4, 3)


def test_a_government_taken_up_by_a_pronoun_before_the_trigger_acts_by_its_army(
    extractor: EventExtractor,
) -> None:
    text = (
        "Days later the Ukrainian government held a parade when it retook Lisna from the "
        "Wagner Group."
    )
    (event,) = run(extractor, text)
    assert actor_names(event)[:2] == ("Military Forces of Ukraine", "Wagner Group")
    assert event.sub_event_type == SubEventType.GOVERNMENT_REGAINS_TERRITORY


def test_a_side_whose_weapons_were_destroyed_is_not_who_struck(
    extractor: EventExtractor,
) -> None:
    text = (
        "Nine ISIS fighters were killed in an air strike near Lisna on Friday.\n"
        "A spokesman for the 3rd Brigade said ISIS ammunition and two of its trucks were "
        "destroyed in the strike."
    )
    (event,) = run(extractor, text)
    assert "Islamic State (Syria)" not in [a.name for a in event.actors if a.role.value == "actor1"]


@pytest.mark.parametrize(
    "text",
    [
        "Soldiers fired their rifles at a crowd in Lisna on Tuesday, wounding three people.",
        "Guards fired live rounds at villagers in Lisna on Tuesday, killing two.",
    ],
)
def test_small_arms_fired_at_civilians_are_an_attack_not_shelling(
    extractor: EventExtractor, text: str
) -> None:
    (event,) = run(extractor, text)
    assert (event.event_type.value, event.sub_event_type) == (
        "Violence against civilians",
        SubEventType.ATTACK,
    )


@pytest.mark.parametrize(
    ("text", "typed"),
    [
        (
            "On May 14, the militants struck again and killed four soldiers near Lisna.",
            ("Battles", SubEventType.ARMED_CLASH),
        ),
        (
            "On May 14, the militants struck again and killed four villagers near Lisna.",
            ("Violence against civilians", SubEventType.ATTACK),
        ),
        (
            "A fighter of the Wagner Group died near Lisna after being targeted by several "
            "bullets.",
            ("Battles", SubEventType.ARMED_CLASH),
        ),
    ],
)
def test_an_armed_group_striking_with_no_weapon_named_fights_or_attacks(
    extractor: EventExtractor, text: str, typed: tuple[str, SubEventType]
) -> None:
    """No shelling without a weapon that shells: who struck whom decides."""
    (event,) = run(extractor, text)
    assert (event.event_type.value, event.sub_event_type) == typed


def test_an_event_no_sentence_places_takes_the_focus_country_s_nearest_place(
    extractor: EventExtractor,
) -> None:
    """The article never names its country, and its only place is far from the event."""
    filler = "The message on the banner was long and nobody could read all of it. " * 30
    text = (
        "Gunmen shot dead a driver at a street corner on Friday.\n"
        + filler
        + "\nAs of Friday, Lisna had 64 homicides this month."
    )
    (event,) = run(extractor, text)
    assert event.location is not None and event.location.name == "Lisna"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Protests against the May 1 coup continued in Lisna on Thursday.", dt.date(2023, 5, 11)),
        ("The May 3 attack on Lisna killed five soldiers.", dt.date(2023, 5, 3)),
    ],
)
def test_a_date_naming_another_event_is_not_this_one_s(
    extractor: EventExtractor, text: str, day: dt.date
) -> None:
    (event,) = run(extractor, text)
    assert event.occurred_on.date == day


def test_the_date_in_the_triggers_own_clause_dates_it(extractor: EventExtractor) -> None:
    """Friday dates the road's opening; the recapture is told of "recent days"."""
    text = (
        "The road to Ostrovka was open to traffic on Friday morning, an area that the "
        "Ukrainian army seems to have recaptured during fighting in recent days."
    )
    (event,) = run(extractor, text)
    assert event.occurred_on.precision.value == "week"


def test_activists_who_tell_of_a_strike_are_no_demonstrators(extractor: EventExtractor) -> None:
    text = "Activists of the monitor have documented Russian airstrikes on Lisna on Monday."
    (event,) = run(extractor, text)
    assert all(a.actor_type is not ActorType.PROTESTERS for a in event.actors)


@pytest.mark.parametrize(
    "text",
    [
        "Police found the body of the boy in Lisna on Monday, who was killed by unknown "
        "assailants.",
        "Gunmen killed six villagers in Lisna on Monday; the army, accused of failing to "
        "intervene, said it was investigating.",
        "Police (ISF) have found the body of the boy in Lisna on Monday, who was killed by "
        "unknown assailants.",
        "Members of the police \u201cXyz\u201d found the body of the boy in Lisna on Monday, who "
        "was killed by unknown assailants.",
    ],
)
def test_who_came_after_a_killing_is_no_side_of_it(extractor: EventExtractor, text: str) -> None:
    (event,) = run(extractor, text)
    assert actor_names(event) == ("Unidentified Armed Group (Ukraine)", "Civilians (Ukraine)")
    assert event.event_type.value == "Violence against civilians"


def test_a_demonstrator_shot_by_security_forces_is_excessive_force(
    extractor: EventExtractor,
) -> None:
    text = (
        "A demonstrator shot by security forces died in hospital in Lisna on Thursday, a day "
        "after security forces opened fire on a protest."
    )
    (event,) = run(extractor, text)
    assert event.sub_event_type is SubEventType.EXCESSIVE_FORCE_AGAINST_PROTESTERS


def test_a_side_named_as_the_owner_of_a_toll_lost_it(extractor: EventExtractor) -> None:
    text = (
        "The Wagner Group's latest casualties near Lisna exceeded 108, the army said, after "
        "announcing more than 156 dead on Monday."
    )
    (event,) = run(extractor, text)
    assert event.event_type.value == "Battles"
    assert actor_names(event)[1] == "Wagner Group"


def test_gunmen_who_arrived_and_opened_fire_are_its_side(extractor: EventExtractor) -> None:
    text = "Two gunmen arrived in a van in Lisna on Monday and opened fire on a crowd."
    (event,) = run(extractor, text)
    assert actor_names(event)[0] == "Unidentified Armed Group (Ukraine)"


def test_a_recalled_incident_takes_the_town_of_its_own_heading(
    extractor: EventExtractor,
) -> None:
    """An older incident told under a line with its day and place: not today's places."""
    text = (
        "Villagers in Dubrava told the monitor of older attacks on Wednesday.\n"
        "Report of 5 November 2022, near Lisna village, in the hills:\n"
        "On 5 November 2022 the army attacked the camp of displaced people."
    )
    (event,) = run(extractor, text)
    assert event.occurred_on.date == dt.date(2022, 11, 5)
    assert event.location is not None and event.location.name == "Lisna"


def test_an_event_its_sentences_place_in_the_country_takes_the_town_just_before(
    extractor: EventExtractor,
) -> None:
    """A report's heading line names the village; the story under it only the country."""
    text = (
        "Near Lisna village, on the provincial border:\n"
        "Five civilians were killed by the army when fighting broke out in Ukraine."
    )
    (event,) = run(extractor, text)
    assert event.location is not None and event.location.name == "Lisna"


def test_a_day_earlier_counts_back_from_the_day_last_named(extractor: EventExtractor) -> None:
    text = (
        "On May 2, gunmen shot dead a refugee in Lisna. A day earlier, gunmen shot dead "
        "another refugee in his tent in Dubrava."
    )
    first, second = run(extractor, text)
    assert (first.occurred_on.date, second.occurred_on.date) == (
        dt.date(2023, 5, 2),
        dt.date(2023, 5, 1),
    )
    # armed men of the next sentence are not whom the first shooting was aimed at
    assert first.event_type.value == "Violence against civilians"


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        (
            "The marines were handed over to the attorney general's office in Lisna on Friday.",
            SubEventType.ARRESTS,
        ),
        (
            "The rebels handed over the town of Lisna to the army on Monday.",
            SubEventType.NON_VIOLENT_TRANSFER_OF_TERRITORY,
        ),
    ],
)
def test_people_handed_over_to_the_law_are_no_transfer_of_territory(
    extractor: EventExtractor, text: str, sub: SubEventType
) -> None:
    (event,) = run(extractor, text)
    assert event.sub_event_type is sub


def test_people_named_in_the_next_sentence_are_not_what_a_capture_took(
    extractor: EventExtractor,
) -> None:
    text = "Rebels seized Lisna on Monday. Government troops withdrew from the town."
    (event,) = run(extractor, text)
    assert event.sub_event_type is SubEventType.NON_STATE_ACTOR_OVERTAKES_TERRITORY


def test_the_air_force_is_the_country_s_military(extractor: EventExtractor) -> None:
    text = "The air force struck Wagner positions near Lisna on Monday, killing 12 Wagner fighters."
    assert actor_names(run(extractor, text)[0]) == ("Military Forces of Ukraine", "Wagner Group")


@pytest.mark.parametrize(
    "text",
    [
        "The monitor documented the death of two members of the Wagner Group and the wounding "
        "of several others in a blast near Lisna on Monday.",
        "The monitor documented the death of a fighter near Lisna on Monday, after he was "
        "targeted by several bullets. The Wagner Group member who was assassinated had joined "
        "the group last year.",
    ],
)
def test_the_group_of_the_people_hurt_is_not_the_attacker(
    extractor: EventExtractor, text: str
) -> None:
    events = run(extractor, text)
    assert events
    assert all(actor_names(event)[0] != "Wagner Group" for event in events)


def test_wagner_is_typed_other_with_inter_8(extractor: EventExtractor) -> None:
    event = run(extractor, "Wagner fighters attacked Ukrainian positions near Dubrava.")[0]
    wagner = next(a for a in event.actors if a.name == "Wagner Group")
    assert (wagner.actor_type, wagner.acled_inter) == (ActorType.OTHER, 8)


@pytest.mark.parametrize(
    "text",
    [
        "Local residents protested in Ostrovka against the Russian occupation.",
        "Dozens of activists gathered in Lisna to protest against the war.",
        "Police detained 15 protesters at a rally in Dubrava.",
    ],
)
def test_protesters_are_actor1_of_protests(extractor: EventExtractor, text: str) -> None:
    (event,) = run(extractor, text)
    assert event.event_type.value == "Protests"
    actor1 = next(a for a in event.actors if a.role is ActorRole.ACTOR1)
    assert actor1.actor_type is ActorType.PROTESTERS
    assert actor1.acled_inter == 6


def test_a_protest_no_protester_is_named_in_is_the_protesters_act(
    extractor: EventExtractor,
) -> None:
    (event,) = run(extractor, "Protests against the new law continued in Lisna on Thursday.")
    actor1 = next(a for a in event.actors if a.role is ActorRole.ACTOR1)
    assert (actor1.name, actor1.acled_inter) == ("Protesters (Ukraine)", 6)


def test_civilians_hurt_in_a_strike_are_its_target(extractor: EventExtractor) -> None:
    (event,) = run(extractor, "Russian forces shelled Ostrovka. Two people died.")
    target = next(a for a in event.actors if a.role is ActorRole.ACTOR2)
    assert (target.name, target.acled_inter, target.text) == (
        "Civilians (Ukraine)",
        7,
        "Two people",
    )


def test_violence_against_civilians_with_no_one_counted_targets_civilians(
    extractor: EventExtractor,
) -> None:
    """ACLED's violence against civilians always has civilians as actor2 (a named man
    kidnapped is counted by no figure)."""
    text = "Wagner Group fighters kidnapped Ivan Petrenko, the head of the school, in Lisna."
    (event,) = run(extractor, text)
    assert event.event_type is EventType.VIOLENCE_AGAINST_CIVILIANS
    assert actor_names(event) == ("Wagner Group", "Civilians (Ukraine)")


def test_soldiers_killed_do_not_make_a_civilian_target(extractor: EventExtractor) -> None:
    (event,) = run(extractor, "Russian forces shelled Ostrovka, killing two soldiers.")
    assert all(a.actor_type is not ActorType.CIVILIANS for a in event.actors)


def test_government_forces_belong_to_the_focus_country(extractor: EventExtractor) -> None:
    event = run(extractor, "Rebel forces fired mortars at government positions near Lisna.")[0]
    assert actor_names(event) == (
        "NAF: United Armed Forces of Novorossiya",
        "Military Forces of Ukraine",
    )


def test_protesting_residents_are_not_also_the_target(extractor: EventExtractor) -> None:
    (event,) = run(extractor, "Residents of Dubrava protested against the occupation.")
    assert [a.role for a in event.actors].count(ActorRole.ACTOR2) == 0


def test_interaction_code_from_actor1_and_actor2(extractor: EventExtractor) -> None:
    from sitrep.evaluation.acled import predicted_interaction

    (event,) = run(extractor, "Rebel forces shelled Ostrovka, killing a civilian.")
    assert predicted_interaction(event) == "27"
    (event,) = run(extractor, "Ukrainian forces shelled Ostrovka overnight.")
    assert predicted_interaction(event) == "10"


def killed_counts(event: EnrichedEvent) -> list[int | None]:
    return [c.count for c in event.casualties if c.kind is CasualtyKind.KILLED]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Troops attacked positions near Ostrovka and suffered heavy losses. "
            "Unspecified fatalities coded as 7.",
            [7],
        ),
        (
            "Artillery shelled Ostrovka, killing 30 soldiers (fatalities split between 3 events).",
            [10],
        ),
        (
            "Artillery shelled Ostrovka, killing 31 soldiers, fatalities split and coded as 8.",
            [8],
        ),
        (
            "Artillery shelled Ostrovka. Two soldiers were killed at unspecified locations "
            "(fatalities coded to the Dubrava event).",
            [],
        ),
        ("Artillery shelled Ostrovka, killing 4 soldiers.", [4]),
    ],
)
def test_coder_notes_decide_the_events_own_toll(
    extractor: EventExtractor, text: str, expected: list[int]
) -> None:
    (event,) = run(extractor, text)
    assert killed_counts(event) == expected


def test_coder_note_belongs_to_the_event_before_it_only(extractor: EventExtractor) -> None:
    events = run(
        extractor,
        "Troops attacked positions near Ostrovka. Unspecified fatalities coded as 7. "
        "Later, drones struck Dubrava, killing 2 civilians.",
    )
    assert [killed_counts(e) for e in events] == [[7], [2]]


def test_a_battle_s_other_side_is_the_armed_one_named_not_the_civilians_who_saw_it(
    extractor: EventExtractor,
) -> None:
    text = "Residents said Ukrainian soldiers clashed with separatists near Dubrava on Monday."
    (event,) = run(extractor, text)
    assert event.event_type is EventType.BATTLES
    assert actor_names(event) == (
        "Military Forces of Ukraine",
        "NAF: United Armed Forces of Novorossiya",
    )


def test_the_passive_agent_of_a_killing_acts_even_in_a_clause_after_the_trigger(
    extractor: EventExtractor,
) -> None:
    text = (
        "Relatives mourned a driver of a Ukrainian army unit in Dubrava on Monday, after he "
        "was shot by unknown gunmen."
    )
    (event,) = run(extractor, text)
    assert actor_names(event)[0] == "Unidentified Armed Group (Ukraine)"


def test_the_object_of_a_blow_is_not_the_attacker(extractor: EventExtractor) -> None:
    # the side struck is named after the verb, the striking side in a subordinate clause
    text = (
        "Six fighters were killed after the Ukrainian army's drones struck a group of Wagner "
        "Group fighters near Lisna on Monday, the command said."
    )
    (event,) = run(extractor, text)
    assert actor_names(event)[0] == "Military Forces of Ukraine"


def test_members_of_an_armed_side_killed_are_not_civilians(extractor: EventExtractor) -> None:
    text = (
        "Several members of the Wagner Group were killed in their own mine explosion near "
        "Lisna on Monday. The Wagner Group fighters were trying to plant a mine on a road "
        "when it exploded."
    )
    (event,) = run(extractor, text)
    assert actor_names(event)[0] == "Wagner Group"
    assert all(a.actor_type is not ActorType.CIVILIANS for a in event.actors)


def test_a_battle_s_two_hurt_sides_are_both_its_actors(extractor: EventExtractor) -> None:
    text = (
        "Five police officers were killed on Sunday in an attack near Lisna, and about 15 "
        "attackers were killed in the ensuing fight, the ministry said."
    )
    (event,) = run(extractor, text)
    actor1, actor2 = actor_names(event)
    assert actor1 is not None and actor1.startswith("Unidentified Armed Group")
    assert actor2 is not None and actor2.startswith("Police Forces")


def test_who_holds_the_place_is_no_party(extractor: EventExtractor) -> None:
    # an old landmine is not the act of the side that holds the place today
    text = (
        "Monitors say that one child was killed as an old landmine exploded in a "
        "neighbourhood of Lisna, which is under the control of Ukrainian forces, on Monday."
    )
    (event,) = run(extractor, text)
    assert "Military Forces of Ukraine" not in actor_names(event)


def test_civilians_hurt_are_actor2_when_nobody_is_named_to_have_struck(
    extractor: EventExtractor,
) -> None:
    text = (
        "Monitors documented the death of a young man in the explosion of an old landmine "
        "near Lisna on Monday."
    )
    (event,) = run(extractor, text)
    actor2 = next(a for a in event.actors if a.role is ActorRole.ACTOR2)
    assert actor2.actor_type is ActorType.CIVILIANS


@pytest.mark.parametrize(
    "text",
    [
        "Monitors documented the death of a young man in the explosion of an old landmine "
        "near Lisna on Monday.",
        "Two soldiers were killed in an attack on a checkpoint near Lisna last night.",
    ],
)
def test_who_struck_unnamed_is_the_unidentified_armed_group(
    extractor: EventExtractor, text: str
) -> None:
    (event,) = run(extractor, text)
    actor1 = next(a for a in event.actors if a.role is ActorRole.ACTOR1)
    assert actor1.name.startswith("Unidentified Armed Group")
    assert (actor1.actor_type, actor1.acled_inter) == (ActorType.POLITICAL_MILITIA, 3)


def test_the_subject_of_the_trigger_s_own_clause_acts(extractor: EventExtractor) -> None:
    text = (
        "A group of Wagner Group fighters gathered near Lisna on Tuesday to storm army "
        "checkpoints, but Ukrainian warplanes bombed the fighters, killing six."
    )
    (event,) = run(extractor, text)
    assert actor_names(event) == ("Military Forces of Ukraine", "Wagner Group")


def test_police_who_later_arrest_the_attacker_are_no_side_of_the_killing(
    extractor: EventExtractor,
) -> None:
    text = (
        "An off-duty soldier shot dead a woman in Ostrovka on Monday after a quarrel over a "
        "debt, the army said. Neighbours called the police, who arrested him within the hour."
    )
    (event,) = run(extractor, text)
    assert event.event_type is EventType.VIOLENCE_AGAINST_CIVILIANS
    actor2 = next(a for a in event.actors if a.role is ActorRole.ACTOR2)
    assert actor2.actor_type is ActorType.CIVILIANS


def test_an_undated_lead_takes_the_day_told_before_its_later_report(
    extractor: EventExtractor,
) -> None:
    text = (
        "Relatives said a baker who moved to Ostrovka years ago was killed by gunmen.\n\n"
        "A rights group said that at noon on Monday the baker was serving customers at his "
        "stall in Ostrovka.\n\n"
        "Witnesses said a pillion rider on a passing motorbike fired at the baker several "
        "times. He lost his life before help arrived."
    )
    (event,) = run(extractor, text)
    assert event.occurred_on.date == dt.date(2023, 5, 15)  # Monday, not the publication day


def test_a_year_in_a_clause_of_what_the_victim_once_did_dates_nothing(
    extractor: EventExtractor,
) -> None:
    (event,) = run(extractor, "A baker who moved to Ostrovka in 2009 was shot dead by gunmen.")
    assert event.occurred_on.resolved_from == "publication"


@pytest.mark.parametrize(
    "text",
    [
        "Relief agencies said 30 villagers were killed in a week of shelling around Ostrovka.",
        "Troops killed 40 insurgents around Ostrovka over the past week, the army said.",
        "Elders signed a truce in Ostrovka on Monday, after months of fighting that killed "
        "hundreds.",
    ],
)
def test_a_period_s_toll_is_no_incident_s(extractor: EventExtractor, text: str) -> None:
    assert not [e for e in run(extractor, text) if e.casualties]


def test_a_march_the_police_broke_up_is_the_marchers_protest_with_intervention(
    extractor: EventExtractor,
) -> None:
    text = (
        "Police used tear gas to disperse several hundred pensioners who were marching to "
        "the regional council in Ostrovka on Tuesday."
    )
    (event,) = run(extractor, text)
    assert event.sub_event_type is SubEventType.PROTEST_WITH_INTERVENTION
    roles = {a.role: a.actor_type for a in event.actors}
    assert roles[ActorRole.ACTOR1] is ActorType.PROTESTERS
    assert roles[ActorRole.ACTOR2] is ActorType.POLICE


def test_soldiers_marching_in_a_parade_are_no_protest(extractor: EventExtractor) -> None:
    assert run(extractor, "Cadets were marching through Ostrovka in a parade on Tuesday.") == []


def test_demonstrators_who_burn_and_clash_riot_against_the_police(
    extractor: EventExtractor,
) -> None:
    text = "Demonstrators set tyres alight and clashed with police in Ostrovka on Tuesday."
    (event,) = run(extractor, text)
    assert event.event_type is EventType.RIOTS
    roles = {a.role: a.actor_type for a in event.actors}
    assert roles[ActorRole.ACTOR1] is ActorType.RIOTERS
    assert roles[ActorRole.ACTOR2] is ActorType.POLICE


@pytest.mark.parametrize(
    "text",
    [
        "Supporters of two rival parties clashed in Ostrovka on Sunday, leaving nine people "
        "hurt, officials said.",
        "Workers of the ruling party and the opposition clashed in Lisna on Monday, leaving "
        "one man dead.",
    ],
)
def test_party_followers_fighting_each_other_is_mob_violence(
    extractor: EventExtractor, text: str
) -> None:
    (event,) = run(extractor, text)
    assert event.sub_event_type is SubEventType.MOB_VIOLENCE
    roles = {a.role: a.actor_type for a in event.actors}
    assert roles[ActorRole.ACTOR1] is ActorType.RIOTERS


def test_fighters_of_rival_armed_groups_clashing_is_a_battle(extractor: EventExtractor) -> None:
    text = "Fighters of two rival militias clashed in Ostrovka on Sunday, killing six."
    (event,) = run(extractor, text)
    assert event.event_type is EventType.BATTLES


def test_protesters_attacked_by_gunmen_did_not_riot(extractor: EventExtractor) -> None:
    text = "Protesters were attacked by masked gunmen in Ostrovka on Tuesday; two died."
    (event,) = run(extractor, text)
    assert event.event_type is not EventType.RIOTS


def test_an_attack_killing_people_no_one_calls_armed_is_on_civilians(
    extractor: EventExtractor,
) -> None:
    (event,) = run(
        extractor, "Gunmen attacked a farm near Ostrovka on Thursday, killing six people."
    )
    assert event.event_type is EventType.VIOLENCE_AGAINST_CIVILIANS


def test_an_attack_on_an_army_post_killing_people_is_a_battle(extractor: EventExtractor) -> None:
    text = "Gunmen attacked an army post near Ostrovka on Thursday, killing six people."
    (event,) = run(extractor, text)
    assert event.event_type is EventType.BATTLES


def test_troops_who_torch_houses_destroy_property(extractor: EventExtractor) -> None:
    (event,) = run(extractor, "Soldiers torched dozens of houses in Ostrovka on Wednesday.")
    assert event.sub_event_type is SubEventType.LOOTING_PROPERTY_DESTRUCTION


def test_police_of_a_region_who_confirm_an_abduction_are_its_source(
    extractor: EventExtractor,
) -> None:
    text = (
        "Bandits abducted a trader and his two wives from their house in Ostrovka, police "
        "in the region confirmed on Monday."
    )
    (event,) = run(extractor, text)
    roles = {a.role: a.actor_type for a in event.actors}
    assert roles[ActorRole.ACTOR2] is ActorType.CIVILIANS


def test_the_agent_of_the_weapon_is_not_the_agent_of_its_interception(
    extractor: EventExtractor,
) -> None:
    text = "Ukrainian forces shot down twelve drones launched by Russia over Ostrovka overnight."
    (event,) = run(extractor, text)
    actor1 = next(a for a in event.actors if a.role is ActorRole.ACTOR1)
    assert actor1.name == "Military Forces of Ukraine"


def test_the_side_the_police_blame_is_the_attacker(extractor: EventExtractor) -> None:
    text = (
        "A bomb tore through a bus station in Ostrovka on Monday, killing four people. "
        "Police blamed the bombing on Islamic State."
    )
    (event,) = run(extractor, text)
    actor1 = next(a for a in event.actors if a.role is ActorRole.ACTOR1)
    assert actor1.name.startswith("Islamic State")


def test_a_suicide_bomber_who_detonated_explosives_is_one_blast(
    extractor: EventExtractor,
) -> None:
    text = (
        "A suicide bomber struck a checkpoint in Ostrovka on Monday, killing four soldiers. "
        "Witnesses said the bomber, a young man, detonated his explosives as cars queued."
    )
    (event,) = run(extractor, text)
    assert event.sub_event_type is SubEventType.SUICIDE_BOMB


def test_rebels_who_capture_policemen_fight_them(extractor: EventExtractor) -> None:
    text = "Rebels overran a checkpoint near Ostrovka on Friday, capturing nine police officers."
    (event,) = run(extractor, text)
    assert event.event_type is EventType.BATTLES


def test_bodies_a_medic_counts_right_after_a_clash_are_its_toll(
    extractor: EventExtractor,
) -> None:
    text = (
        "Militiamen and troops clashed in Ostrovka on Thursday. A nurse at the district "
        "hospital said the bodies of seven people had been brought in."
    )
    (event,) = run(extractor, text)
    assert [(c.kind, c.count) for c in event.casualties] == [(CasualtyKind.KILLED, 7)]


def test_a_trend_lead_does_not_swallow_the_strike_told_after_it(
    extractor: EventExtractor,
) -> None:
    text = (
        "Fighting between the army and the rebels has intensified around Ostrovka this week. "
        "On Monday, jets bombed a market in Dubrava, killing five civilians."
    )
    events = run(extractor, text)
    assert [e.sub_event_type for e in events] == [SubEventType.AIR_DRONE_STRIKE]


def test_where_the_victim_once_fled_is_not_where_he_was_killed(
    extractor: EventExtractor,
) -> None:
    text = (
        "A baker who fled to Ostrovka years ago was shot dead by gunmen on Monday. "
        "Police said the baker was attacked outside his shop in Dubrava."
    )
    (event,) = run(extractor, text)
    assert event.location is not None and event.location.name == "Dubrava"


def test_gunmen_told_as_a_group_s_men_are_that_group_attacking(
    extractor: EventExtractor,
) -> None:
    text = (
        "Gunmen thought to belong to Islamic State shot dead a herdsman near Ostrovka on Tuesday."
    )
    (event,) = run(extractor, text)
    assert event.event_type is EventType.VIOLENCE_AGAINST_CIVILIANS
    actor1 = next(a for a in event.actors if a.role is ActorRole.ACTOR1)
    assert actor1.name.startswith("Islamic State")


def test_an_article_of_old_recaps_only_reports_no_conflict(extractor: EventExtractor) -> None:
    # published 17 May 2023: a killing of 2021 told as the background of a lawsuit
    old = (
        "Gunmen killed three teachers at a school in Ostrovka in November 2021. "
        "On Monday a judge in Lisna dismissed their families' lawsuits against the city."
    )
    assert run(extractor, old) == []
    fresh = old + " Separately, rebels shelled Dubrava on Monday, killing two people."
    events = run(extractor, fresh)
    assert sorted(e.recap for e in events) == [False, True]
