"""A trigger word is an event only in the conflict sense."""

from __future__ import annotations

import pytest

from sitrep.extraction.analysis import Sentence
from sitrep.extraction.events import EventExtractor, resources
from sitrep.extraction.events.sense import SenseReader
from sitrep_contracts import CasualtyKind
from tests.unit.extraction.event_helpers import run


@pytest.mark.parametrize(
    "text",
    [
        "The outbreak has killed 12 people in Ostrovka since Monday.",
        "Three people died of the virus in Dubrava on Tuesday.",
        "A tsunami hit the coast near Lisna on Monday.",
        "Officials launched a campaign to combat the disease in Ostrovka.",
        "Inspectors seized 3,000 kilos of rotten meat at a market in Dubrava.",
        # acts of words and offices beside soldiers
        "The prime minister fired her defence minister after a row over army spending.",
        "The minister attacked the government's budget plans in a speech to army officers.",
        # computers and box offices
        "Ransomware gangs struck more than 200 hospitals in Ostrovka last year.",
        "A war epic about a tank crew stormed to the top of the box office in Dubrava.",
        # fighting back with no armed side is no battle
        "The mother was fighting back tears as she spoke to reporters in Ostrovka.",
        # a protest word of another sense still needs a sentence free of other senses
        "Shares rallied in Ostrovka as prices rose.",
        "The coach protested the referee's decision after the match in Dubrava.",
        "Police arrested a driver after a crash on the road to Lisna.",
        "Farmers slaughtered 400 pigs in Ostrovka after the infection was confirmed.",
        "Two hikers were injured in a bear attack near Dubrava on Monday.",
        "The building in Dubrava was evacuated after a suspicious powder was found.",
        "Her campaign launched a barrage of attack ads across Ostrovka on Tuesday.",
        "The home side won 3-2 in a shootout in Ostrovka, the goalie blocking four shots.",
        "A bomb cyclone struck the coast near Lisna on Tuesday, destroying roofs.",
        "Farmers in Ostrovka say that if you resist, the gang will beat or rape you.",
        "Interviewer: How many soldiers have you guys killed in Ostrovka?",
        "The governor suffered a cardiac arrest in Dubrava on Monday, officials said.",
        "Water bombing by aircraft was not allowed over the old church in Ostrovka on Monday.",
        "The cargo plane overran the runway at the airport in Dubrava and hit a barrier.",
        "In the film, the hero narrowly avoids a murder conviction in Lisna.",
        (
            "On Wednesday the two ministers agreed on maritime borders and on the deployment "
            "of army instructors to Lisna."
        ),
        # a work made as a protest, and a protest song, are no demonstration
        (
            "The singer's new record, released in Ostrovka as a protest against the cost of "
            "concert tickets, sold 20,000 copies in its first week."
        ),
        "The group wrote the song as a protest against the closure of a youth club in Dubrava.",
        "The crowd in Lisna sang along to an old protest song about the mines.",
        # an owner, a driver or a ship's captain held after an accident: police work, whoever
        # else the sentence names
        "The mayor of Dubrava ordered the hotel closed, and its owner was arrested by police.",
        "The governor declared a day of mourning in Lisna, and the bus driver was detained.",
        "The ferry's captain and its owner were arrested in Ostrovka, a minister said.",
    ],
)
def test_other_senses_make_no_event(extractor: EventExtractor, text: str) -> None:
    assert run(extractor, text) == []


def test_an_obituary_death_is_no_casualty(extractor: EventExtractor) -> None:
    text = (
        "On Tuesday, Ivan Petrov, the former President of Ukraine, died aged 88 in a military "
        "hospital in Dubrava, the country's capital."
    )
    assert run(extractor, text, people=("Ivan Petrov",)) == []


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Gunmen seized the town of Ostrovka on Monday.", "Battles"),
        ("Police arrested 12 opposition activists in Dubrava.", "Strategic developments"),
        ("Militants shot dead two farmers in Lisna on Monday.", "Violence against civilians"),
        ("A bomb exploded at a market in Ostrovka, killing three.", "Explosions/Remote violence"),
        ("Gunmen opened fire on soldiers at a checkpoint in Dubrava.", "Battles"),
        ("Twelve people were killed in the attack on the airport in Lisna.", "Battles"),
        (
            "A worker died in a dynamite explosion while digging tunnels near Lisna.",
            "Explosions/Remote violence",
        ),
        ("A cattle herder was found shot dead in Dubrava on Sunday.", "Violence against civilians"),
        (
            "Activists documented the death of a rebel near Lisna due to exchange of fire "
            "between army troops and rebel factions.",
            "Battles",
        ),
        (
            "The army and the rebels agreed to a truce in Ostrovka on Monday.",
            "Strategic developments",
        ),
        (
            "Militants and the army agreed to exchange prisoners in Dubrava on Friday.",
            "Strategic developments",
        ),
        ("A police inspector killed a man at a bar in Lisna.", "Violence against civilians"),
        ("Gunmen storm a school in Ostrovka, killing nine.", "Violence against civilians"),
        # what people protest about or where is no other story
        (
            "Hundreds of traders protested in Ostrovka against the closure of the market.",
            "Protests",
        ),
        ("Nurses protested outside the hospital in Dubrava over unpaid wages.", "Protests"),
        ("Supporters of the jailed leader protested outside the court in Lisna.", "Protests"),
        # a walk-out as a protest, and a newspaper's owner arrested, are still events
        ("Hundreds of workers walked out in Lisna as a protest against unpaid wages.", "Protests"),
        (
            "Police arrested the owner of an opposition newspaper in Dubrava on Monday.",
            "Strategic developments",
        ),
        (
            "Police said the newspaper's owner was arrested in Ostrovka after the opposition "
            "rally.",
            "Strategic developments",
        ),
    ],
)
def test_the_conflict_sense_makes_an_event(
    extractor: EventExtractor, text: str, event_type: str
) -> None:
    (event,) = run(extractor, text)
    assert event.event_type.value == event_type


