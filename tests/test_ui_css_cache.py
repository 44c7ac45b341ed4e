"""Parsed stylesheets kept between runs: read back exactly as Textual parses them, one file
per source and theme, never trusted when damaged, and never kept when the CSS has errors."""

from __future__ import annotations

from pathlib import Path

import pytest
import textual.css.stylesheet
from textual.app import App
from textual.css.stylesheet import Stylesheet, StylesheetParseError
from textual.widgets import Button

from reader.ui.css_cache import CachedStylesheet, cached_stylesheet
from reader.ui.widgets.reading_view import ReadingView

APP_CSS = (Path(__file__).resolve().parent.parent / "reader" / "ui" / "app.tcss").read_text(
    encoding="utf-8"
)
SOURCES = {
    ("app.tcss", ""): (APP_CSS, False),
    ("reading_view.py", "ReadingView.DEFAULT_CSS"): (ReadingView.DEFAULT_CSS, True),
    ("_button.py", "Button.DEFAULT_CSS"): (Button.DEFAULT_CSS, True),
}


def variables(theme: str = "textual-dark") -> dict[str, str]:
    app = App()
    app.theme = theme
    return app.get_css_variables()


def parsed(sheet: Stylesheet) -> list[object]:
    for read_from, (css, defaults) in SOURCES.items():
        sheet.add_source(css, read_from=read_from, is_default_css=defaults)
    sheet.parse()
    return list(sheet.rules)


def test_rules_read_back_are_the_rules_textual_parses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = parsed(Stylesheet(variables=variables()))
    assert parsed(CachedStylesheet(variables=variables(), folder=tmp_path)) == plain
    kept = sorted(tmp_path.iterdir())
    assert len(kept) == len(SOURCES)

    # A second start reads every source back: Textual's parser is not called at all.
    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(textual.css.stylesheet, "parse", no_parsing)
    assert parsed(CachedStylesheet(variables=variables(), folder=tmp_path)) == plain
    assert sorted(tmp_path.iterdir()) == kept


def test_each_theme_has_its_own_files(tmp_path: Path) -> None:
    dark = parsed(CachedStylesheet(variables=variables(), folder=tmp_path))
    light = parsed(CachedStylesheet(variables=variables("textual-light"), folder=tmp_path))
    assert light != dark
    assert light == parsed(Stylesheet(variables=variables("textual-light")))
    assert len(list(tmp_path.iterdir())) == 2 * len(SOURCES)


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05\x95", "truncate"])
def test_a_damaged_file_is_parsed_again_and_replaced(tmp_path: Path, damage: object) -> None:
    plain = parsed(Stylesheet(variables=variables()))
    parsed(CachedStylesheet(variables=variables(), folder=tmp_path))
    for path in tmp_path.iterdir():
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2] if damage == "truncate" else damage)  # type: ignore[arg-type]
    assert parsed(CachedStylesheet(variables=variables(), folder=tmp_path)) == plain
    # Replaced: the next start reads good files again.
    assert parsed(CachedStylesheet(variables=variables(), folder=tmp_path)) == plain
    assert all(len(p.read_bytes()) > 100 for p in tmp_path.iterdir())


def test_css_with_errors_is_reported_as_always_and_not_kept(tmp_path: Path) -> None:
    sheet = CachedStylesheet(variables=variables(), folder=tmp_path)
    sheet.add_source("Screen { colour: red; }", read_from=("bad.tcss", ""))
    with pytest.raises(StylesheetParseError):
        sheet.parse()
    assert list(tmp_path.iterdir()) == []


def test_a_theme_chosen_later_parses_through_the_files_too(tmp_path: Path) -> None:
    sheet = CachedStylesheet(variables=variables(), folder=tmp_path)
    parsed(sheet)
    sheet.set_variables(variables("textual-light"))
    sheet.reparse()
    assert list(sheet.rules) == parsed(Stylesheet(variables=variables("textual-light")))
    assert len(list(tmp_path.iterdir())) == 2 * len(SOURCES)


def test_no_cache_folder_means_textuals_own_stylesheet(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_CACHE_DIR", "")
    assert type(cached_stylesheet(variables())) is Stylesheet


async def test_the_reading_app_keeps_its_stylesheets_in_the_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.library import Library
    from reader.settings import Settings
    from reader.ui.app import make_app
    from reader.vocabulary import Vocabulary

    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    library = Library(tmp_path / "library")
    app = make_app(library, Vocabulary(library.root), Settings(), watch_interval=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.stylesheet, CachedStylesheet)
    assert len(list((tmp_path / "cache" / "css").glob("*.pickle"))) >= 5
