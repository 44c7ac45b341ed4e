"""align_paragraphs: pair the paragraphs of two files before aligning their sentences.

The counts may differ: one side may be hard-wrapped into many lines, or a translator may
split a paragraph in two. Lines that plainly continue (no stop at the end and a lowercase
word next, or a hyphen or comma at the end) are first glued into blocks, since a paragraph
cannot end there; the blocks are then aligned with the sentence scoring over wide 1-n and
n-1 beads, and the beads are given back in the caller's item numbers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.align.dp import Bead
from reader.align.keys import has_dictionary, sentence_tokens
from reader.align.lengths import char_lengths
from reader.align.sentences import align_tokens

MAX_ITEMS = 12

PARAGRAPH_PRIORS: dict[Bead, float] = {
    (1, 1): 0.8,
    (1, 0): 0.01,
    (0, 1): 0.01,
    (2, 2): 0.005,
    **{(1, k): 0.03 / (k - 1) for k in range(2, MAX_ITEMS + 1)},
    **{(k, 1): 0.03 / (k - 1) for k in range(2, MAX_ITEMS + 1)},
}

_CLOSED = re.compile(r"[.!?。！？…:：;；)）\]\"”’'»」』*]\s*$")
_MID_SENTENCE_END = re.compile(r"[-‐,，、]\s*$")
_LOWER_START = re.compile(r"^\s*[a-zà-ÿ]")

Beads = list[tuple[tuple[int, ...], tuple[int, ...]]]


def align_paragraphs(src: Sequence[str], tgt: Sequence[str], src_lang: str, tgt_lang: str) -> Beads:
    """Paragraph beads: monotone, covering every item of both sides, in input order."""
    if not src or not tgt:
        return [((i,), ()) for i in range(len(src))] + [((), (j,)) for j in range(len(tgt))]
    src_blocks, tgt_blocks = blocks(src), blocks(tgt)
    src_text = ["\n".join(src[k] for k in b) for b in src_blocks]
    tgt_text = ["\n".join(tgt[k] for k in b) for b in tgt_blocks]
    links = align_tokens(
        sentence_tokens(src_text, src_lang),
        sentence_tokens(tgt_text, tgt_lang),
        char_lengths(src_text),
        char_lengths(tgt_text),
        priors=PARAGRAPH_PRIORS,
        unmatched=1.0 if has_dictionary(src_lang, tgt_lang) else 0.0,
    )
    return [
        (
            tuple(k for b in link.source for k in src_blocks[b]),
            tuple(k for b in link.target for k in tgt_blocks[b]),
        )
        for link in links
    ]


def continues(line: str, following: str) -> bool:
    """Whether `line` is cut mid-sentence and `following` carries on with it."""
    if not line.strip() or _CLOSED.search(line):
        return False
    return bool(_MID_SENTENCE_END.search(line) or _LOWER_START.match(following))


def blocks(items: Sequence[str]) -> list[tuple[int, ...]]:
    """Item indices grouped into runs glued by `continues`."""
    out: list[tuple[int, ...]] = []
    run: list[int] = []
    for k, item in enumerate(items):
        run.append(k)
        if k + 1 == len(items) or not continues(item, items[k + 1]):
            out.append(tuple(run))
            run = []
    return out
