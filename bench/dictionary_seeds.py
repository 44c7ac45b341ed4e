"""How much of each bundled seed text the system's dictionaries know.

For every seed document, the share of its distinct words (word types of the original side)
each dictionary of its language finds: as written, and with the look-up's lemma rules
(inflections, Arabic clitics and stems, Dutch separable verbs in their sentence). Needs the
dictd databases to try, e.g. Debian's `dict-freedict-nld-eng`, `dict-freedict-ara-eng` and
`dict-wn` in /usr/share/dictd (READER_DICTD_DIR moves it).

Run: .venv/bin/python bench/dictionary_seeds.py
"""

from __future__ import annotations

import sys

from benchkit import ROOT


def main() -> int:
    from reader.coverage import words_of
    from reader.dictionary.langcodes import base
    from reader.dictionary.registry import Registry, open_record
    from reader.dictionary.shelf import Shelf
    from reader.library import Library

    records = Registry().system()
    if not records:
        print("no system dictd databases found (install dict-freedict-nld-eng, ...)")
        return 1
    library = Library(ROOT / "seeds")
    print(
        "| seed | language | word types | dictionary | found as written | found with lemma rules |"
    )
    print("|---|---|---|---|---|---|")
    for doc in library.load_documents():
        lang = base(doc.source_lang)
        first: dict[str, tuple[str, int]] = {}  # type -> (its sentence, offset) for context
        for seg in doc.segments:
            if base(doc.segment_lang(seg)) != lang:
                continue
            for sentence in seg.source.sentences:
                for w in words_of([sentence], lang, None)[0]:
                    first.setdefault(w.key, (sentence, w.start))
        for record in records:
            if base(record.from_lang) != lang:
                continue
            d = open_record(record)
            shelf = Shelf([d])
            exact = sum(1 for t in first if d.lookup(t))
            lemma = sum(
                1
                for t, (sentence, start) in first.items()
                if shelf.lookup(t, lang, sentence=sentence, start=start)
            )
            n = len(first)
            print(
                f"| {doc.id} | {lang} | {n} | {record.name} | {exact / n:.0%} ({exact}) "
                f"| {lemma / n:.0%} ({lemma}) |"
            )
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
