"""Each entry's context sentence: recorded on the entry, else its first occurrence."""

from __future__ import annotations

import pytest

from reader.export.contexts import find_contexts
from reader.model import Context, Document, Entry, Segment, Text


def doc(doc_id: str, *paragraphs: list[str], lang: str = "en") -> Document:
    segments = tuple(
        Segment(f"{doc_id}-{i}", "paragraph", Text.of(p, lang)) for i, p in enumerate(paragraphs)
    )
    return Document(doc_id, doc_id.title(), lang, segments, "zh")


A = doc(
    "a",
    ["Regulation of nascent technologies will stifle innovation.", "That is bad."],
    ["Rules stifled innovation before.", "A level playing field helps."],
)
B = doc(
    "b",
    ["Nascent markets grow.", "Innovation was stifled here.", "Subsidies stifling innovation too."],
)
ZH = doc("c", ["这是一个公平的竞争环境。"], lang="zh")
LIBRARY = (A, B, ZH)


def entry(term: str, context: Context | None = None, lang: str = "en") -> Entry:
    return Entry(term, lang, ("x",), id=term, context=context)


@pytest.mark.parametrize(
    ("term", "context", "where", "sentence_text", "bold"),
    [
        # no recorded context: the first occurrence in library order
        ("nascent", None, ("a", 0, 0), "Regulation of nascent technologies will stifle innovation.", "nascent"),
        # an inflected form of a multi-word term
        ("stifle innovation", Context("a", "a-1", 0), ("a", 1, 0), "Rules stifled innovation before.", "stifled innovation"),
        # recorded context wins over an earlier occurrence
        ("nascent", Context("b", "b-0", 0), ("b", 0, 0), "Nascent markets grow.", "Nascent"),
        # recorded segment without a sentence: the sentence holding the term
        ("level playing field", Context("a", "a-1"), ("a", 1, 1), "A level playing field helps.", "level playing field"),
        # a stale context (document re-imported, segment gone) falls back to a search
        ("nascent", Context("a", "gone", 0), ("a", 0, 0), "Regulation of nascent technologies will stifle innovation.", "nascent"),
        ("nascent", Context("deleted-doc", "x", 0), ("a", 0, 0), "Regulation of nascent technologies will stifle innovation.", "nascent"),
    ],
)  # fmt: skip
def test_context_sentence_and_occurrence(
    term: str,
    context: Context | None,
    where: tuple[str, int, int],
    sentence_text: str,
    bold: str,
) -> None:
    e = entry(term, context)
    found = find_contexts([e], "en", LIBRARY)[term]
    occ = found.occurrence
    assert occ is not None
    assert (occ.document.id, occ.segment_index, occ.sentence) == where
    assert occ.text == sentence_text
    assert occ.span is not None
    assert occ.text[occ.span[0] : occ.span[1]] == bold


def test_recorded_sentence_without_the_term_gives_way_to_an_occurrence() -> None:
    """A respelt term no longer in its sentence: its first occurrence elsewhere (here the
    same paragraph) gives it a sentence with something to blank."""
    e = entry("nascent", Context("a", "a-0", 1))
    occ = find_contexts([e], "en", LIBRARY)["nascent"].occurrence
    assert occ is not None and occ.text.startswith("Regulation of nascent") and occ.span


def test_recorded_sentence_is_kept_when_the_term_occurs_nowhere() -> None:
    e = entry("nascant", Context("a", "a-0", 1))
    occ = find_contexts([e], "en", LIBRARY)["nascant"].occurrence
    assert occ is not None and occ.text == "That is bad." and occ.span is None


def test_every_place_of_the_term_in_its_sentence() -> None:
    twice = doc("t", ["A level field is a level playing field.", "No."])
    occ = find_contexts([entry("level")], "en", (twice,))["level"].occurrence
    assert occ is not None and occ.spans == ((2, 7), (19, 24))
    recorded = entry("level", Context("t", "t-0", 0))
    occ = find_contexts([recorded], "en", (twice,))["level"].occurrence
    assert occ is not None and occ.spans == ((2, 7), (19, 24))


def test_entry_found_nowhere_has_no_context() -> None:
    assert find_contexts([entry("absent")], "en", LIBRARY)["absent"].occurrence is None


def test_documents_an_entry_occurs_in() -> None:
    entries = [entry("nascent"), entry("stifle innovation"), entry("level playing field")]
    found = find_contexts(entries, "en", LIBRARY, need_documents=True)
    assert found["nascent"].documents == {"a", "b"}
    assert found["stifle innovation"].documents == {"a", "b"}
    assert found["level playing field"].documents == {"a"}


def test_chinese_entries_match_chinese_documents_only() -> None:
    e = entry("公平", lang="zh")
    occ = find_contexts([e], "zh", LIBRARY)["公平"].occurrence
    assert occ is not None and occ.document.id == "c"
    assert occ.span == (4, 6)
