"""Pilot tests of the reading view in a small app: keys and clicks, then what is drawn."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pytest
from rich.cells import cell_len
from seedfiles import seed_path
from textual.app import App, ComposeResult

from reader.marks import TermMark
from reader.model import Document, Entry, Link, Segment, Text, segment_id
from reader.ui.viewmodel.layout import build_layout
from reader.ui.viewmodel.navigator import Cursor
from reader.ui.widgets.reading_view import ReadingView
from reader.ui.widgets.rows import TARGET_X, RowPainter, decode, styles_of

OPED = seed_path("002")
ARABIC = seed_path("001")


# --- documents ------------------------------------------------------------------------


def small_doc() -> Document:
    """Two bilingual paragraphs with a 2-1 link, and an untranslated title."""
    segs = (
        Segment("t", "title", Text.of(["Open models"], "en")),
        Segment(
            "p1",
            "paragraph",
            Text.of(
                [
                    "This is an important moment in technology.",
                    "Open-source AI is a level playing field.",
                    "Regulation is unclear.",
                ],
                "en",
            ),
            Text.of(
                ["这是科技的一个重要时刻。", "开源人工智能是公平的竞争环境，监管并不明确。"], "zh"
            ),
            (Link((0,), (0,), 0.9), Link((1, 2), (1,), 0.2)),
        ),
        Segment(
            "p2",
            "paragraph",
            Text.of(["Europe risks falling behind.", "Open weights help everyone."], "en"),
            Text.of(["欧洲有落后的风险。", "开放权重对每个人都有帮助。"], "zh"),
            (Link((0,), (0,), 0.95), Link((1,), (1,), 0.9)),
        ),
    )
    return Document("small", "Small", "en", segs, target_lang="zh")


def oped_doc() -> Document:
    """The op-ed seed as a document: `原文：` blocks, hyphens joined, then the translation.

    Built here from the seed so that these tests exercise the view on the real text without
    depending on the importer; sentences are split by a plain rule and linked in order.
    """
    raw = OPED.read_text(encoding="utf-8")
    taken: set[str] = set()
    segs: list[Segment] = []
    for block in raw.split("原文：")[1:]:
        body = block.split("学习：")[0]
        rows = [r.strip() for r in body.splitlines() if r.strip()]
        en = [r for r in rows if not re.search(r"[\u4e00-\u9fff]", r)]
        zh = "".join(r for r in rows if re.search(r"[\u4e00-\u9fff]", r))
        text = ""
        for r in en:
            text = text + r if text.endswith("-") else (f"{text} {r}" if text else r)
        src = re.split(r"(?<=[.!?])\s+(?=[A-Z“])", text)
        tgt = re.findall(r"[^。！？]+[。！？]?", zh)
        links = tuple(Link((i,), (i,), 0.9) for i in range(min(len(src), len(tgt))))
        segs.append(
            Segment(
                segment_id("paragraph", text, taken),
                "paragraph",
                Text.of(src, "en"),
                Text.of(tgt, "zh"),
                links,
            )
        )
    return Document("oped", "Op-ed", "en", tuple(segs), target_lang="zh")


def arabic_doc() -> Document:
    paras = [p.strip() for p in ARABIC.read_text(encoding="utf-8").splitlines() if p.strip()]
    taken: set[str] = set()
    segs = tuple(
        Segment(segment_id("paragraph", p, taken), "paragraph", Text.of([p], "ar")) for p in paras
    )
    return Document("ar", "Arabic", "ar", segs)


# --- the app --------------------------------------------------------------------------


class Terms:
    """A stand-in glossary: marks every occurrence of its terms, counting its calls."""

    def __init__(self, terms: dict[str, str]) -> None:
        self.terms = dict(terms)
        self.calls = 0

    def __call__(self, seg: Segment, side: str) -> Sequence[TermMark]:
        self.calls += 1
        text = seg.source.text if side == "source" else seg.target.text  # type: ignore[union-attr]
        out = []
        for term, status in self.terms.items():
            for m in re.finditer(re.escape(term), text, re.IGNORECASE):
                out.append(TermMark(m.start(), m.end(), status, term))
        return out


class ViewApp(App[None]):
    def __init__(self, doc: Document, terms: Terms | None = None, mode: str = "side") -> None:
        super().__init__()
        self.doc = doc
        self.terms = terms or Terms({})
        self.mode_name = mode
        self.moves: list[Cursor] = []
        self.picks: list = []

    def compose(self) -> ComposeResult:
        yield ReadingView(self.doc, matches=self.terms, mode=self.mode_name)

    def on_reading_view_cursor_moved(self, event: ReadingView.CursorMoved) -> None:
        self.moves.append(event.cursor)

    def on_reading_view_text_picked(self, event: ReadingView.TextPicked) -> None:
        self.picks.append(event.pick)


def rows(view: ReadingView) -> list[str]:
    return [view.render_line(y).text for y in range(view.size.height)]


def styled(view: ReadingView, name: str, *, column: int | None = None) -> list[str]:
    """Runs of text on screen drawn with style `name` (among others), one string per row."""
    out = []
    for y in range(view.size.height):
        text, x = "", 0
        for seg in view.render_line(y):
            in_column = column is None or (
                (x < view.current_layout.geometry.columns[0][1]) == (column == 0)
            )
            if name in styles_of(seg) and seg.text.strip() and in_column:
                text += seg.text
            x += seg.cell_length
        if text:
            out.append(text)
    return out


# --- tests ----------------------------------------------------------------------------


async def test_side_by_side_pairs_start_on_the_same_row() -> None:
    app = ViewApp(small_doc())
    async with app.run_test(size=(100, 20)) as pilot:
        view = app.query_one(ReadingView)
        await pilot.pause()
        screen = rows(view)
        assert screen[0].startswith("Open models")
        first = next(i for i, r in enumerate(screen) if r.startswith("This is an important"))
        assert "这是科技的一个重要时刻" in screen[first]
        assert view.effective_mode == "side"


async def test_sentence_cursor_highlights_its_counterpart_in_every_layout() -> None:
    for layout in ("side", "interleaved", "translation"):
        app = ViewApp(small_doc(), mode=layout)
        async with app.run_test(size=(100, 20)) as pilot:
            view = app.query_one(ReadingView)
            await pilot.pause()
            view.move_sentence(2)  # title -> p1 sentence 0 -> p1 sentence 1
            await pilot.pause()
            assert view.cursor() == Cursor(1, 1)
            # Sentence 1 is linked (2-1) with target sentence 1.
            counterpart = "".join(
                styled(view, "cursor" if layout == "translation" else "counterpart")
            )
            assert "开源人工智能是公平的竞争环境" in counterpart, layout
            if layout != "translation":
                assert "Open-source AI is a level" in "".join(styled(view, "cursor"))
            assert app.moves[-1] == Cursor(1, 1)


async def test_counterpart_highlighting_on_the_oped() -> None:
    doc = oped_doc()
    app = ViewApp(doc)
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.query_one(ReadingView)
        await pilot.pause()
        view.move_paragraph(1)
        view.move_sentence(1)
        await pilot.pause()
        seg = doc.segments[1]
        assert view.cursor() == Cursor(1, 1)
        cursor_text = " ".join(styled(view, "cursor"))
        counterpart = "".join(styled(view, "counterpart"))
        assert seg.source.sentences[1].split()[0] in cursor_text
        assert counterpart.replace(" ", "") == seg.target.sentences[1]


async def test_paragraph_moves_ends_and_pages() -> None:
    app = ViewApp(oped_doc())
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(ReadingView)
        await pilot.pause()
        view.move_paragraph(3)
        assert view.cursor() == Cursor(3, 0)
        view.move_paragraph(-1)
        assert view.cursor() == Cursor(2, 0)
        view.go_end()
        last = len(app.doc.segments) - 1
        assert view.cursor().segment == last
        await pilot.pause()
        assert view.scroll_y > 0
        assert any(app.doc.segments[last].source.text[:20] in r for r in rows(view))
        view.go_start()
        await pilot.pause()
        assert view.cursor() == Cursor(0, 0) and view.scroll_y == 0
        view.page(1)
        await pilot.pause()
        assert view.scroll_y > 0
        top_segment, sub = view.current_layout.locate(int(view.scroll_y))
        # The first paragraph at the top, or the next one when only its blank row is there.
        after_blank = sub == view.current_layout.heights[top_segment] - 1
        assert view.cursor().segment == top_segment + after_blank
        assert styled(view, "cursor")  # on screen
        view.page(-1)
        await pilot.pause()
        assert view.scroll_y == 0


async def test_terms_are_marked_by_status_overlaps_included_and_added_at_once() -> None:
    terms = Terms({"open-source": "new", "open": "learning", "regulation": "known"})
    app = ViewApp(small_doc(), terms)
    async with app.run_test(size=(100, 20)) as pilot:
        view = app.query_one(ReadingView)
        await pilot.pause()
        assert "Regulation" in styled(view, "term-known")
        assert any("Open" in s for s in styled(view, "term-overlap"))
        assert not any("moment" in s for s in styled(view, "term-new"))
        # A new entry: only the segments named are asked again, and it shows at once.
        terms.terms["moment"] = "new"
        view.terms_changed(["p1"])
        await pilot.pause()
        assert any("moment" in s for s in styled(view, "term-new"))


async def test_ignored_terms_are_not_marked() -> None:
    app = ViewApp(small_doc(), Terms({"Europe": "ignored"}))
    async with app.run_test(size=(100, 20)) as pilot:
        view = app.query_one(ReadingView)
        await pilot.pause()
        assert not any(
            "Europe" in s for n in ("new", "learning", "known") for s in styled(view, f"term-{n}")
        )


async def test_word_cursor_and_phrase_extension() -> None:
    app = ViewApp(small_doc())
    async with app.run_test(size=(100, 20)) as pilot:
        view = app.query_one(ReadingView)
        await pilot.pause()
        view.move_paragraph(1)
        view.move_sentence(1)
        view.move_word(1)
        assert view.selection().text == "Open-source"
        view.move_word(1)
        assert view.selection().text == "AI"
        view.extend_word(1)
        view.extend_word(1)
        pick = view.selection()
        assert pick.text == "AI is a" and pick.side == "source" and pick.segment_id == "p1"
        assert pick.sentence == 1
        await pilot.pause()
        assert "AI is a" in styled(view, "word")
        view.extend_word(-1)
        assert view.selection().text == "AI is"
        view.move_word(-1)
        view.move_word(-1)  # past the first word: the previous sentence's last word
        assert view.cursor().sentence == 0 and view.selection().text == "technology"


async def test_click_on_a_word_moves_the_cursor_there() -> None:
    app = ViewApp(small_doc())
    async with app.run_test(size=(100, 20)) as pilot:
        view = app.query_one(ReadingView)
        await pilot.pause()
        screen = rows(view)
        y = next(i for i, r in enumerate(screen) if "Europe risks" in r)
        x = screen[y].index("risks") + 2
        await pilot.click(ReadingView, offset=(x, y))
        await pilot.pause()
        assert view.cursor().segment == 2 and view.cursor().sentence == 0
        assert view.selection().text == "risks"
        # A click on the translation picks the Chinese character under the mouse.
        y = next(i for i, r in enumerate(screen) if "开放权重" in r)
        x = screen[y].index("开放权重")
        col = cell_len(screen[y][:x])
        await pilot.click(ReadingView, offset=(col + 2, y))
        await pilot.pause()
        pick = view.selection()
        assert pick.side == "target" and pick.text == "开放"  # the word, not the character
        assert view.cursor() == Cursor(2, 1)


async def test_drag_selects_a_phrase_and_offers_it() -> None:
    app = ViewApp(small_doc())
    async with app.run_test(size=(100, 20)) as pilot:
        view = app.query_one(ReadingView)
        await pilot.pause()
        screen = rows(view)
        y = next(i for i, r in enumerate(screen) if "Europe risks falling" in r)
        start = screen[y].index("risks")
        end = screen[y].index("behind") + len("behind")
        await pilot.mouse_down(ReadingView, offset=(start, y))
        await pilot.hover(ReadingView, offset=(end, y))
        await pilot.mouse_up(ReadingView, offset=(end, y))
        await pilot.pause()
        pick = view.selection()
        assert pick is not None and pick.text == "risks falling behind"
        assert pick.side == "source" and pick.segment_id == "p2"
        assert app.picks and app.picks[-1] == pick
        assert "risks falling behind" in "".join(styled(view, "selection"))
        assert app.screen.get_selected_text() == "risks falling behind"


async def test_search_finds_both_languages_and_cycles() -> None:
    app = ViewApp(small_doc())
    async with app.run_test(size=(100, 20)) as pilot:
        view = app.query_one(ReadingView)
        await pilot.pause()
        assert view.search("open") == 3  # title, p1, p2 (case ignored)
        assert view.search("开源") == 1
        assert view.cursor() == Cursor(1, 1)  # the hit's sentence, through the link
        count = view.search("欧洲")
        assert count == 1
        await pilot.pause()
        assert "欧洲" in "".join(styled(view, "search-current"))
        assert view.search("Open") == 3
        indexes = [view.next_hit(1) for _ in range(3)]
        assert [i for i, _ in indexes] == [(indexes[0][0] + k) % 3 for k in range(3)]
        assert view.next_hit(-1)[1] == 3
        assert view.search("nothing like this") == 0 and view.next_hit(1) == (0, 0)


async def test_selftest_reveals_the_current_translation_on_demand() -> None:
    app = ViewApp(small_doc(), mode="selftest")
    async with app.run_test(size=(80, 20)) as pilot:
        view = app.query_one(ReadingView)
        await pilot.pause()
        view.move_sentence(2)
        await pilot.pause()
        assert not any("开源" in r for r in rows(view))
        view.toggle_reveal()
        await pilot.pause()
        shown = [r for r in rows(view) if "开源人工智能" in r]
        assert shown and shown[0][2:].startswith("  ")  # under the paragraph, indented
        assert not any("这是科技" in r for r in rows(view))  # only the current sentence
        view.move_sentence(1)  # moving on hides it again
        await pilot.pause()
        assert not any("开源" in r for r in rows(view))


async def test_arabic_is_right_aligned_and_its_first_line_holds_the_first_words() -> None:
    doc = arabic_doc()
    app = ViewApp(doc)
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(ReadingView)
        await pilot.pause()
        first_row = rows(view)[0]
        assert view.effective_mode == "single"
        first_word = doc.segments[0].source.text.split()[0]  # تتعاون
        # Shaped letters fold back to the plain ones; the first word ends the row.
        import unicodedata

        plain = unicodedata.normalize("NFKC", first_row.rstrip())
        assert plain.endswith(first_word[::-1])
        assert "Meta" in first_row and "Spotify" in first_row
        assert first_row.startswith("  ") and len(first_row.rstrip()) >= 70


async def test_bidi_off_leaves_logical_order_to_the_terminal() -> None:
    doc = arabic_doc()

    class Plain(ViewApp):
        def compose(self) -> ComposeResult:
            yield ReadingView(self.doc, matches=self.terms, bidi=False)

    app = Plain(doc)
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(ReadingView)
        await pilot.pause()
        assert rows(view)[0].strip().startswith(doc.segments[0].source.text.split()[0])


async def test_low_confidence_links_are_marked_in_the_gutter() -> None:
    app = ViewApp(small_doc())
    async with app.run_test(size=(100, 20)) as pilot:
        view = app.query_one(ReadingView)
        await pilot.pause()
        marks = styled(view, "low-confidence")
        assert [m.strip() for m in marks] == [
            "?"
        ]  # the 0.2 link of p1, once; not the 0.9 and 0.95 ones
        screen = rows(view)
        row = next(r for r in screen if "?" in r)
        assert "Open-source" in row or "开源" in row


async def test_anchor_and_restore() -> None:
    doc = oped_doc()
    app = ViewApp(doc)
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(ReadingView)
        await pilot.pause()
        view.move_paragraph(6)
        view.move_sentence(1)
        anchor = view.position()
        assert anchor == (doc.segments[6].id, doc.segments[6].source.spans[1][0])
    app = ViewApp(doc)
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(ReadingView)
        view.restore(anchor)
        await pilot.pause()
        assert view.cursor() == Cursor(6, 1)
        words = " ".join(doc.segments[6].source.sentences[1].split()[:2])
        assert any(words in r for r in rows(view))
        view.restore(("no-such-segment", 3))  # a stale position changes nothing
        assert view.cursor() == Cursor(6, 1)


async def test_layout_change_and_resize_keep_the_reading_position() -> None:
    doc = oped_doc()
    app = ViewApp(doc)
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.query_one(ReadingView)
        await pilot.pause()
        view.move_paragraph(8)
        await pilot.pause()
        for layout in ("interleaved", "selftest", "translation", "side"):
            view.mode = layout
            await pilot.pause()
            assert view.effective_mode == layout
            assert view.cursor().segment == 8
            top, bottom = int(view.scroll_y), int(view.scroll_y) + view.size.height
            seg_top = view.current_layout.top(8)
            assert top <= seg_top < bottom, layout
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert view.current_layout.geometry.width == view.text_width
        assert view.cursor().segment == 8


async def test_redraws_only_what_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    # Without the work done ahead on a pause (its own test below), which asks for the
    # marks of the paragraphs around the screen whenever its timer fires.
    monkeypatch.setattr(ReadingView, "_schedule_prefetch", lambda self: None)
    terms = Terms({"open": "new"})
    app = ViewApp(oped_doc(), terms)
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.query_one(ReadingView)
        await pilot.pause()
        calls = terms.calls
        assert calls <= 2 * 12  # asked only for segments on screen, not the whole document
        view.move_sentence(1)
        await pilot.pause()
        assert terms.calls == calls  # a cursor move repaints from cached marks


async def test_a_long_book_opens_on_an_estimate_and_gets_its_exact_layout() -> None:
    base = small_doc().segments[1:]
    segs = tuple(
        Segment(f"s{i}", "paragraph", s.source, s.target, s.links) for i in range(300) for s in base
    )
    doc = Document("book", "Book", "en", segs, target_lang="zh")
    app = ViewApp(doc)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(ReadingView)
        await pilot.pause()
        assert view.current_layout is not None
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert view.current_layout.exact
        assert view.virtual_size.height == view.current_layout.total_rows
        view.go_end()
        await pilot.pause()
        assert any("Open weights" in r for r in rows(view))


def test_mouse_offsets_name_characters_of_either_side() -> None:
    # Offsets put in the strips are decoded back to (segment, side, character).
    layout = build_layout(small_doc(), 80, "side")
    row = layout.top(2)
    assert decode(layout, 5, row) == (2, "source", 5)
    assert decode(layout, TARGET_X + 3, row) == (2, "target", 3)
    assert TARGET_X > 10**5  # past any paragraph's length


@pytest.mark.parametrize("layout", ["side", "interleaved", "selftest", "translation", "bogus"])
def test_unknown_layouts_fall_back(layout: str) -> None:
    view = ReadingView(small_doc(), matches=Terms({}), mode=layout)
    assert view.mode == (layout if layout != "bogus" else "side")


async def test_word_cursor_walks_the_translation_in_the_translation_layout() -> None:
    app = ViewApp(small_doc(), mode="translation")
    async with app.run_test(size=(100, 20)) as pilot:
        view = app.query_one(ReadingView)
        await pilot.pause()
        view.move_sentence(2)  # p1, source sentence 1: linked (2-1) with target sentence 1
        view.move_word(1)
        pick = view.selection()
        assert pick is not None
        assert (pick.side, pick.text, pick.segment_id) == ("target", "开源", "p1")
        assert view.cursor() == Cursor(1, 1, (pick.start, pick.end), "target")
        view.extend_word(1)
        assert view.selection().text == "开源人工智能"
        await pilot.pause()
        assert "开源人工智能" in "".join(styled(view, "word"))
        # To the end of the translated sentence; source sentence 2 shares it (2-1 link), so
        # the next word is the first one of the next paragraph's translation.
        seen: list[str] = []
        while view.cursor().segment == 1 and len(seen) < 40:
            assert view.cursor().sentence == 1
            seen.append(view.selection().text)
            view.move_word(1)
        assert seen == ["开源人工智能", "是", "公平", "的", "竞争", "环境"] + [
            "监管",
            "并",
            "不",
            "明确",
        ]
        assert view.cursor().segment == 2 and view.selection().text == "欧洲"
        view.move_word(-1)  # and back again
        assert view.cursor().segment == 1 and view.selection().text == "明确"
        # A click on a translated word puts the word cursor there.
        screen = rows(view)
        y = next(i for i, r in enumerate(screen) if "开放权重" in r)
        x = cell_len(screen[y][: screen[y].index("权重")])
        await pilot.click(ReadingView, offset=(x, y))
        await pilot.pause()
        assert view.cursor().side == "target" and view.selection().text == "权重"
        assert view.cursor().sentence == 1
        # Back to side by side: the word cursor walks the original again.
        view.mode = "side"
        await pilot.pause()
        assert view.cursor().word is None
        view.move_word(1)
        assert view.selection().side == "source"


async def test_add_entry_from_the_translation_layout_picks_the_translated_word(
    tmp_path: Path,
) -> None:
    from textual.widgets import Input, Static

    from reader.library import Library
    from reader.settings import Settings
    from reader.ui.app import make_app
    from reader.ui.dialogs import EntryDialog
    from reader.vocabulary import Vocabulary

    library = Library(tmp_path / "library")
    library.save_document(small_doc())
    app = make_app(
        library,
        Vocabulary(library.root),
        Settings(),
        document_id="small",
        layout="translation",
        watch_interval=0,
    )
    async with app.run_test(size=(100, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("J", "J")  # the second paragraph: 欧洲有落后的风险。...
        await pilot.press("w")  # a word of Chinese is a word, not a character
        view = app.screen.query_one(ReadingView)
        assert view.selection() is not None and view.selection().text == "欧洲"
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, EntryDialog)
        assert dialog.query_one("#term", Input).value == "欧洲"
        context = str(dialog.query_one("#context", Static).render())
        assert "欧洲有落后的风险。" in context and "Europe risks falling behind." in context


# --- marks: the glue between the vocabulary, the matcher and the view --------------------


class StubVocabulary:
    """The part of reader.vocabulary.Vocabulary that Marks reads."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.list = list(entries)
        self.version = 0

    def entries(self, lang: str) -> tuple[Entry, ...]:
        return tuple(e for e in self.list if e.lang == lang)

    def languages(self) -> set[str]:
        return {e.lang for e in self.list}


