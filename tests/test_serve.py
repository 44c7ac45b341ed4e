"""`reader serve`: the access token and the origin check, on the real aiohttp application."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from reader.cli import build_parser
from reader.ui.web import COOKIE, ReaderServer, app_command, is_loopback

TOKEN = "t0ken-for-tests"


@pytest.fixture
async def client():
    server = ReaderServer("true", host="127.0.0.1", port=8000, token=TOKEN)
    app = await server._make_app()
    async with TestClient(TestServer(app)) as client:
        yield client


@pytest.mark.parametrize("path", ["/", "/ws", "/download/abc", "/static/js/textual.js"])
async def test_every_route_refuses_a_request_without_the_token(
    client: TestClient, path: str
) -> None:
    response = await client.get(path)
    assert response.status == 403
    assert "reader serve" in await response.text()


async def test_a_wrong_token_is_refused(client: TestClient) -> None:
    assert (await client.get("/", params={"token": "guess"})).status == 403
    client.session.cookie_jar.update_cookies({COOKIE: "guess"})
    assert (await client.get("/static/js/textual.js")).status == 403


async def test_the_token_opens_the_page_and_leaves_a_cookie_for_the_rest(
    client: TestClient,
) -> None:
    page = await client.get("/", params={"token": TOKEN})
    assert page.status == 200
    html = await page.text()
    assert 'id="terminal"' in html
    # The page's own requests (script, websocket) carry the cookie instead of the token.
    assert page.cookies[COOKIE].value == TOKEN
    assert page.cookies[COOKIE]["httponly"]
    assert page.cookies[COOKIE]["samesite"] == "Strict"
    script = await client.get("/static/js/textual.js")
    assert script.status == 200
    # The websocket address in the page is the one the browser used.
    assert f"ws://{client.server.host}:{client.server.port}/ws" in html


async def test_a_websocket_from_another_origin_is_refused(client: TestClient) -> None:
    client.session.cookie_jar.update_cookies({COOKIE: TOKEN})
    response = await client.get("/ws", headers={"Origin": "http://evil.example"})
    assert response.status == 403
    assert "another origin" in await response.text()


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("127.1.2.3", True),
        ("0.0.0.0", False),
        ("192.168.1.4", False),
        ("example.org", False),
    ],
)
def test_loopback(host: str, expected: bool) -> None:
    assert is_loopback(host) is expected


def test_the_served_command_is_this_program_on_this_library(tmp_path: Path) -> None:
    library = tmp_path / "my library"  # a space: the command is quoted for the shell
    words = shlex.split(app_command(library, bidi=True))
    # exec: the app replaces the shell, so the server is its parent (it leaves with it).
    assert words[:4] == ["exec", sys.executable, "-m", "reader"]
    assert words[4:] == ["--library", str(library), "read", "--bidi"]
    assert shlex.split(app_command(library))[-1] == "read"


def test_serve_options() -> None:
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.bidi) == ("127.0.0.1", 8000, True)
    args = build_parser().parse_args(["serve", "--host", "0.0.0.0", "--port", "0", "--no-bidi"])
    assert (args.host, args.port, args.bidi) == ("0.0.0.0", 0, False)
    assert isinstance(args, argparse.Namespace)


def test_listening_elsewhere_warns(
    capsys: pytest.CaptureFixture[str], monkeypatch, tmp_path: Path
) -> None:
    from reader.ui import web

    calls = []
    monkeypatch.setattr(web, "serve", lambda library, **kw: calls.append((library, kw)))
    from reader.cli import main

    assert main(["--library", str(tmp_path), "serve", "--host", "0.0.0.0", "--port", "8123"]) == 0
    assert "warning: listening on 0.0.0.0" in capsys.readouterr().err
    assert calls and calls[0][1]["host"] == "0.0.0.0" and calls[0][1]["port"] == 8123
    assert main(["--library", str(tmp_path), "serve", "--port", "8124"]) == 0
    assert "warning" not in capsys.readouterr().err
