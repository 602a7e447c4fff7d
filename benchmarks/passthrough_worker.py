"""The real worker (sitrep.enricher.worker.run_worker) with a no-op extractor.

Run by benchmarks/transport.py as a child process, configured like `sitrep worker` through
SITREP_* variables. Every article yields its ArticleEnrichment and no events, so what is
measured is the worker's own loop: poll -> decode -> handler -> produce -> wait for every
acknowledgement -> commit (services/sitrep/streaming/loop.py), i.e. the transport alone.
"""

from __future__ import annotations

import datetime as dt

from sitrep.enricher.worker import run_worker
from sitrep.extraction.extractor import Enrichment
from sitrep.extraction.revision import article_revision
from sitrep.settings import Settings
from sitrep_contracts import Article, ArticleEnrichment, ExtractorInfo


class NoOpExtractor:
    """Satisfies `sitrep.enricher.isolation.Enricher`; finds nothing, instantly."""

    info = ExtractorInfo(name="benchmark-noop", version="0")

    def enrich(self, article: Article, *, now: dt.datetime | None = None) -> Enrichment:
        enrichment = ArticleEnrichment(
            article_id=article.article_id,
            article_revision=article_revision(article),
            published_at=article.published_at,
            language=article.language,
            extractor=self.info,
            extracted_at=now or dt.datetime.now(dt.UTC),
        )
        return Enrichment(events=[], article=enrichment)


def main() -> None:
    run_worker(Settings(), extractor=NoOpExtractor())


if __name__ == "__main__":
    main()
