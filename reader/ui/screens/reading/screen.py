"""The reading screen: the reading view, the notes panel and the status bar, and every key.

The view draws and moves; this screen decides what keys mean. Its actions come in three
parts: moving, layouts and search here; the glossary in `entries`; the document (own
translation, alignment repair, export) in `documents`. Every binding has an id (`keys`), so
learners remap keys in the config file; the help screen and the command palette read the
same list, so neither can drift from it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.command import Provider
from textual.containers import Horizontal
from textual.widget import Widget

from reader.marks import entry_key
from reader.model import Entry, Segment
from reader.ui.keys import bindings_for_key
from reader.ui.messages import EntriesChanged, ShowContents, ShowLibrary
from reader.ui.screens.reading import keys
from reader.ui.screens.reading.commands import ReadingCommands
from reader.ui.screens.reading.display import display_document
from reader.ui.screens.reading.documents import DocumentActions
from reader.ui.screens.reading.entries import EntryActions
from reader.ui.screens.reading.lookup import LIST_MOVES, LookupActions
from reader.ui.viewmodel.modes import DEFAULT, MODES, mode_named, next_mode
from reader.ui.widgets.reading_view import ReadingView
from reader.unknown import has_own_glossary

# Narrower than this, the notes panel starts hidden: it would squeeze the side-by-side
# columns to a few words each (p still shows it).
NOTES_MIN_WIDTH = 100


class ReadingScreen(LookupActions, EntryActions, DocumentActions):
    """One document: read, move, search, and keep the glossary."""

    BINDINGS: ClassVar[list[BindingType]] = keys.BINDINGS
    HELP = keys.HELP
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {ReadingCommands}

    # --- building -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        session = self.session
        state = session.state.get(session.state_key(self.document))
        mode = self._layout_override or state.layout or DEFAULT
        # Until the learner chooses, the panel shows only where it leaves the text room for
        # two columns; a choice made with p is kept whatever the terminal. In a language with
        # no glossary yet the notes panel has nothing to say: the dictionary is shown instead,
        # until the learner chooses (D). The glossaries are read after the first frame: until
        # then their files tell.
        own = has_own_glossary(self.document, session.library.root, session.marks)
        self.matches.enabled = session.settings.marks_unknown(own)
        self.side = session.side or ("notes" if own or self._glossed() else "dictionary")
        # Asked again once, when they are read, if the answer was "no": words of this
        # language may be in a file of another name.
        self._side_pending = self.side == "dictionary" and not session.glossaries_ready.is_set()
        wide = self.app.size.width >= NOTES_MIN_WIDTH
        self._side_visible = state.notes if state.notes is not None else wide
        with Horizontal(id="reading-body"):
            yield ReadingView(
                display_document(self.document),
                matches=self.matches,
                mode=mode if mode in MODES else DEFAULT,
                bidi=session.bidi,
                low_confidence=session.settings.low_confidence,
                id="view",
            )
            # The first frame is the text, at the width it keeps: the panels beside it, the
            # status bar and the keys come just after (`_complete`), in the room kept here.
            if self._side_visible:
                for side in ("notes", "dictionary"):
                    if self.side in (side, "both"):
                        yield Widget(classes=f"panel-room -{side}")
        yield Widget(id="bottom-room")

    def on_mount(self) -> None:
        key = self.session.state_key(self.document)
        state = self.session.state.get(key)
        # Noted as opened (a write of the state file) once the first frame is drawn.
        self.call_after_refresh(self.session.state.touch, key)
        view = self.view
        if state.anchor is not None and state.anchor[0] in self.document.segment_index:
            view.restore(state.anchor)
        self._position = (view.position(), view.mode)
        view.focus()
        self.call_after_refresh(self._complete)
        self.watch(view, "scroll_y", self._scrolled, init=False)

    async def _complete(self) -> None:
        """After the first frame: the panels, the status bar and the keys, in one update
        that takes the place of the room kept for them (so the text does not move)."""
        if self.completed:
            return
        from reader.ui.widgets import panels
        from reader.ui.widgets.footer import ReaderFooter
        from reader.ui.widgets.status_bar import StatusBar

        self.panels = [make(self.session) for make in panels.PANELS]
        with self.app.batch_update():
            await self.query(".panel-room, #bottom-room").remove()
            await self.query_one("#reading-body").mount_all(self.panels)
            await self.mount_all([StatusBar(id="status"), ReaderFooter()])
            self.completed = True
            self.show_side(self.side, self._side_visible)
            self.refresh_bindings()  # P shows in the footer where unknown words are marked
            self.refresh_panels()
        # "Terms in view" needs the rows on screen, known only once the view has its size;
        # scrolling with the mouse changes them too, without moving the cursor.
        self.call_after_refresh(self.refresh_panels)

    def on_unmount(self) -> None:
        self.save_position()

    # --- keys that do nothing here say why ------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Hidden from the footer where they mean nothing; pressing the key still explains
        # why (on_key), so a learner is never left wondering whether it was heard.
        if action in LIST_MOVES and self.in_dictionary():
            return False  # the arrows and pages move in the dictionary's list instead
        return self.why_disabled(action) is None

    def why_disabled(self, action: str) -> str | None:
        """Why a key does nothing here, or None when it works."""
        if action == "cycle_layout" and not self.document.bilingual:
            return (
                "One-language document: one column. "
                "Press t to write your own translation of a paragraph."
            )
        # The palette and on_key ask with the binding's whole action (`chapter(1)`).
        if action.split("(")[0] in ("contents", "chapter") and not len(self.contents):
            return "No chapters here: this document has no headings."
        if action == "reveal":
            if not self.document.bilingual:
                return "One-language document: one column, no translation to reveal."
            if self.is_mounted and not mode_named(self.view.mode).reveals:
                return (
                    "Space reveals the translation in the self-test layout: press v to get there."
                )
        if action == "mark_paragraph_known" and not self.matches.enabled:
            return "Unknown words are not marked in this document: ctrl+k marks them."
        return None

    def on_key(self, event: events.Key) -> None:
        # A disabled binding lets its key fall through to here; say why instead of nothing.
        # The bindings are read with the learner's keymap, so remapped keys explain too.
        for binding in bindings_for_key(self, self.session.keymap, event.key):
            reason = self.why_disabled(binding.action)
            if reason is not None:
                self.notify(reason, timeout=4)
                event.stop()
                return

    # --- what changed ----------------------------------------------------------------------

    @on(ReadingView.CursorMoved)
    def _cursor_moved(self) -> None:
        self.refresh_panels()
        self.note_position()

    @on(ReadingView.LayoutReady)
    @on(ReadingView.TextPicked)
    def _view_changed(self) -> None:
        self.refresh_panels()

    def _scrolled(self) -> None:
        if self._status_timer is not None:
            self._status_timer.stop()
        self._status_timer = self.set_timer(0.1, self.refresh_panels)

    def _glossed(self) -> bool:
        """Whether the learner keeps a glossary in the text's language (read or not yet)."""
        lang = self.document.source_lang
        session = self.session
        return bool(session.marks.entries(lang)) or session.vocabulary.default_path(lang).is_file()

    @on(EntriesChanged)
    def _entries_changed(self, message: EntriesChanged) -> None:
        if self.is_mounted:
            self.view.terms_changed(message.segment_ids)
            if self.completed and self._side_pending and self.session.glossaries_ready.is_set():
                self._side_pending = False
                if self.session.side is None and self.side == "dictionary" and self._glossed():
                    self.show_side("notes", self._side_visible)
            self.refresh_panels()

    # --- moving ---------------------------------------------------------------------------

    def action_sentence(self, delta: int) -> None:
        self.view.move_sentence(delta)

    def action_paragraph(self, delta: int) -> None:
        self.view.move_paragraph(delta)

    def action_start(self) -> None:
        self.view.go_start()

    def action_end(self) -> None:
        self.view.go_end()

    def action_page(self, delta: int) -> None:
        self.view.page(delta)

    def action_word(self, delta: int) -> None:
        self.view.move_word(delta)

    def action_extend(self, delta: int) -> None:
        self.view.extend_word(delta)

    def go_to(self, segment_id: str, offset: int = 0) -> None:
        """Jump to a place (command palette, glossary screen) and keep the panels in step."""
        self.view.restore((segment_id, offset))
        self.refresh_panels()
        self.note_position()

    def go_to_paragraph(self, index: int) -> None:
        segments = self.document.segments
        if segments:
            self.go_to(segments[max(0, min(index, len(segments) - 1))].id)

    def go_to_entry(self, entry: Entry) -> bool:
        """Move to the next occurrence of `entry` after the cursor (wrapping round)."""
        segments = self.document.segments
        if not segments:
            return False
        key = entry_key(entry)
        here = self.view.cursor().segment
        order = list(range(here + 1, len(segments))) + list(range(here + 1))
        for i in order:
            seg = segments[i]
            for f in self.session.marks.in_segment(self.document, seg, wait=False):
                if entry_key(f.entry) == key:
                    offset = f.start if f.side == "source" else _source_offset(seg, f.start)
                    self.go_to(seg.id, offset)
                    return True
        self.notify(f"“{entry.term}” does not occur in this document.", severity="warning")
        return False

    def action_contents(self) -> None:
        reason = self.why_disabled("contents")
        if reason is not None:  # reached from the command palette
            self.notify(reason, timeout=4)
            return
        contents = self.contents
        here = contents.index_at(self.view.cursor().segment)
        total = len(self.document.segments)
        self.post_message(ShowContents(contents, here, self.document.title, total))

    def go_to_chapter(self, segment: int) -> None:
        """Open the chapter whose heading is the segment at index `segment`."""
        self.view.go_to_segment(segment)

    def action_chapter(self, delta: int) -> None:
        reason = self.why_disabled("chapter")
        if reason is not None:
            self.notify(reason, timeout=4)
            return
        entry = self.contents.neighbour(self.view.cursor().segment, delta)
        if entry is None:
            self.notify("This is the last chapter." if delta > 0 else "This is the first chapter.")
            return
        self.go_to_chapter(entry.segment)

    def key_escape(self, event: events.Key) -> bool:
        # Escape clears a selection first; only a second one leaves. Textual's own Escape
        # clears a mouse selection and lets the key go on to the binding, which left the
        # document with it: here clearing is all the key does when there is a selection.
        if self.view.clear_selection():
            event.stop()
            event.prevent_default()
            return True
        return False

    def action_library(self) -> None:
        self.save_position()
        self.post_message(ShowLibrary())

    # --- layout, panels, search -----------------------------------------------------------

    def action_cycle_layout(self) -> None:
        reason = self.why_disabled("cycle_layout")
        if reason is not None:  # reached from the command palette
            self.notify(reason, timeout=4)
            return
        view = self.view
        view.mode = next_mode(view.mode)
        self.notify(f"Layout: {mode_named(view.mode).label}", timeout=1.5)
        self.refresh_bindings()
        self.refresh_panels()
        self.note_position()

    def action_reveal(self) -> None:
        reason = self.why_disabled("reveal")
        if reason is not None:
            self.notify(reason, timeout=4)
            return
        self.view.toggle_reveal()

    def action_toggle_notes(self) -> None:
        shown = not self._side_visible
        self.show_side(self.side, shown)
        self.session.state.update(self.session.state_key(self.document), notes=shown)

    def action_search(self) -> None:
        from reader.ui.dialogs.search import SearchDialog  # on first use

        previous = self._search[0] if self._search else ""

        def done(query: str | None) -> None:
            if query is None:
                return
            if not query.strip():
                self._search = None
                self.view.search("")
                self.refresh_panels()
                return
            count = self.view.search(query)
            index = 0
            if count:
                index, count = self.view.next_hit(0)
            self._search = (query, index + 1 if count else 0, count)
            self.refresh_panels()
            if not count:
                self.notify(f"“{query}” not found in this document.", severity="warning")

        self.app.push_screen(SearchDialog(previous), done)

    def action_next_hit(self, delta: int) -> None:
        if self._search is None:
            self.notify("Press / to search first.")
            return
        index, count = self.view.next_hit(delta)
        self._search = (self._search[0], index + 1 if count else 0, count)
        self.refresh_panels()


def _source_offset(seg: Segment, target_offset: int) -> int:
    """The start of the original sentence aligned with the target sentence at an offset."""
    if seg.target is None:
        return 0
    sentence = seg.target.sentence_at(target_offset)
    for link in seg.links_for_target(sentence):
        if link.source:
            return seg.source.spans[min(link.source)][0]
    return 0