def test_a_follow_up_without_weapons_still_tells_more_of_its_event(
    extractor: EventExtractor,
) -> None:
    text = (
        "Russian missiles struck Ostrovka on Monday. "
        "These strikes also damaged a school, the mayor said."
    )
    (event,) = run(extractor, text)
    assert "These strikes" in event.summary


@pytest.mark.parametrize(
    "text",
    [
        "The museum staged blacksmithing demonstrations in Ostrovka on Saturday.",
        "The car that hit the cyclist in Dubrava was found on Monday, police said.",
        "The parties are planning to launch street protests in Lisna next month.",
        "The radars near Ostrovka were there to intercept missiles.",
        "A soldier was killed in Dubrava when the generator he was fixing short-circuited.",
        "A police officer killed in a crash in Lisna was buried on Friday.",
        "He lost control of his pickup and hit a tree near Dubrava.",
        "The storm hit Lisna overnight; air force crews flew in supplies.",
    ],
)
def test_no_conflict_sense_in_these_either(extractor: EventExtractor, text: str) -> None:
    assert run(extractor, text) == []


def test_victims_are_not_the_acting_side(extractor: EventExtractor) -> None:
    text = (
        "Gunmen attacked a checkpoint in Ostrovka on Monday. "
        "Two soldiers were killed in the attack, the army said."
    )
    assert len(run(extractor, text)) == 1


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        (
            "Soldiers seized 40 rifles and two grenade launchers in Ostrovka.",
            "Disrupted weapons use",
        ),
        ("Soldiers captured three rebel commanders near Dubrava.", "Arrests"),
        ("Rebels captured two soldiers near Dubrava.", "Abduction/forced disappearance"),
        ("Rebels captured the town of Lisna on Monday.", "Non-state actor overtakes territory"),
    ],
)
def test_what_a_capture_took_decides_its_type(
    extractor: EventExtractor, text: str, sub_event_type: str
) -> None:
    (event,) = run(extractor, text)
    assert event.sub_event_type is not None and event.sub_event_type.value == sub_event_type


def test_deaths_of_another_sense_join_no_event(extractor: EventExtractor) -> None:
    text = (
        "Gunmen attacked a police post in Ostrovka on Monday, killing two officers. "
        "The flu outbreak has caused 89 deaths in the region this winter."
    )
    (event,) = run(extractor, text)
    assert [c.count for c in event.casualties if c.kind is CasualtyKind.KILLED] == [2]


def test_a_report_named_again_with_its_weapon_is_kept_with_its_toll(
    extractor: EventExtractor,
) -> None:
    text = (
        "Four people were killed and nine wounded on Friday in an explosion at a bakery "
        "in Ostrovka.\nOstrovka lies on the river, 40 km from the capital.\n"
        "Friday's blast was caused by a roadside bomb, a witness said."
    )
    (event,) = run(extractor, text)
    assert event.event_type.value == "Explosions/Remote violence"
    assert [(c.kind, c.count) for c in event.casualties] == [
        (CasualtyKind.KILLED, 4),
        (CasualtyKind.INJURED, 9),
    ]


def test_an_explosion_no_later_sentence_names_again_stays_out(extractor: EventExtractor) -> None:
    text = (
        "Four people were killed on Friday in an explosion at a bakery in Ostrovka.\n"
        "Ostrovka lies on the river, 40 km from the capital.\n"
        "Separately, a roadside bomb hit an army convoy near Dubrava on Friday."
    )
    (event,) = run(extractor, text)
    assert event.casualties == []


def test_a_suicide_blast_is_an_attack_and_a_suicide_no_event(extractor: EventExtractor) -> None:
    (event,) = run(extractor, "A suicide blast killed 26 soldiers at a base in Ostrovka.")
    assert event.sub_event_type is not None and event.sub_event_type.value == "Suicide bomb"
    assert [c.count for c in event.casualties if c.kind is CasualtyKind.KILLED] == [26]
    assert run(extractor, "A soldier died by suicide at the base in Ostrovka on Monday.") == []


def test_headlines_in_the_present_tense_report(extractor: EventExtractor) -> None:
    (event,) = run(extractor, "Gunmen kill 19 villagers in Ostrovka.")
    assert [c.count for c in event.casualties if c.kind is CasualtyKind.KILLED] == [19]


def test_a_hostage_siege_is_violence_and_a_state_of_siege_is_not(
    extractor: EventExtractor,
) -> None:
    (event,) = run(extractor, "The death toll from Friday's hotel siege in Ostrovka rose to 20.")
    assert [c.count for c in event.casualties if c.kind is CasualtyKind.KILLED] == [20]
    text = "The province has been under a state of siege since May; 700 people have died."
    assert run(extractor, text) == []


def test_deaths_in_a_story_a_named_armed_group_signs_are_violence(
    extractor: EventExtractor,
) -> None:
    found = "Two men were discovered to be deceased inside a house in Ostrovka on Friday."
    assert run(extractor, found) == []  # nothing says violence
    signed = f"{found} A banner signed by the Wagner Group was left beside the house."
    (event,) = run(extractor, signed)
    assert [c.count for c in event.casualties if c.kind is CasualtyKind.KILLED] == [2]
    crash = "Two men died in a car crash in Ostrovka on Friday, a Wagner Group statement said."
    assert run(extractor, crash) == []  # another cause named


def test_the_driver_of_an_ambushed_truck_is_its_dead(extractor: EventExtractor) -> None:
    text = "Rebels ambushed a supply truck near Lisna on Monday. The driver was killed."
    (event,) = run(extractor, text)
    assert [c.count for c in event.casualties if c.kind is CasualtyKind.KILLED] == [1]


