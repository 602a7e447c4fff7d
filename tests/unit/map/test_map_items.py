"""Map items: the event's fields for the page, and highlight offsets into the summary."""

from __future__ import annotations

import itertools

from sitrep.map.items import event_item, highlights
from sitrep_contracts import EnrichedEvent, PlacePrecision, TextSpan
from tests.map_events import make_event


def marked(event: EnrichedEvent) -> dict[str, str]:
    """kind -> the summary characters each highlight covers (one per kind here)."""
    return {mark["kind"]: event.summary[mark["start"] : mark["end"]] for mark in highlights(event)}


def test_highlights_cover_the_spans_the_extractor_recorded() -> None:
    event = make_event("e1", place="Northbrook", actor_text="Ruritanian forces")

    assert marked(event) == {
        "number": "3 civilians were killed",
        "actor": "Ruritanian forces",
        "trigger": "shelled",
        "place": "Northbrook",
        "date": "01 May",
        "source": "regional officials",
    }


def test_every_casualty_figure_is_marked() -> None:
    event = make_event("e1", killed=3, injured=4)

    numbers = [m for m in highlights(event) if m["kind"] == "number"]

    assert [event.summary[m["start"] : m["end"]] for m in numbers] == [
        "3 civilians were killed",
        "4 injured",
    ]
    assert [m["label"] for m in numbers] == ["killed", "injured"]


def test_highlights_are_ordered_and_never_overlap() -> None:
    event = make_event("e1", injured=2)
    # An actor span inside the casualty span: the casualty figure is marked.
    inner = event.casualties[0].evidence
    actor = event.actors[0].model_copy(
        update={"evidence": TextSpan(start=inner.start + 2, end=inner.end, text=inner.text[2:])}
    )
    event = event.model_copy(update={"actors": [actor]})

    marks = highlights(event)

    assert [m["start"] for m in marks] == sorted(m["start"] for m in marks)
    assert all(a["end"] <= b["start"] for a, b in itertools.pairwise(marks))
    assert "actor" not in {m["kind"] for m in marks}
    assert event.summary[marks[0]["start"] : marks[0]["end"]] == "3 civilians were killed"


def test_a_casualty_figure_inside_an_actor_span_is_marked_as_the_figure() -> None:
    event = make_event("e1", killed=12)
    figure = event.casualties[0].evidence  # "12 civilians were killed"
    wider = TextSpan(start=figure.start, end=figure.start + 12, text=figure.text[:12])
    narrow = TextSpan(start=figure.start, end=figure.start + 2, text="12")
    actor = event.actors[0].model_copy(update={"evidence": wider})
    casualty = event.casualties[0].model_copy(update={"evidence": narrow})
    event = event.model_copy(update={"actors": [actor], "casualties": [casualty]})

    first = highlights(event)[0]

    assert (first["kind"], event.summary[first["start"] : first["end"]]) == ("number", "12")


def test_a_span_outside_the_summary_or_with_other_text_is_not_marked() -> None:
    event = make_event("e1")
    before = TextSpan(start=0, end=5, text="Kyiv,")  # earlier in the article than the summary
    place = event.location.model_copy(update={"evidence": before})  # type: ignore[union-attr]
    source = event.attributed_to[0]
    moved = source.model_copy(
        update={"evidence": source.evidence.model_copy(update={"text": "someone else"})}
    )
    event = event.model_copy(update={"location": place, "attributed_to": [moved]})

    kinds = {m["kind"] for m in highlights(event)}

    assert "place" not in kinds and "source" not in kinds
    assert "actor" in kinds


def test_offsets_count_code_points_as_the_contract_does() -> None:
    event = make_event("e1", actor_text="🇺🇦 forces")  # a flag is two code points

    (actor,) = [m for m in highlights(event) if m["kind"] == "actor"]

    assert list(event.summary)[actor["start"] : actor["end"]] == list("🇺🇦 forces")


def test_item_carries_toll_place_precision_and_sources() -> None:
    event = make_event(
        "e1", killed=7, injured=3, precision=PlacePrecision.ADMIN1, lat=48.0, lon=37.8
    )

    item = event_item(event)

    assert (item["layer"], item["id"], item["type"]) == ("events", "e1", event.event_type.value)
    assert (item["killed"], item["injured"]) == (7, 3)
    assert (item["lat"], item["lon"], item["precision"]) == (48.0, 37.8, "admin1")
    detail = item["detail"]
    assert detail["sources"] == ["regional officials"]
    assert detail["summary"] == event.summary
    assert detail["highlights"] == highlights(event)
    assert detail["casualties"][1] == {
        "kind": "injured",
        "count": 3,
        "min": 3,
        "max": None,
        "qualifier": "at_least",
        "victims": "unknown",
    }


def test_unlocated_event_has_no_coordinates() -> None:
    item = event_item(make_event("e1", lat=None, lon=None))

    assert (item["lat"], item["lon"], item["place"]) == (None, None, None)