def test_marks_keep_what_was_found_until_the_glossary_changes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from reader.marks import Marks
    from reader.matching import Matcher

    calls: list[str] = []
    find = Matcher.find

    def counting(self: Matcher, text: str):  # type: ignore[no-untyped-def]
        calls.append(text)
        return find(self, text)

    monkeypatch.setattr(Matcher, "find", counting)
    vocabulary = StubVocabulary([Entry("open", "en", status="learning"), Entry("欧洲", "zh")])
    marks = Marks(vocabulary)  # type: ignore[arg-type]
    for lang in ("en", "zh"):
        marks.matcher(lang, wait=True)  # the app builds them in a worker
    doc = small_doc()
    seg = doc.segments[2]  # "Europe risks falling behind. Open weights help everyone."
    provider = marks.provider(doc)
    first = provider(seg, "source")
    assert [(m.start, m.end, m.status) for m in first] == [(29, 33, "learning")]
    assert [(f.side, f.start, f.end) for f in marks.in_segment(doc, seg)] == [
        ("source", 29, 33),
        ("target", 0, 2),
    ]
    asked = len(calls)
    # The view, the notes panel and the status bar ask again on every move: no new search.
    assert provider(seg, "source") == first
    assert len(marks.in_segment(doc, seg)) == 2
    assert len(calls) == asked
    # A new entry: a new matcher, and nothing the old one found is served.
    vocabulary.list.append(Entry("help", "en", status="known"))
    vocabulary.version += 1
    assert provider(seg, "source") == first  # the old matcher until the new one is built
    marks.matcher("en", wait=True)
    assert [(m.start, m.end, m.status) for m in provider(seg, "source")] == [
        (29, 33, "learning"),
        (42, 46, "known"),
    ]
    assert len(calls) > asked