@pytest.mark.parametrize(
    "text",
    [
        "The mayor of Ostrovka clashed with her deputy over school hours on Monday.",
        "For thirty years he fought for open archives in Dubrava, his friends said.",
        "The town's old songs were liberated from a damp cellar in Dubrava by volunteers.",
        "The two firms in Ostrovka battled for the contract all year.",
        "The measurements were executed at the observatory in Ostrovka in May.",
        "The school in Dubrava teaches advanced robotics to girls.",
        "A lorry broke through the barrier on the bridge in Lisna on Monday.",
        "The council in Ostrovka is worried about foreign infiltration of its suppliers.",
        "Pupils in Dubrava had to peel the shell of an egg without breaking it.",
        "The Democratic Rally hailed the new gas pipeline to Lisna on Tuesday.",
        (
            "The cyclone reached the coast near Ostrovka on Monday. Roofs were torn off. "
            "Mass evacuations have been carried out, which saved many lives."
        ),
        "The rail inspector was found dead at the station in Dubrava on Monday, police said.",
        "The biggest breakthrough of the phone sold in Ostrovka is its battery.",
        "The minister had a confrontation with the unions in Dubrava on Monday.",
    ],
)
def test_trigger_words_of_common_other_senses_need_an_armed_side(
    extractor: EventExtractor, text: str
) -> None:
    assert run(extractor, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Rebels clashed with soldiers near Ostrovka on Monday.",
        "Government troops advanced on Dubrava on Tuesday.",
        "Army and navy units raided a rebel camp near Lisna. It was executed on Sunday.",
        "About 600 people were evacuated from Ostrovka to safer towns on Monday.",
        "Five men were executed in the square of Ostrovka on Monday.",
        "Three villagers were injured as the two clans clashed near Lisna on Monday.",
        "A dismembered body was found in a street of Lisna on Monday.",
        "Soldiers said a body was found near the checkpoint in Dubrava on Friday.",
        "Government troops made a breakthrough near Dubrava on Monday.",
        "Police and gunmen had a confrontation in Lisna on Monday.",
        "A cartel leader was killed during a confrontation in Dubrava on Monday.",
        "A cooler left on a bridge in Lisna on Friday by gunmen held the severed head of a man.",
    ],
)
def test_the_same_words_beside_an_armed_side_still_report(
    extractor: EventExtractor, text: str
) -> None:
    assert run(extractor, text) != []


@pytest.mark.parametrize(
    "text",
    [
        "The film was shot in Ostrovka last summer, the director said.",
        "Arsenal stormed back to beat Rovers in Dubrava on Saturday.",
        "Two brewers are locked in a takeover battle in Lisna.",
        "The MP was shot down by colleagues when he suggested a new tax in Ostrovka.",
        "The actor was stabbed in the back by his agent, he told a magazine in Dubrava.",
        "The champion was beaten on points in Lisna on Saturday.",
        "Rescuers evacuated 200 people from the flooded village of Ostrovka on Monday.",
        "Voters in Dubrava may cast a protest vote against the government over the war.",
        "The Liberal Democrats toured Lisna in their battle bus on Monday.",
        "United beat City on penalties after a shoot-out in Ostrovka.",
        "Critics in Dubrava called the identity card plan an assault on civil liberties.",
        "The comedian was shot to fame by a quiz show recorded in Lisna.",
        "Floored by a left hook in Ostrovka, the boxer launched a ferocious assault in the ninth.",
        "The actor plays a corporal wounded in the first attack, filmed near Dubrava.",
        "The battle between the games consoles of two makers moves to Lisna this winter.",
        "Their second single bombed in the charts across Ostrovka.",
        "The treasury minister launched an attack on the rival party's tax plans in Dubrava.",
        "Lisna bombarded us with crosses, but we defended like soldiers, the keeper said.",
        "Party strategists in Ostrovka say the battle will be won or lost in a few towns.",
        "The book follows a family of Dubrava from the fighting of 1936 to the dictator's death.",
        "A former soldier at the parade in Lisna said he fought there in the spring of 1944.",
        "At the funeral in Ostrovka on Monday, mourners sang and there was gunfire in the air.",
        "Guests fired shots into the air at a wedding in Lisna on Saturday.",
        (
            "Refusing to accept the military rule imposed after the army chief seized power "
            "from the elected cabinet on Feb. 1, farmers in Ostrovka and Dubrava have taken up "
            "hunting rifles to resist the soldiers."
        ),
        (
            "Despite killings in Dubrava by the security forces, protesters keep marching, "
            "avoiding confrontations by changing their routes."
        ),
    ],
)
def test_idioms_of_film_sport_business_and_politics_make_no_event(
    extractor: EventExtractor, text: str
) -> None:
    assert run(extractor, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen dressed like soldiers attacked a bus near Ostrovka on Monday.",
        "A film crew was attacked in Lisna on Monday and two journalists were killed.",
        "An army of volunteers fled as artillery shelled Dubrava on Tuesday.",
        "A former soldier opened fire on a crowd in Lisna on Monday, killing two people.",
        "A 20-year-old soldier was killed in Ostrovka on Monday.",
        "Police fired shots into the air and then at protesters in Lisna, killing two.",
    ],
)
def test_a_figure_of_speech_hides_only_its_own_words(extractor: EventExtractor, text: str) -> None:
    assert run(extractor, text) != []


def test_air_defences_that_shoot_down_drones_still_report(extractor: EventExtractor) -> None:
    assert run(extractor, "Air defence units shot down two drones over Ostrovka on Monday.")


def test_a_person_hacked_to_death_is_still_killed(extractor: EventExtractor) -> None:
    # "hacked" is no computer word here
    (event,) = run(extractor, "A farmer was hacked to death in Ostrovka on Monday.")
    assert [(c.kind, c.count) for c in event.casualties] == [(CasualtyKind.KILLED, 1)]


