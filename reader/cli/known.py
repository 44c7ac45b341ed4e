"""`reader known add|remove|list|coverage`: the words a learner knows, and a text's coverage."""

from __future__ import annotations

import argparse
import sys

from reader.cli.common import (
    add_actions,
    add_json_option,
    add_library_option,
    library_from_args,
    print_json,
    resolve_document,
)


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    actions = add_actions(
        sub,
        "known",
        help="words you know, and how much of a text you know",
        description=(
            "Known words live in <library>/known/<lang>.yaml, one per line. `coverage` prints "
            "the share of a document's running words that are known or in a glossary, and "
            "its unknown words, most frequent first."
        ),
    )
    for name, helptext in (("add", "mark words known"), ("remove", "unmark words")):
        a = actions.add_parser(name, help=helptext)
        a.add_argument("words", metavar="WORD", nargs="+")
        a.add_argument("--lang", required=True, metavar="L", help="their language")
        add_library_option(a)
        a.set_defaults(run=run_add if name == "add" else run_remove)
    lst = actions.add_parser("list", help="print the known words of a language")
    lst.add_argument("--lang", required=True, metavar="L")
    add_library_option(lst)
    lst.set_defaults(run=run_list)
    cov = actions.add_parser("coverage", help="how much of a document you know")
    cov.add_argument("document", metavar="DOC", help="a library document or a text file")
    cov.add_argument("--top", type=int, default=20, metavar="N", help="unknown words to show")
    cov.add_argument("--paragraphs", action="store_true", help="one line per paragraph too")
    add_json_option(cov)
    add_library_option(cov)
    cov.set_defaults(run=run_coverage)


def run_add(args: argparse.Namespace) -> int:
    return _change(args, add=True)


def run_remove(args: argparse.Namespace) -> int:
    return _change(args, add=False)


def _change(args: argparse.Namespace, *, add: bool) -> int:
    from reader.known import load_known

    before = load_known(library_from_args(args).root, args.lang)
    after = before.add(args.words) if add else before.remove(args.words)
    verb = "added" if add else "removed"
    print(f"{abs(len(after) - len(before))} word(s) {verb}; {len(after)} known in {after.path}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    from reader.known import load_known

    for word in load_known(library_from_args(args).root, args.lang).words:
        print(word)
    return 0


def run_coverage(args: argparse.Namespace) -> int:
    from reader.coverage import document_coverage
    from reader.known import load_known

    library = library_from_args(args)
    resolved = resolve_document(args.document, library)
    doc = resolved.document
    root = (resolved.library or library).root
    entries = list(resolved.entries)
    for path in (resolved.library or library).glossary_paths():
        from reader.glossary import load_glossary

        entries.extend(load_glossary(path).entries)
    cache: dict[str, object] = {}

    def known_for(lang: str):  # type: ignore[no-untyped-def]
        if lang not in cache:
            cache[lang] = load_known(root, lang)
        return cache[lang]

    cov = document_coverage(doc, known_for, entries)
    total = cov.total
    if args.json:
        out = {
            "document": doc.id,
            "words": total.words,
            "covered": total.covered,
            "share": round(total.share, 4),
            "unknown_words": total.unknown_count,
            "top_unknown": list(total.unknown[: args.top]),
            "paragraphs": [
                {
                    "segment": seg.id,
                    "words": c.words,
                    "covered": c.covered,
                    "unknown": c.unknown_count,
                }
                for seg, c in zip(doc.segments, cov.segments)
            ],
        }
        print_json(out)
        return 0
    print(
        f"{doc.id}: {total.share:.1%} of {total.words:,} running words known or in a glossary; "
        f"{total.unknown_count:,} unknown words"
    )
    if args.paragraphs:
        for n, (seg, c) in enumerate(zip(doc.segments, cov.segments), 1):
            if c.words:
                print(
                    f"  {n:4d} {seg.id:<10} {c.share:6.1%} of {c.words:5,}  {c.unknown_count:4,} unknown"
                )
    if total.unknown and args.top > 0:
        print("most frequent unknown: " + ", ".join(total.unknown[: args.top]), file=sys.stdout)
    return 0
