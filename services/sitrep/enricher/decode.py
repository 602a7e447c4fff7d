"""Bytes from the articles topic to a valid `Article`, or a typed rejection.

Every check that can fail on user input lives here, so the dead-letter reasons are one list.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser

from pydantic import ValidationError

from sitrep.settings import HtmlPolicy, Settings
from sitrep_contracts import Article, Reason, Stage

# Bounded, linear patterns: a tag name after '<', never a nested quantifier.
_HTML_TAG = re.compile(
    r"</?(?:p|div|br|span|a|html|body|script|style|b|i|em|strong|h[1-6])\b", re.I
)


class Rejected(Exception):
    """A message that cannot be processed; carries the dead-letter stage and reason."""

    def __init__(
        self, stage: Stage, reason: Reason, message: str, *, article_id: str | None = None
    ):
        super().__init__(message)
        self.stage = stage
        self.reason = reason
        self.article_id = article_id


class _TextOnly(HTMLParser):
    """Collects text nodes, dropping script and style bodies."""

    _SKIP = frozenset({"script", "style", "head", "noscript"})
    _BLOCK = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skipping:
            self._skipping -= 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def looks_like_html(text: str) -> bool:
    return _HTML_TAG.search(text) is not None


def strip_html(text: str) -> str:
    parser = _TextOnly()
    parser.feed(text)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return html.unescape("\n".join(line for line in lines if line))


def decode_article(value: bytes | None, settings: Settings) -> Article:
    """Validate one message value. Raises `Rejected` with the reason it cannot be processed."""
    if value is None:
        raise Rejected(Stage.DESERIALIZE, Reason.NOT_JSON, "message has no value (tombstone)")
    if len(value) > settings.max_article_bytes:
        raise Rejected(
            Stage.DESERIALIZE,
            Reason.TOO_LARGE,
            f"message is {len(value)} bytes; the limit is {settings.max_article_bytes}",
        )
    try:
        decoded = value.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Rejected(Stage.DESERIALIZE, Reason.INVALID_UTF8, str(exc)) from exc
    try:
        payload = json.loads(decoded)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise Rejected(Stage.DESERIALIZE, Reason.NOT_JSON, f"not JSON: {exc}") from exc
    if not isinstance(payload, dict):
        raise Rejected(
            Stage.VALIDATE, Reason.CONTRACT_VIOLATION, "an Article must be a JSON object"
        )
    article_id = payload.get("article_id") if isinstance(payload.get("article_id"), str) else None
    text = payload.get("text")
    if isinstance(text, str) and not text.strip():
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
        if settings.html_policy is HtmlPolicy.REJECT:
            raise Rejected(
                Stage.VALIDATE,
                Reason.HTML_REJECTED,
                "text contains HTML markup (SITREP_HTML_POLICY=reject)",
                article_id=article.article_id,
            )
        stripped = strip_html(article.text)
        if not stripped.strip():
            raise Rejected(
                Stage.VALIDATE,
                Reason.EMPTY_TEXT,
                "text is empty once HTML is removed",
                article_id=article.article_id,
            )
        article = article.model_copy(update={"text": stripped})
    return article


def _short_validation_message(exc: ValidationError) -> str:
    problems = [
        f"{'.'.join(str(part) for part in error['loc']) or '<root>'}: {error['msg']}"
        for error in exc.errors()[:5]
    ]
    return "Article contract: " + "; ".join(problems)
