"""An original and its translation as two files: paragraphs paired, then sentences aligned.

Each file is read as a plain text first (so hard wrapping, headings and list items are
repaired the same way on both sides), then the paragraph aligner pairs the paragraphs: counts
may differ when one side splits a paragraph in two or merges two. Each bead becomes one
segment, whose sentences are aligned in turn; the links carry the aligner's confidence.
"""

from __future__ import annotations

from reader.align import align_paragraphs, align_sentences
from reader.importers.lines import numbered_lines
from reader.importers.plain import Para, paragraphs
from reader.importers.result import DocumentBuilder, ImportResult, sentences_of
from reader.importers.wrapping import HyphenRule
from reader.languages import detect_language


def import_parallel(
    text: str,
    translation: str,
    *,
    name: str,
    translation_name: str,
    doc_id: str,
    lang: str | None = None,
    to: str | None = None,
    today: str | None = None,
) -> ImportResult:
    src_lang = lang or detect_language(text)
    tgt_lang = to or detect_language(translation)
    src = paragraphs(numbered_lines(text), HyphenRule(text, src_lang))
    tgt = paragraphs(numbered_lines(translation), HyphenRule(translation, tgt_lang))
    builder = DocumentBuilder(name)
    if not tgt:
        builder.report.append(f"{translation_name}: no text found in the translation")
    beads = align_paragraphs([p.text for p in src], [p.text for p in tgt], src_lang, tgt_lang)
    for kind, src_paras, tgt_paras in _segments(beads, src, tgt):
        src_sents = [s for p in src_paras for s in sentences_of(p.text, src_lang, p.kind)]
        tgt_sents = [s for p in tgt_paras for s in sentences_of(p.text, tgt_lang, p.kind)]
        links = align_sentences(src_sents, tgt_sents, src_lang, tgt_lang) if tgt_sents else ()
        builder.add(
            kind,
            src_sents,
            tgt_sents or None,
            source_lang=src_lang,
            target_lang=tgt_lang,
            links=links,
        )
    title = next((p.text for p in src if p.kind in ("title", "heading")), None)
    doc = builder.document(
        doc_id=doc_id,
        title=title,
        source_lang=src_lang,
        target_lang=tgt_lang,
        origin=name,
        translation_origin=translation_name,
        today=today,
    )
    return ImportResult(doc, (), tuple(builder.report))


def _segments(
    beads: list[tuple[tuple[int, ...], tuple[int, ...]]], src: list[Para], tgt: list[Para]
) -> list[tuple[str, list[Para], list[Para]]]:
    """(kind, original paragraphs, translation paragraphs) per segment.

    A translation paragraph the aligner left without an original is kept: it joins the
    segment before it (the one after it, at the very start), never dropped.
    """
    out: list[tuple[str, list[Para], list[Para]]] = []
    orphans: list[Para] = []
    for s_ids, t_ids in one_to_one(beads):
        t_paras = [tgt[j] for j in t_ids]
        if not s_ids:
            if out:
                out[-1][2].extend(t_paras)
            else:
                orphans.extend(t_paras)
            continue
        s_paras = [src[i] for i in s_ids]
        # A heading merged with running text is running text.
        kinds = {p.kind for p in s_paras}
        kind = s_paras[0].kind if len(kinds) == 1 else "paragraph"
        out.append((kind, s_paras, orphans + t_paras))
        orphans = []
    if orphans and out:
        out[-1][2].extend(orphans)
    return out


def one_to_one(
    beads: list[tuple[tuple[int, ...], tuple[int, ...]]],
) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Beads with as many paragraphs on each side (2-2, 3-3) as that many 1-1 beads.

    A length-based aligner takes a short title and the paragraph under it as one 2-2 bead
    as readily as two 1-1 beads; but paragraph breaks are the author's, and translators
    keep them, so equal counts mean pairs. A sentence that really crossed a paragraph
    break shows as a 1-0 and a 0-1 link inside the segments, which the learner can repair.
    """
    out: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    for s_ids, t_ids in beads:
        if len(s_ids) == len(t_ids) > 1:
            out.extend(((i,), (j,)) for i, j in zip(s_ids, t_ids))
        else:
            out.append((s_ids, t_ids))
    return out
