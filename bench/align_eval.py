"""Score reader's sentence aligner on the English-Chinese gold sets and print a Markdown table.

Usage: python bench/align_eval.py [--data DIR] [--sets mag,mac-test,...] [--out DIR]
       python bench/align_eval.py --score DIR   (score DIR/<set>/NNN.align made elsewhere,
                                                  e.g. by `reader align --presplit`)

The gold sets live in ../shared/data/align-en-zh (copyrighted texts: evaluation only, never
copied into the project). For each set the aligner runs on every file, strict and lax
precision/recall/F1 (the Vecalign metric, pooled over files) and the seconds taken are
printed beside the published baselines (CPU seconds: the machine is shared, and one core is
what a user's import gets). `--out` also writes our beads as `.align` files.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.align import align_sentences
from reader.align.scoring import format_bead, parse_beads, score

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "align-en-zh"

# set -> (source language, target language, development set?)
SETS: dict[str, tuple[str, str, bool]] = {
    "mag": ("en", "zh", True),
    "mac-test": ("zh", "en", True),
    "aca": ("en", "zh", False),
    "pol": ("zh", "en", False),
}

# Published strict F1 of other aligners, as given in the issue; "—" where not published.
BASELINES: dict[str, tuple[str, str, str, str, str]] = {
    # set: Gale-Church, Hunalign, Vecalign, Bertalign, target
    "mag": ("0.89", "—", "—", "—", "≥ 0.96"),
    "mac-test": ("0.44", "0.61", "0.87", "0.91", "≥ 0.85"),
    "aca": ("—", "—", "—", "—", "report"),
    "pol": ("—", "—", "—", "—", "report"),
}


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def run_set(
    data: Path, name: str, out: Path | None, scored: Path | None = None
) -> tuple[object, float, int]:
    src_lang, tgt_lang, _dev = SETS[name]
    folder = data / name
    pairs = []
    elapsed = 0.0
    golds = sorted((folder / "gold").glob("*.align"))
    for gold_path in golds:
        stem = gold_path.stem
        if scored is not None:
            test_path = scored / name / f"{stem}.align"
            test_beads = parse_beads(test_path.read_text(encoding="utf-8"))
            pairs.append((parse_beads(gold_path.read_text(encoding="utf-8")), test_beads))
            continue
        src = lines(folder / src_lang / f"{stem}.{src_lang}")
        tgt = lines(folder / tgt_lang / f"{stem}.{tgt_lang}")
        start = time.process_time()
        links = align_sentences(src, tgt, src_lang, tgt_lang)
        elapsed += time.process_time() - start
        test = [(link.source, link.target) for link in links]
        pairs.append((parse_beads(gold_path.read_text(encoding="utf-8")), test))
        if out is not None:
            (out / name).mkdir(parents=True, exist_ok=True)
            (out / name / f"{stem}.align").write_text(
                "".join(format_bead(s, t) + "\n" for s, t in test), encoding="utf-8"
            )
    return score(pairs), elapsed, len(golds)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--out", type=Path, default=None, help="write our beads here")
    parser.add_argument(
        "--score", type=Path, default=None, help="score DIR/<set>/NNN.align instead of aligning"
    )
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"align_eval: gold data not found at {args.data}", file=sys.stderr)
        return 2
    # Build the dictionary index (cached after the first run) outside the timed region.
    align_sentences(["一。"], ["One."], "zh", "en")
    print("load average " + " ".join(f"{x:.2f}" for x in os.getloadavg()) + "\n")
    print(
        "| set | Gale–Church | Hunalign | Vecalign | Bertalign | target "
        "| reader strict P/R/F1 | reader lax P/R/F1 | files | CPU seconds |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name in args.sets.split(","):
        s, elapsed, files = run_set(args.data, name, args.out, args.score)
        gc, hun, vec, bert, target = BASELINES[name]
        note = "" if SETS[name][2] else " (held out)"
        print(
            f"| {name}{note} | {gc} | {hun} | {vec} | {bert} | {target} "
            f"| {s.strict_p:.3f} / {s.strict_r:.3f} / **{s.strict_f:.3f}** "  # type: ignore[attr-defined]
            f"| {s.lax_p:.3f} / {s.lax_r:.3f} / {s.lax_f:.3f} "  # type: ignore[attr-defined]
            f"| {files} | {'—' if args.score else f'{elapsed:.1f}'} |",
            flush=True,
        )
    print("\nStrict/lax F1 is the Vecalign metric (Thompson & Koehn 2019), pooled over files.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
