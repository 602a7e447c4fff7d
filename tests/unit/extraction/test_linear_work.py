"""Extraction work grows linearly with the text: counted, not timed.

A 1 MB article (the worker's limit) once took over a minute because several steps
compared every place mention with every other (resolver scoring, choosing an event's
place, entity/mention overlap checks). Wall-clock bounds are flaky on a loaded CI
machine, so these tests count deterministic units of work (candidate scorings, event
place scorings) on a text and on the same text four times over: linear work grows about
4x, quadratic work 16x.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from sitrep.extraction.events import EventExtractor, location
from sitrep.extraction.events.spans import ByStart, Intervals
from sitrep.extraction.geo import TextAnalyzer, resolve
from sitrep_contracts import Article, ExtractorInfo

PUBLISHED = dt.datetime(2022, 9, 9, 12, tzinfo=dt.UTC)
# A paragraph dense in places, containment pairs, repetitions, actors and events.
PARAGRAPH = (
    "Russian shelling killed three civilians in Kharkiv, Kharkiv Oblast, on Friday, "
    "officials said. Ukrainian forces recaptured Balakliia and advanced towards Kupiansk "
    "and Izium, according to the General Staff. Explosions were heard near Donetsk and in "
    "Kyiv, Ukraine, where police said two people were wounded.\n"
)


@pytest.fixture(scope="module")
def analyzer() -> TextAnalyzer:
    return TextAnalyzer.load(ner="off")


@pytest.fixture(scope="module")
def events() -> EventExtractor:
    return EventExtractor.load()


def _counting(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str) -> list[int]:
    calls = [0]
    original: Callable[..., Any] = getattr(owner, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, wrapper)
    return calls


def _work(analyzer: TextAnalyzer, events: EventExtractor, text: str) -> Iterator[int]:
    with pytest.MonkeyPatch.context() as mp:
        scorings = _counting(mp, resolve.Resolver, "_scores")
        inside = _counting(mp, resolve, "_inside")
        placed = _counting(mp, location, "score_place")
        analysis = analyzer.analyze(text)
        article = Article(article_id="linear", text=text, published_at=PUBLISHED, source="t")
        found = events.extract(
            article,
            analysis,
            revision="r",
            extractor=ExtractorInfo(version="test"),
            extracted_at=PUBLISHED,
        )
        assert analysis.places and found
        yield from (scorings[0], inside[0], placed[0])


@pytest.mark.parametrize(
    "paragraph", [PARAGRAPH, PARAGRAPH.replace("\n", " ")], ids=["paragraphs", "one-line"]
)
def test_work_per_article_is_linear_in_its_length(
    analyzer: TextAnalyzer, events: EventExtractor, paragraph: str
) -> None:
    small = list(_work(analyzer, events, paragraph * 50))
    large = list(_work(analyzer, events, paragraph * 200))
    for name, a, b in zip(
        ("resolver scorings", "containment checks", "place scorings"), small, large, strict=True
    ):
        # Linear: 4x the text, at most ~4x the work (quadratic would be 16x).
        assert b <= 4.5 * max(a, 1), f"{name}: {a} -> {b}"


def test_repeated_names_are_scored_once_per_pass(
    analyzer: TextAnalyzer, events: EventExtractor
) -> None:
    """ "Kyiv" a thousand times is one reading, resolved once per pass, not per mention."""
    with pytest.MonkeyPatch.context() as mp:
        scorings = _counting(mp, resolve.Resolver, "_scores")
        analysis = analyzer.analyze("Shelling hit Kyiv. " * 1000)
    assert len(analysis.places) == 1000
    assert scorings[0] <= 3 * 2


def test_offset_indexes_agree_with_scans() -> None:
    spans = [(0, 5), (3, 4), (10, 30), (12, 14), (40, 41)]
    index = Intervals(spans)
    for lo in range(-2, 45):
        for hi in range(lo, lo + 6):
            assert index.overlaps(lo, hi) == any(s < hi and lo < e for s, e in spans)
            assert index.covers(lo, hi) == any(s <= lo and hi <= e for s, e in spans)
        assert index.holds(lo) == any(s <= lo < e for s, e in spans)

    class Item:
        def __init__(self, start: int) -> None:
            self.start = start

    items = [Item(s) for s in (5, 1, 9, 1, 3)]  # not in offset order: order is kept
    by_start = ByStart(items)
    for lo in range(0, 11):
        for hi in range(lo, 12):
            assert by_start.within(lo, hi) == [i for i in items if lo <= i.start < hi]
