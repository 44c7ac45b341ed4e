"""Where the cursor goes: sentence, paragraph, word and page moves over one document as one
layout mode draws it, and what the learner has picked.

Like the DocumentNavigator beside Textual's TextArea, this holds no widget: every method
takes a cursor and returns the next one, and the reading view only maps keys and clicks to
these calls and paints the result. Tests drive it without an app.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from reader.model import Document, Segment, Text
from reader.ui.viewmodel.layout import Layout
from reader.ui.viewmodel.modes import Mode

Span = tuple[int, int]
Anchor = tuple[str, int]  # (segment id, character offset in its original)


_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_KANA = "\u3040-\u30ff"


@cache
def _word_pattern() -> re.Pattern[str]:
    # Compiled on the first word move, not at start-up: a pattern over these Unicode
    # classes takes milliseconds to compile, and the first frame does not need it.
    return re.compile(
        rf"(?P<han>[{_HAN}]+)|[{_KANA}]"
        rf"|[^\W{_HAN}{_KANA}]+"
        rf"(?:[-'’][^\W{_HAN}]+)*"
    )


@lru_cache(maxsize=4096)
def _han_words(run: str) -> tuple[int, ...]:
    """The lengths of the words of a run of Chinese characters, as jieba cuts it: a
    learner adds 创新, not 创 and 新. jieba's dictionary loads on the first call (about
    two seconds); the reading screen loads it in a worker when a text has Chinese
    (`prepare_words`), so a first word move does not wait for it."""
    from reader.dictionary.chinese import segment

    lengths = tuple(len(w) for w in segment(run))
    if sum(lengths) != len(run) or not all(lengths):
        return (1,) * len(run)  # not a cut of the run: one character at a time
    return lengths


def prepare_words() -> None:
    """Load what cutting Chinese into words needs (a worker calls this)."""
    _han_words("中文")


# What a drag tends to catch at either end of a pick, and what is not part of it.
_EDGE_CHARS = " \t,.;:!?，。、；：？！"


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where the learner is: a sentence of a segment, and optionally a word span in it.

    `sentence` is always a sentence of the original. `word` is a character span in the
    original's text, which is what a learner usually adds to the glossary, except where the
    mode reads the translation (`Mode.word_side`): there the word cursor walks the
    translation shown (the sentences aligned with `sentence`) and `side` is "target".
    """

    segment: int
    sentence: int
    word: Span | None = None
    side: str = "source"


@dataclass(frozen=True, slots=True)
class TextPick:
    """Text the learner picked (mouse selection or word cursor), with enough to add an entry."""

    segment_id: str
    side: str  # "source" | "target"
    start: int
    end: int
    text: str
    sentence: int


def words_in(text: str, span: Span) -> list[Span]:
    """Word spans inside `span` of `text`: runs of letters (with inner hyphens and
    apostrophes), Chinese cut into words (jieba), each kana a word."""
    start, end = span
    out: list[Span] = []
    for m in _word_pattern().finditer(text, start, end):
        first, last = m.start(), m.end()
        if m.lastgroup == "han" and last - first > 1:
            for length in _han_words(text[first:last]):
                out.append((first, first + length))
                first += length
        else:
            out.append((first, last))
    return out


def source_of_target(seg: Segment, target_sentence: int) -> int:
    """The first source sentence that a target sentence translates (0 when none is)."""
    return min(seg.sources_of(target_sentence), default=0)


def text_of(seg: Segment, side: str) -> Text | None:
    return seg.source if side == "source" else seg.target


