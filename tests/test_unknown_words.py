"""The core behind the dictionary panel and the unknown words: glosses from dictionary
entries, where a gloss shows in a translation, the unknown words of a paragraph and the
undoable "mark known". No Textual here."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.dictionary import DictEntry, DictionaryInfo
from reader.dictionary.glosses import counterpart, glosses_for, is_reversed, senses
from reader.known import load_known
from reader.library import Library
from reader.marks import Marks, TermMark
from reader.model import Context, Document, Entry, Segment, Text
from reader.study import Study
from reader.unknown import UNKNOWN, UnknownWords, WithUnknown, has_own_glossary
from reader.vocabulary import Vocabulary

CEDICT = DictionaryInfo("CC-CEDICT", "zh", "en", 1, "cedict")
REVERSED = DictionaryInfo("CC-CEDICT (reversed)", "en", "zh", 1, "cedict")
DICTD = DictionaryInfo("wn", "en", "en", 1, "dictd")

# WordNet's entry for "stifle" as dictd serves it (dict-wn 3.0, Debian), cut short.
WORDNET_STIFLE = (
    "n 1: joint between the femur and tibia in a quadruped;\n"
    "     corresponds to the human knee [syn: {stifle}, {knee}]\n"
    'v 1: conceal or hide; "smother a yawn"; "muffle one\'s anger";\n'
    '     "strangle a yawn" [syn: {smother}, {stifle}, {strangle},\n'
    "     {muffle}, {repress}]\n"
    '2: smother or suppress; "Stifle your curiosity" [syn: {stifle},\n'
    "   {dampen}] [ant: {excite}, {stimulate}]"
)


def test_wordnet_blocks_are_cut_into_senses_and_glosses_lose_their_examples() -> None:
    entry = DictEntry("stifle", (WORDNET_STIFLE,))
    found = senses(entry)
    assert len(found) == 3
    assert found[1].startswith("conceal or hide;")
    assert glosses_for(DICTD, entry, 1) == ["conceal or hide"]
    assert glosses_for(DICTD, entry, 2) == ["smother or suppress"]
    assert glosses_for(DICTD, entry)[0] == "joint between the femur and tibia in a quadruped;" + (
        " corresponds to the human knee"
    )


@pytest.mark.parametrize(
    ("info", "entry", "sense", "expected"),
    [
        (CEDICT, DictEntry("归来", ("to return", "to come back"), "guī lái"), 1, ["to come back"]),
        (
            CEDICT,
            DictEntry("归来", ("to return", "to come back")),
            None,
            ["to return", "to come back"],
        ),
        (REVERSED, DictEntry("压制", ("to suppress", "to stifle"), "yā zhì"), None, ["压制"]),
        (REVERSED, DictEntry("压制", ("to suppress", "to stifle")), 1, ["压制"]),
    ],
)
def test_glosses_for_an_entry(
    info: DictionaryInfo, entry: DictEntry, sense: int | None, expected: list[str]
) -> None:
    assert glosses_for(info, entry, sense) == expected


def test_reversed_means_cedict_read_from_another_language() -> None:
    assert is_reversed(REVERSED) and not is_reversed(CEDICT) and not is_reversed(DICTD)


@pytest.mark.parametrize(
    ("translation", "glosses", "lang", "expected"),
    [
        ("欧洲不能扼杀新生的创新。", ["创新"], "zh", (9, 11)),
        ("欧洲不能扼杀新生的创新。", ["革新"], "zh", None),
        ("He finally returned home.", ["to return"], "en", (11, 19)),  # the head word, inflected
        ("He finally returned home.", ["to come back"], "en", None),
        ("The Return of the King", ["(coll.) to return"], "en", (4, 10)),  # case, a label
        ("It rains; we stay home.", ["stay home", "home"], "en", (13, 22)),  # the longest
        ("a level playing field", ["field"], "en", (16, 21)),
        ("", ["anything"], "en", None),
        ("He is unreturned.", ["to return"], "en", None),  # inside a word: not a match
    ],
)
def test_a_gloss_is_found_in_the_aligned_translation(
    translation: str, glosses: list[str], lang: str, expected: tuple[int, int] | None
) -> None:
    assert counterpart(translation, glosses, lang) == expected


def test_the_translation_s_own_word_is_found_however_a_reversed_dictionary_ranks_it() -> None:
    from reader.dictionary.cedict import Cedict, CedictReversed
    from reader.dictionary.glosses import IN_TRANSLATION, in_translation
    from reader.dictionary.shelf import Shelf

    shelf = Shelf([Cedict(), CedictReversed()])
    ranked = [e.headword for h in shelf.lookup("technology", "en", to="zh") for e in h.entries]
    assert "科技" not in ranked[:3]
    hits = in_translation(shelf, "这是科技的一个重要时刻。", "en", "zh", ["technology"])
    assert [(h.how, [e.headword for e in h.entries]) for h in hits] == [(IN_TRANSLATION, ["科技"])]
    assert is_reversed(hits[0].dictionary)  # its entries are the translation's words
    assert glosses_for(hits[0].dictionary, hits[0].entries[0]) == ["科技"]
    # A lemma the look-up found counts too; a word that is not there finds nothing.
    assert in_translation(shelf, "公司也是如此。", "en", "zh", ["companies", "company"])
    assert in_translation(shelf, "这是科技的一个重要时刻。", "en", "zh", ["banana"]) == []


class Glossary:
    """A vocabulary of a few entries (what Marks reads)."""

    version = 1

    def __init__(self, entries: list[Entry]) -> None:
        self._entries = entries

    def entries(self, lang: str) -> tuple[Entry, ...]:
        return tuple(e for e in self._entries if e.lang == lang)

    def languages(self) -> list[str]:
        return sorted({e.lang for e in self._entries})


def document(*paragraphs: str, lang: str = "nl") -> Document:
    segments = tuple(
        Segment(f"s{i}", "paragraph", Text.of([p], lang), None, ())
        for i, p in enumerate(paragraphs)
    )
    return Document("doc", "A text", lang, segments)


def test_the_unknown_words_wait_for_their_preparation_then_follow_the_known_file(
    tmp_path: Path,
) -> None:
    marks = Marks(Glossary([Entry("bedrijf", "nl", ("company",))]))
    words = UnknownWords(tmp_path, marks)
    asked: list[str] = []
    words.on_stale = asked.append
    text = "Meta volgt de regels van het bedrijf in 2024."
    assert words.marks_in(text, "nl") == ()  # not ready: nothing, and the language is asked for
    assert asked == ["nl"]
    words.warm("nl")

    def unknown() -> list[str]:
        return [text[m.start : m.end] for m in words.marks_in(text, "nl")]

    # A glossary term is not unknown, and a number is not a word.
    assert unknown() == ["Meta", "volgt", "de", "regels", "van", "het", "in"]
    assert all(m.status == UNKNOWN for m in words.marks_in(text, "nl"))
    cov = words.coverage(text, "nl")
    assert cov is not None and (cov.words, cov.covered, cov.unknown_count) == (8, 1, 7)
    assert words.add("nl", ["Regel", "het"]) == ["regel", "het"]
    # A word marked in its base form covers its plural, as glossary terms do.
    assert unknown() == ["Meta", "volgt", "de", "van", "in"]
    assert load_known(tmp_path, "nl").words == ("regel", "het")
    words.remove("nl", ["het"])
    assert "het" in unknown()


def test_the_view_provider_adds_unknown_words_on_the_original_only(tmp_path: Path) -> None:
    marks = Marks(Glossary([Entry("bedrijf", "nl", ("company",))]))
    words = UnknownWords(tmp_path, marks)
    words.warm("nl")
    doc = document("Het bedrijf groeit.")
    terms = marks.provider(doc)
    provider = WithUnknown(terms, words, doc)
    seg = doc.segments[0]
    assert [m.status for m in provider(seg, "source")] == ["new"]  # off until enabled
    provider.enabled = True
    got = sorted((m.start, m.end, m.status) for m in provider(seg, "source"))
    assert got == [(0, 3, UNKNOWN), (4, 11, "new"), (12, 18, UNKNOWN)]
    assert provider(seg, "target") == []
    assert all(isinstance(m, TermMark) for m in provider(seg, "source"))
    # A heading keeps its level's style (underlined for a section): no unknown marks there.
    heading = Segment("h", "heading", Text.of(["Het bedrijf groeit"], "nl"), None, ())
    assert [m.status for m in provider(heading, "source")] == ["new"]


def test_marking_known_is_one_step_of_the_history(tmp_path: Path) -> None:
    library = Library(tmp_path)
    marks = Marks(Glossary([]))
    words = UnknownWords(tmp_path, marks)
    study = Study(library, Vocabulary(tmp_path))
    known = tmp_path / "known" / "en.yaml"
    known.parent.mkdir()
    known.write_text("# mine\nlanguage: en\nwords:\n- the\n", encoding="utf-8")
    outcome = study.mark_known(words, "en", ["The", "cat", "sat"])
    assert outcome is not None and outcome.message == "Marked 2 words known."
    assert outcome.entries  # what the text marks changed
    assert load_known(tmp_path, "en").words == ("the", "cat", "sat")
    assert study.mark_known(words, "en", ["cat"]) is None  # nothing new: no step
    undone = study.undo()
    assert undone is not None and undone.message == "Undone: 2 words known."
    assert known.read_text(encoding="utf-8") == "# mine\nlanguage: en\nwords:\n- the\n"
    study.redo()
    assert load_known(tmp_path, "en").words == ("the", "cat", "sat")
    one = study.mark_known(words, "en", ["mat"])
    assert one is not None and one.message == "Marked “mat” known."


def test_a_document_has_its_own_glossary_when_its_import_wrote_one(tmp_path: Path) -> None:
    doc = document("Een tekst.")
    marks = Marks(Glossary([]))
    assert not has_own_glossary(doc, tmp_path, marks)
    noted = Entry("tekst", "nl", ("text",), context=Context("doc", "s0", 0))
    assert has_own_glossary(doc, tmp_path, Marks(Glossary([]), [noted]))
    (tmp_path / "glossaries").mkdir()
    (tmp_path / "glossaries" / "nl.yaml").write_text("language: nl\n", encoding="utf-8")
    assert not has_own_glossary(doc, tmp_path, marks)  # the learner's own words
    (tmp_path / "glossaries" / "doc.yaml").write_text("language: nl\n", encoding="utf-8")
    assert has_own_glossary(doc, tmp_path, marks)


def test_an_ignored_term_is_neither_marked_nor_unknown(tmp_path: Path) -> None:
    # The learner asked not to see "bedrijf": no glossary mark, and no unknown mark either.
    marks = Marks(Glossary([Entry("bedrijf", "nl", ("company",), status="ignored")]))
    words = UnknownWords(tmp_path, marks)
    words.warm("nl")
    doc = document("Het bedrijf groeit.")
    provider = WithUnknown(marks.provider(doc), words, doc)
    provider.enabled = True
    got = sorted((m.start, m.end, m.status) for m in provider(doc.segments[0], "source"))
    assert got == [(0, 3, UNKNOWN), (12, 18, UNKNOWN)]
    cov = words.coverage("Het bedrijf groeit.", "nl")
    assert cov is not None and (cov.words, cov.covered) == (3, 1)
    # The library's Known and Unknown columns count it the same way.
    from reader.ui.viewmodel.library_rows import count

    counts = count(doc, marks, lambda lang: None)
    assert (counts.words, counts.covered, counts.unknown) == (3, 1, 2)