def test_marks_skip_ignored_entries_and_never_build_a_matcher_on_the_ui_thread() -> None:
    from reader.marks import Marks

    vocabulary = StubVocabulary([Entry("open", "en", status="ignored"), Entry("help", "en")])
    marks = Marks(vocabulary)  # type: ignore[arg-type]
    stale: list[str] = []
    marks.on_stale = stale.append
    doc = small_doc()
    provider = marks.provider(doc)
    assert provider(doc.segments[2], "source") == []  # no matcher yet: nothing, at once
    assert stale == ["en"]
    marks.matcher("en", wait=True)  # what the app's worker does
    assert [m.entry_key for m in provider(doc.segments[2], "source")] == ["en:help"]


async def test_a_pause_draws_the_next_page_ahead_so_turning_it_draws_little(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    drawn: list[int] = []
    render_row = RowPainter.render_row

    def counting(self, layout, index, sub, row, frame):  # type: ignore[no-untyped-def]
        drawn.append(row)
        return render_row(self, layout, index, sub, row, frame)

    monkeypatch.setattr(RowPainter, "render_row", counting)
    doc = oped_doc()
    app = ViewApp(doc, Terms({"open": "new", "Europe": "known"}))
    async with app.run_test(size=(100, 20)) as pilot:
        view = app.query_one(ReadingView)
        await pilot.pause()
        while view.prefetching:  # the learner reads; the view prefetches meanwhile
            await pilot.pause(0.05)
        height = view.size.height
        assert set(range(height, 2 * height)) <= set(drawn)  # the next screen, ahead
        drawn.clear()
        view.page(1)
        screen = rows(view)
        # Only the rows the cursor moved onto are drawn again.
        assert len(drawn) <= 6, drawn
        assert any(r.strip() for r in screen) and styled(view, "cursor")
