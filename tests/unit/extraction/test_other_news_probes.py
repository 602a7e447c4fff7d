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


@pytest.fixture(scope="module")
def pipeline(analyzer: TextAnalyzer, extractor: EventExtractor) -> Extractor:
    return Extractor(analyzer, extractor, RelevanceGate.load())


@pytest.mark.parametrize("row", ROWS, ids=[row["id"] for row in ROWS])
def test_an_invented_report_of_other_news_yields_no_event(
    pipeline: Extractor, row: dict[str, Any]
) -> None:
    article = Article(article_id=row["id"], text=row["text"], published_at=row["published_at"])
    assert pipeline.enrich(article).events == []
