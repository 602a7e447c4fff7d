"""Counts of deterministic units of work, printed as JSON (test_linear_work.py runs this).

    python tests/unit/extraction/work_counts.py < texts.json

Reads {name: text} on stdin; prints each text's counts (resolver scorings, containment
checks, place scorings), places and events, and which modules ran compiled (none: this
child loads every compiled extraction module from its source, the same code; compiled
callers call `Resolver._scores`, `resolve._inside` and `location.score_place` natively,
so patching them there would count nothing).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

COMPILED = Path(__file__).resolve().parents[3] / "services/sitrep/extraction/compiled.py"
PUBLISHED = dt.datetime(2022, 9, 9, 12, tzinfo=dt.UTC)


def _load_from_sources() -> None:
    """`compiled.load_from_sources()`, before `sitrep.extraction` (which imports the
    compiled modules) is imported."""
    spec = importlib.util.spec_from_file_location("_sitrep_compiled", COMPILED)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.load_from_sources()


def _counting(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str) -> list[int]:
    calls = [0]
    original: Callable[..., Any] = getattr(owner, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, wrapper)
    return calls


def main() -> None:
    _load_from_sources()
    from sitrep.extraction import compiled
    from sitrep.extraction.events import EventExtractor, location
    from sitrep.extraction.geo import TextAnalyzer, resolve
    from sitrep_contracts import Article, ExtractorInfo

    analyzer = TextAnalyzer.load(ner="off")
    events = EventExtractor.load()
    counts: dict[str, Any] = {}
    for name, text in json.load(sys.stdin).items():
        with pytest.MonkeyPatch.context() as mp:
            scorings = _counting(mp, resolve.Resolver, "_scores")
            inside = _counting(mp, resolve, "_inside")
            placed = _counting(mp, location, "score_place")
            analysis = analyzer.analyze(text)
            scorings_in_analysis = scorings[0]
            article = Article(article_id="linear", text=text, published_at=PUBLISHED, source="t")
            found = events.extract(
                article,
                analysis,
                revision="r",
                extractor=ExtractorInfo(version="test"),
                extracted_at=PUBLISHED,
            )
        counts[name] = {
            "counts": [scorings[0], inside[0], placed[0]],
            "scorings_in_analysis": scorings_in_analysis,
            "places": len(analysis.places),
            "events": len(found),
        }
    json.dump({"running_compiled": compiled.running_compiled(), "texts": counts}, sys.stdout)


if __name__ == "__main__":
    main()
