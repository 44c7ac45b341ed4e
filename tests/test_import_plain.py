"""Plain one-language texts: the news seeds, hard-wrapped files, Markdown, and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from seedfiles import seed_path

from reader.errors import ReaderError
from reader.importers import import_file, import_text
from reader.model import Document

seed = seed_path


def kinds_and_texts(doc: Document) -> list[tuple[str, str]]:
    return [(seg.kind, seg.source.text) for seg in doc.segments]


def test_seed_000_dutch_date_is_a_byline_not_the_title() -> None:
    doc = import_file(seed("000")).document
    assert doc.source_lang == "nl" and doc.target_lang is None
    assert doc.segments[0].kind == "byline"
    assert doc.segments[0].source.text == "date 2025-05"
    assert "date" not in doc.title
    assert doc.title.startswith("Meta-ceo Mark Zuckerberg en Spotify-ceo Daniel Ek")
    assert doc.segments[1].source.text.startswith("Meta-ceo Mark Zuckerberg")
    assert [seg.kind for seg in doc.segments[1:]] == ["paragraph"] * 4


def test_seed_001_arabic_one_paragraph_per_line() -> None:
    doc = import_file(seed("001")).document
    assert doc.source_lang == "ar"
    paragraphs = [seg for seg in doc.segments if seg.kind == "paragraph"]
    assert len(paragraphs) == 10
    assert [seg.kind for seg in doc.segments].count("heading") == 1
    # The heading near the end does not name the article; its first sentence does.
    assert doc.title.startswith("تتعاون Meta")
    assert any(len(seg.source.sentences) > 1 for seg in paragraphs)


def test_seed_003_english_title_headings_and_list_items() -> None:
    doc = import_file(seed("003")).document
    assert doc.source_lang == "en"
    segs = kinds_and_texts(doc)
    assert segs[0] == ("title", "Meta isn’t playing ball with the EU on the AI Act")
    assert segs[1][0] == "subtitle" and segs[1][1].startswith("Europe is 'heading down")
    assert doc.title == "Meta isn’t playing ball with the EU on the AI Act"
    headings = [text for kind, text in segs if kind == "heading"]
    assert headings == ["Meta has history with the EU", "MORE FROM ITPRO"]
    texts = [text for _, text in segs]
    # `- ` items are paragraphs of their own, without the bullet; bare `-` lines introduce
    # the item on the next line and leave nothing behind.
    assert "The UK government is working with Meta to create an AI engineering dream team" in texts
    assert not any(text in ("-", "") for text in texts)
    assert any(text.startswith("Amazon says Russian-backed") for text in texts)
    sign_up = next(t for t in texts if t.startswith("Sign up today"))
    assert segs[texts.index(sign_up)][0] == "paragraph"
    quote = next(seg for seg in doc.segments if seg.source.text.startswith('"Europe is heading'))
    assert len(quote.source.sentences) == 2


def test_seed_004_dutch_headings() -> None:
    doc = import_file(seed("004")).document
    assert doc.source_lang == "nl" and doc.target_lang is None
    segs = kinds_and_texts(doc)
    assert segs[0] == ("title", "Keert Meta zijn kar over opensource AI?")
    headings = [text for kind, text in segs if kind == "heading"]
    assert headings == ["Beetje open, vooral gesloten", "lees ook"]
    assert sum(1 for kind, _ in segs if kind == "paragraph") == 7


def test_lang_parameter_wins_over_detection() -> None:
    doc = import_file(seed("003"), lang="en-GB").document
    assert doc.source_lang == "en-GB"


WRAPPED_60 = """\
Tidewater Notes

The harbour at Elmsbridge has been silted up for a decade, and
the town council has argued about dredging it for almost as
long. Fishermen say the channel is too shallow at low tide for
anything larger than a rowing boat, and the ferry now docks two
miles down the coast.
A new survey, published on Monday, puts the cost of dredging at
four million pounds. The council will vote on it next month.
"""


def test_blank_line_paragraphs_with_hard_wrapped_lines() -> None:
    doc = import_text(WRAPPED_60, name="tidewater.md").document
    assert kinds_and_texts(doc)[0] == ("title", "Tidewater Notes")
    body = [seg for seg in doc.segments if seg.kind == "paragraph"]
    # Wrapped at 60: "miles down the coast." stops short although the next word would
    # have fitted, so a paragraph ends there, blank line or not.
    assert len(body) == 2
    assert body[0].source.text.startswith(
        "The harbour at Elmsbridge has been silted up for a decade, and the town"
    )
    assert body[0].source.text.endswith("the ferry now docks two miles down the coast.")
    assert "\n" not in body[0].source.text and "  " not in body[0].source.text
    assert body[1].source.sentences[-1] == "The council will vote on it next month."


def test_fixed_width_text_without_blank_lines() -> None:
    text = WRAPPED_60.replace("\n\n", "\n").replace(
        "miles down the coast.\n", "miles down the coast.\nShort line.\n"
    )
    doc = import_text(text, name="tidewater.txt", lang="en").document
    paragraphs = [seg.source.text for seg in doc.segments if seg.kind == "paragraph"]
    assert paragraphs[0].startswith("The harbour at Elmsbridge")
    assert paragraphs[0].endswith("ferry now docks two miles down the coast.")
    assert "Short line." in paragraphs[1] or paragraphs[1] == "Short line."


BLANK_EVERY_LINE = """\
The mill on the river closed in the spring, and most of

