"""The reading app: `make_app(...)` builds it from objects the command line (or a test) made.

The app owns what outlives a screen: the library, the vocabulary and its matchers, settings
and the per-document reading state. Screens ask it to open documents and tell it when the
glossary changed; it watches the glossary files so an edit made in another editor shows up
without a restart.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len, set_cell_size
from textual import work
from textual.app import App
from textual.binding import Binding, BindingType

from reader.errors import ReaderError
from reader.gcpause import threads_running
from reader.library import Library
from reader.marks import Marks
from reader.model import Document, Entry
from reader.settings import Settings
from reader.state import StateStore, document_key
from reader.ui.commands import ReaderCommands
from reader.ui.layout import MODES as LAYOUTS

if TYPE_CHECKING:
    from reader.ui.reading_screen import ReadingScreen
    from reader.vocabulary import Vocabulary


class ReaderApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "reader"
    COMMANDS = App.COMMANDS | {ReaderCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", id="help", tooltip="Every key, by screen"),
        Binding("q", "quit", "Quit", id="quit", tooltip="Quit, remembering where you were"),
    ]

    def __init__(
        self,
        library: Library,
        vocabulary: Vocabulary,
        settings: Settings,
        *,
        document_id: str | None = None,
        document: Document | None = None,
        extra_entries: Iterable[Entry] = (),
        layout: str | None = None,
        state: StateStore | None = None,
        watch_interval: float = 1.0,
    ) -> None:
        super().__init__()
        self.library = library
        self.vocabulary = vocabulary
        self.settings = settings
        self.marks = Marks(vocabulary, extra_entries)
        self.state = state if state is not None else StateStore(layouts=LAYOUTS)
        self.bidi = settings.bidi_enabled()
        self._start_id = document_id
        self._start_document = document
        self._start_layout = layout
        self._watch_interval = watch_interval
        self._shown_errors: dict[Path, str] = {}
        self._stale_langs: set[str] = set()
        self._stale_lock = threading.Lock()
        self._building = False
        self.marks.on_stale = self._matcher_stale

    def on_mount(self) -> None:
        # Workers build matchers and layouts while the UI thread draws: no collector pauses.
        self._threads = ExitStack()
        self._threads.enter_context(threads_running())
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        if self.settings.keys:
            self.set_keymap(dict(self.settings.keys))
        # Opening one document does not load the library behind it: that waits for Escape.
        if self._start_document is not None:
            self.open_document(self._start_document, layout=self._start_layout)
        elif self._start_id is not None:
            self.open_document(
                self.library.load_document(self._start_id), layout=self._start_layout
            )
        else:
            from reader.ui.library_screen import LibraryScreen

            self.push_screen(LibraryScreen())
        if self._watch_interval > 0:
            self.set_interval(self._watch_interval, self.check_glossaries)

    def on_unmount(self) -> None:
        self._threads.close()

    # --- documents ------------------------------------------------------------------------

    def in_library(self, document: Document) -> bool:
        return self.library.has_document(document.id) and self._start_document is not document

    def state_key(self, document: Document) -> str:
        if self.in_library(document):
            return document_key(document.id, self.library.root)
        return document_key(document.id, None, document.origin)

    def open_document(self, document: Document, *, layout: str | None = None) -> ReadingScreen:
        from reader.ui.reading_screen import ReadingScreen

        self.warm_up(document)
        screen = ReadingScreen(document, layout=layout)
        self.push_screen(screen)
        return screen

    def save_document(self, document: Document) -> Document:
        """Write a changed document (own translation, alignment repair) into the library.

        A file opened in memory joins the library on its first change, so the learner's
        work is never kept only in memory.
        """
        if not self.in_library(document):
            new_id = (
                document.id
                if not self.library.has_document(document.id)
                else self.library.new_document_id(document.id)
            )
            from dataclasses import replace

            document = replace(document, id=new_id)
            self._start_document = None
        self.library.save_document(document)
        return document

    def display_text(self, text: str, width: int | None = None) -> str:
        """One line of text for a table cell or a label: cut to `width` cells in logical
        order (so an Arabic title keeps its first words), then put in visual order."""
        if width is not None and cell_len(text) > width:
            text = set_cell_size(text, width - 1) + "…"
        if self.bidi and not text.isascii():
            from reader.ui.bidi import is_rtl, visual_line

            if is_rtl(text):
                return visual_line(text, rtl=True)[0]
        return text

    # --- glossary -------------------------------------------------------------------------

    def check_glossaries(self) -> list[Path]:
        """Re-read glossary files changed on disk; re-mark, or show why an edit was refused."""
        try:
            changed = list(self.vocabulary.reload_changed())
        except ReaderError as exc:
            self.notify(str(exc), title="Glossary not reloaded", severity="error", timeout=10)
            return []
        errors = getattr(self.vocabulary, "errors", {}) or {}
        for path, error in errors.items():
            if self._shown_errors.get(path) != str(error):
                self._shown_errors[path] = str(error)
                self.notify(
                    f"{error}\nThe glossary was not changed; fix the file and save again.",
                    title="Glossary edit refused",
                    severity="error",
                    timeout=15,
                )
        for path in list(self._shown_errors):
            if path not in errors:
                del self._shown_errors[path]
        if changed:
            self.glossary_changed()
        return changed

    def _matcher_stale(self, lang: str) -> None:
        with self._stale_lock:
            if lang in self._stale_langs:
                return
            self._stale_langs.add(lang)
            start = not self._building
            self._building = True
        if start:
            # After the next frame: a build holds the GIL for a while and must not delay
            # the first screen; the text is re-marked when it is done.
            self.call_after_refresh(self._build_matchers)

    @work(thread=True, group="matchers")
    def _build_matchers(self) -> None:
        # One worker at a time builds whatever became stale meanwhile, then the text is
        # re-marked once.
        while True:
            with self._stale_lock:
                if not self._stale_langs:
                    self._building = False
                    break
                lang = self._stale_langs.pop()
            self.marks.matcher(lang, wait=True)
        self.call_from_thread(self.glossary_changed)

    def warm_up(self, document: Document) -> None:
        """Start building the matchers a document needs before its first screen asks."""
        langs = {document.source_lang, *(s.lang for s in document.segments if s.lang)}
        if document.target_lang:
            langs.add(document.target_lang)
        for lang in sorted(langs):
            if not self.marks.ready(lang):
                self._matcher_stale(lang)

    def glossary_changed(self, segment_ids: Iterable[str] | None = None) -> None:
        """Tell every open screen that entries changed (they re-mark what they show)."""
        for screen in self.screen_stack:
            handler = getattr(screen, "glossary_changed", None)
            if handler is not None:
                handler(segment_ids)

    # --- actions --------------------------------------------------------------------------

    async def action_quit(self) -> None:
        # Reading positions are saved a moment after the cursor stops; quitting sooner
        # must not lose the last moves.
        for screen in self.screen_stack:
            save = getattr(screen, "save_position", None)
            if save is not None:
                save()
        self.exit()

    def action_help(self) -> None:
        from reader.ui.help_screen import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))


# The one way to build the app, shared by `reader read` and the tests: the class itself, so
# its parameters are written once.
make_app = ReaderApp
