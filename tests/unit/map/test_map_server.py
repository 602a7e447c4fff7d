"""The map server over real HTTP on loopback (no broker: the store is filled directly)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from sitrep.map.app import create_app
from sitrep.map.metrics import MapMetrics
from sitrep.map.store import MapStore
from sitrep.settings import Settings

Serve = Callable[..., Awaitable[tuple[str, MapStore]]]


@pytest.fixture
async def serve() -> AsyncIterator[Serve]:
    """Starts map servers on free loopback ports; stops them after the test."""
    servers: list[TestServer] = []

    async def start(keepalive_s: float = 15.0, **settings: Any) -> tuple[str, MapStore]:
        store = MapStore(100)
        app = create_app(
            Settings.model_validate(settings),
            store,
            MapMetrics(),
            lambda: {"ready": True},
            keepalive_s=keepalive_s,
        )
        server = TestServer(app, host="127.0.0.1")
        await server.start_server()
        servers.append(server)
        return f"http://127.0.0.1:{server.port}", store

    yield start
    for server in servers:
        await server.close()


def item(n: int) -> dict[str, Any]:
    return {"layer": "events", "id": f"e{n}", "lat": 1.0, "lon": 2.0}


async def read_messages(response: aiohttp.ClientResponse, count: int) -> list[dict[str, str]]:
    """The next `count` SSE messages (comments included, as {"comment": ...})."""
    messages: list[dict[str, str]] = []
    current: dict[str, str] = {}
    async with asyncio.timeout(5):
        while len(messages) < count:
            line = (await response.content.readline()).decode().rstrip("\n")
            if line.startswith(":"):
                messages.append({"comment": line[1:].strip()})
            elif line:
                field, _, value = line.partition(": ")
                current[field] = value
            elif current:
                messages.append(current)
                current = {}
    return messages


async def test_stream_replays_what_is_held_then_says_ready_then_sends_new_items(
    serve: Serve,
) -> None:
    url, store = await serve(keepalive_s=0.3)
    store.add(item(1))
    store.add(item(2))

    async with aiohttp.ClientSession() as session, session.get(f"{url}/api/stream") as response:
        assert response.headers["Content-Type"].startswith("text/event-stream")
        replay, ready = await read_messages(response, 2)
        store.add(item(3))
        (live,) = await read_messages(response, 1)
        (keepalive,) = await read_messages(response, 1)

    assert replay["event"] == "items"
    assert [i["id"] for i in json.loads(replay["data"])] == ["e1", "e2"]
    assert replay["id"] == "2"
    assert ready["event"] == "ready"
    assert json.loads(ready["data"]) == {"epoch": store.epoch, "seq": 2, "held": 2}
    assert (live["event"], [i["id"] for i in json.loads(live["data"])]) == ("items", ["e3"])
    assert keepalive == {"comment": "keepalive"}


async def test_reconnecting_page_gets_only_what_it_missed_or_a_reset_after_a_restart(
    serve: Serve,
) -> None:
    url, store = await serve()
    for n in range(1, 4):
        store.add(item(n))

    async with aiohttp.ClientSession() as session:
        same = {"after": "2", "epoch": store.epoch}
        async with session.get(f"{url}/api/stream", params=same) as response:
            missed, _ = await read_messages(response, 2)
        other = {"after": "2", "epoch": "an-old-server"}
        async with session.get(f"{url}/api/stream", params=other) as response:
            reset, everything, _ = await read_messages(response, 3)
        async with session.get(f"{url}/api/stream", params={"after": "x"}) as response:
            assert response.status == 400

    assert [i["id"] for i in json.loads(missed["data"])] == ["e3"]
    assert reset["event"] == "reset"
    assert [i["id"] for i in json.loads(everything["data"])] == ["e1", "e2", "e3"]


async def test_stream_sends_a_revision_and_a_removal_of_a_held_item_in_turn(
    serve: Serve,
) -> None:
    url, store = await serve()
    incident = {"layer": "incidents", "id": "i1", "lat": 1.0, "lon": 2.0}
    store.add({**incident, "revision": 1, "killed": 5})

    async with aiohttp.ClientSession() as session, session.get(f"{url}/api/stream") as response:
        replay, _ = await read_messages(response, 2)
        store.add({**incident, "revision": 2, "killed": 12})
        (revised,) = await read_messages(response, 1)
        store.add({**incident, "revision": 3, "removed": True})
        (removed,) = await read_messages(response, 1)

    assert [(i["id"], i["killed"]) for i in json.loads(replay["data"])] == [("i1", 5)]
    assert [(i["id"], i["killed"]) for i in json.loads(revised["data"])] == [("i1", 12)]
    assert [(i["id"], i["removed"]) for i in json.loads(removed["data"])] == [("i1", True)]


async def test_a_page_behind_a_forgotten_removal_starts_afresh(serve: Serve) -> None:
    url, store = await serve()  # holds 100
    store.add({"layer": "incidents", "id": "i1", "revision": 1})
    store.add({"layer": "incidents", "id": "i1", "revision": 2, "removed": True})
    for n in range(100):  # pushes the tombstone out
        store.add(item(n))

    async with aiohttp.ClientSession() as session:
        behind = {"after": "1", "epoch": store.epoch}
        async with session.get(f"{url}/api/stream", params=behind) as response:
            reset, *_ = await read_messages(response, 2)

    assert store.forgotten == 2
    assert reset["event"] == "reset"


async def test_an_opened_item_is_fetched_whole(serve: Serve) -> None:
    url, store = await serve()
    store.add({**item(1), "detail": {"summary": "<b>text</b>"}})

    async with aiohttp.ClientSession() as session:
        query = {"layer": "events", "id": "e1"}
        async with session.get(f"{url}/api/item", params=query) as response:
            whole = await response.json()
        async with session.get(f"{url}/api/item", params={"layer": "events", "id": "e9"}) as gone:
            assert gone.status == 404

    assert whole["detail"] == {"summary": "<b>text</b>"}
    assert response.headers["Content-Type"].startswith("application/json")


async def test_every_response_carries_a_strict_content_security_policy(serve: Serve) -> None:
    url, _ = await serve()

    async with aiohttp.ClientSession() as session:
        for path in ["/", "/static/app.js", "/config.json", "/no-such-page", "/health/live"]:
            async with session.get(url + path) as response:
                csp = response.headers["Content-Security-Policy"]
                assert response.headers["X-Content-Type-Options"] == "nosniff", path
                assert response.headers["X-Frame-Options"] == "DENY", path
            policy = dict(part.split(" ", 1) for part in csp.split("; "))
            assert policy["script-src"] == "'self'", path
            assert policy["default-src"] == "'none'", path
            assert policy["frame-ancestors"] == "'none'", path
            assert "unsafe" not in csp, path


async def test_web_tiles_are_the_only_other_image_origin(serve: Serve) -> None:
    url, _ = await serve(map_tile_url="https://{s}.tile.example.org/{z}/{x}/{y}.png")

    async with aiohttp.ClientSession() as session, session.get(url) as response:
        csp = response.headers["Content-Security-Policy"]

    assert "img-src 'self' data: https://*.tile.example.org;" in csp
    assert "connect-src 'self';" in csp


async def test_with_a_token_the_stream_wants_it_and_the_page_and_probes_stay_open(
    serve: Serve,
) -> None:
    url, _ = await serve(map_token="s3cret-token")
    stream = f"{url}/api/stream"

    async with aiohttp.ClientSession() as session:
        for headers in [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "s3cret-token"}]:
            async with session.get(stream, headers=headers) as response:
                assert response.status == 401, headers
                assert response.headers["WWW-Authenticate"] == "Bearer"
        async with session.get(f"{url}/api/item", params={"layer": "events", "id": "x"}) as one:
            assert one.status == 401
        good = {"Authorization": "Bearer s3cret-token"}
        async with session.get(stream, headers=good) as response:
            assert response.status == 200
        for path in ["/", "/static/app.js", "/health/live", "/metrics"]:
            async with session.get(url + path) as response:
                assert response.status == 200, path


async def test_without_a_token_only_loopback_and_listed_host_names_are_answered(
    serve: Serve,
) -> None:
    url, _ = await serve(map_allowed_hosts=["map.example.org"])

    async def status(path: str, host: str) -> int:
        async with (
            aiohttp.ClientSession() as session,
            session.get(url + path, headers={"Host": host}) as response,
        ):
            return response.status

    # A rebinding attacker's page reaches 127.0.0.1 under its own host name.
    assert await status("/api/stream", "attacker.example:8066") == 421
    assert await status("/", "attacker.example") == 421
    assert await status("/health/ready", "attacker.example") == 200  # probes send pod IPs
    assert await status("/", "localhost:8066") == 200
    assert await status("/", "[::1]:8066") == 200
    assert await status("/", "map.example.org") == 200


def test_the_map_binds_loopback_and_has_no_token_by_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("SITREP_MAP_HOST", "SITREP_MAP_TOKEN"):
        monkeypatch.delenv(name, raising=False)

    settings = Settings()

    assert settings.map_host == "127.0.0.1"
    assert settings.map_token is None
