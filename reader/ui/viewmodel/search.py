"""Search in both languages of a document: the hits of one query, and the current one."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.model import Document


@dataclass(frozen=True, slots=True)
class Hit:
    """One search hit: a span of one side of a segment."""

    segment: int
    side: str
    start: int
    end: int


class Search:
    """Every place `query` occurs (ignoring case) in either language, in document order, and
    which of them is current (-1 before the first step)."""

    def __init__(self, document: Document, query: str) -> None:
        self.query = query
        self.hits: list[Hit] = []
        self.by_segment: dict[int, list[int]] = {}
        self.index = -1
        if query.strip():
            pattern = re.compile(re.escape(query.strip()), re.IGNORECASE)
            for i, seg in enumerate(document.segments):
                for side, text in (("source", seg.source), ("target", seg.target)):
                    if text is None:
                        continue
                    for m in pattern.finditer(text.text):
                        self.by_segment.setdefault(i, []).append(len(self.hits))
                        self.hits.append(Hit(i, side, m.start(), m.end()))

    def __len__(self) -> int:
        return len(self.hits)

    @property
    def current(self) -> Hit | None:
        return self.hits[self.index] if self.index >= 0 and self.hits else None

    def start_at(self, segment: int) -> Hit | None:
        """Make the first hit at or after `segment` current (wrapping round)."""
        if not self.hits:
            return None
        self.index = next((k for k, h in enumerate(self.hits) if h.segment >= segment), 0) - 1
        return self.step(1)

    def step(self, delta: int) -> Hit | None:
        """Make the next (or previous) hit current, wrapping round."""
        if not self.hits:
            return None
        self.index = (self.index + delta) % len(self.hits)
        return self.hits[self.index]

    def in_segment(self, segment: int) -> list[tuple[int, Hit]]:
        """(number, hit) of the hits in one segment."""
        return [(k, self.hits[k]) for k in self.by_segment.get(segment, ())]
