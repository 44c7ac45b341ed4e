"""Our one Anki note type: its fields, card templates and styling, with ids fixed forever.

Anki identifies a note type, its fields and its templates by id, not by name. They are fixed
constants here so that renaming a field or a card type in a later version updates the user's
note type instead of splitting their collection into two. Never change an id; add fields by
giving a spare one a name.
"""

from __future__ import annotations

from dataclasses import dataclass

MODEL_ID = 2062645903
MODEL_NAME = "reader: vocabulary"

# Anki sorts and checks duplicates on the first field, so Term comes first. The order is
# fixed: Anki maps fields by position when it updates a note.
FIELDS: tuple[tuple[str, int], ...] = (
    ("Term", 2093004831),
    ("Reading", 1710283382),
    ("Meaning", 1980778869),
    ("Grammar", 1902689779),
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
    ("Spare1", 1633188457),
    ("Spare2", 1466212108),
)
FIELD_NAMES: tuple[str, ...] = tuple(name for name, _ in FIELDS)
FIELD_INDEX: dict[str, int] = {name: i for i, name in enumerate(FIELD_NAMES)}

CARD_KINDS: tuple[str, ...] = ("recognition", "production", "context")


@dataclass(frozen=True)
class Template:
    """One card type. `kind` is the name recipes use to switch it on or off."""

    kind: str
    name: str
    id: int
    front: str
    back: str


_TERM = '<div class="term" lang="{{TermLang}}" dir="auto">{{Term}}</div>'
_READING = '{{#Reading}}<div class="reading">{{Reading}}</div>{{/Reading}}'
_MEANING = '<div class="meaning" dir="auto">{{Meaning}}</div>'
_GRAMMAR = '{{#Grammar}}<div class="grammar">{{Grammar}}</div>{{/Grammar}}'
_SENTENCE = (
    '{{#Sentence}}<div class="sentence" lang="{{TermLang}}" dir="auto">{{Sentence}}</div>'
    "{{/Sentence}}"
)
_TRANSLATION = (
    '{{#SentenceTranslation}}<div class="translation" dir="auto">{{SentenceTranslation}}</div>'
    "{{/SentenceTranslation}}"
)
_NOTES = '{{#Notes}}<div class="notes" dir="auto">{{Notes}}</div>{{/Notes}}'
_MEDIA = '{{#Image}}<div class="image">{{Image}}</div>{{/Image}}{{Audio}}'
_SOURCE = '{{#Source}}<div class="source">{{Source}}</div>{{/Source}}'
_ANSWER = '<hr id="answer">'

# Production and Context cards exist only when their switch field has content: Anki makes
# no card whose front renders no field. That is how a recipe turns them on per note.
TEMPLATES: tuple[Template, ...] = (
    Template(
        "recognition",
        "Recognition",
        1668156839,
        front=_TERM + _SENTENCE,
        back="{{FrontSide}}"
        + _ANSWER
        + _READING
        + _MEANING
        + _GRAMMAR
        + _TRANSLATION
        + _NOTES
        + _MEDIA
        + _SOURCE,
    ),
    Template(
        "production",
        "Production",
        1258936962,
        front='{{#MakeProduction}}<div class="prompt">→ {{TermLang}}</div>'
        + _MEANING
        + _GRAMMAR
        + "{{/MakeProduction}}",
        back="{{FrontSide}}"
        + _ANSWER
        + _TERM
        + _READING
        + _SENTENCE
        + _TRANSLATION
        + _NOTES
        + _MEDIA
        + _SOURCE,
    ),
    Template(
        "context",
        "Context",
        1894416021,
        front='{{#SentenceCloze}}<div class="sentence" lang="{{TermLang}}" dir="auto">'
        "{{SentenceCloze}}</div>" + _TRANSLATION + "{{/SentenceCloze}}",
        back=_SENTENCE
        + _TRANSLATION
        + _ANSWER
        + _TERM
        + _READING
        + _MEANING
        + _GRAMMAR
        + _NOTES
        + _MEDIA
        + _SOURCE,
    ),
)

# Theme colours are literal here (the app's no-literal-colours rule is for Textual CSS):
# Anki cards carry their own stylesheet. `.nightMode` is what Anki desktop and AnkiMobile set,
# `.night_mode` what older AnkiDroid versions set.
CSS = """\
.card {
  font-family: "Noto Sans", "Segoe UI", "Helvetica Neue", Arial, sans-serif;
  font-size: 20px;
  line-height: 1.5;
  text-align: center;
  color: #1f2328;
  background-color: #fffdf8;
}
.term { font-size: 1.7em; font-weight: 600; }
.reading { color: #57606a; }
.prompt { font-size: 0.75em; color: #57606a; text-transform: uppercase; }
.meaning { font-size: 1.2em; margin-top: 0.3em; }
.grammar { font-size: 0.8em; font-style: italic; color: #57606a; }
.sentence, .translation, .notes { text-align: start; max-width: 40em; margin: 0.8em auto 0; }
.sentence b { color: #9a3412; }
.translation { color: #424a53; }
.translation b { color: #1f2328; }
.cloze { font-weight: bold; color: #0a58ca; }
.notes { font-size: 0.85em; color: #424a53; }
.source { font-size: 0.7em; color: #6e7781; margin-top: 1.2em; }
:lang(zh), :lang(zh-Hans) {
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
    sans-serif;
}
:lang(zh-Hant) { font-family: "Noto Sans CJK TC", "PingFang TC", "Microsoft JhengHei", sans-serif; }
:lang(ja) { font-family: "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", sans-serif; }
:lang(ko) { font-family: "Noto Sans CJK KR", "Apple SD Gothic Neo", "Malgun Gothic", sans-serif; }
:lang(ar), :lang(fa), :lang(ur) {
  font-family: "Noto Naskh Arabic", "Geeza Pro", "Segoe UI", serif;
  font-size: 1.15em;
}
.nightMode.card, .nightMode .card, .night_mode .card {
  color: #e6edf3;
  background-color: #1c1f24;
}
.nightMode .reading, .nightMode .prompt, .nightMode .grammar,
.night_mode .reading, .night_mode .prompt, .night_mode .grammar { color: #9da7b3; }
.nightMode .sentence b, .night_mode .sentence b { color: #f0a868; }
.nightMode .translation, .nightMode .notes,
.night_mode .translation, .night_mode .notes { color: #c9d1d9; }
.nightMode .translation b, .night_mode .translation b { color: #ffffff; }
.nightMode .cloze, .night_mode .cloze { color: #79b8ff; }
.nightMode .source, .night_mode .source { color: #8b949e; }
"""
