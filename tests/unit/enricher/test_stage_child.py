"""A poll through the real extraction process (no broker): a group that fails or runs
out of its budget is done again one article at a time, so only the bad article fails."""

from __future__ import annotations

import datetime as dt
import gc
import time

from sitrep.enricher.isolation import ChildProcessExtraction
from sitrep.enricher.stage import ArticleStage
from sitrep.extraction.extractor import Enrichment
from sitrep.observability.metrics import WorkerMetrics
from sitrep.settings import Settings
from sitrep_contracts import Article
from tests.unit.enricher.test_stage import TogetherToo, message, poll


class SlowOn(TogetherToo):
    """Takes `seconds` over an article holding `slow_on` (picklable: the child gets it)."""

    def __init__(self, slow_on: str, seconds: float) -> None:
        super().__init__()
        self.slow_on = slow_on
        self.seconds = seconds

    def enrich(self, article: Article, *, now: dt.datetime | None = None) -> Enrichment:
        if self.slow_on in article.text:
            time.sleep(self.seconds)
        return super().enrich(article, now=now)


def a_poll() -> list:
    return [
        message("Fighting in Izium.", offset=0, article_id="a1"),
        message("Shelling in Kharkiv.", offset=1, article_id="a2"),
        message("Protest in Lviv.", offset=2, article_id="a3"),
    ]


async def run_poll(extractor: TogetherToo, timeout_s: float) -> list:
    settings = Settings(kafka_bootstrap_servers="unused:9092", extraction_timeout_s=timeout_s)
    extraction = ChildProcessExtraction(settings, extractor)
    try:
        await extraction.start(60)
        stage = ArticleStage(extraction, WorkerMetrics())
        return await poll(stage, a_poll(), stage.open_partition(0))
    finally:
        extraction.close()


async def test_an_extraction_error_in_a_group_fails_only_its_article() -> None:
    outcomes = await run_poll(TogetherToo(fail_on="Kharkiv"), timeout_s=30)
    assert outcomes[1] == "extraction_error"
    assert outcomes[0]
    assert outcomes[2]


async def test_a_group_over_its_budget_is_done_again_one_at_a_time() -> None:
    # Each article alone is within 3 s; the slow one is not, and the group with it is not.
    outcomes = await run_poll(SlowOn("Kharkiv", seconds=5), timeout_s=3)
    assert outcomes[1] == "extraction_timeout"
    assert outcomes[0]
    assert outcomes[2]


def test_the_child_collects_its_first_generation_less_often() -> None:
    from sitrep.enricher import isolation

    default = gc.get_threshold()
    try:
        isolation._child_start(Settings(kafka_bootstrap_servers="unused:9092"), TogetherToo())
        assert gc.get_threshold()[0] == isolation.CHILD_GC_THRESHOLD > default[0]
    finally:
        isolation._CHILD = None
        gc.set_threshold(*default)
