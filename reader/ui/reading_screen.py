"""The reading screen: the reading view, the notes panel and the status bar, and every key.

The view draws and moves; this screen decides what keys mean and does the work that touches
files (glossary entries, the learner's own translation, alignment repairs, export). Every
binding has an id, so users remap keys in the config file; the help screen and the command
palette read the same list, so neither can drift from it.
"""

from __future__ import annotations

import re
import shlex
import subprocess
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.css.query import NoMatches
from textual.markup import escape
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static

from reader.errors import ReaderError
from reader.marks import Found, entry_key
from reader.model import Context, Document, Entry, Segment, Text
from reader.ui.reading_view import LAYOUTS, ReadingView, TextPick

if TYPE_CHECKING:
    from reader.ui.app import ReaderApp

# Narrower than this, the notes panel starts hidden: it would squeeze the side-by-side
# columns to a few words each (p still shows it).
NOTES_MIN_WIDTH = 100
# Entries listed in the notes panel: a paragraph of a dense glossary holds a thousand, and
# drawing them all took half a second on every cursor move.
NOTES_LISTED = 40

LAYOUT_NAMES = {
    "side": "side by side",
    "interleaved": "interleaved",
    "selftest": "self-test",
    "translation": "translation only",
}


def _nav(keys: str, action: str, description: str, binding_id: str) -> Binding:
    # Priority: the view is a ScrollView whose own arrow/page bindings would scroll instead
    # of moving the sentence cursor. Dialogs are separate screens, so they keep their keys.
    return Binding(keys, action, description, show=False, priority=True, id=binding_id)


