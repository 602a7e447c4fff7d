"""`EnrichedEvent` v1: one message per event found in an article.

Changes within v1 (additive): 2026-12, `article_sequence` orders an article's revisions;
`article_revision` covers every field the extractor reads, not only the text.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Final, Literal

from pydantic import AwareDatetime, Field

from sitrep_contracts.common import Confidence, Contract, ExtractorInfo, TextSpan
from sitrep_contracts.places import ResolvedPlace
from sitrep_contracts.revision import REVISION_DESCRIPTION, SEQUENCE_DESCRIPTION

EVENT_TYPE: Final = "sitrep.enriched_event"


class EventType(StrEnum):
    """ACLED's six event types (values are ACLED's own spelling)."""

    BATTLES = "Battles"
    EXPLOSIONS_REMOTE_VIOLENCE = "Explosions/Remote violence"
    VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
    PROTESTS = "Protests"
    RIOTS = "Riots"
    STRATEGIC_DEVELOPMENTS = "Strategic developments"


class SubEventType(StrEnum):
    """ACLED's sub-event types (values are ACLED's own spelling)."""

    ARMED_CLASH = "Armed clash"
    GOVERNMENT_REGAINS_TERRITORY = "Government regains territory"
    NON_STATE_ACTOR_OVERTAKES_TERRITORY = "Non-state actor overtakes territory"
    CHEMICAL_WEAPON = "Chemical weapon"
    AIR_DRONE_STRIKE = "Air/drone strike"
    SUICIDE_BOMB = "Suicide bomb"
    SHELLING_ARTILLERY_MISSILE = "Shelling/artillery/missile attack"
    REMOTE_EXPLOSIVE = "Remote explosive/landmine/IED"
    GRENADE = "Grenade"
    SEXUAL_VIOLENCE = "Sexual violence"
    ATTACK = "Attack"
    ABDUCTION = "Abduction/forced disappearance"
    PEACEFUL_PROTEST = "Peaceful protest"
    PROTEST_WITH_INTERVENTION = "Protest with intervention"
    EXCESSIVE_FORCE_AGAINST_PROTESTERS = "Excessive force against protesters"
    VIOLENT_DEMONSTRATION = "Violent demonstration"
    MOB_VIOLENCE = "Mob violence"
    AGREEMENT = "Agreement"
    ARRESTS = "Arrests"
    CHANGE_TO_GROUP_ACTIVITY = "Change to group/activity"
    DISRUPTED_WEAPONS_USE = "Disrupted weapons use"
    HEADQUARTERS_ESTABLISHED = "Headquarters or base established"
    LOOTING_PROPERTY_DESTRUCTION = "Looting/property destruction"
    NON_VIOLENT_TRANSFER_OF_TERRITORY = "Non-violent transfer of territory"
    OTHER = "Other"


class DatePrecision(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


class EventDate(Contract):
    """When the event happened, resolved against the article's publication time."""

    date: dt.date = Field(description="The day; for coarser precision, the first day of the span.")
    precision: DatePrecision
    resolved_from: Literal["explicit", "relative", "publication"] = Field(
        description="An explicit date, a relative one ('on Thursday'), or the publication date."
    )
    confidence: float = Confidence
    evidence: TextSpan | None = None


class ActorType(StrEnum):
    """What kind of actor; `acled_inter` on `Actor` gives ACLED's numeric category."""

    MILITARY = "military"
    POLICE = "police"
    GOVERNMENT = "government"
    REBELS = "rebels"
    POLITICAL_MILITIA = "political_militia"
    IDENTITY_MILITIA = "identity_militia"
    RIOTERS = "rioters"
    PROTESTERS = "protesters"
    CIVILIANS = "civilians"
    IGO = "igo"
    MEDIA = "media"
    OTHER = "other"


class ActorRole(StrEnum):
    ACTOR1 = "actor1"  # the side that acts (attacker, shelling side, protesters)
    ACTOR2 = "actor2"  # the side acted upon
    ASSOCIATED = "associated"  # named in the event without taking a side
    SOURCE = "source"  # speaks about the event


