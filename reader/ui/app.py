"""The reading app: `make_app(...)` builds it from objects the command line (or a test) made.

The app owns what outlives a screen (the session: library, vocabulary and its matchers,
settings, reading state; the study service and its one history) and owns navigation: screens
ask for a document, the library or the glossary table with messages (`messages`), and the
app decides which screen to show. Every change to the learner's data and every re-reading of
a glossary file runs in one worker thread, in order (`jobs`), so the screen stays responsive
while a large glossary is saved; when it is done the app tells every open screen what
changed. It watches the glossary files so an edit made in another editor shows up without a
restart.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from contextlib import ExitStack
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.message import Message
from textual.notifications import SeverityLevel

from reader.errors import ReaderError
from reader.gcpause import start_up_done, threads_running
from reader.library import Library
from reader.marks import Marks, entry_key
from reader.model import Document, Entry
from reader.safetext import visible
from reader.settings import Settings
from reader.state import StateStore
from reader.ui.css_cache import cached_stylesheet
from reader.ui.jobs import Job, JobQueue
from reader.ui.keys import key_help, working_actions
from reader.ui.messages import (
    DocumentChanged,
    EntriesChanged,
    GlossaryFilesTouched,
    OpenDocument,
    ShowContents,
    ShowGlossary,
    ShowLibrary,
    StudyRequest,
)
from reader.ui.session import Session
from reader.ui.workers import thread_work
from reader.vocabulary import Vocabulary

if TYPE_CHECKING:
    from reader.study import Outcome, Study
    from reader.ui.screens.library import LibraryScreen
    from reader.ui.screens.reading import ReadingScreen

# The matchers' worker also prepares a language's unknown words (known-words file, jieba):
# one queue of slow preparations, one re-marking when it is done.
UNKNOWN_WORDS = "unknown words:"

# How long matchers wait for the glossaries to be read before building with what there is.
READ_GLOSSARIES_S = 60.0

# Screens, dialogs and the study service are imported when first needed: the first frame of
# `reader read` waits only for the screen it shows.


class ScreenActions(Provider):
    """Command palette (ctrl+p): every action of the current screen that works right now,
    read from its bindings, so the palette offers exactly what the keys do there."""

    def _actions(self) -> list[tuple[str, str, str]]:
        app = self.app
        keymap = app.session.keymap if isinstance(app, ReaderApp) else {}
        return working_actions(self.screen, keymap)

    async def discover(self) -> Hits:
        for description, action, help_text in self._actions():
            yield DiscoveryHit(description, partial(self.screen.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        from reader.ui.screens.reading.commands import paragraph_number

        # A number is a paragraph: "3" should not offer "Learning, level 3" first.
        if paragraph_number(query) is not None:
            return
        matcher = self.matcher(query)
        for description, action, help_text in self._actions():
            score = matcher.match(description)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(description),
                    partial(self.screen.run_action, action),
                    help=help_text,
                )


def _layout_names() -> list[str]:
    """The layout modes' names, for the state file (the modes load with the first document)."""
    from reader.ui.viewmodel.modes import MODES

    return list(MODES)


class ReaderApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "reader"
    COMMANDS = App.COMMANDS | {ScreenActions}
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
        open_path: Path | None = None,
        extra_entries: Iterable[Entry] = (),
        layout: str | None = None,
        state: StateStore | None = None,
        watch_interval: float = 1.0,
    ) -> None:
        super().__init__()
        # Parsed stylesheets are kept between runs (reader.ui.css_cache): no CSS was added yet.
        self.stylesheet = cached_stylesheet(self.get_css_variables())
        self.session = Session(
            library,
            vocabulary,
            settings,
            Marks(vocabulary, extra_entries),
            state if state is not None else StateStore(layouts=_layout_names),
            settings.bidi_enabled(),
            opened=document,
        )
        if vocabulary.loaded:
            self.session.glossaries_ready.set()
        self._study_service: Study | None = None
        self._start_id = document_id
        self._start_document = document
        self._start_path = open_path
        # Why the file given to `reader read` could not be read: the command line prints it
        # once the app has given the terminal back.
        self.open_error: ReaderError | None = None
        self._start_layout = layout
        self._watch_interval = watch_interval
        self._jobs = JobQueue()
        self._shown_errors: dict[Path, str] = {}
        self._stale_langs: set[str] = set()
        self._stale_lock = threading.Lock()
        self._building = False
        self._threads = ExitStack()
        self._library: LibraryScreen | None = None
        self.session.marks.on_stale = self._matcher_stale
        self.session.unknown.on_stale = lambda lang: self._matcher_stale(UNKNOWN_WORDS + lang)

    # The session's parts, for the command line's tests and the benchmarks.
    @property
    def study(self) -> Study:
        """The learner's operations and their one history, made on the first change."""
        if self._study_service is None:
            from reader.study import Study

            self._study_service = Study(self.session.library, self.session.vocabulary)
        return self._study_service

    @property
    def library(self) -> Library:
        return self.session.library

    @property
    def vocabulary(self) -> Vocabulary:
        return self.session.vocabulary

    @property
    def marks(self) -> Marks:
        return self.session.marks

    @property
    def bidi(self) -> bool:
        return self.session.bidi

    def on_mount(self) -> None:
        # Workers build matchers and layouts while the UI thread draws: no collector pauses.
        self._threads.enter_context(threads_running())
        # `reader read` paused the collector for its start: it runs again after this frame.
        self.call_after_refresh(start_up_done)
        settings = self.session.settings
        if settings.theme in self.available_themes:
            self.theme = settings.theme
        if settings.keys:
            self.set_keymap(dict(settings.keys))
        if not self.session.glossaries_ready.is_set():
            # After the first frame: reading a big glossary holds the GIL for a while.
            self.call_after_refresh(self.check_glossaries)
        # Opening one document does not load the library behind it: that waits for Escape.
        if self._start_document is not None:
            self.open_document(self._start_document, layout=self._start_layout)
        elif self._start_path is not None:
            self.open_file(self._start_path)
        elif self._start_id is not None:
            document = self.session.library.load_document(self._start_id)
            self.open_document(document, layout=self._start_layout)
        else:
            self.push_screen(self._library_screen())
        if self._watch_interval > 0:
            self.set_interval(self._watch_interval, self._poll_glossaries)
        if self.is_web:
            # Served to a browser, the app is the server's child: when the server is
            # stopped (SIGTERM, a crash), nothing else would ever close this app, and it
            # would stay behind holding the learner's library. It leaves with its server.
            server = os.getppid()
            self.set_interval(1.0, partial(self._leave_without_server, server))

    def _leave_without_server(self, server: int) -> None:
        if os.getppid() != server:
            self.exit()

    def on_unmount(self) -> None:
        self._threads.close()

    @property
    def busy(self) -> bool:
        """Whether anything is being saved, read again or built in the background."""
        return self._jobs.busy or self._building or any(w.is_running for w in self.workers)

    # --- navigation ------------------------------------------------------------------------

    def open_document(self, document: Document, *, layout: str | None = None) -> ReadingScreen:
        from reader.ui.screens.reading import ReadingScreen

        self.warm_up(document)
        screen = ReadingScreen(self.session, document, layout=layout)
        self.push_screen(screen)
        return screen

    def open_file(self, path: Path) -> None:
        """Read a file outside the library (`reader read FILE`): the first frame is a bar
        while a worker imports it in memory (the aligner, the segmenter and the dictionary
        load there), then the document. Cancel shows the library instead; a file that cannot
        be read ends the app with its one-line error."""
        from reader.ui.dialogs.progress import Finished, ProgressDialog
        from reader.ui.imports import import_in_memory

        def done(finished: Finished | None) -> None:
            if finished is None or finished.cancelled:
                self.push_screen(self._library_screen())
            elif finished.error is not None:
                self.open_error = finished.error
                self.exit(return_code=1)
            else:
                result = finished.result
                self.session.opened = result.document
                self.session.marks.set_extra_entries(result.entries)
                self.open_document(result.document, layout=self._start_layout)

        work = partial(import_in_memory, path)
        self.push_screen(ProgressDialog(f"Opening {path.name}", work), done)

    @on(OpenDocument)
    def _open(self, message: OpenDocument) -> None:
        screen = self.open_document(message.document, layout=message.layout)
        if message.entry is not None:
            screen.call_after_refresh(screen.go_to_entry, message.entry)

    def _library_screen(self) -> LibraryScreen:
        from reader.ui.screens.library import LibraryScreen

        self._library = LibraryScreen(self.session)
        return self._library

    @on(ShowLibrary)
    def _show_library(self) -> None:
        library = self._library
        if library is None or library not in self.screen_stack:
            # Opened directly (`reader read DOC`): the library comes up in its place.
            self.switch_screen(self._library_screen())
            return
        while self.screen is not library:
            self.pop_screen()

    @on(ShowGlossary)
    def _show_glossary(self, message: ShowGlossary) -> None:
        scope = message.document
        from reader.ui.screens.reading import ReadingScreen

        reading = self.screen if isinstance(self.screen, ReadingScreen) else None
        from reader.ui.screens.glossary import GlossaryScreen

        glossary = GlossaryScreen(self.session, scope)

        def chosen(entry: Entry | None) -> None:
            if entry is None:
                return
            if reading is not None:
                reading.go_to_entry(entry)
                return
            # From the library, "next occurrence" means in the document it was noted in,
            # else in the first document it occurs in.
            library = self.session.library
            doc_id = entry.context.document if entry.context is not None else None
            if doc_id is None or not library.has_document(doc_id):
                doc_id = glossary.first_seen.get(entry_key(entry))
            if doc_id is None:
                self.notify(f"“{entry.term}” does not occur in any document of the library.")
                return
            try:
                document = library.load_document(doc_id)
            except ReaderError as exc:
                self.notify(str(exc), severity="error", timeout=10)
                return
            self.post_message(OpenDocument(document, entry=entry))

        self.push_screen(glossary, chosen)

    @on(ShowContents)
    def _show_contents(self, message: ShowContents) -> None:
        from reader.ui.screens.reading import ReadingScreen
        from reader.ui.screens.toc import TocScreen

        reading = self.screen if isinstance(self.screen, ReadingScreen) else None

        contents = TocScreen(
            message.contents,
            message.current,
            title=message.title,
            total=message.total,
            display=self.session.display_text,
        )

        def chosen(segment: int | None) -> None:
            if segment is not None and reading is not None:
                reading.go_to_chapter(segment)

        self.push_screen(contents, chosen)

    def tell_screens(self, message_type: type[Message], *args: object) -> None:
        """Post a new message of `message_type` to every open screen."""
        for screen in self.screen_stack:
            screen.post_message(message_type(*args))

    # --- the glossary worker ----------------------------------------------------------------

    def _queue(self, job: Job) -> Job:
        if self._jobs.add(job):
            self._work()
        return job

    @thread_work(exclusive=True, group="glossary")
    def _work(self) -> None:
        # One worker takes the jobs in order until none is left; `exclusive` never cancels
        # anything, as a new worker starts only when the last one has stopped taking jobs.
        from reader.study import Refused

        while (job := self._jobs.next()) is not None:
            try:
                job.result = job.run()
            except (ReaderError, Refused, OSError) as exc:
                job.error = exc
            job.finished = True
            self.call_from_thread(job.done, job)

    @on(StudyRequest)
    def _study(self, request: StudyRequest) -> None:
        self.run_study(request)

    def run_study(self, request: StudyRequest) -> Job:
        """Run a change to the learner's data in the glossary worker; then tell the learner
        (and every screen) what changed, or why nothing did."""
        from reader.study import Refused

        study = self.study

        def done(job: Job) -> None:
            error = job.error
            if isinstance(error, Refused):
                self.notify(str(error), severity=error.severity)  # type: ignore[arg-type]
                return
            if error is not None:
                self.notify(str(error), title=request.failure, severity="error", timeout=10)
                return
            outcome: Outcome | None = job.result
            if outcome is None:
                self.notify(request.nothing)
                return
            self.notify(outcome.message + request.hint, timeout=request.timeout)
            if request.on_done is not None:
                request.on_done(outcome)
            if outcome.document is not None:
                self.tell_screens(DocumentChanged, outcome.document)
            if outcome.entries:
                self.glossary_changed()

        return self._queue(Job(partial(request.operation, study), done))

    @on(GlossaryFilesTouched)
    def _touched(self) -> None:
        self.check_glossaries()

    def _poll_glossaries(self) -> None:
        if not self._jobs.waiting("reload"):
            self.check_glossaries()

    def check_glossaries(self) -> Job:
        """Re-read glossary files changed on disk in the glossary worker; then re-mark, or
        show why an edit was refused. The job's result is the files read again. The first
        run reads every glossary (the first frame does not wait for them)."""
        vocabulary = self.session.vocabulary
        ready = self.session.glossaries_ready

        def reload() -> list[Path]:
            try:
                return list(vocabulary.reload_changed())
            finally:
                ready.set()  # also when a file failed: its error is shown, the rest marks

        def done(job: Job) -> None:
            if job.error is not None:
                self.notify(str(job.error), title="Glossary not reloaded", severity="error")
                return
            self._show_errors()
            if job.result:
                self.glossary_changed()

        return self._queue(Job(reload, done, kind="reload"))

    def _show_errors(self) -> None:
        errors = self.session.vocabulary.errors
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

    # --- matchers ------------------------------------------------------------------------

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

    @thread_work(group="matchers")
    def _build_matchers(self) -> None:
        # One worker at a time builds whatever became stale meanwhile, then the text is
        # re-marked once; not before the glossaries are read.
        self.session.glossaries_ready.wait(READ_GLOSSARIES_S)
        while True:
            with self._stale_lock:
                if not self._stale_langs:
                    self._building = False
                    break
                lang = self._stale_langs.pop()
            if lang.startswith(UNKNOWN_WORDS):
                self.session.unknown.warm(lang.removeprefix(UNKNOWN_WORDS))
            else:
                self.session.marks.matcher(lang, wait=True)
        self.call_from_thread(self.glossary_changed)

    def warm_up(self, document: Document) -> None:
        """Start building the matchers a document needs before its first screen asks."""
        langs = {document.source_lang, *(s.lang for s in document.segments if s.lang)}
        if document.target_lang:
            langs.add(document.target_lang)
        for lang in sorted(langs):
            if not self.session.marks.ready(lang):
                self._matcher_stale(lang)

    def glossary_changed(self, segment_ids: Iterable[str] | None = None) -> None:
        """Tell every open screen that entries changed (they re-mark what they show)."""
        self.tell_screens(EntriesChanged, segment_ids)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        # Toasts name terms, titles and files that came from files: never read as markup,
        # no control sequence in them reaches the terminal, and Arabic in them is shaped
        # and ordered as everywhere else (line by line: a toast's lines are short).
        from reader.ui.viewmodel.bidi import display

        bidi = self.session.bidi
        super().notify(
            "\n".join(display(line, bidi=bidi) for line in visible(message).split("\n")),
            title=display(title, bidi=bidi),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    # --- actions --------------------------------------------------------------------------

    async def action_quit(self) -> None:
        # Each reading screen saves where the learner was as it closes.
        self.exit()

    def action_help(self) -> None:
        screen = self.screen
        from reader.ui.screens.help import HelpScreen

        if isinstance(screen, HelpScreen):
            return
        rows = key_help([type(screen), type(self)], self.session.keymap)
        from reader.ui.screens.reading import ReadingScreen

        legend = screen.view.legend() if isinstance(screen, ReadingScreen) else None
        self.push_screen(HelpScreen(rows, screen.HELP or "", legend))


# The one way to build the app, shared by `reader read` and the tests: the class itself, so
# its parameters are written once.
make_app = ReaderApp