class ReadingScreen(Screen[None]):
    """One document: read, move, search, and keep the glossary."""

    BINDINGS: ClassVar[list[BindingType]] = [
        _nav("j,down", "sentence(1)", "Next sentence", "next_sentence"),
        _nav("k,up", "sentence(-1)", "Previous sentence", "previous_sentence"),
        Binding("J", "paragraph(1)", "Next paragraph", show=False, id="next_paragraph"),
        Binding("K", "paragraph(-1)", "Previous paragraph", show=False, id="previous_paragraph"),
        _nav("g,home", "start", "Start of the document", "start"),
        _nav("G,end", "end", "End of the document", "end"),
        _nav("pagedown", "page(1)", "Next page", "page_down"),
        _nav("pageup", "page(-1)", "Previous page", "page_up"),
        _nav("w,right", "word(1)", "Next word", "next_word"),
        _nav("b,left", "word(-1)", "Previous word", "previous_word"),
        _nav("shift+right", "extend(1)", "Extend the phrase right", "extend_right"),
        _nav("shift+left", "extend(-1)", "Extend the phrase left", "extend_left"),
        Binding(
            "v",
            "cycle_layout",
            "Layout",
            id="layout",
            tooltip="Side by side, interleaved, self-test, translation only",
        ),
        Binding(
            "space",
            "reveal",
            "Reveal",
            id="reveal",
            tooltip="Self-test: show the translation of this sentence",
        ),
        Binding("p", "toggle_notes", "Notes", id="notes", tooltip="Show or hide the notes panel"),
        Binding("slash", "search", "Search", id="search", tooltip="Search both languages"),
        Binding("n", "next_hit(1)", "Next hit", show=False, id="next_hit"),
        Binding("N", "next_hit(-1)", "Previous hit", show=False, id="previous_hit"),
        Binding(
            "a",
            "add_entry",
            "Add",
            id="add_entry",
            tooltip="Add the word or selection to the glossary",
        ),
        Binding("e", "edit_entry", "Edit entry", show=False, id="edit_entry"),
        Binding("d", "delete_entry", "Delete entry", show=False, id="delete_entry"),
        Binding("u,ctrl+z", "undo", "Undo glossary change", show=False, id="undo"),
        *(
            Binding(str(n), f"level({n})", f"Learning, level {n}", show=False, id=f"level_{n}")
            for n in range(1, 6)
        ),
        Binding("W", "set_status('known')", "Mark known", show=False, id="known"),
        Binding("I", "set_status('ignored')", "Mark ignored", show=False, id="ignored"),
        Binding(
            "E", "open_in_editor", "Open glossary file in $EDITOR", show=False, id="open_in_editor"
        ),
        Binding("t", "translate", "Write your own translation", show=False, id="translate"),
        Binding("x", "export", "Export Anki deck", show=False, id="export"),
        Binding(
            "L",
            "glossary",
            "Glossary",
            id="glossary",
            tooltip="Entries that apply to this document",
        ),
        Binding(
            "M",
            "repair('merge')",
            "Alignment: merge with the previous link",
            show=False,
            id="align_merge",
        ),
        Binding(
            "S",
            "repair('split')",
            "Alignment: split the link at this sentence",
            show=False,
            id="align_split",
        ),
        Binding(
            "less_than_sign",
            "repair('shrink')",
            "Alignment: give the last translation sentence to the next link",
            show=False,
            id="align_shrink",
        ),
        Binding(
            "greater_than_sign",
            "repair('grow')",
            "Alignment: take the next translation sentence into this link",
            show=False,
            id="align_grow",
        ),
        Binding(
            "R",
            "repair('realign')",
            "Alignment: re-align the rest of the paragraph",
            show=False,
            id="align_rest",
        ),
        Binding("escape", "library", "Library", id="library", tooltip="Back to the library"),
    ]

    HELP = (
        "[b]Alignment repair[/b] · a [b]?[/b] beside the text marks a sentence link the "
        "aligner was unsure of. On the sentence under the cursor: [b]M[/b] merges its link "
        "with the previous one, [b]S[/b] splits it, [b]<[/b] / [b]>[/b] give the last "
        "translation sentence to the next link or take the next one in, [b]R[/b] re-aligns "
        "the rest of the paragraph. Repairs are saved in the document."
    )

    def __init__(self, document: Document, *, layout: str | None = None) -> None:
        super().__init__()
        self.document = document
        self._layout_override = layout
        self._save_timer: Timer | None = None
        self._status_timer: Timer | None = None
        self._search: tuple[str, int, int] | None = None  # query, index, count

    @property
    def reader(self) -> ReaderApp:
        return self.app  # type: ignore[return-value]

    # --- building -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        key = self.reader.state_key(self.document)
        state = self.reader.state.get(key)
        layout = self._layout_override or state.layout or "side"
        self._provider = self.reader.marks.provider(self.document)
        with Horizontal(id="reading-body"):
            yield ReadingView(
                display_document(self.document),
                matches=self._provider,
                layout=layout if layout in LAYOUTS else "side",
                bidi=self.reader.bidi,
                low_confidence=self.reader.settings.low_confidence,
                id="view",
            )
            with VerticalScroll(id="notes") as notes:
                notes.can_focus = False
                yield Static(id="notes-body")
        yield Static(id="status")
        yield Footer()

    def on_mount(self) -> None:
        key = self.reader.state_key(self.document)
        state = self.reader.state.touch(key)
        # Until the learner chooses, the panel shows only where it leaves the text room for
        # two columns; a choice made with p is kept whatever the terminal.
        wide = self.app.size.width >= NOTES_MIN_WIDTH
        self.query_one("#notes").display = state.notes if state.notes is not None else wide
        if state.anchor is not None and state.anchor[0] in self.document.segment_index:
            self.view.restore(state.anchor)
        self.view.focus()
        self.refresh_panels()
        # "Terms in view" needs the rows on screen, known only once the view has its size;
        # scrolling with the mouse changes them too, without moving the cursor.
        self.call_after_refresh(self.refresh_panels)
        self.watch(self.view, "scroll_y", self._scrolled, init=False)

    def on_unmount(self) -> None:
        self.save_position()

    @property
    def view(self) -> ReadingView:
        return self.query_one("#view", ReadingView)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Hidden from the footer where they mean nothing; pressing the key still explains
        # why (on_key), so a learner is never left wondering whether it was heard.
        return self.why_disabled(action) is None

    def why_disabled(self, action: str) -> str | None:
        """Why a key does nothing here, or None when it works."""
        if action == "cycle_layout" and not self.document.bilingual:
            return (
                "One-language document: one column. "
                "Press t to write your own translation of a paragraph."
            )
        if action == "reveal":
            if not self.document.bilingual:
                return "One-language document: one column, no translation to reveal."
            if self.is_mounted and self.view.layout != "selftest":
                return (
                    "Space reveals the translation in the self-test layout: press v to get there."
                )
        return None

    def on_key(self, event: events.Key) -> None:
        # A disabled binding lets its key fall through to here; say why instead of nothing.
        # The live binding chain has the user's keymap applied, so remapped keys work too.
        for namespace, bindings in self._binding_chain:
            if namespace is not self:
                continue
            for binding in bindings.key_to_bindings.get(event.key, ()):
                reason = self.why_disabled(binding.action)
                if reason is not None:
                    self.notify(reason, timeout=4)
                    event.stop()
                    return

    # --- state ----------------------------------------------------------------------------

    def save_position(self) -> None:
        try:
            view = self.view
        except NoMatches:
            return  # never composed
        seg_id, offset = view.anchor()
        n = len(self.document.segments)
        index = self.document.segment_index.get(seg_id, 0)
        self.reader.state.update(
            self.reader.state_key(self.document),
            segment=seg_id or None,
            offset=offset,
            layout=view.layout,
            progress=round((index + 1) / n, 4) if n else 0.0,
        )

    def _schedule_save(self) -> None:
        # Positions are written a moment after the cursor stops, not on every key press.
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(0.5, self.save_position)

    # --- panels ---------------------------------------------------------------------------

    @on(ReadingView.CursorMoved)
    def _cursor_moved(self, event: ReadingView.CursorMoved) -> None:
        self.refresh_panels()
        self._schedule_save()

    @on(ReadingView.LayoutReady)
    def _layout_ready(self) -> None:
        self.refresh_panels()

    def _scrolled(self) -> None:
        if self._status_timer is not None:
            self._status_timer.stop()
        self._status_timer = self.set_timer(0.1, self.refresh_panels)

    @on(ReadingView.TextPicked)
    def _text_picked(self, event: ReadingView.TextPicked) -> None:
        self.refresh_panels()

    def current_segment(self) -> Segment | None:
        segments = self.document.segments
        if not segments:
            return None
        index = min(max(self.view.cursor().segment, 0), len(segments) - 1)
        return segments[index]

    def found_here(self) -> list[Found]:
        seg = self.current_segment()
        return [] if seg is None else self.reader.marks.in_segment(self.document, seg, wait=False)

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

    def refresh_panels(self) -> None:
        found = self.found_here()
        self._update_notes(found)
        self._update_status(found)

    def _update_notes(self, found: list[Found]) -> None:
        notes = self.query_one("#notes-body", Static)
        current = self.entry_under_cursor(found)
        seen: set[str] = set()
        lines: list[str] = []
        if current is not None:
            lines += _entry_in_full(current)
            seen.add(entry_key(current))
            lines.append("")
        more = 0
        for f in found:
            key = entry_key(f.entry)
            if key in seen:
                continue
            seen.add(key)
            if len(seen) > NOTES_LISTED:
                more += 1
                continue
            gloss = escape(f.entry.gloss_text) or "[dim]no gloss yet[/dim]"
            lines.append(f"[b]{escape(f.entry.term)}[/b] [dim]{_status_label(f.entry)}[/dim]")
            lines.append(f"  {gloss}")
            if f.entry.note:
                lines.append(f"  [i]{escape(f.entry.note)}[/i]")
        if more:
            lines.append(f"[dim]… and {more} more in this paragraph[/dim]")
        if not lines:
            lines = [
                "[dim]No glossary terms in this paragraph.[/dim]",
                "",
                "[dim]Move to a word (w/b) or select one with the mouse, then press a.[/dim]",
            ]
        text = "\n".join(lines)
        # An update relays out the whole screen: only when the text changed.
        if text != getattr(self, "_notes_shown", None):
            self._notes_shown = text
            notes.update(text)

    def _update_status(self, found: list[Found]) -> None:
        doc = self.document
        cursor = self.view.cursor()
        total = len(doc.segments)
        index = min(cursor.segment + 1, total)
        percent = round(100 * index / total) if total else 0
        layout = (
            LAYOUT_NAMES.get(self.view.layout, self.view.layout)
            if doc.bilingual
            else "one language"
        )
        terms = self._terms_in_view(found)
        parts = [
            f"[b]{escape(self.reader.display_text(doc.title, max(12, self.app.size.width - 72)))}[/b]",
            f"¶ {index}/{total}",
            f"{percent}%",
            layout,
            f"{terms} term{'s' if terms != 1 else ''} in view",
        ]
        if self._search is not None:
            query, hit, count = self._search
            parts.append(
                f"/{escape(query)}: {hit}/{count}" if count else f"/{escape(query)}: no hits"
            )
        text = " · ".join(parts)
        if text != getattr(self, "_status_shown", None):  # as for the notes: only on change
            self._status_shown = text
            self.query_one("#status", Static).update(text)

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
        for index in range(first, last + 1):
            seg = self.document.segments[index]
            keys.update(
                entry_key(f.entry)
                for f in self.reader.marks.in_segment(self.document, seg, wait=False)
            )
        return len(keys)

    def glossary_changed(self, segment_ids: Iterable[str] | None = None) -> None:
        if not self.is_mounted:
            return
        self.view.terms_changed(segment_ids)
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
        self._schedule_save()

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
            for f in self.reader.marks.in_segment(self.document, seg, wait=False):
                if entry_key(f.entry) == key:
                    offset = f.start if f.side == "source" else _source_offset(seg, f.start)
                    self.go_to(seg.id, offset)
                    return True
        self.notify(f"“{entry.term}” does not occur in this document.", severity="warning")
        return False

    # --- layout, panels, search -----------------------------------------------------------

    def action_cycle_layout(self) -> None:
        reason = self.why_disabled("cycle_layout")
        if reason is not None:  # reached from the command palette
            self.notify(reason, timeout=4)
            return
        view = self.view
        view.layout = LAYOUTS[(LAYOUTS.index(view.layout) + 1) % len(LAYOUTS)]
        self.notify(f"Layout: {LAYOUT_NAMES[view.layout]}", timeout=1.5)
        self.refresh_bindings()
        self.refresh_panels()
        self._schedule_save()

    def action_reveal(self) -> None:
        reason = self.why_disabled("reveal")
        if reason is not None:
            self.notify(reason, timeout=4)
            return
        self.view.toggle_reveal()

    def action_toggle_notes(self) -> None:
        notes = self.query_one("#notes")
        notes.display = not notes.display
        self.reader.state.update(self.reader.state_key(self.document), notes=bool(notes.display))

    def action_search(self) -> None:
        from reader.ui.dialogs import SearchDialog

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
                index, count = self.view.next_hit(1)
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

    # --- glossary -------------------------------------------------------------------------

    def _context_for(self, seg: Segment, sentence: int) -> tuple[str, str]:
        source = seg.source.sentences[sentence] if sentence < len(seg.source.sentences) else ""
        target = ""
        if seg.target is not None:
            target = seg.target.sep.join(
                seg.target.sentences[i] for i in seg.counterparts(sentence)
            )
        return source, target

    def _where(self, seg: Segment) -> str:
        index = self.document.segment_index[seg.id] + 1
        return f"{self.document.title} · ¶ {index}/{len(self.document.segments)}"

    def action_add_entry(self) -> None:
        from reader.ui.dialogs import EntryDialog, normalize_pick

        pick = self.view.selection()
        if pick is None or not pick.text.strip():
            self.notify("Move the word cursor (w/b) or select text with the mouse first.")
            return
        seg = self.document.segment(pick.segment_id)
        lang = self._lang_of(seg, pick)
        term = normalize_pick(pick.text, lang, at_sentence_start=self._at_sentence_start(seg, pick))
        known = self.reader.vocabulary.find(term, lang)
        if known:
            self.notify(f"“{known[0].term}” is in the glossary already; editing it.")
            self._edit(known[0], seg)
            return
        sentence = pick.sentence if pick.side == "source" else self.view.cursor().sentence
        entry = Entry(
            term=term,
            lang=lang,
            glosses=self._glosses_elsewhere(term, lang),
            context=Context(self.document.id, seg.id, sentence),
        )
        source, target = self._context_for(seg, sentence)

        def done(result: Entry | None) -> None:
            if result is None:
                return
            try:
                self.reader.vocabulary.add(result)
            except ReaderError as exc:
                self.notify(str(exc), title="Not saved", severity="error", timeout=10)
                return
            self.notify(f"Added “{result.term}”.", timeout=2)
            self.reader.glossary_changed()

        self.app.push_screen(
            EntryDialog(entry, source=source, target=target, where=self._where(seg), new=True),
            done,
        )

    def _lang_of(self, seg: Segment, pick: TextPick) -> str:
        if pick.side == "target" and self.document.target_lang:
            return self.document.target_lang
        return self.document.segment_lang(seg)

    def _at_sentence_start(self, seg: Segment, pick: TextPick) -> bool:
        text = seg.source if pick.side == "source" else seg.target
        if text is None or pick.sentence >= len(text.spans):
            return False
        return pick.start == text.spans[pick.sentence][0]

    def _glosses_elsewhere(self, term: str, lang: str) -> tuple[str, ...]:
        """Glosses the learner already gave this term (e.g. in an imported file's notes)."""
        from reader.normalize import normalize_term

        key = normalize_term(term, lang)
        for e in self.reader.marks.entries(lang):
            if normalize_term(e.term, lang) == key and e.glosses:
                return e.glosses
        return ()

    def _edit(self, entry: Entry, seg: Segment | None = None) -> None:
        from reader.ui.dialogs import EntryDialog

        seg = seg or self.current_segment()
        if seg is None:
            return
        sentence = self.view.cursor().sentence
        source, target = self._context_for(seg, sentence)

        def done(result: Entry | None) -> None:
            if result is None or result == entry:
                return
            self._update_entry(entry, result, f"Saved “{result.term}”.")

        self.app.push_screen(
            EntryDialog(entry, source=source, target=target, where=self._where(seg), new=False),
            done,
        )

    def _update_entry(self, old: Entry, new: Entry, message: str) -> None:
        if old in self.reader.marks.extra_entries and not self.reader.vocabulary.find(
            old.term, old.lang
        ):
            # A note that came with a file opened in memory: the first change saves it.
            action = lambda: self.reader.vocabulary.add(new)
        else:
            action = lambda: self.reader.vocabulary.update(old, new)
        try:
            action()
        except ReaderError as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=10)
            return
        self.notify(message, timeout=2)
        self.reader.glossary_changed()

    def _entry_or_warn(self) -> Entry | None:
        entry = self.entry_under_cursor()
        if entry is None:
            self.notify("No glossary entry here: move the word cursor onto a marked term.")
        return entry

    def action_edit_entry(self) -> None:
        entry = self._entry_or_warn()
        if entry is not None:
            self._edit(entry)

    def action_delete_entry(self) -> None:
        entry = self._entry_or_warn()
        if entry is None:
            return
        try:
            self.reader.vocabulary.remove(entry)
        except ReaderError as exc:
            self.notify(str(exc), title="Not deleted", severity="error", timeout=10)
            return
        self.notify(f"Deleted “{entry.term}”. Press u to undo.", timeout=4)
        self.reader.glossary_changed()

    def action_undo(self) -> None:
        try:
            undone = self.reader.vocabulary.undo()
        except ReaderError as exc:
            self.notify(str(exc), title="Not undone", severity="error", timeout=10)
            return
        if not undone:
            self.notify("Nothing to undo.")
            return
        self.notify("Undone.", timeout=2)
        self.reader.glossary_changed()

    def action_level(self, level: int) -> None:
        entry = self._entry_or_warn()
        if entry is not None:
            new = replace(entry, status="learning", level=level)
            self._update_entry(entry, new, f"“{entry.term}”: learning, level {level}.")

    def action_set_status(self, status: str) -> None:
        entry = self._entry_or_warn()
        if entry is not None:
            new = replace(entry, status=status, level=None)
            self._update_entry(entry, new, f"“{entry.term}”: {status}.")

    def action_open_in_editor(self) -> None:
        entry = self._entry_or_warn()
        if entry is None:
            return
        path = self.reader.vocabulary.file_of(entry)
        if path is None:
            self.notify("This entry is not saved in a glossary file yet.")
            return
        command = shlex.split(self.reader.settings.editor_command())
        line = _line_of_term(Path(path), entry.term)
        argv = [*command, f"+{line}", str(path)] if line else [*command, str(path)]
        try:
            with self.app.suspend():
                subprocess.run(argv, check=False)
        except (SuspendNotSupported, OSError) as exc:
            self.notify(f"Could not run {command[0]}: {exc}", severity="error")
            return
        self.reader.check_glossaries()

    def action_glossary(self) -> None:
        from reader.ui.glossary_screen import GlossaryScreen

        def done(entry: Entry | None) -> None:
            if entry is not None:
                self.go_to_entry(entry)

        self.app.push_screen(GlossaryScreen(self.document), done)

    # --- the learner's own translation ------------------------------------------------------

    def action_translate(self) -> None:
        from reader.ui.dialogs import TranslationDialog

        seg = self.current_segment()
        if seg is None:
            return
        if seg.bilingual:
            self.notify("This paragraph already has a translation.")
            return
        lang = self.document.target_lang

        def done(result: tuple[str, str] | None) -> None:
            if result is None:
                return
            text, target_lang = result
            self._save_translation(seg, text, target_lang)

        self.app.push_screen(
            TranslationDialog(seg.source.text, lang=lang, default_lang=self.reader.settings.native),
            done,
        )

    def _save_translation(self, seg: Segment, text: str, lang: str) -> None:
        sentences = _split(text, lang)
        links: tuple = ()
        src_lang = self.document.segment_lang(seg)
        try:
            from reader.align import align_sentences

            links = tuple(align_sentences(seg.source.sentences, sentences, src_lang, lang))
        except (ValueError, IndexError, ImportError):  # a help, not a condition for keeping it
            links = ()
        new_seg = replace(seg, target=Text.of(sentences, lang), links=links)
        doc = self.document.with_segment(new_seg)
        if doc.target_lang is None:
            doc = replace(doc, target_lang=lang)
        self._replace_document(doc, "Translation saved.")

    def _replace_document(self, doc: Document, message: str) -> None:
        old_key = self.reader.state_key(self.document)
        try:
            doc = self.reader.save_document(doc)
        except (ReaderError, OSError) as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=10)
            return
        self.document = doc
        self._provider.document = doc
        anchor = self.view.anchor()
        self.view.set_document(display_document(doc))
        self.view.restore(anchor)
        if self.reader.state_key(doc) != old_key:
            self.save_position()
        self.notify(message, timeout=2)
        self.refresh_panels()

    # --- alignment repair -----------------------------------------------------------------

    def action_repair(self, kind: str) -> None:
        seg = self.current_segment()
        if seg is None or not seg.bilingual:
            self.notify("Alignment repair needs a paragraph with a translation.")
            return
        try:
            from reader.align import repair
        except ImportError:
            self.notify("Alignment repair is not available in this version.", severity="warning")
            return
        sentence = self.view.cursor().sentence
        links = seg.links
        i = next((n for n, link in enumerate(links) if sentence in link.source), None)
        if i is None:
            self.notify("This sentence has no alignment link to repair.")
            return
        try:
            if kind == "merge":
                new_links = repair.merge_with_previous(links, i)
            elif kind == "split":
                # The current sentence starts the second part (or, when it is the link's
                # first, ends the first part); the translation is cut in the middle.
                link = links[i]
                at = link.source.index(sentence)
                source_at = at if at > 0 else 1
                target_at = len(link.target) // 2 if len(link.target) > 1 else len(link.target)
                new_links = repair.split_link(links, i, source_at, target_at)
            elif kind in ("grow", "shrink"):
                new_links = repair.move_boundary(links, i, "target", 1 if kind == "grow" else -1)
            else:
                lang = self.document.target_lang or ""
                new_links = repair.realign_rest(seg, i, self.document.segment_lang(seg), lang)
        except (ValueError, IndexError) as exc:
            self.notify(f"Cannot {kind} here: {exc}", severity="warning")
            return
        new_seg = replace(seg, links=tuple(new_links))
        self._replace_document(self.document.with_segment(new_seg), "Alignment repaired.")

    # --- export ---------------------------------------------------------------------------

    def action_export(self) -> None:
        from reader.ui.dialogs import ExportDialog

        if not self.reader.in_library(self.document):
            # The exporter reads documents and glossaries from the library only.
            self.notify(
                "This file is not in the library: import it (i in the library, or "
                "`reader import`) to export its entries.",
                severity="warning",
                timeout=6,
            )
            return
        root = self.reader.library.root
        self.app.push_screen(
            ExportDialog(root, self.document.id, decks_dir=self.reader.settings.decks_dir(root))
        )

    def action_library(self) -> None:
        from reader.ui.library_screen import LibraryScreen

        self.save_position()
        stack = self.app.screen_stack
        if len(stack) > 1 and isinstance(stack[-2], LibraryScreen):
            self.app.pop_screen()
        else:  # opened directly (`reader read DOC`): the library comes up in its place
            self.app.switch_screen(LibraryScreen())


