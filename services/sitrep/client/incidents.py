"""Typed reading of the incidents topic: each incident's revisions, newest only.

The stage writes a new message per change and delivers at least once, so a reader can see
an incident's revision twice or, after a replay, an older one after a newer one. This
yields each (incident, revision) at most once and never a revision older than one it gave
(remembering the newest `max_incidents` incidents seen). Everything else (groups, start
offsets, commits, idle timeout) is `TopicConsumer`'s.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from aiokafka.structs import ConsumerRecord

from sitrep.client.consumer import TopicConsumer
from sitrep.settings import Settings
from sitrep_contracts import Incident


class IncidentConsumer(TopicConsumer[Incident]):
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
        max_incidents: int = 100_000,
        **options: Any,
    ) -> None:
        if topic is None:
            settings = settings or Settings()
            topic = settings.incidents_topic
        super().__init__(
            topic=topic, contract=Incident, settings=settings, client_id=client_id, **options
        )
        self._revisions: OrderedDict[str, int] = OrderedDict()
        self._max_incidents = max_incidents

    def _accept(self, record: ConsumerRecord[bytes, bytes]) -> Incident | None:
        incident = super()._accept(record)
        if incident is None:
            return None
        if incident.revision <= self._revisions.get(incident.incident_id, 0):
            self.stats.duplicates += 1
            return None
        self._revisions[incident.incident_id] = incident.revision
        self._revisions.move_to_end(incident.incident_id)
        if len(self._revisions) > self._max_incidents:
            self._revisions.popitem(last=False)
        return incident
