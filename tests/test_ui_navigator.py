"""The view model without an app: cursor moves, picks, search and styles, table by table."""

from __future__ import annotations

import pytest
from test_ui_view import small_doc

from reader.marks import TermMark
from reader.model import Link, Segment, Text
from reader.ui.viewmodel.layout import build_layout
from reader.ui.viewmodel.modes import mode_named
from reader.ui.viewmodel.navigator import Cursor, Navigator, TextPick, words_in
from reader.ui.viewmodel.search import Hit, Search
from reader.ui.viewmodel.styling import (
    doubtful_starts,
    dynamic_layers,
    runs,
    static_layers,
)

DOC = small_doc()  # a title, p1 (3 sentences; links 0-0 and 1,2-1), p2 (2 sentences)


def nav(mode: str = "side") -> Navigator:
    return Navigator(DOC, mode_named(mode))


# --- moves ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "delta", "end"),
    [
        (Cursor(0, 0), 1, Cursor(1, 0)),  # the title has one sentence
        (Cursor(1, 2), 1, Cursor(2, 0)),
        (Cursor(2, 0), -1, Cursor(1, 2)),
        (Cursor(2, 1), 1, Cursor(2, 1)),  # the end stays the end
        (Cursor(0, 0), -3, Cursor(0, 0)),
        (Cursor(0, 0), 4, Cursor(2, 0)),
    ],
)
def test_sentence_moves(start: Cursor, delta: int, end: Cursor) -> None:
    assert nav().sentence(start, delta) == end


def test_paragraph_moves_and_ends() -> None:
    n = nav()
    assert n.paragraph(Cursor(1, 2), 1) == Cursor(2, 0)
    assert n.paragraph(Cursor(2, 1), 5) == Cursor(2, 0)
    assert n.paragraph(Cursor(1, 1), -9) == Cursor(0, 0)
    assert n.start() == Cursor(0, 0) and n.end() == Cursor(2, 1)


def test_word_moves_cross_sentences_and_skip_what_has_no_words() -> None:
    n = nav()
    cur = n.word(Cursor(1, 0), 1)
    assert n.selection(cur) == TextPick("p1", "source", 0, 4, "This", 0)
    cur = n.word(Cursor(1, 0, (31, 41)), 1)  # past "technology": the next sentence
    assert (cur.sentence, n.selection(cur).text) == (1, "Open-source")  # type: ignore[union-attr]
    assert n.word(cur, -1).word == (31, 41)
    # In the translation-only mode the word cursor walks the translation, and source
    # sentences 1 and 2 (one shared translated sentence) are passed over as one.
    t = nav("translation")
    cur = t.word(Cursor(1, 1), 1)
    # Chinese is walked word by word, as jieba cuts it.
    assert cur.side == "target" and t.selection(cur).text == "开源"  # type: ignore[union-attr]
    assert t.selection(t.word(cur, 1)).text == "人工智能"  # type: ignore[union-attr]
    end = DOC.segments[1].target.spans[1][1]  # type: ignore[union-attr]
    last = Cursor(1, 1, (end - 3, end - 1), "target")  # 明确, before the full stop
    assert t.selection(last).text == "明确"  # type: ignore[union-attr]
    assert t.selection(t.word(last, -1)).text == "不"  # type: ignore[union-attr]
    moved = t.word(last, 1)
    assert moved.segment == 2 and t.selection(moved).text == "欧洲"  # type: ignore[union-attr]


def test_extend_grows_right_and_shrinks_from_the_right() -> None:
    n = nav()
    cur = n.word(n.word(Cursor(1, 1), 1), 1)  # "AI"
    grown = n.extend(n.extend(cur, 1), 1)
    assert n.selection(grown).text == "AI is a"  # type: ignore[union-attr]
    assert n.selection(n.extend(grown, -1)).text == "AI is"  # type: ignore[union-attr]
    assert n.selection(n.extend(cur, -1)).text == "Open-source AI"  # type: ignore[union-attr]


def test_a_mode_change_drops_a_word_the_new_mode_does_not_show() -> None:
    word = Cursor(1, 1, (0, 1), "target")
    assert nav("side").fits(word) == Cursor(1, 1)
    assert nav("translation").fits(word) == word


def test_page_moves_land_on_the_first_sentence_at_the_top() -> None:
    segs = tuple(
        Segment(f"s{i}", "paragraph", s.source, s.target, s.links)
        for i in range(20)
        for s in DOC.segments[1:]
    )
    doc = DOC.__class__("book", "Book", "en", segs, target_lang="zh")
    n = Navigator(doc, mode_named("side"))
    layout = build_layout(doc, 60, "side")
    top, cursor = n.page(layout, 0, 10, 1)  # type: ignore[misc]
    assert top == 9
    index, offset = layout.offset_at_row(top)
    at_top = layout.locate(top)
    if at_top[1] == layout.heights[at_top[0]] - 1:  # the blank row: the next paragraph
        assert cursor == Cursor(at_top[0] + 1, 0)
    else:
        assert cursor == Cursor(index, doc.segments[index].source.sentence_at(offset))
    assert n.page(layout, 0, 10, -1) is None  # at the start already
    end = layout.total_rows - 9
    assert n.page(layout, end, 10, 1) is None


