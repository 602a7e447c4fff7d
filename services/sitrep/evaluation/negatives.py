"""Precision on news that is not about conflict (rows with `expected_events: 0`).

Each row (GeoVirus format: `id`, `text`, optional `published_at`) becomes an `Article`;
the right output is no event at all, even where the text counts the dead of an outbreak,
an accident or a disaster. Reported:

- `articles_with_event`: share of articles that produce any event (target <= 3%);
- `articles_with_deaths`, `events_with_deaths`: the worst kind of false event;
- `events`; `relevance_label`: how the article-level relevance decision labelled them;
- `by_genre`: the share with any event per `genre`, where rows carry one (other_news);
- speed (non-conflict articles should cost a fraction of a conflict one).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from sitrep.evaluation.common import Timer, extract_all, killed_count, read_rows
from sitrep.evaluation.ucdp import format_table
from sitrep_contracts import Article

#: GeoVirus rows carry no publication time; any fixed one serves (no event is expected).
DEFAULT_PUBLISHED_AT = "2010-01-01T12:00:00+00:00"


def evaluate_negatives(
    path: str | Path, extractor: Any, limit: int | None = None
) -> dict[str, Any]:
    rows = read_rows(path, limit)
    articles = [
        Article(
            article_id=str(row["id"]),
            text=row["text"],
            published_at=row.get("published_at") or DEFAULT_PUBLISHED_AT,
            language="en",
        )
        for row in rows
    ]
    timer = Timer()
    tally: Counter[str] = Counter()
    labels: Counter[str] = Counter()
    genres: Counter[str] = Counter()
    genres_fired: Counter[str] = Counter()
    for item in extract_all(extractor, rows, articles, timer):
        tally["articles"] += 1
        tally["events"] += len(item.events)
        tally["with_event"] += bool(item.events)
        deadly = sum(killed_count(event) > 0 for event in item.events)
        tally["events_with_deaths"] += deadly
        tally["with_deaths"] += deadly > 0
        if "genre" in item.row:
            genres[item.row["genre"]] += 1
            genres_fired[item.row["genre"]] += bool(item.events)
        relevance = getattr(item.enrichment, "relevance", None)
        if relevance is not None:
            labels[str(relevance.label)] += 1
    n = max(tally["articles"], 1)
    return {
        "negatives": {
            "articles": tally["articles"],
            "events": tally["events"],
            "articles_with_event": tally["with_event"] / n,
            "articles_with_deaths": tally["with_deaths"] / n,
            "events_with_deaths": tally["events_with_deaths"],
        },
        "relevance_label": dict(labels),
        "by_genre": {g: round(genres_fired[g] / genres[g], 3) for g in sorted(genres)},
        "speed": {"articles_per_second": timer.per_second, "ms_per_article": timer.ms_per_article},
    }


def format_negatives_table(result: dict[str, Any]) -> str:
    section = result["negatives"]
    lines = format_table("Non-conflict news (no event expected)", section, ("articles",))
    if result["relevance_label"]:
        shown = ", ".join(f"{k} {v}" for k, v in sorted(result["relevance_label"].items()))
        lines.append(f"{'relevance labels':<32}{shown}")
    if result.get("by_genre"):
        shown = ", ".join(f"{k} {v:.2f}" for k, v in result["by_genre"].items())
        lines.append(f"{'with event, by genre':<32}{shown}")
    speed = result["speed"]
    lines += [
        f"{'articles_per_second':<32}{speed['articles_per_second']:10.1f}",
        f"{'ms_per_article':<32}{speed['ms_per_article']:10.1f}",
    ]
    return "\n".join(lines)
