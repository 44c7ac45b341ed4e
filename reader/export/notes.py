"""From a glossary entry and its context sentence to the fields of one Anki note."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from typing import Literal

import genanki

from reader.export.fields import (
    CLOZE_BLANK,
    cloze,
    esc,
    esc_multiline,
    gloss_spans,
    highlight,
    split_glosses,
    with_lang,
)
from reader.export.notetype import FIELD_INDEX, FIELD_NAMES, MODEL_ID
from reader.export.readings import Readings
from reader.export.speech import Speech
from reader.model import Document, Entry, Segment, Text

# The GUID of a note is derived from this namespace and the entry's permanent id only, never
# from editable text, so editing a term or gloss updates the note Anki already has.
# Changing this string would duplicate every card of every user: it is fixed forever.
GUID_NAMESPACE = "reader-entry"

Side = Literal["source", "target"]

_TAG_UNSAFE = re.compile(r"[\s\"]+")
_SLUG_UNSAFE = re.compile(r"[^\w\-]+")
_CUE_WORDS = 4
_CUE_CHARS = 30


def note_guid(entry_id: str) -> str:
    return str(genanki.guid_for(GUID_NAMESPACE, entry_id))


@lru_cache(maxsize=256)
def tag_slug(text: str, limit: int = 60) -> str:
    """A title as an Anki tag: no spaces or `::`, cut at a word boundary."""
    slug = _SLUG_UNSAFE.sub("_", text).strip("_")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("_", 1)[0] or slug[:limit]
    return slug or "untitled"


@dataclass(frozen=True)
class Occurrence:
    """The sentence that gives an entry its context, and where the term sits in it.

    `side` says which side of the segment the sentence is on: an entry in the language of
    a document's translation has its sentence there, and the original as its translation.
    `span` is None when the sentence is known (recorded on the entry) but the term could not
    be found in it, e.g. after the learner corrected the term's spelling. A term found twice
    in its sentence is marked (and blanked) twice: a blank beside the answer asks nothing.
    """

    document: Document
    segment_index: int
    sentence: int
    span: tuple[int, int] | None
    side: Side = "source"
    more: tuple[tuple[int, int], ...] = ()  # the term's other places in the same sentence

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        return () if self.span is None else (self.span, *self.more)

    @property
    def segment(self) -> Segment:
        return self.document.segments[self.segment_index]

    @property
    def _texts(self) -> tuple[Text | None, Text | None]:
        seg = self.segment
        return (seg.source, seg.target) if self.side == "source" else (seg.target, seg.source)

    @property
    def text(self) -> str:
        mine = self._texts[0]
        assert mine is not None
        return mine.sentences[self.sentence]

    @property
    def lang(self) -> str:
        if self.side == "target" and self.document.target_lang:
            return self.document.target_lang
        return self.document.segment_lang(self.segment)

    @property
    def translation_lang(self) -> str | None:
        if self.side == "target":
            return self.document.segment_lang(self.segment)
        return self.document.target_lang

    def translation(self) -> str:
        """The sentence(s) linked to this one on the other side; empty when there are none.

        `Segment.counterparts` and `sources_of` are the one rule the reading view uses too.
        """
        seg = self.segment
        other = self._texts[1]
        if other is None or not other.sentences or not seg.bilingual:
            return ""
        linked = (
            seg.counterparts(self.sentence)
            if self.side == "source"
            else seg.sources_of(self.sentence)
        )
        return other.sep.join(other.sentences[i] for i in linked)

    def source_label(self) -> str:
        """`Title · ¶3, sentence 2`: paragraphs are counted as a reader counts them."""
        return f"{self.document.title}{self._where()}"

    def source_html(self) -> str:
        """The label as HTML, the title isolated (`bdi`) so an Arabic title does not carry
        the paragraph number and sentence with it into right-to-left order."""
        return f"<bdi>{esc(self.document.title)}</bdi>{esc(self._where())}"

    def _where(self) -> str:
        seg = self.segment
        n = _ordinals(self.document)[self.segment_index]
        where = f"¶{n}" if seg.kind == "paragraph" else f"{seg.kind} {n}"
        side = " of the translation" if self.side == "target" else ""
        return f" · {where}, sentence {self.sentence + 1}{side}"


_ORDINALS: dict[int, tuple[Document, tuple[int, ...]]] = {}


def _ordinals(doc: Document) -> tuple[int, ...]:
    """Each segment's number among the segments of its kind (¶3 is the third paragraph).

    Counted once per document: a card per entry of a 5,000-paragraph book must not count
    the book again. Kept by identity for the few documents of the current export.
    """
    cached = _ORDINALS.get(id(doc))
    if cached is not None and cached[0] is doc:
        return cached[1]
    counts: dict[str, int] = {}
    numbers = []
    for seg in doc.segments:
        counts[seg.kind] = counts.get(seg.kind, 0) + 1
        numbers.append(counts[seg.kind])
    if len(_ORDINALS) > 64:
        _ORDINALS.clear()
    _ORDINALS[id(doc)] = (doc, tuple(numbers))
    return _ORDINALS[id(doc)][1]


@dataclass(frozen=True)
class ExportNote:
    """One note as written to a deck: its GUID, its fields in note-type order, its tags.

    `progress` holds the status and level tags. They are written with the note, but are not
    part of its `digest`: `reader anki sync` sets statuses from Anki's own intervals, and
    the note must not be rewritten in Anki (losing the learner's tags and edits there) only
    because Anki's progress came back to the glossary. `sounds` are the (text, language) pairs
    its Audio fields speak, for rendering files. `deck` is a sub-deck name, if any.
    """

    guid: str
    key: str
    label: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    progress: tuple[str, ...] = ()
    model_id: int = MODEL_ID
    deck: str | None = None
    sounds: tuple[tuple[str, str], ...] = ()

    @property
    def entry_id(self) -> str:
        return self.key

    def field(self, name: str) -> str:
        from reader.export.notetype import SENTENCE_FIELD_INDEX

        index = FIELD_INDEX if self.model_id == MODEL_ID else SENTENCE_FIELD_INDEX
        return self.fields[index[name]]

    @property
    def all_tags(self) -> tuple[str, ...]:
        return (*self.tags, *self.progress)

    @cached_property
    def card_ords(self) -> tuple[int, ...]:
        """The templates that give this note a card: Anki makes one when the front renders
        a field, so Recognition always, Production and Context when their switch is set."""
        if self.model_id != MODEL_ID:
            return (0, 1) if self.field("MakeReverse") and self.field("Translation") else (0,)
        ords = [0]
        if self.field("MakeProduction"):
            ords.append(1)
        if self.field("SentenceCloze"):
            ords.append(2)
        return tuple(ords)

    @cached_property
    def digest(self) -> str:
        """What decides "changed" between two exports: every field and the content tags."""
        text = "\x1f".join(self.fields) + "\x1e" + "\x1f".join(self.tags)
        return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


@dataclass(frozen=True)
class NoteOptions:
    """What a recipe decides about every note: card switches, readings, sound, sub-decks."""

    production: bool = True
    context_card: bool = True
    readings: Readings | None = field(default_factory=Readings)
    speech: Speech = field(default_factory=Speech)
    subdeck_of: str | None = None  # parent deck name when each document gets a sub-deck


@cache
def _default_options() -> NoteOptions:
    """One set of defaults for notes built without options: its readings remember the
    dictionaries' answers, which a set made per note would look up again and again."""
    return NoteOptions()


def tag_name(tag: str) -> str:
    """A glossary tag as an Anki tag: Anki splits tags on spaces."""
    return _TAG_UNSAFE.sub("_", tag.strip())


def content_tags(entry_tags: tuple[str, ...], lang: str, doc: Document | None) -> tuple[str, ...]:
    tags = [tag_name(t) for t in entry_tags if t.strip()]
    tags.append(f"reader::lang::{lang}")
    if doc is not None:
        tags.append(f"reader::doc::{tag_slug(doc.title)}")
    return tuple(dict.fromkeys(tags))


def progress_tags(entry: Entry) -> tuple[str, ...]:
    tags = [f"reader::status::{entry.status}"]
    if entry.level is not None and entry.status == "learning":
        tags.append(f"reader::level::{entry.level}")
    return tuple(tags)


def cue(entry: Entry) -> str:
    """The first gloss, or its first words: what stands in the blank when there is no
    translation to give the sentence its meaning."""
    glosses = split_glosses(entry.glosses)
    if not glosses:
        return ""
    first = glosses[0]
    words = first.split()
    if len(words) > _CUE_WORDS:
        first = " ".join(words[:_CUE_WORDS]) + " …"
    elif len(first) > _CUE_CHARS and len(words) == 1:
        first = first[:_CUE_CHARS] + "…"
    return first


def sense_term(term: str, sense: int) -> str:
    """The Term field: Anki checks duplicates on it, so a second sense of a term carries its
    number (bank¹, bank²), which stays in the field when Anki strips the markup."""
    if sense <= 0:
        return esc(term)
    return f'{esc(term)}<sup class="sense">{sense}</sup>'


def build_note(
    entry: Entry,
    occurrence: Occurrence | None,
    *,
    production: bool | None = None,
    context_card: bool | None = None,
    meaning_lang: str | None = None,
    options: NoteOptions | None = None,
    sense: int = 0,
) -> ExportNote:
    """The note for `entry`; `entry.id` must be set.

    `production` and `context_card` are the recipe's switches; a Production card is made
    only for entries that ask for one and have a meaning to ask from. `sense` numbers the
    entries that share a term (0 when the term is unique).
    """
    if not entry.id:
        raise ValueError(f"entry {entry.term!r} has no id")
    opts = options or _default_options()
    production = opts.production if production is None else production
    context_card = opts.context_card if context_card is None else context_card
    readings = opts.readings
    speech = opts.speech
    term = entry.term.strip()
    values = dict.fromkeys(FIELD_NAMES, "")
    values["Term"] = sense_term(term, sense)
    if entry.reading.strip():
        values["Reading"] = esc(entry.reading.strip())
    elif readings is not None:
        values["Reading"] = readings.term(term, entry.lang)
    values["Meaning"] = with_lang(esc("; ".join(g.strip() for g in entry.glosses)), meaning_lang)
    values["Grammar"] = esc(entry.pos.strip())
    values["Forms"] = esc(", ".join(f.strip() for f in entry.forms if f.strip()))
    values["Notes"] = esc_multiline(entry.note)
    values["TermLang"] = esc(entry.lang)
    values["EntryId"] = esc(entry.id)
    if production and entry.production and entry.glosses:
        values["MakeProduction"] = "y"
    sounds = [(term, entry.lang)]
    if occurrence is not None:
        sentence = occurrence.text
        translation = occurrence.translation()
        spans = occurrence.spans
        values["Sentence"] = highlight(sentence, spans)
        if readings is not None:
            values["SentenceReading"] = readings.sentence(sentence, occurrence.lang, spans)
        values["SentenceTranslation"] = with_lang(
            highlight(translation, gloss_spans(translation, entry.glosses)),
            occurrence.translation_lang,
        )
        if context_card and spans:
            hint = "" if translation.strip() else cue(entry)
            values["SentenceCloze"] = cloze(sentence, spans, hint, meaning_lang)
        values["Source"] = occurrence.source_html()
        sounds.append((sentence, occurrence.lang))
    values["Audio"] = " ".join(filter(None, (speech.sound(t, lang) for t, lang in sounds)))
    doc = occurrence.document if occurrence is not None else None
    deck = None
    if opts.subdeck_of is not None and doc is not None:
        deck = f"{opts.subdeck_of}::{deck_part(doc.title)}"
    return ExportNote(
        guid=note_guid(entry.id),
        key=entry.id,
        label=term if sense <= 0 else f"{term} ({sense})",
        fields=tuple(values.values()),
        tags=content_tags(entry.tags, entry.lang, doc),
        progress=progress_tags(entry),
        deck=deck,
        sounds=tuple(sounds) if speech.mode == "files" else (),
    )


def deck_part(title: str) -> str:
    # `::` separates deck levels in Anki; a title holding one must not open a sub-sub-deck.
    return " ".join(title.replace("::", ":").split()) or "untitled"


__all__ = [
    "CLOZE_BLANK",
    "ExportNote",
    "NoteOptions",
    "Occurrence",
    "Side",
    "build_note",
    "note_guid",
]