class Navigator:
    """Cursor moves over `document` as `mode` draws it (`mode` decides which text the word
    cursor walks)."""

    def __init__(self, document: Document, mode: Mode) -> None:
        self.document = document
        self.mode = mode

    # --- what the cursor walks ----------------------------------------------------------

    def word_side(self, index: int) -> str:
        """The text the word cursor walks in segment `index`: the one the mode reads."""
        if self.mode.word_side == "target" and self.document.segments[index].bilingual:
            return "target"
        return "source"

    def sentence_words(self, index: int, sentence: int) -> list[Span]:
        """Word spans of source `sentence`, or of its aligned translation where the word
        cursor walks the translation."""
        seg = self.document.segments[index]
        if self.word_side(index) == "target" and seg.target is not None:
            tgt = seg.target
            return [
                w
                for t in seg.counterparts(sentence)
                if t < len(tgt.spans)
                for w in words_in(tgt.text, tgt.spans[t])
            ]
        text = seg.source
        if not 0 <= sentence < len(text.spans):
            return []
        return words_in(text.text, text.spans[sentence])

    def fits(self, cursor: Cursor) -> Cursor:
        """The cursor as this mode can show it: a word on a text it does not walk is dropped
        (the sentence stays)."""
        if cursor.word is not None and cursor.side != self.word_side(cursor.segment):
            return Cursor(cursor.segment, cursor.sentence)
        return cursor

    # --- moves ------------------------------------------------------------------------------

    def sentence(self, cur: Cursor, delta: int) -> Cursor:
        seg, sent = cur.segment, cur.sentence
        segments = self.document.segments
        if not segments:
            return cur
        step = 1 if delta > 0 else -1
        for _ in range(abs(delta)):
            count = len(segments[seg].source.sentences)
            if 0 <= sent + step < count:
                sent += step
            elif step > 0 and seg + 1 < len(segments):
                seg, sent = seg + 1, 0
            elif step < 0 and seg > 0:
                seg -= 1
                sent = max(len(segments[seg].source.sentences) - 1, 0)
        return Cursor(seg, sent)

    def paragraph(self, cur: Cursor, delta: int) -> Cursor:
        last = len(self.document.segments) - 1
        return Cursor(min(max(cur.segment + delta, 0), max(last, 0)), 0)

    def start(self) -> Cursor:
        return Cursor(0, 0)

    def end(self) -> Cursor:
        segments = self.document.segments
        if not segments:
            return Cursor(0, 0)
        last = len(segments) - 1
        return Cursor(last, max(len(segments[last].source.sentences) - 1, 0))

    def word(self, cur: Cursor, delta: int) -> Cursor:
        """Next or previous word, into the next or previous sentence at either end."""
        if not self.document.segments:
            return cur
        side = self.word_side(cur.segment)
        words = self.sentence_words(cur.segment, cur.sentence)
        if cur.word is None or cur.side != side:
            if words:
                return Cursor(cur.segment, cur.sentence, words[0 if delta > 0 else -1], side)
            return cur
        if delta > 0:
            after = [w for w in words if w[0] >= cur.word[1]]
            if after:
                return Cursor(cur.segment, cur.sentence, after[0], side)
        else:
            before = [w for w in words if w[1] <= cur.word[0]]
            if before:
                return Cursor(cur.segment, cur.sentence, before[-1], side)
        # Past the sentence's edge: the neighbouring sentence, at its first or last word.
        # Sentences with no words here (an original sentence with no translation, in the
        # translation-only layout) or the same words (two sentences linked to one
        # translated sentence) are passed over.
        seen = set(words)
        here = cur
        while True:
            moved = self.sentence(here, 1 if delta > 0 else -1)
            if (moved.segment, moved.sentence) == (here.segment, here.sentence):
                return cur  # at the end of the document: stay
            words = self.sentence_words(moved.segment, moved.sentence)
            if words and (moved.segment != cur.segment or not seen.issuperset(words)):
                word = words[0 if delta > 0 else -1]
                return Cursor(moved.segment, moved.sentence, word, self.word_side(moved.segment))
            here = moved

    def extend(self, cur: Cursor, delta: int) -> Cursor:
        """Grow the phrase by a word to the right; shrink it from the right (or grow left)."""
        if not self.document.segments:
            return cur
        side = self.word_side(cur.segment)
        words = self.sentence_words(cur.segment, cur.sentence)
        if not words:
            return cur
        if cur.word is None or cur.side != side:
            return Cursor(cur.segment, cur.sentence, words[0], side)
        start, end = cur.word
        inside = [w for w in words if w[0] >= start and w[1] <= end]
        if delta > 0:
            after = [w for w in words if w[0] >= end]
            if after:
                end = after[0][1]
        elif len(inside) > 1:
            end = inside[-2][1]
        else:
            before = [w for w in words if w[1] <= start]
            if before:
                start = before[-1][0]
        return Cursor(cur.segment, cur.sentence, (start, end), side)

    def page(self, layout: Layout, top: int, height: int, delta: int) -> tuple[int, Cursor] | None:
        """Scroll by screens of `height` rows from `top`: the new top row and the cursor on
        the first sentence there; None when already at that end of the document."""
        if not self.document.segments:
            return None
        step = max(height - 1, 1)
        new_top = min(max(top + delta * step, 0), max(layout.total_rows - step, 0))
        if new_top == top:
            return None
        index, sub = layout.locate(new_top)
        if sub >= layout.heights[index] - 1 and index + 1 < len(self.document.segments):
            # The top row is the blank row after a paragraph: the next one starts below it.
            return new_top, Cursor(index + 1, 0)
        index, offset = layout.offset_at_row(new_top)
        return new_top, Cursor(index, self.document.segments[index].source.sentence_at(offset))

    # --- where the cursor is drawn --------------------------------------------------------------

    def cursor_rows(self, layout: Layout, cur: Cursor) -> range:
        """The rows the cursor (its word, else its sentence, else its translation) is drawn on."""
        if not self.document.segments:
            return range(0)
        seg = self.document.segments[cur.segment]
        block = layout.block(cur.segment)
        if cur.word is not None and cur.side == "target" and block.part("target") is not None:
            return layout.rows_of_span(cur.segment, "target", cur.word)
        if block.part("source") is not None and cur.sentence < len(seg.source.spans):
            span = cur.word if cur.word is not None and cur.side == "source" else None
            return layout.rows_of_span(
                cur.segment, "source", span or seg.source.spans[cur.sentence]
            )
        tgt = seg.target
        others = seg.counterparts(cur.sentence)
        if tgt is not None and others:
            span = (tgt.spans[min(others)][0], tgt.spans[max(others)][1])
            return layout.rows_of_span(cur.segment, "target", span)
        return range(layout.top(cur.segment), layout.top(cur.segment) + 1)

    def scroll_for(self, layout: Layout, cur: Cursor, top: int, height: int) -> int | None:
        """The top row that brings the cursor into a view of `height` rows, None if it is."""
        rows = self.cursor_rows(layout, cur)
        if not rows:
            return None
        first, last = rows.start, rows.stop - 1
        if layout.geometry.drawn.keep_block:
            # Bring in the whole block when it fits: the counterpart is beside the sentence.
            seg_top = layout.top(cur.segment)
            seg_bottom = seg_top + layout.heights[cur.segment] - 1
            if seg_bottom - seg_top < height:
                first, last = min(first, seg_top), max(last, seg_bottom - 1)
        if first < top:
            return max(first - 1, 0)
        if last >= top + height:
            return max(last - height + 2, 0)
        return None

    # --- picks and positions ---------------------------------------------------------------

    def selection(self, cur: Cursor) -> TextPick | None:
        """The word or phrase under the word cursor, as a pick."""
        if cur.word is None or not self.document.segments:
            return None
        seg = self.document.segments[cur.segment]
        text = text_of(seg, cur.side)
        if text is None:
            return None
        start, end = cur.word
        return TextPick(seg.id, cur.side, start, end, text.text[start:end], cur.sentence)

    def pick(self, index: int, side: str, start: int, end: int) -> TextPick | None:
        """Characters `start`..`end` of one side of a segment, trimmed of the spaces and
        punctuation a drag tends to catch at either end."""
        seg = self.document.segments[index]
        text = text_of(seg, side)
        if text is None:
            return None
        start, end = max(0, min(start, end)), min(max(start, end), len(text.text))
        raw = text.text[start:end]
        start += len(raw) - len(raw.lstrip(_EDGE_CHARS))
        end -= len(raw) - len(raw.rstrip(_EDGE_CHARS))
        if end <= start:
            return None
        sentence = text.sentence_at(start)
        if side == "target":
            sentence = source_of_target(seg, sentence)
        return TextPick(seg.id, side, start, end, text.text[start:end], sentence)

    def click(self, index: int, side: str, char: int) -> tuple[Cursor, TextPick | None] | None:
        """A click on character `char` of one side: the cursor there (on the word), and on a
        translation the original does not walk, the word picked instead."""
        seg = self.document.segments[index]
        text = text_of(seg, side)
        if text is None:
            return None
        sentence = text.sentence_at(char)
        word = next(
            (w for w in words_in(text.text, (0, len(text.text))) if w[0] <= char < w[1]), None
        )
        if side == "source":
            return Cursor(index, sentence, word), None
        if self.word_side(index) == "target":  # the translation is what is read
            return Cursor(index, source_of_target(seg, sentence), word, "target"), None
        pick = self.pick(index, "target", *word) if word is not None else None
        return Cursor(index, source_of_target(seg, sentence)), pick

    def drag(self, start: tuple[int, str, int], end: tuple[int, str, int]) -> TextPick | None:
        """The pick of a mouse drag between two (segment, side, character) places, grown to
        whole words at both ends (a hand on a mouse stops a letter short: "innovatie
        belemmer" is "innovatie belemmeren"); a drag across paragraphs or columns keeps to
        the text where it started."""
        index, side, first = start
        text = text_of(self.document.segments[index], side)
        if text is None:
            return None
        last = end[2] if (end[0], end[1]) == (index, side) else len(text.text)
        first, last = min(first, last), max(first, last)
        for a, b in words_in(text.text, (0, len(text.text))):
            if a < first < b:
                first = a
            if a < last < b:
                last = b
        return self.pick(index, side, first, last)

    def at_hit(self, segment: int, side: str, offset: int) -> Cursor:
        """The cursor on the sentence holding character `offset` of one side (through its
        links on the translation)."""
        seg = self.document.segments[segment]
        text = text_of(seg, side)
        if text is None:
            return Cursor(segment, 0)
        sentence = text.sentence_at(offset)
        if side == "target":
            sentence = source_of_target(seg, sentence)
        return Cursor(segment, sentence)

    def reveal_for(self, cur: Cursor) -> tuple[int, tuple[int, ...]] | None:
        """What the self-test shows for the cursor: its sentence's translation."""
        if not self.document.segments:
            return None
        return (cur.segment, self.document.segments[cur.segment].counterparts(cur.sentence))

    def anchor(self, cur: Cursor) -> Anchor:
        """The reading position as (segment id, character offset of the current sentence)."""
        segments = self.document.segments
        if not segments:
            return ("", 0)
        seg = segments[min(cur.segment, len(segments) - 1)]
        spans = seg.source.spans
        return (seg.id, spans[cur.sentence][0] if cur.sentence < len(spans) else 0)

    def at_anchor(self, anchor: Anchor) -> Cursor | None:
        """The cursor at a saved position; None for a segment no longer in the document."""
        index = self.document.segment_index.get(anchor[0])
        if index is None:
            return None
        return Cursor(index, self.document.segments[index].source.sentence_at(anchor[1]))
