"""`reader align ORIGINAL TRANSLATION`: print which sentences translate which.

With --presplit both files hold one sentence per line (line number = sentence id) and the
beads are printed in the format of the public gold sets (`[0, 1]:[2]`, original first), so
the output can be scored with `bench/align_eval.py --score`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from reader.cli.common import add_json_option, print_json
from reader.errors import ReaderError
from reader.model import Link


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "align",
        help="align the sentences of an original and its translation",
        description=(
            "Align the sentences of two texts, an original and its translation, and print "
            "each sentence of the original beside the sentence(s) that translate it. "
            "Languages are detected unless given. Two subtitle files (.srt, .vtt, .ass) are "
            "paired cue by cue: by time first (an offset between them is found and "
            "applied), by text where time cannot tell."
        ),
    )
    p.add_argument("original", metavar="ORIGINAL", help="the original text")
    p.add_argument("translation", metavar="TRANSLATION", help="its translation")
    add_json_option(p)
    p.add_argument(
        "--presplit",
        action="store_true",
        help="the files hold one sentence per line; print beads as [src ids]:[tgt ids]",
    )
    p.add_argument("--from", dest="src_lang", metavar="LANG", help="language of ORIGINAL")
    p.add_argument("--to", dest="tgt_lang", metavar="LANG", help="language of TRANSLATION")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from reader.align import align_sentences
    from reader.align.scoring import format_bead
    from reader.languages import detect_language

    if _subtitles(args.original) and _subtitles(args.translation):
        return _align_subtitles(args)
    texts = [_text_of(args.original), _text_of(args.translation)]
    langs = [
        args.src_lang or detect_language(texts[0]),
        args.tgt_lang or detect_language(texts[1]),
    ]
    if args.presplit:
        sides = [text.split("\n") for text in texts]
        for side in sides:
            if side and side[-1] == "":
                side.pop()  # the final newline ends the last line; it is not a sentence
    else:
        from reader.sentences import split_into

        sides = [split_into(text, lang) for text, lang in zip(texts, langs)]
    for path, side in zip((args.original, args.translation), sides):
        if not any(s.strip() for s in side):
            raise ReaderError(path, "no sentences to align")
    links = align_sentences(sides[0], sides[1], langs[0], langs[1])
    if args.json:
        print_json(links_json(links, sides[0], sides[1], langs))
    elif args.presplit:
        sys.stdout.write("".join(format_bead(link.source, link.target) + "\n" for link in links))
    else:
        sys.stdout.write(pairs_text(links, sides[0], sides[1]))
    return 0


def _text_of(name: str) -> str:
    """A file's text; a subtitle file's cues, one per line, without numbers and timings
    (aligned against a transcript or another text)."""
    from reader.textio import read_text

    if not _subtitles(name):
        return read_text(name)
    from pathlib import Path

    from reader.importers.subtitles import read_cues

    return "\n".join(cue.text() for cue in read_cues(Path(name))) + "\n"


def _subtitles(name: str) -> bool:
    from pathlib import Path

    from reader.importers.formats import SUBTITLE_SUFFIXES

    return Path(name).suffix.lower() in SUBTITLE_SUFFIXES


def _align_subtitles(args: argparse.Namespace) -> int:
    """Two subtitle files: cues paired by time, then text; each pair with its timings."""
    from pathlib import Path

    from reader.documents import format_time
    from reader.importers.pairing import pair_cues
    from reader.importers.subtitles import read_cues
    from reader.languages import detect_language

    cues = [read_cues(Path(args.original)), read_cues(Path(args.translation))]
    langs = [
        lang or detect_language("\n".join(c.text() for c in side))
        for lang, side in zip((args.src_lang, args.tgt_lang), cues)
    ]
    pairing = pair_cues(cues[0], cues[1], langs[0], langs[1])
    links = [link for bead in pairing.beads for link in bead.links]
    src = [c.text(langs[0]) for c in cues[0]]
    tgt = [c.text(langs[1]) for c in cues[1]]
    if args.json:
        data = links_json(links, src, tgt, langs)
        data["offset"] = round(pairing.offset, 3)
        for item in data["links"]:
            side = (cues[0], item["source"]) if item["source"] else (cues[1], item["target"])
            item["start"] = side[0][side[1][0]].start
            item["end"] = side[0][side[1][-1]].end
        print_json(data)
        return 0
    if args.presplit:
        from reader.align.scoring import format_bead

        sys.stdout.write("".join(format_bead(link.source, link.target) + "\n" for link in links))
        return 0
    for line in pairing.report:
        print(f"# {line}")
    for link in links:
        first = cues[0][link.source[0]] if link.source else cues[1][link.target[0]]
        sys.stdout.write(f"{format_time(first.start)}  ")
        sys.stdout.write(pairs_text([link], src, tgt))
    return 0


def links_json(
    links: Sequence[Link], src: Sequence[str], tgt: Sequence[str], langs: Sequence[str]
) -> dict[str, Any]:
    return {
        "source_lang": langs[0],
        "target_lang": langs[1],
        "links": [
            {
                "source": list(link.source),
                "target": list(link.target),
                "confidence": link.confidence,
                "original": [src[i] for i in link.source],
                "translation": [tgt[j] for j in link.target],
            }
            for link in links
        ],
    }


def pairs_text(links: Sequence[Link], src: Sequence[str], tgt: Sequence[str]) -> str:
    """Each bead as its ids and confidence, then the original and the translation, indented."""
    out: list[str] = []
    for link in links:
        conf = "" if link.confidence is None else f"  ({link.confidence:.2f})"
        out.append(f"{list(link.source)}:{list(link.target)}{conf}\n")
        out.extend(f"  < {' '.join(src[i].split())}\n" for i in link.source)
        out.extend(f"  > {' '.join(tgt[j].split())}\n" for j in link.target)
    return "".join(out)
