"""`reader import FILE`: add a file to the library as a document (and its notes as a glossary)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from reader.cli.common import add_library_option, library_from_args
from reader.errors import ReaderError


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "import",
        help="import a text (and its translation) into the library",
        description=(
            "Import FILE into the library: an annotated bilingual text (原文/学习 notes and "
            "their variants), a plain text in one language, an EPUB (bilingual ones too), "
            "a saved web page (.html, .mhtml), a text PDF or subtitles (.srt, .vtt, .ass); "
            "with --translation, an original and its translation as two files of any of "
            "these formats (two editions of a book, two subtitle files of a film). The file "
            "is copied into the "
            "library's originals/ so the import can be re-run; vocabulary notes become the "
            "glossary glossaries/<document>.yaml. Prints the path of each document written."
        ),
    )
    p.add_argument("file", metavar="FILE", nargs="+", help="file(s) to import")
    p.add_argument("--translation", metavar="FILE", help="the translation of FILE, as a file")
    p.add_argument("--lang", metavar="L", help="language of the original (default: detected)")
    p.add_argument("--to", metavar="L", help="language of the translation (default: detected)")
    p.add_argument("--id", dest="doc_id", metavar="ID", help="document id (default: from FILE)")
    add_library_option(p)
    p.set_defaults(run=run)


class ProgressBar:
    """`[#####-----]  40%  Chapter 3` redrawn in place on a terminal."""

    WIDTH = 30

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def __call__(self, done: int, total: int, what: str) -> None:
        share = done / total if total else 1.0
        filled = round(self.WIDTH * share)
        label = what if len(what) <= 40 else what[:39] + "…"
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self.stream.write(f"\r\x1b[K[{bar}] {share:4.0%}  {label}")
        if done >= total:
            self.stream.write("\r\x1b[K")
        self.stream.flush()


def run(args: argparse.Namespace) -> int:
    if args.translation and len(args.file) > 1:
        raise ReaderError(args.translation, "--translation goes with exactly one FILE")
    # Imported here, not at the top: every command's module is loaded to build --help, and the
    # importers bring in the aligner (NumPy, the dictionary), which `reader read` must not wait for.
    from reader.importers.store import import_into

    library = library_from_args(args)
    for name in args.file:
        report: list[str] = []
        path = import_into(
            library,
            Path(name),
            translation=Path(args.translation) if args.translation else None,
            lang=args.lang,
            to=args.to,
            doc_id=args.doc_id if len(args.file) == 1 else None,
            report=report,
            progress=ProgressBar(sys.stderr) if sys.stderr.isatty() else None,
        )
        print(path)
        for line in report:
            print(f"{name}: {line}", file=sys.stderr)
    return 0
