"""Event extraction on full news articles: UCDP-AEC rows and their coded incidents.

Two gold files, one extraction run (`Extractor.enrich` on each article):

**UCDP-AEC** (`ucdp-aec-*.jsonl`): each full article is linked by UCDP coders to ONE
event, though it may report several. Per article, the event that best agrees with the
gold one (most of: toll, country, date, admin1, place; ties to the earliest) is compared:

- `gold_toll_among_events`: an event's toll (killed, 0 when none) lies within UCDP's
  [deaths_low, deaths_high];
- `toll_far_above_gold`: share of articles with any event whose toll exceeds
  2 x deaths_high + 10 (running totals and war-wide figures taken for one incident);
- `country` / `admin1` / `place`: the best event's place is in the gold country, the gold
  first-level region (the gold name looked up among every name of the country's regions
  in the shipped admin1 table and compared by code: "Homs" = "Ḩimş"), the gold place
  (names compared after folding spelling variants and feature words: "Paletwa town" =
  "Paletwa"); admin1 and place over the rows where UCDP names one;
- `date_within_a_day`: the best event's date within a day of UCDP's start..end dates;
- `articles_without_event`, `events_per_article`.

**Incidents** (`ucdp-aec-*-incidents.jsonl`, read beside the articles file): EVERY
incident of some of those articles, coded by hand. An event matches an incident when the
country is the same, the date falls within the incident's date precision (a day either
side for "day", 7 days for "week", 31 for "month", 366 for "year"; any date when the
incident has none) and the place name or
the admin1 agrees. Events are taken in text order; each goes to a matching incident not yet
taken (place agreement first, then the nearest date):

- `incident_precision`: events matched to an incident not yet taken / all events;
- `duplicate_share`: events whose only matches were already taken / all events;
- `outside_article_countries`: events placed in a country none of the article's incidents
  is in / events with a country;
- `recall_all`, `recall_fresh`: incidents (all; not recaps) taken by some event;
- `killed_exact_on_matched`: matched incidents with a stated toll whose event's toll is
  that number;
- `event_type_exact_on_matched`, `sub_event_type_exact_on_matched`: matched incidents whose
  event has the coded ACLED event type (sub-event type) / matched incidents;
- `recap_flag_agrees_on_matched`: matched incidents whose event's `recap` flag is the coded
  one; `recap_flag_precision` / `recap_flag_recall`: of the matched events flagged, those
  whose incident is coded a recap / of the matched incidents coded a recap, those flagged.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pycountry

from sitrep.evaluation.actors import format_actors_table, score_actors
from sitrep.evaluation.common import (
    Admin1Names,
    Extracted,
    Timer,
    extract_all,
    killed_count,
    read_rows,
    same_name,
)
from sitrep_contracts import Article, EnrichedEvent

#: A toll above 2 x UCDP's high estimate + this is "far above": an aggregate, not the event.
FAR_ABOVE_MARGIN = 10
_PRECISION_DAYS = {"day": 1, "week": 7, "month": 31, "year": 366}


def incidents_path(articles: Path) -> Path:
    return articles.with_name(articles.stem + "-incidents.jsonl")


def articles_path(incidents: Path) -> Path:
    return incidents.with_name(incidents.name.replace("-incidents.jsonl", ".jsonl"))


def _country_table() -> dict[str, str]:
    path = resources.files("sitrep.evaluation") / "data" / "ucdp_countries.tsv"
    with path.open(encoding="utf-8") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        return {row["ucdp_name"]: row["iso2"] for row in csv.DictReader(lines, delimiter="\t")}


def ucdp_country(name: str, table: dict[str, str]) -> str | None:
    """ISO alpha-2 of a UCDP country name ("Myanmar (Burma)" -> "MM")."""
    if name in table:
        return table[name]
    try:
        return str(pycountry.countries.lookup(name.split(" (")[0]).alpha_2)
    except LookupError:
        return None


def _article(row: dict[str, Any]) -> Article:
    day = str(row["source_date"])[:10]
    return Article(
        article_id=str(row["id"]),
        text=row["source_article"],
        published_at=f"{day}T12:00:00+00:00",
        language="en",
    )


def _day(value: str) -> dt.date:
    return dt.date.fromisoformat(str(value)[:10])


# -- UCDP-AEC: is the gold event among the output ---------------------------------------


@dataclass(frozen=True, slots=True)
class _GoldEvent:
    low: int
    high: int
    country: str | None
    admin1: str
    place: str
    start: dt.date
    end: dt.date


def _gold_event(row: dict[str, Any], countries: dict[str, str]) -> _GoldEvent:
    return _GoldEvent(
        low=int(row["deaths_low"]),
        high=int(row["deaths_high"]),
        country=ucdp_country(row["location_root_name"], countries),
        admin1=row.get("location_adm1_name") or "",
        place=row.get("location_where_name") or "",
        start=_day(row["start_date"]),
        end=_day(row["end_date"]),
    )


def _agreement(event: EnrichedEvent, gold: _GoldEvent, regions: Admin1Names) -> dict[str, bool]:
    place = event.location
    day = event.occurred_on.date
    return {
        "toll": gold.low <= killed_count(event) <= gold.high,
        "country": bool(place and place.country_code == gold.country),
        "date": gold.start - dt.timedelta(days=1) <= day <= gold.end + dt.timedelta(days=1),
        "admin1": bool(
            place and regions.same(place.admin1_code, place.admin1, place.country_code, gold.admin1)
        ),
        "place": bool(
            place
            and gold.place
            and (same_name(place.name, gold.place) or same_name(place.text, gold.place))
        ),
    }


_WEIGHTS = {"toll": 16, "country": 8, "date": 4, "admin1": 2, "place": 1}


def _score_ucdp(
    extracted: list[Extracted], countries: dict[str, str], regions: Admin1Names
) -> dict[str, Any]:
    tally: Counter[str] = Counter()
    for item in extracted:
        gold = _gold_event(item.row, countries)
        tally["rows"] += 1
        tally["rows_with_admin1"] += bool(gold.admin1)
        tally["rows_with_place"] += bool(gold.place)
        tally["events"] += len(item.events)
        if not item.events:
            tally["without_event"] += 1
            continue
        agreements = [_agreement(event, gold, regions) for event in item.events]
        best = max(agreements, key=lambda a: sum(_WEIGHTS[k] for k, v in a.items() if v))
        for key, value in best.items():
            tally[key] += value
        limit = 2 * gold.high + FAR_ABOVE_MARGIN
        tally["far_above"] += any(killed_count(event) > limit for event in item.events)
    n = max(tally["rows"], 1)
    return {
        "articles": tally["rows"],
        "events_per_article": tally["events"] / n,
        "articles_without_event": tally["without_event"] / n,
        "gold_toll_among_events": tally["toll"] / n,
        "toll_far_above_gold": tally["far_above"] / n,
        "country": tally["country"] / n,
        "admin1": tally["admin1"] / max(tally["rows_with_admin1"], 1),
        "place": tally["place"] / max(tally["rows_with_place"], 1),
        "date_within_a_day": tally["date"] / n,
    }


# -- Incidents: precision, duplicates, recall, tolls -------------------------------------


def _matches(
    event: EnrichedEvent, incident: dict[str, Any], regions: Admin1Names
) -> tuple[bool, bool, int]:
    """(matches, place agrees, days apart) for one event and one coded incident."""
    place = event.location
    if place is None or place.country_code != incident["country"]:
        return False, False, 0
    # An incident coded without a date (a recap "years ago") agrees with any date.
    apart = abs((event.occurred_on.date - _day(incident["date"])).days) if incident["date"] else 0
    if apart > _PRECISION_DAYS.get(incident["date_precision"], 1):
        return False, False, apart
    by_place = same_name(place.name, incident["place"]) or same_name(place.text, incident["place"])
    by_admin1 = regions.same(
        place.admin1_code, place.admin1, place.country_code, incident.get("admin1")
    )
    return by_place or by_admin1, by_place, apart


def _score_incidents(
    extracted: list[Extracted], coded: dict[str, list[dict[str, Any]]], regions: Admin1Names
) -> dict[str, Any]:
    tally: Counter[str] = Counter()
    for item in extracted:
        incidents = coded.get(str(item.row["id"]))
        if incidents is None:
            continue
        tally["articles"] += 1
        tally["incidents"] += len(incidents)
        tally["fresh"] += sum(not i["recap"] for i in incidents)
        countries = {i["country"] for i in incidents}
        taken: dict[int, EnrichedEvent] = {}
        for event in item.events:
            tally["events"] += 1
            if event.location is not None and event.location.country_code:
                tally["events_with_country"] += 1
                tally["outside"] += event.location.country_code not in countries
            candidates = []
            for k, incident in enumerate(incidents):
                ok, by_place, apart = _matches(event, incident, regions)
                if ok:
                    candidates.append((k not in taken, by_place, -apart, -k))
            if not candidates:
                continue
            free, _, _, minus_k = max(candidates)
            if not free:
                tally["duplicates"] += 1
                continue
            taken[-minus_k] = event
            tally["distinct"] += 1
        for k, event in taken.items():
            incident = incidents[k]
            tally["recalled"] += 1
            tally["recalled_fresh"] += not incident["recap"]
            tally["recap_agrees"] += event.recap == bool(incident["recap"])
            tally["recap_flagged"] += event.recap
            tally["recap_gold"] += bool(incident["recap"])
            tally["recap_both"] += event.recap and bool(incident["recap"])
            if incident.get("killed") is not None:
                tally["matched_with_toll"] += 1
                tally["killed_exact"] += killed_count(event) == int(incident["killed"])
            if incident.get("event_type"):
                tally["matched_with_type"] += 1
                tally["type_exact"] += event.event_type.value == incident["event_type"]
                sub = event.sub_event_type.value if event.sub_event_type else None
                tally["sub_type_exact"] += sub == incident.get("sub_event_type")
    events = max(tally["events"], 1)
    return {
        "articles": tally["articles"],
        "incidents": tally["incidents"],
        "events": tally["events"],
        "incident_precision": tally["distinct"] / events,
        "duplicate_share": tally["duplicates"] / events,
        "outside_article_countries": tally["outside"] / max(tally["events_with_country"], 1),
        "recall_all": tally["recalled"] / max(tally["incidents"], 1),
        "recall_fresh": tally["recalled_fresh"] / max(tally["fresh"], 1),
        "killed_exact_on_matched": tally["killed_exact"] / max(tally["matched_with_toll"], 1),
        "event_type_exact_on_matched": tally["type_exact"] / max(tally["matched_with_type"], 1),
        "sub_event_type_exact_on_matched": tally["sub_type_exact"]
        / max(tally["matched_with_type"], 1),
        "recap_flag_agrees_on_matched": tally["recap_agrees"] / max(tally["recalled"], 1),
        "recap_flag_precision": tally["recap_both"] / max(tally["recap_flagged"], 1),
        "recap_flag_recall": tally["recap_both"] / max(tally["recap_gold"], 1),
    }


# -- entry point -------------------------------------------------------------------------


def evaluate_ucdp(path: str | Path, extractor: Any, limit: int | None = None) -> dict[str, Any]:
    """Score the UCDP-AEC articles file (and its incidents file, when present beside it).

    `path` may name either file; the articles are always read from the articles file."""
    path = Path(path)
    if path.name.endswith("-incidents.jsonl"):
        path = articles_path(path)
    rows = read_rows(path, limit)
    coded_path = incidents_path(path)
    coded = (
        {str(row["id"]): row["incidents"] for row in read_rows(coded_path)}
        if coded_path.exists()
        else {}
    )
    timer = Timer()
    extracted = list(extract_all(extractor, rows, [_article(row) for row in rows], timer))
    regions = Admin1Names()
    countries = _country_table()
    result: dict[str, Any] = {"ucdp": _score_ucdp(extracted, countries, regions)}
    if coded:
        result["incidents"] = _score_incidents(extracted, coded, regions)
    result["actors"] = score_actors(extracted, coded, lambda name: ucdp_country(name, countries))
    result["speed"] = {
        "articles_per_second": timer.per_second,
        "ms_per_article": timer.ms_per_article,
    }
    return result


_TARGETS = {
    "gold_toll_among_events": (">=", 0.80),
    "toll_far_above_gold": ("<=", 0.03),
    "articles_without_event": ("<=", 0.03),
    "country": (">=", 0.97),
    "admin1": (">=", 0.80),
    "place": (">=", 0.55),
    "date_within_a_day": (">=", 0.90),
    "incident_precision": (">=", 0.80),
    "duplicate_share": ("<=", 0.05),
    "outside_article_countries": ("<=", 0.02),
    "recall_fresh": (">=", 0.85),
    "killed_exact_on_matched": (">=", 0.80),
    "articles_with_event": ("<=", 0.03),
    "events_with_deaths": ("<=", 0),
}


def format_table(title: str, section: dict[str, Any], counts: tuple[str, ...]) -> list[str]:
    """Rows of `metric value target` with a mark where a target is met or missed."""
    lines = [title + ": " + ", ".join(f"{section[c]} {c}" for c in counts), ""]
    lines.append(f"{'metric':<32}{'value':>10}  target")
    for key, value in section.items():
        if key in counts:
            continue
        target = _TARGETS.get(key)
        mark = ""
        if target is not None:
            op, bound = target
            ok = value >= bound if op == ">=" else value <= bound
            mark = f"{op} {bound:.2f} {'ok' if ok else 'MISS'}"
        lines.append(f"{key:<32}{value:10.3f}  {mark}")
    return lines


def format_ucdp_table(result: dict[str, Any]) -> str:
    lines = format_table("UCDP-AEC full articles", result["ucdp"], ("articles",))
    if "incidents" in result:
        incidents = format_table(
            "Every incident of the coded articles",
            result["incidents"],
            ("articles", "incidents", "events"),
        )
        lines += ["", *incidents]
    if "actors" in result:
        lines += ["", *format_actors_table(result["actors"])]
    speed = result["speed"]
    lines += [
        "",
        f"{'articles_per_second':<32}{speed['articles_per_second']:10.1f}",
        f"{'ms_per_article':<32}{speed['ms_per_article']:10.1f}",
    ]
    return "\n".join(lines)
