"""Is an article about conflict? The relevance stage in front of event extraction.

`RelevanceModel` is the learned signal: P(conflict) from a small linear model trained at
build time (`scripts/train_relevance.py`) and shipped under `data/relevance/`.
"""

from sitrep.extraction.relevance.model import RelevanceModel, text_features

__all__ = ["RelevanceModel", "text_features"]
