"""`reader anki sync COLLECTION`: statuses from the learner's Anki reviews into the glossary."""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.cli.common import add_actions, add_library_option, library_from_args


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    commands = add_actions(
        sub,
        "anki",
        help="bring what you learnt in Anki back into the glossary",
        description="Work with an Anki collection the exported decks were imported into.",
        metavar="COMMAND",
    )
    s = commands.add_parser(
        "sync",
        help="set glossary statuses from the intervals of your Anki cards",
        description=(
            "Read an Anki collection (collection.anki2, or the profile folder holding it) "
            "without writing to it, even while Anki is open, and set each exported glossary "
            "entry's status from its cards: known when every studied card has an interval of "
            "at least N days (anki_known_days in config.yaml, default 21), learning with a "
            "level from 1 to 5 otherwise. Entries never studied in Anki keep their status. "
            "The reading app then shows what you have really learnt."
        ),
    )
    s.add_argument("collection", metavar="COLLECTION", help="collection.anki2 or a profile folder")
    s.add_argument(
        "--known-days",
        type=int,
        metavar="N",
        help="interval (days) from which a card counts as known (overrides the config)",
    )
    s.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")
    add_library_option(s)
    s.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from reader.errors import ReaderError
    from reader.export.sync import sync_collection
    from reader.settings import load_settings

    known_days = args.known_days
    if known_days is None:
        known_days = load_settings().anki_known_days
    elif known_days < 1:
        raise ReaderError("--known-days", "must be a whole number of days from 1")
    summary = sync_collection(
        library_from_args(args).root,
        Path(args.collection),
        known_days=known_days,
        dry_run=args.dry_run,
    )
    for line in summary.format_lines():
        print(line)
    return 0
