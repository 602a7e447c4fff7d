"""The enrichment worker: articles topic in; events, enrichments and dead letters out."""
