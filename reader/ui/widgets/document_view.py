"""A document drawn through Textual's Line API, one layout row per screen row.

The base of the reading view: it keeps the layout (`viewmodel.layout`) for the widget's width
and the layout mode, builds the exact layout of a long book in a worker while an estimate is
on screen, keeps the same words at the top when the layout changes, and draws rows with the
row painter (`rows.RowPainter`), repainting only the rows of the segments that changed. What
the learner does on top of it (cursor, selection, search) is `ReadingView`'s.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import events
from textual.color import Color
from textual.css.styles import RenderStyles
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer
from textual.worker import Worker, WorkerState

from reader.marks import MatchProvider
from reader.model import Document
from reader.ui.viewmodel.layout import Geometry, Layout, build_layout, first_layout
from reader.ui.viewmodel.modes import DEFAULT, MODES, Mode, mode_named
from reader.ui.viewmodel.navigator import Anchor, Cursor, Navigator
from reader.ui.widgets.palette import Palette
from reader.ui.widgets.rows import Frame, Prefetch, RowPainter
from reader.ui.workers import thread_work

LOW_CONFIDENCE = 0.5  # default: links the aligner scored below this get a mark in the gutter


class DocumentView(ScrollView):
    """A laid-out document; never one widget per paragraph."""

    # The layout mode chosen (a name of `modes.MODES`); `drawn_mode` is the one drawn.
    mode: reactive[str] = reactive(DEFAULT)

    class LayoutReady(Message):
        """Posted when the exact layout replaces an estimated one (tests and benchmarks)."""

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
        super().__init__(name=name, id=id, classes=classes)
        self.set_reactive(DocumentView.mode, mode if mode in MODES else DEFAULT)
        self.document = document
        self.bidi = bidi
        self.palette = Palette(self._styles_named, self._base_colors, dark=self._dark_theme)
        self._painter = RowPainter(
            document,
            matches,
            self.palette,
            bidi=bidi,
            low_confidence=low_confidence,
        )
        self._layout: Layout | None = None
        self._layout_serial = 0
        self._pending_anchor: Anchor | None = None
        self._prefetch: Prefetch | None = None
        self._prefetch_timer: Timer | None = None
        self._prefetch_due = False

    # --- what the learner's side provides -------------------------------------------------

    def position(self) -> Anchor:
        """The reading position, kept on screen when the layout changes."""
        return Navigator(self.document, self.drawn_mode).anchor(Cursor(0, 0))

    def _frame(self) -> Frame:
        """What the learner's layers are drawn from."""
        return Frame(Cursor(0, 0), self.drawn_mode)

    def _scroll_to_cursor(self) -> None:
        """Bring the learner's place into view after a new layout."""

    def _mode_changed(self) -> None:
        """The mode drawn changed (after the new layout is in)."""

    # --- what is drawn ---------------------------------------------------------------------

    @property
    def drawn_mode(self) -> Mode:
        """The mode drawn: one-language documents read in one column whatever `mode` says."""
        return self._layout.geometry.drawn if self._layout is not None else mode_named(self.mode)

    @property
    def effective_mode(self) -> str:
        return self.drawn_mode.name

    @property
    def current_layout(self) -> Layout | None:
        return self._layout

    def set_document(self, document: Document) -> None:
        """Show another version of the document (a translation added, links repaired)."""
        position = self.position()
        self.document = document
        self._painter.set_document(document)
        self._layout = None
        self._relayout(anchor=position)

    def terms_changed(self, segment_ids: Iterable[str] | None = None) -> None:
        """The glossary changed: drop cached marks and strips (all, or those segments)."""
        if segment_ids is None:
            self._painter.terms_changed()
            self.refresh()
            return
        index = self.document.segment_index
        found = [index[sid] for sid in segment_ids if sid in index]
        self._painter.terms_changed(found)
        for i in found:
            self._refresh_segment(i)

    # --- layout --------------------------------------------------------------------------

    def watch_mode(self, old: str, new: str) -> None:
        if new not in MODES:
            self.set_reactive(DocumentView.mode, old)
            return
        if self.is_mounted:
            self._relayout(anchor=self.position())
        self._mode_changed()

    def on_resize(self, event: events.Resize) -> None:
        self._relayout(anchor=self._top_anchor())

    def on_mount(self) -> None:
        self._relayout(anchor=self.position())

    def _top_anchor(self) -> Anchor:
        layout = self._layout
        if layout is None or not self.document.segments:
            return self.position()
        index, offset = layout.offset_at_row(int(self.scroll_y))
        return (self.document.segments[index].id, offset)

    @property
    def text_width(self) -> int:
        """Cells available to the text: the widget minus its (always reserved) scrollbar."""
        return self.scrollable_content_region.width

    def _relayout(self, *, anchor: Anchor, force: bool = False) -> None:
        width = self.text_width
        if width <= 0:
            return
        if self._pending_anchor is not None:
            anchor, self._pending_anchor = self._pending_anchor, None
        layout = self._layout
        bilingual = any(seg.bilingual for seg in self.document.segments)
        wanted = Geometry.of(width, self.mode, bilingual)
        if (
            not force
            and layout is not None
            and layout.document is self.document
            and layout.geometry == wanted
        ):
            return
        self._layout_serial += 1
        around = self.document.segment_index.get(anchor[0], 0)
        new, estimated = first_layout(self.document, width, self.mode, around)
        if estimated:
            # Started after the first screen is drawn, so it does not compete with it.
            self.call_after_refresh(
                self._build_exact, self.document, width, self.mode, self._layout_serial
            )
        self._install(new, anchor=anchor)

    @thread_work(exclusive=True, group="layout")
    def _build_exact(
        self, document: Document, width: int, mode: str, serial: int
    ) -> tuple[Layout, int]:
        return build_layout(document, width, mode), serial

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # The layout comes back as the worker's result, in a message to this widget: handled
        # like any other, not in a call made from the worker's thread.
        result = event.worker.result
        if event.worker.group == "layout" and event.state == WorkerState.SUCCESS and result:
            layout, serial = result
            self._exact_ready(layout, serial)

    def _exact_ready(self, layout: Layout, serial: int) -> None:
        if serial != self._layout_serial or self._layout is None:
            return  # the document, width or mode changed while it was being built
        if self._layout.reveal is not None:
            layout = layout.with_reveal(self._layout.reveal)
        self._install(layout, keep_top=True)
        self.post_message(self.LayoutReady())

    def _install(
        self, layout: Layout, *, anchor: Anchor | None = None, keep_top: bool = False
    ) -> None:
        """Swap in a layout, keeping the same words at the top of the screen."""
        if keep_top and self._layout is not None:
            anchor = self._top_anchor()
        self._layout = layout
        self._painter.layout_changed()
        self.virtual_size = Size(layout.geometry.width, layout.total_rows)
        if anchor is not None and self.document.segments:
            index = self.document.segment_index.get(anchor[0], 0)
            if layout.block(index).part("source") is not None:
                row = layout.row_of(index, "source", anchor[1])
            else:
                row = layout.top(index)
            if keep_top:
                self.scroll_to(y=row, animate=False, immediate=True)
            else:
                self._scroll_to_cursor()
                # Before the first refresh the scroll range is not known yet and the scroll
                # above is clamped to 0: do it again once it is.
                self.call_after_refresh(self._scroll_to_cursor)
        self.refresh()
        if self.is_mounted:
            self._schedule_prefetch()

    # --- drawing -------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._painter.styles_changed()

    def _styles_named(self, name: str) -> RenderStyles:
        return self.get_component_styles(f"reading-view--{name}")

    def _dark_theme(self) -> bool:
        return self.app.current_theme.dark

    def _base_colors(self) -> tuple[Color, Color]:
        _, _, background, color = self.colors
        return background, color

    def render_line(self, y: int) -> Strip:
        layout = self._layout
        if layout is None and self.document.segments and self.text_width > 0:
            # The first frame. Textual tells a widget its size (Resize) only after painting
            # it once; laying out here puts text on that first frame instead of a blank one,
            # which is a frame less for a cold start to wait.
            self._relayout(anchor=self.position())
            layout = self._layout
        row = int(self.scroll_y) + y
        if layout is None or row >= layout.total_rows or not self.document.segments:
            return Strip.blank(self.text_width, self.rich_style)
        return self._painter.strip(layout, row, self._frame())

    def _refresh_segment(self, index: int) -> None:
        """Repaint the rows of one segment, if any are on screen."""
        layout = self._layout
        if layout is None or not 0 <= index < len(layout.heights):
            return
        top, height = layout.top(index), layout.heights[index]
        view_top, view_height = int(self.scroll_y), self.size.height
        first, last = max(top, view_top), min(top + height, view_top + view_height)
        if first < last:
            self.refresh_lines(first, last - first)

    @property
    def prefetching(self) -> bool:
        """Whether work ahead of the reader is still to be done (tests wait for it)."""
        return self._prefetch_due

    def _schedule_prefetch(self) -> None:
        """When the learner pauses, get ready for the next move (`rows.Prefetch`), one short
        timer callback at a time, so a key pressed meanwhile is handled at once: turning a
        page after reading it then draws from the cache."""
        self._prefetch = None
        self._prefetch_due = True
        if self._prefetch_timer is not None:
            self._prefetch_timer.stop()
        self._prefetch_timer = self.set_timer(0.05, self._prefetch_step)

    def _prefetch_step(self) -> None:
        if self._layout is None or not self.document.segments:
            self._prefetch_due = False
            return
        if self._prefetch is None:
            top, height = int(self.scroll_y), self.size.height
            self._prefetch = Prefetch(self._painter, self._layout, top, height)
        if self._prefetch.step(self._frame()):
            self._prefetch_timer = self.set_timer(0.001, self._prefetch_step)
        else:
            self._prefetch_due = False
