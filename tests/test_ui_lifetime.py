"""Closed reading screens are freed, and the garbage collector keeps working while the app runs.

Re-opening a long book used to keep every closed reading screen alive: the exact layout of a
long book was frozen out of the collector's reach (`gc.freeze`), and with it the view, the
screen and everything they held.
"""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from test_ui_screens import SIZE, app_for, ready

from reader.library import Library
from reader.model import Document, Link, Segment, Text, segment_id
from reader.ui.screens.reading import ReadingScreen
from reader.ui.viewmodel.layout import EXACT_NOW


def long_book() -> Document:
    """More paragraphs than are wrapped before the first screen: the rest is wrapped by a
    worker, the path that froze the layout."""
    taken: set[str] = set()
    segments = []
    for n in range(EXACT_NOW + 50):
        source = Text.of([f"Paragraph {n} opens here.", "It goes on for a while."], "en")
        target = Text.of([f"第{n}段从这里开始。", "它持续了一段时间。"], "zh")
        links = (Link((0,), (0,), 0.9), Link((1,), (1,), 0.9))
        segments.append(
            Segment(segment_id("paragraph", source.text, taken), "paragraph", source, target, links)
        )
    return Document("book", "A long book", "en", tuple(segments), target_lang="zh")


async def test_a_closed_reading_screen_is_freed(tmp_path: Path) -> None:
    library = Library(tmp_path / "library")
    library.save_document(long_book())
    app = app_for(library)
    closed: list[weakref.ref[ReadingScreen]] = []
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        for _ in range(3):
            await pilot.press("enter")
            await ready(pilot)
            screen = app.screen
            assert isinstance(screen, ReadingScreen)
            layout = screen.view.current_layout
            assert layout is not None and layout.exact  # the worker's layout is in
            closed.append(weakref.ref(screen))
            del screen, layout
            await pilot.press("escape")
            await ready(pilot)
        gc.collect()
        assert [ref() for ref in closed] == [None, None, None]
        assert gc.get_freeze_count() == 0
        assert gc.isenabled()
