"""The extraction library: article text in, events and resolved places out.

`Extractor.load()` builds it once per process; the worker and `sitrep extract` call the
same `Extractor.enrich()`.
"""

from sitrep.extraction.extractor import Enrichment, Extractor

__all__ = ["Enrichment", "Extractor"]
