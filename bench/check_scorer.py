"""Does the strict/lax scorer reproduce the published figures of the gold data set?

The data set's README gives strict / lax F1 of five aligners on the 2021 mac-test gold; our
scorer must give the same numbers from the same bead files. The gold data is copyrighted and
for evaluation only, so this runs here, beside the other measurements, and not in the tests.

    .venv/bin/python bench/check_scorer.py [--data DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from benchkit import ROOT

from reader.align.scoring import parse_beads, score

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "align-en-zh"

# system -> published (strict F1, lax F1) on mac-test-2021-outputs
PUBLISHED = {
    "galechurch": (0.491, 0.731),
    "hunalign": (0.627, 0.850),
    "bleualign": (0.680, 0.902),
    "vecalign": (0.886, 0.995),
    "mbert": (0.915, 0.997),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    base = args.data / "mac-test-2021-outputs"
    golds = sorted((base / "gold").glob("*.align"))
    if not golds:
        print(f"check_scorer: gold data not found at {base}", file=sys.stderr)
        return 2
    failures = 0
    for system, published in sorted(PUBLISHED.items()):
        pairs = [
            (
                parse_beads(g.read_text(encoding="utf-8")),
                parse_beads((base / "auto" / system / g.name).read_text(encoding="utf-8")),
            )
            for g in golds
        ]
        s = score(pairs)
        ours = (round(s.strict_f, 3), round(s.lax_f, 3))
        ok = ours == published
        failures += not ok
        print(
            f"{system:12} ours {ours[0]:.3f} / {ours[1]:.3f}  published "
            f"{published[0]:.3f} / {published[1]:.3f}  {'OK' if ok else 'DIFFERENT'}"
        )
    print(f"{len(golds)} gold files")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
