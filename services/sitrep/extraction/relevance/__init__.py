"""Is an article about conflict? The relevance stage in front of event extraction.

`RelevanceGate` decides, with its evidence: a cue lexicon (`gate.py`) and `RelevanceModel`,
the learned signal: P(conflict) from a small linear model trained at build time
(`scripts/train_relevance.py`) and shipped under `data/relevance/`.
"""

from sitrep.extraction.relevance.gate import RelevanceGate
from sitrep.extraction.relevance.model import RelevanceModel, text_features

__all__ = ["RelevanceGate", "RelevanceModel", "text_features"]
