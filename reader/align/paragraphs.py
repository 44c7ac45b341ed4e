"""align_paragraphs: pair the paragraphs of two files before aligning their sentences."""

from __future__ import annotations

from typing import Sequence

from reader.align.sentences import align_sentences


def align_paragraphs(
    src: Sequence[str], tgt: Sequence[str], src_lang: str, tgt_lang: str
) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Paragraph beads; 1-n and n-1 merges absorb hard wrapping and split paragraphs."""
    return [(link.source, link.target) for link in align_sentences(src, tgt, src_lang, tgt_lang)]
