"""The map's HTTP surface: the page and its assets, the event stream, health and metrics.

`/api/stream` is Server-Sent Events. A page connects with `?after=<last number seen>&
epoch=<server epoch>` (nothing on first load) and gets, in order: `items` messages with
everything held above that number (the replay, in chunks), one `ready` message, then
`items` as they arrive, with a comment line every `keepalive_s` to keep proxies from
closing an idle stream. A page from an earlier server process (another epoch) first gets
`reset`, then the whole replay; so does a page too far behind to be told of every removal
(see `MapStore`). Items come without their `detail`:
`/api/item?layer=<layer>&id=<id>` answers the whole item when the page opens one.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import mimetypes
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from sitrep.map.metrics import MapMetrics
from sitrep.map.security import access_control, security_headers
from sitrep.map.store import MapStore
from sitrep.settings import Settings

STATIC = Path(__file__).resolve().parent / "static"
#: Items per replay message: big enough to be few, small enough to parse without a stall.
REPLAY_CHUNK = 1000

Readiness = Callable[[], dict[str, Any]]


def sse(event: str, data: str, seq: int | None = None) -> bytes:
    """One Server-Sent Events message; `data` is JSON, so it holds no raw newline."""
    head = f"id: {seq}\n" if seq is not None else ""
    return f"{head}event: {event}\ndata: {data}\n\n".encode()


def create_app(
    settings: Settings,
    store: MapStore,
    metrics: MapMetrics,
    readiness: Readiness,
    *,
    keepalive_s: float = 15.0,
) -> web.Application:
    headers = security_headers(settings.map_tile_url)
    page_config = json.dumps(
        {"tile_url": settings.map_tile_url, "tile_attribution": settings.map_tile_attribution}
    )
    mimetypes.add_type("application/geo+json", ".geojson")
    streams: dict[asyncio.Task[Any], web.StreamResponse] = {}

    async def index(request: web.Request) -> web.FileResponse:
        return web.FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})

    async def config(request: web.Request) -> web.Response:
        return web.Response(text=page_config, content_type="application/json")

    async def stream(request: web.Request) -> web.StreamResponse:
        try:
            after = int(request.query.get("after", "0"))
        except ValueError:
            raise web.HTTPBadRequest(text="after: a whole number\n") from None
        response = web.StreamResponse(
            headers={"Content-Type": "text/event-stream", "Cache-Control": "no-store"}
        )
        await response.prepare(request)
        metrics.stream_clients.inc()
        task = cast("asyncio.Task[Any]", asyncio.current_task())  # handlers run in tasks
        streams[task] = response
        try:
            if (
                request.query.get("epoch", store.epoch) != store.epoch
                or after > store.last_seq
                or 0 < after < store.forgotten  # a removal it needs is no longer held
            ):
                await response.write(sse("reset", json.dumps({"epoch": store.epoch})))
                after = 0
            after = await _send_since(response, store, after)
            ready = {"epoch": store.epoch, "seq": after, "held": len(store)}
            await response.write(sse("ready", json.dumps(ready), after))
            while True:
                try:
                    async with asyncio.timeout(keepalive_s):
                        await store.wait_after(after)
                except TimeoutError:
                    await response.write(b": keepalive\n\n")
                else:
                    after = await _send_since(response, store, after)
        except ConnectionResetError:  # the page went away
            pass
        finally:
            streams.pop(task, None)
            metrics.stream_clients.dec()
        return response

    async def end_streams(app: web.Application) -> None:
        """Streams never end by themselves: end them at shutdown instead of waiting.

        Each is closed properly first, so pages see the end of the stream (and reconnect)
        rather than a broken response.
        """
        for task, response in list(streams.items()):
            with contextlib.suppress(ConnectionError, RuntimeError):
                await response.write_eof()
            task.cancel()

    async def one_item(request: web.Request) -> web.Response:
        payload = store.get(request.query.get("layer", ""), request.query.get("id", ""))
        if payload is None:
            raise web.HTTPNotFound(text="no such item held (too old, or never seen)\n")
        return web.Response(text=payload, content_type="application/json")

    async def live(request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    async def ready(request: web.Request) -> web.Response:
        state = readiness()
        return web.json_response(state, status=200 if state["ready"] else 503)

    async def metrics_page(request: web.Request) -> web.Response:
        metrics.items_held.set(len(store))
        return web.Response(
            body=generate_latest(metrics.registry), headers={"Content-Type": CONTENT_TYPE_LATEST}
        )

    async def add_headers(request: web.Request, response: web.StreamResponse) -> None:
        response.headers.update(headers)

    app = web.Application(middlewares=[access_control(settings)])
    app.on_response_prepare.append(add_headers)
    app.on_shutdown.append(end_streams)
    app.router.add_get("/", index)
    app.router.add_get("/config.json", config)
    app.router.add_static("/static/", STATIC, append_version=False)
    app.router.add_get("/api/stream", stream)
    app.router.add_get("/api/item", one_item)
    app.router.add_get("/health/live", live)
    app.router.add_get("/health/ready", ready)
    app.router.add_get("/metrics", metrics_page)
    return app


async def _send_since(response: web.StreamResponse, store: MapStore, after: int) -> int:
    """Write the items numbered above `after` in chunks; the last number written."""
    pending = store.since(after)
    for start in range(0, len(pending), REPLAY_CHUNK):
        chunk = pending[start : start + REPLAY_CHUNK]
        data = "[" + ",".join(payload for _, payload in chunk) + "]"
        await response.write(sse("items", data, chunk[-1][0]))
    return pending[-1][0] if pending else after
