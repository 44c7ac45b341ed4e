"""Bead files and the Vecalign strict/lax metric (Thompson & Koehn 2019).

The bead text format is the one of the public gold sets: one bead per line,
`[src ids]:[tgt ids]`, source side first. The metric follows the published definition so
that our figures compare with the published ones: precision over predicted beads, recall over
gold beads without empty-sided beads, strict = exact bead, lax = overlap on both sides,
counts pooled over files.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

BeadIds = tuple[tuple[int, ...], tuple[int, ...]]


def format_bead(source: Sequence[int], target: Sequence[int]) -> str:
    return f"{list(source)}:{list(target)}"


def parse_beads(text: str) -> list[BeadIds]:
    """Beads from the text of a `.align` file; a malformed line raises ValueError(line no.)."""
    beads: list[BeadIds] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            left, right = line.split(":")
            src, tgt = ast.literal_eval(left.strip()), ast.literal_eval(right.strip())
            beads.append((tuple(int(x) for x in src), tuple(int(x) for x in tgt)))
        except (ValueError, SyntaxError) as exc:
            raise ValueError(f"line {number}: not a bead: {line!r}") from exc
    return beads


@dataclass(frozen=True)
class Counts:
    """True and false positives, strict and lax, so files can be pooled before dividing."""

    tp_strict: int = 0
    fp_strict: int = 0
    tp_lax: int = 0
    fp_lax: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.tp_strict + other.tp_strict,
            self.fp_strict + other.fp_strict,
            self.tp_lax + other.tp_lax,
            self.fp_lax + other.fp_lax,
        )


@dataclass(frozen=True)
class Score:
    """Strict and lax precision, recall and F1."""

    strict_p: float
    strict_r: float
    strict_f: float
    lax_p: float
    lax_r: float
    lax_f: float


def _precision_counts(gold: Iterable[BeadIds], test: Iterable[BeadIds]) -> Counts:
    gold_set = {(tuple(s), tuple(t)) for s, t in gold if s or t}
    test_set = {(tuple(s), tuple(t)) for s, t in test if s or t}
    gold_targets: dict[int, set[int]] = defaultdict(set)
    for g_src, g_tgt in gold_set:
        for s in g_src:
            gold_targets[s].update(g_tgt)
    tp_s = fp_s = tp_l = fp_l = 0
    for bead in test_set:
        if bead in gold_set:
            tp_s += 1
            tp_l += 1
            continue
        fp_s += 1
        reachable: set[int] = set()
        for s in bead[0]:
            reachable |= gold_targets.get(s, set())
        if reachable & set(bead[1]):
            tp_l += 1
        else:
            fp_l += 1
    return Counts(tp_s, fp_s, tp_l, fp_l)


def _ratio(a: int, b: int) -> float:
    return a / (a + b) if a + b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(pairs: Iterable[tuple[Sequence[BeadIds], Sequence[BeadIds]]]) -> Score:
    """Pooled strict/lax P/R/F1 over (gold, test) bead lists, one pair per file."""
    p = r = Counts()
    for gold, test in pairs:
        p = p + _precision_counts(gold, test)
        # Recall is precision with the roles swapped, over beads with both sides non-empty.
        gold_full = [b for b in gold if b[0] and b[1]]
        test_full = [b for b in test if b[0] and b[1]]
        r = r + _precision_counts(test_full, gold_full)
    sp, sr = _ratio(p.tp_strict, p.fp_strict), _ratio(r.tp_strict, r.fp_strict)
    lp, lr = _ratio(p.tp_lax, p.fp_lax), _ratio(r.tp_lax, r.fp_lax)
    return Score(sp, sr, _f1(sp, sr), lp, lr, _f1(lp, lr))
