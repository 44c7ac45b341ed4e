"""Which sentence gives each entry its context on the card, and which sentences hold terms.

The context is the one recorded on the entry (where the learner noted it) while the term still
occurs in it; failing that, the entry's first occurrence in the library, documents in library
order; failing that too, the recorded sentence without the term marked. Terms are looked for
on both sides of a bilingual document: an entry in the translation's language (a Chinese
glossary on an English article translated into Chinese) gets its sentence from the
translation, and the original sentence(s) it translates as its translation. The term's
occurrence is found with the glossary matcher, so an inflected form is found too (`stifled
innovation` for the entry `stifle innovation`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from reader.export.notes import Occurrence, Side
from reader.matching import Matcher
from reader.model import Document, Entry, Segment, Text

SentenceKey = tuple[str, int, Side, int]  # document id, segment index, side, sentence


@dataclass
class Found:
    """What the library says about one entry: its context, and the documents it occurs in."""

    occurrence: Occurrence | None = None
    documents: set[str] = field(default_factory=set)


def _sides(doc: Document, lang: str) -> Iterator[tuple[int, Segment, Side, Text]]:
    """Every paragraph text of `doc` written in `lang`, on either side."""
    for index, seg in enumerate(doc.segments):
        if doc.segment_lang(seg) == lang and seg.source.sentences:
            yield index, seg, "source", seg.source
        if doc.target_lang == lang and seg.target is not None and seg.target.sentences:
            yield index, seg, "target", seg.target


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
    # A recorded sentence that no longer holds the term (it was respelt) is kept only if the
    # term occurs nowhere else.
    missing = {eid for eid, f in found.items() if f.occurrence is None or f.occurrence.span is None}
    if not missing and not need_documents:
        return found
    for doc in documents:
        for index, _seg, side, text in _sides(doc, lang):
            placed: set[str] = set()  # entries whose context is this text: later matches join
            for match in matcher.find(text.text):
                eid = match.entry.id
                if eid is None or eid not in found:
                    continue
                found[eid].documents.add(doc.id)
                sentence = text.sentence_at(match.start)
                start, end = text.spans[sentence]
                span = (match.start - start, min(match.end, end) - start)
                if eid in missing:
                    missing.discard(eid)
                    placed.add(eid)
                    found[eid].occurrence = Occurrence(doc, index, sentence, span, side)
                elif eid in placed:
                    occ = found[eid].occurrence
                    if occ is not None and occ.sentence == sentence:
                        found[eid].occurrence = replace(occ, more=(*occ.more, span))
            if not missing and not need_documents:
                return found
    return found


def _recorded(entry: Entry, by_doc: dict[str, Document], matcher: Matcher) -> Occurrence | None:
    """The recorded context (span None if the term is no longer in it), or None when it no
    longer points at a sentence."""
    ctx = entry.context
    assert ctx is not None
    doc = by_doc.get(ctx.document)
    if doc is None or ctx.segment not in doc.segment_index:
        return None  # the document was removed or re-imported: fall back to a search
    index = doc.segment_index[ctx.segment]
    seg = doc.segments[index]
    side: Side = "source"
    text: Text | None = seg.source
    # The reading view records the sentence of the original even for a term picked in the
    # translation; its sentences there are the ones that translate it.
    if doc.segment_lang(seg) != entry.lang and doc.target_lang == entry.lang:
        side, text = "target", seg.target
    if text is None or not text.sentences:
        return None
    candidates: tuple[int, ...] = ()
    if ctx.sentence is not None and 0 <= ctx.sentence < len(seg.source.sentences):
        candidates = (ctx.sentence,) if side == "source" else seg.counterparts(ctx.sentence)

    def sentences() -> Iterator[int]:
        """The recorded sentence(s), then the paragraph's first sentence holding the term."""
        yield from candidates
        first = next((m for m in matcher.find(text.text) if m.entry.id == entry.id), None)
        if first is not None:
            yield text.sentence_at(first.start)

    for sentence in sentences():
        spans = [
            (m.start, m.end)
            for m in matcher.find(text.sentences[sentence])
            if m.entry.id == entry.id
        ]
        if spans:
            return Occurrence(doc, index, sentence, spans[0], side, tuple(spans[1:]))
    if candidates:
        return Occurrence(doc, index, candidates[0], None, side)
    return None


def sentences_with_terms(
    entries: Sequence[Entry],
    documents: Sequence[Document],
) -> dict[SentenceKey, list[tuple[Entry, tuple[int, int]]]]:
    """Every translated sentence holding one of `entries`, with the terms and where they are.

    For sentence cards: the key is (document id, segment index, side, sentence index), in
    library order; only sentences with a counterpart on the other side are kept.
    """
    by_lang: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_lang[entry.lang].append(entry)
    matchers = {lang: Matcher(group, lang) for lang, group in by_lang.items()}
    out: dict[SentenceKey, list[tuple[Entry, tuple[int, int]]]] = {}
    for doc in documents:
        if not doc.target_lang:
            continue
        for lang, matcher in matchers.items():
            for index, seg, side, text in _sides(doc, lang):
                for match in matcher.find(text.text):
                    sentence = text.sentence_at(match.start)
                    pairs = (
                        seg.counterparts(sentence) if side == "source" else seg.sources_of(sentence)
                    )
                    if not pairs:
                        continue
                    start, end = text.spans[sentence]
                    span = (match.start - start, min(match.end, end) - start)
                    out.setdefault((doc.id, index, side, sentence), []).append((match.entry, span))
    position = {doc.id: i for i, doc in enumerate(documents)}

    def order(key: SentenceKey) -> tuple[int, int, int, int]:
        doc_id, index, side, sentence = key
        return position[doc_id], index, 0 if side == "source" else 1, sentence

    return {key: out[key] for key in sorted(out, key=order)}
