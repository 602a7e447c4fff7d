"""Article revisions: same id with new text is a new revision."""

from __future__ import annotations

import hashlib


def article_revision(text: str) -> str:
    """Short SHA-256 of the text; stable across processes and versions."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
