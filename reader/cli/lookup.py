"""`reader lookup WORD`: look a word up in every dictionary of its language."""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any

from reader.cli.common import add_json_option, print_json
from reader.errors import ReaderError

_SCRIPTS = (
    (re.compile(r"[\u3400-\u9fff\uf900-\ufaff]"), "zh"),
    (re.compile(r"[\u3040-\u30ff]"), "ja"),
    (re.compile(r"[\u0600-\u06ff\u0750-\u077f]"), "ar"),
    (re.compile(r"[\uac00-\ud7af]"), "ko"),
    (re.compile(r"[\u0400-\u04ff]"), "ru"),
    (re.compile(r"[\u0370-\u03ff]"), "el"),
)


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "lookup",
        help="look a word up in the dictionaries",
        description=(
            "Look a word up in every dictionary of its language, with its lemmas: `stifled` "
            "finds stifle, `وكتبوا` finds كتب, traditional characters find simplified ones. "
            "Without --lang, the language is the word's script (Chinese, Arabic ...) or, for "
            "Latin letters, every language a dictionary is installed for. Exit status 1 when "
            "nothing is found."
        ),
    )
    p.add_argument("word", metavar="WORD", help="a word or phrase")
    p.add_argument("--lang", metavar="L", help="the word's language (en, nl, zh, ar ...)")
    p.add_argument("--to", metavar="L", help="only dictionaries into this language")
    p.add_argument(
        "--sentence",
        metavar="TEXT",
        help="the sentence the word is in (Dutch separable verbs, Chinese longest match)",
    )
    add_json_option(p)
    p.set_defaults(run=run)


def languages_for(word: str, available: list[str]) -> list[str]:
    for pattern, lang in _SCRIPTS:
        if pattern.search(word):
            return [lang]
    latin = [lang for lang in available if lang not in {code for _p, code in _SCRIPTS}]
    return latin or ["en"]


def run(args: argparse.Namespace) -> int:
    from reader.dictionary.langcodes import base
    from reader.dictionary.shelf import Shelf

    word = args.word.strip()
    if not word:
        raise ReaderError("lookup", "nothing to look up")
    shelf = Shelf.default()
    available = list(dict.fromkeys(base(src) for src, _dst in shelf.languages()))
    langs = [base(args.lang)] if args.lang else languages_for(word, available)
    start = None
    if args.sentence is not None:
        start = args.sentence.find(word)
        start = None if start < 0 else start
    hits = []
    for lang in langs:
        hits += shelf.lookup(word, lang, to=args.to, sentence=args.sentence, start=start)
    for error in shelf.errors:
        print(f"reader: warning: {error} (left out)", file=sys.stderr)
    if args.json:
        print_json([_hit_json(h) for h in hits])
    else:
        for hit in hits:
            _print_hit(word, hit)
    if not hits:
        searched = len([d for lang in langs for d in shelf.for_language(lang, args.to)])
        print(
            f"reader: no entry for {word!r} in {searched} dictionar{'y' if searched == 1 else 'ies'}"
            f" ({', '.join(langs)})",
            file=sys.stderr,
        )
        return 1
    return 0


def _hit_json(hit: Any) -> dict[str, Any]:
    return {
        "dictionary": hit.dictionary.name,
        "from": hit.dictionary.from_lang,
        "to": hit.dictionary.to_lang,
        "form": hit.form,
        "how": hit.how,
        "entries": [
            {
                "headword": e.headword,
                "reading": e.reading,
                "numbered": e.numbered,
                "forms": list(e.forms),
                "definitions": list(e.definitions),
            }
            for e in hit.entries
        ],
    }


def _print_hit(word: str, hit: Any) -> None:
    info = hit.dictionary
    via = "" if hit.how == "exact" else f" ({hit.how} of {word})"
    print(f"── {info.name} ({info.from_lang}→{info.to_lang}): {hit.form}{via}")
    for e in hit.entries:
        head = e.headword + (f" [{'/'.join(e.forms)}]" if e.forms else "")
        if e.reading:
            head += f"  {e.reading}"
        print(head)
        for d in e.definitions:
            lines = d.splitlines() or [""]
            print("  " + lines[0])
            for line in lines[1:]:
                print("    " + line)
    print()
