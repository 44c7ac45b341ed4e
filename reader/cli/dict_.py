"""`reader dict add|list|remove`: the dictionaries words are looked up in."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reader.cli.common import add_actions, add_json_option, print_json
from reader.errors import ReaderError


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    actions = add_actions(
        sub,
        "dict",
        help="add, list and remove dictionaries",
        description=(
            "Dictionaries for `reader lookup` and the reading app: StarDict (.ifo), dictd "
            "(.index + .dict.dz), Yomitan (.zip), ECDICT (.csv) and term<TAB>gloss (.tsv). "
            "CC-CEDICT (Chinese-English) is bundled; dictd databases in /usr/share/dictd are "
            "found without adding them."
        ),
    )
    add = actions.add_parser(
        "add",
        help="install a dictionary file",
        description=(
            "Install a dictionary: copy it (or link to it with --link) into the platform data "
            "folder and index it once. Languages come from the file where it says them "
            "(Yomitan, FreeDict names); give them with --from and --to otherwise."
        ),
    )
    add.add_argument("file", metavar="FILE", help="the .ifo, .index, .zip, .csv or .tsv file")
    add.add_argument("--from", dest="from_lang", metavar="L", help="language of the headwords")
    add.add_argument("--to", dest="to_lang", metavar="L", help="language of the definitions")
    add.add_argument("--name", metavar="N", help="name to show (default: the dictionary's own)")
    add.add_argument(
        "--link", action="store_true", help="link to the files instead of copying them"
    )
    add.set_defaults(run=run_add)
    lst = actions.add_parser("list", help="list the dictionaries, in look-up order")
    add_json_option(lst)
    lst.set_defaults(run=run_list)
    rm = actions.add_parser(
        "remove",
        help="uninstall a dictionary (a system one is hidden)",
        description="Uninstall a dictionary by name; a system dictd database is hidden instead.",
    )
    rm.add_argument("name", metavar="NAME")
    rm.set_defaults(run=run_remove)


def progress_bar(label: str) -> Callable[[int, int], None] | None:
    """A one-line progress report on a terminal; nothing when stderr is not one."""
    if not sys.stderr.isatty():
        return None

    def report(done: int, total: int) -> None:
        if total:
            width = 30
            filled = int(width * done / total)
            bar = "#" * filled + "-" * (width - filled)
            sys.stderr.write(f"\r{label} [{bar}] {done * 100 // total:3d}%")
        else:
            sys.stderr.write(f"\r{label} {done:,}")
        sys.stderr.flush()

    return report


def _end_progress() -> None:
    if sys.stderr.isatty():
        sys.stderr.write("\r\x1b[K")
        sys.stderr.flush()


def run_add(args: argparse.Namespace) -> int:
    from reader.dictionary.registry import Registry

    path = Path(args.file)
    try:
        record = Registry().add(
            path,
            from_lang=args.from_lang,
            to_lang=args.to_lang,
            name=args.name,
            link=args.link,
            progress=progress_bar(f"indexing {path.name}"),
        )
    finally:
        _end_progress()
    how = "linked" if record.linked else "copied"
    print(
        f"added {record.name} ({record.format}, {record.from_lang}→{record.to_lang}, "
        f"{record.entries:,} entries; {how} to {record.path.parent})"
    )
    return 0


def _rows() -> list[dict[str, Any]]:
    from reader.dictionary.shelf import Shelf

    rows = []
    for d in Shelf.default().dictionaries:
        info = d.info
        entries = info.entries
        if not entries:
            try:
                index = getattr(d, "index", None)
                entries = len(index) if index is not None else 0
            except (ReaderError, OSError, ValueError):  # one broken database hides no other
                entries = 0
        rows.append(
            {
                "name": info.name,
                "from": info.from_lang,
                "to": info.to_lang,
                "entries": entries,
                "format": info.format,
                "origin": info.origin,
                "source": info.source,
            }
        )
    return rows


def run_list(args: argparse.Namespace) -> int:
    try:
        rows = _rows()
    finally:
        _end_progress()
    if args.json:
        print_json(rows)
        return 0
    width = max(len(r["name"]) for r in rows)
    for r in rows:
        print(
            f"{r['name']:<{width}}  {r['from']}→{r['to']:<5} {r['entries']:>9,}  "
            f"{r['format']:<8} {r['origin']:<9} {r['source']}"
        )
    return 0


def run_remove(args: argparse.Namespace) -> int:
    from reader.dictionary.registry import Registry

    record = Registry().remove(args.name)
    if record.origin == "hidden":
        print(f"hid {record.name} (a system dictionary; its files stay in {record.path.parent})")
    else:
        print(f"removed {record.name}")
    return 0
