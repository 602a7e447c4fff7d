"""Build benchmarks/data/other_news/: WikiNews articles of many genres that are not conflict.

The articles (CC BY 2.5) come from the public repository vanatteveldt/wikinews, which
keeps English WikiNews articles of 2019 and 2020 as CSV (url, date, title, text). It has
no categories, so each article's genre, or the reason it is left out, is our read of it,
kept in labels.tsv beside the output. Rows are split into a dev and a test half by a
seeded hash of the URL, so the split never depends on the order or number of rows.

    git clone https://github.com/vanatteveldt/wikinews /tmp/wikinews
    git -C /tmp/wikinews checkout 347254178bf343f3801aac1d03c41cc09c35decb
    python scripts/build_other_news.py --source /tmp/wikinews \
        [--exclude ../shared/eval/geovirus-negatives-dev.jsonl]

`--exclude` drops any article whose URL or opening words are in that file (read only to
compare, nothing is copied from it).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks/data/other_news"
SOURCE_FILES = ("data/wikinews_2019.csv", "data/wikinews_2020.csv")
SOURCE_COMMIT = "347254178bf343f3801aac1d03c41cc09c35decb"
SPLIT_SEED = "sitrep-other-news-v1"
#: Words compared to find the same article in another file.
OPENING_WORDS = 30


def split_of(url: str, seed: str = SPLIT_SEED) -> str:
    """'dev' or 'test', by a seeded hash of the URL (about half each)."""
    digest = hashlib.sha256(f"{seed}:{url}".encode()).digest()
    return "test" if digest[0] % 2 else "dev"


def negatives_row(
    url: str, title: str, text: str, day: str, genre: str, half: str, source: str
) -> dict[str, object]:
    """One row in the GeoVirus negatives format, with its genre, half and provenance
    (`source`: repository@commit:path)."""
    return {
        "id": "wikinews-" + hashlib.sha1(url.encode()).hexdigest()[:10],  # noqa: S324 - an id, not security
        "url": url,
        "title": title,
        "text": text,
        "published_at": f"{day}T12:00:00+00:00",
        "expected_events": 0,
        "genre": genre,
        "split": half,
        "provenance": f"{source}; English WikiNews, CC BY 2.5; genre by the Sitrep team's read",
    }


def write_halves(halves: dict[str, list[dict[str, object]]], out: Path, stem: str) -> None:
    """Each half as `out/<stem>-<half>.jsonl`, with a count by genre on stdout."""
    for half, rows in halves.items():
        write_rows(rows, out / f"{stem}-{half}.jsonl")


def write_rows(rows: list[dict[str, object]], path: Path) -> None:
    """Rows as JSON Lines at `path`, with a count by genre on stdout."""
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    genres = Counter(str(row["genre"]) for row in rows)
    print(f"{path.relative_to(ROOT)}: {len(rows)} articles {dict(sorted(genres.items()))}")


def opening(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower())[:OPENING_WORDS])


def slug(url: str) -> str:
    return url.rsplit("/wiki/", 1)[-1].lower()


def read_labels(path: Path) -> dict[str, str]:
    lines = (line for line in path.read_text(encoding="utf-8").splitlines() if line[:1] != "#")
    return {row["url"]: row["label"] for row in csv.DictReader(lines, delimiter="\t")}


def read_excluded(path: Path | None) -> tuple[set[str], set[str]]:
    if path is None:
        return set(), set()
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return {slug(r.get("url", "")) for r in rows}, {opening(r["text"]) for r in rows}


def build(source: Path, exclude: Path | None) -> dict[str, list[dict[str, object]]]:
    labels = read_labels(OUT / "labels.tsv")
    excluded_urls, excluded_openings = read_excluded(exclude)
    halves: dict[str, list[dict[str, object]]] = {"dev": [], "test": []}
    csv.field_size_limit(sys.maxsize)
    for name in SOURCE_FILES:
        with (source / name).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                url, text = row["url"], row["text"].strip()
                label = labels[url]  # a KeyError means labels.tsv misses a new source row
                if label.startswith("drop:"):
                    continue
                if slug(url) in excluded_urls or opening(text) in excluded_openings:
                    print(f"excluded (in --exclude): {url}", file=sys.stderr)
                    continue
                half = split_of(url)
                source_path = f"vanatteveldt/wikinews@{SOURCE_COMMIT[:12]}:{name}"
                halves[half].append(
                    negatives_row(url, row["title"], text, row["date"], label, half, source_path)
                )
    return halves


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, required=True, help="checkout of the source repo")
    parser.add_argument("--exclude", type=Path, help="a negatives file whose articles to leave out")
    args = parser.parse_args()
    write_halves(build(args.source, args.exclude), OUT, "other-news")


if __name__ == "__main__":
    main()