def names_nobody(name: str) -> bool:
    """Whether an actor's canonical name is ACLED's for a side the report does not name
    ("Unidentified Armed Group (Mali)"): no other side than one another report names."""
    return name.startswith("Unidentified ")


class Actor(Contract):
    text: str = Field(description="As written ('kyiv forces').")
    name: str = Field(description="Canonical name ('Military Forces of Ukraine').")
    actor_type: ActorType
    acled_inter: int | None = Field(
        default=None,
        ge=1,
        le=8,
        description="ACLED category: 1 state forces, 2 rebels, 3 political militia, "
        "4 identity militia, 5 rioters, 6 protesters, 7 civilians, 8 external/other.",
    )
    country_iso3: str | None = Field(default=None, min_length=3, max_length=3)
    role: ActorRole
    person: str | None = Field(default=None, description="Named official ('Pavlo Kyrylenko').")
    title: str | None = Field(default=None, description="Official's role ('regional governor').")
    confidence: float = Confidence
    evidence: TextSpan


class CasualtyKind(StrEnum):
    KILLED = "killed"
    INJURED = "injured"
    MISSING = "missing"
    CAPTURED = "captured"  # captured, detained, arrested, taken prisoner
    DISPLACED = "displaced"  # displaced, evacuated, fled


class VictimType(StrEnum):
    CIVILIANS = "civilians"
    MILITARY = "military"
    UNKNOWN = "unknown"


class Qualifier(StrEnum):
    EXACT = "exact"
    AT_LEAST = "at_least"  # "at least 12", "more than 12"
    AT_MOST = "at_most"  # "up to 12"
    ABOUT = "about"  # "about 12", "some 12", "nearly 12"
    RANGE = "range"  # "12 to 15", "dozens"


class Casualty(Contract):
    kind: CasualtyKind
    count: int | None = Field(default=None, ge=0, description="Best single figure.")
    min: int | None = Field(default=None, ge=0)
    max: int | None = Field(default=None, ge=0)
    qualifier: Qualifier = Qualifier.EXACT
    victim_type: VictimType = VictimType.UNKNOWN
    confidence: float = Confidence
    evidence: TextSpan


class Attribution(Contract):
    """Who reports the event or its figures ('according to Ukrainian authorities')."""

    source: str = Field(description="Who, as written.")
    country_iso3: str | None = Field(default=None, min_length=3, max_length=3)
    evidence: TextSpan


class EnrichedEvent(Contract):
    """One event reported in an article. Key on the events topic: `article_id`."""

    message_type: Literal["sitrep.enriched_event"] = EVENT_TYPE
    schema_version: Literal[1] = 1
    event_id: str = Field(
        description="Deterministic: the same article revision and event give the same id, "
        "so consumers can drop duplicates after a replay."
    )
    article_id: str
    article_revision: str = Field(description=REVISION_DESCRIPTION)
    article_sequence: int | None = Field(default=None, ge=0, description=SEQUENCE_DESCRIPTION)
    published_at: AwareDatetime
    event_type: EventType
    sub_event_type: SubEventType | None = None
    event_type_evidence: TextSpan = Field(description="The trigger words ('strikes').")
    summary: str = Field(description="The sentence(s) that report the event.")
    summary_evidence: TextSpan
    occurred_on: EventDate
    recap: bool = Field(
        default=False,
        description=(
            "A recalled older incident told as background, not news of the article's day: "
            "dated more than a week before publication (added 2026-12)."
        ),
    )
    location: ResolvedPlace | None = Field(
        default=None,
        description=(
            "Where the event happened. An event known only to its first-level region keeps "
            "precision 'admin1' but is placed at the city the region is named after "
            "(Sumy region -> Sumy), as ACLED codes such events; other regions keep their "
            "own point."
        ),
    )
    actors: list[Actor] = Field(default_factory=list)
    casualties: list[Casualty] = Field(default_factory=list)
    attributed_to: list[Attribution] = Field(default_factory=list)
    confidence: float = Confidence
    extractor: ExtractorInfo
    extracted_at: AwareDatetime
