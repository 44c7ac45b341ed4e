"""align_paragraphs: pair the paragraphs of two files before aligning their sentences.

The counts may differ: one side may be hard-wrapped into many lines, or a translator (or an
edition) may split a paragraph in two or join two. Lines that plainly continue (no stop at
the end and a lowercase word next, or a hyphen or comma at the end) are first glued into
blocks, since a paragraph cannot end there. The blocks are then cut into sentences and the
sentences of the whole text aligned, with a cost on every bead that runs across a
paragraph break: translators start a paragraph where a sentence starts. Paragraphs that
share a sentence bead are one paragraph bead, so a paragraph bead ends where both sides'
breaks meet. Sentences see what paragraphs cannot: which sentence at the end of one
paragraph belongs with which at the start of the next.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from reader.align.keys import has_dictionary, sentence_tokens
from reader.align.lengths import char_lengths
from reader.align.sentences import align_tokens
from reader.sentences import split_into

_CLOSED = re.compile(r"[.!?。！？…:：;；)）\]\"”’'»」』*]\s*$")
_MID_SENTENCE_END = re.compile(r"[-‐,，、]\s*$")
_LOWER_START = re.compile(r"^\s*[a-zà-ÿ]")

Beads = list[tuple[tuple[int, ...], tuple[int, ...]]]


def align_paragraphs(src: Sequence[str], tgt: Sequence[str], src_lang: str, tgt_lang: str) -> Beads:
    """Paragraph beads: monotone, covering every item of both sides, in input order."""
    if not src or not tgt:
        return [((i,), ()) for i in range(len(src))] + [((), (j,)) for j in range(len(tgt))]
    src_blocks, tgt_blocks = blocks(src), blocks(tgt)
    src_text = [_text(src, b) for b in src_blocks]
    tgt_text = [_text(tgt, b) for b in tgt_blocks]
    src_sents, src_of = _sentences(src_text, src_lang)
    tgt_sents, tgt_of = _sentences(tgt_text, tgt_lang)
    links = align_tokens(
        sentence_tokens(src_sents, src_lang),
        sentence_tokens(tgt_sents, tgt_lang),
        char_lengths(src_sents),
        char_lengths(tgt_sents),
        unmatched=1.0 if has_dictionary(src_lang, tgt_lang) else 0.0,
        breaks=(_breaks(src_of, src_text), _breaks(tgt_of, tgt_text)),
    )
    out: Beads = []
    src_open: list[int] = []
    tgt_open: list[int] = []
    i = j = 0  # sentences taken on each side
    for link in links:
        for k in link.source:
            _add(src_open, src_of[k])
        for k in link.target:
            _add(tgt_open, tgt_of[k])
        i, j = i + len(link.source), j + len(link.target)
        if _at_break(src_of, i) and _at_break(tgt_of, j) and (src_open or tgt_open):
            out.append(_bead(src_open, tgt_open, src_blocks, tgt_blocks))
            src_open, tgt_open = [], []
    if src_open or tgt_open:
        out.append(_bead(src_open, tgt_open, src_blocks, tgt_blocks))
    return out


def _bead(
    src_open: list[int],
    tgt_open: list[int],
    src_blocks: list[tuple[int, ...]],
    tgt_blocks: list[tuple[int, ...]],
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """A bead of blocks, in the caller's item numbers."""
    return (
        tuple(k for b in src_open for k in src_blocks[b]),
        tuple(k for b in tgt_open for k in tgt_blocks[b]),
    )


def _text(items: Sequence[str], block: tuple[int, ...]) -> str:
    return "\n".join(items[k] for k in block)


def _sentences(texts: list[str], lang: str) -> tuple[list[str], list[int]]:
    """All sentences of the blocks in order, and the block each one comes from.

    A block with no sentence (only spaces) still gets one, empty, so it is paired too.
    """
    sentences: list[str] = []
    block_of: list[int] = []
    for b, text in enumerate(texts):
        found = split_into(text, lang) or [text]
        sentences.extend(found)
        block_of.extend([b] * len(found))
    return sentences, block_of


def _breaks(block_of: list[int], texts: list[str]) -> np.ndarray:
    """Per sentence: whether a paragraph ends after it that a bead should not run across.

    A block that ends without a stop (a heading, or a hard-wrapped line `continues` could
    not tell from a paragraph end, such as one before a capitalised name) may well go on in
    the next one, so the break after it is free to cross.
    """
    of = np.array(block_of)
    ends = np.append(of[1:] != of[:-1], True)
    closed = np.array([bool(_CLOSED.search(text)) for text in texts])
    last: np.ndarray = ends & closed[of]
    return last


def _add(open_blocks: list[int], block: int) -> None:
    if not open_blocks or open_blocks[-1] != block:
        open_blocks.append(block)


def _at_break(block_of: list[int], taken: int) -> bool:
    """Whether a side stands between two blocks (or at an end) after `taken` sentences."""
    return taken in (0, len(block_of)) or block_of[taken - 1] != block_of[taken]


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
