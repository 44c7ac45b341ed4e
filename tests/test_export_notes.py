"""Note fields built from an entry and its context sentence; GUIDs from ids only."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from reader.export.notes import (
    GUID_NAMESPACE,
    ExportNote,
    NoteOptions,
    Occurrence,
    build_note,
    note_guid,
)
from reader.export.notetype import FIELD_NAMES
from reader.export.preview import card_sides, preview_lines
from reader.model import Document, Entry, Link, Segment, Text

SEG = Segment(
    "s1",
    "paragraph",
    Text.of(
        [
            "Regulating against known harms is necessary.",
            "Pre-emptive regulation will stifle innovation.",
            "Europe's risk-averse, complex regulation could prevent it.",
        ],
        "en",
    ),
    Text.of(
        [
            "针对已知危害进行监管是必要的，",
            "但先发制人的监管将扼杀创新。",
            "欧洲规避风险的复杂监管可能会阻止它。",
        ],
        "zh",
    ),
    (Link((0,), (0,)), Link((1,), (1,)), Link((2,), (2,))),
)
DOC = Document("op-ed", "Why Europe should embrace open-source AI", "en", (SEG,), "zh")
ENTRY = Entry(
    "stifle innovation",
    "en",
    ("扼杀创新",),
    note="often of regulation",
    reading="/ˈstaɪfəl/",
    pos="v. phr.",
    forms=("stifling innovation",),
    tags=("economist", "op ed"),
    id="e1",
    production=True,
)
OCC = Occurrence(DOC, 0, 1, (28, 45))


def note(entry: Entry = ENTRY, occ: Occurrence | None = OCC, **kw: bool) -> ExportNote:
    opts = {"production": True, "context_card": True, **kw}
    return build_note(entry, occ, meaning_lang="zh", **opts)


def test_every_field_of_a_full_note() -> None:
    n = note()
    assert len(n.fields) == len(FIELD_NAMES) == 16
    assert FIELD_NAMES[0] == "Term"
    expected = {
        "Term": "stifle innovation",
        "Reading": "/ˈstaɪfəl/",
        "Meaning": '<span lang="zh">扼杀创新</span>',
        "Grammar": "v. phr.",
        "Sentence": "Pre-emptive regulation will <b>stifle innovation</b>.",
        "SentenceTranslation": '<span lang="zh">但先发制人的监管将<b>扼杀创新</b>。</span>',
        "SentenceCloze": 'Pre-emptive regulation will <span class="cloze">[…]</span>.',
        "Notes": "often of regulation",
        "Source": "<bdi>Why Europe should embrace open-source AI</bdi> · ¶1, sentence 2",
        "Audio": "[anki:tts lang=en_US]stifle innovation[/anki:tts] "
        "[anki:tts lang=en_US]Pre-emptive regulation will stifle innovation.[/anki:tts]",
        "Image": "",
        "TermLang": "en",
        "MakeProduction": "y",
        "EntryId": "e1",
        "SentenceReading": "",
        "Forms": "stifling innovation",
    }
    assert dict(zip(FIELD_NAMES, n.fields, strict=True)) == expected
    # Anki tags cannot hold spaces; the document, language, status and level are tags too.
    assert n.tags == (
        "economist",
        "op_ed",
        "reader::lang::en",
        "reader::doc::Why_Europe_should_embrace_open-source_AI",
    )
    assert n.progress == ("reader::status::new",)
    learning = note(replace(ENTRY, status="learning", level=3))
    assert learning.progress == ("reader::status::learning", "reader::level::3")
    assert learning.digest == n.digest  # progress alone does not rewrite the note in Anki


def test_guid_depends_on_the_id_only() -> None:
    edited = replace(ENTRY, term="stiffle innovation", glosses=("压制创新",), note="typo fixed")
    assert note(edited).guid == note().guid == note_guid("e1")
    assert note(replace(ENTRY, id="e2")).guid != note().guid
    assert GUID_NAMESPACE == "reader-entry"  # fixed forever: changing it duplicates every card


def test_production_front_never_shows_the_answer() -> None:
    """Not the term, not its other forms: only meaning, part of speech and translation."""
    front, back = card_sides(note(), "production") or ("", "")
    assert "stifl" not in front.lower()
    assert "扼杀创新" in front and "v. phr." in front
    assert "stifling innovation" in back


def test_context_front_without_translation_has_the_gloss_as_cue() -> None:
    dutch = Segment("n1", "paragraph", Text.of(["Meta is druk aan het investeren in AI."], "nl"))
    doc = Document("nl", "Meta", "nl", (dutch,))
    entry = Entry("druk", "nl", ("busy; under pressure",), id="d1")
    n = build_note(entry, Occurrence(doc, 0, 0, (8, 12)), meaning_lang="en")
    front, _ = card_sides(n, "context") or ("", "")
    assert '[<span class="cue" lang="en">busy</span>]' in front
    assert "druk" not in front
    long = replace(entry, glosses=("being extremely occupied with a great many things",))
    n = build_note(long, Occurrence(doc, 0, 0, (8, 12)), meaning_lang="en")
    assert ">being extremely occupied with …<" in n.field("SentenceCloze")


def test_second_sense_of_a_term_has_a_distinguishing_first_field() -> None:
    first = build_note(replace(ENTRY, id="a"), OCC, sense=1)
    second = build_note(replace(ENTRY, id="b", glosses=("抑制创新",)), OCC, sense=2)
    assert first.fields[0] == 'stifle innovation<sup class="sense">1</sup>'
    assert second.fields[0] == 'stifle innovation<sup class="sense">2</sup>'
    assert (first.label, second.label) == ("stifle innovation (1)", "stifle innovation (2)")


def test_sub_deck_per_document() -> None:
    n = build_note(ENTRY, OCC, options=NoteOptions(subdeck_of="Reader"))
    assert n.deck == "Reader::Why Europe should embrace open-source AI"
    assert build_note(ENTRY, None, options=NoteOptions(subdeck_of="Reader")).deck is None


def test_digest_changes_with_any_field_or_tag() -> None:
    base = note().digest
    assert note().digest == base
    assert note(replace(ENTRY, note="other")).digest != base
    assert note(replace(ENTRY, tags=("economist",))).digest != base


@pytest.mark.parametrize(
    ("entry", "recipe_production", "makes_production"),
    [
        (ENTRY, True, True),
        (ENTRY, False, False),  # the recipe turned production cards off
        (replace(ENTRY, production=False), True, False),  # the entry does not ask for one
        (replace(ENTRY, glosses=()), True, False),  # nothing to ask from
    ],
)
def test_production_switch(entry: Entry, recipe_production: bool, makes_production: bool) -> None:
    n = note(entry, production=recipe_production)
    assert (n.field("MakeProduction") == "y") is makes_production
    assert (card_sides(n, "production") is not None) is makes_production


def test_context_card_needs_the_switch_and_an_occurrence() -> None:
    assert note(context_card=False).field("SentenceCloze") == ""
    assert card_sides(note(context_card=False), "context") is None
    unfound = replace(OCC, span=None)
    n = note(occ=unfound)
    assert n.field("Sentence") == "Pre-emptive regulation will stifle innovation."
    assert n.field("SentenceCloze") == ""


def test_no_occurrence_leaves_sentence_fields_empty() -> None:
    n = note(occ=None)
    for name in ("Sentence", "SentenceTranslation", "SentenceCloze", "Source"):
        assert n.field(name) == ""
    assert card_sides(n, "recognition") is not None


def test_hostile_text_is_escaped_everywhere() -> None:
    evil = replace(ENTRY, term="<b>x</b>", glosses=("a < b", "<script>"), note="<img src=x>")
    n = note(evil, occ=None)
    joined = "".join(n.fields)
    assert "<script>" not in joined and "<img" not in joined and "<b>x" not in joined
    assert n.field("Meaning") == '<span lang="zh">a &lt; b; &lt;script&gt;</span>'


def test_translation_follows_the_links() -> None:
    two_to_one = replace(SEG, links=(Link((0, 1), (0,)), Link((2,), (1, 2))))
    doc = replace(DOC, segments=(two_to_one,))
    assert Occurrence(doc, 0, 1, None).translation() == "针对已知危害进行监管是必要的，"
    assert Occurrence(doc, 0, 2, None).translation() == (
        "但先发制人的监管将扼杀创新。欧洲规避风险的复杂监管可能会阻止它。"
    )
    # Without links the model's one rule pairs by position, as the reading view highlights.
    unlinked = replace(DOC, segments=(replace(SEG, links=()),))
    assert Occurrence(unlinked, 0, 0, None).translation() == "针对已知危害进行监管是必要的，"
    uneven = replace(SEG, links=(), target=Text.of(["甲。", "乙。"], "zh"))
    assert Occurrence(replace(DOC, segments=(uneven,)), 0, 0, None).translation() == ""


def test_preview_shows_each_card_as_text() -> None:
    lines = preview_lines(note())
    assert (
        lines[0]
        == "[Recognition] stifle innovation | Pre-emptive regulation will *stifle innovation*."
    )
    assert any(line.startswith("[Production]") for line in lines)
    assert any(line.startswith("[Context] Pre-emptive regulation will […].") for line in lines)


@pytest.mark.parametrize(
    "kw",
    [
        {},
        {"production": False},
        {"context_card": False},
        {"production": False, "context_card": False},
    ],
)
@pytest.mark.parametrize(
    "entry", [ENTRY, replace(ENTRY, glosses=()), replace(ENTRY, production=False)]
)
@pytest.mark.parametrize("occ", [OCC, None, replace(OCC, span=None)])
def test_cards_written_are_the_cards_the_templates_make(
    kw: dict[str, bool], entry: Entry, occ: Occurrence | None
) -> None:
    """The package lists each note's cards itself; they must be the ones Anki would make."""
    n = note(entry, occ, **kw)
    rendered = tuple(
        i for i, kind in enumerate(("recognition", "production", "context")) if card_sides(n, kind)
    )
    assert n.card_ords == rendered


