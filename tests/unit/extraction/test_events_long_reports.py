"""Long conflict reports (issue #14, round 2): a total's inclusion list, a relative or a
spokesman who is no victim, and an "overnight" attack dated by its weekday."""

from __future__ import annotations

import datetime as dt

from sitrep.extraction.events import EventExtractor
from sitrep.extraction.events.dates import choose_date, find_dates
from sitrep.extraction.events.text import fold
from sitrep_contracts import CasualtyKind, EnrichedEvent
from tests.unit.extraction.event_helpers import run


def killed(events: list[EnrichedEvent]) -> list[int | None]:
    return [c.count for e in events for c in e.casualties if c.kind is CasualtyKind.KILLED]


def test_among_them_names_part_of_the_toll_not_the_toll(extractor: EventExtractor) -> None:
    text = (
        "Four herders, among them an elder and his grandson, were killed when raiders "
        "swept through Lisna on Monday, officials said."
    )
    assert killed(run(extractor, text)) == [4]


def test_a_relative_of_the_dead_is_no_victim(extractor: EventExtractor) -> None:
    text = (
        "Six border guards were killed when rebels overran a post near Dubrava on Monday. "
        "A nephew of one of the dead guards said the post had asked for help for weeks."
    )
    assert killed(run(extractor, text)) == [6]


def test_a_spokesman_who_denies_deaths_is_no_victim(extractor: EventExtractor) -> None:
    text = (
        "A police spokesman, Inspector Taras Volyk, denied that any farmers had been killed, "
        "saying officers had shot dead three gunmen in Ostrovka on Monday."
    )
    assert killed(run(extractor, text, people=("Taras Volyk",))) == [3]


def test_a_named_official_who_denies_deaths_is_no_victim(extractor: EventExtractor) -> None:
    text = (
        "Raiders stormed a grain store in Lisna on Monday and fled with sacks. The district "
        "chief, Bohdan Kril, denied that anyone had been killed in the raid."
    )
    assert killed(run(extractor, text, people=("Bohdan Kril",))) == []


def test_an_overnight_attack_is_dated_by_its_weekday() -> None:
    text = "Rebels killed eleven villagers in an overnight raid on the hamlet on Saturday."
    published = dt.date(2023, 5, 17)
    mentions = find_dates(text, fold(text), 0, len(text), published)
    assert choose_date(text, mentions, published).date == dt.date(2023, 5, 13)


def test_a_weekly_rite_yields_to_the_recap_s_own_date(extractor: EventExtractor) -> None:
    text = (
        "Shells hit Ostrovka on Monday, killing two. In March last year a bomber struck a "
        "chapel in Lisna during Sunday prayers, killing nine worshippers."
    )
    recap = [e for e in run(extractor, text) if "chapel" in e.summary]
    assert [(e.occurred_on.date, e.recap) for e in recap] == [(dt.date(2022, 3, 1), True)]


def test_a_weekly_rite_alone_still_dates_the_attack(extractor: EventExtractor) -> None:
    text = "Gunmen fired on worshippers in Lisna during Sunday prayers, killing nine."
    assert [e.occurred_on.date for e in run(extractor, text)] == [dt.date(2023, 5, 14)]


def test_a_claim_posted_online_a_day_later_is_the_same_attack(extractor: EventExtractor) -> None:
    text = (
        "Two guards were killed on Saturday when rebels fired on a checkpoint in Ostrovka. "
        "The Free Hills Brigade claimed the attack in a video posted on social media on Sunday."
    )
    events = run(extractor, text)
    assert [(e.occurred_on.date, killed([e])) for e in events] == [(dt.date(2023, 5, 13), [2])]


