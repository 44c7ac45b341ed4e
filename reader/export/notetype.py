"""Our two Anki note types: their fields, card templates and styling, with ids fixed forever.

Anki identifies a note type, its fields and its templates by id, not by name. They are fixed
constants here so that renaming a field or a card type in a later version updates the user's
note type instead of splitting their collection into two. Never change an id, and never add a
field or a template to an existing note type: Anki's importer compares the count and the ids
("schema") and, when they differ, imports into a copy of the note type and no longer updates
the learner's notes. New fields take a spare one's id and give it a name.

Every side of every template is guarded by the field its card needs (`{{#Field}}…{{/Field}}`):
a card whose field is emptied by a later export renders nothing at all, which is what Anki's
Tools → Empty Cards looks for, instead of half a card with a blank where the question was.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.export.style import CSS

MODEL_ID = 2062645903
MODEL_NAME = "reader: vocabulary"

# Anki sorts and checks duplicates on the first field, so Term comes first. The order is
# fixed: Anki maps fields by position when it updates a note.
FIELDS: tuple[tuple[str, int], ...] = (
    ("Term", 2093004831),
    ("Reading", 1710283382),
    ("Meaning", 1980778869),
    ("Grammar", 1902689779),  # part of speech only: it is shown on the Production front
    ("Sentence", 1101984831),
    ("SentenceTranslation", 1522003209),
    ("SentenceCloze", 1620598280),
    ("Notes", 1111542530),
    ("Source", 1730090541),
    ("Audio", 1808750656),
    ("Image", 1635869548),
    ("TermLang", 1475012824),
    ("MakeProduction", 1697502682),
    ("EntryId", 1606040739),
    ("SentenceReading", 1633188457),  # was Spare1
    ("Forms", 1466212108),  # was Spare2: other forms of the term, answers only
)
FIELD_NAMES: tuple[str, ...] = tuple(name for name, _ in FIELDS)
FIELD_INDEX: dict[str, int] = {name: i for i, name in enumerate(FIELD_NAMES)}

SENTENCE_MODEL_ID = 1873459021
SENTENCE_MODEL_NAME = "reader: sentence"
SENTENCE_FIELDS: tuple[tuple[str, int], ...] = (
    ("Sentence", 1348211307),
    ("SentenceReading", 1186030537),
    ("Translation", 1923557412),
    ("Terms", 1270918653),
    ("Audio", 1696620894),
    ("Source", 1318864202),
    ("Lang", 1749027915),
    ("TranslationLang", 1219855360),
    ("MakeReverse", 1833072649),
    ("SentenceId", 1642389117),
    ("Spare1", 1457288210),
    ("Spare2", 1594311267),
    ("Spare3", 1505521088),
    ("Spare4", 1370996515),
)
SENTENCE_FIELD_NAMES: tuple[str, ...] = tuple(name for name, _ in SENTENCE_FIELDS)
SENTENCE_FIELD_INDEX: dict[str, int] = {name: i for i, name in enumerate(SENTENCE_FIELD_NAMES)}

# The names recipes use in `cards:`; the first two kinds of each note type are its first card.
CARD_KINDS: tuple[str, ...] = (
    "recognition",
    "production",
    "context",
    "sentence",
    "sentence-reverse",
)


@dataclass(frozen=True)
class Template:
    """One card type. `kind` is the name recipes use to switch it on or off."""

    kind: str
    name: str
    id: int
    front: str
    back: str


def _guard(field: str, body: str) -> str:
    return f"{{{{#{field}}}}}{body}{{{{/{field}}}}}"


def _div(cls: str, field: str, attrs: str = "") -> str:
    """A block for `field`, left out when the field is empty."""
    return _guard(field, f'<div class="{cls}"{attrs}>{{{{{field}}}}}</div>')


_ANSWER = '<hr id="answer">'
_TERM = '<div class="term" lang="{{TermLang}}" dir="auto">{{Term}}</div>'
_READING = _div("reading", "Reading")
_MEANING = _div("meaning", "Meaning", ' dir="auto"')
_GRAMMAR = _div("grammar", "Grammar")
_FORMS = _div("forms", "Forms", ' lang="{{TermLang}}" dir="auto"')
_SENTENCE = _div("sentence", "Sentence", ' lang="{{TermLang}}" dir="auto"')
_SENTENCE_READING = _div("sentence-reading", "SentenceReading")
_TRANSLATION = _div("translation", "SentenceTranslation", ' dir="auto"')
_NOTES = _div("notes", "Notes", ' dir="auto"')
_IMAGE = _div("image", "Image")
_AUDIO = _div("audio", "Audio")
_SOURCE = _div("source", "Source")

# Production and Context cards exist only when their switch field has content: Anki makes
# no card whose front renders no field. That is how a recipe turns them on per note.
TEMPLATES: tuple[Template, ...] = (
    Template(
        "recognition",
        "Recognition",
        1668156839,
        front=_guard("Term", _TERM + _SENTENCE),
        back=_guard(
            "Term",
            "{{FrontSide}}"
            + _ANSWER
            + _READING
            + _MEANING
            + _GRAMMAR
            + _FORMS
            + _SENTENCE_READING
            + _TRANSLATION
            + _NOTES
            + _IMAGE
            + _AUDIO
            + _SOURCE,
        ),
    ),
    Template(
        "production",
        "Production",
        1258936962,
        # Only what does not give the term away: its meaning, part of speech and the
        # translated sentence (never `Forms`, which are spellings of the answer).
        front=_guard(
            "MakeProduction",
            '<div class="prompt">→ {{TermLang}}</div>' + _MEANING + _GRAMMAR + _TRANSLATION,
        ),
        back=_guard(
            "MakeProduction",
            "{{FrontSide}}"
            + _ANSWER
            + _TERM
            + _READING
            + _FORMS
            + _SENTENCE
            + _SENTENCE_READING
            + _NOTES
            + _IMAGE
            + _AUDIO
            + _SOURCE,
        ),
    ),
    Template(
        "context",
        "Context",
        1894416021,
        front=_guard(
            "SentenceCloze",
            '<div class="sentence" lang="{{TermLang}}" dir="auto">{{SentenceCloze}}</div>'
            + _TRANSLATION,
        ),
        back=_guard(
            "SentenceCloze",
            _SENTENCE
            + _SENTENCE_READING
            + _TRANSLATION
            + _ANSWER
            + _TERM
            + _READING
            + _MEANING
            + _GRAMMAR
            + _FORMS
            + _NOTES
            + _IMAGE
            + _AUDIO
            + _SOURCE,
        ),
    ),
)

_S_SENTENCE = '<div class="sentence" lang="{{Lang}}" dir="auto">{{Sentence}}</div>'
_S_TRANSLATION = (
    '<div class="translation" lang="{{TranslationLang}}" dir="auto">{{Translation}}</div>'
)
_S_READING = _div("sentence-reading", "SentenceReading")
_S_TERMS = _div("terms", "Terms")
_S_SOURCE = _div("source", "Source")

SENTENCE_TEMPLATES: tuple[Template, ...] = (
    Template(
        "sentence",
        "Sentence → translation",
        1147026611,
        front=_guard("Sentence", _S_SENTENCE),
        back=_guard(
            "Sentence",
            "{{FrontSide}}"
            + _S_READING
            + _ANSWER
            + _guard("Translation", _S_TRANSLATION)
            + _S_TERMS
            + _div("audio", "Audio")
            + _S_SOURCE,
        ),
    ),
    Template(
        "sentence-reverse",
        "Translation → sentence",
        1530863288,
        front=_guard("MakeReverse", _guard("Translation", _S_TRANSLATION)),
        back=_guard(
            "MakeReverse",
            "{{FrontSide}}"
            + _ANSWER
            + _S_SENTENCE
            + _S_READING
            + _S_TERMS
            + _div("audio", "Audio")
            + _S_SOURCE,
        ),
    ),
)

__all__ = [
    "CARD_KINDS",
    "CSS",
    "FIELDS",
    "FIELD_INDEX",
    "FIELD_NAMES",
    "MODEL_ID",
    "MODEL_NAME",
    "SENTENCE_FIELDS",
    "SENTENCE_FIELD_INDEX",
    "SENTENCE_FIELD_NAMES",
    "SENTENCE_MODEL_ID",
    "SENTENCE_MODEL_NAME",
    "SENTENCE_TEMPLATES",
    "TEMPLATES",
    "Template",
]
