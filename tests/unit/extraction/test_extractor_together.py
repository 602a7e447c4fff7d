"""`Extractor.enrich_many`: several articles with one NER call, the same output as one at a
time (the worker enriches each poll's articles so)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from sitrep.extraction import Extractor
from sitrep.extraction.geo import analyzer as analyzer_module
from sitrep_contracts import Article, SubEventType

NOW = dt.datetime(2023, 5, 2, 12, tzinfo=dt.UTC)

# Written for this test: conflict reports with names and places that NER must settle,
# and other news (no NER by default), mixed as in a stream.
TEXTS = [
    "Russian forces shelled Kupiansk and Vovchansk on Monday, killing two civilians, "
    "governor Oleh Synehubov said. Warren Street in Kharkiv was hit too.",
    "The city council of Springfield approved a new budget for schools and roads on Tuesday, "
    "Mayor Karen Warren said.",
    "Militants attacked an army post near Gao in northern Mali, killing four soldiers, a "
    "spokesman for the armed forces said on Friday. Jordan Hale, a local official, confirmed.",
    "Heavy rain flooded streets in Clinton and Jackson overnight; no one was hurt.",
    "Two policemen were shot dead in Peshawar on Sunday, police said, and a bomb exploded "
    "in Quetta hours later, wounding six people.",
]


@pytest.fixture(scope="module")
def facade() -> Extractor:
    return Extractor.load()


def articles() -> list[Article]:
    return [
        Article(article_id=f"t{k}", text=text, published_at=NOW - dt.timedelta(days=1))
        for k, text in enumerate(TEXTS)
    ]


def dumped(enrichment: Any) -> list[str]:
    return [e.model_dump_json() for e in enrichment.events] + [enrichment.article.model_dump_json()]


def test_enriching_together_gives_what_one_at_a_time_gives(
    facade: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = [dumped(facade.enrich(article, now=NOW)) for article in articles()]
    calls: list[int] = []
    read = analyzer_module._ner_docs

    def counted(nlp: Any, texts: list[str]) -> Any:
        calls.append(len(texts))
        return read(nlp, texts)

    monkeypatch.setattr(analyzer_module, "_ner_docs", counted)
    together = [dumped(e) for e in facade.enrich_many(articles(), now=NOW)]
    assert together == alone
    assert len(calls) == 1, "one NER call for every article"
    assert any(len(output) > 1 for output in together), "some article yields events"
    assert any(len(output) == 1 for output in together), "some article yields none"


def test_no_articles_make_no_enrichments(facade: Extractor) -> None:
    assert facade.enrich_many([]) == []


def test_a_place_named_like_a_weapon_does_not_type_the_attack(facade: Extractor) -> None:
    text = "Militants attacked a police station in Tank district on Friday, killing three officers."
    article = Article(article_id="tank", text=text, published_at=NOW)
    (event,) = facade.enrich(article, now=NOW).events
    assert event.location is not None and event.location.text == "Tank"
    assert event.sub_event_type is not SubEventType.SHELLING_ARTILLERY_MISSILE
