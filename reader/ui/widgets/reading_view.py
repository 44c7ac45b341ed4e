"""The reading view: a document to read, with the learner's cursor, selection and search.

On top of `DocumentView` (the layout and the drawing), this widget holds where the learner
is and what they picked, and maps keys (through the screen) and the mouse to the navigator
(`viewmodel.navigator`) and search (`viewmodel.search`); it repaints the segments a change
touches and posts `CursorMoved` and `TextPicked` for the screen's panels.

Key bindings live in the screen that holds the view; the view offers the moves as methods.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events
from textual.css.model import RuleSet
from textual.css.styles import RenderStyles
from textual.dom import DOMNode
from textual.message import Message
from textual.selection import Selection

from reader.marks import MatchProvider
from reader.model import Document
from reader.ui.viewmodel.modes import DEFAULT
from reader.ui.viewmodel.navigator import Anchor, Cursor, Navigator, TextPick, prepare_words
from reader.ui.viewmodel.styling import STYLE_NAMES
from reader.ui.widgets.document_view import LOW_CONFIDENCE, DocumentView
from reader.ui.widgets.palette import legend
from reader.ui.widgets.rows import Frame, decode, offset_at
from reader.ui.workers import thread_work

if TYPE_CHECKING:
    from reader.ui.viewmodel.search import Hit, Search

# Colours from the theme, one component class per style name (`viewmodel.styling`). The
# text colours are hues, not promises: the palette (`widgets.palette`) lays translucent
# backgrounds over what is beneath and keeps every text colour at 4.5:1 on its background.
# Terms are told apart by colour and line (new: bold and underlined, learning: underlined,
# graded toward the known colour by level, known: plain colour); what follows the learner
# is a background, so a term keeps its look under the cursor.
CSS = """
ReadingView {
    background: $surface;
    color: $foreground;
    overflow-x: hidden;
    scrollbar-gutter: stable;  /* the text width never changes when a scrollbar appears */
}
ReadingView > .reading-view--cursor { background: $primary 25%; }
ReadingView > .reading-view--counterpart { background: $secondary 25%; }
ReadingView > .reading-view--word { background: $accent 60%; text-style: bold; }
ReadingView > .reading-view--selection { background: $accent 40%; }
ReadingView > .reading-view--term-new { color: $text-error; text-style: bold underline; }
ReadingView > .reading-view--term-learning { color: $text-warning; text-style: underline; }
ReadingView > .reading-view--term-known { color: $text-success; }
/* Lightly: most words of a new text are unknown, and a page of loud marks cannot be read.
   An underline in the text's own colour: it stays under the cursor's and the counterpart's
   backgrounds (a tint would vanish on the sentence read) and is not a glossary term's colour. */