#: Stories told, not reported: a film's, a novel's, a game's plot, an obituary's life, a
#: review's words, a commemoration, a parade, a staged battle.
STORIES_TOLD = [
    "In the finale, the rebel army storms Ostrovka and the queen is assassinated.",
    (
        "The novel is set in a besieged town.\n\n"
        "In the second half, Ostrovka is shelled for weeks before the army breaks through."
    ),
    (
        "Players command a squad of special forces.\n\n"
        "The squad raids an enemy airbase near Ostrovka and calls in air strikes."
    ),
    (
        "In the game, 100 players parachute onto an island near Dubrava.\n\n"
        "Survivors are forced into small areas where firefights are unavoidable."
    ),
    (
        "Ivan Petrov, who has died aged 97, was one of the last soldiers of the battle of "
        "Ostrovka.\n\nHis company fought for sixteen days in Ostrovka, so close to the enemy "
        "that they threw grenades at each other across a garden."
    ),
    "Reviewers praised the graphics and the sound of the gunfire in Ostrovka.",
    "Dubrava fell silent on Sunday to remember the night its centre was destroyed by bombers.",
    "Lisna, itself bombed later in the war, sent a choir to the ceremony.",
    (
        "In Ostrovka the chief executive called the bid an attack on the company and vowed "
        "to fight it with every weapon available."
    ),
    "Thousands of troops marched through Ostrovka on Tuesday in a military parade.",
    "Hundreds of re-enactors took part in a staging of the battle of Dubrava on Saturday.",
    "The minister was ambushed by questions about the army budget in Ostrovka.",
    "In Dubrava the challenger trapped the champion on the ropes with a barrage of punches.",
    "Oyelaran struck again in Lisna with a bullet header that the keeper barely saw.",
    "In her new history of the war, the historian tells how troops ambushed a column in Lisna.",
    (
        "Soldiers ambushed the column in the mountains near Ostrovka, killing 40.\n\n"
        "The book is published by a small press in Dubrava on Thursday."
    ),
    (
        "Thousands gathered in Dubrava on Tuesday to mark the start of the 1944 uprising.\n\n"
        "About 16,000 fighters were killed, and troops destroyed most of the city."
    ),
    (
        "Veterans gathered in Lisna for the 80th anniversary of the landings.\n\n"
        "That morning, artillery shelled the beach near Lisna and killed thousands of soldiers."
    ),
    (
        "Crowds gathered in Lisna on Sunday to commemorate thirty years since the siege.\n\n"
        "Snipers and artillery killed more than 1,500 people in the town that winter."
    ),
    (
        "Visitors to the new exhibition walk through a trench dug in the museum's hall.\n\n"
        "Troops captured Ostrovka after shelling it for a week, and the town never recovered. "
        "The exhibition runs until March."
    ),
    "The senator said in Ostrovka that the campaign was a character assassination of the governor.",
    (
        "Archaeologists digging in Ostrovka have found the remains of 40 men who died in a "
        "battle between two armies.\n\nThe invaders captured the city soon after."
    ),
    "In the film's most famous scene, his tank crew holds a crossroads near Lisna under fire.",
    (
        "The actor Ivan Petrov has died at his home in Dubrava. He was 84.\n\n"
        "As a young conscript he was wounded by a shell near Ostrovka."
    ),
    "The government launched a charm offensive in Ostrovka on Monday, visiting six towns.",
    "In Lisna the bowlers launched a ferocious assault on the visitors' top order on Monday.",
    (
        "Rockets, shells and mortars were fired from barges in Ostrovka on Sunday night. "
        "More than 12 tonnes of fireworks were used over the festival's four nights."
    ),
]


@pytest.mark.parametrize("text", STORIES_TOLD)
def test_stories_told_not_reported_make_no_event(extractor: EventExtractor, text: str) -> None:
    assert run(extractor, text) == []


@pytest.mark.parametrize(
    "text",
    [
        # a story frame reaches the end of its paragraph, no further
        (
            "In the film, soldiers storm a village.\n\n"
            "Gunmen attacked a checkpoint in Ostrovka on Monday, killing two soldiers."
        ),
        "Officials called the shelling of the market in Ostrovka an attack on civilians.",
        "Gunmen with assault rifles killed three farmers in Dubrava on Monday.",
        "Protesters marched through Lisna on Monday against the army's conscription plans.",
        # an anniversary of an institution is no remembrance of a war
        (
            "Dubrava marked the 61st anniversary of its army on Monday.\n\n"
            "Gunmen killed four soldiers near Lisna on Sunday."
        ),
        # a war of two years is no distant past
        (
            "Officials in Dubrava marked two years since the invasion on Friday.\n\n"
            "Rebels shelled Lisna on Thursday, killing three soldiers."
        ),
        # a demonstration on a war's anniversary is news
        "Protesters marched in Ostrovka on Monday to mark the anniversary of the 1944 uprising.",
        # rockets fired by an armed side beside fireworks are still rockets
        "Rebels fired rockets at Ostrovka on Sunday, and a fireworks store in the town burned.",
    ],
)
def test_what_a_story_frame_does_not_cover_still_reports(
    extractor: EventExtractor, text: str
) -> None:
    assert run(extractor, text) != []


def test_a_confrontation_with_a_dead_leader_is_a_battle_with_its_toll(
    extractor: EventExtractor,
) -> None:
    (event,) = run(extractor, "A cartel leader was killed during a confrontation in Dubrava.")
    assert event.event_type.value == "Battles"
    assert [(c.kind.value, c.count) for c in event.casualties] == [("killed", 1)]