# A sentence that is nothing but Markdown images: `![alt](./assets/name.png)`, one or more.
_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
_ONLY_IMAGES = re.compile(rf"\s*(?:{_IMAGE.pattern}\s*)+")


def image_placeholder(sentence: str) -> str | None:
    """`[image: name]` for a sentence made only of Markdown images, else None.

    A terminal cannot show the picture, and the Markdown around its file name is noise in
    the middle of an article; the name is what tells the learner which picture it was.
    """
    if "![" not in sentence or not _ONLY_IMAGES.fullmatch(sentence):
        return None
    names = []
    for m in _IMAGE.finditer(sentence):
        alt, target = m.group(1).strip(), m.group(2)
        names.append(alt or Path(target).stem or "image")
    return " ".join(f"[image: {name}]" for name in names)


def display_document(document: Document) -> Document:
    """The document as the view draws it: image lines become one-line placeholders.

    Only what is shown changes: the screen keeps and saves the document as written, and the
    segment ids (positions, links, glossary contexts) are the same in both.
    """
    changed = False
    segments: list[Segment] = []
    for seg in document.segments:
        shown = [image_placeholder(s) for s in seg.source.sentences]
        if any(p is not None for p in shown):
            changed = True
            sentences = [p if p is not None else s for p, s in zip(shown, seg.source.sentences)]
            seg = replace(seg, source=Text(tuple(sentences), seg.source.sep))
        segments.append(seg)
    return replace(document, segments=tuple(segments)) if changed else document


