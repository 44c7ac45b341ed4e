"""The command line: `reader COMMAND ...`.

Each command lives in a module of this package exposing `add_parser(subparsers)` and
`run(args) -> int`. Commands build documents, glossaries and settings and hand them to the
core or to the app; nothing below this package reads `sys.argv`.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from reader import __version__
from reader.errors import ReaderError

# Command name -> module under reader.cli. Order is the order shown by --help.
COMMANDS: dict[str, str] = {
    "read": "read",
    "import": "import_",
    "show": "show",
    "check": "check",
    "export": "export",
    "align": "align",
    "serve": "serve",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader",
        description=(
            "Read a text beside its translation and keep a vocabulary notebook. "
            "Without a command, opens the reading app on the library."
        ),
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    parser.add_argument(
        "--library",
        metavar="DIR",
        help="library folder (default: $READER_LIBRARY, else ./library)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in COMMANDS.values():
        try:
            module = importlib.import_module(f"reader.cli.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"reader.cli.{module_name}":
                continue  # command not built yet
            raise
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(argv)
    if args.command is None:
        # `reader` alone (global options only) opens the reading app on the library.
        args = parser.parse_args([*argv, "read"])
    try:
        return int(args.run(args) or 0)
    except ReaderError as exc:
        print(f"reader: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `reader show X | head`: the reader of our output went away; that is not an error.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
