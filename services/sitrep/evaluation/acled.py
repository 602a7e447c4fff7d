"""Event extraction quality on ACLED-coded events (one short event description per row).

Each row becomes an `Article` (article_id=id, text, published_at); `Extractor.enrich` runs
on it and the primary event (the first one reported) is compared with ACLED's coding:

- killed: exact match of the killed count on rows where ACLED codes deaths, and the share
  of zero-death rows where a death was invented;
- location: within 25 km of ACLED's coordinates, same first-level region (names
  normalised: transliteration variants, "oblast"), same country;
- event type, sub-event type, and actor1 type (ACLED's actor1 name mapped to ActorType;
  when the name is unknown, the first digit of ACLED's interaction code);
- the interaction code built from the predicted actor1 and actor2 (ACLED's two digits,
  lower first, 0 when there is no second actor) against ACLED's: this sample holds one row
  per event with either side as `actor1` (the target side about as often as the acting
  one), so the pair is the fairer test of actor typing;
- throughput of the whole `enrich` call.

ACLED's conventions make some rows unmatchable (tolls split across events, "unspecified
fatalities coded as 10"), so no extractor reaches 1.0 on killed.
"""

from __future__ import annotations

import json
import re
import time
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

from sitrep.evaluation.common import killed_count
from sitrep.extraction.geo.gazetteer import distance_km
from sitrep_contracts import Article, EnrichedEvent

#: Radius within which a predicted location counts as ACLED's.
NEAR_KM = 25.0

_INTER_TYPES = {
    1: "military",
    2: "rebels",
    3: "political_militia",
    4: "identity_militia",
    5: "rioters",
    6: "protesters",
    7: "civilians",
    8: "other",
}
_ACTOR_PREFIXES = (
    ("military forces", "military"),
    ("unidentified military", "military"),
    ("police forces", "police"),
    ("naf", "rebels"),
    ("civilians", "civilians"),
    ("protesters", "protesters"),
    ("rioters", "rioters"),
    ("government", "government"),
)


def normalise_region(name: str) -> str:
    """'Zaporizhzhya' / 'Zaporizhia', 'Kirovohradska oblast' / 'Kirovograd' compare equal-ish."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"\b(oblast|region|province|city|municipality)\b", " ", text)
    text = re.sub(r"[^a-z]", "", text)
    for old, new in (("kh", "h"), ("zh", "z"), ("g", "h"), ("y", "i"), ("j", "i")):
        text = text.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", text)


def same_region(predicted: str | None, gold: str | None) -> bool:
    if not predicted or not gold:
        return False
    a, b = normalise_region(predicted), normalise_region(gold)
    if not a or not b:
        return False
    return a.startswith(b) or b.startswith(a) or (a[:6] == b[:6] and len(min(a, b)) >= 6)


def gold_actor_type(gold: dict[str, Any]) -> str | None:
    name = (gold.get("actor1") or "").lower()
    for prefix, actor_type in _ACTOR_PREFIXES:
        if name.startswith(prefix):
            return actor_type
    code = gold.get("interaction")
    if isinstance(code, int) and code > 0:
        return _INTER_TYPES.get(int(str(code)[0]))
    return None


def predicted_interaction(event: EnrichedEvent) -> str:
    """ACLED's interaction code from the event's actor1 and actor2 ('18', '78', '80')."""
    codes = [
        next((a.acled_inter or 0 for a in event.actors if a.role.value == role), 0)
        for role in ("actor1", "actor2")
    ]
    if not codes[0]:
        return ""
    first, second = sorted(codes) if codes[1] else (codes[0], 0)
    return f"{first}{second}"


def primary_event(events: list[EnrichedEvent]) -> EnrichedEvent | None:
    """The first event reported: ACLED's notes lead with the coded event."""
    return events[0] if events else None