#: Round 6 (issue #11): what a national news site's politics, culture and reviews say in
#: the words of war: a parliament's assaults, a show's assault on the senses, calls for a
#: truce, a war told by what it did to a country, a debate over the handling of a crisis,
#: and reviews and schedules that make a whole article a work's plot.
WORDS_OF_WAR_IN_OTHER_NEWS = [
    "Two Labour backbenchers joined the assault on the housing minister in Ostrovka on Tuesday.",
    "The band opened in Dubrava with a two-hour assault on the ears on Saturday.",
    "The envoy urged the two armies to accept a truce around Lisna on Monday.",
    "The minister called on both militias in Ostrovka to agree a lasting ceasefire.",
    "The fighting between the two militias has pushed Dubrava to the brink of famine, they said.",
    "The opposition criticised the government's handling of the evacuation of Lisna last week.",
    (
        "Gunmen storm a hotel in Ostrovka and hold its guests for three days.\n\n"
        "The cast is superb, and the score never tells you what to feel. Four stars."
    ),
    (
        "Soldiers ambush a convoy near Dubrava and the survivors hide in a school.\n\n"
        "The picture is in cinemas from Friday."
    ),
    (
        "Rebels seize the port of Lisna and shell the ships in the harbour.\n\n"
        "The drama continues on Netflix next week."
    ),
    "Troops shell Ostrovka for a week in a new four-part drama written by a former officer.",
    # batch 5: an inquiry's findings, weapons as goods and the kind of a weapon, and kinds
    # of violence as what media show
    "The inquiry found that generals sent troops into Ostrovka with too few radios.",
    "A public inquiry in Lisna concluded that the minister deployed soldiers without night sights.",
    "Parliament approved money for stockpiles of artillery shells and missiles in Lisna.",
    "A factory in Ostrovka won an order for 20,000 tank shells from the defence ministry.",
    "The firm in Dubrava makes attack helicopters for three air forces.",
    "The app in Lisna removed videos of beheadings and bombings within an hour.",
    "Moderators in Ostrovka watch execution videos for eight hours a day.",
    # what the sense checks alone let through on the probes with the gate forced open
    "The visitors from Dubrava came out fighting after the break and equalised.",
    "Two goals before the hour left the Lisna defence shell-shocked on Saturday.",
    "Ostrovka broke away on the counter-attack and the home side never recovered.",
    "The opener in Lisna launched an assault on the Dubrava attack, hitting nine sixes.",
    "The captain counterattacked with a quickfire 60 before he was caught at slip in Lisna.",
    "The battle to succeed the retiring leader of the party in Ostrovka began on Monday.",
    "A battle for control of the brewer in Dubrava ended when the board accepted the bid.",
    "A fierce battle for the podium raged in Lisna until the safety car came out.",
    "She hit the target with her final shot at the shooting range in Ostrovka.",
    "Gains for BP and Shell lifted the market in Dubrava on Monday.",
    "A company in Lisna that makes artillery shells and grenades doubled its profits.",
    "The rival campaign in Ostrovka fired back within hours with an advert of its own.",
    "Shares in the ammunition maker hit a record high in Dubrava on Monday.",
    "Their manager admitted that his players had been beaten by a better team in Lisna.",
    # batch 6: computer attacks, refugees' past, a game's premise, an earlier incident as
    # the backdrop of the news
    "A hospital in Ostrovka was crippled by a ransomware attack blamed on army hackers.",
    "The policy in Dubrava was written for troops and bombs, not for a cyber attack on a bank.",
    "Many of the men housed in Lisna had fled war and torture, the charity said.",
    (
        "The new game lets players relive the battle for Lisna as a rifleman.\n\n"
        "Rebels ambush the convoy near Lisna and kill the driver."
    ),
    "The vote in Dubrava came weeks after a drone attack on an army base killed two soldiers.",
]


@pytest.mark.parametrize("text", WORDS_OF_WAR_IN_OTHER_NEWS)
def test_words_of_war_in_other_news_make_no_event(extractor: EventExtractor, text: str) -> None:
    assert run(extractor, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen shot dead a backbencher outside his office in Ostrovka on Monday.",
        "Rebels ignored the calls for a truce and shelled Dubrava on Monday.",
        "The fighting between the army and rebels killed 12 people in Lisna on Monday.",
        "Protesters marched in Ostrovka on Monday against the government's handling of the crisis.",
        "Gunmen attacked a cinema in Dubrava on Monday, killing three people.",
        "Protesters marched in Lisna on Monday to demand a public inquiry into the killings.",
        "Rebels shelled Ostrovka on Monday after an order for weapons reached the army.",
        "Footage of the attack on the market in Dubrava on Monday showed gunmen firing.",
        "Attack helicopters fired rockets at a rebel convoy near Lisna on Tuesday.",
        "Soldiers fired back when gunmen attacked the checkpoint in Ostrovka on Monday.",
        "Rebels launched a counter-attack on the army's positions near Dubrava on Monday.",
        "A gunman opened fire at a shooting range in Lisna on Sunday, killing two people.",
        "Fighters struck a convoy carrying artillery shells near Ostrovka on Monday.",
        "Civilians fled the fighting in Ostrovka on Monday after rebels shelled the town.",
        "Gunmen attacked a bank in Lisna on Monday, days after a cyber attack hit its computers.",
        "Rebels shelled Dubrava on Monday. The attack came weeks after a truce was agreed.",
    ],
)
def test_beside_the_same_words_real_reports_stay(extractor: EventExtractor, text: str) -> None:
    assert run(extractor, text) != []


