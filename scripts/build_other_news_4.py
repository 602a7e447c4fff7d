"""Build benchmarks/data/other_news_4/: real short news items (headline and standfirst)
that are not conflict, from categories a general news site files far from conflict.

The items are HuffPost's, as collected in the News Category Dataset (Misra 2022, v3,
CC BY 4.0), whose first 9,998 rows (May 2018 - September 2022) the public repository
Limpery/MGO keeps. Only categories such as entertainment, sport, business, media, comedy,
religion and lifestyle are read (politics, U.S. and world news, crime and the identity
sections that carry protest news go to a second file, other-news-4-politics.jsonl, and
world and U.S. news to a third, other-news-4-news.jsonl). Each item is its headline and its short
description, as a wire feed carries them. Items holding a conflict word were read and
labelled (labels.tsv beside the output); the others are kept unread.

    git clone https://github.com/Limpery/MGO /tmp/mgo
    git -C /tmp/mgo checkout 88d45c66f3e1d14b90f4902794ff74498d6a8843
    python scripts/build_other_news_4.py --source /tmp/mgo/News_Category_Dataset_v3.json
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
from pathlib import Path

from build_other_news import write_rows

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks/data/other_news_4"
SOURCE = "Limpery/MGO@88d45c66f3e1d14b90f4902794ff74498d6a8843:News_Category_Dataset_v3.json"
#: Politics and the sections that carry protest news: a second, harder file.
POLITICS = {"POLITICS", "BLACK VOICES", "IMPACT"}
#: World and U.S. news, wars and shootings among them: a third file, the hardest.
NEWS = {"WORLD NEWS", "U.S. NEWS"}
CATEGORIES = {
    "BUSINESS", "COMEDY", "CULTURE & ARTS", "EDUCATION", "ENTERTAINMENT", "ENVIRONMENT",
    "FOOD & DRINK", "HOME & LIVING", "LATINO VOICES", "MEDIA", "MONEY", "PARENTING",
    "QUEER VOICES", "RELIGION", "SCIENCE", "SPORTS", "STYLE & BEAUTY", "TECH", "TRAVEL",
    "WEDDINGS", "WEIRD NEWS", "WELLNESS", "WOMEN",
}  # fmt: skip
#: Items with one of these words were read and labelled; the rest are kept unread.
CONFLICT_WORDS = re.compile(
    r"\b(kill\w*|dead|death|die[sd]?|shoot\w*|shot|gun\w*|attack\w*|assault\w*|bomb\w*|war|"
    r"wars|wartime|military|troops?|protest\w*|riot\w*|march\w*|clash\w*|battle\w*|fight\w*|"
    r"offensive|strike\w*|murder\w*|massacre\w*|terror\w*|police|arrest\w*|kidnap\w*|"
    r"hostage\w*|rap(e|ed|ist)|weapons?|violen\w*|militant\w*|soldiers?|army|rebels?|"
    r"insurg\w*|cartel\w*|gang\w*|stab\w*|explos\w*|missile\w*|drone\w*|invasion|invade\w*|"
    r"captur\w*|seiz\w*|raid\w*|ambush\w*|siege|counter-?offensives?|rockets?|shell(?:s|ed|ing)|"
    r"air ?strikes?|grave|graves|taliban|hamas|hezbollah|isis|isil|al-?qaida|al-?qaeda|jihadi\w*|"
    r"coup|takeover|taken over|junta|cease-?fire|truce|flee|fled|fleeing|occup\w+|annex\w*|"
    r"sanction\w*|nuclear|torture\w*|execut\w+|detain\w*|insurrection|mob|looting|looted|"
    r"curfew|tear gas|uprising|crackdown|unrest|hostilities|combat|wounded|injured|casualt\w+|"
    r"victims?)\b",
    re.IGNORECASE,
)


def read_labels(path: Path) -> dict[str, str]:
    lines = (line for line in path.read_text(encoding="utf-8").splitlines() if line[:1] != "#")
    return {row["url"]: row["label"] for row in csv.DictReader(lines, delimiter="\t")}


def row_of(item: dict[str, str]) -> dict[str, object]:
    headline, standfirst = item["headline"].strip(), item["short_description"].strip()
    return {
        "id": "huffpost-" + hashlib.sha256(item["link"].encode()).hexdigest()[:10],
        "url": item["link"],
        "title": headline,
        "text": f"{headline}\n\n{standfirst}" if standfirst else headline,
        "published_at": f"{item['date']}T12:00:00+00:00",
        "expected_events": 0,
        "genre": item["category"].lower(),
        "provenance": f"{SOURCE}; HuffPost, News Category Dataset (CC BY 4.0); "
        "label by the Sitrep team's read",
    }


def build(source: Path, categories: set[str]) -> list[dict[str, object]]:
    labels = read_labels(OUT / "labels.tsv")
    rows = []
    for line in source.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        if item["category"] not in categories:
            continue
        row = row_of(item)
        if CONFLICT_WORDS.search(str(row["text"])):
            label = labels[item["link"]]  # a KeyError: labels.tsv misses an item to read
            if label != "keep":
                continue
        rows.append(row)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, required=True)
    source = parser.parse_args().source
    files = (
        ("other-news-4", CATEGORIES),
        ("other-news-4-politics", POLITICS),
        ("other-news-4-news", NEWS),
    )
    for name, categories in files:
        write_rows(build(source, categories), OUT / f"{name}.jsonl")


if __name__ == "__main__":
    main()