def evaluate_acled(path: str | Path, extractor: Any, limit: int | None = None) -> dict[str, Any]:
    """Run `extractor.enrich` over an ACLED JSONL file and score it (see module docstring)."""
    rows = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                rows.append(json.loads(line))
            if limit is not None and len(rows) >= limit:
                break
    tally: Counter[str] = Counter()
    elapsed = 0.0
    for row in rows:
        gold = row["gold"]
        article = Article(article_id=row["id"], text=row["text"], published_at=row["published_at"])
        started = time.perf_counter()
        events = extractor.enrich(article).events
        elapsed += time.perf_counter() - started
        event = primary_event(events)
        tally["rows"] += 1
        tally["with_event"] += event is not None
        deaths = int(gold.get("fatalities") or 0)
        killed = killed_count(event)
        if deaths > 0:
            tally["death_rows"] += 1
            tally["killed_exact"] += killed == deaths
        else:
            tally["zero_rows"] += 1
            tally["invented"] += killed > 0
        place = event.location if event is not None else None
        if place is not None and place.latitude is not None and place.longitude is not None:
            near = distance_km(
                place.latitude, place.longitude, float(gold["latitude"]), float(gold["longitude"])
            )
            tally["near"] += near <= NEAR_KM
        tally["same_admin1"] += bool(place and same_region(place.admin1, gold.get("admin1")))
        tally["same_country"] += bool(place and place.country_code == gold.get("country"))
        if event is not None:
            tally["event_type"] += event.event_type.value == gold["event_type"]
            tally["sub_event_type"] += (
                event.sub_event_type is not None
                and event.sub_event_type.value == gold["sub_event_type"]
            )
            actor1 = next((a for a in event.actors if a.role.value == "actor1"), None)
            expected = gold_actor_type(gold)
            tally["actor1_type"] += bool(
                actor1 and expected and actor1.actor_type.value == expected
            )
            digits = {int(d) for d in str(gold.get("interaction") or "")}
            tally["actor1_inter"] += bool(actor1 and actor1.acled_inter in digits)
            tally["interaction"] += predicted_interaction(event) == str(gold.get("interaction"))
    n = max(tally["rows"], 1)
    return {
        "rows": tally["rows"],
        "rows_with_deaths": tally["death_rows"],
        "rows_without_deaths": tally["zero_rows"],
        "event_found": tally["with_event"] / n,
        "killed_exact_on_death_rows": tally["killed_exact"] / max(tally["death_rows"], 1),
        "invented_deaths_share": tally["invented"] / max(tally["zero_rows"], 1),
        "location_within_25km": tally["near"] / n,
        "location_same_admin1": tally["same_admin1"] / n,
        "location_same_country": tally["same_country"] / n,
        "event_type_accuracy": tally["event_type"] / n,
        "sub_event_type_accuracy": tally["sub_event_type"] / n,
        "actor1_type_accuracy": tally["actor1_type"] / n,
        "actor1_inter_in_interaction": tally["actor1_inter"] / n,
        "interaction_exact": tally["interaction"] / n,
        "articles_per_second": tally["rows"] / elapsed if elapsed else 0.0,
        "ms_per_article": 1000 * elapsed / n,
    }


_TARGETS = {
    "killed_exact_on_death_rows": (">=", 0.85),
    "invented_deaths_share": ("<=", 0.05),
    "location_within_25km": (">=", 0.80),
    "location_same_country": (">=", 0.97),
    "event_type_accuracy": (">=", 0.75),
}


def format_acled_table(result: dict[str, Any]) -> str:
    """A plain-text table of the scores, with the project's targets beside them."""
    lines = [
        f"ACLED event extraction: {result['rows']} rows ({result['rows_with_deaths']} with deaths)",
        "",
    ]
    lines.append(f"{'metric':<32}{'value':>10}  target")
    for key, value in result.items():
        if key in ("rows", "rows_with_deaths", "rows_without_deaths"):
            continue
        target = _TARGETS.get(key)
        mark = ""
        if target is not None:
            op, bound = target
            ok = value >= bound if op == ">=" else value <= bound
            mark = f"{op} {bound:.2f} {'ok' if ok else 'MISS'}"
        shown = (
            f"{value:10.1f}"
            if key in ("articles_per_second", "ms_per_article")
            else f"{value:10.3f}"
        )
        lines.append(f"{key:<32}{shown}  {mark}")
    return "\n".join(lines)
