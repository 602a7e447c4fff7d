"""Decoding and extraction in a child process, each article within a time budget.

Extraction is CPU-bound (about 20 ms for a 700-word article, seconds for a 1 MB one) and
parses untrusted input with C libraries. In the worker's own process it would stall the
event loop (no heartbeats, no liveness answers), and a pathological input could hold it
for ever. Options weighed:
- a thread keeps the loop responsive but cannot be stopped: an article over its budget
  would burn a core until it finished, however long;
- cooperative deadline checks need hooks all through the extraction library;
- a child process can be killed. This one: a pebble `ProcessPool` of one process (spawned,
  so no lock or thread is inherited from the event loop's process), whose task timeout
  kills the process and starts a fresh one (which loads the models again, ~10 s).

A crash or timeout in the child is that article's dead letter (`extraction_error`,
`extraction_timeout`); a child that cannot load its models stops the worker
(`StageUnavailable`), since no article could be processed.
"""

from __future__ import annotations

import asyncio
import gc
import multiprocessing
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from pebble import ProcessExpired, ProcessPool

from sitrep.enricher.bounds import bounded_output
from sitrep.enricher.decode import decode_article
from sitrep.extraction.revision import article_revision
from sitrep.settings import Settings
from sitrep.streaming import OutputRecord, Rejected, StageUnavailable
from sitrep_contracts import Article, Omitted, Reason, Stage

#: How long the child may take to load its models (the first run builds the gazetteer
#: index, ~30 s on a quiet core).
START_TIMEOUT_S = 600.0

if TYPE_CHECKING:
    import datetime as dt
    from concurrent.futures import Future

    from sitrep.extraction.extractor import Enrichment


class Enricher(Protocol):
    def enrich(self, article: Article, *, now: dt.datetime | None = None) -> Enrichment: ...


@dataclass(frozen=True, slots=True)
class Prepared:
    article: Article
    revision: str


@dataclass(frozen=True, slots=True)
class Extracted:
    records: list[OutputRecord]
    event_types: list[str]
    omitted: Omitted
    seconds: float


def prepare(value: bytes | None, settings: Settings) -> Prepared:
    """Decode and validate one message (raises `Rejected`), and name its revision."""
    article = decode_article(value, settings)
    return Prepared(article, article_revision(article))


def prepare_many(values: Sequence[bytes | None], settings: Settings) -> list[Prepared | Rejected]:
    """`prepare` for each message, a rejection in its place where it fails; raises only for
    an unexpected error (the caller then prepares them one at a time)."""
    prepared: list[Prepared | Rejected] = []
    for value in values:
        try:
            prepared.append(prepare(value, settings))
        except Rejected as rejected:
            prepared.append(rejected)
    return prepared


def extract(extractor: Enricher, article: Article, sequence: int, settings: Settings) -> Extracted:
    """Extract, stamp the revision's place in the input (`article_sequence`), bound, serialise."""
    started = time.perf_counter()
    try:
        enrichment = extractor.enrich(article)
    except Exception as exc:
        raise Rejected(
            Stage.ENRICH,
            Reason.EXTRACTION_ERROR,
            f"{type(exc).__name__}: {exc}",
            article_id=article.article_id,
            error_class=type(exc).__name__,
        ) from exc
    return _output(enrichment, sequence, settings, started)


def extract_many(
    extractor: Enricher, items: Sequence[tuple[Article, int]], settings: Settings
) -> list[Extracted]:
    """`extract` for each (article, sequence), the articles enriched together
    (`enrich_many`: one NER call for all). Raises if any of them fails: the caller then
    extracts them one at a time, so that one bad article fails only itself."""
    started = time.perf_counter()
    enrich_many = getattr(extractor, "enrich_many", None)
    articles = [article for article, _ in items]
    enrichments: list[Enrichment] = (
        enrich_many(articles) if enrich_many else [extractor.enrich(a) for a in articles]
    )
    # Each article is charged an equal share of the enrichment, and its own serialising.
    share = (time.perf_counter() - started) / max(len(items), 1)
    return [
        _output(enrichment, sequence, settings, time.perf_counter() - share)
        for enrichment, (_, sequence) in zip(enrichments, items, strict=True)
    ]


def _output(enrichment: Enrichment, sequence: int, settings: Settings, started: float) -> Extracted:
    stamp = {"article_sequence": sequence}
    output = bounded_output(
        [event.model_copy(update=stamp) for event in enrichment.events],
        enrichment.article.model_copy(update=stamp),
        settings,
    )
    return Extracted(
        records=output.records,
        event_types=[event.event_type.value for event in output.events],
        omitted=output.omitted,
        seconds=time.perf_counter() - started,
    )


class InProcessExtraction:
    """The same steps in this process, without a budget: for tests and offline tools."""

    def __init__(self, extractor: Enricher, settings: Settings) -> None:
        self._extractor = extractor
        self._settings = settings

    async def start(self) -> None:
        return None

    def close(self) -> None:
        return None

    async def prepare(self, value: bytes | None) -> Prepared:
        return prepare(value, self._settings)

    async def prepare_many(self, values: Sequence[bytes | None]) -> list[Prepared | Rejected]:
        return prepare_many(values, self._settings)

    async def extract(self, article: Article, sequence: int) -> Extracted:
        return extract(self._extractor, article, sequence, self._settings)

    async def extract_many(self, items: Sequence[tuple[Article, int]]) -> list[Extracted]:
        return extract_many(self._extractor, items, self._settings)


