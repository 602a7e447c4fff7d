"""What every evaluation shares: reading a gold file, running the extractor over its rows
with the time it takes, and comparing place names written in different ways."""

from __future__ import annotations

import json
import re
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep_contracts import Article, ArticleEnrichment, CasualtyKind, EnrichedEvent


def read_rows(path: str | Path, limit: int | None = None) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                rows.append(json.loads(line))
            if limit is not None and len(rows) >= limit:
                break
    return rows


@dataclass(frozen=True, slots=True)
class Extracted:
    row: dict[str, Any]
    events: list[EnrichedEvent]
    enrichment: ArticleEnrichment


@dataclass
class Timer:
    seconds: float = 0.0
    articles: int = 0

    @property
    def per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def ms_per_article(self) -> float:
        return 1000 * self.seconds / max(self.articles, 1)


def extract_all(
    extractor: Any, rows: list[dict[str, Any]], articles: list[Article], timer: Timer
) -> Iterator[Extracted]:
    """`extractor.enrich` over each article (CPU time of the call only, summed in `timer`)."""
    for row, article in zip(rows, articles, strict=True):
        started = time.perf_counter()
        result = extractor.enrich(article)
        timer.seconds += time.perf_counter() - started
        timer.articles += 1
        yield Extracted(row, result.events, result.article)


def killed_count(event: EnrichedEvent | None) -> int:
    """The event's toll: its killed figures summed (best figure, else the lower bound)."""
    if event is None:
        return 0
    total = 0
    for casualty in event.casualties:
        if casualty.kind is CasualtyKind.KILLED:
            total += casualty.count if casualty.count is not None else (casualty.min or 0)
    return total


#: Words gold files add to a place name that the text may leave out ("Paletwa town").
_FEATURE_WORDS = re.compile(
    r"\b(town|village|city|district|subdistrict|sub-district|area|camp|woreda|zone|province"
    r"|governorate|region|state|municipality|county|oblast|neighbou?rhood|township|division"
    r"|department|prefecture|commune|locality|settlement|countryside|outskirts|of)\b"
)
#: Arabic article prefixes written or dropped at will ("Al-Muzayrib", "Muzayrib").
_ARTICLE = re.compile(r"^(?:al|el|ar|as|ad|ash|at|az|an|ad)[\s-]+")


def fold_name(name: str) -> str:
    """Lower case, no diacritics, no feature words or leading article, letters only, with
    the transliteration variants of `normalise_region` folded together."""
    from sitrep.evaluation.acled import normalise_region

    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = _FEATURE_WORDS.sub(" ", text).strip()
    text = _ARTICLE.sub("", text)
    return normalise_region(text)


class Admin1Names:
    """Every name of every first-level region (GeoNames' own and its English aliases, from
    the shipped admin1 table), so that a gold "Homs" or "Deir ez-Zor" is compared with an
    event's admin1 code, whatever spelling the event's name uses ("Ḩimş", "Dayr az Zawr")."""

    def __init__(self) -> None:
        from sitrep.extraction.geo.gazetteer import admin1_rows

        self._codes: dict[tuple[str, str], set[str]] = {}
        for row in admin1_rows():
            names = [row["name"], *row["aliases"].split("|")] if row["aliases"] else [row["name"]]
            for name in names:
                key = (row["country"], fold_name(name))
                self._codes.setdefault(key, set()).add(row["code"])

    def same(
        self, code: str | None, name: str | None, country: str | None, gold: str | None
    ) -> bool:
        """Whether an event's admin1 (code and name) is the gold region."""
        if not gold:
            return False
        if code and country and code in self._codes.get((country, fold_name(gold)), set()):
            return True
        from sitrep.evaluation.acled import same_region

        return same_region(name, gold)


def same_name(predicted: str | None, gold: str | None) -> bool:
    """Whether two spellings name the same place: equal after folding, or one a prefix of
    the other of at least 5 letters ("Kansafrah" / "Kansafra")."""
    if not predicted or not gold:
        return False
    a, b = fold_name(predicted), fold_name(gold)
    if not a or not b:
        return False
    if a == b:
        return True
    shorter = min(a, b, key=len)
    return len(shorter) >= 5 and (a.startswith(b) or b.startswith(a))
