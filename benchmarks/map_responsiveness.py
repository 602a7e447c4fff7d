"""How the map page behaves in headless Chromium: 10,000 events, and publish-to-marker latency.

Part 1: 10,000 synthetic events on the events topic, a real `sitrep map`, a fresh Chromium
per run. Measured in the page: time from navigation to the replay drawn (list and map
filled: the page is usable), long tasks before that, input-to-paint latency of filter
changes and of opening an event, and frame times while panning and zooming with the
keyboard.

Part 2: a real worker and an empty map; articles (paragraphs of the bundled samples) are
published one at a time, and the page records when each article's first event enters the
list (the list and the markers are drawn in the same frame). Latency = that moment minus
the moment before the publish call, one wall clock for both.

    python benchmarks/map_responsiveness.py [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import (
    REPO,
    WorkerProcess,
    bench_settings,
    machine_info,
    median,
    percentiles,
    print_table,
    proc_status_kb,
    rounded,
    write_result,
)

sys.path.insert(0, str(REPO))  # the tests' browser and event helpers

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.browser.chromium import chromium, unavailable_reason
from tests.browser.support import MapProcess, publish_events, wait_for
from tests.integration.support import paragraph_articles, produce
from tests.map_events import many_events

#: Installed before the page's own scripts: long tasks, and frame timestamps on demand.
RECORDERS = """
window.__long = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__long.push([entry.startTime, entry.duration]);
}).observe({ type: 'longtask', buffered: true });
window.__frames = [];
window.__recordFrames = () => {
  window.__frames = [];
  const tick = (t) => { window.__frames.push(t); if (window.__recording) requestAnimationFrame(tick); };
  window.__recording = true;
  requestAnimationFrame(tick);
};
"""

#: Runs an action given as the second argument's name, then waits two frames: input to the
#: first frame painted after the page's handlers ran.
TO_PAINT = """
const [action, value, done] = arguments;
const start = performance.now();
if (action === 'min_killed') {
  const box = document.getElementById('min-killed');
  box.value = value;
  box.dispatchEvent(new Event('input', { bubbles: true }));
} else if (action === 'type') {
  const box = document.querySelector(`input[name=type][value="${value}"]`);
  box.checked = !box.checked;
  box.dispatchEvent(new Event('change', { bubbles: true }));
} else if (action === 'open') {
  document.querySelectorAll('#event-list button')[value].click();
}
requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - start)));
"""

ARRIVALS = """
window.__arrived = {};
new MutationObserver(() => {
  for (const li of document.querySelectorAll('#event-list li')) {
    window.__arrived[li.dataset.article] ??= Date.now();
  }
}).observe(document.getElementById('event-list'), { childList: true });
"""


def page_run(url: str) -> dict[str, Any]:
    """One fresh browser: load, then the interactions, all timed inside the page."""
    with chromium() as driver:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORDERS})
        driver.get(url)
        wait_for(driver, "return document.body.dataset.state === 'ready'", 120)
        drawn = driver.execute_script(
            "return performance.getEntriesByName('sitrep-replay-drawn')[0].startTime"
        )
        long_tasks = driver.execute_script("return window.__long")
        before = [duration for start, duration in long_tasks if start <= drawn]
        filters = [
            driver.execute_async_script(TO_PAINT, "min_killed", value)
            for value in ("1", "3", "8", "13", "")
        ]
        types = [
            driver.execute_async_script(TO_PAINT, "type", "Battles") for _ in range(4)
        ]  # off, on, off, on
        opens = [driver.execute_async_script(TO_PAINT, "open", i) for i in range(4)]
        driver.find_element(By.ID, "detail-close").click()

        driver.execute_script("window.__recordFrames()")
        map_element = driver.find_element(By.ID, "map")
        map_element.click()
        for key in [Keys.ARROW_RIGHT] * 6 + ["+", "+"] + [Keys.ARROW_DOWN] * 6 + ["-", "-"]:
            map_element.send_keys(key)
            time.sleep(0.12)
        time.sleep(0.5)
        frames = driver.execute_script("window.__recording = false; return window.__frames")
        intervals = [b - a for a, b in itertools.pairwise(frames)]
        shown = driver.execute_script("return document.body.dataset.shown")
    return {
        "replay_drawn_ms": drawn,
        "long_tasks_before_drawn": len(before),
        "long_task_ms_before_drawn": sum(before),
        "longest_task_ms": max((d for _, d in long_tasks), default=0.0),
        "filter_to_paint_ms": filters,
        "type_toggle_to_paint_ms": types,
        "open_event_to_paint_ms": opens,
        "pan_zoom_frame_ms": percentiles(intervals, (50, 95, 99)) | {"max": max(intervals)},
        "frames": len(frames),
        "events_shown_after_filters": int(shown),
    }


def publish_latency(bootstrap: str, logs: Path, articles: int) -> dict[str, Any]:
    settings = bench_settings(bootstrap, f"bench-map-live-{int(time.time())}")
    asyncio.run(_ensure(settings))
    worker = WorkerProcess(settings, logs / "worker.log").start()
    server = MapProcess(settings, logs / "map-live.log").start()
    try:
        server.wait_holding(0, timeout=120)
        deadline = time.monotonic() + 180
        while not worker.ready():
            worker.check_alive()
            if time.monotonic() > deadline:
                raise RuntimeError("worker not ready in 180s")
            time.sleep(0.25)
        with chromium() as driver:
            driver.get(server.url)
            wait_for(driver, "return document.body.dataset.state === 'ready'", 60)
            driver.execute_script(ARRIVALS)
            published: dict[str, float] = {}
            for article_id, body in paragraph_articles("live", articles):
                published[article_id] = time.time() * 1000
                asyncio.run(
                    produce(bootstrap, settings.articles_topic, [(article_id.encode(), body, [])])
                )
                time.sleep(0.3)
            time.sleep(3)
            arrived = driver.execute_script("return window.__arrived")
    finally:
        server.stop()
        worker.stop()
    latencies = [arrived[a] - t for a, t in published.items() if a in arrived]
    return {
        "articles_published": len(published),
        "articles_with_events_shown": len(latencies),
        "latency_ms": percentiles(latencies, (50, 95)) | {"max": max(latencies, default=0.0)},
        "all_ms": sorted(latencies),
    }


async def _ensure(settings: Any) -> None:
    from sitrep.broker.admin import ensure_topics

    await ensure_topics(settings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 page runs, 10 articles")
    parser.add_argument("--events", type=int, default=10_000)
    args = parser.parse_args()
    reason = unavailable_reason()
    if reason:
        sys.exit(f"cannot run: {reason}")
    runs, articles = (2, 10) if args.quick else (5, 30)
    started = time.monotonic()
    machine = machine_info()
    logs = Path(tempfile.mkdtemp(prefix="sitrep-bench-map-"))

    from sitrep.broker.embedded import EmbeddedBroker, free_port

    with EmbeddedBroker(port=free_port()) as broker:
        settings = bench_settings(broker.bootstrap_servers, f"bench-map-{int(time.time())}")
        asyncio.run(_ensure(settings))
        publish_events(settings, many_events(args.events))
        server = MapProcess(settings, logs / "map-bulk.log").start()
        try:
            server.wait_holding(args.events, timeout=120)
            assert server.process is not None
            rss_holding = (proc_status_kb(server.process.pid, "VmRSS") or 0) / 1024
            page = [page_run(server.url) for _ in range(runs)]
        finally:
            server.stop()
        live = publish_latency(broker.bootstrap_servers, logs, articles)

    def med(key: str) -> float:
        return median([run[key] for run in page])

    def med_all(key: str) -> float:
        return median([value for run in page for value in run[key]])

    summary = {
        "replay_drawn_ms": med("replay_drawn_ms"),
        "long_task_ms_before_drawn": med("long_task_ms_before_drawn"),
        "filter_to_paint_ms": med_all("filter_to_paint_ms"),
        "type_toggle_to_paint_ms": med_all("type_toggle_to_paint_ms"),
        "open_event_to_paint_ms": med_all("open_event_to_paint_ms"),
        "pan_zoom_frame_p95_ms": median([run["pan_zoom_frame_ms"]["p95"] for run in page]),
        "publish_to_list_p95_ms": live["latency_ms"]["p95"],
        "map_server_rss_mb": rss_holding,
    }
    print_table(
        f"The map with {args.events:,} events (median of {runs} fresh-browser runs)",
        ["measure", "ms", "target"],
        [
            ["navigation to replay drawn (usable)", summary["replay_drawn_ms"], "< 3000"],
            ["  long tasks before that, total", summary["long_task_ms_before_drawn"], ""],
            ["filter change to next paint", summary["filter_to_paint_ms"], ""],
            ["event-type toggle to next paint", summary["type_toggle_to_paint_ms"], ""],
            ["open an event to next paint", summary["open_event_to_paint_ms"], ""],
            ["frame time p95 while panning/zooming", summary["pan_zoom_frame_p95_ms"], ""],
        ],
    )
    print(f"map server RSS holding {args.events:,} events: {rss_holding:.0f} MB")
    print_table(
        f"Published article to its event in the page ({live['articles_with_events_shown']} of "
        f"{live['articles_published']} articles had events)",
        ["p50 ms", "p95 ms", "max ms", "target p95"],
        [
            [
                live["latency_ms"]["p50"],
                live["latency_ms"]["p95"],
                live["latency_ms"]["max"],
                "< 2000",
            ]
        ],
    )
    path = write_result(
        "map_responsiveness",
        sys.argv,
        {"events": args.events, "page_runs": runs, "articles": articles},
        rounded({"summary": summary, "page_runs": page, "publish_to_page": live}),
        machine,
        started,
    )
    print(f"\nwrote {path.relative_to(REPO)}; logs in {logs}")


if __name__ == "__main__":
    main()