#: Round 7 (issue #11): a national site's politics, culture and technology of the
#: mid-2000s tell a war in passing: a withdrawal asked for, a peace deal as a time since,
#: a weapon's kind, attacks planned in general, the bereaved named by a loss long ago or
#: by the dead, names read out, fighting measured against decades, a war-wide running
#: toll, incidents counted, not told, and a documentary's or a game's plot, verdict and
#: broadcast slot.
WARS_TOLD_IN_PASSING = [
    "The Liberal Democrats in Ostrovka want a timetable for withdrawal of the troops.",
    "The minister in Lisna refused to set a date for the withdrawal of the brigade.",
    "The vote in Dubrava was the biggest step since the Lisna Peace Agreement, officials said.",
    "The ruling spares the council of Lisna a clash with the government, which opposed it.",
    "Soldiers in Ostrovka use small hand-launched aircraft to look over the next hill.",
    "The leaked maps of Dubrava could help militants plan attacks, the ministry said.",
    (
        "Anna Petrova, whose husband was killed by a roadside bomb near Lisna two years ago, "
        'said outside the court: "We want the truth."'
    ),
    (
        "At the vigil in Ostrovka the singer read out the names of soldiers killed in the "
        "war, and of towns where civilians died in air strikes."
    ),
    (
        "Troops near Dubrava are engaged in the fiercest fighting the regiment has known for "
        "thirty years, the minister said."
    ),
    "Fifty-two soldiers have now died in Ostrovka since the deployment began, MPs heard.",
    "A corporal wrote that his patrol near Dubrava had been ambushed three times in a week.",
    (
        "They found women and old men, and over four hours shot them in ditches in Ostrovka."
        "\n\nIt will be broadcast on BBC Four on Tuesday at 9pm."
    ),
    (
        "The documentary revisits Lisna. They found women and old men, and over four hours "
        "shot them in ditches."
    ),
    (
        "Iron Wolf, a strategy game from a studio in Lisna, puts you in charge of an army. "
        "A single battle can involve 2,000 units."
    ),
    (
        "Within an hour your tanks shell Dubrava and a single battle can involve 2,000 "
        "units.\n\nRating: 8/10."
    ),
    (
        "Within an hour your tanks shell Lisna and a single battle can involve 2,000 "
        "units.\n\nIt is out now for PC, priced 30 pounds."
    ),
    # batch 8: a war's whole toll, a study's causes of death, abuses cited in an
    # argument, a play named by its author
    "Researchers in Dubrava said most of the excess deaths were caused by gunfire and bombs.",
    (
        "Refugees from Ostrovka point to reports that opposition supporters have been "
        "beaten and detained by militias."
    ),
    "Petrov's drama follows two families in Lisna. In the second act one son is shot dead.",
    # a speaker's list of a campaign's incidents, in general
    # a past era named as the time of the clause
    "Her father drove an ambulance in Derry during the Troubles, when gunmen shot at it twice.",
    "As a young conscript in the 1980s, he was wounded when rebels shelled his post near Lisna.",
    "In Ostrovka during the Second World War, partisans blew up the railway bridge.",
    "In Lisna the minister cited drone and rocket attacks on army bases in two provinces.",
    "Speaking in Dubrava, she pointed to mortar attacks by rebels on army posts.",
    (
        "The envoy cited air strikes on Lisna by government forces as proof that the truce "
        "had failed."
    ),
]


@pytest.mark.parametrize("text", WARS_TOLD_IN_PASSING)
def test_a_war_told_in_passing_makes_no_event(extractor: EventExtractor, text: str) -> None:
    assert run(extractor, text) == []


def test_the_dead_who_name_a_speaker_are_no_toll_of_the_rally(extractor: EventExtractor) -> None:
    (event,) = run(
        extractor,
        "The rally against the new law in Lisna was held on Monday. Speakers included the "
        "widow of a pilot killed in Dubrava.",
    )
    assert event.event_type.value == "Protests"
    assert event.casualties == []


@pytest.mark.parametrize(
    "text",
    [
        (
            "More than 3,000 people died during the civil war in Lisna. Outside the assembly "
            "on Monday, protesters held placards against the new law."
        ),
        (
            "Outside the assembly in Lisna on Monday, relatives watched. A small group of "
            "protesters from a victims' organisation held photographs of their dead."
        ),
    ],
)
def test_a_protest_beside_a_war_toll_or_a_victims_group_counts_no_dead(
    extractor: EventExtractor, text: str
) -> None:
    (event,) = run(extractor, text)
    assert event.event_type.value == "Protests"
    assert event.casualties == []


@pytest.mark.parametrize(
    "text",
    [
        "A clash between soldiers and rebels in Lisna killed four people on Monday.",
        "Rebels shelled Dubrava on Monday, the heaviest attack since the ceasefire.",
        "Soldiers fired hand-launched missiles at a rebel convoy near Lisna on Monday.",
        "Militants planning attacks on the city shelled a checkpoint in Ostrovka on Monday.",
        "Gunmen killed the mother of a soldier in Lisna on Monday.",
        (
            "Two soldiers were killed by a roadside bomb in Ostrovka on Monday, bringing the "
            "number who have died since the deployment began to 41."
        ),
        "Rebels called for a withdrawal and then shelled Dubrava on Monday.",
        "Two soldiers were killed during the fighting in Lisna on Monday.",
        "Rebels shelled Dubrava on Monday, and most of the deaths were caused by shrapnel.",
        "Soldiers beat and detained 20 opposition supporters in Ostrovka on Monday.",
        "Rebels shelled Lisna on Monday, the heaviest attack since the 1980s.",
        # one incident a speaker cites is still reported
        (
            "The governor cited an attack on a police post in Lisna on Monday, in which gunmen "
            "killed two officers."
        ),
    ],
)
def test_beside_a_war_told_in_passing_real_reports_stay(
    extractor: EventExtractor, text: str
) -> None:
    assert run(extractor, text) != []


#: Round 13 (issue #11): drills and what a warship or a base is built for: the noise
#: residents are told to expect, a defence against attack in general, a pretend enemy;
#: and accidents and disasters told in the words of war.
DRILLS_DEFENCES_AND_ACCIDENTS = [
    "The army warned people in Dubrava to expect explosions and gunfire during the drill.",
    "Villagers near Ostrovka should expect loud explosions and low jets until Friday, it said.",
    "The frigate built in Lisna carries missiles to defend the fleet against attack from the air.",
    "The base near Ostrovka has radars and guns to protect it against air attacks, the navy said.",
    "Troops staged a simulated attack on a mock village near Ostrovka on Tuesday.",
    "Paratroopers repelled a mock assault by an imagined enemy near Dubrava on Wednesday.",
    # with the gate forced open: a gun's rate of fire, a volcano's evacuees, a firework
    # maker's shells, a blast at a storage tank
    "The tracked guns, which can fire six shells a minute, will be based in Lisna.",
    "The volcano near Lisna blew on Saturday and 3,600 people were evacuated to schools.",
    "The blast in Dubrava hit a shed where workers were mixing aerial shells, killing nine.",
    (
        "Four workers were killed in Lisna when a blast hit a tank holding ethylene oxide. "
        "Firefighters fought the blaze for four hours."
    ),
]


