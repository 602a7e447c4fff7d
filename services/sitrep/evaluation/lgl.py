"""Geoparsing quality on the LGL corpus (Lieberman et al. 2010), GeoNames-coded gold.

Scores finding the mentions (a predicted place span overlapping a gold span counts) and
resolving them (exact GeoNames id; within 161 km, the usual threshold in geoparsing papers;
same country), plus throughput. Gold countries are names, so they are compared through the
country's GeoNames id.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any, Protocol

from sitrep.extraction.analysis import TextAnalysis
from sitrep.extraction.geo.gazetteer import distance_km

#: 100 miles, the customary "correct" radius in geoparsing evaluations.
ACCURACY_KM = 161.0


class _Analyzer(Protocol):
    def analyze(self, text: str) -> TextAnalysis: ...


def _analyzer(analyzer_or_extractor: Any) -> _Analyzer:
    """Accept a TextAnalyzer or an Extractor (whose analyzer does the geoparsing)."""
    if hasattr(analyzer_or_extractor, "analyze"):
        return analyzer_or_extractor  # type: ignore[no-any-return]
    inner = getattr(analyzer_or_extractor, "_analyzer", None)
    if inner is None or not hasattr(inner, "analyze"):
        raise TypeError("expected a TextAnalyzer or an Extractor")
    return inner  # type: ignore[no-any-return]


def _country_ids(analyzer: Any) -> dict[str, int]:
    """alpha-2 -> country GeoNames id, from the analyzer's gazetteer when it has one."""
    gazetteer = getattr(analyzer, "gazetteer", None)
    if gazetteer is None:
        return {}
    return {
        p.country: p.geonameid
        for p in gazetteer.places
        if p.kind == "country" and p.country and p.geonameid
    }


def evaluate_lgl(
    path: str | Path, analyzer_or_extractor: Any, limit: int | None = None
) -> dict[str, Any]:
    """Run the analyzer over an LGL JSONL file and score it; see module docstring."""
    analyzer = _analyzer(analyzer_or_extractor)
    country_ids = _country_ids(analyzer)
    with open(path, encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    if limit is not None:
        rows = rows[:limit]
    gold_total = predicted_total = predicted_hit = gold_found = 0
    exact = near = same_country = 0
    words = 0
    elapsed = 0.0
    for row in rows:
        text = row["text"]
        words += len(text.split())
        started = time.perf_counter()
        analysis = analyzer.analyze(text)
        elapsed += time.perf_counter() - started
        gold = [t for t in row["toponyms"] if t.get("start") is not None]
        predicted = analysis.places
        gold_total += len(gold)
        predicted_total += len(predicted)
        predicted_hit += sum(
            any(p.evidence.start < g["end"] and g["start"] < p.evidence.end for g in gold)
            for p in predicted
        )
        for g in gold:
            overlapping = [
                p for p in predicted if p.evidence.start < g["end"] and g["start"] < p.evidence.end
            ]
            if not overlapping:
                continue
            gold_found += 1
            best = overlapping[0]
            if best.geonameid is not None and str(best.geonameid) == str(g["geonameid"]):
                exact += 1
            if (
                best.latitude is not None
                and best.longitude is not None
                and g.get("lat") is not None
                and distance_km(best.latitude, best.longitude, float(g["lat"]), float(g["lon"]))
                <= ACCURACY_KM
            ):
                near += 1
            gold_country = g.get("country_geonameid")
            if (
                best.country_code
                and gold_country is not None
                and (country_ids.get(best.country_code) == int(gold_country))
            ):
                same_country += 1
    precision = predicted_hit / predicted_total if predicted_total else 0.0
    recall = gold_found / gold_total if gold_total else 0.0
    return {
        "articles": len(rows),
        "words": words,
        "gold_mentions": gold_total,
        "predicted_mentions": predicted_total,
        "mention_precision": precision,
        "mention_recall": recall,
        "mention_f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "exact_id": exact / gold_total if gold_total else 0.0,
        "within_161km": near / gold_total if gold_total else 0.0,
        "same_country": same_country / gold_total if gold_total else 0.0,
        "exact_id_of_found": exact / gold_found if gold_found else 0.0,
        "within_161km_of_found": near / gold_found if gold_found else 0.0,
        "seconds": elapsed,
        "articles_per_s": len(rows) / elapsed if elapsed else 0.0,
        "words_per_s": words / elapsed if elapsed else 0.0,
    }


def format_lgl_table(result: dict[str, Any]) -> str:
    """A plain-text table of `evaluate_lgl`'s result, for terminals and reports."""
    rows = [
        ("articles", f"{result['articles']}"),
        ("gold mentions", f"{result['gold_mentions']}"),
        ("predicted mentions", f"{result['predicted_mentions']}"),
        ("mention precision", f"{result['mention_precision']:.3f}"),
        ("mention recall", f"{result['mention_recall']:.3f}"),
        ("mention F1", f"{result['mention_f1']:.3f}"),
        ("exact GeoNames id (of gold)", f"{result['exact_id']:.3f}"),
        ("within 161 km (of gold)", f"{result['within_161km']:.3f}"),
        ("right country (of gold)", f"{result['same_country']:.3f}"),
        ("exact id (of found)", f"{result['exact_id_of_found']:.3f}"),
        ("within 161 km (of found)", f"{result['within_161km_of_found']:.3f}"),
        ("articles/s", f"{result['articles_per_s']:.1f}"),
        ("words/s", f"{result['words_per_s']:.0f}"),
    ]
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name:<{width}}  {value:>8}" for name, value in rows)
