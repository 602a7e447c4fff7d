"""Per-article output bounds: every record fits the record budget, whatever the article.

An enrichment is several times the size of its article (every place with its gazetteer
entry and evidence), so dense prose or `"Kyiv, " * 20000` would make records no broker
takes. Events, places and entities are kept in text order up to their limits and while
their record fits `max_record_bytes`; what is left out is counted in the enrichment's
`omitted`, so nothing is cut silently. Bounding happens before anything is sent, so an
article's output is never refused half-way for its size.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.enricher.records import enrichment_record, event_record
from sitrep.settings import Settings
from sitrep.streaming import OutputRecord
from sitrep_contracts import ArticleEnrichment, EnrichedEvent, Omitted


@dataclass(frozen=True, slots=True)
class BoundedOutput:
    """An article's records (its events, then its enrichment) and what was left out."""

    records: list[OutputRecord]
    events: list[EnrichedEvent]
    omitted: Omitted


def bounded_output(
    events: list[EnrichedEvent], enrichment: ArticleEnrichment, settings: Settings
) -> BoundedOutput:
    budget = settings.max_record_bytes
    kept: list[EnrichedEvent] = []
    records: list[OutputRecord] = []
    for event in events[: settings.max_events_per_article]:
        record = event_record(settings.events_topic, event)
        if record.size <= budget:
            kept.append(event)
            records.append(record)
    limit = settings.max_places_per_article
    places, entities = enrichment.places[:limit], enrichment.entities[:limit]
    while True:
        omitted = Omitted(
            events=len(events) - len(kept),
            places=len(enrichment.places) - len(places),
            entities=len(enrichment.entities) - len(entities),
        )
        fitted = enrichment.model_copy(
            update={
                "places": places,
                "entities": entities,
                "event_ids": [event.event_id for event in kept],
                "omitted": omitted,
            }
        )
        record = enrichment_record(settings.enrichments_topic, fitted)
        if record.size <= budget or not (places or entities):
            break
        places, entities = places[: len(places) // 2], entities[: len(entities) // 2]
    return BoundedOutput(records=[*records, record], events=kept, omitted=omitted)
