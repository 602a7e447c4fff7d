"""Round 19 (issue #11): the culture pages' works and the business pages' words, with the
gate forced open.

A film's plot told after its director's name, a chapter or a scene that recounts, a work
that tells the story of, a new work about its subject, a work's own pages, a show that
bombed, a bowler's barrage, what happens offstage, the scars of old shelling, a film shot
on location, a strike called in protest, a campaign fought against the tide and a tax that
amounts to an ambush tell no incident; beside the same words, real reports still do. The
last guards run the whole pipeline, gate included: real incidents told in business, sport
and culture pages.
"""

from __future__ import annotations

import pytest

from sitrep.extraction import Extractor
from sitrep.extraction.events import EventExtractor
from sitrep.extraction.geo import TextAnalyzer
from sitrep.extraction.relevance import RelevanceGate
from sitrep_contracts import Article
from tests.unit.extraction.event_helpers import run

SCREEN_AND_BUSINESS = [
    # a work's plot, told after an aside on who made it or where it opens
    (
        "The film, written and directed by Anna Vell, follows a squad of recruits. Halfway "
        "through, the recruits are ambushed at a river crossing near Lisna."
    ),
    (
        "The novel, out in paperback next month, is set in a port city. Its hero is shot dead "
        "by a sniper in Dubrava in the closing pages."
    ),
    # a chapter or a scene that recounts, scenes that call for a fight
    "The second chapter recounts an ambush on a supply convoy near Dubrava.",
    "One scene requires the hero to be shot dead by a sniper at Ostrovka station.",
    # a work that tells the story of
    (
        "Her opera, which tells the true story of a village massacred by soldiers near "
        "Dubrava, opens in May."
    ),
    # a new work about its subject, what a stage leaves unseen
    (
        "A new television documentary about the bombing of the market in Lisna is to be shown "
        "next month."
    ),
    "In the play the shooting of the mayor of Dubrava happens offstage.",
    # walls that bear the marks of old shelling
    "Many houses in Ostrovka still bear the scars of shelling from the war.",
    # a work's own pages, a show that flopped
    "In the novel's last pages the heroine is captured by rebels outside Lisna.",
    "The comedian's new set bombed in Dubrava on Friday night.",
    # a bowler's barrage
    "The bowlers launched a short-ball barrage at the tourists in Ostrovka.",
    "Their quicks kept up a barrage of bouncers at the openers in Lisna.",
    # a film or a series shot on location
    "The series, which was shot in Ostrovka over the winter, has been sold to twelve countries.",
    # a strike called in protest
    "Nurses in Lisna went on strike on Tuesday in protest at a pay freeze.",
    "Dock workers in Dubrava walked out on Monday in protest against new shift rules.",
    # a campaign fought against the tide, a tax that amounts to an ambush
    "The candidate in Ostrovka said his party had been fighting against a national tide.",
    "Critics said the new levy amounted to an ambush on pensioners in Lisna.",
]


@pytest.mark.parametrize("text", SCREEN_AND_BUSINESS)
def test_screen_and_business_words_make_no_event(extractor: EventExtractor, text: str) -> None:
    assert run(extractor, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen ambushed a convoy at a river crossing near Lisna on Monday, killing four soldiers.",
        "A sniper shot dead a teacher in Dubrava on Tuesday, police said.",
        "Rebels ambushed a supply convoy near Dubrava on Monday, killing three drivers.",
        "Police and gunmen fought a shoot-out on the harbour wall at Ostrovka on Sunday.",
        "Soldiers massacred the people of a village near Dubrava on Friday, witnesses said.",
        "A police officer was shot in Ostrovka on Monday as he left the station.",
        "Jets bombed the market in Lisna on Sunday, killing twelve people, survivors said.",
        "Gunmen shot dead the mayor of Dubrava on Monday outside his office.",
        (
            "The army shelled Ostrovka on Monday, and houses still bear the scars of shelling "
            "on Sunday."
        ),
        "Workers went on strike and marched through Dubrava on Monday in protest at the closure.",
        (
            "Workers in Lisna went on strike on Monday in protest at the closure, and police fired "
            "tear gas at their picket."
        ),
        "Critics said the raid amounted to an attack on the town, in which soldiers killed four.",
        (
            "Striking dock workers in Dubrava clashed with police on Monday in protest against "
            "new shift rules."
        ),
        "Rebels and soldiers were fighting in Ostrovka on Monday, residents said.",
        (
            "Gunmen fired a barrage of shots at the police station in Dubrava on Monday, "
            "wounding two officers."
        ),
        "Artillery laid down a barrage on the rebel trenches near Lisna on Monday.",
        "Rebels captured the heroine of the resistance outside Lisna on Monday, her family said.",
        "Jets bombed the theatre in Dubrava where a show was playing on Friday, killing six.",
        "Rebels ambushed an army patrol near Lisna on Monday, killing two soldiers.",
    ],
)
def test_beside_screen_and_business_words_real_reports_stay(
    extractor: EventExtractor, text: str
) -> None:
    assert run(extractor, text) != []


@pytest.fixture(scope="module")
def pipeline(analyzer: TextAnalyzer, extractor: EventExtractor) -> Extractor:
    return Extractor(analyzer, extractor, RelevanceGate.load())


@pytest.mark.parametrize(
    "text",
    [
        # a real bombing in a business story's first paragraph
        (
            "Shares in Lisna's biggest bank fell 6% on Monday after a car bomb exploded outside "
            "its headquarters in the capital, killing three security guards.\n\nThe bank said "
            "its branches would stay closed on Tuesday. Analysts said the attack would hurt "
            "investor confidence."
        ),
        # a real riot at a match
        (
            "Police fired tear gas at rival fans who fought running battles outside the stadium "
            "in Dubrava after Sunday's derby, and 40 people were arrested.\n\nThe match itself "
            "ended goalless."
        ),
        # a film crew caught in a real attack
        (
            "A film crew shooting a thriller in Ostrovka was caught in crossfire on Monday when "
            "gunmen attacked a police checkpoint nearby, killing two officers.\n\nProduction "
            "has been suspended, the studio said."
        ),
    ],
)
def test_real_incidents_in_business_sport_and_culture_pages_stay(
    pipeline: Extractor, text: str
) -> None:
    article = Article(article_id="r-1", text=text, published_at="2023-05-17T12:00:00+00:00")
    assert pipeline.enrich(article).events != []
