"""The command line: `reader COMMAND ...`.

Each command lives in a module of this package exposing `add_parser(subparsers)` and
`run(args) -> int`. Commands build documents, glossaries and settings and hand them to the
core or to the app; nothing below this package reads `sys.argv`.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from reader import __version__
from reader.cli.output import visible_output
from reader.errors import ReaderError
from reader.gcpause import pause_for_start_up, start_up_done
from reader.safetext import visible_line

# Command name -> module under reader.cli. Order is the order shown by --help.
COMMANDS: dict[str, str] = {
    "read": "read",
    "import": "import_",
    "show": "show",
    "check": "check",
    "export": "export",
    "anki": "anki",
    "align": "align",
    "dict": "dict_",
    "lookup": "lookup",
    "known": "known",
    "glossary": "glossary",
    "serve": "serve",
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or with `only` a command's name, that command alone: each
    command's module is imported to describe it, and a start-up pays only for its own."""
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
        help="library folder (default: $READER_LIBRARY, else the platform data folder, "
        "e.g. ~/.local/share/reader/library)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    chosen = {only: COMMANDS[only]} if only in COMMANDS else COMMANDS
    for module_name in chosen.values():
        try:
            module = importlib.import_module(f"reader.cli.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"reader.cli.{module_name}":
                continue  # command not built yet
            raise
        module.add_parser(sub)
    return parser


def command_named(argv: Sequence[str]) -> str | None:
    """The command `argv` runs when it names one plainly (`read` when it names none), or
    None when only the whole command line can tell (help, a version, a typo)."""
    words = iter(argv)
    for word in words:
        if word == "--library":
            next(words, None)
        elif word.startswith("--library="):
            continue
        elif word.startswith("-"):
            return None
        else:
            return word if word in COMMANDS else None
    return "read"


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = command_named(argv)
    if command == "read":
        pause_for_start_up()  # until the app's first frame (see reader.gcpause)
    try:
        return _run(argv, command)
    finally:
        start_up_done()


def _run(argv: list[str], command: str | None) -> int:
    # Everything a command prints goes through `visible`: a control sequence hidden in a
    # document, a glossary note or a file name is shown, never obeyed by the terminal.
    # The reading app draws on the terminal itself (Textual writes to sys.__stderr__), and
    # its text is kept safe where it is displayed.
    with visible_output(enabled="read" not in argv[:1]):
        parser = build_parser(command)
        args = parser.parse_args(argv)
        if args.command is None:
            # `reader` alone (global options only) opens the reading app on the library.
            args = parser.parse_args([*argv, "read"])
        try:
            return int(args.run(args) or 0)
        except ReaderError as exc:
            print(f"reader: {visible_line(str(exc))}", file=sys.stderr)
            return 1
        except OSError as exc:
            if isinstance(exc, BrokenPipeError):
                # `reader show X | head`: the reader of our output went away; not an error.
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
                return 0
            # A file-system failure no check foresaw: still one line naming the file.
            where = exc.filename if exc.filename is not None else "reader"
            print(f"reader: {visible_line(f'{where}: {exc.strerror or exc}')}", file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            return 130