@pytest.mark.parametrize(
    ("term", "lang"),
    [("الذكاء الاصطناعي", "ar"), ("公平竞争", "zh"), ("gelijk speelveld", "nl")],
)
def test_term_carries_its_language_and_direction(term: str, lang: str) -> None:
    n = build_note(Entry(term, lang, ("x",), id="e"), None, production=False, context_card=False)
    sides = card_sides(n, "recognition")
    assert sides is not None
    assert f'<div class="term" lang="{lang}" dir="auto">{term}</div>' in sides[0]


def test_stylesheet_covers_every_night_mode_class() -> None:
    """Desktop and AnkiMobile put `nightMode` on the page, AnkiDroid `night_mode`, old
    AnkiDroid `night_mode` on the card element itself; colours are variables that all of
    them switch, and no rule outside the two variable blocks names a colour of its own."""
    from reader.export.style import CSS

    night = CSS.split(".nightMode.card", 1)[1].split("}", 1)[0]
    for selector in (".night_mode.card", ".nightMode .card", ".night_mode .card"):
        assert selector in night.split("{")[0]
    light_block = CSS.split("}", 1)[0]
    names = sorted(set(re.findall(r"--reader-[\w-]+", light_block)))
    assert names and names == sorted(set(re.findall(r"--reader-[\w-]+", night)))
    rest = CSS.split("}", 2)[2]
    assert not re.search(r"#[0-9a-fA-F]{3,6}\b", rest)
