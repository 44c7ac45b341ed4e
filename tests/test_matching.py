"""Finding glossary terms in text: table-driven tests of `reader.matching`."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from seedfiles import OPED, OPED_NOTES, seed_path

from reader.matching import Match, Matcher, normalize_term, tokenize
from reader.model import Entry

ROOT = Path(__file__).resolve().parent.parent


def found(terms: list[str] | list[Entry], text: str, lang: str = "en") -> list[tuple[str, str]]:
    """(matched text, entry term) for every match, in the order `find` reports them."""
    entries = [t if isinstance(t, Entry) else Entry(t, lang) for t in terms]
    return [(text[m.start : m.end], m.entry.term) for m in Matcher(entries, lang).find(text)]


def spans(terms: list[str], text: str, lang: str = "en") -> list[str]:
    return [s for s, _ in found(terms, text, lang)]


# --- case, spaces, line breaks ------------------------------------------------------------


@pytest.mark.parametrize(
    ("term", "text", "expected"),
    [
        ("stark", "The Stark reality", ["Stark"]),
        ("STARK", "the stark reality", ["stark"]),
        ("best shot", "It is the BEST SHOT at", ["BEST SHOT"]),
        ("best shot", "the best\nshot at", ["best\nshot"]),
        ("best shot", "the best  \n\t shot at", ["best  \n\t shot"]),
        ("best shot", "the best\u00a0shot", ["best\u00a0shot"]),
        ("best   shot", "the best shot", ["best shot"]),
        ("Straße", "die STRASSE", ["STRASSE"]),
        ("best shot", "the best, shot", ["best, shot"]),
    ],
)
def test_case_and_whitespace_are_ignored(term: str, text: str, expected: list[str]) -> None:
    assert spans([term], text) == expected


@pytest.mark.parametrize(
    ("term", "text", "expected"),
    [
        ("best shot", "the best shots", ["best shots"]),
        ("best shot", "the bestshot", []),
        ("shot", "the best shot", ["shot"]),
        ("shot", "a shotgun", []),
        ("stark", "a starkly lit room", []),
        ("nascent", "renascent", []),
    ],
)
def test_whole_words_only(term: str, text: str, expected: list[str]) -> None:
    assert spans([term], text) == expected


# --- apostrophes and hyphens --------------------------------------------------------------

APOSTROPHES = ["'", "\u2019", "\u2018", "\u02bc"]
HYPHENS = ["-", "\u2010", "\u2011", "\u2013", "\u2014", "\u00ad"]


@pytest.mark.parametrize("in_term", APOSTROPHES)
@pytest.mark.parametrize("in_text", APOSTROPHES)
def test_apostrophes_are_equal(in_term: str, in_text: str) -> None:
    text = f"Europe{in_text}s risk"
    assert spans([f"Europe{in_term}s risk"], text) == [text]


@pytest.mark.parametrize("in_term", HYPHENS)
@pytest.mark.parametrize("in_text", HYPHENS)
def test_hyphens_are_equal(in_term: str, in_text: str) -> None:
    text = f"a pre{in_text}emptive move"
    assert spans([f"pre{in_term}emptive"], text) == [f"pre{in_text}emptive"]


@pytest.mark.parametrize(
    ("term", "text", "expected"),
    [
        ("risk-averse", "Europe's risk averse regulation", ["risk averse"]),
        ("risk averse", "Europe's risk-averse regulation", ["risk-averse"]),
        ("open-source", "open-\nsource AI", ["open-\nsource"]),
        ("open-source", "open-source AI", ["open-source"]),
        ("source", "open-source AI", ["source"]),
    ],
)
def test_hyphens_separate_words(term: str, text: str, expected: list[str]) -> None:
    assert spans([term], text) == expected


# --- English inflection -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("term", "text", "expected"),
    [
        ("stifle", "rules stifle growth", ["stifle"]),
        ("stifle", "it stifles growth", ["stifles"]),
        ("stifle", "it stifled growth", ["stifled"]),
        ("stifle", "it is stifling growth", ["stifling"]),
        ("stifle innovation", "will stifle innovation", ["stifle innovation"]),
        ("stifle innovation", "has stifled innovation", ["stifled innovation"]),
        ("stifle innovation", "stifling innovation", ["stifling innovation"]),
        ("stifle innovation", "it stifles innovations", ["stifles innovations"]),
        ("riddled with", "riddled with inconsistent", ["riddled with"]),
        ("opportunity", "economic opportunities", ["opportunities"]),
        ("Europe", "Europe’s risk-averse rules", ["Europe’s"]),
        ("Europe", "Europeans", []),
        ("it is clear", "it was clear", ["it was clear"]),
        ("it is clear", "it’s clear", []),
        ("increasing", "increasing productivity", ["increasing"]),
        ("increasing", "to increase productivity", []),
        ("increase", "increasing productivity", ["increasing"]),
        ("technology moves swiftly", "technology moved swiftly", ["technology moved swiftly"]),
        ("technology moves swiftly", "technologies move swiftly", ["technologies move swiftly"]),
        ("stark", "a starker choice", ["starker"]),
        # The lemmatizer calls "levelling" a form of the verb "level".
        ("level", "by levelling the field", ["levelling"]),
        ("level", "it levels the field", ["levels"]),
        ("level", "it was levelled", ["levelled"]),
        # Suppletive comparison is a different word for a learner.
        ("good", "the best shot", []),
        ("good", "a better shot", []),
        ("best shot", "a good shot", []),
        # Different words stay different.
        ("stifle innovation", "stifle invention", []),
        ("concentrate", "a concert", []),
    ],
)
def test_english_inflections(term: str, text: str, expected: list[str]) -> None:
    assert spans([term], text) == expected


@pytest.mark.parametrize(
    ("terms", "text", "expected"),
    [
        # "leaves" is a form of both leaf and leave; "left" of leave (and a word itself).
        (["leaf", "leave"], "the leaves", [("leaves", "leaf"), ("leaves", "leave")]),
        (["leaf", "leave"], "she left", [("left", "leave")]),
        (
            ["leaf fall", "leave"],
            "leaves fall",
            [("leaves", "leave"), ("leaves fall", "leaf fall")],
        ),
        (["left", "leave"], "turn left", [("left", "leave"), ("left", "left")]),
        # "increasing" is a word of its own and a form of "increase".
        (["increasing", "increase"], "to increase it", [("increase", "increase")]),
        (
            ["increasing", "increase"],
            "increasing it",
            [("increasing", "increase"), ("increasing", "increasing")],
        ),
        (["increasing", "increase"], "it increases", [("increases", "increase")]),
        # A term word in its base form is not a form of another word.
        (["left"], "they leave", []),
        (["left"], "they are leaving", []),
        # An inflected term word stands for its lemmas too.
        (["leaves"], "one leaf", [("leaf", "leaves")]),
        (["leaves"], "leave now", [("leave", "leaves")]),
    ],
)
def test_words_with_two_lemmas(
    terms: list[str], text: str, expected: list[tuple[str, str]]
) -> None:
    assert sorted(found(terms, text)) == expected


def test_words_with_two_lemmas_in_a_longer_text() -> None:
    got = found(["leaf", "leave", "leaf fall"], "in autumn the leaves fall and then they leave")
    assert sorted(got) == [
        ("leave", "leave"),
        ("leaves", "leaf"),
        ("leaves", "leave"),
        ("leaves fall", "leaf fall"),
    ]


# --- negation inside a phrase -------------------------------------------------------------


@pytest.mark.parametrize(
    ("term", "text", "expected"),
    [
        ("power is concentrated", "power is concentrated", True),
        ("power is concentrated", "power isn’t concentrated", True),
        ("power is concentrated", "power isn't concentrated", True),
        ("power is concentrated", "power is not concentrated", True),
        ("power is concentrated", "power wasn't concentrated", True),
        ("power is concentrated", "power was not concentrated", True),
        ("power is concentrated", "power was concentrated", True),
        ("power is concentrated", "power ISN'T concentrated", True),
        ("power is concentrated", "power is never concentrated", False),
        ("power is concentrated", "power not concentrated", False),
        ("data is shared", "data has been shared", False),
        ("have access", "haven't access", True),
        ("do business", "doesn't business", True),
        ("does exist", "doesn't exist", True),
        ("can help", "can't help", True),
        ("can help", "cannot help", True),
        ("can help", "can not help", True),
        ("will reflect", "won't reflect", True),
        ("will be able", "won't be able", True),
        # A term that says "not" needs the negation.
        ("do not disturb", "do not disturb", True),
        ("do not disturb", "don't disturb", True),
        ("do not disturb", "do disturb", False),
        ("don't panic", "do not panic", True),
        ("don't panic", "do panic", False),
        # Only auxiliaries take a negation inside a phrase.
        ("limit possibilities", "limit not possibilities", False),
    ],
)
def test_negated_auxiliaries(term: str, text: str, expected: bool) -> None:
    assert spans([term], text) == ([text] if expected else [])


# --- nested and overlapping ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("terms", "text", "expected"),
    [
        (
            ["level", "a level playing field", "playing field"],
            "creates a level playing field.",
            [
                ("a level playing field", "a level playing field"),
                ("level", "level"),
                ("playing field", "playing field"),
            ],
        ),
        (
            ["stark", "stark reality"],
            "The stark reality is",
            [("stark reality", "stark reality"), ("stark", "stark")],
        ),
        (
            ["best shot", "shot at harnessing"],
            "the best shot at harnessing AI",
            [("best shot", "best shot"), ("shot at harnessing", "shot at harnessing")],
        ),
        (
            ["open source", "source AI", "open source AI"],
            "open-source AI",
            [
                ("open-source AI", "open source AI"),
                ("open-source", "open source"),
                ("source AI", "source AI"),
            ],
        ),
        (["stark", "stark"], "stark", [("stark", "stark"), ("stark", "stark")]),
    ],
)
def test_nested_and_overlapping_are_all_reported(
    terms: list[str], text: str, expected: list[tuple[str, str]]
) -> None:
    assert found(terms, text) == expected


def test_sorted_by_start_then_longest_first() -> None:
    terms = ["a", "a b", "a b c", "b", "b c", "c"]
    matches = Matcher([Entry(t, "en") for t in terms], "en").find("x a b c y a b")
    keys = [(m.start, -m.end) for m in matches]
    assert keys == sorted(keys)
    assert len(matches) == 6 + 3


def test_two_entries_with_the_same_term_are_both_reported() -> None:
    noun = Entry("level", "en", glosses=("水平",), pos="n.")
    adjective = Entry("level", "en", glosses=("公平的",), pos="adj.")
    matches = Matcher([noun, adjective], "en").find("a level field")
    assert [m.entry for m in matches] == [noun, adjective]


# --- forms, status, language --------------------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "text", "expected"),
    [
        (Entry("nascent", "en", forms=("nascence",)), "its nascence", ["nascence"]),
        (Entry("nascent", "en", forms=("nascence",)), "nascent tech", ["nascent"]),
        (
            Entry("GDPR", "en", forms=("General Data Protection Regulation",)),
            "the EU’s General Data Protection Regulation (GDPR)",
            ["General Data Protection Regulation", "GDPR"],
        ),
        # A form that is the term again is reported once.
        (Entry("stark", "en", forms=("Stark", "stark")), "stark", ["stark"]),
        # A form that is an inflection of the term is reported once.
        (Entry("stifle", "en", forms=("stifled",)), "stifled", ["stifled"]),
        (Entry("公平", "zh", forms=("公正",)), "公正的法律", ["公正"]),
    ],
)
def test_forms_are_matched_like_the_term(entry: Entry, text: str, expected: list[str]) -> None:
    matches = Matcher([entry], entry.lang).find(text)
    assert [text[m.start : m.end] for m in matches] == expected
    assert all(m.entry is entry for m in matches)


@pytest.mark.parametrize(
    ("status", "reported"),
    [("new", True), ("learning", True), ("known", True), ("ignored", False)],
)
def test_ignored_entries_are_not_reported(status: str, reported: bool) -> None:
    matches = Matcher([Entry("stark", "en", status=status)], "en").find("stark reality")
    assert bool(matches) is reported


@pytest.mark.parametrize(
    ("entry_lang", "matcher_lang", "reported"),
    [("en", "en", True), ("en-GB", "en", True), ("en", "en-US", True), ("nl", "en", False)],
)
def test_entries_of_other_languages_are_left_out(
    entry_lang: str, matcher_lang: str, reported: bool
) -> None:
    matches = Matcher([Entry("stark", entry_lang)], matcher_lang).find("stark reality")
    assert bool(matches) is reported


def test_empty_glossary_text_and_terms() -> None:
    assert Matcher([], "en").find("anything") == []
    assert Matcher([Entry("stark", "en")], "en").find("") == []
    assert (
        Matcher([Entry("", "en"), Entry(" -- ", "en"), Entry("…", "en")], "en").find("a -- b … c")
        == []
    )


def test_text_without_words() -> None:
    assert Matcher([Entry("stark", "en")], "en").find("!!! — …") == []
    assert Matcher([Entry("公平", "zh")], "zh").find(" ，\n") == []


def test_finding_from_several_threads() -> None:
    from concurrent.futures import ThreadPoolExecutor

    matcher = Matcher([Entry(t, "en") for t in ["leaf", "leave", "stark reality"]], "en")
    texts = [f"The stark reality {i}: leaves leave w{i}x{i % 7}." for i in range(400)]
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(matcher.find, texts))
    fresh = Matcher(matcher.entries, "en")
    assert results == [fresh.find(t) for t in texts]


def test_finding_twice_gives_the_same_matches() -> None:
    matcher = Matcher([Entry(t, "en") for t in ["leaf", "leave", "stark reality"]], "en")
    text = "The stark reality: leaves leave."
    assert matcher.find(text) == matcher.find(text)


def test_match_is_frozen() -> None:
    m = Match(0, 5, Entry("stark", "en"))
    with pytest.raises(AttributeError):
        m.start = 1  # type: ignore[misc]


# --- other languages ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("terms", "text", "expected"),
    [
        (["公平竞争"], "创造了公平的竞争环境", []),
        (["公平"], "创造了公平的竞争环境", ["公平"]),
        (["公平", "公平的"], "公平的条件", ["公平的", "公平"]),
        (["竞争环境"], "公平的竞争环境", ["竞争环境"]),
        (["竞争环境"], "公平的竞争\n环境", ["竞争\n环境"]),
        (["开源人工智能"], "通过开源 人工智能", ["开源 人工智能"]),
        (["Llama"], "像Llama multimodal这样", ["Llama"]),
        (["llama multimodal"], "像Llama multimodal这样", ["Llama multimodal"]),
        (["AI"], "人工智能(AI)有潜力", ["AI"]),
    ],
)
def test_chinese_matches_characters(terms: list[str], text: str, expected: list[str]) -> None:
    assert spans(terms, text, "zh") == expected


@pytest.mark.parametrize(
    ("term", "text", "expected"),
    [
        # harakat, shadda and tatweel are ignored
        ("مدرسة", "مَدْرَسَة", ["مَدْرَسَة"]),
        ("مدرسة", "مدرســة", ["مدرســة"]),
        ("مَدْرَسَة", "مدرسة", ["مدرسة"]),
        # alef forms, alef maqsura and ya, ta marbuta and ha
        ("أمريكا", "امريكا", ["امريكا"]),
        ("إنترنت", "الانترنت", ["الانترنت"]),
        ("آخر", "اخر", ["اخر"]),
        ("على", "علي", ["علي"]),
        ("مدرسة", "مدرسه", ["مدرسه"]),
        # attached prefixes on the first word
        ("مدرسة", "والمدرسة", ["والمدرسة"]),
        ("مدرسة", "بالمدرسة", ["بالمدرسة"]),
        ("مدرسة", "للمدرسة", ["للمدرسة"]),
        ("مدرسة", "المدرسة", ["المدرسة"]),
        ("مدرسة", "ومدرسة", ["ومدرسة"]),
        ("مدرسة", "فبمدرسة", ["فبمدرسة"]),
        ("الأمم المتحدة", "والأمم المتحدة", ["والأمم المتحدة"]),
        ("الأمم المتحدة", "الأُمَم المتّحدة", ["الأُمَم المتّحدة"]),
        # ... but not on later words, and not inside words
        ("الأمم المتحدة", "الأمم والمتحدة", []),
        ("مدرسة", "مدرستنا", []),
        ("ميتا", "ميتافيرس", []),
    ],
)
def test_arabic_is_normalised_and_tolerates_prefixes(
    term: str, text: str, expected: list[str]
) -> None:
    assert spans([term], text, "ar") == expected


@pytest.mark.parametrize(
    ("term", "text", "expected"),
    [
        ("gelijk speelveld", "een Gelijk\nspeelveld", ["Gelijk\nspeelveld"]),
        ("AI-verordening", "de AI‑verordening", ["AI‑verordening"]),
        ("zo'n", "zo’n bedrijf", ["zo’n"]),
        ("regel", "regelgeving", []),
        ("regel", "nieuwe regels", ["regels"]),
        ("gelijk speelveld", "gelijke speelvelden", ["gelijke speelvelden"]),
        ("verordening", "de verordeningen", ["verordeningen"]),
        ("bedrijf", "Europese bedrijven", ["bedrijven"]),
        ("zijn", "het is duidelijk", ["is"]),
        ("regels", "één regel", ["regel"]),
        ("regel", "regelen", []),
    ],
)
def test_dutch_matches_whole_words(term: str, text: str, expected: list[str]) -> None:
    assert spans([term], text, "nl") == expected


# --- offsets into the original text -------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "term", "text", "expected"),
    [
        # decomposed é is two code points in the text, one in the term
        ("en", "café culture", "a cafe\u0301 culture!", "cafe\u0301 culture"),
        ("en", "naïve", "so nai\u0308ve", "nai\u0308ve"),
        # characters outside the BMP before the match
        ("en", "stark", "\U0001f600\U0001d400 stark", "stark"),
        ("en", "stark reality", "\U0001f600 stark\U0001f600reality", "stark\U0001f600reality"),
        # soft hyphen inside the matched text
        ("en", "pre-emptive", "x pre\u00ademptive y", "pre\u00ademptive"),
        # Arabic diacritics removed for matching, kept in the span
        ("ar", "مدرسة", "في المَدْرَسَةِ اليوم", "المَدْرَسَةِ"),
        ("ar", "مدرسة", "في المدرســة اليوم", "المدرســة"),
        # Chinese: whitespace removed, decomposed text, characters outside the BMP
        ("zh", "竞争环境", "\U00020000公平的竞争 \n 环境。", "竞争 \n 环境"),
        ("zh", "café", "\U00020000去cafe\u0301喝", "cafe\u0301"),
        ("zh", "ǎi", "\U00020000a\u030ci", "a\u030ci"),
    ],
)
def test_offsets_map_back_onto_the_original_text(
    lang: str, term: str, text: str, expected: str
) -> None:
    (match,) = Matcher([Entry(term, lang)], lang).find(text)
    assert text[match.start : match.end] == expected


def test_tokenize_reports_spans_in_the_original_text() -> None:
    text = "Europe’s \U0001f600 risk-averse,\nrules isn't"
    tokens, starts, ends = tokenize(text)
    assert tokens == ["Europe’s", "risk", "averse", "rules", "isn't"]
    assert [text[s:e] for s, e in zip(starts, ends)] == tokens


# --- normalize_term -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "lang", "equal"),
    [
        ("Stark Reality", "stark reality", "en", True),
        ("stark  reality", " stark\nreality ", "en", True),
        ("Europe’s", "Europe's", "en", True),
        ("Europeʼs", "Europe‘s", "en", True),
        ("risk‐averse", "risk-averse", "en", True),
        ("risk–averse", "risk\u00adaverse", "en", True),
        ("café", "cafe\u0301", "en", True),
        ("STRASSE", "straße", "de", True),
        ("risk-averse", "risk averse", "en", False),
        ("stark", "starker", "en", False),
        ("公平 竞争", "公平竞争", "zh", True),
        ("مَدْرَسَة", "مدرسة", "ar", True),
        ("مدرسة", "مدرسه", "ar", True),
        ("أمريكا", "امريكا", "ar", True),
        ("على", "علي", "ar", True),
        ("كتاب", "الكتاب", "ar", False),
    ],
)
def test_normalize_term(a: str, b: str, lang: str, equal: bool) -> None:
    assert (normalize_term(a, lang) == normalize_term(b, lang)) is equal


def test_normalize_term_is_nfc_and_casefolded() -> None:
    key = normalize_term("  Café  Culture ", "en")
    assert key == "café culture"
    assert unicodedata.is_normalized("NFC", key)


# --- the op-ed's vocabulary notes ---------------------------------------------------------

def oped_path() -> Path:
    return seed_path(OPED)


def oped_blocks() -> list[tuple[str, list[str]]]:
    """(English paragraph, terms noted under it) for each 原文 block of the op-ed.

    The English is hard-wrapped with a blank line between lines; a line ending in a hyphen
    continues the word on the next line ("open-" / "source").
    """
    blocks: list[tuple[str, list[str]]] = []
    for chunk in oped_path().read_text(encoding="utf-8").split("原文：")[1:]:
        english: list[str] = []
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        while lines and not re.search(r"[\u4e00-\u9fff]", lines[0]):
            english.append(lines.pop(0))
        paragraph = ""
        for line in english:
            if not paragraph or paragraph.endswith("-"):
                paragraph += line
            else:
                paragraph += " " + line
        notes: list[str] = []
        if "学习：" in lines:
            for line in lines[lines.index("学习：") + 1 :]:
                if line.startswith("#"):
                    break
                term, sep, _ = line.partition("：")
                if sep:
                    notes.append(term.strip())
        blocks.append((paragraph, notes))
    return blocks


def test_oped_fixture_has_the_fourteen_notes() -> None:
    noted = [term for _, notes in oped_blocks() for term in notes]
    assert sorted(noted) == sorted(OPED_NOTES)


@pytest.mark.parametrize(
    ("paragraph", "notes"), [(p, n) for p, n in oped_blocks() if n], ids=lambda v: ""
)
def test_oped_notes_are_found_where_they_were_noted(paragraph: str, notes: list[str]) -> None:
    matcher = Matcher([Entry(term, "en") for term in OPED_NOTES], "en")
    here = {m.entry.term for m in matcher.find(paragraph)}
    assert set(notes) <= here


def test_oped_matches_point_at_the_noted_words() -> None:
    matcher = Matcher([Entry(term, "en") for term in OPED_NOTES], "en")
    seen = {
        (paragraph[m.start : m.end], m.entry.term)
        for paragraph, _ in oped_blocks()
        for m in matcher.find(paragraph)
    }
    assert ("power isn’t concentrated", "power is concentrated") in seen
    assert ("a level playing field", "a level playing field") in seen
    assert ("levelling", "level") in seen
    assert ("pre-emptive", "pre-emptive") in seen
    assert ("stifle\ninnovation", "stifle innovation") not in seen  # lines were rejoined
    assert ("stifle innovation", "stifle innovation") in seen
    assert ("once-in-a-generation opportunity", "once-in-a-generation opportunity") in seen


# --- core without UI ----------------------------------------------------------------------


def test_matching_imports_no_ui() -> None:
    code = (
        "import sys, reader.matching, reader.lemmas; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "[]"


def test_comparing_terms_does_not_import_numpy_or_the_lemmatizer() -> None:
    # Glossaries compare terms with normalize_term while loading; numpy alone would add a
    # tenth of a second to every first load.
    code = (
        "import sys; from reader.matching import normalize_term; "
        "assert normalize_term('Europe’s  Risk', 'en') == \"europe's risk\"; "
        "print(sorted(m for m in ('numpy', 'lemminflect', 'simplemma') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "[]"


# --- odd input ----------------------------------------------------------------------------


def test_lone_surrogates_are_separators() -> None:
    text = "ab\udc80cd stark"
    assert spans(["stark"], text) == ["stark"]
    assert spans(["公平"], "\udc80公平", "zh") == ["公平"]


@pytest.mark.parametrize("lang", ["en", "nl", "ar", "zh"])
def test_random_text_gives_spans_inside_the_text(lang: str) -> None:
    import random

    rng = random.Random(lang)
    pieces = [
        "stark",
        "Reality",
        "isn’t",
        "not",
        "level",
        "levelling",
        "-",
        "\u00ad",
        "—",
        "’",
        "'",
        " ",
        "\n",
        "  ",
        "公平",
        "的",
        "مدرسة",
        "وال",
        "َ",
        "ـ",
        "e\u0301",
        "\U0001f600",
        "\U00020000",
        "_",
        "2024",
        ".",
        "ß",
        "İ",
        "\udc80",
    ]
    terms = ["stark reality", "level", "is not", "公平", "مدرسة", "é", "ss", "2024"]
    matcher = Matcher([Entry(t, lang) for t in terms], lang)
    for _ in range(200):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        matches = matcher.find(text)
        keys = [(m.start, -m.end) for m in matches]
        assert keys == sorted(keys)
        assert all(0 <= m.start < m.end <= len(text) for m in matches)
        if lang != "zh":  # whole words: spans start and end where tokens do
            _, starts, ends = tokenize(text)
            assert all(m.start in starts and m.end in ends for m in matches)


# --- the lemma tables ---------------------------------------------------------------------


def test_lemma_tables_agree_with_lemminflect() -> None:
    import random

    import lemminflect

    from reader.lemmas import _all_lemmas, _lemma_tables

    tables = _lemma_tables()
    assert tables is not None  # else every look-up takes the slow way
    known = sorted(set(tables[0]) | set(tables[1]))
    words = random.Random(5).sample(known, 3000) + [
        "was", "isn't", "best", "levelling", "leaves", "2024", "straße", "naïve", "zzyzx", "",
    ]  # fmt: skip
    for word in words:
        assert _all_lemmas(word) == lemminflect.getAllLemmas(word), word


def test_batch_analysis_agrees_with_lemminflect_word_by_word() -> None:
    # A large glossary's words are analysed in one batch; each must come out as lemminflect's
    # public getAllLemmas says, whatever else is in the batch or already analysed.
    import random

    import lemminflect

    from reader import lemmas, matching

    tables = lemmas._lemma_tables()
    assert tables is not None
    sample = random.Random(9).sample(sorted(tables[0]), 2000)
    words = sample + ["Was", "isn't", "Europe’s", "cannot", "best", "leaves", "zzyzx", "2024"]

    def expected(word: str) -> tuple[frozenset[str], frozenset[str]]:
        kept = {
            lemma.lower()
            for upos, forms in lemminflect.getAllLemmas(word).items()
            for lemma in forms
            if upos not in ("ADJ", "ADV") or word.startswith(lemma.lower()[:-1])
        }
        text = frozenset(kept | {word})
        return (frozenset((word,)) if word in kept else text), text

    lemmas._ENGLISH.clear()
    matching._ANALYSED.clear()
    matching._analyse_all(words[::3], "en")  # some already known when the batch comes
    batch = matching._analyse_all(words + words[:50], "en")
    for surface, w in zip(words + words[:50], batch):
        base, negated = lemmas.split_clitics(matching._fold(surface))
        assert (w.atoms, w.text_atoms) == expected(base), surface
        assert (w.norm, w.negated) == (matching._fold(surface), negated)
    assert batch[words.index("isn't")].text_atoms >= {"is", "be"}
    assert batch[words.index("isn't")].negated


@pytest.mark.parametrize(
    "text",
    ["Europe’s risk-averse rules isn't", "a\udc80b ’x’ y'", "公平的 مدرسة e\u0301t\u00e9 2024"],
)
def test_tokenize_is_the_same_with_characters_beyond_the_bmp(text: str) -> None:
    # Text with an emoji takes the 4-byte path; the rest must not notice.
    tokens, starts, ends = tokenize(text)
    wide = tokenize(text + " \U0001f600 \U00020000x")
    assert wide[0][: len(tokens)] == tokens
    assert wide[0][len(tokens) :] == ["\U00020000x"]
    assert wide[1][: len(tokens)] == starts and wide[2][: len(tokens)] == ends


# --- matchers kept between runs -----------------------------------------------------------

CACHED_TERMS = [
    "power is concentrated",
    "stifle innovation",
    "risk-averse",
    "level",
    "a level playing field",
    "leaf",
    "leave",
    "it is clear",
    "Europe",
    "stark reality",
    "stark",
]
CACHED_TEXTS = [
    "Power isn’t concentrated; rules stifled innovation in risk averse Europe’s markets.",
    "The leaves fell. She leaves early. It was clear: a level playing field, levelling.",
    "The stark reality is starker than it was not clear.",
]


def cached_matcher(
    terms: list[str], lang: str = "en", *, built: list[str] | None = None
) -> Matcher:
    """A matcher of `terms` (one entry with forms added), noting in `built` if it was built."""
    entries = [Entry(t, lang) for t in terms] + [Entry("regel", lang, forms=("regels",))]
    original = Matcher._char_keys if lang == "zh" else Matcher._word_keys

    def spy(self: Matcher) -> object:
        if built is not None:
            built.append(lang)
        return original(self)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Matcher, original.__name__, spy)
        return Matcher(entries, lang)


def found_by(matcher: Matcher, texts: list[str]) -> list[tuple[int, int, str]]:
    return [(m.start, m.end, m.entry.term) for t in texts for m in matcher.find(t)]


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    import reader.matching

    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(reader.matching, "CACHE_MIN_ENTRIES", 5)
    return tmp_path / "matchers"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_large_matcher_is_read_back_instead_of_built(cache_dir: Path, lang: str) -> None:
    terms = CACHED_TERMS if lang == "en" else ["公平", "公平竞争", "创新", "风险", "欧洲", "平"]
    texts = CACHED_TEXTS if lang == "en" else ["欧洲的公平竞争环境扼杀创新，风险。", "平 公 平"]
    built: list[str] = []
    first = cached_matcher(terms, lang, built=built)
    assert built == [lang] and len(list(cache_dir.iterdir())) == 1
    again = cached_matcher(terms, lang, built=built)
    assert built == [lang]  # read back, not built
    assert found_by(again, texts) == found_by(first, texts)
    assert found_by(again, texts)  # and it does find things


def test_a_changed_glossary_is_built_again(cache_dir: Path) -> None:
    built: list[str] = []
    cached_matcher(CACHED_TERMS, built=built)
    changed = cached_matcher([*CACHED_TERMS[:-1], "starkly"], built=built)
    assert built == ["en", "en"]
    terms = {term for _, _, term in found_by(changed, CACHED_TEXTS)}
    assert "starkly" not in terms and "stark" not in terms
    assert len(list(cache_dir.iterdir())) == 2


def test_a_damaged_cache_file_is_only_a_miss(cache_dir: Path) -> None:
    expected = found_by(cached_matcher(CACHED_TERMS), CACHED_TEXTS)
    (path,) = cache_dir.iterdir()
    for damage in (b"", b"not marshal data", path.read_bytes()[:-40]):
        path.write_bytes(damage)
        built: list[str] = []
        assert found_by(cached_matcher(CACHED_TERMS, built=built), CACHED_TEXTS) == expected
        assert built == ["en"]


def test_the_cache_can_be_turned_off(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_CACHE_DIR", "")
    built: list[str] = []
    cached_matcher(CACHED_TERMS, built=built)
    cached_matcher(CACHED_TERMS, built=built)
    assert built == ["en", "en"] and not cache_dir.exists()


def test_small_glossaries_are_not_cached(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import reader.matching

    monkeypatch.setattr(reader.matching, "CACHE_MIN_ENTRIES", 1000)
    cached_matcher(CACHED_TERMS)
    assert not cache_dir.exists()


@pytest.mark.parametrize(
    ("starts", "lengths", "entries"),
    [
        (1000, 50, 100),  # the packed key
        (1 << 28, 50, 100),  # a start beyond the packed key
        (1000, 1 << 17, 100),  # a match longer than it
        (1000, 50, 1 << 21),  # more entries than it
    ],
)
def test_match_order_is_start_longest_first_then_glossary_order(
    starts: int, lengths: int, entries: int
) -> None:
    import numpy as np

    from reader.matching import _order

    rng = np.random.default_rng(starts + lengths + entries)
    n = 5000
    start = rng.integers(0, starts, n)
    start[:50] = start[50:100]  # ties on start, to be decided by length and entry
    end = start + rng.integers(1, lengths, n)
    end[:25] = end[50:75]
    entry = rng.integers(0, entries, n)
    expected = sorted(range(n), key=lambda i: (start[i], -end[i], entry[i], i))
    assert _order(start, end, entry).tolist() == expected
    assert _order(start[:0], end[:0], entry[:0]).tolist() == []
