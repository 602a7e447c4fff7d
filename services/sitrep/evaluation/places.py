"""Geoparsing alone on full conflict articles (UCDP-AEC rows), whatever the event stage
makes of it: are the gold event's region and place among the article's resolved places, in
the right country, and how many place mentions land elsewhere?

Per article, `TextAnalyzer.analyze` on the text (no event extraction):

- `focus_country`: the analysis' focus country is the gold country;
- `gold_admin1_found`: some resolved place in the gold country lies in (or is) the gold
  first-level region (the gold name looked up among every name of the country's regions
  in the shipped admin1 table and compared by code, as the UCDP event measure does:
  "Deir ez Zor" = "Dayr az Zawr"); over the rows where UCDP names one. UCDP's first level
  is GeoNames' second in a few countries (the Philippines' provinces), so the district
  counts too;
- `gold_place_found`: some resolved place in the gold country has the gold place's name
  (names compared as in the UCDP evaluation: "Paletwa town" = "Paletwa"); over the rows
  where UCDP names a place;
- `mentions_outside_country`: resolved sub-national mentions (towns, districts, regions)
  outside the gold country / all resolved sub-national mentions. Naming another country
  ("Turkey", "Russian") or a continent is no error and is not counted; another country's
  capital or region is counted, though often rightly named ("talks in Washington");
- `precise_share`: resolved mentions whose precision is a point (town or village);
- `gold_place_in_gazetteer`: the gold place's name (as written, and without its feature
  word or Arabic article) is a gazetteer key with a reading in the gold country: the
  ceiling any resolution can reach (a measurement of coverage only).

Run: `python -m sitrep.evaluation.places ../shared/eval/ucdp-aec-dev.jsonl`.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitrep.evaluation.acled import same_region
from sitrep.evaluation.common import Admin1Names, read_rows, same_name
from sitrep.evaluation.ucdp import _country_table, ucdp_country
from sitrep.extraction.geo.normalize import fold
from sitrep_contracts import PlacePrecision

if TYPE_CHECKING:
    from sitrep.extraction.geo import TextAnalyzer
    from sitrep.extraction.geo.gazetteer import Gazetteer

#: Words gold place names carry that the text and the gazetteer leave out.
_FEATURE_WORDS = (
    " town", " village", " city", " district", " camp", " area", " subdistrict", " township",
    " municipality", " neighbourhood", " neighborhood", " locality", " settlement",
)  # fmt: skip


def evaluate_places(
    path: str | Path, analyzer: TextAnalyzer, *, limit: int | None = None
) -> dict[str, Any]:
    countries = _country_table()
    regions = Admin1Names()
    tally: Counter[str] = Counter()
    seconds = 0.0
    for row in read_rows(path, limit):
        country = ucdp_country(row["location_root_name"], countries)
        admin1 = row.get("location_adm1_name") or ""
        place = row.get("location_where_name") or ""
        started = time.perf_counter()
        analysis = analyzer.analyze(row["source_article"])
        seconds += time.perf_counter() - started
        tally["rows"] += 1
        tally["focus"] += analysis.focus_country == country
        inside = [p for p in analysis.places if p.geonameid or p.name]
        local = [p for p in inside if p.country_code and p.precision is not PlacePrecision.COUNTRY]
        tally["local"] += len(local)
        tally["outside"] += sum(p.country_code != country for p in local)
        tally["points"] += sum(p.precision is PlacePrecision.POINT for p in inside)
        tally["resolved"] += len(inside)
        here = [p for p in inside if p.country_code == country]
        if admin1:
            tally["with_admin1"] += 1
            tally["admin1"] += any(
                regions.same(p.admin1_code, p.admin1, p.country_code, admin1)
                or same_region(p.admin2, admin1)
                for p in here
            )
        if place:
            tally["with_place"] += 1
            tally["place"] += any(
                same_name(p.name, place) or same_name(p.text, place) for p in here
            )
            tally["known"] += _known(analyzer.gazetteer, place, country)
    n = max(tally["rows"], 1)
    return {
        "articles": tally["rows"],
        "focus_country": tally["focus"] / n,
        "gold_admin1_found": tally["admin1"] / max(tally["with_admin1"], 1),
        "gold_place_found": tally["place"] / max(tally["with_place"], 1),
        "mentions_outside_country": tally["outside"] / max(tally["local"], 1),
        "precise_share": tally["points"] / max(tally["resolved"], 1),
        "gold_place_in_gazetteer": tally["known"] / max(tally["with_place"], 1),
        "ms_per_article": 1000 * seconds / n,
    }


def _known(gazetteer: Gazetteer, place: str, country: str | None) -> bool:
    """Whether some spelling of the gold place is a key with a reading in `country`."""
    name = place
    for word in _FEATURE_WORDS:
        name = name.removesuffix(word)
    keys = {fold(place), fold(name)}
    keys |= {key.split(" ", 1)[1] for key in keys if key.startswith(("al ", "as ", "ar ", "ad "))}
    return any(p.country == country for key in keys for p in gazetteer.lookup(key))


_TARGETS = {
    "focus_country": ">= 0.97",
    "gold_admin1_found": ">= 0.80",
    "gold_place_found": ">= 0.55",
    "mentions_outside_country": "<= 0.02",
}


def format_places_table(result: dict[str, Any]) -> str:
    lines = [
        f"Geoparsing on full conflict articles: {result['articles']} articles",
        "",
        f"{'metric':<28}{'value':>9}  target",
    ]
    for key, value in result.items():
        if key == "articles":
            continue
        lines.append(f"{key:<28}{value:>9.3f}  {_TARGETS.get(key, '')}".rstrip())
    return "\n".join(lines)


def main() -> None:
    from sitrep.extraction.geo import TextAnalyzer

    analyzer = TextAnalyzer.load()
    for path in sys.argv[1:]:
        sys.stdout.write(format_places_table(evaluate_places(path, analyzer)) + "\n\n")


if __name__ == "__main__":
    main()