@pytest.mark.parametrize("text", DRILLS_DEFENCES_AND_ACCIDENTS)
def test_drills_defences_and_accidents_make_no_event(extractor: EventExtractor, text: str) -> None:
    assert run(extractor, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Residents of Dubrava heard explosions and gunfire on Monday as rebels attacked the base.",
        "Soldiers defended the town of Lisna against an attack by rebels on Monday, killing four.",
        "Rebels fired missiles at the frigate off Lisna on Monday, and its guns shot two down.",
        "Rebels shelled Ostrovka on Monday with guns that can fire six shells a minute.",
        "Protests erupted in Dubrava on Monday after the army shot dead two students.",
        "A drone struck a fuel tank at the depot in Ostrovka on Monday.",
        "Rebels destroyed a tank near Lisna on Monday, killing its crew of three.",
    ],
)
def test_beside_drills_defences_and_accidents_real_reports_stay(
    extractor: EventExtractor, text: str
) -> None:
    assert run(extractor, text) != []


#: Round 14 (issue #11): the defence desk's own news and the lifestyle pages, with the gate
#: forced open: drills and tests, a show's ambush, a parade, a sales pitch, weapons as
#: goods, a past era, a place named by an old battle, a decision retaken, the weather's
#: bombardment and a soldier's boots on a catwalk.
DEFENCE_DESK_AND_LIFESTYLE = [
    "The exercise near Ostrovka includes live firing with tanks and rocket launchers.",
    "The submarine will not fire any weapons until later firing trials off Dubrava.",
    "The army test-fired a missile into the sea off Lisna on Monday.",
    "A staged convoy ambush in Lisna thrilled spectators on Monday.",
    "The new officers marched slowly through the doors of the academy in Lisna.",
    "Recruits marched past the reviewing stand in Dubrava on Friday.",
    "The maker in Lisna said its air-defence system had been proven in combat.",
    "The firm will double shell production at its plant near Lisna by 2026.",
    "The depot near Lisna, heavily bombed during the Blitz, is now a housing estate.",
    "A school opened near Dubrava, the site of one of the largest battles of the war.",
    "No new licences may be granted in Lisna while the decisions are retaken.",
    "A bombardment of heavy rain will hit Ostrovka on Friday night, forecasters said.",
    "Models in combat boots and camouflage silk stormed the catwalk in Dubrava on Tuesday.",
]


@pytest.mark.parametrize("text", DEFENCE_DESK_AND_LIFESTYLE)
def test_the_defence_desk_and_the_lifestyle_pages_make_no_event(
    extractor: EventExtractor, text: str
) -> None:
    assert run(extractor, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Rebels bombed the depot near Lisna on Monday, killing four guards.",
        "Gunmen in combat fatigues attacked a checkpoint in Dubrava on Monday, killing two.",
        "A bombardment of the town of Ostrovka by rebel artillery killed six people on Friday.",
        "Rebels attacked soldiers at a firing range near Lisna on Monday, killing three.",
        "Police officers marched through Dubrava on Monday to protest against pay cuts.",
        "Rebels handed over the town of Ostrovka to the army on Monday.",
        "The army retook the village of Lisna from rebels on Monday.",
        "A drone struck a shell factory in Lisna on Monday, killing three workers.",
        "Two soldiers were killed in combat with rebels near Dubrava on Monday.",
        "Rebels fired a missile at a ship off Lisna on Monday.",
        "Militants staged an ambush on a convoy near Dubrava on Monday, killing two soldiers.",
    ],
)
def test_beside_the_defence_desk_and_the_lifestyle_pages_real_reports_stay(
    extractor: EventExtractor, text: str
) -> None:
    assert run(extractor, text) != []


#: Round 15 (issue #11): ordinary crime and emergencies, with the gate forced open: a
#: trend and a body's yearly figures of assaults (no incident of a day), an evacuation
#: while a gas main is mended, an animal taken by a council named after its city.
CRIME_DESK_FIGURES_AND_EMERGENCIES = [
    "The drivers' union said assaults on staff were rising and that Lisna was short of drivers.",
    "Data published on Monday showed 230 assaults on bus drivers in Lisna last year.",
    "Some 60 homes in Ostrovka were evacuated while engineers repaired a gas main.",
    "It was seized by Dubrava City Council's animal services team and will be destroyed.",
]


@pytest.mark.parametrize("text", CRIME_DESK_FIGURES_AND_EMERGENCIES)
def test_the_crime_desk_figures_and_emergencies_make_no_event(
    extractor: EventExtractor, text: str
) -> None:
    assert run(extractor, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "A bomb exploded at a crowded market in Lisna on Monday, killing six traders.",
        "Gunmen from a gang shot dead four men at a bar in Dubrava on Monday.",
        "Bandits killed 12 villagers in Lisna on Monday, and attacks on farmers are rising.",
        "Rebels shelled a gas pipe in Ostrovka on Monday, killing two workers.",
        "Rebels seized the council offices in Dubrava on Monday.",
        "Residents of Lisna were evacuated on Monday after rebels shelled the town.",
    ],
)
def test_beside_the_crime_desk_figures_real_reports_stay(
    extractor: EventExtractor, text: str
) -> None:
    assert run(extractor, text) != []


@pytest.mark.parametrize(
    "text",
    [
        "The former offensive lineman from Ostrovka signed with a club in Dubrava on Monday.",
        "A shop in Dubrava apologised on Monday for an offensive shirt sold in Lisna.",
        "The comedian kept up his offensive against the mayor of Dubrava on Tuesday night.",
        "The two rappers from Lisna took their battle to a live stream on Sunday.",
        "The singer from Ostrovka was accused of sexual assault by two former assistants.",
    ],
)
def test_a_violent_word_in_an_article_naming_no_one_armed_is_another_sense(
    extractor: EventExtractor, text: str
) -> None:
    assert run(extractor, text) == []


@pytest.mark.parametrize(
    "text",
    [
        # the armed side is named in another sentence of the article
        "The rebels say they hold the hills above Lisna. A fierce battle raged in Ostrovka on "
        "Monday.",
        # an abduction needs no weapon
        "A 14-year-old girl was abducted in Dubrava on Monday and held for a week.",
    ],
)
def test_a_violent_word_with_armed_people_elsewhere_or_an_abduction_is_an_event(
    extractor: EventExtractor, text: str
) -> None:
    assert len(run(extractor, text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "The panel investigating the harbour riot in Ostrovka met again on Monday.",
        "A Dubrava man was jailed on Monday for his role in the Lisna riot.",
        "Ostrovka marked the anniversary of the market bombing with a minute's silence.",
        "The governor set up a task force on Monday to investigate the killings in Lisna.",
    ],
)
def test_an_incident_named_as_what_an_inquiry_or_a_trial_is_about_is_no_report(
    extractor: EventExtractor, text: str
) -> None:
    assert run(extractor, text) == []


