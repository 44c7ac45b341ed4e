"""Sentence and paragraph alignment of an original with its translation.

The public entry points are `align_sentences` (beads of sentence ids with a confidence, as
`reader.model.Link`) and `align_paragraphs` (beads of paragraph indices, for two-file import).
Repairs a learner makes by hand live in `reader.align.repair`.
"""

from __future__ import annotations

from reader.align.paragraphs import align_paragraphs
from reader.align.sentences import align_sentences

__all__ = ["align_paragraphs", "align_sentences"]
