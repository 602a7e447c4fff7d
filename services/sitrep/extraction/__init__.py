"""The extraction library: article text in, events and resolved places out.

`Extractor.load()` builds it once per process; the worker and `sitrep extract` call the
same `Extractor.enrich()`.
"""

from sitrep.extraction import compiled

compiled.guard()  # before any compiled module is imported: stale ones load from source

from sitrep.extraction.extractor import Enrichment, Extractor  # noqa: E402

__all__ = ["Enrichment", "Extractor"]
