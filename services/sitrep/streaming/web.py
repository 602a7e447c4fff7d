"""A stream worker's HTTP surface: Prometheus metrics and health probes."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from sitrep.observability.metrics import StreamMetrics

Readiness = Callable[[], dict[str, Any]]


def build_web_app(
    metrics: StreamMetrics,
    readiness: Readiness,
    before_scrape: Callable[[], Awaitable[None]] | None = None,
) -> web.Application:
    async def metrics_page(request: web.Request) -> web.Response:
        if before_scrape is not None:
            await before_scrape()
        return web.Response(
            body=generate_latest(metrics.registry),
            headers={"Content-Type": CONTENT_TYPE_LATEST},
        )

    async def live(request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    async def ready(request: web.Request) -> web.Response:
        state = readiness()
        return web.json_response(state, status=200 if state["ready"] else 503)

    app = web.Application()
    app.router.add_get("/metrics", metrics_page)
    app.router.add_get("/health/live", live)
    app.router.add_get("/health/ready", ready)
    return app


async def start_web(app: web.Application, host: str, port: int) -> web.AppRunner:
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    return runner
