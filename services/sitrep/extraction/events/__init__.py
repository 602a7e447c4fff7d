"""Event extraction: who did what to whom, how many were hurt, when, where, says who.

`EventExtractor.load()` compiles the dictionaries under `sitrep/extraction/data/events/`
once; `extract(article, analysis, ...)` turns one article and its `TextAnalysis` into
`EnrichedEvent`s.
"""

from sitrep.extraction.events.extractor import EventExtractor

__all__ = ["EventExtractor"]
