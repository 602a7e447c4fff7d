"""Invented reports of the genres a general news wire carries, told in the words of war
(benchmarks/data/other_news_probes): none is conflict news, so none may yield an event."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sitrep.extraction import Extractor
from sitrep.extraction.events import EventExtractor
from sitrep.extraction.geo import TextAnalyzer
from sitrep.extraction.relevance import RelevanceGate
from sitrep_contracts import Article

PROBES = (
    Path(__file__).resolve().parents[3]
    / "benchmarks"
    / "data"
    / "other_news_probes"
    / "other-news-probes.jsonl"
)
ROWS = [json.loads(line) for line in PROBES.read_text(encoding="utf-8").splitlines()]
#: Probes that still yield an event, and why no general rule was found (strict: the test
#: fails once one of them stops firing, so that it leaves this list).
STILL_FIRING = {
    "probe-6-army-cuts-review": (
        "a ministry 'winning a battle it should have lost', said of the Treasury in a "
        "sentence that names a general: no rule tells it from a battle won"
    ),
    "probe-6-grand-national-protest": (
        "police arresting 118 animal-rights protesters at a race is a demonstration ACLED "
        "codes, told in a sport report that the held-back measure counts as other news"
    ),
    "probe-7-conference-heckler-ejected": (
        "2,000 anti-war protesters marching outside a party conference are a demonstration "
        "ACLED codes, told in a politics report"
    ),
    "probe-8-stormont-restored": (
        "victims' relatives holding placards outside the assembly on the day power-sharing "
        "returned are a demonstration ACLED codes, told in a politics report"
    ),
    "probe-9-foreign-secretary-beirut-pledge": (
        "a past war's toll ('left more than 1,000 Lebanese dead') in a minister's visit: "
        "its lead names the war and no other-news word"
    ),
    "probe-12-bishop-nigeria-visit": (
        "gunmen killing forty villagers 'in April', told by a visiting bishop: a real "
        "attack in passing, in a religion report whose lead speaks of the dead and of no "
        "other news"
    ),
    "probe-12-treasury-sanctions-mali-gold": (
        "a massacre of a year before, told as a UN report's findings beside sanctions; the "
        "model is sure (0.93) and Wagner's 'deployment' reads as a strategic development"
    ),
}


@pytest.fixture(scope="module")
def pipeline(analyzer: TextAnalyzer, extractor: EventExtractor) -> Extractor:
    return Extractor(analyzer, extractor, RelevanceGate.load())


@pytest.mark.parametrize(
    "row",
    [
        pytest.param(
            row,
            id=row["id"],
            marks=(
                [pytest.mark.xfail(strict=True, reason=STILL_FIRING[row["id"]])]
                if row["id"] in STILL_FIRING
                else []
            ),
        )
        for row in ROWS
    ],
)
def test_an_invented_report_of_other_news_yields_no_event(
    pipeline: Extractor, row: dict[str, Any]
) -> None:
    article = Article(article_id=row["id"], text=row["text"], published_at=row["published_at"])
    assert pipeline.enrich(article).events == []