its workers found jobs in the new warehouse across the

valley.

A few stayed on to look after the machines.
"""


def test_blank_line_after_every_line_rejoins_unfinished_sentences() -> None:
    doc = import_text(BLANK_EVERY_LINE, name="mill.txt", lang="en").document
    texts = [seg.source.text for seg in doc.segments]
    assert texts[0] == (
        "The mill on the river closed in the spring, and most of its workers found jobs in "
        "the new warehouse across the valley."
    )
    assert texts[-1] == "A few stayed on to look after the machines."


MARKDOWN = """\
# The Lighthouse Keeper

*By Ada Quill*

![The lighthouse](lighthouse.png)

## Early years

She kept the light for **thirty** years. Nobody ever asked _her_ why.

- first item of a list
- second item, which wraps
  onto a second line

## Later

1. Numbered items keep their numbers.
"""


def test_markdown_headings_images_bylines_and_lists() -> None:
    doc = import_text(MARKDOWN, name="keeper.md").document
    assert kinds_and_texts(doc) == [
        ("title", "The Lighthouse Keeper"),
        ("byline", "By Ada Quill"),
        ("image", "![The lighthouse](lighthouse.png)"),
        ("heading", "Early years"),
        ("paragraph", "She kept the light for thirty years. Nobody ever asked her why."),
        ("paragraph", "first item of a list"),
        ("paragraph", "second item, which wraps onto a second line"),
        ("heading", "Later"),
        ("paragraph", "1. Numbered items keep their numbers."),
    ]
    assert doc.title == "The Lighthouse Keeper"
    assert doc.segments[4].source.sentences == (
        "She kept the light for thirty years.",
        "Nobody ever asked her why.",
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", "binary"),
    ],
)
def test_bad_files_raise_one_line_errors(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ReaderError) as err:
        import_file(path)
    assert str(path) in str(err.value) and message in str(err.value)
    assert "\n" not in str(err.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReaderError) as err:
        import_file(tmp_path / "nope.txt")
    assert "nope.txt" in str(err.value)


@pytest.mark.parametrize("text", ["---\n", "![only](an-image.png)\n", "---\n\n***\n"])
def test_no_text_found(text: str) -> None:
    with pytest.raises(ReaderError) as err:
        import_text(text, name="pictures.md")
    assert str(err.value) == "pictures.md: no text found"


def test_document_id_defaults_to_slug_of_file_stem(tmp_path: Path) -> None:
    path = tmp_path / "My Notes (draft).txt"
    path.write_text("Some text here.\n", encoding="utf-8")
    result = import_file(path, today="2024-08-25")
    assert result.document.id == "my-notes-draft"
    assert result.document.imported == "2024-08-25"
    assert result.document.origin == str(path)
    assert import_file(path, doc_id="x").document.id == "x"


def test_words_broken_at_line_ends_in_a_plain_text() -> None:
    text = (
        "The new tech-\nnology arrived with an open-\nsource licence, and open-source\n"
        "tools followed. A well-\nknown risk-\naverse buyer waited.\n"
    )
    (seg,) = import_text(text, name="hyphens.txt", lang="en").document.segments
    assert seg.source.text == (
        "The new technology arrived with an open-source licence, and open-source tools "
        "followed. A well-known risk-averse buyer waited."
    )


# --- Shapes decided per block ------------------------------------------------------------


def test_news_copies_keep_their_paragraphs_whatever_the_blank_lines_between_them() -> None:
    one = import_file(seed("003")).document
    text = seed("003").read_text(encoding="utf-8").strip()
    doc = import_text("\n\n".join([text] * 3), name="three.txt").document
    assert len(doc.segments) == 3 * len(one.segments)
    # Each copy's paragraphs are the seed's, not a few giant ones.
    assert max(len(seg.source.text) for seg in doc.segments) == max(
        len(seg.source.text) for seg in one.segments
    )


GUTENBERG = """\
The Project Gutenberg eBook of Tidewater Notes

This ebook is for the use of anyone anywhere in the United States and
most other parts of the world at no cost and with almost no restrictions
whatsoever.

Title: Tidewater Notes

Author: Anonymous

*** START OF THE PROJECT GUTENBERG EBOOK TIDEWATER NOTES ***

CHAPTER I

The harbour at Elmsbridge has been silted up for a decade, and the town
council has argued about dredging it for almost as long. Fishermen say
the channel is too shallow at low tide.

A new survey, published on Monday, puts the cost of dredging at four
million pounds. The council will vote on it next month.

