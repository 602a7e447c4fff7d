"""Which events a consumer wants, decided on the typed event alone (no broker needed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict, Field, field_validator

from sitrep_contracts import CasualtyKind, EnrichedEvent, EventType, VictimType


def casualty_total(event: EnrichedEvent, kind: CasualtyKind) -> int:
    """Best total of one kind of casualty ("killed") reported for the event.

    Figures for different victim groups (civilians, military) add up. Several figures for
    the same group are alternative reports of one number (two sources, or a revision), so
    the largest counts. A figure with unspecified victims is a total that may include the
    typed ones ("12 killed, including 5 civilians"), so the result is the larger of it and
    the typed sum. A figure without a best count falls back to its lower bound.
    """
    largest: dict[VictimType, int] = {}
    for casualty in event.casualties:
        if casualty.kind != kind:
            continue
        figure = casualty.count if casualty.count is not None else (casualty.min or 0)
        largest[casualty.victim_type] = max(largest.get(casualty.victim_type, 0), figure)
    typed = sum(count for victim, count in largest.items() if victim is not VictimType.UNKNOWN)
    return max(typed, largest.get(VictimType.UNKNOWN, 0))


class EventFilter(BaseModel):
    """Conditions an event must all meet; a condition left at None accepts every event."""

    model_config = ConfigDict(frozen=True)

    event_types: frozenset[EventType] | None = Field(
        default=None, description="Accept only these ACLED event types."
    )
    country_codes: frozenset[str] | None = Field(
        default=None,
        description="ISO 3166-1 alpha-2 codes of the event's location; events without a "
        "located country are rejected when this is set.",
    )
    min_killed: int | None = Field(default=None, ge=0, description="At least this many killed.")
    min_casualties: int | None = Field(
        default=None, ge=0, description="At least this many killed and injured together."
    )
    since: dt.date | None = Field(default=None, description="Occurred on or after this day.")
    until: dt.date | None = Field(default=None, description="Occurred on or before this day.")

    @field_validator("country_codes", mode="before")
    @classmethod
    def _upper_codes(cls, value: Iterable[str] | None) -> frozenset[str] | None:
        if value is None:
            return None
        if isinstance(value, str):  # a lone "UA" would otherwise become {"U", "A"}
            value = [value]
        return frozenset(code.strip().upper() for code in value)

    @field_validator("event_types", mode="before")
    @classmethod
    def _one_or_many_types(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

    def matches(self, event: EnrichedEvent) -> bool:
        """Whether `event` meets every condition set on this filter."""
        if self.event_types is not None and event.event_type not in self.event_types:
            return False
        if self.country_codes is not None:
            country = event.location.country_code if event.location else None
            if country is None or country.upper() not in self.country_codes:
                return False
        day = event.occurred_on.date
        if self.since is not None and day < self.since:
            return False
        if self.until is not None and day > self.until:
            return False
        killed = casualty_total(event, CasualtyKind.KILLED)
        if self.min_killed is not None and killed < self.min_killed:
            return False
        if self.min_casualties is not None:
            injured = casualty_total(event, CasualtyKind.INJURED)
            if killed + injured < self.min_casualties:
                return False
        return True


#: Accepts every event.
ALL_EVENTS = EventFilter()
