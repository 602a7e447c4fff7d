"""Totals, habits, plans, threats, denials and quotes report no event of their own."""

from __future__ import annotations

import pytest

from sitrep.extraction.events import EventExtractor, resources
from sitrep.extraction.events.roles import Role, RoleReader, quotations
from sitrep.extraction.events.segment import paragraphs
from sitrep.extraction.events.text import fold
from sitrep.extraction.geo.sentences import split_sentences
from sitrep_contracts import CasualtyKind
from tests.unit.extraction.event_helpers import run


@pytest.fixture(scope="module")
def reader() -> RoleReader:
    return RoleReader(resources.load_yaml("roles.yaml"))


def roles_of(reader: RoleReader, text: str) -> list[Role]:
    sentences = split_sentences(text)
    return reader.roles(text, fold(text), sentences, paragraphs(text, sentences))


@pytest.mark.parametrize(
    "sentence",
    [
        "Since the start of 2020, the monitor has documented 1,204 deaths in the province.",
        "Since early March, at least 300 people have been killed in the district.",
        "Over the past six months, militants have carried out 40 attacks on the road.",
        "The monitor recorded 85 assassinations in the governorate in the same period.",
        "The total death toll in the region now stands at 312.",
        "The number of people killed in the valley since June has risen to 567.",
        "Dozens of officers have also been killed in the east in various attacks by the group.",
        "The militia said it had killed some 80 soldiers between April and June.",
        "In the three months to June 1, 14 villagers in the district were killed.",
        "Militant attacks have surged across the border region, killing thousands.",
        "The army also claimed a series of successes in the east, taking many villages.",
        "The secret police have assassinated dozens of exiled activists in recent decades.",
        "Residents stayed home again for the protest the movement holds every Monday.",
        "Thousands of people have been forced to flee their homes due to military attacks.",
        "In the north, clashes have displaced 3,000 people, the agency said.",
        "The district is home to 300,000 refugees who have fled attacks by the rebels.",
        "In March, the coalition ended its sixth year of fighting the rebels.",
        "The district has witnessed roadside bombings in the past few days.",
        "Hundreds have died since fighting broke out in the region.",
        "A growing number of people have been killed recently by old landmines in the valley.",
        "Unexploded shells have killed children in various villages of the province.",
        "Since then, fighting has intensified in the valley, held by rebels for two years.",
        "The group has wreaked havoc on the province, killing hundreds of villagers.",
        "The floods hit the north, displacing at least 32,000 people.",
        "The group has killed dozens of soldiers in its numerous ambushes.",
        "The fighting in March forced over 20,000 residents to flee their homes.",
    ],
)
def test_running_totals_and_background_are_aggregates(reader: RoleReader, sentence: str) -> None:
    assert roles_of(reader, sentence) == [Role.AGGREGATE]


def test_the_breakdown_list_after_a_total_is_part_of_it(reader: RoleReader) -> None:
    text = (
        "Since the war began, 900 people have been killed, categorised as follows:\n"
        "- 400 civilians, including 50 children\n"
        "- 500 soldiers and militiamen\n"
        "Gunmen killed a farmer near Ostrovka on Monday."
    )
    assert roles_of(reader, text) == [Role.AGGREGATE, Role.LISTED, Role.LISTED, Role.REPORT]


def test_roles_read_on_demand_in_any_order_are_those_read_in_turn(reader: RoleReader) -> None:
    text = (
        "Since the war began, 900 people have been killed, categorised as follows:\n"
        "- 400 civilians, including 50 children\n"
        "- 500 soldiers and militiamen\n"
        "Since March 2019, the monitor has documented the killing of 1,242 soldiers. "
        "All were killed in attacks and ambushes by the group in the desert. "
        "Gunmen frequently ambush travellers on the highway. "
        "Gunmen killed a farmer near Ostrovka on Monday."
    )
    sentences = split_sentences(text)
    in_turn = roles_of(reader, text)
    assert in_turn == [Role.AGGREGATE, Role.LISTED, Role.LISTED] + [Role.AGGREGATE] * 2 + [
        Role.GENERIC,
        Role.REPORT,
    ]
    for order in (range(len(sentences) - 1, -1, -1), (2, 4, 0, 6, 1, 3, 5)):
        lazy = reader.sentence_roles(text, fold(text), sentences, paragraphs(text, sentences))
        assert {i: lazy[i] for i in order} == dict(enumerate(in_turn))


@pytest.mark.parametrize(
    "sentence",
    [
        "The rebels usually attack government lines at dawn.",
        "Gunmen frequently ambush travellers on the highway.",
        "The militants hide in the hills and carry out frequent guerrilla attacks on patrols.",
        "Despite airstrikes, the army has failed to contain the group's attacks so far.",
        "Children there grew up with an almost daily torrent of bombings and shootings.",
        "Twelve soldiers who fought and were wounded in the war are being tested for hepatitis.",
        "The war between the militia and the army has dragged on since the election.",
        "Border skirmishes occasionally close the crossing at Lisna.",
        "It is not the first time that soldiers have opened fire on students in the valley.",
        "Many of the murders committed by gang members are driven by disputes over territory.",
        "The following are reports of army attacks on villages in the hills.",
        "The insurgents have resorted mostly to guerrilla warfare and suicide bombings.",
        "The alliance, which relies heavily on air strikes, did not say how it counted.",
    ],
)
def test_what_usually_happens_is_generic(reader: RoleReader, sentence: str) -> None:
    assert roles_of(reader, sentence) == [Role.GENERIC]


