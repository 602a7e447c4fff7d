"""Read articles from files: JSON Lines of `Article`, plain `.txt`, directories, or stdin.

`sitrep publish` and `sitrep extract` share this, so both accept exactly the same inputs.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from pydantic import ValidationError

from sitrep_contracts import Article

_DATE_IN_NAME = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
TEXT_SUFFIXES = {".txt", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}


class InputError(ValueError):
    """An input file or line that is not an article; says which and why."""


@dataclass(frozen=True, slots=True)
class ArticleInput:
    article: Article
    origin: str  # "path:line" for messages and errors
    # The row had no `published_at`: the time is the fallback a .txt file would get, so
    # its relative dates ("on Tuesday") may resolve against the wrong day; callers warn.
    published_at_assumed: bool = False


def expand_paths(paths: Iterable[str]) -> Iterator[str]:
    """Files as given, directories walked in sorted order for supported suffixes; '-' is stdin."""
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES:
                    yield str(child)
        elif path.exists():
            yield raw
        else:
            raise InputError(f"{raw}: no such file or directory")


def publication_time(path: Path, given: dt.datetime | None) -> dt.datetime:
    """--published-at, else a YYYY-MM-DD in the file name (noon UTC), else the file's mtime."""
    if given is not None:
        return given if given.tzinfo else given.replace(tzinfo=dt.UTC)
    match = _DATE_IN_NAME.search(path.name)
    if match:
        year, month, day = (int(group) for group in match.groups())
        try:
            return dt.datetime(year, month, day, 12, tzinfo=dt.UTC)
        except ValueError:
            pass
    return dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC)


def text_article(path: Path, text: str, published_at: dt.datetime | None, language: str) -> Article:
    return Article(
        article_id=path.stem,
        url=path.resolve().as_uri() if path.exists() else None,
        source=path.parent.name or None,
        text=text,
        language=language,
        published_at=publication_time(path, published_at),
        ingested_at=dt.datetime.now(dt.UTC),
    )


def _jsonl_articles(
    lines: Iterable[str], origin: str, fallback_time: Callable[[], dt.datetime]
) -> Iterator[ArticleInput]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            payload = _only_article_fields(json.loads(line))
            assumed = False
            if isinstance(payload, dict) and payload.get("published_at") is None:
                payload = {**payload, "published_at": fallback_time()}
                assumed = True
            yield ArticleInput(Article.model_validate(payload), where, assumed)
        except (json.JSONDecodeError, ValidationError) as exc:
            raise InputError(f"{where}: not an Article: {exc}") from exc


def _only_article_fields(payload: object) -> object:
    """Accept evaluation-style rows (`id`, extra keys) as well as strict Article objects.

    UCDP-AEC rows name their text `source_article` and their day `source_date`; the day
    becomes noon UTC, as `sitrep eval` reads it."""
    if not isinstance(payload, dict):
        return payload
    if "article_id" not in payload and "id" in payload:
        payload = {**payload, "article_id": str(payload["id"])}
    if "text" not in payload and isinstance(payload.get("source_article"), str):
        payload = {**payload, "text": payload["source_article"]}
    if payload.get("published_at") is None and payload.get("source_date"):
        payload = {**payload, "published_at": f"{str(payload['source_date'])[:10]}T12:00:00Z"}
    known = Article.model_fields.keys()
    return {key: value for key, value in payload.items() if key in known}


def _same(value: dt.datetime) -> dt.datetime:
    return value


def _not_utf8(origin: str, exc: UnicodeDecodeError) -> str:
    return (
        f"{origin}: not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at {exc.start}); "
        "convert it first, e.g. iconv -f windows-1252 -t utf-8"
    )


def read_articles(
    paths: Iterable[str],
    *,
    published_at: dt.datetime | None = None,
    language: str = "en",
) -> Iterator[ArticleInput]:
    """Every article in the given inputs, in order. Raises `InputError` on a bad one.

    A JSON Lines row without `published_at` (GeoVirus-style files have none) takes the
    time a .txt file would: `published_at` given here, else a date in the file name,
    else the file's modification time (stdin: now); its `published_at_assumed` says so."""
    for raw in expand_paths(paths):
        if raw == "-":
            try:
                data = sys.stdin.read()
            except UnicodeDecodeError as exc:
                raise InputError(_not_utf8("<stdin>", exc)) from exc
            stamp = published_at or dt.datetime.now(dt.UTC)
            if data.lstrip().startswith("{"):
                yield from _jsonl_articles(data.splitlines(), "<stdin>", partial(_same, stamp))
            else:
                article = text_article(Path("stdin"), data, stamp, language)
                yield ArticleInput(article, "<stdin>")
            continue
        path = Path(raw)
        try:
            if path.suffix.lower() in JSONL_SUFFIXES:
                with path.open(encoding="utf-8") as handle:
                    fallback = partial(publication_time, path, published_at)
                    yield from _jsonl_articles(handle, raw, fallback)
            else:
                text = path.read_text(encoding="utf-8")
                yield ArticleInput(text_article(path, text, published_at, language), raw)
        except UnicodeDecodeError as exc:
            raise InputError(_not_utf8(raw, exc)) from exc
