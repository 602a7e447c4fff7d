"""Typed reading of the incidents topic: each incident's revisions, newest only.

The stage writes a new message per change and delivers at least once, so a reader can see
an incident's revision twice or, after a replay, an older one after a newer one. This
yields each (incident, revision) at most once and never a revision older than one it gave.
It shares `EventConsumer`'s group, commit and idle-timeout behaviour.
"""

from __future__ import annotations

from typing import Any, cast

import structlog
from aiokafka.structs import ConsumerRecord
from pydantic import ValidationError

from sitrep.client.consumer import EventConsumer
from sitrep.settings import Settings
from sitrep_contracts import Incident

log = structlog.get_logger(__name__)


class IncidentConsumer(EventConsumer):
    """Async iterator over the `Incident` revisions on the incidents topic.

    async with IncidentConsumer(idle_timeout_s=5) as incidents:
        async for incident in incidents:
            latest[incident.incident_id] = incident
    """

    def __init__(
        self,
        *,
        topic: str | None = None,
        settings: Settings | None = None,
        client_id: str = "sitrep-incident-consumer",
        **options: Any,
    ) -> None:
        settings = settings or Settings()
        super().__init__(
            topic=topic or settings.incidents_topic,
            settings=settings,
            client_id=client_id,
            **options,
        )
        self._revisions: dict[str, int] = {}

    def _accept(self, record: ConsumerRecord[bytes, bytes]) -> Incident | None:  # type: ignore[override]
        self.stats.received += 1
        try:
            incident = Incident.model_validate_json(record.value or b"")
        except ValidationError as exc:
            self.stats.malformed += 1
            log.warning(
                "incidents.malformed_skipped",
                topic=record.topic,
                partition=record.partition,
                offset=record.offset,
                error=str(exc)[:200],
            )
            return None
        if incident.revision <= self._revisions.get(incident.incident_id, 0):
            self.stats.duplicates += 1
            return None
        self._revisions[incident.incident_id] = incident.revision
        return incident

    async def __anext__(self) -> Incident:  # type: ignore[override]
        return cast(Incident, await super().__anext__())
