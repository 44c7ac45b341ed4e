"""`reader read [DOC]`: the reading app, on the library or straight on one document.

DOC is a document of the library (its id or its YAML file) or any importable file, which is
imported in memory and never written into the library unless the learner asks.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from reader.cli.common import add_library_option, find_document, library_from_args

if TYPE_CHECKING:
    from reader.ui.app import ReaderApp


class _Layouts:
    """The names of the app's layout modes, read from its registry only when argparse looks
    (checking a value, or printing --help): building the parser for `reader show` must not
    load the app's layout code."""

    def _names(self) -> list[str]:
        from reader.ui.viewmodel.modes import MODES

        return list(MODES)

    def __contains__(self, name: object) -> bool:
        return name in self._names()

    def __iter__(self) -> Iterator[str]:
        return iter(self._names())


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "read",
        help="open the reading app (the library, or one document)",
        description="Open the reading app on the library, or on one document or file.",
    )
    parser.add_argument(
        "target",
        nargs="?",
        metavar="DOC",
        help="a library document id, a document YAML file, or any importable text file",
    )
    add_library_option(parser)
    parser.add_argument(
        "--seed",
        metavar="DIR",
        help="on first run, copy the library at DIR into the library folder and open the "
        "copy (`make run` does this with the bundled seeds/); an existing library is kept",
    )
    add_display_options(parser)
    parser.set_defaults(run=run)


def add_display_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--bidi",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="reorder and shape Arabic for the terminal (--no-bidi: the terminal does it); "
        "default: the `bidi` setting of the config file",
    )
    parser.add_argument(
        "--layout",
        choices=_Layouts(),
        # A metavar of its own: without one argparse spells out the choices when the
        # option is added, loading the app's layout code for every command.
        metavar="LAYOUT",
        help="layout to open the document in (a mode of the app's layout menu)",
    )


def run(args: argparse.Namespace) -> int:
    app = build_app(args)
    app.run()
    if app.open_error is not None:  # the file given could not be imported: one line, exit 1
        raise app.open_error
    return app.return_code or 0


def build_app(args: argparse.Namespace) -> ReaderApp:
    """The app `reader read` runs, built from its arguments (tests drive it with Pilot)."""
    # Imported here so `reader show` and friends never pay for loading Textual.
    from reader.settings import load_settings
    from reader.vocabulary import Vocabulary

    settings = load_settings()
    bidi = getattr(args, "bidi", None)
    if bidi is not None:
        settings = replace(settings, bidi="on" if bidi else "off")
    library = library_from_args(args)
    seed = getattr(args, "seed", None)
    if seed:
        from reader.firstrun import seed_library

        seed_library(Path(seed).expanduser(), library.root)
    document_id = None
    open_path = None
    target = getattr(args, "target", None)
    if target:
        found = find_document(target, library)
        if isinstance(found, Path):
            # Imported in the app, after its first frame: the aligner, the segmenter and
            # the dictionary take seconds to load, and the learner sees a bar meanwhile.
            open_path = found
        else:
            library, document_id = found
    from reader.ui.app import make_app

    return make_app(
        library,
        Vocabulary(library.root, load=False),  # read by the app after its first frame
        settings,
        document_id=document_id,
        open_path=open_path,
        layout=getattr(args, "layout", None),
    )
