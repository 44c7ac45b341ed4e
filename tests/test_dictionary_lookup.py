"""Lemma-aware look-up: the forms a word of running text is looked up under, and the shelf
finding them in real dictionaries (excerpts in tests/data/real/dictionaries)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.dictionary.forms import forms, separable
from reader.dictionary.registry import Registry, open_record
from reader.dictionary.shelf import Shelf

REAL = Path(__file__).parent / "data" / "real" / "dictionaries"
BUILT = Path(__file__).parent / "data" / "dictionaries" / "built"


def texts(word: str, lang: str, sentence: str | None = None) -> list[str]:
    start = sentence.find(word) if sentence else None
    return [f.text for f in forms(word, lang, sentence, start)]


@pytest.mark.parametrize(
    ("word", "lang", "sentence", "expected"),
    [
        ("stifled", "en", None, "stifle"),
        ("Levelling", "en", None, "level"),
        ("Europe’s", "en", None, "europe"),
        ("isn't", "en", None, "be"),
        ("stifled innovation", "en", None, "stifle innovation"),
        ("regels", "nl", None, "regel"),
        ("nam", "nl", "Meta nam het bedrijf in 2024 over.", "overnemen"),
        ("over", "nl", "Meta nam het bedrijf in 2024 over.", "overnemen"),
        ("stapte", "nl", "Hij stapte bij het station af, en liep verder.", "afstappen"),
        ("stappen", "nl", "Hij besloot af te stappen.", "afstappen"),
        ("af", "nl", "Hij besloot af te stappen.", "afstappen"),
        ("afgestapt", "nl", None, "afstappen"),
        ("opgebeld", "nl", None, "opbellen"),
        ("وكتبوا", "ar", None, "كتب"),
        ("يكتبون", "ar", None, "كتب"),
        ("بالمدرسة", "ar", None, "مدرسه"),
        ("مدرستها", "ar", None, "مدرسه"),
        ("كتابه", "ar", None, "كتاب"),
        ("الكِتَاب", "ar", None, "كتاب"),
        ("歸來", "zh", None, "归来"),
    ],
)
def test_forms_include_the_dictionary_form(
    word: str, lang: str, sentence: str | None, expected: str
) -> None:
    assert expected in texts(word, lang, sentence)


def test_the_word_itself_comes_first() -> None:
    assert texts("stifled", "en")[0] == "stifled"
    assert texts("نام", "ar")[0] == "نام"


def test_separable_particle_belongs_to_its_own_clause() -> None:
    sentence = "Hij nam het boek, en de kat liep over het dak."
    assert separable("nam", sentence, 4) == []


def test_no_separable_verb_without_a_particle() -> None:
    assert separable("nam", "Hij nam het boek.", 4) == []


@pytest.fixture
def shelf(tmp_path: Path) -> Shelf:
    registry = Registry(tmp_path / "dicts")
    for name in ("wn.index", "freedict-nld-eng.index", "freedict-ara-eng.index"):
        registry.add(REAL / name)
    return Shelf([open_record(r) for r in registry.installed()])


@pytest.mark.parametrize(
    ("word", "lang", "sentence", "form", "how", "phrase"),
    [
        ("stifled", "en", None, "stifle", "lemma", "smother or suppress"),
        ("Innovations", "en", None, "innovation", "lemma", "new device or process"),
        ("nam", "nl", "Meta nam het bedrijf over.", "overnemen", "separable", "takeover"),
        ("keerde", "nl", "Meta keerde zijn kar om.", "omkeren", "separable", "turn"),
        ("belde", "nl", "Ze belde haar moeder op.", "opbellen", "separable", "telephone"),
        ("وكتبوا", "ar", None, "كتب", "stem", "Wrote"),
        ("والتعاون", "ar", None, "تعاون", "clitic", ""),
    ],
)
def test_shelf_finds_the_lemma_in_real_dictionaries(
    shelf: Shelf, word: str, lang: str, sentence: str | None, form: str, how: str, phrase: str
) -> None:
    start = sentence.find(word) if sentence else None
    hits = shelf.lookup(word, lang, sentence=sentence, start=start)
    found = {(h.form, h.how): h for h in hits}
    assert (form, how) in found, [(h.form, h.how) for h in hits]
    assert phrase in " ".join(d for e in found[form, how].entries for d in e.definitions)


def test_shelf_keeps_the_learners_order_and_languages(tmp_path: Path) -> None:
    registry = Registry(tmp_path / "dicts")
    registry.add(BUILT / "dictd" / "sample-eng-eng.index", name="first")
    registry.add(REAL / "wn.index", name="second")
    registry.add(REAL / "freedict-nld-eng.index")
    shelf = Shelf([open_record(r) for r in registry.installed()])
    hits = shelf.lookup("stifle", "en")
    assert [h.dictionary.name for h in hits] == ["first", "second"]
    assert [d.info.name for d in shelf.for_language("nl", "en")] == [
        "Dutch-English FreeDict Dictionary ver. 0.2 (excerpt)"
    ]
    assert shelf.lookup("stifle", "en", to="zh") == []


def test_entries_found_through_two_forms_are_listed_once(shelf: Shelf) -> None:
    hits = shelf.lookup("level", "en")
    heads = [(h.form, e.headword) for h in hits for e in h.entries]
    assert len(heads) == len(set(heads))


class _Counting:
    """A dictionary double: every word is an entry, with or without a reading."""

    def __init__(self, name: str, reading: str) -> None:
        from reader.dictionary.model import DictionaryInfo

        self.info = DictionaryInfo(name, "en", "zh", 0, "tsv")
        self.reading = reading
        self.asked: list[str] = []

    def lookup(self, word: str) -> list:  # type: ignore[type-arg]
        from reader.dictionary.model import DictEntry

        self.asked.append(word)
        return [DictEntry(word, ("gloss",), reading=self.reading)]

    def has_prefix(self, prefix: str) -> bool:
        return True


def test_a_reading_is_the_words_own_from_the_first_dictionary_that_has_one() -> None:
    registry = Registry()
    registry.add(REAL / "ecdict.mini.csv")
    shelf = Shelf([open_record(r) for r in registry.records()])
    assert shelf.reading("Community Service", "en") == "/kəˈmju:niti ˈsɜːvɪs/"
    assert shelf.reading("unshipped", "en") == "/ʌn'ʃɪpt/"
    assert shelf.reading("unshipping", "en") is None  # listed, no phonetic
    assert shelf.reading("unshipped", "nl") is None  # no Dutch dictionary
    # A lemma's reading is not the word's: "-gates" is not looked up as "-gate".
    assert shelf.reading("-gates", "en") is None


def test_a_stardict_reading_and_the_order_of_the_dictionaries(tmp_path: Path) -> None:
    """StarDict's `t` field (stardict-text2bin's phonetic) is a reading too; of two
    dictionaries with one, the first in the learner's order gives it."""
    stardict = Registry(tmp_path / "a").add(BUILT / "stardict-text2bin" / "sample-nld-eng.ifo")
    freedict = Registry(tmp_path / "b").add(REAL / "freedict-nld-eng.index")
    assert Shelf([open_record(stardict)]).reading("overnemen", "nl") == "ˈoːvərneːmə(n)"
    both = [open_record(freedict), open_record(stardict)]
    assert Shelf(both).reading("overnemen", "nl") == "/ovərnemən/"
    assert Shelf(both[::-1]).reading("overnemen", "nl") == "ˈoːvərneːmə(n)"


def test_a_dictionary_that_never_gives_a_reading_stops_being_asked() -> None:
    readless, reading = _Counting("WordNet-like", ""), _Counting("ECDICT-like", "/x/")
    shelf = Shelf([readless, reading])
    for n in range(80):
        assert shelf.reading(f"word{n}", "en") == "/x/"
    assert len(readless.asked) == 50 and len(reading.asked) == 80
