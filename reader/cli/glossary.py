"""`reader glossary add|set|rm|import`: change the vocabulary from the command line.

Every change goes through the glossary's careful save (one entry spliced in place, verified,
atomic, with a backup; refused when the file changed on disk) and prints one line. Start-up
matters here (a script may add hundreds of terms one call at a time), so this module imports
only the vocabulary, and the list reader only for `import`.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from reader.cli.common import add_actions, add_library_option, library_from_args
from reader.errors import ReaderError
from reader.model import STATUSES, Entry

if TYPE_CHECKING:
    from reader.vocabulary import Vocabulary


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    actions = add_actions(
        sub,
        "glossary",
        help="add, change, remove or import glossary entries",
        description=(
            "Change the library's glossaries from the command line. Each change is saved "
            "carefully (only that entry's lines change, atomically, with a backup) and "
            "prints one line."
        ),
    )

    add = actions.add_parser(
        "add",
        help="add an entry",
        description=(
            "Add TERM with its glosses. The language is --lang, else that of --file, else "
            "the library's only glossary language, else guessed from the term's script."
        ),
    )
    add.add_argument("term", metavar="TERM")
    add.add_argument("glosses", metavar="GLOSS", nargs="*", help="meanings (each one gloss)")
    add.add_argument("--lang", metavar="L", help="language of the term (en, zh, nl ...)")
    add.add_argument(
        "--file", metavar="F", help="glossary file (a name in glossaries/ or its path)"
    )
    add.add_argument("--note", metavar="N", default="", help="a note")
    add.add_argument("--status", choices=STATUSES, default="new")
    add_library_option(add)
    add.set_defaults(run=run_add)

    set_ = actions.add_parser(
        "set",
        help="change an entry's status, level, glosses or note",
        description="Change the entry of TERM (found as the matcher finds terms).",
    )
    set_.add_argument("term", metavar="TERM")
    set_.add_argument("--status", choices=STATUSES)
    set_.add_argument("--level", type=int, choices=range(1, 6), metavar="1-5")
    set_.add_argument("--gloss", nargs="+", metavar="G", help="replace the glosses")
    set_.add_argument("--note", metavar="N", help="replace the note")
    set_.add_argument("--lang", metavar="L", help="language of the term, when several have it")
    add_library_option(set_)
    set_.set_defaults(run=run_set)

    rm = actions.add_parser("rm", help="remove an entry", description="Remove TERM's entry.")
    rm.add_argument("term", metavar="TERM")
    rm.add_argument("--lang", metavar="L", help="language of the term, when several have it")
    add_library_option(rm)
    rm.set_defaults(run=run_rm)

    imp = actions.add_parser(
        "import",
        help="import a vocabulary list (Lute, Anki, term<TAB>gloss)",
        description=(
            "Add the terms of a vocabulary list in one careful save: Lute's term export "
            "(CSV), Anki's Notes in Plain Text export, or a plain term<TAB>gloss list. Terms "
            "already in the vocabulary are left as they are and counted."
        ),
    )
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--format", choices=("lute", "anki", "plain"), help="default: detected")
    imp.add_argument("--lang", metavar="L", help="language of the terms (Lute lists name it)")
    imp.add_argument("--file", dest="glossary", metavar="F", help="glossary file to add to")
    add_library_option(imp)
    imp.set_defaults(run=run_import)


# --- where and which --------------------------------------------------------------------------


def _vocabulary(args: argparse.Namespace) -> Vocabulary:
    from reader.vocabulary import Vocabulary

    return Vocabulary(library_from_args(args).root)


def _glossary_path(vocab: Vocabulary, name: str | None, lang: str) -> Path:
    if not name:
        return vocab.default_path(lang)
    path = Path(name).expanduser()
    if len(path.parts) == 1:  # a name in the library's glossaries folder
        path = vocab.folder / (name if name.endswith(".yaml") else f"{name}.yaml")
    return path


def _short(vocab: Vocabulary, path: Path) -> str:
    try:
        return str(path.resolve().relative_to(vocab.root.resolve()))
    except ValueError:
        return str(path)


def _language(vocab: Vocabulary, args: argparse.Namespace, term: str) -> str:
    """--lang, the language of --file, the library's only language, or the term's script."""
    if args.lang:
        return str(args.lang)
    if args.file:
        path = _glossary_path(vocab, args.file, "")
        for gf in vocab.files:
            if gf.path.resolve() == path.resolve():
                return gf.lang
        if path in vocab.errors:
            raise vocab.errors[path]
    languages = vocab.languages()
    if len(languages) == 1:
        return languages[0]
    from reader.languages import detect_language, dominant_script

    guess = detect_language(term)
    if dominant_script(term) != "Latin" and (not languages or guess in languages):
        return guess
    if not languages:
        return guess
    raise ReaderError(
        vocab.folder, f"name the language of {term!r} with --lang ({', '.join(languages)})"
    )


def _only_entry(vocab: Vocabulary, term: str, lang: str | None) -> Entry:
    languages = [lang] if lang else list(vocab.languages())
    found = [e for code in languages for e in vocab.find(term, code)]
    if not found:
        where = f"{lang} glossaries" if lang else "the vocabulary"
        raise ReaderError(vocab.folder, f"no entry {term!r} in {where}")
    if len(found) > 1:
        places = ", ".join(f"{e.term!r} ({e.lang})" for e in found)
        raise ReaderError(vocab.folder, f"{term!r} is more than one entry: {places}; use --lang")
    return found[0]


# --- the actions ------------------------------------------------------------------------------


def run_add(args: argparse.Namespace) -> int:
    vocab = _vocabulary(args)
    lang = _language(vocab, args, args.term)
    entry = Entry(
        term=args.term,
        lang=lang,
        glosses=tuple(args.glosses),
        note=args.note,
        status=args.status,
    )
    path = vocab.add(entry, _glossary_path(vocab, args.file, lang))
    gloss = f": {'; '.join(entry.glosses)}" if entry.glosses else ""
    print(f"added {entry.term.strip()!r} ({lang}{gloss}) to {_short(vocab, path)}")
    return 0


def run_set(args: argparse.Namespace) -> int:
    vocab = _vocabulary(args)
    old = _only_entry(vocab, args.term, args.lang)
    new = old
    if args.gloss is not None:
        new = replace(new, glosses=tuple(args.gloss))
    if args.note is not None:
        new = replace(new, note=args.note)
    if args.level is not None:
        if args.status not in (None, "learning"):
            raise ReaderError(vocab.folder, "a level goes with the status learning")
        new = replace(new, status="learning", level=args.level)
    elif args.status is not None:
        new = replace(
            new, status=args.status, level=new.level if args.status == "learning" else None
        )
    if new == old and new.extra == old.extra:
        print(f"{old.term!r} unchanged")
        return 0
    path = vocab.update(old, new)
    changed = [
        f"{name} {value}"
        for name, value, before in (
            ("status", new.status, old.status),
            ("level", new.level, old.level),
            ("glosses", "; ".join(new.glosses), "; ".join(old.glosses)),
            ("note", new.note, old.note),
        )
        if value != before
    ]
    print(f"updated {old.term!r} in {_short(vocab, path)}: {', '.join(changed)}")
    return 0


def run_rm(args: argparse.Namespace) -> int:
    vocab = _vocabulary(args)
    entry = _only_entry(vocab, args.term, args.lang)
    path = vocab.remove(entry)
    print(f"removed {entry.term!r} from {_short(vocab, path)}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from reader.glossary_import import import_list

    vocab = _vocabulary(args)
    result = import_list(
        vocab,
        Path(args.file),
        format=args.format,
        lang=args.lang,
        target=_glossary_path(vocab, args.glossary, "") if args.glossary else None,
    )
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    added = sum(n for _path, n in result.added)
    where = ", ".join(f"{_short(vocab, path)} ({n:,})" for path, n in result.added) or "nothing"
    left = [
        f"{n:,} {what}"
        for n, what in (
            (result.existing, "already in the vocabulary"),
            (result.merged, "listed twice (glosses joined)"),
            (len(result.warnings), "rows skipped"),
        )
        if n
    ]
    print(
        f"imported {added:,} of {len(result.source.terms):,} terms from {args.file} "
        f"({result.source.description}) to {where}" + (f"; {', '.join(left)}" if left else "")
    )
    return 0
