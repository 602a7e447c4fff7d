"""The real worker (faust app from sitrep.enricher.app) with a no-op extractor.

Run by benchmarks/transport.py as a child process, configured like `sitrep worker` through
SITREP_* variables. Every article yields its ArticleEnrichment and no events, so what is
measured is decode -> handler -> produce -> acknowledge -> commit: the transport alone.

BENCH_FETCH_MAX_WAIT_MS=<ms> overrides the consumer's fetch wait (see `patch_fetch_wait`).
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from sitrep_contracts import Article, ArticleEnrichment, ExtractorInfo

from sitrep.enricher.worker import run_worker
from sitrep.extraction.extractor import Enrichment
from sitrep.extraction.revision import article_revision
from sitrep.settings import Settings


class NoOpExtractor:
    """Satisfies `sitrep.enricher.handler.Enricher`; finds nothing, instantly."""

    info = ExtractorInfo(name="benchmark-noop", version="0")

    def enrich(self, article: Article, *, now: dt.datetime | None = None) -> Enrichment:
        enrichment = ArticleEnrichment(
            article_id=article.article_id,
            article_revision=article_revision(article.text),
            published_at=article.published_at,
            language=article.language,
            extractor=self.info,
            extracted_at=now or dt.datetime.now(dt.UTC),
        )
        return Enrichment(events=[], article=enrichment)


def patch_fetch_wait(milliseconds: int) -> None:
    """faust's aiokafka driver hard-codes `fetch_max_wait_ms=1500`; override it in this
    process only (a what-if for transport.py, never used by `sitrep worker`)."""
    import aiokafka

    original = aiokafka.AIOKafkaConsumer

    class Consumer(original):  # type: ignore[misc,valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["fetch_max_wait_ms"] = milliseconds
            super().__init__(*args, **kwargs)

    aiokafka.AIOKafkaConsumer = Consumer  # type: ignore[misc]


def main() -> None:
    # Benchmark-only knob, read here rather than in Settings: it is not a Sitrep setting.
    fetch_wait = os.environ.get("BENCH_FETCH_MAX_WAIT_MS")
    if fetch_wait:
        patch_fetch_wait(int(fetch_wait))
    run_worker(Settings(), extractor=NoOpExtractor())


if __name__ == "__main__":
    main()
