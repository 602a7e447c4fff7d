"""How an article's revisions are named and ordered, shared by events and enrichments."""

from __future__ import annotations

from typing import Final

REVISION_DESCRIPTION: Final = (
    "Names the article's content: a SHA-256 prefix of every field the extractor reads "
    "(text, published_at, language). A change to any of them is a new revision, with new "
    "event ids."
)
SEQUENCE_DESCRIPTION: Final = (
    "Orders the revisions of one article: the offset of the article message on the "
    "articles topic (an article's messages share one partition, keyed by article_id). For "
    "one article_id, the output with the greatest article_sequence is current and "
    "supersedes the rest. Null when extracted offline."
)