def test_a_claim_through_the_group_s_news_agency_days_later_is_the_same_attack(
    extractor: EventExtractor,
) -> None:
    # the claim's day stands more than 40 characters after "claimed": still the claim's
    text = (
        "Bombers struck an army base in Ostrovka on Sunday, killing four soldiers. The Free "
        "Hills Brigade claimed the Ostrovka base attack through its official news agency on "
        "Tuesday."
    )
    events = run(extractor, text)
    assert [(e.occurred_on.date, killed([e])) for e in events] == [(dt.date(2023, 5, 14), [4])]


def test_a_claim_naming_the_attack_comes_back_to_it_past_another_day_s_news(
    extractor: EventExtractor,
) -> None:
    # "On Monday, ..." between them moved the story on; the claim names the attack again
    text = (
        "Insurgents beheaded three farmers near Ostrovka on Sunday, local sources said.\n\n"
        "On Monday, fighters stopped buses on a road near Lisna and preached to passengers. "
        "No one was hurt.\n\nThe Free Hills Brigade claimed the Ostrovka attack through its "
        "news agency on Tuesday, saying it had killed three spies."
    )
    events = run(extractor, text)
    assert [(e.occurred_on.date, killed([e])) for e in events] == [(dt.date(2023, 5, 14), [3])]


def test_both_sides_dead_of_a_police_gunfight_add_up(extractor: EventExtractor) -> None:
    # "three of the bandits were killed" is their own fate (no part of another figure), and
    # "paid the supreme price" is the officer's death: 3 + 1
    text = (
        "Police beat off bandits at Lisna on Saturday. The spokesman said three of the "
        "bandits were killed in the gunfight, while one sergeant paid the supreme price."
    )
    assert sum(n or 0 for n in killed(run(extractor, text))) == 4


def test_an_official_titled_by_his_force_is_a_source_not_a_side(
    extractor: EventExtractor,
) -> None:
    # "Inspector General of Police X said the grenade ...": the police tell of the blast
    # the militants caused, so the retelling is no second incident
    text = (
        "OSTROVKA - Nine people were hurt when militants hurled a grenade at a bus stop in "
        "Ostrovka on Monday.\n\nInspector General of Police Bohdan Kril said the grenade "
        "bounced off a kiosk and exploded among commuters."
    )
    assert len(run(extractor, text, people=("Bohdan Kril",))) == 1


def test_a_plural_weekday_is_a_habit_not_a_day() -> None:
    text = "On Thursdays the cattle market fills with herders from the hills."
    assert find_dates(text, fold(text), 0, len(text), dt.date(2023, 5, 17)) == []


def test_a_denial_with_its_own_subject_is_no_incident(extractor: EventExtractor) -> None:
    text = (
        "Shells killed two children in Ostrovka on Saturday. The rebel radio in Lisna "
        "denied that its fighters had shelled homes on Friday."
    )
    assert [e.occurred_on.date for e in run(extractor, text)] == [dt.date(2023, 5, 13)]


def test_another_side_s_claim_of_the_same_dead_in_one_sentence_is_not_added(
    extractor: EventExtractor,
) -> None:
    # ACLED codes the lower of conflicting figures; both sides' own dead still add up
    text = (
        "Rebels stormed an army base in Ostrovka on Friday. The ministry said 14 soldiers "
        "died, while the rebels claimed they had killed 70 soldiers."
    )
    assert killed(run(extractor, text)) == [14]
    text = (
        "Rebels stormed an army base in Ostrovka on Friday. The ministry said 14 soldiers "
        "died, while the rebels said 9 of their fighters were killed."
    )
    assert killed(run(extractor, text)) == [23]


def test_two_sources_each_telling_one_side_s_dead_add_up(extractor: EventExtractor) -> None:
    # the officials' soldiers and the ministry's insurgents are other people: no conflict
    text = (
        "Insurgents attacked an army post near Ostrovka on Monday, killing three soldiers, "
        "local officials said. The defence ministry said 14 insurgents were killed in the "
        "fighting."
    )
    assert sum(n or 0 for n in killed(run(extractor, text))) == 17
