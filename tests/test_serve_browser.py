"""`reader serve` in a real browser: Debian's chromium, started by the test against the server.

Not skipped when chromium is missing: the test fails and names the install command.
"""

from __future__ import annotations

import shutil
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from ankitools import import_package, open_collection

from tests.browser import Browser, app_processes, serve, wait_for

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SEEDS, tmp_path / "library"))


@pytest.fixture
def browser(tmp_path: Path):
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    page = Browser(downloads)
    yield page
    page.close()


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return (int(hex_colour[0:2], 16), int(hex_colour[2:4], 16), int(hex_colour[4:6], 16))


def test_the_op_ed_read_and_studied_in_a_browser(
    library: Path, browser: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # Anki never touches a real profile
    with serve(library) as served:
        parts = urlsplit(served.url)
        bare = f"{parts.scheme}://{parts.netloc}/"
        assert _status(bare) == 403  # no token: refused
        assert _status(bare + "ws") == 403
        assert _status(served.url) == 200

        browser.open(served.url)
        browser.wait_for_text("5 of 5 documents")
        browser.press("why Europe")
        browser.wait_for_text("1 of 5 documents")
        browser.press("\ue007")  # Enter
        browser.wait_for_text("THIS IS AN important moment")
        browser.wait_for_text("这是科技的一个重要时刻")

        def bg(text: str) -> str:
            return browser.background(*browser.find(text))

        plain = bg("人工智能")
        # The cursor starts on the title: J steps paragraph by paragraph (title, subtitle,
        # image, byline) to the first paragraph of the article, whose first sentence and its
        # translation light up.
        browser.press("J", "J", "J", "J")
        wait_for(lambda: bg("THIS IS AN") != plain, "the first paragraph")
        wait_for(lambda: bg("这是科技") != plain, "the first sentence's counterpart")
        assert bg("人工智能") == plain  # the second sentence's translation: not yet
        browser.press("j")  # the second sentence and, on the right, its translation
        wait_for(lambda: bg("人工智能") != plain, "the counterpart highlight")
        assert bg("这是科技") == plain
        assert bg("intelligence (AI)") not in (plain, "default")
        # ... and the browser painted it: the screenshot shows that colour in that cell.
        x, y = browser.find("人工智能")
        painted = browser.pixel(x, y)
        assert all(abs(a - b) <= 24 for a, b in zip(painted, _rgb(bg("人工智能")))), painted

        # Add the word under the cursor to the glossary, with a gloss typed in the dialog.
        def glossaries() -> str:
            return "".join(p.read_text(encoding="utf-8") for p in library.glob("glossaries/*.yaml"))

        assert "人造的" not in glossaries()
        browser.press("w", "a")
        browser.wait_for_text("Add to glossary")
        browser.wait_for_text("artificial")  # the term, prefilled from the word cursor
        browser.press("人造的", "\ue007")  # the gloss, then Enter saves
        wait_for(lambda: "人造的" in glossaries(), "the entry on disk")
        from reader.glossary import load_glossary

        entries = [e for p in library.glob("glossaries/*.yaml") for e in load_glossary(p).entries]
        added = [e for e in entries if e.term == "artificial"]
        assert [e.glosses for e in added] == [("人造的",)]
        browser.wait_for_text("5 terms")  # the status bar counts it among the terms in view

        # Export: the deck is written on the server and reaches the learner as a download,
        # which Anki imports.
        browser.press("x")
        browser.wait_for_text("Download")
        browser.wait_for_text("Wrote ")
        browser.press("\ue007")  # Download has the focus
        deck = wait_for(
            lambda: next(iter(browser.downloads.glob("*.apkg")), None), "the downloaded deck"
        )
        wait_for(lambda: not list(browser.downloads.glob("*.crdownload")), "the download's end")
        written = next(library.glob("decks/*.apkg"))
        assert deck.name == written.name
        assert deck.read_bytes() == written.read_bytes()
        col = open_collection(tmp_path / "anki")
        try:
            import_package(col, deck)
            terms = {col.get_note(nid).fields[0] for nid in col.find_notes("")}
        finally:
            col.close()
        assert "artificial" in terms
        assert app_processes(library)  # the app the browser opened, running on the server

    # Stopped, the server takes its app with it: nothing is left holding the library.
    wait_for(lambda: not app_processes(library), "the app to leave with its server")
