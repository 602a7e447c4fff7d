"""Build benchmarks/data/other_news_3/: a third set of non-conflict WikiNews articles.

The articles are the 120 English WikiNews articles (2004-2013) of the NewsReader MEANTIME
corpus (CC BY 4.0; the texts are WikiNews's, CC BY 2.5), chosen by its makers about four
companies and markets (Apple, Airbus and Boeing, General Motors and its rivals, stock
markets), as kept by the public repository qiangning/StructTempRel-EMNLP17. The corpus
keeps each article as tokens with its WikiNews URL; the text is rebuilt from them (title
and dateline are the first two sentences). The genre, or the reason an article is left out,
is our read of it, kept in labels.tsv beside the output. Rows are split into a dev and a
test half by a seeded hash of the URL, like the other sets (scripts/build_other_news.py).

    git clone https://github.com/qiangning/StructTempRel-EMNLP17 /tmp/structtemprel
    git -C /tmp/structtemprel checkout d6518a5a79d940d749c95ee5b72830714b132238
    python scripts/build_other_news_3.py --source /tmp/structtemprel \
        --exclude ../shared/eval/geovirus-negatives-dev.jsonl \
        --exclude benchmarks/data/other_news/other-news-dev.jsonl \
        --exclude benchmarks/data/other_news/other-news-test.jsonl \
        --exclude benchmarks/data/other_news_2/other-news-2-dev.jsonl \
        --exclude benchmarks/data/other_news_2/other-news-2-test.jsonl

`--exclude` drops any article whose URL, title or opening words are in that file (read only
to compare, nothing is copied from it).
"""

from __future__ import annotations

import argparse
import re
import sys
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote

from build_other_news import negatives_row, opening, read_labels, slug, split_of, write_halves
from build_other_news_2 import read_excluded

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks/data/other_news_3"
SOURCE_DIR = "data/meantime_newsreader_english_oct15/intra-doc_annotation"
SOURCE_COMMIT = "d6518a5a79d940d749c95ee5b72830714b132238"
SPLIT_SEED = "sitrep-other-news-3-v1"
#: Token joins undone: no space before closing punctuation and clitics, none after openers.
_NO_SPACE_BEFORE = re.compile(r" ([.,;:!?%)\]}]|'s\b|'S\b|n't\b|'re\b|'ve\b|'ll\b|'d\b|'m\b|'')")
_NO_SPACE_AFTER = re.compile(r"([(\[{$]|``) ")


def detokenize(tokens: list[str]) -> str:
    """The sentence as written, near enough: PTB quotes back to plain ones."""
    text = _NO_SPACE_AFTER.sub(r"\1", _NO_SPACE_BEFORE.sub(r"\1", " ".join(tokens)))
    return text.replace("``", '"').replace("''", '"')


def read_article(path: Path) -> tuple[str, str, str, str]:
    """URL, title, day (ISO) and text of one MEANTIME document.

    The corpus's first sentence is the title (carried on the row, left out of the text as
    the other sets do); the second, the dateline, heads the text as its own paragraph. The
    corpus keeps no paragraph marks, so the sentences of the body are joined by a space.
    """
    root = ET.parse(path).getroot()  # noqa: S314 - a pinned public corpus, read at build time
    sentences: dict[int, list[str]] = {}
    for token in root.iter("token"):
        sentences.setdefault(int(token.attrib["sentence"]), []).append(token.text or "")
    lines = [detokenize(sentences[number]) for number in sorted(sentences)]
    day = datetime.strptime(lines[1] + " +0000", "%B %d, %Y %z").date().isoformat()
    return root.attrib["url"], lines[0], day, lines[1] + "\n\n" + " ".join(lines[2:])


def build(source: Path, exclude: list[Path]) -> dict[str, list[dict[str, object]]]:
    labels = read_labels(OUT / "labels.tsv")
    excluded_urls, excluded_titles, excluded_openings = read_excluded(exclude)
    halves: dict[str, list[dict[str, object]]] = {"dev": [], "test": []}
    for path in sorted((source / SOURCE_DIR).glob("corpus_*/*.xml")):
        url, title, day, text = read_article(path)
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
        source_path = f"qiangning/StructTempRel-EMNLP17@{SOURCE_COMMIT[:12]}:{SOURCE_DIR}/{path.parent.name}/{path.name}"
        halves[half].append(negatives_row(url, title, text, day, label, half, source_path))
    return halves


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, required=True, help="checkout of the source repo")
    parser.add_argument(
        "--exclude",
        type=Path,
        action="append",
        default=[],
        help="a file whose articles to leave out",
    )
    args = parser.parse_args()
    write_halves(build(args.source, args.exclude), OUT, "other-news-3")


if __name__ == "__main__":
    main()
