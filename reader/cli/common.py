"""What several commands share: a command made of actions, `--json` and how JSON is printed,
finding the library and turning a PATH into a document."""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.errors import ReaderError
from reader.library import Library, default_library_path, id_problem
from reader.model import Document, Entry


def add_actions(
    sub: argparse._SubParsersAction,  # type: ignore[type-arg]
    name: str,
    help: str,
    description: str,
    metavar: str = "ACTION",
) -> argparse._SubParsersAction:  # type: ignore[type-arg]
    """A command whose first argument names one of its actions (`reader dict add ...`): the
    parser to add each action to, one of them required."""
    parser = sub.add_parser(name, help=help, description=description)
    actions: argparse._SubParsersAction = parser.add_subparsers(  # type: ignore[type-arg]
        dest="action", metavar=metavar, required=True
    )
    return actions


def add_json_option(parser: argparse.ArgumentParser, help: str = "print JSON") -> None:
    parser.add_argument("--json", action="store_true", help=help)


def print_json(data: Any) -> None:
    """JSON as every command prints it: indented, non-ASCII characters as themselves."""
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def add_library_option(parser: argparse.ArgumentParser) -> None:
    """`--library` is accepted after the command too: `reader show X --library seeds`."""
    parser.add_argument(
        "--library",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="library folder (default: $READER_LIBRARY, else the platform data folder)",
    )


def library_from_args(args: argparse.Namespace) -> Library:
    root = getattr(args, "library", None)
    return Library(Path(root).expanduser() if root else default_library_path())


@dataclass(frozen=True)
class Resolved:
    """A document ready to show or read, with the glossary entries that came with it."""

    document: Document
    entries: tuple[Entry, ...]  # notes found by an in-memory import; empty for library documents
    library: Library | None  # the library the document belongs to, if any


def find_document(ref: str, library: Library) -> Path | tuple[Library, str]:
    """What `resolve_document` would read, without importing: the library and id of a
    library document (loaded once, so a broken one is an error here), or the path of a
    regular file to import. A folder, a FIFO or a device is refused before anything reads it."""
    path = Path(ref).expanduser()
    if path.is_file() and path.suffix in {".yaml", ".yml"} and path.parent.name == "documents":
        from reader.documents import load_document

        return Library(path.parent.parent), load_document(path).id
    if os.path.exists(path):
        import stat

        from reader.fsutil import _kind

        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            raise ReaderError(path, _kind(mode))
        return path
    if id_problem(ref) is None and os.path.lexists(library.document_path(ref)):
        return library, library.load_document(ref).id
    raise ReaderError(ref, "no such file, and no document of that name in " + str(library.root))


def resolve_document(ref: str, library: Library) -> Resolved:
    """PATH is a document of the library (by id or by its YAML file) or any importable file.

    An importable file is imported in memory: nothing is written.
    """
    path = Path(ref).expanduser()
    if path.is_file() and path.suffix in {".yaml", ".yml"} and path.parent.name == "documents":
        from reader.documents import load_document

        return Resolved(load_document(path), (), Library(path.parent.parent))
    if path.exists():
        from reader.importers import import_file

        result = import_file(path)
        return Resolved(result.document, tuple(result.entries), None)
    if id_problem(ref) is None and os.path.lexists(library.document_path(ref)):
        # Also a folder or a FIFO of that name: loading it says what is wrong with it.
        return Resolved(library.load_document(ref), (), library)
    raise ReaderError(ref, "no such file, and no document of that name in " + str(library.root))
