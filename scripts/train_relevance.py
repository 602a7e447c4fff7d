"""Train the conflict-relevance model shipped in services/sitrep/extraction/data/relevance/.

    python scripts/train_relevance.py --cep DIR [--out DIR] [--seed 13]

DIR is a checkout of the day files of Wikipedia's Current Events Portal as kept in the
public repository ianrastall/current-events-context (see data/relevance/README.md for the
commit, the licence and how each item is labelled). The script reads only the portal's own
text (`Intelligence_Payload` of each day); nothing under ../shared/eval is read here.

Steps, all seeded and single-threaded, so the same input gives the same model:
1. items: one portal bullet each; conflict = "Armed conflicts and attacks", or a protest or
   riot reported under any heading; not conflict = the other news headings;
2. split by month: one month in five is the test split, one in five validation;
3. documents: besides single items, same-day digests of several items (pure, or conflict
   items mixed with other news), so the model sees article-length texts;
4. logistic regression over `text_features` (full-batch Adam, L2, classes weighted
   equally); the L2 strength is chosen on the validation split, then the model is refitted
   on train + validation and measured once on the test split;
5. the threshold is the highest one that keeps recall >= RECALL_TARGET on the validation
   digests of conflict items (a missed conflict article loses its events; a false alarm
   only costs time, and the event-level checks still stand).

Writes model.json (weights, bias, threshold, figures) into --out.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import math
import random
import re
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "services"))

from sitrep.extraction.relevance.model import FEATURES_VERSION, text_features  # noqa: E402

DEFAULT_OUT = REPO / "services" / "sitrep" / "extraction" / "data" / "relevance"
CEP_COMMIT = "4ff6f7d243c81c1df4a919fb4280d9d7e9559bd8"

MIN_ITEM_WORDS = 8  # shorter bullets are story headings ("2016 Nice truck attack")
MIN_FEATURE_DOCS = 3
MAX_FEATURES = 50_000  # the heaviest weights are kept: a small dict is a fast dict
L2_CHOICES = (3e-6, 1e-5, 3e-5)
RECALL_TARGET = 0.97
ADAM_STEPS = 400

CONFLICT_HEADING = re.compile(r"armed (?:conflicts?|attacks?)|attacks and armed", re.I)
# The portal's other headings (and their older spellings) -> a genre name for the report.
OTHER_HEADINGS = {
    "politics and elections": "politics",
    "politics": "politics",
    "law and crime": "law and crime",
    "disasters and accidents": "disasters and accidents",
    "disasters": "disasters and accidents",
    "international relations": "international relations",
    "health and environment": "health and environment",
    "health": "health and environment",
    "health and medicine": "health and environment",
    "environment": "health and environment",
    "business and economy": "business",
    "business and economics": "business",
    "business": "business",
    "economy": "business",
    "arts and culture": "arts and culture",
    "culture": "arts and culture",
    "sports": "sports",
    "sport": "sports",
    "science and technology": "science and technology",
    "science": "science and technology",
    "technology": "science and technology",
    "religion": "religion",
}
# ACLED codes demonstrations as events, but the portal files them under politics.
PROTEST = re.compile(
    r"\b(?:protest(?:s|ers?|ing|ed)?|demonstrat(?:ion|ions|ors?)|riot(?:s|ers?|ing)?)\b", re.I
)
TRAILING_SOURCES = re.compile(r"(?:\s*\([^()]*\))+\s*$")


@dataclass(frozen=True, slots=True)
class Item:
    day: dt.date
    genre: str  # "conflict", "protest" or one of OTHER_HEADINGS' values
    text: str

    @property
    def label(self) -> int:
        return int(self.genre in ("conflict", "protest"))


@dataclass(frozen=True, slots=True)
class Doc:
    text: str
    label: int
    kind: str  # "item", "digest" or "mixed"


def read_items(cep: Path) -> tuple[list[Item], collections.Counter[str]]:
    """Every labelled bullet of the portal's day files, and counts of what was skipped."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    skipped: collections.Counter[str] = collections.Counter()
    items: list[Item] = []
    for path in sorted(cep.glob("[12][0-9][0-9][0-9]/[01][0-9]/*.yaml")):
        try:
            day_file = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506
        except yaml.YAMLError:
            skipped["unreadable day file"] += 1
            continue
        payload = day_file.get("Intelligence_Payload") if isinstance(day_file, dict) else None
        if not isinstance(payload, dict):  # re-written day files, not the portal's text
            skipped["day file without portal text"] += 1
            continue
        day = dt.date.fromisoformat(str(day_file["Date"]))
        for heading, bullets in payload.items():
            genre = _genre(str(heading))
            for bullet in bullets or []:
                text = TRAILING_SOURCES.sub("", str(bullet)).strip()
                if genre is None:
                    skipped["under no news heading"] += 1
                elif len(text.split()) < MIN_ITEM_WORDS:
                    skipped["story heading"] += 1
                else:
                    if genre != "conflict" and PROTEST.search(text):
                        genre = "protest"
                    items.append(Item(day, genre, text))
    return items, skipped


