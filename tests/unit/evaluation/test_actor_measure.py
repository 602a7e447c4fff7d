"""The actor measure reads gold sides by the form of their names and scores events."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sitrep.evaluation.actors import read_side, score_actors, shares_name
from sitrep.evaluation.common import Extracted
from sitrep_contracts import (
    Actor,
    ActorRole,
    ActorType,
    DatePrecision,
    EnrichedEvent,
    EventDate,
    EventType,
    ExtractorInfo,
    SubEventType,
    TextSpan,
)

NOW = dt.datetime(2024, 3, 2, 12, 0, tzinfo=dt.UTC)


def test_state_sides_take_the_country_their_name_gives() -> None:
    (side,) = read_side("Military Forces of Chad (special unit)", "NER")
    assert (side.state, side.country) == (True, "TCD")
    (side,) = read_side("Government of Turkey", "IRQ")
    assert (side.state, side.country) == (True, "TUR")


def test_a_demonym_with_forces_is_that_country_s_state_side() -> None:
    (side,) = read_side("Malian armed forces", "BFA")
    assert (side.state, side.country) == (True, "MLI")


def test_civilians_take_the_bracketed_country_else_the_article_s() -> None:
    assert read_side("Civilians (Benin): farmers", "NER")[0].country == "BEN"
    assert read_side("Civilians", "NER")[0].country == "NER"
    assert read_side("Civilians", "NER")[0].kind is ActorType.CIVILIANS


def test_other_sides_are_non_state_of_the_article_s_country_with_their_own_words() -> None:
    (side,) = read_side("Lord's Resistance Army (splinter faction)", "CAF")
    assert (side.state, side.kind, side.country) == (False, None, "CAF")
    assert "resistance" in side.words and "faction" not in side.words
    (generic,) = read_side("Unidentified armed group (no claim)", "CAF")
    assert generic.words == ()
    assert read_side("Chadian rebels", "TCD")[0].words == ()


def test_several_actors_in_one_side_are_alternatives() -> None:
    sides = read_side("Military Forces of Mali; Military Forces of Niger", "MLI")
    assert [s.country for s in sides] == ["MLI", "NER"]
    assert read_side(None, "MLI") == []


def test_names_compare_loosely_and_by_initials() -> None:
    (side,) = read_side("Lords Resistanse Army", "UGA")
    assert shares_name(side, ["LRA: Lord's Resistance Army"])
    (acronym,) = read_side("LRA", "UGA")
    assert shares_name(acronym, ["Lord's Resistance Army"])
    assert not shares_name(acronym, ["Allied Democratic Forces"])


def _actor(name: str, kind: ActorType, country: str | None, role: ActorRole, at: int) -> Actor:
    text = name.split(" (")[0].lower()
    return Actor(
        text=text,
        name=name,
        actor_type=kind,
        acled_inter=1,
        country_iso3=country,
        role=role,
        confidence=0.8,
        evidence=TextSpan(start=at, end=at + len(text), text=text),
    )


def _event(*actors: Actor) -> EnrichedEvent:
    span = TextSpan(start=0, end=4, text="text")
    return EnrichedEvent(
        event_id="e",
        article_id="a",
        article_revision="r",
        published_at=NOW,
        event_type=EventType.BATTLES,
        sub_event_type=SubEventType.ARMED_CLASH,
        event_type_evidence=span,
        summary="text",
        summary_evidence=span,
        occurred_on=EventDate(
            date=NOW.date(),
            precision=DatePrecision.DAY,
            resolved_from="publication",
            confidence=0.5,
        ),
        actors=list(actors),
        confidence=0.5,
        extractor=ExtractorInfo(version="test"),
        extracted_at=NOW,
    )


def _row(text: str, side_a: str, side_b: str) -> dict[str, Any]:
    return {
        "id": 1,
        "source_article": text,
        "location_root_name": "Chad",
        "side_a_name": side_a,
        "side_b_name": side_b,
    }


def test_sides_are_named_by_type_and_country_and_foreign_actors_need_evidence() -> None:
    text = "rebels attacked a post. militants fled."
    events = [
        _event(
            _actor("Military Forces of Chad", ActorType.MILITARY, "TCD", ActorRole.ACTOR2, 0),
            _actor("Unidentified Armed Group (Chad)", ActorType.REBELS, "TCD", ActorRole.ACTOR1, 0),
            # a foreign group from a generic word, and nothing in the text names its country
            _actor("Some Group (Peru)", ActorType.REBELS, "PER", ActorRole.ASSOCIATED, 24),
        )
    ]
    result = score_actors(
        [Extracted(_row(text, "Government of Chad", "FACT"), events, None)],  # type: ignore[arg-type]
        {},
        lambda name: "TD",
    )
    assert result["ucdp"]["sides_named"] == 1.0
    assert result["ucdp"]["articles_all_sides"] == 1.0
    assert result["ucdp"]["groups_named_by_name"] == 0.0  # "FACT" is not in any name
    assert result["foreign"]["foreign_unevidenced"] == 1 / 3
    assert "incidents" not in result


def test_a_foreign_actor_whose_country_the_text_names_is_evidenced() -> None:
    text = "militants from Peru crossed. militants fled."
    events = [_event(_actor("Some Group (Peru)", ActorType.REBELS, "PER", ActorRole.ACTOR1, 29))]
    result = score_actors(
        [Extracted(_row(text, "Government of Chad", "Civilians"), events, None)],  # type: ignore[arg-type]
        {},
        lambda name: "TD",
    )
    assert result["foreign"]["foreign_share"] == 1.0
    assert result["foreign"]["foreign_unevidenced"] == 0.0
    assert result["ucdp"]["sides_named"] == 0.0
