"""`Incident` v1: one real-world incident, merged from the events of many articles.

The incident stage (`sitrep incidents`) writes a new message on every change, keyed by
`incident_id` on a compacted topic, so the topic keeps each incident's latest revision.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Final, Literal

from pydantic import AwareDatetime, Field

from sitrep_contracts.common import Contract
from sitrep_contracts.event import (
    ActorRole,
    ActorType,
    CasualtyKind,
    DatePrecision,
    EventType,
    Qualifier,
    SubEventType,
)
from sitrep_contracts.places import ResolvedPlace

INCIDENT_TYPE: Final = "sitrep.incident"


class IncidentStatus(StrEnum):
    OPEN = "open"  # at least one report stands
    RETRACTED = "retracted"  # every report was withdrawn (their articles were revised)


class TollRule(StrEnum):
    """How the incident's figure for one casualty kind was chosen (never a sum of reports)."""

    LATEST_CREDIBLE = "latest_credible"  # the latest report whose event is credible
    LATEST_ANY = "latest_any"  # no credible report gives a figure: the latest of all


class IncidentActor(Contract):
    """An actor named by at least one report (without the report's text offsets)."""

    name: str
    actor_type: ActorType
    role: ActorRole
    country_iso3: str | None = Field(default=None, min_length=3, max_length=3)


class IncidentToll(Contract):
    """The current figure for one casualty kind and the report it comes from."""

    kind: CasualtyKind
    count: int = Field(ge=0, description="The chosen report's best figure for this kind.")
    qualifier: Qualifier = Qualifier.EXACT
    rule: TollRule
    event_id: str = Field(description="The report (event) whose figure this is.")
    reported_at: AwareDatetime = Field(description="Publication time of that report.")


class IncidentReport(Contract):
    """One event (from one article revision) that reports the incident."""

    event_id: str
    article_id: str
    article_revision: str
    published_at: AwareDatetime
    sources: list[str] = Field(
        default_factory=list, description="Who the report attributes it to, as written."
    )
    withdrawn: bool = Field(
        default=False,
        description="The article was republished and its new revision no longer has this event.",
    )


class Incident(Contract):
    """One incident and every report of it. Key on its topic: `incident_id`."""

    message_type: Literal["sitrep.incident"] = INCIDENT_TYPE
    schema_version: Literal[1] = 1
    incident_id: str = Field(
        description="Stable for the incident's life: derived from the first report's event id."
    )
    revision: int = Field(ge=1, description="1 for the first message, +1 on every change.")
    status: IncidentStatus
    event_type: EventType
    sub_event_type: SubEventType | None = None
    place: ResolvedPlace | None = Field(
        default=None, description="The most precise place any standing report gives."
    )
    date_from: dt.date = Field(description="First day the standing reports allow.")
    date_to: dt.date = Field(description="Last day the standing reports allow (inclusive).")
    date_precision: DatePrecision = Field(description="The finest precision among the reports.")
    actors: list[IncidentActor] = Field(default_factory=list)
    tolls: list[IncidentToll] = Field(
        default_factory=list, description="One current figure per casualty kind reported."
    )
    reports: list[IncidentReport] = Field(
        description="Every report merged into the incident, withdrawn ones included, "
        "in the order they arrived."
    )
    first_reported_at: AwareDatetime = Field(description="Earliest publication among reports.")
    last_reported_at: AwareDatetime = Field(description="Latest publication among reports.")
    updated_at: AwareDatetime = Field(description="When this revision was made.")
