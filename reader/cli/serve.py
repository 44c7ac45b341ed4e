"""`reader serve`: the reading app in a web browser (same app, same keys, same library).

Loopback only unless `--host` names another address, and then with a warning: whoever can open
the printed address can read and change the library. Every request needs the token printed in
the address.
"""

from __future__ import annotations

import argparse
import sys

from reader.cli.common import add_library_option, library_from_args
from reader.errors import ReaderError


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "serve",
        help="open the reading app in a web browser",
        description=(
            "Serve the reading app to a web browser. Prints the address to open, with an "
            "access token; requests without it are refused."
        ),
    )
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this machine only)",
    )
    parser.add_argument(
        "--port", type=int, default=8000, help="port (default 8000; 0: any free one)"
    )
    parser.add_argument(
        "--bidi",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="reorder and shape Arabic in the app (the default: the browser's terminal draws "
        "cell by cell and reorders nothing itself)",
    )
    add_library_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from reader.ui.web import is_loopback, serve

    if not 0 <= args.port <= 65535:
        raise ReaderError("--port", f"{args.port} is not a port number (0-65535)")
    library = library_from_args(args)
    if not is_loopback(args.host):
        print(
            f"reader: warning: listening on {args.host}: anyone who can reach this address and "
            "has the token can read and change your library",
            file=sys.stderr,
        )
    port = args.port or _free_port(args.host)
    try:
        serve(library.root.resolve(), host=args.host, port=port, bidi=args.bidi)
    except OSError as exc:
        raise ReaderError(f"{args.host}:{port}", f"cannot listen: {exc.strerror or exc}") from exc
    return 0


def _free_port(host: str) -> int:
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])
