"""`reader serve`: the reading app in a browser, through textual-serve.

textual-serve starts one app process per browser connection and relays the terminal over a
websocket (xterm.js draws it). Two things are added around it, because the app reads and writes
the learner's files: an access token, so that another user of the machine or a web page in the
same browser cannot drive it, and loopback by default. The token is given once in the URL
(`?token=…`) and then kept in a same-site, HTTP-only cookie: the page's own requests (scripts,
the websocket, downloads) carry the cookie, a request from anywhere else carries neither and gets
403. The websocket also checks its `Origin`, since browsers let any page open one.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
import shlex
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from aiohttp import web
from textual_serve.server import Server

COOKIE = "reader_token"
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def is_loopback(host: str) -> bool:
    """True for names and addresses that only this machine can reach."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def app_command(library: Path, *, bidi: bool | None = None) -> str:
    """The shell command textual-serve runs for each browser connection: this same program,
    on the same library, with the same Python."""
    parts = [sys.executable, "-m", "reader", "--library", str(library), "read"]
    if bidi is not None:
        parts.append("--bidi" if bidi else "--no-bidi")
    # `exec`: the app replaces the shell textual-serve starts, so the server is its parent
    # and the app can tell when the server is gone (it then quits: `ReaderApp`).
    return "exec " + shlex.join(parts)


class ReaderServer(Server):
    """textual-serve's server with an access token on every route."""

    def __init__(
        self, command: str, *, host: str, port: int, token: str | None = None, title: str = "reader"
    ) -> None:
        super().__init__(command, host=host, port=port, title=title)
        self.token = token or secrets.token_urlsafe(24)

    @property
    def url(self) -> str:
        """The address to open, token included."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/?token={self.token}"

    def _allowed(self, request: web.Request) -> bool:
        given = request.query.get("token") or request.cookies.get(COOKIE) or ""
        return hmac.compare_digest(given.encode(), self.token.encode())

    @web.middleware
    async def guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if not self._allowed(request):
            raise web.HTTPForbidden(text="reader: open the address printed by `reader serve`.\n")
        if request.path == "/ws":
            origin = request.headers.get("Origin")
            if origin is not None and origin.split("://", 1)[-1] != request.host:
                raise web.HTTPForbidden(text="reader: websocket from another origin.\n")
        response = await handler(request)
        if request.query.get("token") and not response.prepared:
            response.set_cookie(COOKIE, self.token, httponly=True, samesite="Strict")
        return response

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self.guard)
        return app

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        # The page tells the browser where the websocket is. Bound to every interface, the
        # address to give is the one the browser used, not 0.0.0.0.
        self.public_url = f"{request.scheme}://{request.host}"
        return await super().handle_index(request)

    async def on_startup(self, app: web.Application) -> None:
        # textual-serve prints a banner with the address without its token; ours is printed
        # by the command before serving.
        return None

    def initialize_logging(self) -> None:
        # Quiet by default: one line per request would bury the address the learner needs.
        import logging

        logging.basicConfig(level=logging.DEBUG if self.debug else logging.WARNING)


def serve(
    library: Path,
    *,
    host: str,
    port: int,
    bidi: bool | None = None,
    token: str | None = None,
    announce: Callable[[str], Any] = print,
) -> None:
    """Serve the app on `host:port` until interrupted."""
    server = ReaderServer(app_command(library, bidi=bidi), host=host, port=port, token=token)
    announce(f"reader: serving {library} on {server.url}")
    server.serve()