class ChildProcessExtraction:
    """The steps in one child process; an article over `extraction_timeout_s` kills it."""

    def __init__(self, settings: Settings, extractor: Enricher | None = None) -> None:
        self._settings = settings
        self._pool = ProcessPool(
            max_workers=1,
            context=multiprocessing.get_context("spawn"),
            initializer=_child_start,
            initargs=(settings, extractor),
        )
        self.started = False

    async def start(self, timeout_s: float = START_TIMEOUT_S) -> None:
        """Wait until the child has loaded its models."""
        try:
            await asyncio.wait_for(self._run(_child_ping, (), None, None), timeout_s)
        except TimeoutError as exc:
            raise StageUnavailable(
                f"the extraction process did not start in {timeout_s} s"
            ) from exc
        self.started = True

    def close(self) -> None:
        self._pool.stop()  # type: ignore[no-untyped-call]  # pebble leaves it unannotated
        self._pool.join(timeout=10)

    async def prepare(self, value: bytes | None) -> Prepared:
        budget = self._settings.extraction_timeout_s
        prepared: Prepared = await self._run(_child_prepare, (value,), budget, None)
        return prepared

    async def prepare_many(self, values: Sequence[bytes | None]) -> list[Prepared | Rejected]:
        """Several messages in one call, within one message's budget."""
        budget = self._settings.extraction_timeout_s
        prepared: list[Prepared | Rejected] = await self._run(
            _child_prepare_many, (values,), budget, None
        )
        return prepared

    async def extract(self, article: Article, sequence: int) -> Extracted:
        budget = self._settings.extraction_timeout_s
        extracted: Extracted = await self._run(
            _child_extract, (article, sequence), budget, article.article_id
        )
        return extracted

    async def extract_many(self, items: Sequence[tuple[Article, int]]) -> list[Extracted]:
        """Several articles in one call, within one article's budget (so each of them
        kept to its own); raises if any fails or the budget runs out."""
        budget = self._settings.extraction_timeout_s
        extracted: list[Extracted] = await self._run(_child_extract_many, (items,), budget, None)
        return extracted

    async def _run(
        self, function: Any, args: tuple[Any, ...], budget_s: float | None, article_id: str | None
    ) -> Any:
        future: Future[Any] = self._pool.schedule(function, args=args, timeout=budget_s)
        try:
            return await asyncio.wrap_future(future)
        except Rejected:
            raise
        except TimeoutError as exc:
            raise Rejected(
                Stage.ENRICH,
                Reason.EXTRACTION_TIMEOUT,
                f"not done within the {budget_s} s budget (SITREP_EXTRACTION_TIMEOUT_S)",
                article_id=article_id,
            ) from exc
        except ProcessExpired as exc:
            if not self.started:
                raise StageUnavailable(f"the extraction process could not start: {exc}") from exc
            raise Rejected(
                Stage.ENRICH,
                Reason.EXTRACTION_ERROR,
                f"the extraction process died on this article (exit code {exc.exitcode})",
                article_id=article_id,
            ) from exc
        except Exception as exc:
            if not self.started or not self._pool.active:
                raise StageUnavailable(f"the extraction process is unavailable: {exc!r}") from exc
            raise Rejected(
                Stage.ENRICH,
                Reason.EXTRACTION_ERROR,
                f"{type(exc).__name__}: {exc}",
                article_id=article_id,
            ) from exc


# --- in the child process ---------------------------------------------------------------


@dataclass
class _Child:
    settings: Settings
    extractor: Enricher


_CHILD: _Child | None = None  # set once per child process, by its initializer

#: The child's first-generation collection threshold (Python's default is 700). An
#: article allocates a great many short-lived containers, most freed by reference counting;
#: collecting every 20,000 instead of every 700 net allocations measured 1.03-1.05x on the
#: 30% stream and level on 700-word articles (0.97-1.07x), side by side in three runs
#: (benchmarks/README.md, round 11). What it costs: cyclic garbage lives a little longer.
CHILD_GC_THRESHOLD = 20_000


def _child_start(settings: Settings, extractor: Enricher | None) -> None:
    global _CHILD
    gc.set_threshold(CHILD_GC_THRESHOLD)
    if extractor is None:
        from sitrep.extraction import Extractor

        extractor = Extractor.load(settings)
    _CHILD = _Child(settings, extractor)


def _child() -> _Child:
    if _CHILD is None:
        raise RuntimeError("the extraction process was not initialised")
    return _CHILD


def _child_ping() -> bool:
    return _child() is not None


def _child_prepare(value: bytes | None) -> Prepared:
    return prepare(value, _child().settings)


def _child_prepare_many(values: Sequence[bytes | None]) -> list[Prepared | Rejected]:
    return prepare_many(values, _child().settings)


def _child_extract(article: Article, sequence: int) -> Extracted:
    child = _child()
    return extract(child.extractor, article, sequence, child.settings)


def _child_extract_many(items: Sequence[tuple[Article, int]]) -> list[Extracted]:
    child = _child()
    return extract_many(child.extractor, items, child.settings)