def _genre(heading: str) -> str | None:
    if CONFLICT_HEADING.search(heading):
        return "conflict"
    return OTHER_HEADINGS.get(heading.strip().lower())


def split_of(day: dt.date) -> str:
    """Whole months go to one split, so a story told over several days stays in one."""
    month = (day.year * 12 + day.month) % 5
    return {0: "test", 1: "validation"}.get(month, "train")


def documents(items: Sequence[Item], rng: random.Random) -> list[Doc]:
    """Single items, plus same-day digests: pure ones and conflict mixed with other news."""
    docs = [Doc(item.text, item.label, "item") for item in items]
    by_day: dict[dt.date, list[Item]] = collections.defaultdict(list)
    for item in items:
        by_day[item.day].append(item)
    for day in sorted(by_day):
        conflict = [item for item in by_day[day] if item.label]
        other = [item for item in by_day[day] if not item.label]
        rng.shuffle(conflict)
        rng.shuffle(other)
        for group, label in ((conflict, 1), (other, 0)):
            for chunk in _chunks(group, rng):
                docs.append(Doc(" ".join(item.text for item in chunk), label, "digest"))
        if conflict and other:
            mixed = conflict[: rng.randint(1, 4)] + other[: rng.randint(1, 4)]
            rng.shuffle(mixed)
            docs.append(Doc(" ".join(item.text for item in mixed), 1, "mixed"))
    return docs


def _chunks(group: Sequence[Item], rng: random.Random) -> Iterable[Sequence[Item]]:
    start = 0
    while len(group) - start >= 2:
        size = rng.randint(2, 12)
        yield group[start : start + size]
        start += size


@dataclass
class Matrix:
    """Rows of feature indices, each row scaled by 1/sqrt(its feature count)."""

    rows: np.ndarray  # row index of each entry
    cols: np.ndarray
    values: np.ndarray
    n_rows: int

    @classmethod
    def build(cls, docs: Sequence[Doc], vocabulary: dict[str, int]) -> Matrix:
        rows: list[int] = []
        cols: list[int] = []
        values: list[float] = []
        for index, doc in enumerate(docs):
            features = text_features(doc.text)
            if not features:
                continue
            known = sorted(vocabulary[f] for f in features if f in vocabulary)
            scale = 1.0 / math.sqrt(len(features))  # the same scaling as RelevanceModel.score
            rows.extend([index] * len(known))
            cols.extend(known)
            values.extend([scale] * len(known))
        return cls(
            np.asarray(rows, dtype=np.int64),
            np.asarray(cols, dtype=np.int64),
            np.asarray(values, dtype=np.float64),
            len(docs),
        )

    def scores(self, weights: np.ndarray, bias: float) -> np.ndarray:
        products = weights[self.cols] * self.values
        return bias + np.bincount(self.rows, weights=products, minlength=self.n_rows)


def vocabulary_of(docs: Sequence[Doc]) -> dict[str, int]:
    counts: collections.Counter[str] = collections.Counter()
    for doc in docs:
        counts.update(text_features(doc.text))
    kept = sorted(feature for feature, n in counts.items() if n >= MIN_FEATURE_DOCS)
    return {feature: index for index, feature in enumerate(kept)}


