"""align_paragraphs: pair the paragraphs of two files before aligning their sentences.

The same scoring as sentences, over wider beads: one side may be hard-wrapped into many
lines, or a translator may split a paragraph in two, so 1-n and n-1 beads go up to
`MAX_LINES` and are nearly as likely as each other.
"""

from __future__ import annotations

from typing import Sequence

from reader.align.dp import Bead
from reader.align.keys import has_dictionary, sentence_tokens
from reader.align.lengths import char_lengths
from reader.align.sentences import align_tokens

MAX_LINES = 12

PARAGRAPH_PRIORS: dict[Bead, float] = {
    (1, 1): 0.8,
    (1, 0): 0.01,
    (0, 1): 0.01,
    (2, 2): 0.005,
    **{(1, k): 0.03 / (k - 1) for k in range(2, MAX_LINES + 1)},
    **{(k, 1): 0.03 / (k - 1) for k in range(2, MAX_LINES + 1)},
}


def align_paragraphs(
    src: Sequence[str], tgt: Sequence[str], src_lang: str, tgt_lang: str
) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Paragraph beads: monotone, covering every paragraph of both sides."""
    if not src or not tgt:
        return [((i,), ()) for i in range(len(src))] + [((), (j,)) for j in range(len(tgt))]
    links = align_tokens(
        sentence_tokens(src, src_lang),
        sentence_tokens(tgt, tgt_lang),
        char_lengths(src),
        char_lengths(tgt),
        priors=PARAGRAPH_PRIORS,
        unmatched=1.0 if has_dictionary(src_lang, tgt_lang) else 0.0,
    )
    return [(link.source, link.target) for link in links]
