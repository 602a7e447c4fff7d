"""What the router sends the incident book, on the stage's internal repartition topic."""

from __future__ import annotations

from pydantic import BaseModel, model_validator

from sitrep.incidents.facts import ReportFacts


class Withdrawal(BaseModel):
    """An article's newer revision (at `article_sequence`) no longer has this event."""

    event_id: str
    article_sequence: int | None = None


class Routed(BaseModel):
    """A new report, or the withdrawal of one."""

    report: ReportFacts | None = None
    withdrawal: Withdrawal | None = None

    @model_validator(mode="after")
    def _one_of(self) -> Routed:
        if (self.report is None) == (self.withdrawal is None):
            raise ValueError("a routed message is a report or a withdrawal, not both")
        return self
