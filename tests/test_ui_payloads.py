"""Terminal payloads at every display path of the app: a document, a library and glossary
entries whose title, text, glosses and notes hold OSC 52 (clipboard), OSC 0 (window title),
CSI 6n (the terminal types an answer into the app), C1 controls and bidi overrides. The
library, the document, the notes panel, the Add and Edit dialogs, the glossary screen and a
toast are opened as a learner would; no ESC, C1 control or bidi override may reach any strip
the screen draws (what the terminal is sent is these strips' text and their styles).

Documents and glossaries are cleaned when read from disk (test_reliability_terminal); here
the payloads come in past that, as a document built in memory or a future reader would
bring them, to test the second line of defence: every display path shows them, never obeys.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from reliability_cases import PAYLOAD, TERMINAL_CONTROL
from test_ui_screens import (
    bilingual_document,
    ready,
    record_notices,
    word_cursor_on,
)
from textual.widgets import DataTable

from reader.library import Library
from reader.model import Document, Entry, Segment, Text
from reader.settings import Settings
from reader.ui.app import ReaderApp, make_app
from reader.ui.dialogs import EntryDialog
from reader.ui.screens.glossary import GlossaryScreen
from reader.ui.screens.library import LibraryScreen
from reader.ui.screens.reading import ReadingScreen
from reader.vocabulary import Vocabulary


def poisoned(doc: Document) -> Document:
    """The document with the payload in its title and in a sentence of each language."""
    first, *rest = doc.segments
    segments: list[Segment] = [first]
    for seg in rest:
        source = Text((f"{PAYLOAD} {seg.source.sentences[0]}", *seg.source.sentences[1:]))
        target = seg.target
        if target is not None:
            target = Text((PAYLOAD + target.sentences[0], *target.sentences[1:]), target.sep)
        segments.append(replace(seg, source=source, target=target))
    return replace(doc, title=f"Open{PAYLOAD} AI", segments=tuple(segments))


ENTRY = Entry(
    "stark",
    "en",
    glosses=(f"bleak{PAYLOAD}",),
    note=f"note{PAYLOAD}",
    reading=PAYLOAD,
    tags=(PAYLOAD,),
)


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ReaderApp:
    lib = Library(tmp_path / "library")
    lib.save_document(bilingual_document())
    # A document file whose name holds the payload, and that does not load: an error line.
    lib.documents_dir.joinpath(f"broken{PAYLOAD}.yaml").write_text("id: [", encoding="utf-8")
    load = Library.load_document

    def load_poisoned(self: Library, doc_id: str) -> Document:
        return poisoned(load(self, doc_id))

    monkeypatch.setattr(Library, "load_document", load_poisoned)
    monkeypatch.setattr(Library, "name", property(lambda self: f"Books{PAYLOAD}"))
    app = make_app(lib, Vocabulary(lib.root), Settings(), extra_entries=[ENTRY], watch_interval=0)
    record_notices(app)
    return app


def leaks(app: ReaderApp) -> list[str]:
    """Controls in what the screen draws, with the text around them."""
    found = []
    for strip in app.screen._compositor.render_strips():
        text = "".join(seg.text for seg in strip)
        for m in TERMINAL_CONTROL.finditer(text):
            found.append(repr(text[max(m.start() - 20, 0) : m.end() + 20]))
    return found


def shows_stand_ins(app: ReaderApp) -> bool:
    """The payload is on screen, as stand-ins: shown, not dropped and not obeyed."""
    screen = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
    return "\u241b]52;c;" in screen or "<U+202E>" in screen or "<U+009B>6n" in screen


async def test_no_control_sequence_reaches_the_screen(app: ReaderApp) -> None:
    seen: dict[str, list[str]] = {}
    hidden: list[str] = []  # screens where the payload did not show as stand-ins
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, LibraryScreen)
        seen["library"] = leaks(app)
        if not shows_stand_ins(app):
            hidden.append("library")
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        await pilot.press("enter")
        await ready(pilot)
        assert isinstance(app.screen, ReadingScreen)
        await word_cursor_on(pilot, app, "stark")
        await ready(pilot)
        seen["document, status bar and notes panel"] = leaks(app)
        if not shows_stand_ins(app):
            hidden.append("document")
        await pilot.press("a")  # the entry is there already: the Edit dialog opens on it
        await ready(pilot)
        assert isinstance(app.screen, EntryDialog)
        seen["entry dialog"] = leaks(app)
        await pilot.press("escape")
        await ready(pilot)
        await word_cursor_on(pilot, app, "reality")
        await pilot.press("a")
        await ready(pilot)
        assert isinstance(app.screen, EntryDialog) and app.screen.new
        seen["add dialog (context sentences)"] = leaks(app)
        if not shows_stand_ins(app):
            hidden.append("add dialog")
        await pilot.press("escape")
        await ready(pilot)
        await pilot.press("L")
        await ready(pilot)
        assert isinstance(app.screen, GlossaryScreen)
        seen["glossary screen"] = leaks(app)
        if not shows_stand_ins(app):
            hidden.append("glossary screen")
        app.notify(f"“{ENTRY.glosses[0]}” from broken{PAYLOAD}.yaml", title=PAYLOAD)
        await ready(pilot)
        seen["toast"] = leaks(app)
    assert not any(seen.values()), seen
    assert not hidden
    assert set(seen) == {
        "library",
        "document, status bar and notes panel",
        "entry dialog",
        "add dialog (context sentences)",
        "glossary screen",
        "toast",
    }
