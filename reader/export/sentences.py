"""Sentence cards: a whole aligned pair, sentence → its translation (and back).

One note per translated sentence that holds a glossary term of the deck, with every such
term marked and listed with its meaning. Its GUID comes from the document, the segment's
stable id, the side and the sentence's place, so re-exporting updates the same note.
"""

from __future__ import annotations

import genanki

from reader.export.contexts import SentenceKey
from reader.export.fields import esc, gloss_spans, highlight
from reader.export.notes import ExportNote, NoteOptions, Occurrence, content_tags, deck_part
from reader.export.notetype import SENTENCE_FIELD_NAMES, SENTENCE_MODEL_ID
from reader.model import Document, Entry

SENTENCE_GUID_NAMESPACE = "reader-sentence"  # fixed forever, like the entry namespace
_LABEL = 48


def sentence_guid(doc_id: str, segment_id: str, side: str, sentence: int) -> str:
    return str(genanki.guid_for(SENTENCE_GUID_NAMESPACE, doc_id, segment_id, side, sentence))


def build_sentence_note(
    doc: Document,
    key: SentenceKey,
    terms: list[tuple[Entry, tuple[int, int]]],
    *,
    reverse: bool,
    options: NoteOptions,
) -> ExportNote:
    _doc_id, index, side, sentence = key
    occ = Occurrence(doc, index, sentence, None, side)
    text, translation = occ.text, occ.translation()
    entries = list(dict.fromkeys(entry for entry, _ in terms))
    values = dict.fromkeys(SENTENCE_FIELD_NAMES, "")
    spans = [span for _, span in terms]
    values["Sentence"] = highlight(text, spans)
    if options.readings is not None:
        values["SentenceReading"] = options.readings.sentence(text, occ.lang, spans)
    glosses = [g for entry in entries for g in entry.glosses]
    values["Translation"] = highlight(translation, gloss_spans(translation, glosses))
    gloss_lang = f' lang="{esc(occ.translation_lang)}"' if occ.translation_lang else ""
    items = "".join(
        f'<li><b lang="{esc(e.lang)}">{esc(e.term)}</b>'
        + (f" — <span{gloss_lang}>{esc('; '.join(e.glosses))}</span>" if e.glosses else "")
        + "</li>"
        for e in entries
    )
    values["Terms"] = f"<ul>{items}</ul>"
    values["Audio"] = options.speech.sound(text, occ.lang)
    values["Source"] = occ.source_html()
    values["Lang"] = esc(occ.lang)
    values["TranslationLang"] = esc(occ.translation_lang or "")
    values["MakeReverse"] = "y" if reverse else ""
    seg = occ.segment
    values["SentenceId"] = esc(f"{doc.id}/{seg.id}/{side}/{sentence}")
    label = text if len(text) <= _LABEL else text[: _LABEL - 1].rstrip() + "…"
    deck = None
    if options.subdeck_of is not None:
        deck = f"{options.subdeck_of}::{deck_part(doc.title)}"
    return ExportNote(
        guid=sentence_guid(doc.id, seg.id, side, sentence),
        key=values["SentenceId"],
        label=f"“{label}”",
        fields=tuple(values.values()),
        tags=(*content_tags((), occ.lang, doc), "reader::sentence"),
        model_id=SENTENCE_MODEL_ID,
        deck=deck,
        sounds=((text, occ.lang),) if options.speech.mode == "files" else (),
    )
