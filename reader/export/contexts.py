"""Which sentence gives each entry its context on the card.

The context is the one recorded on the entry (where the learner noted it); failing that, the
entry's first occurrence in the library, documents in library order. The term's occurrence
inside the sentence is found with the glossary matcher, so an inflected form is found too
(`stifled innovation` for the entry `stifle innovation`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reader.export.notes import Occurrence
from reader.matching import Matcher
from reader.model import Document, Entry


@dataclass
class Found:
    """What the library says about one entry: its context, and the documents it occurs in."""

    occurrence: Occurrence | None = None
    documents: set[str] = field(default_factory=set)


def find_contexts(
    entries: Sequence[Entry],
    lang: str,
    documents: Sequence[Document],
    *,
    need_documents: bool = False,
) -> dict[str, Found]:
    """Context for each entry (all of language `lang`, each with an id), keyed by entry id.

    With `need_documents`, every document of the library is scanned so that `documents`
    lists all the documents each entry occurs in (for recipes limited to some documents);
    otherwise the library is scanned only for entries without a usable recorded context.
    """
    matcher = Matcher(entries, lang)
    by_doc = {doc.id: doc for doc in documents}
    found: dict[str, Found] = {e.id: Found() for e in entries if e.id}
    for entry in entries:
        if entry.id and entry.context is not None:
            found[entry.id].occurrence = _recorded(entry, by_doc, matcher)
    missing = {eid for eid, f in found.items() if f.occurrence is None}
    if not missing and not need_documents:
        return found
    for doc in documents:
        for index, seg in enumerate(doc.segments):
            if doc.segment_lang(seg) != lang or not seg.source.sentences:
                continue
            for match in matcher.find(seg.source.text):
                eid = match.entry.id
                if eid is None or eid not in found:
                    continue
                found[eid].documents.add(doc.id)
                if eid in missing:
                    missing.discard(eid)
                    sentence = seg.source.sentence_at(match.start)
                    start, end = seg.source.spans[sentence]
                    span = (match.start - start, min(match.end, end) - start)
                    found[eid].occurrence = Occurrence(doc, index, sentence, span)
            if not missing and not need_documents:
                return found
    return found


def _recorded(entry: Entry, by_doc: dict[str, Document], matcher: Matcher) -> Occurrence | None:
    """The recorded context, or None when it no longer points at a sentence."""
    ctx = entry.context
    assert ctx is not None
    doc = by_doc.get(ctx.document)
    if doc is None or ctx.segment not in doc.segment_index:
        return None  # the document was removed or re-imported: fall back to a search
    index = doc.segment_index[ctx.segment]
    seg = doc.segments[index]
    if ctx.sentence is not None and 0 <= ctx.sentence < len(seg.source.sentences):
        sentence = ctx.sentence
        spans = [
            (m.start, m.end)
            for m in matcher.find(seg.source.sentences[sentence])
            if m.entry.id == entry.id
        ]
        return Occurrence(doc, index, sentence, spans[0] if spans else None)
    for m in matcher.find(seg.source.text):
        if m.entry.id == entry.id:
            sentence = seg.source.sentence_at(m.start)
            start, end = seg.source.spans[sentence]
            return Occurrence(doc, index, sentence, (m.start - start, min(m.end, end) - start))
    return None
