"""Helpers shared by the benchmark scripts: corpus, statistics, result files, processes.

Benchmarks run on shared, noisy machines. So every script repeats its measurement and
reports the median, and every comparison (end-to-end vs in-process, two workers vs one) is
a ratio of two numbers measured in the same run, never a single absolute time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import os
import platform
import random
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
RESULTS = BENCH_DIR / "results"
SAMPLES = REPO / "services" / "sitrep" / "samples"


# --------------------------------------------------------------------------------------
# Corpus
# --------------------------------------------------------------------------------------

# A sentence ends at . ! ? (optionally closed by a quote) before a capital, digit or quote.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")
_WORD = re.compile(r"\S+")


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def eval_dir() -> Path | None:
    """`../shared/eval` next to the repository, or /work/shared/eval; None when absent.

    These texts are read at run time only and never copied into the repository.
    """
    for candidate in (REPO.parent / "shared" / "eval", Path("/work/shared/eval")):
        if candidate.is_dir() and any(candidate.glob("*.jsonl")):
            return candidate
    return None


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


@dataclass(frozen=True)
class ParagraphPool:
    """Paragraphs to recombine, by kind: conflict reporting and general local news."""

    conflict: list[str]
    general: list[str]
    sources: dict[str, int]


def load_paragraphs() -> ParagraphPool:
    """Paragraphs of the shipped samples, plus the eval texts when they are present.

    Conflict reporting:
    - samples/*.txt: one paragraph per line (full wire stories).
    - ACLED notes (short event descriptions): grouped 2-4 per paragraph when articles are
      built, so a paragraph here is one note.
    - UCDP-AEC full articles: one paragraph per line.
    General news: LGL articles (US local news, 2009) and GeoVirus articles (WikiNews on
    disease outbreaks), re-cut into paragraphs of 2-4 sentences.
    """
    conflict: list[str] = []
    general: list[str] = []
    sources: dict[str, int] = {}
    for path in sorted(SAMPLES.glob("*.txt")):
        paragraphs = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        paragraphs = [p for p in paragraphs if word_count(p) >= 5]
        conflict.extend(paragraphs)
        sources[f"samples/{path.name}"] = len(paragraphs)
    for name, texts in other_news_texts().items():
        cut = [p for text in texts for p in _recut(text)]
        general.extend(cut)
        sources[f"eval/{name}"] = len(cut)
    folder = eval_dir()
    if folder is not None:
        for path in sorted(folder.glob("acled*.jsonl")):
            notes = [str(row["text"]).strip() for row in _rows(path)]
            notes = [t for t in notes if word_count(t) >= 5]
            conflict.extend(notes)
            sources[f"eval/{path.name}"] = len(notes)
        for path in sorted(folder.glob("ucdp-aec-*.jsonl")):
            if path.name.endswith("-incidents.jsonl"):
                continue
            lines = [
                line.strip()
                for row in _rows(path)
                for line in str(row["source_article"]).splitlines()
            ]
            lines = [line for line in lines if word_count(line) >= 12]
            conflict.extend(lines)
            sources[f"eval/{path.name}"] = len(lines)
    return ParagraphPool(conflict=conflict, general=general, sources=sources)


def other_news_texts() -> dict[str, list[str]]:
    """Whole articles of other news (no conflict event expected or mostly none): the LGL
    and GeoVirus texts of ../shared/eval, when present. Read at run time only."""
    folder = eval_dir()
    if folder is None:
        return {}
    out: dict[str, list[str]] = {}
    for pattern in ("lgl*.jsonl", "geovirus*.jsonl"):
        for path in sorted(folder.glob(pattern)):
            texts = [str(row["text"]).strip() for row in _rows(path)]
            out[path.name] = [t for t in texts if word_count(t) >= 5]
    return out


def _rows(path: Path) -> list[dict[str, Any]]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def _recut(text: str, step: int = 3) -> list[str]:
    sentences = split_sentences(text)
    cut = [" ".join(sentences[i : i + step]) for i in range(0, len(sentences), step)]
    return [p for p in cut if word_count(p) >= 8]


def target_lengths(
    rng: random.Random, n: int, *, median: int = 700, low: int = 300, high: int = 1500
) -> list[int]:
    """Log-normal article lengths around `median`, clipped to [low, high] words."""
    return [
        min(high, max(low, round(rng.lognormvariate(math.log(median), 0.42)))) for _ in range(n)
    ]


def compose_article(rng: random.Random, pool: ParagraphPool, words: int) -> str:
    """One article of about `words` words: a lead, then a mix of paragraphs.

    Each paragraph has a chance to have its sentences shuffled, so articles differ even when
    they draw the same paragraphs. About 70% of the text is conflict reporting and the rest
    general news, as in a real feed where not every paragraph carries an event.
    """
    paragraphs: list[str] = []
    total = 0
    while total < words:
        if pool.general and rng.random() < 0.3:
            paragraph = rng.choice(pool.general)
        else:
            # Short ACLED notes are grouped, so a paragraph reads like a few sentences.
            parts = [rng.choice(pool.conflict)]
            while word_count(" ".join(parts)) < 25 and rng.random() < 0.8:
                parts.append(rng.choice(pool.conflict))
            paragraph = " ".join(parts)
        if rng.random() < 0.5:
            sentences = split_sentences(paragraph)
            rng.shuffle(sentences)
            paragraph = " ".join(sentences)
        left = words - total
        if word_count(paragraph) > left + 40:
            # Cut the last paragraph at a sentence boundary near the target length.
            kept: list[str] = []
            for sentence in split_sentences(paragraph):
                if kept and word_count(" ".join(kept)) >= left:
                    break
                kept.append(sentence)
            paragraph = " ".join(kept)
        paragraphs.append(paragraph)
        total += word_count(paragraph)
    return "\n".join(paragraphs)


@dataclass(frozen=True)
class CorpusText:
    article_id: str
    text: str
    words: int
    published_at: dt.datetime


def generate_corpus(
    n: int,
    *,
    seed: int = 20220909,
    prefix: str = "bench",
    median_words: int = 700,
    fixed_words: int | None = None,
    pool: ParagraphPool | None = None,
) -> list[CorpusText]:
    """`n` different articles, reproducible from `seed`.

    With `fixed_words`, every article has about that many words (within a few percent);
    otherwise lengths follow `target_lengths` (300-1500 words, median `median_words`).
    """
    pool = pool or load_paragraphs()
    rng = random.Random(seed)
    lengths = [fixed_words] * n if fixed_words else target_lengths(rng, n, median=median_words)
    seen: set[str] = set()
    corpus: list[CorpusText] = []
    base = dt.datetime(2022, 3, 1, 12, tzinfo=dt.UTC)
    for i, words in enumerate(lengths):
        for _ in range(100):
            text = compose_article(rng, pool, words)
            digest = hashlib.sha256(text.encode()).hexdigest()
            if digest not in seen:
                break
        seen.add(digest)
        published = base + dt.timedelta(days=rng.randrange(0, 500), minutes=rng.randrange(0, 1440))
        corpus.append(CorpusText(f"{prefix}-{seed}-{i:05d}", text, word_count(text), published))
    return corpus


def to_articles(corpus: Iterable[CorpusText], *, id_prefix: str = "") -> list[Any]:
    """`sitrep_contracts.Article` models (imported lazily: corpus stats need no pydantic)."""
    from sitrep_contracts import Article

    return [
        Article(
            article_id=f"{id_prefix}{item.article_id}",
            text=item.text,
            published_at=item.published_at,
            source="benchmark",
        )
        for item in corpus
    ]


# --------------------------------------------------------------------------------------
# Statistics
# --------------------------------------------------------------------------------------


def ner_windows(analyzer: Any, texts: Iterable[str]) -> list[list[str]]:
    """The texts each article sends to the NER, as `TextAnalyzer.analyze` sends them (one
    `_ner_docs` call per article that has any): recorded by analysing `texts` once."""
    from sitrep.extraction.geo import analyzer as module

    read = module._ner_docs
    windows: list[list[str]] = []

    def recording(nlp: Any, sent: list[str]) -> Any:
        windows.append(list(sent))
        return read(nlp, sent)

    module._ner_docs = recording
    try:
        for text in texts:
            analyzer.analyze(text)
    finally:
        module._ner_docs = read
    return windows


def percentile(values: Sequence[float], q: float) -> float:
    """Linear-interpolated percentile, q in [0, 100] (numpy's default method)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = math.floor(position)
    high = math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def percentiles(values: Sequence[float], qs: Iterable[float] = (50, 95, 99)) -> dict[str, float]:
    return {f"p{q:g}": percentile(values, q) for q in qs}


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def spread(values: Sequence[float]) -> dict[str, Any]:
    """Median with min and max of the runs, so readers see how noisy a number was."""
    return {"median": median(values), "min": min(values), "max": max(values), "runs": list(values)}


def median_of_runs(
    measure: Callable[[int], dict[str, float]], runs: int, *, key: str
) -> tuple[dict[str, Any], list[dict[str, float]]]:
    """Call `measure(run_index)` `runs` times; return the run whose `key` is the median
    (so all of its numbers belong together) and every run."""
    results = [measure(i) for i in range(runs)]
    ordered = sorted(results, key=lambda r: r[key])
    return ordered[(len(ordered) - 1) // 2], results


# --------------------------------------------------------------------------------------
# Machine info and result files
# --------------------------------------------------------------------------------------


def pin_to_one_core() -> int | None:
    """Run this process on the last usable CPU (one core, the same one for every run), where
    the platform allows it; the CPU pinned, or None."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    cpu = max(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return cpu


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def git_commit() -> dict[str, Any]:
    """HEAD and whether the tree had local changes (read-only git commands)."""

    def run(*args: str) -> str:
        try:
            return subprocess.run(
                ["git", *args], cwd=REPO, capture_output=True, text=True, timeout=10, check=False
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    status = run("status", "--porcelain", "--untracked-files=no")
    return {
        "commit": run("rev-parse", "HEAD") or "unknown",
        "dirty": bool(status),
        "changed_files": status.splitlines()[:20],
    }


def machine_info() -> dict[str, Any]:
    try:
        affinity = len(os.sched_getaffinity(0))
    except AttributeError:
        affinity = os.cpu_count() or 0
    try:
        load = os.getloadavg()
    except OSError:
        load = (float("nan"),) * 3
    return {
        "cpu_count": os.cpu_count(),
        "cpus_usable": affinity,
        "cpu_model": cpu_model(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "loadavg_at_start": [round(x, 2) for x in load],
        "git": git_commit(),
    }


def write_result(
    name: str,
    command: list[str],
    config: dict[str, Any],
    results: dict[str, Any],
    machine: dict[str, Any],
    started: float,
) -> Path:
    """benchmarks/results/<name>.json: the latest run (older runs are in git history)."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    try:
        load_end = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        load_end = []
    payload = {
        "benchmark": name,
        "finished_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "duration_s": round(time.monotonic() - started, 1),
        "command": " ".join(["python", *command]),
        "machine": {**machine, "loadavg_at_end": load_end},
        "config": config,
        "results": results,
    }
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(payload, indent=2, default=_json_default) + "\n", encoding="utf-8")
    return path


def _json_default(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


def rounded(value: Any, digits: int = 3) -> Any:
    """Round floats recursively (JSON results stay readable)."""
    if isinstance(value, float):
        return round(value, digits) if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: rounded(v, digits) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [rounded(v, digits) for v in value]
    return value


def print_table(title: str, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A GitHub-flavoured Markdown table (readable on a terminal, pasteable in README)."""

    def cell(value: Any) -> str:
        if isinstance(value, float):
            if not math.isfinite(value):
                return "n/a"
            if abs(value) >= 100:
                return f"{value:,.0f}"
            if abs(value) >= 10:
                return f"{value:.1f}"
            return f"{value:.2f}"
        return str(value)

    text_rows = [[cell(v) for v in row] for row in rows]
    widths = [
        max(len(h), *(len(r[i]) for r in text_rows)) if text_rows else len(h)
        for i, h in enumerate(headers)
    ]
    lines = [
        f"\n### {title}\n",
        "| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |",
        "|" + "|".join("-" * (w + 2) for w in widths) + "|",
    ]
    lines += [
        "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |"
        for r in text_rows
    ]
    out = "\n".join(lines)
    print(out, flush=True)
    return out


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("MET" if ok else "NOT MET")


# --------------------------------------------------------------------------------------
# Processes
# --------------------------------------------------------------------------------------

CLK_TCK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def proc_status_kb(pid: int, field_name: str) -> int | None:
    """A `kB` field of /proc/<pid>/status, e.g. VmRSS or VmHWM (peak RSS)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


def proc_cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds a process has used so far (/proc/<pid>/stat)."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
        fields = raw[raw.rindex(")") + 2 :].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK
    except (OSError, ValueError, IndexError):
        return None


def self_cpu_seconds() -> float:
    return time.process_time()


def sitrep_env(settings: Any) -> dict[str, str]:
    """Environment for a worker process, from a Settings object (as an operator sets it)."""
    return {
        **settings.as_environment(),
        "SITREP_LOG_FORMAT": "json",
        "SITREP_LOG_LEVEL": settings.log_level,
    }


def bench_settings(bootstrap_servers: str, prefix: str, **overrides: Any) -> Any:
    """Settings with topics and consumer group unique to one benchmark run."""
    from sitrep.settings import Settings

    values: dict[str, Any] = {"kafka_bootstrap_servers": bootstrap_servers, "topic_partitions": 4}
    values.update(overrides)
    return Settings.model_validate(values).namespaced(prefix)


@dataclass
class WorkerProcess:
    """A worker in a child process (`sitrep worker`, or the pass-through entry point)."""

    settings: Any
    log_path: Path
    argv: list[str] = field(
        default_factory=lambda: [sys.executable, "-m", "sitrep.cli.main", "worker"]
    )
    web_port: int = 0
    extra_env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0

    def start(self) -> WorkerProcess:
        from sitrep.broker.embedded import free_port

        self.web_port = self.web_port or free_port()
        env = {
            **os.environ,
            **sitrep_env(self.settings),
            "SITREP_WEB_PORT": str(self.web_port),
            "SITREP_WEB_HOST": "127.0.0.1",
            **self.extra_env,
        }
        self._log = self.log_path.open("ab")
        self.started_at = time.perf_counter()
        self.process = subprocess.Popen(
            self.argv, env=env, stdout=self._log, stderr=subprocess.STDOUT, cwd=REPO
        )
        return self

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def ready(self) -> dict[str, Any] | None:
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{self.web_port}/health/ready", timeout=1
            ) as response:
                return json.loads(response.read())  # type: ignore[no-any-return]
        except (OSError, ValueError):
            return None

    def check_alive(self) -> None:
        if self.process is None or self.process.poll() is not None:
            tail = (
                self.log_path.read_text(errors="replace")[-3000:] if self.log_path.exists() else ""
            )
            raise RuntimeError(f"worker exited early; log {self.log_path}:\n{tail}")

    def rss_mb(self) -> float | None:
        kb = proc_status_kb(self.pid, "VmRSS")
        return None if kb is None else kb / 1024

    def peak_rss_mb(self) -> float | None:
        kb = proc_status_kb(self.pid, "VmHWM")
        return None if kb is None else kb / 1024

    def cpu_seconds(self) -> float | None:
        return proc_cpu_seconds(self.pid)

    def stop(self, timeout: float = 20.0) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        if hasattr(self, "_log"):
            self._log.close()


# --------------------------------------------------------------------------------------
# Kafka: a paced publisher and an output watcher that timestamps arrivals per article id
# --------------------------------------------------------------------------------------

#: The watcher's own fetch wait. Tansu (the embedded broker) answers a fetch only when its
#: max wait expires, not when data arrives (measured: latency spread evenly over the wait),
#: so a short wait keeps the observer's own hop out of the latency numbers.
WATCHER_FETCH_WAIT_MS = 20


def broker_pid(broker: Any) -> int | None:
    """The embedded broker's pid, for CPU accounting (EmbeddedBroker keeps it private)."""
    process = getattr(broker, "_process", None)
    return None if process is None else int(process.pid)


async def create_topics(settings: Any) -> None:
    from sitrep.broker.admin import ensure_topics

    await ensure_topics(settings)


class OutputWatcher:
    """Reads one topic from the beginning (all partitions, no consumer group) and records,
    per message key (the article id), when it arrived and how many events it announced."""

    def __init__(
        self, bootstrap_servers: str, topic: str, partitions: int, *, parse_events: bool = True
    ):
        self.bootstrap_servers = bootstrap_servers
        self.topic = topic
        self.partitions = partitions
        self.parse_events = parse_events
        self.arrivals: dict[str, float] = {}
        self.events: dict[str, int] = {}
        self.bytes = 0
        self._task: Any = None

    async def start(self) -> OutputWatcher:
        import asyncio

        from aiokafka import AIOKafkaConsumer, TopicPartition

        self._consumer = AIOKafkaConsumer(
            bootstrap_servers=self.bootstrap_servers,
            enable_auto_commit=False,
            fetch_max_wait_ms=WATCHER_FETCH_WAIT_MS,
            max_partition_fetch_bytes=8 * 1024 * 1024,
        )
        await self._consumer.start()
        self._consumer.assign([TopicPartition(self.topic, p) for p in range(self.partitions)])
        await self._consumer.seek_to_beginning()
        self._task = asyncio.create_task(self._run())
        return self

    async def _run(self) -> None:
        while True:
            batches = await self._consumer.getmany(timeout_ms=100, max_records=5000)
            now = time.perf_counter()
            for records in batches.values():
                for record in records:
                    key = record.key.decode() if record.key else ""
                    self.arrivals.setdefault(key, now)
                    self.bytes += len(record.value or b"")
                    if self.parse_events and record.value:
                        self.events[key] = len(json.loads(record.value).get("event_ids", []))

    async def wait_for(self, ids: Iterable[str], timeout: float) -> bool:
        import asyncio

        wanted = list(ids)
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self._task is not None and self._task.done():
                self._task.result()  # re-raise a consumer failure
            if all(i in self.arrivals for i in wanted):
                return True
            await asyncio.sleep(0.02)
        return False

    async def stop(self) -> None:
        import asyncio
        import contextlib

        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await self._consumer.stop()


@dataclass(frozen=True)
class Prepared:
    """An article serialized ahead of time, so publishing costs the producer only."""

    article_id: str
    key: bytes
    value: bytes
    headers: list[tuple[str, bytes]]
    words: int


def prepare(articles: Iterable[Any], words: Iterable[int] | None = None) -> list[Prepared]:
    from sitrep.publisher import article_headers

    articles = list(articles)
    counts = list(words) if words is not None else [0] * len(articles)
    return [
        Prepared(
            a.article_id, a.article_id.encode(), a.model_dump_json().encode(), article_headers(a), w
        )
        for a, w in zip(articles, counts, strict=True)
    ]


class Publisher:
    """An aiokafka producer configured like `sitrep publish` (acks=all, linger 5 ms) that
    records the publish time of each article id."""

    def __init__(self, bootstrap_servers: str, topic: str) -> None:
        self.bootstrap_servers = bootstrap_servers
        self.topic = topic
        self.sent_at: dict[str, float] = {}

    async def start(self) -> Publisher:
        from aiokafka import AIOKafkaProducer

        self._producer = AIOKafkaProducer(
            bootstrap_servers=self.bootstrap_servers,
            acks="all",
            linger_ms=5,
            max_request_size=2 * 1024 * 1024,
        )
        await self._producer.start()
        return self

    async def send(self, item: Prepared) -> Any:
        self.sent_at[item.article_id] = time.perf_counter()
        return await self._producer.send(
            self.topic, key=item.key, value=item.value, headers=item.headers
        )

    async def burst(self, items: Sequence[Prepared]) -> float:
        """Send everything at once and wait for every acknowledgement; returns the start time."""
        import asyncio

        start = time.perf_counter()
        futures = [await self.send(item) for item in items]
        await asyncio.gather(*futures)
        return start

    async def paced(self, items: Sequence[Prepared], rate: float) -> dict[str, float]:
        """Open-loop: article i goes out at start + i/rate whatever the consumers do."""
        import asyncio

        futures = []
        start = time.perf_counter()
        worst_lag = 0.0
        for i, item in enumerate(items):
            due = start + i / rate
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            worst_lag = max(worst_lag, time.perf_counter() - due)
            futures.append(await self.send(item))
        await asyncio.gather(*futures)
        elapsed = time.perf_counter() - start
        return {
            "offered_rate": rate,
            "achieved_rate": len(items) / elapsed if elapsed else 0.0,
            "publisher_worst_lag_s": worst_lag,
        }

    async def stop(self) -> None:
        await self._producer.stop()


def latencies_ms(publisher: Publisher, watcher: OutputWatcher, ids: Iterable[str]) -> list[float]:
    return [
        (watcher.arrivals[i] - publisher.sent_at[i]) * 1000
        for i in ids
        if i in watcher.arrivals and i in publisher.sent_at
    ]


def machine_busy_seconds() -> float:
    """CPU seconds every process on the machine has used (all of /proc/stat but idle)."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:8]]
    except (OSError, ValueError):
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq = fields
    return (user + nice + system + irq + softirq) / CLK_TCK


class CpuMeter:
    """CPU seconds used by named processes between `start()` and `stop()`."""

    def __init__(self, pids: dict[str, int | None]) -> None:
        self.pids = {name: pid for name, pid in pids.items() if pid}
        self._start: dict[str, float] = {}

    def _read(self) -> dict[str, float]:
        values = {name: proc_cpu_seconds(pid) or 0.0 for name, pid in self.pids.items()}
        values["benchmark"] = self_cpu_seconds()
        values["machine_busy"] = machine_busy_seconds()
        return values

    def start(self) -> CpuMeter:
        self._start = self._read()
        self._wall = time.perf_counter()
        return self

    def stop(self) -> dict[str, float]:
        end = self._read()
        wall = time.perf_counter() - self._wall
        used = {name: end[name] - self._start.get(name, 0.0) for name in end}
        used["wall"] = wall
        return used