def fit(matrix: Matrix, labels: np.ndarray, n_features: int, l2: float) -> tuple[np.ndarray, float]:
    """Class-balanced logistic regression, full-batch Adam (deterministic)."""
    positives = labels.sum()
    sample_weight = np.where(labels == 1, 0.5 / positives, 0.5 / (len(labels) - positives))
    weights = np.zeros(n_features)
    bias = 0.0
    m_w, v_w = np.zeros(n_features), np.zeros(n_features)
    m_b = v_b = 0.0
    rate, beta1, beta2, eps = 0.05, 0.9, 0.999, 1e-8
    for step in range(1, ADAM_STEPS + 1):
        probabilities = 1.0 / (1.0 + np.exp(-matrix.scores(weights, bias)))
        residual = (probabilities - labels) * sample_weight
        grad_w = np.bincount(
            matrix.cols, weights=residual[matrix.rows] * matrix.values, minlength=n_features
        )
        grad_w += l2 * weights
        grad_b = residual.sum()
        m_w = beta1 * m_w + (1 - beta1) * grad_w
        v_w = beta2 * v_w + (1 - beta2) * grad_w**2
        m_b = beta1 * m_b + (1 - beta1) * grad_b
        v_b = beta2 * v_b + (1 - beta2) * grad_b**2
        correction1, correction2 = 1 - beta1**step, 1 - beta2**step
        weights -= rate * (m_w / correction1) / (np.sqrt(v_w / correction2) + eps)
        bias -= rate * (m_b / correction1) / (math.sqrt(v_b / correction2) + eps)
    return weights, bias


def pruned(weights: np.ndarray) -> np.ndarray:
    """Only the MAX_FEATURES heaviest weights; the rest become 0 (absent from the file)."""
    if len(weights) <= MAX_FEATURES:
        return weights
    # A stable sort on -|w| breaks ties by feature order, so the cut is reproducible.
    keep = np.argsort(-np.abs(weights), kind="stable")[:MAX_FEATURES]
    result = np.zeros_like(weights)
    result[keep] = weights[keep]
    return result


def log_loss(probabilities: np.ndarray, labels: np.ndarray) -> float:
    clipped = np.clip(probabilities, 1e-9, 1 - 1e-9)
    losses = -(labels * np.log(clipped) + (1 - labels) * np.log(1 - clipped))
    # Class-balanced, like the training objective.
    return float(0.5 * losses[labels == 1].mean() + 0.5 * losses[labels == 0].mean())


def threshold_for_recall(probabilities: np.ndarray, labels: np.ndarray, recall: float) -> float:
    positives = np.sort(probabilities[labels == 1])
    allowed_misses = math.floor((1 - recall) * len(positives))
    return float(positives[allowed_misses])


