"""P(conflict) for a news text from a linear model over word and word-pair features.

Pure Python and one pass over the text, so that deciding an article is not about conflict
costs far less than extracting from it. The weights are learned at build time by
`scripts/train_relevance.py`, which calls `text_features` too: training and run time
cannot drift apart.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from itertools import pairwise, repeat
from pathlib import Path
from typing import Any

MODEL_FILE = "model.json"
# Bumped whenever text_features changes: a model trained on other features is refused.
FEATURES_VERSION = 1

# Letters only: numbers, punctuation and accents carry little topic and cost time. An
# ASCII class is about twice as fast as a Unicode one on a 700-word article.
_WORD = re.compile(r"[a-z]+")


def text_features(text: str) -> set[str]:
    """The distinct lower-cased words and adjacent word pairs of a text."""
    words = _WORD.findall(text.lower())
    features = set(words)
    features.update(map(" ".join, pairwise(words)))
    return features


def shipped_model_file() -> Traversable:
    return resources.files("sitrep.extraction") / "data" / "relevance" / MODEL_FILE


@dataclass(frozen=True, slots=True)
class RelevanceModel:
    """Weights of a logistic regression over `text_features`, scaled by 1/sqrt(count).

    Load once per process (`RelevanceModel.load()`, about 0.1 s) and share.
    """

    weights: dict[str, float]
    bias: float
    threshold: float
    version: str

    @classmethod
    def load(cls, path: Path | Traversable | None = None) -> RelevanceModel:
        """The model at `path`, by default the one shipped in the package."""
        source = path or shipped_model_file()
        return cls.from_dict(json.loads(source.read_text(encoding="utf-8")))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RelevanceModel:
        if data.get("features_version") != FEATURES_VERSION:
            raise ValueError(
                f"relevance model has features_version {data.get('features_version')!r}, "
                f"this code reads {FEATURES_VERSION}: rebuild it with scripts/train_relevance.py"
            )
        return cls(
            weights={str(name): float(weight) for name, weight in data["weights"].items()},
            bias=float(data["bias"]),
            threshold=float(data["threshold"]),
            version=str(data["version"]),
        )

    def score(self, text: str) -> float:
        """The log-odds that `text` reports conflict (political violence, protest...)."""
        features = text_features(text)
        if not features:
            return self.bias
        total = sum(map(self.weights.get, features, repeat(0.0)))
        return self.bias + total / math.sqrt(len(features))

    def probability(self, text: str) -> float:
        """P(conflict) for `text`, in [0, 1]."""
        score = self.score(text)
        if score < -30.0:  # P < 1e-13; exp(-score) would overflow below about -709
            return 0.0
        return 1.0 / (1.0 + math.exp(-score))

    def is_conflict(self, text: str) -> bool:
        """Whether P(conflict) reaches the threshold chosen at training time."""
        return self.probability(text) >= self.threshold
