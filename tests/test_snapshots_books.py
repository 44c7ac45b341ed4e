"""Snapshots of a book in the reading app: its table of contents (levels, the chapter being
read selected, a filter typed), and a page with a chapter rule, a footnote and ruby readings.

Regenerate after an intended change with
`pytest tests/test_snapshots_books.py --snapshot-update` and look at every changed picture.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_snapshots import app_for, keys

from reader.importers import import_file
from reader.library import Library

DATA = Path(__file__).parent / "data"
SIZE = (100, 30)


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    lib = Library(tmp_path_factory.mktemp("books") / "library")
    for path in (DATA / "epub" / "alice-levels.epub", DATA / "epub" / "ruby-ja.epub"):
        lib.save_document(import_file(path).document)
    return lib


def test_contents_with_levels_and_a_filter(snap_compare, library: Library) -> None:  # type: ignore[no-untyped-def]
    # In chapter III's section; "chapter" keeps the chapters, the one read stays selected.
    run = keys("J", "J", "J", "J", "J", "J", "J", "J", "c", "c", "h", "a", "p")
    assert snap_compare(app_for(library, "alice-levels"), terminal_size=SIZE, run_before=run)


def test_a_page_with_a_chapter_rule_and_a_footnote(snap_compare, library: Library) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app_for(library, "alice-levels"), terminal_size=SIZE, run_before=keys())


def test_ruby_readings_over_their_characters(snap_compare, library: Library) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app_for(library, "ruby-ja"), terminal_size=SIZE, run_before=keys("J"))
