"""The incident stage under test: real `sitrep incidents` processes, a known stream of
events and enrichments, and a count of what came out against what should have.

The stream: `clusters` incidents, each reported by `reports` articles with rising tolls,
at places far enough apart (and in several first-level regions, so several partitions) that
no two clusters may merge. Some articles are republished: one with the same event under a
new revision (its enrichment sent before its event, the reordering the router must absorb),
and every report of the last cluster is withdrawn (no open incident may hold them).
Some events are sent twice (at-least-once duplicates). Revisions carry `article_sequence`
as the worker stamps it (the article message's offset: a republished article's is greater).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from pydantic import BaseModel

from sitrep_contracts import ArticleEnrichment, EnrichedEvent, Incident, IncidentStatus
from tests.incidents_events import T0, enrichment, event, hours, place
from tests.integration.support import WorkerProcess, settings_env

Message = EnrichedEvent | ArticleEnrichment


class StageProcess(WorkerProcess):
    """`sitrep incidents` in a child process."""

    def start(self) -> StageProcess:
        env = {**os.environ, **settings_env(self.settings), "SITREP_WEB_PORT": str(self.web_port)}
        self._log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sitrep.cli.main", "incidents"],
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        return self


@dataclass
class Stream:
    messages: list[Message] = field(default_factory=list)
    expected: dict[int, frozenset[str]] = field(default_factory=dict)  # cluster -> standing ids
    expected_killed: dict[int, int] = field(default_factory=dict)
    retracted_cluster: int = -1


def make_stream(clusters: int, reports: int) -> Stream:
    stream = Stream()
    places = []
    sequence = iter(range(1_000_000))  # the article messages' offsets, in publication order
    for c in range(clusters):
        # 0.5 degrees apart: ~40-55 km, never within the 10 km a merge needs.
        where = place(
            f"Town {c}",
            45.0 + 0.5 * (c % 10),
            25.0 + 0.5 * (c // 10),
            geonameid=900_000 + c,
            admin1_code=f"UA.{c % 6:02d}",
        )
        places.append(where)
        standing = []
        for r in range(reports):
            article = f"c{c}-a{r}"
            item = event(
                f"c{c}-e{r}",
                article_id=article,
                sequence=next(sequence),
                location=where,
                killed=2 + r,
                published_at=T0 + hours(r),
                occurred_on=dt.date(2022, 9, 8),
            )
            stream.messages += [
                item,
                enrichment(
                    article, "r1", [item.event_id], item.published_at, item.article_sequence
                ),
            ]
            standing.append(item.event_id)
        stream.expected[c] = frozenset(standing)
        stream.expected_killed[c] = 2 + reports - 1
    # A republished article: same event, new revision; enrichment first (reordered).
    article, old = "c0-a0", "c0-e0"
    new = event(
        "c0-e0-r2",
        article_id=article,
        revision="r2",
        sequence=next(sequence),
        location=places[0],
        killed=2,
        published_at=T0 + hours(0.5),
    )
    republished = enrichment(article, "r2", [new.event_id], new.published_at, new.article_sequence)
    stream.messages += [republished, new]
    stream.expected[0] = (stream.expected[0] - {old}) | {new.event_id}
    # Every report of the last cluster withdrawn: its articles republished with no event.
    last = clusters - 1
    for r in range(reports):
        stream.messages.append(
            enrichment(f"c{last}-a{r}", "r9", [], T0 + hours(30), next(sequence))
        )
    stream.retracted_cluster = last
    # At-least-once: a few events delivered twice.
    stream.messages += [m for m in stream.messages[:40:7] if isinstance(m, EnrichedEvent)]
    return stream


async def publish(settings, messages: list[Message], per_second: float | None = None) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=settings.bootstrap_servers, acks="all")
    await producer.start()
    try:
        for message in messages:
            topic = (
                settings.events_topic
                if isinstance(message, EnrichedEvent)
                else settings.enrichments_topic
            )
            await producer.send_and_wait(
                topic, key=message.article_id.encode(), value=message.model_dump_json().encode()
            )
            if per_second:
                await asyncio.sleep(1.0 / per_second)
    finally:
        await producer.stop()


async def read_incidents(settings, done, timeout: float = 90.0) -> list[Incident]:
    """Every incident message from the start, until `done(latest)` or the timeout."""
    consumer = AIOKafkaConsumer(
        settings.incidents_topic,
        bootstrap_servers=settings.bootstrap_servers,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    seen: list[Incident] = []
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline and not done(latest(seen)):
            for batch in (await consumer.getmany(timeout_ms=300)).values():
                seen += [Incident.model_validate_json(r.value) for r in batch]
    finally:
        await consumer.stop()
    return seen


def latest(incidents: list[Incident]) -> dict[str, Incident]:
    newest: dict[str, Incident] = {}
    for incident in incidents:
        known = newest.get(incident.incident_id)
        if known is None or incident.revision > known.revision:
            newest[incident.incident_id] = incident
    return newest


class Outcome(BaseModel):
    incidents: int
    lost: list[int]  # clusters with no incident holding exactly their standing reports
    duplicated: list[int]  # clusters whose reports are spread over several incidents
    wrong_toll: list[int]
    retracted_ok: bool  # no open incident holds a withdrawn cluster's reports
    events_in_two_incidents: int
    messages: int
    revision_gaps: int  # revisions of an incident never seen (a message lost)


def outcome(stream: Stream, messages: list[Incident]) -> Outcome:
    newest = latest(messages)
    holders: dict[str, set[str]] = defaultdict(set)
    for incident in newest.values():
        for report in incident.reports:
            holders[report.event_id].add(incident.incident_id)
    lost, duplicated, wrong_toll = [], [], []
    retracted_ok = False
    for cluster, standing in stream.expected.items():
        ids = {i for e in standing for i in holders.get(e, set())}
        if len(ids) > 1:
            duplicated.append(cluster)
            continue
        incident = newest[ids.pop()] if ids else None
        got = (
            frozenset(r.event_id for r in incident.reports if not r.withdrawn) if incident else None
        )
        if cluster == stream.retracted_cluster:
            # Retracted, or never opened: the router drops events of a revision it has seen
            # replaced, which happens when the enrichments topic is read ahead of the events.
            retracted_ok = incident is None or incident.status is IncidentStatus.RETRACTED
            continue
        if got != standing:
            lost.append(cluster)
        elif [t.count for t in incident.tolls if t.kind.value == "killed"] != [
            stream.expected_killed[cluster]
        ]:
            wrong_toll.append(cluster)
    revisions: dict[str, set[int]] = defaultdict(set)
    for incident in messages:
        revisions[incident.incident_id].add(incident.revision)
    gaps = sum(max(r) - len(r) for r in revisions.values())
    return Outcome(
        incidents=len(newest),
        lost=lost,
        duplicated=duplicated,
        wrong_toll=wrong_toll,
        retracted_ok=retracted_ok,
        events_in_two_incidents=sum(len(h) > 1 for h in holders.values()),
        messages=len(messages),
        revision_gaps=gaps,
    )


def complete(stream: Stream):
    """A `done` for read_incidents: every cluster's incident is in its final state."""

    def done(newest: dict[str, Incident]) -> bool:
        result = outcome(stream, list(newest.values()))
        return (
            not result.lost
            and not result.duplicated
            and result.retracted_ok
            and not result.wrong_toll
        )

    return done