ReadingView > .reading-view--term-unknown { text-style: underline; }
ReadingView > .reading-view--term-overlap { text-style: bold underline; }
ReadingView > .reading-view--search { background: $warning 30%; }
ReadingView > .reading-view--search-current { background: $warning 80%; text-style: bold; }
ReadingView > .reading-view--translation { color: $text-muted; text-style: italic; }
ReadingView > .reading-view--annotation { color: $text-muted; }
ReadingView > .reading-view--heading { text-style: bold; }
ReadingView > .reading-view--gutter { color: $foreground 25%; }
ReadingView > .reading-view--low-confidence { color: $error; text-style: bold; }
ReadingView > .reading-view--heading-1 { text-style: bold; }
ReadingView > .reading-view--heading-2 { text-style: bold underline; }
ReadingView > .reading-view--heading-3 { text-style: bold italic; }
ReadingView > .reading-view--heading-rule { color: $foreground 40%; }
ReadingView > .reading-view--ruby { color: $text-muted; }
ReadingView > .reading-view--footnote { color: $text-muted; text-style: italic; }
ReadingView > .reading-view--cue { color: $text-muted; text-style: bold; }
"""


class ReadingView(DocumentView, can_focus=True):
    """A document drawn row by row through `render_line`; never one widget per paragraph."""

    # The styles of the text's parts (terms, cursor, search hits...), set in the CSS above.
    # Not Textual's COMPONENT_CLASSES: Textual works those out again (one stylesheet pass
    # each, 23 here) whenever this widget's own styles change (focus, hover, a class), the
    # first frame's costliest part, for styles that depend only on the stylesheet and its
    # theme. Each is worked out on first use, once per parse of the stylesheet.
    STYLE_CLASSES: ClassVar[tuple[str, ...]] = tuple(f"reading-view--{n}" for n in STYLE_NAMES)
    DEFAULT_CSS = CSS

    class CursorMoved(Message):
        """Posted on every cursor move (the screen updates the notes panel and status bar)."""

        def __init__(self, cursor: Cursor) -> None:
            super().__init__()
            self.cursor = cursor

    class TextPicked(Message):
        """Posted when the learner selects text with the mouse."""

        def __init__(self, pick: TextPick) -> None:
            super().__init__()
            self.pick = pick

    def __init__(
        self,
        document: Document,
        *,
        matches: MatchProvider,
        mode: str = DEFAULT,
        bidi: bool = True,
        low_confidence: float = LOW_CONFIDENCE,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(
            document,
            matches=matches,
            mode=mode,
            bidi=bidi,
            low_confidence=low_confidence,
            name=name,
            id=id,
            classes=classes,
        )
        self._cursor = Cursor(0, 0)
        self._revealed = False
        self._pick: TextPick | None = None  # from the mouse
        self._dragging = False
        self._search: Search | None = None
        self._last_frame: Frame | None = None
        self._styled_by: list[RuleSet] | None = None  # the rules `_component_styles` are from

    def get_component_styles(self, *names: str) -> RenderStyles:
        stylesheet = self.app.stylesheet
        rules = stylesheet.rules  # a new list after every parse (a theme, new CSS)
        if rules is not self._styled_by:
            self._styled_by = rules
            self._component_styles.clear()
        for name in names:
            if name not in self._component_styles and name in self.STYLE_CLASSES:
                part = DOMNode(classes=name)  # as Textual does for component classes
                part._attach(self)
                stylesheet.apply(part, animate=False)
                self._component_styles[name] = part.styles
        return super().get_component_styles(*names)

    def on_mount(self) -> None:
        if _has_chinese(self.document):
            # jieba's dictionary takes a couple of seconds to load: in a worker after the
            # first frame, so neither the first frame nor the first word move waits for it.
            self.call_after_refresh(self._prepare_words)

    @thread_work(group="words")
    def _prepare_words(self) -> None:
        prepare_words()

    @property
    def navigator(self) -> Navigator:
        return Navigator(self.document, self.drawn_mode)

    def _frame(self) -> Frame:
        # Asked for every row drawn: made again only when something in it changed.
        frame = self._last_frame
        mode = self.drawn_mode
        if (
            frame is None
            or frame.cursor is not self._cursor
            or frame.mode is not mode
            or frame.search is not self._search
            or frame.pick is not self._pick
        ):
            frame = self._last_frame = Frame(self._cursor, mode, self._search, self._pick)
        return frame

    def set_document(self, document: Document) -> None:
        """Show another version of the document (a translation added, links repaired)."""
        self._revealed = False
        self._search = None
        super().set_document(document)

    def _mode_changed(self) -> None:
        self._revealed = False
        if self.is_mounted:
            fitted = self.navigator.fits(self._cursor)
            if fitted != self._cursor:  # the word is no longer on screen: keep the sentence
                self._set_cursor(fitted, scroll=False)

    # --- the cursor -------------------------------------------------------------------------

    def cursor(self) -> Cursor:
        return self._cursor

    def _move(self, cursor: Cursor) -> None:
        if self.document.segments:
            self._set_cursor(cursor)

    def move_sentence(self, delta: int) -> None:
        self._move(self.navigator.sentence(self._cursor, delta))

    def move_paragraph(self, delta: int) -> None:
        self._move(self.navigator.paragraph(self._cursor, delta))

    def move_word(self, delta: int) -> None:
        self._move(self.navigator.word(self._cursor, delta))

    def extend_word(self, delta: int) -> None:
        self._move(self.navigator.extend(self._cursor, delta))

    def go_start(self) -> None:
        self._set_cursor(self.navigator.start())
        self.scroll_to(y=0, animate=False)

    def go_end(self) -> None:
        self._set_cursor(self.navigator.end())

    def page(self, delta: int) -> None:
        """Scroll by screens and put the cursor on the first sentence now at the top."""
        if self._layout is None or not self.document.segments:
            return
        moved = self.navigator.page(self._layout, int(self.scroll_y), self.size.height, delta)
        if moved is None:  # already at an end: go to the first or last sentence
            self.go_end() if delta > 0 else self.go_start()
            return
        top, cursor = moved
        self.scroll_to(y=top, animate=False, immediate=True)
        self._set_cursor(cursor, scroll=False)

    def _set_cursor(self, cursor: Cursor, *, scroll: bool = True) -> None:
        old = self._cursor
        self._cursor = cursor
        self._pick = None if self._pick is not None and not self._dragging else self._pick
        if self._revealed and (old.segment, old.sentence) != (cursor.segment, cursor.sentence):
            self._revealed = False
            self._apply_reveal()
        self._refresh_segment(old.segment)
        self._refresh_segment(cursor.segment)
        if scroll:
            self._scroll_to_cursor()
        self._schedule_prefetch()
        self.post_message(self.CursorMoved(cursor))

    def _scroll_to_cursor(self) -> None:
        if self._layout is None:
            return
        top = self.navigator.scroll_for(
            self._layout, self._cursor, int(self.scroll_y), self.size.height
        )
        if top is not None:
            self.scroll_to(y=top, animate=False, immediate=True)

    # --- self-test ---------------------------------------------------------------------------

    def toggle_reveal(self) -> None:
        """Self-test: show or hide the translation of the current sentence under it."""
        self._revealed = not self._revealed
        self._apply_reveal()

    @property
    def revealed(self) -> bool:
        return self._revealed

    def _apply_reveal(self) -> None:
        layout = self._layout
        if layout is None or not layout.geometry.drawn.reveals:
            return
        reveal = self.navigator.reveal_for(self._cursor) if self._revealed else None
        if reveal == layout.reveal:
            return
        self._install(layout.with_reveal(reveal), keep_top=True)
        self._scroll_to_cursor()

    def legend(self) -> Text:
        """A sample of every style the view draws, in the current theme (for the help screen)."""
        return legend(self.palette)

    # --- picks, the mouse and the selection -----------------------------------------------

    def selection(self) -> TextPick | None:
        """The mouse selection if any, else the word or phrase under the word cursor."""
        return self._pick if self._pick is not None else self.navigator.selection(self._cursor)

    def clear_selection(self) -> bool:
        """Drop the mouse selection, or shrink a phrase to its first word; False when
        there was nothing to clear (Escape then leaves the document)."""
        if self._pick is not None or self.text_selection is not None:
            old, self._pick = self._pick, None
            self.screen.clear_selection()
            if old is not None and old.segment_id in self.document.segment_index:
                self._refresh_segment(self.document.segment_index[old.segment_id])
            self.post_message(self.CursorMoved(self._cursor))
            return True
        cursor = self._cursor
        if cursor.word is not None:
            words = [
                w
                for w in self.navigator.sentence_words(cursor.segment, cursor.sentence)
                if cursor.word[0] <= w[0] and w[1] <= cursor.word[1]
            ]
            if len(words) > 1:
                self._set_cursor(replace(cursor, word=words[0]), scroll=False)
                return True
        return False

    def _decoded(self, x: int, y: int) -> tuple[int, str, int] | None:
        if self._layout is None or not self.document.segments:
            return None
        return decode(self._layout, x, y)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        pick = self._pick_from_selection(selection)
        return (pick.text, "\n") if pick is not None else None

    def _pick_from_selection(self, selection: Selection) -> TextPick | None:
        if selection.start is None or selection.end is None:
            return None
        start, end = self._decoded(*selection.start), self._decoded(*selection.end)
        if start is None or end is None:
            return None
        return self.navigator.drag(start, end)

    def selection_updated(self, selection: Selection | None) -> None:
        old = self._pick
        self._pick = None if selection is None else self._pick_from_selection(selection)
        for pick in (old, self._pick):
            if pick is not None and pick.segment_id in self.document.segment_index:
                self._refresh_segment(self.document.segment_index[pick.segment_id])

    def on_mouse_down(self, event: events.MouseDown) -> None:
        self._dragging = True

    def on_mouse_up(self, event: events.MouseUp) -> None:
        self._dragging = False
        if self._pick is not None and self.text_selection is not None:
            self.post_message(self.TextPicked(self._pick))

    def text_select_all(self) -> None:
        """Textual selects a whole widget on a double click: here that is the word under
        the mouse (`on_click`); a selection of a whole book is of no use to anyone."""

    def on_click(self, event: events.Click) -> None:
        """A click on a word puts the cursor there, a double click selects the word (a
        word of Chinese as jieba cuts it); a drag selects instead."""
        if self.text_selection is not None and self._pick is not None:
            return
        offset = offset_at(self.render_line(event.y), event.x)
        decoded = self._decoded(*offset) if offset is not None else None
        clicked = self.navigator.click(*decoded) if decoded is not None else None
        if clicked is None:
            return
        cursor, pick = clicked
        self._set_cursor(cursor, scroll=False)
        if pick is None and event.chain == 2:
            pick = self.navigator.selection(cursor)
        if pick is not None:
            self._pick = pick
            self._refresh_segment(cursor.segment)
            self.post_message(self.TextPicked(pick))

    # --- search --------------------------------------------------------------------------

    def search(self, query: str) -> int:
        """Find `query` in both languages (ignoring case), highlight the hits and go to the
        first one at or after the cursor. Returns the number of hits."""
        old = set(self._search.by_segment) if self._search is not None else set()
        from reader.ui.viewmodel.search import Search

        found = Search(self.document, query)
        self._search = found if found.hits else None
        for i in old | set(found.by_segment):
            self._refresh_segment(i)
        if found.hits:
            self._go_to_hit(found.start_at(self._cursor.segment), None)
        return len(found)

    def next_hit(self, delta: int) -> tuple[int, int]:
        """Move to the next (or previous) hit, wrapping around; returns (index, count)."""
        found = self._search
        if found is None:
            return (0, 0)
        old = found.current
        self._go_to_hit(found.step(delta), old)
        return (found.index, len(found))

    def _go_to_hit(self, hit: Hit | None, old: Hit | None) -> None:
        if hit is None:
            return
        if old is not None:
            self._refresh_segment(old.segment)
        self._set_cursor(self.navigator.at_hit(hit.segment, hit.side, hit.start))
        if self._layout is not None:
            row = self._layout.row_of(hit.segment, hit.side, hit.start)
            top, height = int(self.scroll_y), self.size.height
            if not top <= row < top + height:
                self.scroll_to(y=max(row - height // 3, 0), animate=False, immediate=True)

    @property
    def hits(self) -> tuple[Hit, ...]:
        return tuple(self._search.hits) if self._search is not None else ()

    # --- the reading position -------------------------------------------------------------

    def position(self) -> Anchor:
        """The reading position as (segment id, character offset of the current sentence)."""
        return self.navigator.anchor(self._cursor)

    def go_to_segment(self, index: int) -> None:
        """The cursor on the first sentence of segment `index`, and that segment at the top
        of the screen: a jump to a chapter opens on its heading, as a book does, not with
        the heading on the last row under the end of the chapter before."""
        segments = self.document.segments
        if not 0 <= index < len(segments):
            return
        cursor = self.navigator.at_anchor((segments[index].id, 0))
        if cursor is None:
            return
        self._set_cursor(cursor, scroll=self._layout is None)
        if self._layout is not None:
            self.scroll_to(y=self._layout.top(index), animate=False, immediate=True)

    def restore(self, anchor: Anchor) -> None:
        """Go back to a saved position; an id no longer in the document changes nothing."""
        cursor = self.navigator.at_anchor(anchor)
        if cursor is None:
            return
        if self._layout is None or self._layout.document is not self.document:
            self._pending_anchor = anchor
        self._cursor = cursor
        if self._layout is not None:
            self._relayout(anchor=anchor, force=True)
        self.post_message(self.CursorMoved(self._cursor))


def _has_chinese(document: Document) -> bool:
    langs = {document.source_lang, document.target_lang or ""}
    langs.update(seg.lang for seg in document.segments if seg.lang)
    return any(lang.split("-")[0] in ("zh", "yue") for lang in langs)
