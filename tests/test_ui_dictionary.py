"""The dictionary panel and the words a learner knows, driven as a learner would: keys, then
what the screen shows and what was written to disk."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
import yaml
from rich.style import Style
from test_ui_screens import (
    SIZE,
    app_for,
    notices,
    ready,
    sample_library,
    status_text,
    view_of,
    word_cursor_on,
)
from textual.widgets import Input, OptionList

from reader.dictionary import DictEntry, DictionaryInfo, Shelf
from reader.errors import ReaderError
from reader.library import Library
from reader.model import Document, Link, Segment, Text
from reader.ui.app import ReaderApp
from reader.ui.dialogs.entry import EntryDialog
from reader.ui.widgets.dictionary_panel import DictionaryPanel, Pick
from reader.unknown import UNKNOWN


@pytest.fixture
def library(tmp_path: Path) -> Library:
    lib = sample_library(tmp_path)
    lib.save_document(chinese_document())
    return lib


def chinese_document() -> Document:
    source = Text.of(["他终于归来了。"], "zh")
    target = Text.of(["He finally returned home."], "en")
    seg = Segment("c0", "paragraph", source, target, (Link((0,), (0,), 0.9),))
    return Document("zh-doc", "归来", "zh", (seg,), target_lang="en")


def panel_of(app: ReaderApp) -> DictionaryPanel:
    return app.screen.query_one("#dictionary", DictionaryPanel)


async def choose(pilot, app: ReaderApp, wanted) -> Pick:  # type: ignore[no-untyped-def]
    """Tab into the list and press down until the highlighted line is `wanted`; Enter."""
    panel = panel_of(app)
    await pilot.press("tab")
    entries = panel.query_one(OptionList)
    assert app.focused is entries
    for _ in range(200):
        index = entries.highlighted
        pick = panel.picks[index] if index is not None else None
        if pick is not None and wanted(pick):
            await pilot.press("enter")
            await ready(pilot)
            return pick
        await pilot.press("down")
    raise AssertionError("no such line in the dictionary panel")


async def word_cursor_from(pilot, app: ReaderApp, char: str) -> None:  # type: ignore[no-untyped-def]
    """Press w until the word cursor starts at `char`: on it alone, or on the word jieba
    cuts there (the cursor moves by character or by word)."""
    for _ in range(10):
        await pilot.press("w")
        pick = view_of(app).selection()
        if pick is not None and pick.text.startswith(char):
            return
    raise AssertionError(f"word cursor never reached {char!r}")


def line_text(panel: DictionaryPanel, index: int) -> str:
    prompt = panel.query_one(OptionList).get_option_at_index(index).prompt
    return prompt.plain if hasattr(prompt, "plain") else str(prompt)


def saved_entries(library: Library, lang: str) -> dict[str, object]:
    data = yaml.safe_load((library.glossaries_dir / f"{lang}.yaml").read_text(encoding="utf-8"))
    return data["entries"]


async def test_look_up_a_word_pick_a_gloss_and_save_it(library: Library) -> None:
    app = app_for(library, "op-ed")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert not panel_of(app).display  # English has a glossary: the notes show first
        await pilot.press("D")
        assert panel_of(app).display and not app.screen.query_one("#notes").display
        await pilot.press("J", "J")  # "Technology moves swiftly. Europe must not stifle …"
        await pilot.press("j")
        await word_cursor_on(pilot, app, "innovation")
        await ready(pilot)
        panel = panel_of(app)
        shown = [(p.hit.dictionary.name, p.entry.headword) for p in panel.picks if p]
        # First the word the translation uses (found through CC-CEDICT read from Chinese),
        # then CC-CEDICT's reversed suggestions, the one the translation uses starred.
        assert shown[:3] == [
            ("CC-CEDICT, in the translation", "创新"),
            ("CC-CEDICT (reversed)", "创新"),
            ("CC-CEDICT (reversed)", "革新"),
        ]
        assert line_text(panel, 3).startswith("创新 ★") and "★" not in line_text(panel, 4)
        pick = await choose(pilot, app, lambda p: p.entry.headword == "革新")
        assert pick.hit.form == "innovation"
        dialog = app.screen
        assert isinstance(dialog, EntryDialog)
        assert dialog.query_one("#term", Input).value == "innovation"
        assert dialog.query_one("#glosses", Input).value == "革新"
        # The sentence and its aligned translation; 革新 is not in it, so nothing is marked.
        assert dialog.source == "Europe must not stifle nascent innovation."
        assert dialog.target == "欧洲不能扼杀新生的创新。"
        assert dialog.target_mark is None
        await pilot.press("ctrl+s")
        await ready(pilot)
    entries = saved_entries(library, "en")
    saved = entries["innovation"]
    assert isinstance(saved, dict)
    assert saved["glosses"] == ["革新"]
    assert saved["context"]["document"] == "op-ed"
    assert "# a comment that must survive every save" in (
        library.glossaries_dir / "en.yaml"
    ).read_text(encoding="utf-8")


async def test_a_chinese_word_comes_with_its_pinyin_and_the_sense_chosen(
    library: Library,
) -> None:
    app = app_for(library, "zh-doc")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        # No Chinese glossary yet: the dictionary is beside the text from the start.
        assert panel_of(app).display
        await word_cursor_from(pilot, app, "归")
        await ready(pilot)
        panel = panel_of(app)
        senses = {
            p.sense: line_text(panel, i)
            for i, p in enumerate(panel.picks)
            if p and p.entry.headword == "归来" and p.sense is not None
        }
        # "to return" is what the translation says ("returned"): starred.
        assert senses == {0: "  1. to return ★", 1: "  2. to come back"}
        await choose(
            pilot, app, lambda p: p.entry.headword == "归来" and p.sense is not None and p.sense > 0
        )
        dialog = app.screen
        assert isinstance(dialog, EntryDialog)
        assert dialog.query_one("#term", Input).value == "归来"
        assert dialog.query_one("#reading", Input).value == "guī lái"
        assert dialog.query_one("#glosses", Input).value == "to come back"
        assert dialog.target == "He finally returned home."
        await pilot.press("ctrl+s")
        await ready(pilot)
    saved = saved_entries(library, "zh")["归来"]
    assert isinstance(saved, dict)
    assert saved["glosses"] == ["to come back"]
    assert saved["reading"] == "guī lái"


async def test_adding_a_chinese_word_from_the_text_prefills_its_pinyin(
    library: Library,
) -> None:
    app = app_for(library, "zh-doc")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await word_cursor_from(pilot, app, "终")
        await pilot.press("a")
        await ready(pilot)
        dialog = app.screen
        assert isinstance(dialog, EntryDialog)
        term = dialog.query_one("#term", Input).value
        assert term in ("终", "终于")  # a character, or jieba's word
        assert dialog.query_one("#reading", Input).value == {"终": "zhōng", "终于": "zhōngyú"}[term]


class SlowDictionary:
    """A dictionary whose index takes as long as the test says."""

    def __init__(self) -> None:
        self.opened = threading.Event()
        self.info = DictionaryInfo("slow", "en", "zh", 1, "tsv")

    def lookup(self, word: str) -> list[DictEntry]:
        self.opened.wait(timeout=30)
        return [DictEntry(word, ("slowly found",))] if word.lower() == "plain" else []

    def has_prefix(self, prefix: str) -> bool:
        return False


async def test_the_cursor_moves_on_while_the_dictionary_loads(library: Library) -> None:
    app = app_for(library, "plain")
    slow = SlowDictionary()
    app.session.dictionaries = Shelf([slow])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        panel = panel_of(app)
        await pilot.press("D")  # English has a glossary: the notes showed first
        assert panel.display
        await word_cursor_on(pilot, app, "Paragraph")
        assert "Loading dictionary…" in str(panel.query_one("#dictionary-title").render())
        await word_cursor_on(pilot, app, "plain")  # the look-up is still waiting
        assert not slow.opened.is_set()
        slow.opened.set()
        await ready(pilot)
        assert [p.entry.definitions for p in panel.picks if p and p.sense is None] == [
            ("slowly found",)
        ]
        assert "plain" in str(panel.query_one("#dictionary-title").render())


def unknown_in(app: ReaderApp, index: int) -> list[str]:
    screen = app.screen
    seg = screen.document.segments[index]  # type: ignore[attr-defined]
    marks = screen.matches(seg, "source")  # type: ignore[attr-defined]
    return [seg.source.text[m.start : m.end] for m in marks if m.status == UNKNOWN]


def styles_in_row(view, text: str) -> dict[str, Style]:  # type: ignore[no-untyped-def]
    """Each word of the first row showing `text`, with the style it is drawn in."""
    for y in range(view.size.height):
        row = list(view.render_line(y))
        if text in "".join(seg.text for seg in row):
            out: dict[str, Style] = {}
            for seg in row:
                for word in re.findall(r"\w+", seg.text):
                    out.setdefault(word, seg.style or Style())
            return out
    raise AssertionError(f"no row shows {text!r}")


def known_file(library: Library) -> list[str]:
    path = library.root / "known" / "en.yaml"
    if not path.exists():
        return []
    return yaml.safe_load(path.read_text(encoding="utf-8"))["words"]


async def test_unknown_words_are_underlined_and_marked_known_one_by_one(library: Library) -> None:
    app = app_for(library, "plain")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        # "Paragraph 1 is plain. It has no translation.": numbers are not words.
        assert unknown_in(app, 0) == ["Paragraph", "is", "plain", "It", "has", "no", "translation"]
        assert "0% known · 7 unknown" in status_text(app)
        view = view_of(app)
        assert view.get_component_rich_style("reading-view--term-unknown").underline
        for row in ("Paragraph 1", "Paragraph 2"):  # under the cursor, and away from it
            styled = styles_in_row(view, row)
            assert styled["plain"].underline and styled["Paragraph"].underline
            assert not styled[row[-1]].underline  # a number is not a word
            assert styled["plain"].color == styled[row[-1]].color  # in the text's own colour
        await word_cursor_on(pilot, app, "plain")
        await pilot.press("W")
        await ready(pilot)
        assert known_file(library) == ["plain"]
        assert "plain" not in unknown_in(app, 0)
        assert "plain" not in unknown_in(app, 1)  # every paragraph: "Paragraph 2 is plain."
        assert "14% known · 6 unknown" in status_text(app)
        styled = styles_in_row(view, "Paragraph 2")
        assert not styled["plain"].underline and styled["Paragraph"].underline


async def test_the_paragraph_is_marked_known_at_once_and_undone_at_once(
    library: Library,
) -> None:
    known = library.root / "known" / "en.yaml"
    known.parent.mkdir()
    known.write_text("# mine\nlanguage: en\nwords:\n- has\n", encoding="utf-8")
    app = app_for(library, "plain")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert "has" not in unknown_in(app, 0)
        await pilot.press("P")
        await ready(pilot)
        assert known_file(library) == ["has", "paragraph", "is", "plain", "it", "no", "translation"]
        assert known.read_text(encoding="utf-8").startswith("# mine\n")
        assert unknown_in(app, 0) == []
        assert "100% known · 0 unknown" in status_text(app)
        await pilot.press("P")
        await ready(pilot)
        assert notices(app)[-1].message == "No unknown words left in this paragraph."
        await pilot.press("u")
        await ready(pilot)
        assert known_file(library) == ["has"]  # known before: still known
        assert "Paragraph" in unknown_in(app, 0)
        await pilot.press("U")
        await ready(pilot)
        assert len(known_file(library)) == 7


async def test_a_glossary_term_under_the_cursor_is_what_W_marks_known(library: Library) -> None:
    app = app_for(library, "op-ed")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("J")
        await word_cursor_on(pilot, app, "stark")
        await pilot.press("W")
        await ready(pilot)
    stark = saved_entries(library, "en")["stark"]
    assert isinstance(stark, dict) and stark["status"] == "known"
    assert known_file(library) == []  # the entry changed, not the known words


async def test_a_document_with_its_own_notes_is_not_marked_unless_asked(
    library: Library,
) -> None:
    (library.glossaries_dir / "plain.yaml").write_text(
        "language: en\nentries:\n  translation: 翻译\n", encoding="utf-8"
    )
    app = app_for(library, "plain")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert unknown_in(app, 0) == []
        assert "known ·" not in status_text(app)
        await pilot.press("ctrl+k")
        await ready(pilot)
        assert "plain" in unknown_in(app, 0)
        assert "translation" not in unknown_in(app, 0)  # a glossary term is not unknown
    app = app_for(library, "plain", unknown_words="off")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        (library.glossaries_dir / "plain.yaml").unlink()
        assert unknown_in(app, 0) == []


def test_unknown_words_setting_is_checked(tmp_path: Path) -> None:
    from reader.errors import ReaderError
    from reader.settings import Settings, load_settings

    config = tmp_path / "config.yaml"
    config.write_text("unknown_words: sometimes\n", encoding="utf-8")
    with pytest.raises(ReaderError, match="unknown_words must be one of auto, on, off"):
        load_settings(config)
    config.write_text("unknown_words: on\n", encoding="utf-8")
    assert load_settings(config).marks_unknown(has_own_glossary=True)
    assert Settings().marks_unknown(has_own_glossary=False)
    assert not Settings().marks_unknown(has_own_glossary=True)
    assert not Settings(unknown_words="off").marks_unknown(has_own_glossary=False)


class BrokenDictionary:
    """A dictionary whose files were damaged since it was added."""

    info = DictionaryInfo("damaged", "en", "zh", 1, "stardict")

    def lookup(self, word: str) -> list[DictEntry]:
        raise ReaderError(Path("damaged.dict"), "truncated: entry 12 ends past the file")

    def has_prefix(self, prefix: str) -> bool:
        return False


async def test_no_dictionary_and_a_damaged_one_are_said_in_a_line(library: Library) -> None:
    app = app_for(library, "plain")
    app.session.dictionaries = Shelf([])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("D")
        await word_cursor_on(pilot, app, "plain")
        await ready(pilot)
        title = str(panel_of(app).query_one("#dictionary-title").render())
        assert title.startswith("No dictionary of en yet: add one with `reader dict add FILE`")
    app = app_for(library, "plain")
    app.session.dictionaries = Shelf([BrokenDictionary(), SlowDictionary()])
    app.session.dictionaries.dictionaries[1].opened.set()  # type: ignore[attr-defined]
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("D")
        await word_cursor_on(pilot, app, "plain")
        await ready(pilot)
        # The damaged one is left out, once; the other still answers.
        left_out = [n for n in notices(app) if n.title == "Dictionary left out"]
        assert [n.message for n in left_out] == [
            "damaged.dict: truncated: entry 12 ends past the file"
        ]
        assert {p.hit.dictionary.name for p in panel_of(app).picks if p} == {"slow"}
        await word_cursor_on(pilot, app, "It")
        await ready(pilot)
        assert len([n for n in notices(app) if n.title == "Dictionary left out"]) == 1
