"""Text analysis and geoparsing: sentences, entities and places resolved to GeoNames.

`TextAnalyzer.load()` builds everything once per process; importing this package loads
nothing.
"""

from sitrep.extraction.geo.analyzer import TextAnalyzer, analyze_together

__all__ = ["TextAnalyzer", "analyze_together"]
