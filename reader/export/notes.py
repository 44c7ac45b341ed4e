"""From a glossary entry and its context sentence to the fields of one Anki note."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import genanki

from reader.export.fields import cloze, esc, esc_multiline, gloss_spans, highlight, with_lang
from reader.export.notetype import FIELD_INDEX, FIELD_NAMES
from reader.model import Document, Entry, Segment

# The GUID of a note is derived from this namespace and the entry's permanent id only, never
# from editable text, so editing a term or gloss updates the note Anki already has.
# Changing this string would duplicate every card of every user: it is fixed forever.
GUID_NAMESPACE = "reader-entry"

_TAG_UNSAFE = re.compile(r"\s+")


def note_guid(entry_id: str) -> str:
    return str(genanki.guid_for(GUID_NAMESPACE, entry_id))


@dataclass(frozen=True)
class Occurrence:
    """The sentence that gives an entry its context, and where the term sits in it.

    `span` is None when the sentence is known (recorded on the entry) but the term could not
    be found in it, e.g. after the learner corrected the term's spelling.
    """

    document: Document
    segment_index: int
    sentence: int
    span: tuple[int, int] | None

    @property
    def segment(self) -> Segment:
        return self.document.segments[self.segment_index]

    @property
    def text(self) -> str:
        return self.segment.source.sentences[self.sentence]

    def translation(self) -> str:
        """The target sentence(s) linked to this sentence; empty when there are none."""
        seg = self.segment
        if seg.target is None or not seg.target.sentences:
            return ""
        return seg.target.sep.join(seg.target.sentences[t] for t in seg.counterparts(self.sentence))

    def source_label(self) -> str:
        """`Title · ¶3, sentence 2`: paragraphs are counted as a reader counts them."""
        seg = self.segment
        n = sum(1 for s in self.document.segments[: self.segment_index + 1] if s.kind == seg.kind)
        where = f"¶{n}" if seg.kind == "paragraph" else f"{seg.kind} {n}"
        return f"{self.document.title} · {where}, sentence {self.sentence + 1}"


@dataclass(frozen=True)
class ExportNote:
    """One note as written to a deck: its GUID, its fields in note-type order, its tags."""

    guid: str
    entry_id: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]

    def field(self, name: str) -> str:
        return self.fields[FIELD_INDEX[name]]

    @property
    def card_ords(self) -> tuple[int, ...]:
        """The templates that give this note a card: Anki makes one when the front renders
        a field, so Recognition always, Production and Context when their switch is set."""
        ords = [0]
        if self.field("MakeProduction") and self.field("Meaning"):
            ords.append(1)
        if self.field("SentenceCloze"):
            ords.append(2)
        return tuple(ords)

    @property
    def digest(self) -> str:
        """What decides "changed" between two exports: every field and the tags."""
        text = "\x1f".join(self.fields) + "\x1e" + "\x1f".join(self.tags)
        return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


def build_note(
    entry: Entry,
    occurrence: Occurrence | None,
    *,
    production: bool,
    context_card: bool,
    meaning_lang: str | None = None,
) -> ExportNote:
    """The note for `entry`; `entry.id` must be set.

    `production` and `context_card` are the recipe's switches; a Production card is made
    only for entries that ask for one and have a meaning to ask from.
    """
    if not entry.id:
        raise ValueError(f"entry {entry.term!r} has no id")
    values = dict.fromkeys(FIELD_NAMES, "")
    values["Term"] = esc(entry.term.strip())
    values["Reading"] = esc(entry.reading.strip())
    values["Meaning"] = with_lang(esc("; ".join(g.strip() for g in entry.glosses)), meaning_lang)
    values["Grammar"] = _grammar(entry)
    values["Notes"] = esc_multiline(entry.note)
    values["TermLang"] = esc(entry.lang)
    values["EntryId"] = esc(entry.id)
    if production and entry.production and entry.glosses:
        values["MakeProduction"] = "y"
    if occurrence is not None:
        sentence = occurrence.text
        translation = occurrence.translation()
        target_lang = occurrence.document.target_lang
        span = occurrence.span
        values["Sentence"] = highlight(sentence, [span] if span else [])
        values["SentenceTranslation"] = with_lang(
            highlight(translation, gloss_spans(translation, entry.glosses)), target_lang
        )
        if context_card and span is not None:
            values["SentenceCloze"] = cloze(sentence, span)
        values["Source"] = esc(occurrence.source_label())
    tags = tuple(dict.fromkeys(_TAG_UNSAFE.sub("_", t.strip()) for t in entry.tags if t.strip()))
    return ExportNote(note_guid(entry.id), entry.id, tuple(values.values()), tags)


def _grammar(entry: Entry) -> str:
    parts = []
    if entry.pos.strip():
        parts.append(esc(entry.pos.strip()))
    if entry.forms:
        parts.append("forms: " + esc(", ".join(f.strip() for f in entry.forms)))
    return " · ".join(parts)