def test_a_sentence_going_on_with_a_total_is_part_of_it(reader: RoleReader) -> None:
    text = (
        "Since March 2019, the monitor has documented the killing of 1,242 soldiers. "
        "All were killed in attacks and ambushes by the group in the desert."
    )
    assert roles_of(reader, text) == [Role.AGGREGATE, Role.AGGREGATE]


@pytest.mark.parametrize(
    "sentence",
    [
        "The border region has borne the brunt of repeated attacks from the militants.",
        "Three provinces have witnessed several attacks this month.",
        "The group has carried out hundreds of attacks over the years.",
        "The raid came two months after a similar attack on the village killed 40 people.",
    ],
)
def test_what_keeps_happening_is_no_report(reader: RoleReader, sentence: str) -> None:
    assert roles_of(reader, sentence) != [Role.REPORT]


def test_a_short_recent_period_is_still_a_report(reader: RoleReader) -> None:
    text = "Russian jets carried out 40 airstrikes on the desert in the last 48 hours."
    assert roles_of(reader, text) == [Role.REPORT]


@pytest.mark.parametrize(
    ("sentence", "trigger", "unreal"),
    [
        ("The group threatened to attack the town.", "attack", True),
        ("Officials warned that rebels could strike the capital.", "strike", True),
        ("The army denied shelling the village.", "shelling", True),
        ("There was no shelling overnight.", "shelling", True),
        ("Troops were deployed to prevent clashes.", "clashes", True),
        ("Rebels attacked the town on Sunday.", "attacked", False),
        ("The radars are stationed too far away to intercept missiles.", "intercept", True),
        ("Rebels tried to storm the base.", "storm", False),
        ("After the talks failed, troops shelled the village.", "shelled", False),
        ('The rebels want to reach "an effective truce" with the army.', "truce", True),
        # a modal with an adverb of time: a threat
        ("The informers will soon be executed in public.", "executed", True),
        # a modal right after the trigger: what may come
        ("An assault on the city could displace thousands of families.", "assault", True),
        ("A new offensive would be a disaster for the valley.", "offensive", True),
        ("The assault on the city displaced thousands of families.", "assault", False),
        ("An attack that could have killed dozens was foiled.", "attack", False),
        ("The attack, he said, may have been planned for weeks.", "attack", False),
        ("A fresh attempt will be made with reinforcements today.", "reinforcements", True),
        # a modal's act through a verb of holding
        ("The union said it would hold a rally in the square on Saturday.", "rally", True),
        ("The army is going to launch a new offensive in the valley.", "offensive", True),
        ("Thousands held a rally in the square on Saturday.", "rally", False),
        ("The army is yet to counter the attacks expected anytime soon.", "attacks", True),
        ("The attacks expected by the army came on Monday.", "attacks", False),
        # asked for or offered, not reached
        ("The rebels called for a ceasefire on Tuesday.", "ceasefire", True),
        ("The rebels rejected a ceasefire proposal from the army.", "ceasefire", True),
        ("The army and the rebels agreed to a ceasefire on Tuesday.", "ceasefire", False),
        # a condition or a judgement of what may be, not a withdrawal or truce made
        ("Talks can resume only after the withdrawal of all troops.", "withdrawal", True),
        ("They will free the crew in return for the withdrawal of the fleet.", "withdrawal", True),
        ("The envoy said a truce was possible within weeks.", "truce", True),
        ("The militia said it would accept a truce if the shelling stopped.", "truce", True),
        ("The militia accepted a truce on Friday.", "truce", False),
        # who someone is, not what they did
        ("The coalition fighting in the north said it shot down a drone.", "fighting", True),
        ("The coalition and the rebels were fighting in the north.", "fighting", False),
        # a verdict or a charge's legal name, not a report of the act
        (
            "Two officers were handed to prosecutors for the alleged crime of torture.",
            "torture",
            True,
        ),
        ("The former commander was convicted of murder in March.", "murder", True),
        ("The man charged with shooting a guard on Monday is a soldier.", "shooting", False),
        # an acronym that ends like a participle is no attribute
        ("A patrol was hit by an IED on the road.", "ied", False),
    ],
)
def test_planned_feared_denied_or_negated_triggers_are_unreal(
    reader: RoleReader, sentence: str, trigger: str, unreal: bool
) -> None:
    folded = fold(sentence)
    start = folded.index(trigger)
    assert reader.unreal(folded, 0, start, start + len(trigger)) is unreal


def test_long_quotations_are_direct_speech_short_scare_quotes_are_not() -> None:
    text = fold("He said: “They shot at everyone who ran from the market.” A “general” fled.")
    quoted = quotations(text)
    assert quoted.holds(text.index("shot"))
    assert not quoted.holds(text.index("general"))


