"""Score reader's paragraph aligner on editions whose paragraphing differs, built from the gold sets.

Usage: python bench/align_paragraphs.py [--data DIR] [--sets mag,mac-test,...]

The gold sets give sentences and their sentence beads but no paragraphs, so each side is
cut into paragraphs here, deterministically per file: the source into runs of 1 to 8 gold
beads (a paragraph never ends inside a bead, as a translator's never does), the target
from the same breaks with about one in five removed (two paragraphs joined) and about one
gap in seven inside a paragraph made a break (one paragraph split). The gold paragraph
beads follow from the sentence beads: paragraphs that share a sentence bead belong to one
paragraph bead. `reader.align.align_paragraphs` aligns the paragraph texts and the
Vecalign strict/lax metric scores its beads. Crossing gold beads (six MAC-Test chapters)
are merged with their neighbours first, since paragraphs are monotone.

The gold sets live outside the project (copyrighted texts: evaluation only).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

import benchkit

from reader.align import align_paragraphs
from reader.align.scoring import BeadIds, parse_beads, score

DEFAULT_DATA = benchkit.ROOT.parent / "shared" / "data" / "align-en-zh"

SETS: dict[str, tuple[str, str]] = {
    "mag": ("en", "zh"),
    "mac-test": ("zh", "en"),
    "aca": ("en", "zh"),
    "pol": ("zh", "en"),
}

# How source paragraphs are cut (in gold beads), and how the target's paragraphing differs.
SIZES = [1, 1, 2, 2, 3, 3, 4, 5, 6, 8]
JOIN = 0.2  # a source break the target does not have
SPLIT = 1 / 7  # a gap inside a source paragraph where the target breaks


def monotone(beads: list[BeadIds]) -> list[BeadIds]:
    """Gold beads in file order, each crossing bead merged into the one before it."""
    out: list[tuple[list[int], list[int]]] = []
    for src, tgt in beads:
        if out and (
            (src and out[-1][0] and min(src) < max(out[-1][0]))
            or (tgt and out[-1][1] and min(tgt) < max(out[-1][1]))
        ):
            out[-1][0].extend(src)
            out[-1][1].extend(tgt)
        else:
            out.append((list(src), list(tgt)))
    return [(tuple(sorted(s)), tuple(sorted(t))) for s, t in out]


def paragraphs(
    beads: list[BeadIds], seed: str
) -> tuple[list[list[int]], list[list[int]], list[BeadIds]]:
    """Source and target paragraphs (as sentence ids) and the gold paragraph beads."""
    rng = random.Random(seed)
    src_breaks: set[int] = set()  # a break after bead k
    k = 0
    while k < len(beads):
        k += rng.choice(SIZES)
        src_breaks.add(min(k, len(beads)) - 1)
    tgt_breaks = {k for k in src_breaks if rng.random() >= JOIN or k == len(beads) - 1}
    tgt_breaks |= {k for k in range(len(beads)) if k not in src_breaks and rng.random() < SPLIT}
    src_of = _side_paragraphs(beads, src_breaks, 0)
    tgt_of = _side_paragraphs(beads, tgt_breaks, 1)
    # Paragraphs sharing a bead are one paragraph bead: walk the beads and cut the pairing
    # wherever both sides break at once.
    gold: list[BeadIds] = []
    src_par: list[int] = []
    tgt_par: list[int] = []
    for k in range(len(beads)):
        for par, side in ((src_of[k], src_par), (tgt_of[k], tgt_par)):
            if par is not None and par not in side:
                side.append(par)
        if k in src_breaks and k in tgt_breaks:
            gold.append((tuple(src_par), tuple(tgt_par)))
            src_par, tgt_par = [], []
    src_paras = _sentences(beads, src_of, 0)
    tgt_paras = _sentences(beads, tgt_of, 1)
    return src_paras, tgt_paras, gold


def _side_paragraphs(beads: list[BeadIds], breaks: set[int], side: int) -> list[int | None]:
    """The paragraph each bead's sentences on one side fall in (None: it has none there).

    A paragraph with no sentence on this side (only unpaired beads of the other side) does
    not exist, so paragraphs are numbered as they get their first sentence.
    """
    out: list[int | None] = []
    number, open_has_text = 0, False
    for k, bead in enumerate(beads):
        if bead[side]:
            open_has_text = True
            out.append(number)
        else:
            out.append(None)
        if k in breaks and open_has_text:
            number += 1
            open_has_text = False
    return out


def _sentences(beads: list[BeadIds], of: list[int | None], side: int) -> list[list[int]]:
    count = max((p for p in of if p is not None), default=-1) + 1
    out: list[list[int]] = [[] for _ in range(count)]
    for bead, par in zip(beads, of):
        if par is not None:
            out[par].extend(bead[side])
    return out


def join(sentences: list[str], lang: str) -> str:
    return ("" if lang == "zh" else " ").join(sentences)


def run_set(data: Path, name: str) -> tuple[object, float, int, int, int]:
    src_lang, tgt_lang = SETS[name]
    folder = data / name
    pairs = []
    elapsed = 0.0
    n_src = n_tgt = 0
    for gold_path in sorted((folder / "gold").glob("*.align")):
        stem = gold_path.stem
        src = (folder / src_lang / f"{stem}.{src_lang}").read_text(encoding="utf-8").splitlines()
        tgt = (folder / tgt_lang / f"{stem}.{tgt_lang}").read_text(encoding="utf-8").splitlines()
        beads = monotone(parse_beads(gold_path.read_text(encoding="utf-8")))
        src_paras, tgt_paras, gold = paragraphs(beads, f"{name}/{stem}")
        src_text = [join([src[i] for i in p], src_lang) for p in src_paras]
        tgt_text = [join([tgt[j] for j in p], tgt_lang) for p in tgt_paras]
        start = time.perf_counter()
        test = align_paragraphs(src_text, tgt_text, src_lang, tgt_lang)
        elapsed += time.perf_counter() - start
        pairs.append((gold, test))
        n_src += len(src_paras)
        n_tgt += len(tgt_paras)
    gold_beads = sum(len(g) for g, _ in pairs)
    return score(pairs), elapsed, n_src, n_tgt, gold_beads


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sets", default=",".join(SETS))
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"align_paragraphs: gold data not found at {args.data}", file=sys.stderr)
        return 2
    align_paragraphs(["One."], ["一。"], "en", "zh")  # the dictionary, outside the timing
    print("load average " + " ".join(f"{x:.2f}" for x in os.getloadavg()) + "\n")
    print(
        "| set | paragraphs src / tgt | gold paragraph beads "
        "| strict P/R/F1 | lax P/R/F1 | seconds |"
    )
    print("|---|---|---|---|---|---|")
    for name in args.sets.split(","):
        s, elapsed, n_src, n_tgt, gold = run_set(args.data, name)
        print(
            f"| {name} | {n_src} / {n_tgt} | {gold} "
            f"| {s.strict_p:.3f} / {s.strict_r:.3f} / **{s.strict_f:.3f}** "  # type: ignore[attr-defined]
            f"| {s.lax_p:.3f} / {s.lax_r:.3f} / {s.lax_f:.3f} "  # type: ignore[attr-defined]
            f"| {elapsed:.1f} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
