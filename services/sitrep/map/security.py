"""What keeps untrusted event text inert and the event stream private.

Every response carries a strict Content-Security-Policy (scripts, styles and data only
from this server; no inline script or style, nothing framed or framing), so even markup
that slipped into the DOM could not run. Without a token the server answers only to
loopback host names (and those configured), so a web page elsewhere cannot read it through
DNS rebinding; with a token, `/api/` wants `Authorization: Bearer <token>`.
"""

from __future__ import annotations

import hmac
import ipaddress
from urllib.parse import urlsplit

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware

from sitrep.settings import Settings

#: Open to whoever reaches the port: probes and Prometheus send neither our host nor a token.
OPEN_PATHS = ("/health/", "/metrics")


def content_security_policy(tile_url: str | None) -> str:
    """The CSP header value; web tiles, when configured, are the one other image origin."""
    images = "'self' data:"
    if tile_url:
        parts = urlsplit(tile_url)
        images += f" {parts.scheme}://{parts.netloc.replace('{s}', '*')}"  # {s}: subdomains
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            f"img-src {images}",
            "connect-src 'self'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        ]
    )


def security_headers(tile_url: str | None) -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(tile_url),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Resource-Policy": "same-origin",
    }


def host_name(header: str) -> str:
    """The host of a Host header, without its port ("[::1]:8066" -> "::1")."""
    try:
        return (urlsplit(f"//{header}").hostname or "").lower()
    except ValueError:  # a malformed header ("[oops") names no host we know
        return ""


def is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def access_control(settings: Settings) -> Middleware:
    """Middleware refusing unknown hosts (no token set) or requests without the token."""
    token = settings.map_token.get_secret_value().encode() if settings.map_token else None
    allowed_hosts = {host.lower() for host in settings.map_allowed_hosts}

    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.path.startswith(OPEN_PATHS):
            return await handler(request)
        if token is None:
            host = host_name(request.host)
            if not (is_loopback(host) or host in allowed_hosts):
                return web.Response(
                    status=421, text=f"unknown host {host!r}: see SITREP_MAP_ALLOWED_HOSTS\n"
                )
        elif request.path.startswith("/api/"):
            scheme, _, given = request.headers.get("Authorization", "").partition(" ")
            if scheme.lower() != "bearer" or not hmac.compare_digest(given.encode(), token):
                return web.Response(
                    status=401,
                    text="bearer token required\n",
                    headers={"WWW-Authenticate": "Bearer"},
                )
        return await handler(request)

    return middleware