def test_a_total_gives_no_event_and_no_toll(extractor: EventExtractor) -> None:
    text = (
        "Gunmen shot dead a shopkeeper in Ostrovka on Monday. "
        "Since January 2021, 567 people have been killed in attacks in the province."
    )
    (event,) = run(extractor, text)
    assert [c.count for c in event.casualties] == [1]


def test_a_quote_tells_more_of_the_reported_incident(extractor: EventExtractor) -> None:
    text = (
        "Gunmen attacked an army post on Monday, killing four soldiers, officials said.\n"
        "“The attackers came on motorbikes and stormed the post in Lisna,” a resident said."
    )
    (event,) = run(extractor, text)
    assert event.location is not None and event.location.name == "Lisna"


def test_a_threat_and_a_quote_give_no_event(extractor: EventExtractor) -> None:
    text = (
        "Rebels threatened to attack Dubrava. "
        "“We will shell every position they hold in Lisna,” a commander said."
    )
    assert run(extractor, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "In February, the militia launched a major offensive on Ostrovka.",
        "They have been planting explosives on the roads around Dubrava.",
        "The film shows the ruins left by the month-long siege of Ostrovka.",
        "Ongoing clashes between rebels and the army are being reported in Ostrovka.",
    ],
)
def test_a_campaign_dated_to_no_day_is_no_incident(extractor: EventExtractor, text: str) -> None:
    assert run(extractor, text) == []


def test_a_campaign_dated_to_a_day_is_reported(extractor: EventExtractor) -> None:
    (event,) = run(extractor, "On Monday, the army launched an offensive on Ostrovka.")
    assert event.location is not None and event.location.name == "Ostrovka"


@pytest.mark.parametrize(
    "text",
    [
        "He walked behind the coffin of a murdered policeman.",
        "Flowers were sent by the family of murdered soldier John Doe.",
    ],
)
def test_a_past_participle_after_an_article_is_an_attribute(reader: RoleReader, text: str) -> None:
    folded = fold(text)
    start = folded.index("murdered")
    assert reader.unreal(folded, 0, start, start + len("murdered"))


def test_gathering_to_protest_is_the_protest(extractor: EventExtractor) -> None:
    (event,) = run(extractor, "Hundreds gathered in Lisna to protest against the curfew.")
    assert event.event_type.value == "Protests"


def test_an_addition_to_a_total_is_part_of_it(reader: RoleReader) -> None:
    text = (
        "Since June, the monitor has documented the killing of 412 fighters in the province. "
        "Also, six members of the coalition were killed. "
        "In addition, 38 local leaders were assassinated in the same areas."
    )
    assert roles_of(reader, text) == [Role.AGGREGATE] * 3


def test_a_toll_of_these_attacks_is_a_total(reader: RoleReader) -> None:
    assert roles_of(reader, "Dozens were wounded in these attacks.") == [Role.AGGREGATE]


def test_what_a_defence_is_there_to_stop_is_no_attack(extractor: EventExtractor) -> None:
    text = (
        "Officials said the radars near Ostrovka were there to intercept "
        "long-range missiles launched by a rogue state."
    )
    assert run(extractor, text) == []


def test_a_days_series_of_strikes_is_reported_and_an_undated_one_is_a_tally(
    extractor: EventExtractor,
) -> None:
    dated = "At least 24 rebels were killed on Thursday in multiple airstrikes on Ostrovka."
    (event,) = run(extractor, dated)
    assert [c.count for c in event.casualties if c.kind is CasualtyKind.KILLED] == [24]
    undated = "Over 100 rebels have been killed in multiple airstrikes on Ostrovka."
    assert run(extractor, undated) == []
    told = "The army targeted the rebels in a series of airstrikes that killed four near Lisna."
    (event,) = run(extractor, told)
    assert [c.count for c in event.casualties if c.kind is CasualtyKind.KILLED] == [4]


def test_a_habit_spoils_only_its_clause_when_the_sentence_dates_a_happening(
    extractor: EventExtractor,
) -> None:
    text = (
        "Gunmen attacked the school in Ostrovka on Monday, killing two guards; it is not the "
        "first time the school has been targeted."
    )
    (event,) = run(extractor, text)
    assert [(c.kind, c.count) for c in event.casualties] == [(CasualtyKind.KILLED, 2)]


def test_the_campaign_union_is_tried_where_its_words_stand(reader: RoleReader) -> None:
    """Speed only: no campaign alternative is searched at every place (the one that opens
    with any word, "a months-long siege", is found from "months-long"); same matches."""
    campaign = reader._campaign
    assert campaign._fast and campaign._rest is None
    text = fold(
        "The rebels began a months-long siege of the port. Troops shelled the hill on "
        "Monday. A week long offensive followed, and the army launched a new campaign."
    )
    for start in range(0, len(text), 5):
        for end in (start + 40, len(text)):
            fast, plain = (
                campaign.search(text, start, end),
                campaign.pattern.search(text, start, end),
            )
            assert (fast and fast.span()) == (plain and plain.span())
    assert reader.campaign(text, 0, text.index(".")) and not reader.campaign(
        text, text.index("troops"), text.index("monday.")
    )
