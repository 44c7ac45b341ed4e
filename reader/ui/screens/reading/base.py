"""What the reading screen's parts share: the document, the view, the panels, and what is
under the cursor. The keys' actions live in the modules beside this one (`entries`,
`documents`) and the screen itself (`screen`), each a part of one ReadingScreen class."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual.screen import Screen
from textual.timer import Timer

from reader.marks import Found, MatchProviderFn, document_languages, entry_key
from reader.model import Document, Entry, Segment
from reader.ui.messages import StudyRequest
from reader.ui.session import Session
from reader.ui.viewmodel.modes import mode_named
from reader.ui.viewmodel.navigator import TextPick
from reader.ui.widgets.reading_view import ReadingView
from reader.unknown import WithUnknown

if TYPE_CHECKING:
    from reader.study import Outcome, Study
    from reader.ui.viewmodel.contents import Contents
    from reader.ui.widgets.panels import Panel


class ReadingBase(Screen[None]):
    """One document on screen, with the session it belongs to."""

    def __init__(self, session: Session, document: Document, *, layout: str | None = None) -> None:
        super().__init__()
        self.session = session
        self.document = document
        self._layout_override = layout
        self._provider: MatchProviderFn = session.marks.provider(document)
        self._save_timer: Timer | None = None
        self._status_timer: Timer | None = None
        self._search: tuple[str, int, int] | None = None  # query, index, count
        self._position: tuple[tuple[str, int], str] | None = None  # anchor, layout mode
        self.panels: list[Panel] = []  # beside the text (`widgets.panels.PANELS`)
        self._contents: tuple[Document, Contents] | None = None
        # The view's marks: the glossary's terms, and the unknown words when they are marked.
        self.matches = WithUnknown(self._provider, session.unknown, document)
        self.side = "notes"  # notes | dictionary | both (`lookup.LookupActions`)
        self._side_visible = True  # whether the panels are shown (`show_side`; from compose)
        self._side_pending = False  # chosen before the glossaries were read (compose)
        # Whether the panels, the status bar and the keys are there: they come just after
        # the first frame (`ReadingScreen._complete`); until then nothing asks them.
        self.completed = False

    @property
    def contents(self) -> Contents:
        """The document's chapters, built again only when the document is replaced."""
        if self._contents is None or self._contents[0] is not self.document:
            from reader.ui.viewmodel.contents import Contents  # with the first status line

            self._contents = (self.document, Contents.of(self.document))
        return self._contents[1]

    @property
    def view(self) -> ReadingView:
        return self.query_one("#view", ReadingView)

    def request(
        self,
        operation: Callable[[Study], Outcome | None],
        *,
        failure: str = "Not saved",
        hint: str = "",
        timeout: float = 2,
        nothing: str = "",
        on_done: Callable[[Outcome], None] | None = None,
    ) -> None:
        """Ask the app to change the learner's data (saved in its glossary worker)."""
        request = StudyRequest(
            operation, failure=failure, hint=hint, timeout=timeout, nothing=nothing, on_done=on_done
        )
        self.post_message(request)

    # --- what is under the cursor --------------------------------------------------------

    def current_segment(self) -> Segment | None:
        segments = self.document.segments
        if not segments:
            return None
        index = min(max(self.view.cursor().segment, 0), len(segments) - 1)
        return segments[index]

    def found_here(self) -> list[Found]:
        seg = self.current_segment()
        return [] if seg is None else self.session.marks.in_segment(self.document, seg, wait=False)

    def entry_under_cursor(self, found: list[Found] | None = None) -> Entry | None:
        """The entry at the selection or word cursor; else the first in the sentence."""
        found = self.found_here() if found is None else found
        if not found:
            return None
        pick = self.view.selection()
        if pick is not None:
            span = (pick.start, pick.end)
            hits = [
                f for f in found if f.side == pick.side and f.start < span[1] and span[0] < f.end
            ]
            if hits:
                best = min(hits, key=lambda f: abs(f.start - span[0]) + abs(f.end - span[1]))
                return best.entry
            return None
        seg = self.current_segment()
        cursor = self.view.cursor()
        if seg is None or cursor.sentence >= len(seg.source.spans):
            return None
        start, end = seg.source.spans[cursor.sentence]
        for f in found:
            if f.side == "source" and f.start < end and start < f.end:
                return f.entry
        return None

    def lang_of(self, seg: Segment, pick: TextPick) -> str:
        if pick.side == "target" and self.document.target_lang:
            return self.document.target_lang
        return self.document.segment_lang(seg)

    def context_for(self, seg: Segment, sentence: int) -> tuple[str, str]:
        """The sentence and its translation, for the add dialog."""
        from reader.ui.dialogs.entry import sentence_context

        return sentence_context(seg, sentence)

    def add_in_dialog(
        self,
        entry: Entry,
        seg: Segment,
        context: tuple[str, str],
        *,
        picked: str | None = None,
        target_mark: tuple[int, int] | None = None,
    ) -> None:
        """Open Add for a new entry, with its context (the sentence and its translation,
        `context_for`); saving adds it through the study service (undoable). `picked` is the
        text the learner chose (a term far from it is asked about); `target_mark` the
        gloss's counterpart in the translation."""
        from reader.ui.dialogs.entry import EntryDialog  # on first use: start-up stays lean

        source, target = context

        def done(result: Entry | None) -> None:
            if result is not None:
                self.request(lambda study: study.add_entry(result))

        dialog = EntryDialog(
            entry,
            source=source,
            target=target,
            where=self.where(seg),
            new=True,
            picked=picked,
            target_mark=target_mark,
            bidi=self.session.bidi,
        )
        self.app.push_screen(dialog, done)

    def where(self, seg: Segment) -> str:
        index = self.document.segment_index[seg.id] + 1
        return f"{self.document.title} · ¶ {index}/{len(self.document.segments)}"

    # --- where the learner is -----------------------------------------------------------

    def save_position(self) -> None:
        """Remember where the learner is in this document (and in which layout)."""
        if self._position is None:
            return
        (segment, offset), layout = self._position
        n = len(self.document.segments)
        index = self.document.segment_index.get(segment, 0)
        self.session.state.update(
            self.session.state_key(self.document),
            segment=segment or None,
            offset=offset,
            layout=layout,
            progress=round((index + 1) / n, 4) if n else 0.0,
        )

    def note_position(self) -> None:
        """Take the view's position now, and save it a moment after the learner stops (not
        on every key press); quitting or closing the screen saves the last one noted."""
        view = self.view
        self._position = (view.position(), view.mode)
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(0.5, self.save_position)

    # --- panels ---------------------------------------------------------------------------

    def refresh_panels(self) -> None:
        if not self.completed:
            return  # done when they come
        from reader.ui.widgets.panels import Here

        found = self.found_here()
        view = self.view
        here = Here(
            self.document,
            self.current_segment(),
            view.cursor(),
            view.selection(),
            found,
            self.entry_under_cursor(found),
        )
        for panel in self.panels:
            panel.show(here)
        self._update_status(found)

    def _update_status(self, found: list[Found]) -> None:
        from reader.ui.viewmodel.contents import PATH_SEPARATOR
        from reader.ui.widgets.status_bar import StatusBar, status_line

        doc = self.document
        total = len(doc.segments)
        index = min(self.view.cursor().segment + 1, total)
        layout = mode_named(self.view.mode).label if doc.bilingual else "one language"
        terms = self._terms_in_view(found)
        coverage = self._paragraph_coverage()
        width = self.app.size.width
        path = [entry.title for entry in self.contents.path(index - 1)] if total else []
        chapter = None
        # The title (and the chapter) share what the rest of the bar leaves (its padding and
        # one separator aside); the title gives up its tail first, then the chapter its
        # outer parts.
        rest = Text.from_markup(
            status_line("", index, total, layout, terms, self._search, None, coverage),
            emoji=False,
        )
        room = max(24, width - rest.cell_len - 5)
        if not path:
            title = self.session.display_text(doc.title, max(12, min(room, width - 72)))
        else:
            wanted = cell_len(PATH_SEPARATOR.join(path))
            title = self.session.display_text(doc.title, max(12, room - wanted, room // 3))
            chapter = self._chapter_label(path, max(12, room - cell_len(title)))
        line = status_line(title, index, total, layout, terms, self._search, chapter, coverage)
        if self.marking():
            line += " · [i]marking glossary terms…[/i]"
        self.query_one("#status", StatusBar).show(line)

    def _chapter_label(self, path: list[str], width: int) -> str:
        """`Part One › Chapter 3` in `width` cells: the outer parts go first, since the
        innermost chapter is the one that says where the learner is."""
        from reader.ui.viewmodel.contents import PATH_SEPARATOR

        shown = path
        for dropped in range(1, len(path)):
            if cell_len(PATH_SEPARATOR.join(shown)) <= width:
                break
            shown = ["…", *path[dropped:]]
        return self.session.display_text(PATH_SEPARATOR.join(shown), width)

    def _paragraph_coverage(self) -> tuple[int, int, int] | None:
        """Running words, known or glossed ones, distinct unknown ones of the paragraph."""
        seg = self.current_segment()
        if seg is None or not self.matches.enabled:
            return None
        cov = self.session.unknown.coverage(seg.source.text, self.document.segment_lang(seg))
        return None if cov is None else (cov.words, cov.covered, cov.unknown_count)

    def marking(self) -> bool:
        """Whether the glossaries or their matchers for this document are still loading
        (after the first frame, in workers): the text is shown unmarked meanwhile."""
        session = self.session
        if not session.glossaries_ready.is_set():
            return True
        return not all(session.marks.ready(lang) for lang in document_languages(self.document))

    def _terms_in_view(self, found: list[Found]) -> int:
        """Distinct entries in the paragraphs on screen (the current one before layout)."""
        view = self.view
        layout = view.current_layout
        keys = {entry_key(f.entry) for f in found}
        if layout is None or not self.document.segments or layout.total_rows == 0:
            return len(keys)
        top = int(view.scroll_y)
        bottom = min(top + max(view.size.height, 1), layout.total_rows) - 1
        first, last = layout.locate(top)[0], layout.locate(max(bottom, top))[0]
        marks = self.session.marks
        for index in range(first, last + 1):
            seg = self.document.segments[index]
            keys.update(
                entry_key(f.entry) for f in marks.in_segment(self.document, seg, wait=False)
            )
        return len(keys)