def figures(probabilities: np.ndarray, labels: np.ndarray, threshold: float) -> dict[str, float]:
    predicted = probabilities >= threshold
    positives, negatives = labels == 1, labels == 0
    return {
        "n_conflict": int(positives.sum()),
        "n_other": int(negatives.sum()),
        "recall": round(float(predicted[positives].mean()), 4) if positives.any() else None,
        "false_alarm_rate": round(float(predicted[negatives].mean()), 4)
        if negatives.any()
        else None,
        "accuracy": round(float((predicted == positives).mean()), 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--cep", type=Path, required=True, help="checkout of current-events-context"
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    started = time.perf_counter()
    rng = random.Random(args.seed)  # noqa: S311 - a seeded shuffle, not a secret

    items, skipped = read_items(args.cep)
    by_split: dict[str, list[Item]] = collections.defaultdict(list)
    for item in items:
        by_split[split_of(item.day)].append(item)
    docs = {split: documents(by_split[split], rng) for split in ("train", "validation", "test")}
    print(f"items: {len(items)}; skipped: {dict(skipped)}")
    for split, split_docs in docs.items():
        kinds = collections.Counter((doc.kind, doc.label) for doc in split_docs)
        print(f"{split}: {len(by_split[split])} items -> {len(split_docs)} documents {dict(kinds)}")

    vocabulary = vocabulary_of(docs["train"])
    train = Matrix.build(docs["train"], vocabulary)
    validation = Matrix.build(docs["validation"], vocabulary)
    train_labels = np.asarray([doc.label for doc in docs["train"]], dtype=np.float64)
    validation_labels = np.asarray([doc.label for doc in docs["validation"]], dtype=np.float64)
    losses = {}
    for l2 in L2_CHOICES:
        weights, bias = fit(train, train_labels, len(vocabulary), l2)
        probabilities = 1.0 / (1.0 + np.exp(-validation.scores(weights, bias)))
        losses[l2] = log_loss(probabilities, validation_labels)
        print(f"l2={l2:g}: validation log-loss {losses[l2]:.4f}")
    l2 = min(losses, key=lambda choice: losses[choice])
    weights, bias = fit(train, train_labels, len(vocabulary), l2)
    validation_p = 1.0 / (1.0 + np.exp(-validation.scores(pruned(weights), bias)))
    is_digest = np.asarray([doc.kind == "digest" for doc in docs["validation"]])
    threshold = threshold_for_recall(
        validation_p[is_digest], validation_labels[is_digest], RECALL_TARGET
    )

    # The shipped model: refitted on train + validation, same L2 and threshold.
    fitted_docs = docs["train"] + docs["validation"]
    vocabulary = vocabulary_of(fitted_docs)
    fitted = Matrix.build(fitted_docs, vocabulary)
    fitted_labels = np.asarray([doc.label for doc in fitted_docs], dtype=np.float64)
    weights, bias = fit(fitted, fitted_labels, len(vocabulary), l2)
    weights = pruned(weights)

    test = Matrix.build(docs["test"], vocabulary)
    test_labels = np.asarray([doc.label for doc in docs["test"]], dtype=np.float64)
    test_p = 1.0 / (1.0 + np.exp(-test.scores(weights, bias)))
    report: dict[str, object] = {}
    for kind in ("item", "digest", "mixed"):
        mask = np.asarray([doc.kind == kind for doc in docs["test"]])
        report[kind] = figures(test_p[mask], test_labels[mask], threshold)
    flagged: dict[str, list[bool]] = collections.defaultdict(list)
    # documents() puts the single items first, in order.
    for item, probability in zip(by_split["test"], test_p, strict=False):
        flagged[item.genre].append(bool(probability >= threshold))
    report["item_by_genre"] = {
        genre: {"n": len(marks), "flagged": round(sum(marks) / len(marks), 4)}
        for genre, marks in sorted(flagged.items())
    }
    print(json.dumps(report, indent=1))

    kept = {
        feature: round(float(weights[index]), 4)
        for feature, index in vocabulary.items()
        if weights[index] != 0.0
    }
    counts = collections.Counter(item.genre for item in items)
    model = {
        "version": f"cep-{CEP_COMMIT[:7]}-seed{args.seed}",
        "features_version": FEATURES_VERSION,
        "bias": round(bias, 4),
        "threshold": round(threshold, 4),
        "training": {
            "source": f"Wikipedia Current Events Portal via ianrastall/current-events-context@{CEP_COMMIT}",
            "licence": "CC BY-SA 4.0 (Wikipedia text)",
            "items_by_genre": dict(sorted(counts.items())),
            "items_by_split": {split: len(by_split[split]) for split in by_split},
            "skipped": dict(skipped),
            "l2": l2,
            "validation_log_loss": {str(choice): round(loss, 4) for choice, loss in losses.items()},
            "recall_target": RECALL_TARGET,
            "features_seen": len(vocabulary),
            "features_kept": len(kept),
            "test": report,
        },
        "weights": dict(sorted(kept.items())),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "model.json"
    path.write_text(json.dumps(model, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(
        f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB, {len(kept)} features, "
        f"threshold {threshold:.3f}) in {time.perf_counter() - started:.0f} s"
    )


if __name__ == "__main__":
    main()