def _entry_in_full(entry: Entry) -> list[str]:
    lines = [f"[b reverse] {escape(entry.term)} [/] [dim]{_status_label(entry)}[/dim]"]
    if entry.reading:
        lines.append(f"  [dim]{escape(entry.reading)}[/dim]")
    if entry.pos:
        lines.append(f"  [i]{escape(entry.pos)}[/i]")
    for gloss in entry.glosses:
        lines.append(f"  • {escape(gloss)}")
    if entry.note:
        lines.append(f"  [i]{escape(entry.note)}[/i]")
    if entry.forms:
        lines.append(f"  [dim]forms: {escape(', '.join(entry.forms))}[/dim]")
    if entry.tags:
        lines.append(f"  [dim]tags: {escape(', '.join(entry.tags))}[/dim]")
    return lines


def _status_label(entry: Entry) -> str:
    if entry.status == "learning" and entry.level:
        return f"learning {entry.level}"
    return entry.status


def _source_offset(seg: Segment, target_offset: int) -> int:
    """The start of the original sentence aligned with the target sentence at an offset."""
    if seg.target is None:
        return 0
    sentence = seg.target.sentence_at(target_offset)
    for link in seg.links_for_target(sentence):
        if link.source:
            return seg.source.spans[min(link.source)][0]
    return 0


def _split(text: str, lang: str) -> list[str]:
    text = " ".join(text.split()) if lang not in ("zh", "ja") else "".join(text.split())
    try:
        from reader.sentences import split_into

        sentences = [s for s in split_into(text, lang) if s.strip()]
    except ImportError:
        sentences = []
    return sentences or [text]


def _line_of_term(path: Path, term: str) -> int | None:
    """The line where an entry's term is written, for the editor's +LINE argument."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    candidates = (f"{term}:", f"- term: {term}", f"term: {term}", f"'{term}':", f'"{term}":')
    for n, line in enumerate(lines, 1):
        stripped = line.strip()
        if any(stripped.startswith(c) for c in candidates):
            return n
    return None
