"""Bytes from the articles topic to a valid `Article`, or a typed rejection.

Every check that can fail on user input lives here, so the dead-letter reasons are one list.
JSON is read strictly: duplicate keys, NaN and infinities, integers past Python's digit
limit and lone surrogates are contract violations, not crashes further down.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from pydantic import ValidationError

from sitrep.enricher.html import UnreadableHtml, html_to_text, looks_like_html
from sitrep.settings import HtmlPolicy, Settings
from sitrep.streaming import Rejected
from sitrep_contracts import Article, Reason, Stage
from sitrep_contracts.article import has_visible_text

#: Integers longer than this are refused (Python's own limit is 4300 digits).
MAX_INT_DIGITS = 100
#: An article id in the first bytes of an oversized message, for its dead letter.
_ARTICLE_ID_PREFIX = re.compile(rb'"article_id"\s*:\s*"([^"\\]{1,256})"')


class _BadJson(ValueError):
    """JSON that parses but cannot be an Article's: the message says why."""


def decode_article(value: bytes | None, settings: Settings) -> Article:
    """Validate one message value. Raises `Rejected` with the reason it cannot be processed."""
    if value is None:
        raise Rejected(Stage.DESERIALIZE, Reason.NOT_JSON, "message has no value (tombstone)")
    if len(value) > settings.max_article_bytes:
        found = _ARTICLE_ID_PREFIX.search(value[:4096])
        raise Rejected(
            Stage.DESERIALIZE,
            Reason.TOO_LARGE,
            f"message is {len(value)} bytes; the limit is {settings.max_article_bytes}",
            article_id=found.group(1).decode("utf-8", "replace") if found else None,
        )
    try:
        decoded = value.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Rejected(Stage.DESERIALIZE, Reason.INVALID_UTF8, str(exc)) from exc
    payload = _parse_json(decoded)
    if not isinstance(payload, dict):
        raise Rejected(
            Stage.VALIDATE, Reason.CONTRACT_VIOLATION, "an Article must be a JSON object"
        )
    article_id = payload.get("article_id") if isinstance(payload.get("article_id"), str) else None
    surrogate = _lone_surrogate(payload)
    if surrogate is not None:
        raise Rejected(
            Stage.VALIDATE,
            Reason.CONTRACT_VIOLATION,
            f"{surrogate}: contains a lone surrogate escape (\\ud800-\\udfff), not Unicode text",
            article_id=None if surrogate == "article_id" else article_id,
        )
    text = payload.get("text")
    if isinstance(text, str) and not has_visible_text(text):
        raise Rejected(Stage.VALIDATE, Reason.EMPTY_TEXT, "text is empty", article_id=article_id)
    try:
        article = Article.model_validate(payload)
    except ValidationError as exc:
        raise Rejected(
            Stage.VALIDATE,
            Reason.CONTRACT_VIOLATION,
            _short_validation_message(exc),
            article_id=article_id,
        ) from exc
    if article.language.split("-")[0] not in settings.supported_languages:
        raise Rejected(
            Stage.VALIDATE,
            Reason.UNSUPPORTED_LANGUAGE,
            f"language {article.language!r} is not one of {settings.supported_languages}",
            article_id=article.article_id,
        )
    if looks_like_html(article.text):
        return _without_html(article, settings)
    return article


def _without_html(article: Article, settings: Settings) -> Article:
    if settings.html_policy is HtmlPolicy.REJECT:
        raise Rejected(
            Stage.VALIDATE,
            Reason.HTML_REJECTED,
            "text contains HTML markup (SITREP_HTML_POLICY=reject)",
            article_id=article.article_id,
        )
    try:
        text = html_to_text(article.text)
    except UnreadableHtml as exc:
        raise Rejected(
            Stage.VALIDATE, Reason.HTML_REJECTED, str(exc), article_id=article.article_id
        ) from exc
    if not has_visible_text(text):
        raise Rejected(
            Stage.VALIDATE,
            Reason.EMPTY_TEXT,
            "text is empty once HTML is removed",
            article_id=article.article_id,
        )
    return article.model_copy(update={"text": text})


def _parse_json(decoded: str) -> Any:
    try:
        return json.loads(
            decoded,
            object_pairs_hook=_unique_keys,
            parse_constant=_no_constant,
            parse_float=_finite_float,
            parse_int=_bounded_int,
        )
    except _BadJson as exc:
        raise Rejected(Stage.VALIDATE, Reason.CONTRACT_VIOLATION, str(exc)) from exc
    except (json.JSONDecodeError, RecursionError) as exc:
        raise Rejected(Stage.DESERIALIZE, Reason.NOT_JSON, f"not JSON: {exc}") from exc


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            raise _BadJson(f"duplicate key {key[:100]!r}: which value is meant is ambiguous")
        seen.add(key)
    return dict(pairs)


def _no_constant(name: str) -> float:
    raise _BadJson(f"{name} is not a JSON number")


def _finite_float(literal: str) -> float:
    number = float(literal)
    if not math.isfinite(number):
        raise _BadJson(f"number {literal[:40]} is out of range")
    return number


def _bounded_int(literal: str) -> int:
    if len(literal.lstrip("-")) > MAX_INT_DIGITS:
        raise _BadJson(f"integer of {len(literal)} digits is out of range")
    return int(literal)


def _lone_surrogate(value: object, path: str = "") -> str | None:
    """The path of the first string (key or value) holding a lone surrogate, or None."""
    if isinstance(value, str):
        return None if value.isascii() or _encodable(value) else (path or "<root>")
    if isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            if not _encodable(key):
                return path or "<root>"
            found = _lone_surrogate(item, where)
            if found is not None:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found = _lone_surrogate(item, f"{path}[{index}]")
            if found is not None:
                return found
    return None


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _short_validation_message(exc: ValidationError) -> str:
    problems = [
        f"{'.'.join(str(part) for part in error['loc']) or '<root>'}: {error['msg']}"
        for error in exc.errors()[:5]
    ]
    return "Article contract: " + "; ".join(problems)
