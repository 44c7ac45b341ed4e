"""Books and pages that already carry their translation, paragraph by paragraph.

Two shapes are common, and both pair paragraphs exactly, so only sentences are aligned:

- Immersive Translate puts the translation inside the original's block, in a
  `<font class="notranslate immersive-translate-target-wrapper" lang="zh-CN">` (the walker
  keeps it as the block's `translation`);
- bilingual_book_maker inserts a copy of each translated `<p>` right after its original, so
  the blocks run original, translation, original, translation. We recognise it by language:
  the text has two languages, and most paragraphs of the second directly follow one of the
  first. Headings it leaves untranslated stay one-language segments.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from reader.align import align_sentences
from reader.importers.book import Book, add_block, chapter_blocks
from reader.importers.html_blocks import Block
from reader.importers.result import DocumentBuilder, ImportResult, sentences_of
from reader.languages import detect_language

_UNKNOWN = "?"
# Share of paragraphs that must carry an in-block translation, or follow their original.
_MIN_SHARE = 0.3
_SAMPLE = 200  # paragraphs looked at before deciding a book has one language
_RUN = 10  # ... in runs of this many neighbours


def bilingual_document(
    book: Book,
    *,
    name: str,
    doc_id: str,
    lang: str | None,
    to: str | None,
    today: str | None,
) -> ImportResult | None:
    """The book as a bilingual document, or None when it has one language."""
    blocks = [
        b for n, ch in enumerate(book.chapters) for b in chapter_blocks(ch, n == 0, book.title)
    ]
    paras = [b for b in blocks if b.kind == "paragraph"]
    if not paras:
        return None
    if sum(1 for b in paras if b.translation) >= max(1, _MIN_SHARE * len(paras)):
        pairs = [(b, b.translation or None) for b in blocks]
        src = lang or detect_language("\n".join(b.text for b in paras))
        tgt = to or detect_language("\n".join(b.translation for b in paras if b.translation))
        how = "translations inside the original blocks (Immersive Translate)"
    else:
        found = _sibling_pairs(blocks, lang, to)
        if found is None:
            return None
        pairs, src, tgt = found
        how = "each translated paragraph after its original (bilingual_book_maker)"
    builder = DocumentBuilder(name)
    builder.report.extend(book.report)
    paired = 0
    for block, translation in pairs:
        if not translation:
            add_block(builder, block, src)
            continue
        paired += 1
        src_sents = sentences_of(block.text, src, block.kind)
        tgt_sents = sentences_of(translation, tgt, block.kind)
        links = align_sentences(src_sents, tgt_sents, src, tgt)
        add_block(builder, block, src, tgt_sents, tgt, links)
    builder.report.append(f"bilingual: {paired} paragraphs paired, {how}")
    doc = builder.document(
        doc_id=doc_id,
        title=book.title,
        byline=book.author,
        source_lang=src,
        target_lang=tgt,
        origin=name,
        today=today,
    )
    return ImportResult(doc, (), tuple(builder.report))


def _two_languages(paras: Sequence[Block]) -> bool:
    """Whether a sample of paragraphs, spread over the book, holds two languages in strength:
    telling each paragraph's language costs more than the rest of an import, so a
    one-language book is let go after a sample."""
    # Runs of neighbours, not every n-th paragraph: with an even step, every n-th paragraph
    # of a book alternating original and translation is an original.
    runs = max(1, _SAMPLE // _RUN)
    starts = range(0, len(paras), max(_RUN, len(paras) // runs))
    sample = [b for k in starts for b in paras[k : k + _RUN]]
    found = Counter(detect_language(b.text, default=_UNKNOWN) for b in sample)
    found.pop(_UNKNOWN, None)
    total = sum(found.values())
    return len(found) >= 2 and found.most_common(2)[1][1] >= 0.2 * total


def _sibling_pairs(
    blocks: Sequence[Block], lang: str | None, to: str | None
) -> tuple[list[tuple[Block, str | None]], str, str] | None:
    if not _two_languages([b for b in blocks if b.kind == "paragraph"]):
        return None
    langs = [
        detect_language(b.text, default=_UNKNOWN) if b.kind in ("paragraph", "heading") else None
        for b in blocks
    ]
    para_langs = Counter(
        lg for b, lg in zip(blocks, langs) if b.kind == "paragraph" and lg != _UNKNOWN
    )
    if len(para_langs) < 2:
        return None
    (first, n_first), (second, n_second) = para_langs.most_common(2)
    follows = Counter(
        (langs[i], langs[i + 1])
        for i in range(len(blocks) - 1)
        if blocks[i].kind == blocks[i + 1].kind == "paragraph"
        and {langs[i], langs[i + 1]} == {first, second}
    )
    src, tgt = (
        (first, second) if follows[(first, second)] >= follows[(second, first)] else (second, first)
    )
    if follows[(src, tgt)] < max(2, _MIN_SHARE * min(n_first, n_second)):
        return None
    out: list[tuple[Block, str | None]] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if (
            nxt is not None
            and block.kind == nxt.kind
            and block.kind in ("paragraph", "heading")
            and langs[i] == src
            and langs[i + 1] == tgt
        ):
            out.append((block, nxt.text))
            i += 2
            continue
        if out and out[-1][1] is not None and langs[i] == tgt and block.kind == "paragraph":
            # A translation in two paragraphs: the second joins the first.
            prev, text = out[-1]
            out[-1] = (prev, f"{text}\n{block.text}")
            i += 1
            continue
        out.append((block, None))
        i += 1
    # Detected languages pair the blocks; languages the user gave name them.
    return out, lang or str(src), to or str(tgt)
