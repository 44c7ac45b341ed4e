"""The cell-by-cell search of a short paragraph gives what the array search gives, to the bit.

A band of up to `dp.SMALL` cells (a paragraph of a few sentences a side) is searched, and
its beads' confidences summed, in plain Python; longer texts go through the row-by-row
array search. Both must agree on every bead and every confidence, so the paragraphs here
are real ones: the bilingual segments of the real study files in tests/data/real, the
op-ed seed's, and the test story's, taken singly, two at a time, with a sentence of one
side left out and in both directions.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest
from seedfiles import OPED, seed_path

from reader.align import band as bands
from reader.align import confidence, costs, dp, sentences
from reader.align.costs import quantile
from reader.align.evidence import centres, sides, weigh
from reader.align.keys import sentence_tokens
from reader.align.lengths import char_lengths
from reader.align.sentences import PRIORS, align_sentences
from reader.importers import import_file
from reader.model import Link

DATA = Path(__file__).parent / "data"

Pair = tuple[list[str], list[str], str, str]


def bilingual_segments(path: Path) -> list[Pair]:
    result = import_file(path)
    doc = result.document
    out: list[Pair] = []
    for seg in doc.segments:
        if seg.target is None or not seg.target.sentences or not seg.source.sentences:
            continue
        langs = (doc.segment_lang(seg), doc.target_lang or "")
        out.append((list(seg.source.sentences), list(seg.target.sentences), *langs))
    return out


def story() -> list[Pair]:
    """The aligner's test story cut at its gold beads into windows of one to four beads."""
    src = (DATA / "align" / "story.en").read_text(encoding="utf-8").splitlines()
    tgt = (DATA / "align" / "story.zh").read_text(encoding="utf-8").splitlines()
    out: list[Pair] = []
    for start in range(len(src)):
        for size in (1, 2, 3, 4):
            s = src[start : start + size]
            t = tgt[round(start * len(tgt) / len(src)) :][: size + 1]
            if s and t:
                out.append((s, t, "en", "zh"))
    return out


def paragraphs() -> list[Pair]:
    base: list[Pair] = []
    for path in sorted((DATA / "real").glob("[0-9]*")):
        base += bilingual_segments(path)
    base += bilingual_segments(seed_path(OPED))
    out = list(base)
    for (s1, t1, sl, tl), (s2, t2, sl2, tl2) in pairwise(base):
        if (sl, tl) == (sl2, tl2):
            out.append((s1 + s2, t1 + t2, sl, tl))  # two paragraphs as one
    out += [(s, t[1:], sl, tl) for s, t, sl, tl in base if len(t) > 1]  # one left out
    out += [(t, s, tl, sl) for s, t, sl, tl in base]  # the other direction
    return out + story()


def beads(links: list[Link]) -> list[tuple[tuple[int, ...], tuple[int, ...], float | None]]:
    return [(link.source, link.target, link.confidence) for link in links]


@pytest.fixture(scope="module")
def real_paragraphs() -> list[Pair]:
    return paragraphs()


def test_the_set_is_varied_and_mostly_small(real_paragraphs: list[Pair]) -> None:
    small = [p for p in real_paragraphs if (len(p[0]) + 1) * (len(p[1]) + 1) <= dp.SMALL]
    shapes = {(len(p[0]), len(p[1])) for p in small}
    assert len(real_paragraphs) > 300 and len(small) > 250
    # Not only 1-1 paragraphs: uneven and longer ones too.
    assert len(shapes) > 15 and any(len(p[0]) != len(p[1]) for p in small)
    assert {p[2] for p in real_paragraphs} >= {"en", "zh"}


def aligned(pairs: list[Pair], monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Each paragraph's links, and the raw paths and shares behind them (unrounded)."""
    raw: list[object] = []

    def recorded(fn):  # type: ignore[no-untyped-def]
        def run(*args, **kwargs):  # type: ignore[no-untyped-def]
            out = fn(*args, **kwargs)
            raw.append(out)
            return out

        return run

    with monkeypatch.context() as m:
        m.setattr(sentences, "best_path", recorded(dp.best_path))
        m.setattr(sentences, "bead_confidence", recorded(confidence.bead_confidence))
        out: list[object] = []
        for pair in pairs:
            raw.clear()
            out.append((beads(align_sentences(*pair)), list(raw)))
        return out


def test_small_search_gives_the_array_search_paths_and_shares(
    real_paragraphs: list[Pair], monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = aligned(real_paragraphs, monkeypatch)
    monkeypatch.setattr(dp, "SMALL", 0)
    monkeypatch.setattr(confidence, "SMALL", 0)
    slow = aligned(real_paragraphs, monkeypatch)
    # Paths (spans and float costs) and unrounded confidences, equal to the bit.
    differ = [(p, a, b) for p, a, b in zip(real_paragraphs, fast, slow) if a != b]
    assert not differ, f"{len(differ)} paragraphs differ, the first: {differ[0]}"
    links = [found[0] for found in fast]  # type: ignore[index]
    # The paragraphs are not all aligned the same trivial way.
    assert sum(1 for one in links if any(len(s) != len(t) for s, t, _c in one)) > 20
    assert len({c for one in links for _s, _t, c in one}) > 100


def test_the_unpaired_cost_quantile_is_numpys() -> None:
    rng = np.random.default_rng(5)
    for size in range(1, 60):
        values = rng.gamma(2.0, 3.0, size)
        values[rng.integers(0, size)] = values[0]  # ties too
        for q in (0.0, 0.1, 0.2, 0.25, 0.5, 0.77, 1.0):
            assert quantile(values.tolist(), q) == float(np.quantile(values, q)), (size, q)


ODD_PRIORS = {(1, 1): 0.8, (1, 2): 0.1, (2, 2): 0.05, (3, 2): 0.03, (1, 0): 0.01, (0, 1): 0.01}


def bead_cost_arrays(pair: Pair, priors: dict[tuple[int, int], float]) -> list[bytes]:
    src, tgt, src_lang, tgt_lang = pair
    s_tok, t_tok = sentence_tokens(src, src_lang), sentence_tokens(tgt, tgt_lang)
    s_len, t_len = char_lengths(src), char_lengths(tgt)
    src_side, tgt_side = sides(s_tok, t_tok, 1.0)
    a, b = weigh(src_side, centres(s_len, t_len)), weigh(tgt_side, centres(t_len, s_len))
    band = bands.full(len(src), len(tgt))
    cost = costs.bead_costs(a, b, s_len, t_len, band, priors, costs.WEIGHTS)
    return [cost[shape].tobytes() for shape in priors]


@pytest.mark.parametrize("priors", [PRIORS, ODD_PRIORS], ids=["priors", "odd-priors"])
def test_paragraph_and_long_text_costs_agree(
    real_paragraphs: list[Pair],
    priors: dict[tuple[int, int], float],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A paragraph's chunk gathers every sentence and table at once, a long text's one
    # sentence at a time: the same costs either way, to the bit, whatever the shapes.
    pairs = real_paragraphs[::3]
    at_once = [bead_cost_arrays(pair, priors) for pair in pairs]
    monkeypatch.setattr(costs, "_AT_ONCE", 0)
    one_by_one = [bead_cost_arrays(pair, priors) for pair in pairs]
    assert at_once == one_by_one