def test_an_incident_reported_beside_its_inquiry_is_still_an_event(
    extractor: EventExtractor,
) -> None:
    text = (
        "Rebels ambushed an army convoy near Lisna on Monday, killing four soldiers. "
        "The army opened an investigation into the ambush."
    )
    (event,) = run(extractor, text)
    assert [(c.kind, c.count) for c in event.casualties] == [(CasualtyKind.KILLED, 4)]


@pytest.mark.parametrize(
    "text",
    [
        "Lawmakers in Dubrava still argue about the Harbour Square riot.",
        "The senator from Lisna said the Jan. 6, 2021, riot had changed how the hall is guarded.",
        "The mayor of Lisna opened a school on Monday, two years after the 2021 mass shooting.",
        "Officials in Lisna said the Harbour Square riot had changed how they guard the town hall.",
    ],
)
def test_an_incident_known_by_its_name_and_named_only_is_no_report(
    extractor: EventExtractor, text: str
) -> None:
    assert run(extractor, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The Harbour Square riot left 12 people injured in Ostrovka on Monday.",
        "Rebels carried out the Lisna attack at dawn on Monday, the army said.",
        # someone armed in the article: its own news, not a reference
        "Soldiers now guard the square in Lisna. Photos of the aftermath of the Harbour Square "
        "massacre spread online.",
    ],
)
def test_an_incident_known_by_its_name_with_news_of_it_is_an_event(
    extractor: EventExtractor, text: str
) -> None:
    assert len(run(extractor, text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "At a campaign rally in Lisna on Monday, the senator mocked her rival's tax plan.",
        "At a rally in Ostrovka on Monday, the governor praised the new bridge.",
    ],
)
def test_a_candidates_rally_is_no_demonstration(extractor: EventExtractor, text: str) -> None:
    assert run(extractor, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Tens of thousands rallied in Lisna on Sunday to support the prime minister.",
        "Hundreds rallied outside parliament in Dubrava on Monday against the new law.",
        "Officers in Lisna kept apart two groups in dueling rallies on Monday, as a "
        "counterprotest grew.",
    ],
)
def test_a_rally_for_or_against_someone_is_a_demonstration(
    extractor: EventExtractor, text: str
) -> None:
    (event,) = run(extractor, text)
    assert event.event_type.value == "Protests"


@pytest.mark.parametrize(
    "text",
    [
        "Fans in Lisna are shelling out 300 dollars a ticket for the final.",
        "Members shelled out 900 dollars each to dine with the mayor of Dubrava on Monday.",
    ],
)
def test_money_shelled_out_is_no_shelling(extractor: EventExtractor, text: str) -> None:
    assert run(extractor, text) == []


def test_projectiles_fired_into_the_sea_are_a_test(extractor: EventExtractor) -> None:
    text = "The north fired more projectiles into the sea from Dubrava on Monday, the navy said."
    assert run(extractor, text) == []
    (event,) = run(extractor, "Rebels fired two rockets into the market in Lisna on Monday.")
    assert event.event_type.value == "Explosions/Remote violence"


@pytest.mark.parametrize(
    "text",
    [
        # breath and cold kill divers and climbers, whoever they served with
        "A navy commando died from lack of oxygen during a cave rescue near Lisna on Monday.",
        # a bomb squad takes bombs away
        "Police in Ostrovka said the bomb squad was removing illegal fireworks when the blast "
        "happened.",
        # a violent word of another sense, with no one armed in the article
        "The mayor of Dubrava joked about sexual violence at a dinner on Monday.",
        # acts named as what an inquiry is about
        "The court ruling in Lisna opens the way for investigations of army attacks.",
        # a cause fought for or against
        "The archbishop of Ostrovka, who died on Sunday, was known for fighting against "
        "apartheid and poverty.",
    ],
)
def test_causes_of_death_squads_jokes_inquiries_and_causes_make_no_event(
    extractor: EventExtractor, text: str
) -> None:
    assert run(extractor, text) == []


def test_a_cause_fought_for_by_armed_men_is_no_figure(extractor: EventExtractor) -> None:
    (event,) = run(
        extractor, "Rebels fighting for independence attacked a post in Lisna on Monday."
    )
    assert event.event_type.value == "Battles"


def test_sentences_that_read_alike_share_one_sentence_sense() -> None:
    """Speed only: a sentence's sense is looked up by what its words are, not built anew."""
    reader = SenseReader(resources.load_yaml("sense.yaml"))
    text = "Rebels fired rockets at the depot. Rebels fired rockets at the mill. The fair opened."
    ends = [text.index(".") + 1, text.index("mill.") + 5, len(text)]
    starts = [0, ends[0] + 1, ends[1] + 1]
    sentences = [Sentence(s, e, text[s:e]) for s, e in zip(starts, ends, strict=True)]
    sense = reader.read(text, text.lower(), sentences)
    assert sense.of(0) == sense.of(1) and sense.of(0) is sense.of(1)
    assert sense.of(0).weapon and not sense.of(2).weapon


@pytest.mark.parametrize(
    "text",
    [
        "Residents took to the streets of Lisna on Sunday, demanding the mayor's resignation.",
        "In Dubrava, crowds gathered to demand justice for the victims on Sunday.",
    ],
)
def test_a_crowd_in_the_streets_with_a_demand_is_a_protest(
    extractor: EventExtractor, text: str
) -> None:
    (event,) = run(extractor, text)
    assert event.event_type.value == "Protests"


def test_fans_in_the_streets_celebrating_are_no_protest(extractor: EventExtractor) -> None:
    assert (
        run(extractor, "Fans took to the streets of Lisna on Sunday to celebrate the title.") == []
    )