*** END OF THE PROJECT GUTENBERG EBOOK TIDEWATER NOTES ***

Updated editions will replace the previous one--the old editions will
be renamed.
"""


def test_gutenberg_header_and_footer_are_notes_of_their_own() -> None:
    result = import_text(GUTENBERG, name="pg.txt", lang="en")
    doc = result.document
    kinds = [seg.kind for seg in doc.segments]
    assert doc.title == "Tidewater Notes"
    body = [seg for seg in doc.segments if seg.kind != "note"]
    assert body[0].source.text == "CHAPTER I" and body[0].kind in ("title", "heading")
    assert [seg.kind for seg in body[1:]] == ["paragraph", "paragraph"]
    assert body[1].source.text.endswith("the channel is too shallow at low tide.")
    assert body[2].source.text.startswith("A new survey, published on Monday, puts the cost")
    first_body = kinds.index(body[0].kind)
    notes_before = doc.segments[:first_body]
    assert all(seg.kind == "note" for seg in notes_before)
    assert notes_before[-1].source.text.startswith("*** START OF THE PROJECT GUTENBERG")
    assert doc.segments[-1].source.text == "be renamed."
    assert all(seg.kind == "note" for seg in doc.segments[first_body + 3 :])
    assert any("Project Gutenberg header" in line for line in result.report)
    assert any("Project Gutenberg footer" in line for line in result.report)


INDENTED = """\
    The harbour at Elmsbridge has been silted up for a decade, and the
town council has argued about dredging it for almost as long.
    Fishermen say the channel is too shallow at low tide for anything
larger than a rowing boat, and the ferry now docks two miles down the
coast, where the water is deep enough all year round for its hull.
    A new survey puts the cost at four million pounds.
"""


def test_indented_first_lines_without_blank_lines() -> None:
    doc = import_text(INDENTED, name="indented.txt", lang="en").document
    texts = [seg.source.text for seg in doc.segments]
    assert len(texts) == 3
    assert texts[1].startswith("Fishermen say") and texts[1].endswith("for its hull.")
    # The second paragraph's last line is full: the indent alone says a new one starts.
    assert texts[2] == "A new survey puts the cost at four million pounds."


def test_a_file_mixing_shapes_is_read_block_by_block() -> None:
    per_line = "First paragraph, on a line of its own.\nSecond paragraph, likewise alone."
    wrapped = (
        "The harbour at Elmsbridge has been silted up for a decade, and the\n"
        "town council has argued about dredging it for almost as long, while\n"
        "the fishermen wait."
    )
    text = f"{per_line}\n\n{wrapped}\n\n{per_line}\n"
    doc = import_text(text, name="mixed.txt", lang="en").document
    assert [seg.source.text[:16] for seg in doc.segments] == [
        "First paragraph,",
        "Second paragraph",
        "The harbour at E",
        "First paragraph,",
        "Second paragraph",
    ]
    assert doc.segments[2].source.text.endswith("as long, while the fishermen wait.")


def test_crlf_line_ends_read_like_lf() -> None:
    lf = import_text(GUTENBERG, name="pg.txt", lang="en").document
    crlf = import_text(GUTENBERG.replace("\n", "\r\n"), name="pg.txt", lang="en").document
    assert [s.source.text for s in crlf.segments] == [s.source.text for s in lf.segments]


MARKUP = """\
---
title: Harbour notes
tags: [news]
---
<!-- saved from https://example.org/harbour
     on 2024-05-01 -->

# The Harbour

The council will vote on dredging next month.

```
print("not prose")
```
"""


def test_front_matter_comments_and_code_are_notes_never_text() -> None:
    result = import_text(MARKUP, name="harbour.md")
    doc = result.document
    kinds = [(seg.kind, seg.source.text[:12]) for seg in doc.segments]
    assert kinds == [
        ("note", "--- title: H"),
        ("note", "<!-- saved f"),
        ("title", "The Harbour"),
        ("paragraph", "The council "),
        ("note", '``` print("n'),
    ]
    assert doc.title == "The Harbour"
    assert [line.split(":")[1].strip() for line in result.report] == [
        "front matter, kept as text",
        "comment, kept as text",
        "code, kept as text",
    ]


def test_an_unclosed_comment_does_not_swallow_the_text() -> None:
    doc = import_text("<!-- oops\nThe council will vote.\n", name="x.md", lang="en").document
    assert "The council will vote." in " ".join(seg.source.text for seg in doc.segments)
    assert all(seg.kind != "note" for seg in doc.segments)


def test_a_long_wrapped_paragraph_joins_in_one_pass() -> None:
    # 20,000 wrapped lines in one paragraph: joining looks at neighbours only.
    line = "the channel is too shallow at low tide for anything larger than a"
    doc = import_text("\n".join([line] * 20_000) + ".\n", name="long.txt", lang="en").document
    (seg,) = doc.segments
    assert seg.source.text.count("shallow") == 20_000
