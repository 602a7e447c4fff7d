"""What the router sends the incident book, on the stage's internal repartition topic."""

from __future__ import annotations

from pydantic import BaseModel, model_validator

from sitrep.incidents.facts import ReportFacts


class Routed(BaseModel):
    """A new report, or the withdrawal of one (its article's new revision dropped it)."""

    report: ReportFacts | None = None
    withdraw_event_id: str | None = None

    @model_validator(mode="after")
    def _one_of(self) -> Routed:
        if (self.report is None) == (self.withdraw_event_id is None):
            raise ValueError("a routed message is a report or a withdrawal, not both")
        return self
