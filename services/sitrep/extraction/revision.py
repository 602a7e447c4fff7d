"""Article revisions: any change to what the extractor reads is a new revision."""

from __future__ import annotations

import hashlib
import json

from sitrep_contracts import Article


def article_revision(article: Article) -> str:
    """Short SHA-256 of the fields that shape the output; stable across processes.

    The extractor reads the text, the publication time (relative dates resolve against
    it) and the language; a corrected `published_at` must give new event ids. Fields it
    does not read (url, source, title, metadata, ingested_at) stay out, so a re-crawl with
    a new `ingested_at` is the same revision. Extend the list when the extractor reads more.
    """
    shaping = [article.text, article.published_at.isoformat(), article.language]
    encoded = json.dumps(shaping, ensure_ascii=False).encode("utf-8", "surrogatepass")
    return hashlib.sha256(encoded).hexdigest()[:16]
