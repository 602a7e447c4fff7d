"""Build benchmarks/data/other_news_2/: a second, independent set of non-conflict WikiNews articles.

The articles (CC BY 2.5) are the WikiNews news reports and interviews that the Georgetown
University Multilayer corpus (GUM, public repository amir-zeldes/gum) keeps as CoNLL-U, each
with its WikiNews URL, title and date of creation. The text is rebuilt from the corpus's
sentences and paragraph marks; the genre, or the reason a document is left out, is our read
of it, kept in labels.tsv beside the output. Rows are split into a dev and a test half by a
seeded hash of the URL, like the first set (scripts/build_other_news.py), with another seed.

    git clone https://github.com/amir-zeldes/gum /tmp/gum
    git -C /tmp/gum checkout 72ce5ac14978a324c2fd18d49484e65292cbe316
    python scripts/build_other_news_2.py --source /tmp/gum \
        --exclude ../shared/eval/geovirus-negatives-dev.jsonl \
        --exclude benchmarks/data/other_news/other-news-dev.jsonl \
        --exclude benchmarks/data/other_news/other-news-test.jsonl

`--exclude` drops any article whose URL, title or opening words are in that file (read only
to compare, nothing is copied from it).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from urllib.parse import unquote

from build_other_news import negatives_row, opening, read_labels, slug, split_of, write_halves

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks/data/other_news_2"
SOURCE_COMMIT = "72ce5ac14978a324c2fd18d49484e65292cbe316"
SPLIT_SEED = "sitrep-other-news-2-v1"
#: GUM documents whose source is WikiNews: its news reports and its interviews.
WIKINEWS_DOCUMENT = re.compile(r"GUM_(news|interview)_\w+\.conllu")


def read_document(path: Path) -> tuple[dict[str, str], str]:
    """The document's `# meta::` fields and its text: sentences joined, paragraphs apart.

    The title, which GUM keeps as the document's first sentence, is left out: the row
    carries it on its own, as the first set does.
    """
    meta: dict[str, str] = {}
    paragraphs: list[list[str]] = [[]]
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# meta::"):
            key, _, value = line[len("# meta::") :].partition(" = ")
            meta[key] = value
        elif line == "# newpar" or line.startswith("# newpar_block"):
            if paragraphs[-1]:
                paragraphs.append([])
        elif line.startswith("# text = "):
            sentence = line[len("# text = ") :]
            if sentence != meta.get("title"):
                paragraphs[-1].append(sentence)
    return meta, "\n\n".join(" ".join(p) for p in paragraphs if p)


def read_excluded(paths: list[Path]) -> tuple[set[str], set[str], set[str]]:
    urls: set[str] = set()
    titles: set[str] = set()
    openings: set[str] = set()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line:
                continue
            row = json.loads(line)
            urls.add(slug(unquote(row.get("url", ""))))
            titles.add(str(row.get("title", "")).lower())
            openings.add(opening(row["text"]))
    return urls, titles, openings


def build(source: Path, exclude: list[Path]) -> dict[str, list[dict[str, object]]]:
    labels = read_labels(OUT / "labels.tsv")
    excluded_urls, excluded_titles, excluded_openings = read_excluded(exclude)
    halves: dict[str, list[dict[str, object]]] = {"dev": [], "test": []}
    for path in sorted((source / "dep").iterdir()):
        if not WIKINEWS_DOCUMENT.fullmatch(path.name):
            continue
        meta, text = read_document(path)
        url, title = meta["sourceURL"], meta["title"]
        label = labels[url]  # a KeyError means labels.tsv misses a new source document
        if label.startswith("drop:"):
            continue
        if (
            slug(unquote(url)) in excluded_urls
            or title.lower() in excluded_titles
            or opening(text) in excluded_openings
        ):
            print(f"excluded (in --exclude): {url}", file=sys.stderr)
            continue
        half = split_of(url, SPLIT_SEED)
        source_path = f"amir-zeldes/gum@{SOURCE_COMMIT[:12]}:dep/{path.name}"
        halves[half].append(
            negatives_row(url, title, text, meta["dateCreated"], label, half, source_path)
        )
    return halves


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, required=True, help="checkout of amir-zeldes/gum")
    parser.add_argument(
        "--exclude",
        type=Path,
        action="append",
        default=[],
        help="a file whose articles to leave out",
    )
    args = parser.parse_args()
    write_halves(build(args.source, args.exclude), OUT, "other-news-2")


if __name__ == "__main__":
    main()