def test_clicks_drags_and_positions() -> None:
    n = nav()
    cursor, pick = n.click(2, "source", 8)  # type: ignore[misc]
    assert cursor == Cursor(2, 0, (7, 12)) and pick is None  # "risks"
    cursor, pick = n.click(2, "target", 10)  # type: ignore[misc]
    # A click on the translation picks its word (开放 of 开放权重), not one character.
    assert cursor == Cursor(2, 1) and pick == TextPick("p2", "target", 9, 11, "开放", 1)
    # A drag keeps to the side and paragraph where it started, trimmed of punctuation.
    assert n.drag((2, "source", 7), (2, "source", 28)) == TextPick(
        "p2", "source", 7, 27, "risks falling behind", 0
    )
    # A drag that starts or stops inside a word takes the whole word, either way round.
    assert n.drag((2, "source", 9), (2, "source", 17)).text == "risks falling"  # type: ignore[union-attr]
    assert n.drag((2, "source", 17), (2, "source", 9)).text == "risks falling"  # type: ignore[union-attr]
    assert n.drag((2, "target", 1), (2, "target", 4)).text == "欧洲有落后"  # type: ignore[union-attr]
    assert n.drag((2, "source", 29), (1, "target", 3)).text == "Open weights help everyone"  # type: ignore[union-attr]
    anchor = n.anchor(Cursor(2, 1))
    assert anchor == ("p2", DOC.segments[2].source.spans[1][0])
    assert n.at_anchor(anchor) == Cursor(2, 1)
    assert n.at_anchor(("gone", 0)) is None


def test_words_are_runs_of_letters_and_chinese_words() -> None:
    text = "Open-source AI, Europe’s 开源 2024. 欧洲不能扼杀新生的创新。かな 한국어"
    assert [text[a:b] for a, b in words_in(text, (0, len(text)))] == [
        "Open-source",
        "AI",
        "Europe’s",
        "开源",
        "2024",
        *("欧洲", "不能", "扼杀", "新生", "的", "创新"),
        "か",
        "な",
        "한국어",
    ]
    # Within a span: the words of that stretch only, cut as the run inside it.
    assert [text[a:b] for a, b in words_in(text, (34, 40))] == ["欧洲", "不能", "扼杀"]


# --- search -----------------------------------------------------------------------------------


def test_search_finds_both_languages_and_wraps() -> None:
    found = Search(DOC, "OPEN")
    assert [(h.segment, h.side) for h in found.hits] == [
        (0, "source"),
        (1, "source"),
        (2, "source"),
    ]
    assert found.current is None
    assert found.start_at(1) == Hit(1, "source", 43, 47)  # "Open-source", sentence 2
    assert found.step(1) == Hit(2, "source", 29, 33)
    assert found.step(1) == Hit(0, "source", 0, 4)  # round again
    assert found.step(-1).segment == 2  # type: ignore[union-attr]
    assert [k for k, _ in found.in_segment(2)] == [2]
    assert Search(DOC, "开源").hits == [Hit(1, "target", 12, 14)]
    assert len(Search(DOC, "   ")) == 0 and Search(DOC, "nowhere").start_at(0) is None


# --- styles -----------------------------------------------------------------------------------


def test_static_layers_order_terms_and_overlaps() -> None:
    seg = DOC.segments[1]
    marks = [TermMark(0, 4, "known", "a"), TermMark(2, 7, "new", "b")]
    layers = static_layers(seg, seg.source, marks, "translation")
    assert (0, len(seg.source.text), "translation") in layers
    assert (2, 4, "term-overlap") in layers
    starts, combos = runs(len(seg.source.text), layers)
    assert starts[:4] == [0, 2, 4, 7]
    assert combos[0] == ("translation", "term-known")
    # Where terms overlap, the least known one is drawn on top (it comes later).
    assert combos[1] == ("translation", "term-known", "term-new", "term-overlap")
    assert combos[2] == ("translation", "term-new")
    title = DOC.segments[0]
    assert static_layers(title, title.source, [])[0][2] == "heading"


def test_runs_merge_neighbours_that_look_the_same() -> None:
    starts, combos = runs(10, [(0, 3, "term-new"), (3, 6, "term-new"), (8, 9, "term-known")])
    assert starts == [0, 6, 8, 9, 10]
    assert combos == [("term-new",), (), ("term-known",), ()]
    assert runs(5, []) == ([0, 5], [()])


def test_dynamic_layers_follow_the_learner() -> None:
    seg = DOC.segments[1]
    cursor = Cursor(1, 1, (0, 11))
    pick = TextPick("p1", "target", 0, 2, "开源", 1)
    search = Search(DOC, "Regulation")
    search.start_at(0)
    side = dynamic_layers(1, seg, "source", cursor, mode_named("side"), search, pick)
    hit = search.hits[0]
    assert side == [
        (*seg.source.spans[1], "cursor"),
        (hit.start, hit.end, "search-current"),
        (0, 11, "word"),
    ]
    target = dynamic_layers(1, seg, "target", cursor, mode_named("side"), None, pick)
    assert target == [(*seg.target.spans[1], "counterpart"), (0, 2, "selection")]  # type: ignore[union-attr]
    # Where the translation is the text read, its sentence is the cursor itself.
    alone = dynamic_layers(1, seg, "target", Cursor(1, 1), mode_named("translation"), None, None)
    assert alone == [(*seg.target.spans[1], "cursor")]  # type: ignore[union-attr]
    assert (
        dynamic_layers(2, DOC.segments[2], "source", cursor, mode_named("side"), None, None) == []
    )


def test_doubtful_links_are_marked_where_their_first_sentence_starts() -> None:
    seg = Segment(
        "d",
        "paragraph",
        Text.of(["One.", "Two.", "Three."], "en"),
        Text.of(["一。", "二。三。"], "zh"),
        (Link((0,), (0,), 0.9), Link((1, 2), (1,), 0.3), Link((), (1,), 0.1, True)),
    )
    assert doubtful_starts(seg, "source", 0.5) == (seg.source.spans[1][0],)
    assert doubtful_starts(seg, "target", 0.5) == (seg.target.spans[1][0],)  # type: ignore[union-attr]
    assert doubtful_starts(seg, "source", 0.2) == ()
