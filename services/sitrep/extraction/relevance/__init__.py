"""Relevance: is an article about conflict at all? Decided before events are looked for."""

from sitrep.extraction.relevance.gate import RelevanceGate

__all__ = ["RelevanceGate"]
