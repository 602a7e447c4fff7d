"""One event per place: a report of one act at several places ("airstrikes on the deserts of
X, Y and Z") is as many events, as ACLED codes one event per place, day and actor pair.

The places are those listed together with the event's place in the sentence that reports
it ("X, Y and Z", "X and Y"; "X, Y" alone is a place and its container); each copy keeps
the report's type, date, actors and evidence, takes one place, and an id told apart by
that place. A toll given for all of them is split evenly among them, as ACLED splits a
total between the events it codes; what does not divide goes one each to the first places,
so the copies still add up to the total told.
"""

from __future__ import annotations

import re

from sitrep.extraction.events.identity import event_id
from sitrep_contracts import Casualty, EnrichedEvent, ResolvedPlace

#: What may stand between two places of one list: ", ", " and ", ", and ", " & ".
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s*|as well as\s+)(?:the\s+)?")
#: Lists longer than this are an enumeration of a region's places, not one act's targets.
MAX_PLACES = 6


def listed_places(
    candidates: list[ResolvedPlace], folded: str, chosen: ResolvedPlace
) -> list[ResolvedPlace]:
    """The places listed with `chosen` in text order (`chosen` among them), or [] when it
    stands alone. Places of one list share a precision, so "Bakhmut, Donetsk" (a town and
    its region) is no list."""
    runs: list[list[ResolvedPlace]] = []
    for place in candidates:  # runs of places joined by list separators only
        if runs and _LIST_GAP.fullmatch(folded, runs[-1][-1].evidence.end, place.evidence.start):
            runs[-1].append(place)
        else:
            runs.append([place])
    run = next((r for r in runs if any(p.evidence.start == chosen.evidence.start for p in r)), [])
    distinct = {(p.geonameid, p.name) for p in run}
    if len(distinct) < 2 or len(run) > MAX_PLACES or len({p.precision for p in run}) > 1:
        return []
    if len(run) == 2 and folded[run[0].evidence.end : run[1].evidence.start].strip() == ",":
        return []  # "Barangay Lisna, Dubrava": a place and the town it lies in, not a list
    if len(run) == 2 and folded.endswith("between ", 0, run[0].evidence.start):
        return []  # "on the road between Lisna and Dubrava": one place, between the two
    return run


def split_by_place(
    event: EnrichedEvent, places: list[ResolvedPlace], anchor: tuple[int, int], *, divide: bool
) -> list[EnrichedEvent]:
    """One copy of `event` per place (see module docstring); `divide=False` keeps each
    copy's toll whole (a coder note has already said each place's share)."""
    share = len(places) if divide else 1
    out = []
    for index, place in enumerate(places):
        update = {
            "location": place,
            "event_id": event_id(
                event.article_id,
                event.article_revision,
                event.event_type.value,
                anchor[0],
                anchor[1],
                place_start=place.evidence.start,
            ),
            "casualties": [_split(c, share, index) for c in event.casualties],
        }
        out.append(event.model_copy(update=update))
    return out


def _split(casualty: Casualty, share: int, index: int) -> Casualty:
    """The `index`-th of `share` parts: 5 over 2 places is 3 and 2."""

    def part(value: int | None) -> int | None:
        return None if value is None else value // share + (index < value % share)

    return casualty.model_copy(
        update={"count": part(casualty.count), "min": part(casualty.min), "max": part(casualty.max)}
    )
