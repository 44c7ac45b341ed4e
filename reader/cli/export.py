"""`reader export [RECIPE] [-o FILE] [--format apkg|tsv] [--dry-run]`: glossary to flashcards."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from reader.cli.common import add_library_option


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "export",
        help="export glossary entries as Anki flashcards (.apkg) or a TSV file",
        description=(
            "Export glossary entries as flashcards. RECIPE is a YAML file (see decks/) saying "
            "which entries go in, the deck name, the card types and the output file; without "
            "one, the whole library goes to decks/<library name>.apkg. Re-exporting updates "
            "the notes Anki already has: the glossary is the source of truth, so edits made "
            "to a card inside Anki are overwritten by the next export."
        ),
    )
    p.add_argument("recipe", metavar="RECIPE", nargs="?", help="a recipe file (decks/*.yaml)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead")
    p.add_argument("--format", choices=("apkg", "tsv"), default="apkg", help="apkg (Anki) or tsv")
    p.add_argument(
        "--document",
        metavar="ID",
        action="append",
        help="only entries noted in or occurring in this document (repeatable)",
    )
    p.add_argument(
        "--dry-run",
        action="store_true",
        help="show the summary and a few cards as text; write nothing",
    )
    add_library_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from reader.export import export_deck, load_recipe
    from reader.library import default_library_path

    recipe = load_recipe(args.recipe) if args.recipe else None
    explicit = getattr(args, "library", None)
    if explicit:
        root: Path | None = Path(explicit).expanduser()
    elif recipe is not None and recipe.library is not None:
        root = recipe.library
    else:
        root = default_library_path()
    summary = export_deck(
        root,
        recipe,
        documents=args.document,
        output=args.output,
        fmt=args.format,
        dry_run=args.dry_run,
    )
    try:
        for line in summary.format_lines():
            print(line)
        sys.stdout.flush()
    except BrokenPipeError:
        # `reader export --dry-run | head`: the reader of the summary left early. The export
        # itself is done; point stdout at devnull so the exit flush stays quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0
