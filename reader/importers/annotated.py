"""Annotated bilingual Markdown: an original, its translation and vocabulary notes in one file.

The model is a learner's study file: `# title`, a subtitle line, an image, an italic byline,
then blocks of `原文：` (the original, hard-wrapped, a blank line after every line), the
translation paragraph, and `学习：` notes (`term：gloss；gloss`), ending with `## 后记`.
Learners vary it, and all of these are read the same way:

- labels 原文/译文/翻译/学习/词汇/生词/重点词汇 or Original/Translation/Vocabulary/Notes,
  with `：` or `:`, alone on their line or followed by text;
- no labels at all: paragraphs alternate between the two languages;
- notes in any hand `reader.importers.notes` reads, between the original and the
  translation, after the translation, or collected at the end of the file;
- vocabulary marked in the text with `**bold**`, `★` or `[n]`.

Reading happens in three steps: the two languages are detected from all the content lines
(`labels`); a first pass groups the lines into titles, headings, postscripts and units of
original + translation + notes (`units`); the second pass, here, splits sentences, aligns
them, builds the segments, and places each note in the segment it belongs to.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import partial

from reader.align import align_paragraphs, align_sentences
from reader.align.keys import has_dictionary, sentence_tokens
from reader.importers.labels import SideOf, detect_languages
from reader.importers.lines import Line, ends_clause, ends_sentence, numbered_lines
from reader.importers.notes import Marker, Note, glosses_in_commentary, strip_markers
from reader.importers.parallel import one_to_one
from reader.importers.placing import Occurrences
from reader.importers.plain import block_paragraphs
from reader.importers.repair import repair_lines
from reader.importers.result import DocumentBuilder, ImportResult, sentences_of
from reader.importers.units import Item, LineReader, Postscript, Struct, Unit
from reader.importers.wrapping import HyphenRule, join_lines
from reader.languages import detect_language, dominant_script
from reader.model import Context, Entry, Segment

# A paragraph ready for sentence splitting: text without marks, the marks, its first line.
_Para = tuple[str, list[Marker], int]


def import_annotated(
    text: str,
    *,
    name: str,
    doc_id: str,
    lang: str | None = None,
    to: str | None = None,
    today: str | None = None,
) -> ImportResult:
    lines = repair_lines(numbered_lines(text))
    # Lines are told apart, split and aligned by the detected languages; `lang` and `to`
    # (which may be regional, "en-GB") only name them in the document and its entries.
    detected_src, detected_tgt, scripts = detect_languages(lines)
    source_lang = lang or detected_src
    target_lang = to or detected_tgt
    reader = LineReader(lines, SideOf(detected_src, detected_tgt, scripts))
    if detected_tgt is None and any(isinstance(i, Unit) and i.tgt for i in reader.items):
        # Labelled translations in the original's own language (a simplified retelling):
        # still translations, never dropped.
        detected_tgt = detected_src
        target_lang = to or source_lang
    builder = DocumentBuilder(name)
    build = _Build(builder, text, detected_src, detected_tgt, source_lang, target_lang)
    for item in reader.items:
        build.item(item)
    segments = builder.segments
    entries = _place_notes(reader, build, segments, doc_id)
    title = next(
        (i.text for i in reader.items if isinstance(i, Struct) and i.kind == "title"), None
    )
    subtitle = next(
        (i.text for i in reader.items if isinstance(i, Struct) and i.kind == "subtitle"), None
    )
    byline = next(
        (i.text for i in reader.items if isinstance(i, Struct) and i.kind == "byline"), None
    )
    doc = builder.document(
        doc_id=doc_id,
        title=title,
        subtitle=subtitle,
        byline=byline,
        source_lang=source_lang,
        target_lang=target_lang,
        origin=name,
        today=today,
    )
    return ImportResult(doc, entries, tuple(builder.report))


class _Build:
    """The second pass: sentences, alignment and segments for each item."""

    def __init__(
        self,
        builder: DocumentBuilder,
        text: str,
        source_lang: str,
        target_lang: str | None,
        source_code: str,
        target_code: str | None,
    ) -> None:
        self.b = builder
        self.hyphens = HyphenRule(text, source_lang)
        self.tgt_hyphens = HyphenRule(text, target_lang)
        self.src = source_lang  # detected: what splitting and alignment work with
        self.tgt = target_lang
        self.src_code = source_code  # as the caller named them: what the document says
        self.tgt_code = target_code
        self.seen_source = False

    def code(self, lang: str | None) -> str | None:
        """The caller's name for a detected language."""
        if lang == self.src:
            return self.src_code
        return self.tgt_code if lang is not None and lang == self.tgt else lang

    def lang_of(self, text: str) -> str | None:
        """The segment language override for one-language text: None when it is the source's."""
        detected = detect_language(text[:300])
        return self.code(detected) if detected != self.src else None

    def item(self, item: Item) -> None:
        if isinstance(item, Struct):
            self.struct(item)
        elif isinstance(item, Postscript):
            for para in _paragraphs(item.lines):
                body = join_lines([line.text for line in para], self.hyphens)
                body, _ = strip_markers(body)
                lang = self.lang_of(body)
                self.b.add(
                    "postscript",
                    sentences_of(body, lang or self.src),
                    source_lang=lang or self.src,
                    lang=lang,
                )
        else:
            self.unit(item)

    def struct(self, item: Struct) -> None:
        if item.kind == "note":
            self.b.keep_as_note(item.line, item.text, item.why, None)
            return
        text, _ = strip_markers(item.text) if item.kind != "image" else (item.text, [])
        lang = None if item.kind == "image" else self.lang_of(text)
        target = strip_markers(item.target)[0] if item.target else None
        if target and lang is None and self.tgt:
            self.bilingual(item.kind, [text], [target])
            return
        self.b.add(item.kind, [text], source_lang=lang or self.src, lang=lang)
        if target:  # a "translation" of a line that was not in the original's language
            other = self.lang_of(target)
            self.b.add(item.kind, [target], source_lang=other or self.src, lang=other)

    def bilingual(
        self, kind: str, src: Sequence[str], tgt: Sequence[str], glossary: Sequence[Entry] = ()
    ) -> Segment:
        assert self.tgt is not None
        links = align_sentences(src, tgt, self.src, self.tgt, glossary=glossary)
        return self.b.add(kind, src, tgt, source_lang=self.src, target_lang=self.tgt, links=links)

    def unit(self, unit: Unit) -> None:
        glossary = [_entry(note, self.src) for note in unit.notes]  # the aligner skips others
        src_paras = [self.paragraph(p, self.hyphens) for p in self.split(unit.src, unit)]
        tgt_paras = [self.paragraph(p, self.tgt_hyphens) for p in self.split(unit.tgt, unit)]
        if not src_paras:
            if not self.seen_source:
                # Text in the translation's language before any original: the page's
                # chrome (a site name, a date, a reading tip), not study text.
                for text, _markers, line in tgt_paras:
                    self.b.keep_as_note(line, text, "before the study text", None)
                return
            # A translation without an original (a translator's remark): one-language text.
            for text, _markers, _line in tgt_paras:
                lang = self.lang_of(text)
                self.b.add(
                    "paragraph",
                    sentences_of(text, lang or self.src),
                    source_lang=lang or self.src,
                    lang=lang,
                )
                unit.segments.append(len(self.b.segments) - 1)
            return
        self.seen_source = True
        pairs: list[tuple[list[_Para], list[_Para]]]
        if not tgt_paras or self.tgt is None:
            pairs = [([p], []) for p in src_paras]
        elif len(src_paras) == len(tgt_paras):
            pairs = [([s], [t]) for s, t in zip(src_paras, tgt_paras)]
        else:
            beads = align_paragraphs(
                [p[0] for p in src_paras], [p[0] for p in tgt_paras], self.src, self.tgt
            )
            beads = trim_beads(one_to_one(beads), src_paras, tgt_paras, self.word_share)
            beads = move_to_neighbour(beads, src_paras, tgt_paras, self.back_share)
            pairs = _merge_beads(beads, src_paras, tgt_paras)
        for srcs, tgts in pairs:
            src_sents = [s for text, _m, _l in srcs for s in sentences_of(text, self.src)]
            tgt_sents = [s for text, _m, _l in tgts for s in sentences_of(text, self.tgt)]
            if not srcs:
                # A paragraph of the translation's language that translates nothing here
                # (an introduction in Chinese under a bilingual title): text of its own.
                lang = self.code(self.tgt)
                self.b.add("paragraph", tgt_sents, source_lang=lang, lang=lang)
                unit.segments.append(len(self.b.segments) - 1)
                continue
            if tgt_sents:
                self.bilingual("paragraph", src_sents, tgt_sents, glossary)
            else:
                self.b.add("paragraph", src_sents, source_lang=self.src)
            index = len(self.b.segments) - 1
            unit.segments.append(index)
            unit.markers += [(index, mark, line) for _t, marks, line in srcs for mark in marks]

    def word_share(self, original: str, translation: str) -> float | None:
        """The share of the original's words that have a translation in `translation` (the
        aligner's dictionary keys, numbers and names; punctuation does not count); None when
        the two languages have no dictionary to tell, or the original no word to look up."""
        return self._share(original, self.src, translation, self.tgt)

    def back_share(self, original: str, translation: str) -> float | None:
        """The share of the translation's words found in `original` (see `word_share`): what
        tells which original a translation cut short belongs to."""
        return self._share(translation, self.tgt, original, self.src)

    def _share(
        self, text: str, lang: str | None, other: str, other_lang: str | None
    ) -> float | None:
        if lang is None or other_lang is None or not has_dictionary(lang, other_lang):
            return None
        (tokens,) = sentence_tokens([text], lang)
        (other_tokens,) = sentence_tokens([other], other_lang)
        keys = {key for token in other_tokens for key in token if key not in _PUNCT_KEYS}
        words = [token for token in tokens if not token <= _PUNCT_KEYS]
        if not words:
            return None
        return sum(1 for token in words if not keys.isdisjoint(token)) / len(words)

    def split(self, lines: list[Line], unit: Unit) -> list[list[Line]]:
        """A labelled block is one paragraph however its lines are spaced; unlabelled text
        breaks into paragraphs where a blank line follows a finished sentence."""
        if not lines:
            return []
        return [lines] if unit.labelled else _paragraphs(lines)

    def paragraph(self, lines: list[Line], hyphens: HyphenRule) -> _Para:
        text = join_lines([line.text for line in lines], hyphens)
        text, markers = strip_markers(text)
        return text, markers, lines[0].number


def _paragraphs(lines: list[Line]) -> list[list[Line]]:
    """Paragraphs of unlabelled text. Across a blank line a paragraph goes on when its
    sentence did not end (the hard-wrapped op-ed has a blank line after every line); lines
    without a blank line between them are read as a plain text's block is (a file saved with
    one paragraph per line, a PDF's wrapped lines)."""
    out: list[list[Line]] = []
    for line in lines:
        if out and not (line.blank_before and _paragraph_ends(out[-1][-1].text, line.text)):
            out[-1].append(line)
        else:
            out.append([line])
    return [part for group in out for part in _split_runs(group)]


def _split_runs(group: list[Line]) -> list[list[Line]]:
    """A paragraph group split inside its runs of lines without blank lines between them;
    the runs themselves were joined across blank lines and stay joined."""
    runs: list[list[Line]] = []
    for line in group:
        if runs and not line.blank_before:
            runs[-1].append(line)
        else:
            runs.append([line])
    out: list[list[Line]] = []
    for k, run in enumerate(runs):
        parts = block_paragraphs(run, None) if len(run) > 1 else [run]
        if k > 0 and out:
            out[-1].extend(parts[0])
            parts = parts[1:]
        out.extend(parts)
    return out


_LIST_START = re.compile(r"^\s*(?:[-*•]|\d{1,3}[.)、])\s*\S")


def _paragraph_ends(previous: str, following: str) -> bool:
    if _LIST_START.match(following):
        return True  # `2. …` after a blank line: the next item
    if not ends_sentence(previous):
        # A short line before a blank line is a heading ("1. A Fair Competition"), unless
        # the next one visibly goes on with it.
        first = following.lstrip()[:1]
        return len(previous) <= 50 and not ends_clause(previous) and not first.islower()
    first = following.lstrip("\"'“‘(")[:1]
    return not (first.isalpha() and first.islower())


def _merge_beads(
    beads: Sequence[tuple[tuple[int, ...], tuple[int, ...]]],
    src: list[_Para],
    tgt: list[_Para],
) -> list[tuple[list[_Para], list[_Para]]]:
    """Segments from paragraph beads; a translation paragraph with no original joins the
    segment before it (or after it, at the start), so no translated text is lost."""
    pairs: list[tuple[list[_Para], list[_Para]]] = []
    orphans: list[_Para] = []
    for s_ids, t_ids in beads:
        if not s_ids and t_ids and t_ids[0] < 0:  # set apart by `trim_beads`
            pairs.append(([], [tgt[-1 - j] for j in t_ids]))
            continue
        if not s_ids:
            if pairs:
                pairs[-1][1].extend(tgt[j] for j in t_ids)
            else:
                orphans.extend(tgt[j] for j in t_ids)
            continue
        pairs.append(([src[i] for i in s_ids], orphans + [tgt[j] for j in t_ids]))
        orphans = []
    if orphans and pairs:
        pairs[-1][1].extend(orphans)
    return pairs


_Bead = tuple[tuple[int, ...], tuple[int, ...]]


def trim_beads(
    beads: Sequence[_Bead],
    src: list[_Para],
    tgt: list[_Para],
    word_share: Callable[[str, str], float | None] | None = None,
) -> list[_Bead]:
    """Beads of one paragraph against several, trimmed where the lengths say that a
    paragraph at either end translates nothing (a byline above a title, a Chinese
    introduction under a bilingual title, tips before an exercise).

    Sizes are Han characters plus Latin letters / 3, which makes an English paragraph and
    its Chinese translation about the same size. A run of the several is kept when its size
    fits the one paragraph clearly better (by a factor of 1.5 at least) than all of them
    together; what is cut off stands alone.

    Where the languages have a dictionary, words decide what sizes cannot (`word_share`:
    the share of the original's words translated in the other side). Even the best run is
    no translation when its size is four times off and no word of it is translated: a
    greeting ("Hi!") above a page's introduction in Chinese is paired with none of it,
    while a translation cut short, which translates its original's first words, is kept.
    A short line leading the original whose words the translation mostly leaves out (a
    question to answer, a dateline) stands alone. Translation paragraphs set apart come out
    as `((), (-1 - j,))` so that `_merge_beads` keeps them apart rather than joining them to
    a neighbour.
    """

    def unrelated(one: float, run: float, original: str, translation: str) -> bool:
        misfit = max(run, 1.0) / max(one, 1.0)
        if word_share is None or _MISFIT > misfit > 1 / _MISFIT:
            return False
        return word_share(original, translation) == 0.0

    def left_out(original: str, translation: str) -> bool:
        share = word_share(original, translation) if word_share is not None else None
        return share is not None and share < _TRANSLATED

    out: list[_Bead] = []
    for s_ids, t_ids in beads:
        if len(s_ids) == 1 and len(t_ids) > 1:
            sizes = [_size(tgt[j][0]) for j in t_ids]
            one = _size(src[s_ids[0]][0])
            keep = _best_run(one, sizes, lambda i, _j: i == 0)
            kept = " ".join(tgt[j][0] for j in t_ids[keep[0] : keep[1]])
            if unrelated(one, sum(sizes[keep[0] : keep[1]]), src[s_ids[0]][0], kept):
                keep = (0, 0)
            out += [((), (-1 - t_ids[k],)) for k in range(keep[0])]
            out.append((s_ids, t_ids[keep[0] : keep[1]]))
            out += [((), (-1 - t_ids[k],)) for k in range(keep[1], len(t_ids))]
        elif len(t_ids) == 1 and len(s_ids) > 1:
            sizes = [_size(src[i][0]) for i in s_ids]
            one = _size(tgt[t_ids[0]][0])
            keep = _best_run(one, sizes, partial(_ends_at, len(s_ids)))
            kept = " ".join(src[i][0] for i in s_ids[keep[0] : keep[1]])
            if unrelated(one, sum(sizes[keep[0] : keep[1]]), kept, tgt[t_ids[0]][0]):
                out += [((i,), ()) for i in s_ids]
                out.append(((), (-1 - t_ids[0],)))
                continue
            while (
                keep[1] - keep[0] > 1
                and 4 * sizes[keep[0]] < sum(sizes[keep[0] : keep[1]])
                and left_out(src[s_ids[keep[0]]][0], tgt[t_ids[0]][0])
            ):
                # A short line above the original that the translation leaves out (a
                # question to answer, a dateline): not part of the pair.
                keep = (keep[0] + 1, keep[1])
            out += [((s_ids[k],), ()) for k in range(keep[0])]
            out.append((s_ids[keep[0] : keep[1]], t_ids))
            out += [((s_ids[k],), ()) for k in range(keep[1], len(s_ids))]
        elif (
            len(s_ids) == 1
            and len(t_ids) == 1
            and unrelated(
                _size(src[s_ids[0]][0]), _size(tgt[t_ids[0]][0]), src[s_ids[0]][0], tgt[t_ids[0]][0]
            )
        ):
            out += [(s_ids, ()), ((), (-1 - t_ids[0],))]
        else:
            out.append((s_ids, t_ids))
    return out


def move_to_neighbour(
    beads: Sequence[_Bead],
    src: list[_Para],
    tgt: list[_Para],
    back_share: Callable[[str, str], float | None],
) -> list[_Bead]:
    """A translation paired with one original beside another original left alone moves to
    that neighbour when its words are found there clearly more (at least `_TRANSLATED` of
    them, twice the share found in its partner): a translation cut short translates the
    start of its own paragraph, and a position-minded aligner may give it to the one above."""
    out = list(beads)
    for k, (s_ids, t_ids) in enumerate(out):
        if len(s_ids) != 1 or len(t_ids) != 1 or t_ids[0] < 0:
            continue
        translation = tgt[t_ids[0]][0]
        here = back_share(src[s_ids[0]][0], translation)
        if here is None:
            continue
        for n in (k - 1, k + 1):
            if not 0 <= n < len(out) or out[n][1] or len(out[n][0]) != 1:
                continue
            there = back_share(src[out[n][0][0]][0], translation)
            if there is not None and there >= _TRANSLATED and there >= 2 * here:
                out[k], out[n] = (s_ids, ()), (out[n][0], t_ids)
                break
    return out


# How far off in size a paragraph and its supposed translation may be when they share no
# word (sizes as in `trim_beads`; real translations stay within a factor of about 2).
_MISFIT = 4.0
# The share of a line's words its translation translates, at the least (chance meets about a
# third of a short line's words in a long paragraph).
_TRANSLATED = 0.6
_PUNCT_KEYS = frozenset({"?", "!", '"'})


def _ends_at(end: int, _start: int, stop: int) -> bool:
    return stop == end


def _best_run(
    one: float, several: list[float], next_to: Callable[[int, int], bool]
) -> tuple[int, int]:
    """(start, end) of the run of `several` whose total size best matches `one`."""
    import math

    def misfit(total: float) -> float:
        return abs(math.log(max(total, 1.0) / max(one, 1.0)))

    whole = misfit(sum(several))
    best, best_run = whole, (0, len(several))
    for i in range(len(several)):
        for j in range(i + 1, len(several) + 1):
            # A translation stands next to its original: of two runs that fit about as
            # well, the one beside the other side wins.
            fit = misfit(sum(several[i:j])) + (0.0 if next_to(i, j) else 0.25)
            if fit < best:
                best, best_run = fit, (i, j)
    return best_run if best + math.log(1.5) <= whole else (0, len(several))


_HAN_CHAR = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_CHAR = re.compile(r"[A-Za-z]")


def _size(text: str) -> float:
    return len(_HAN_CHAR.findall(text)) + len(_LATIN_CHAR.findall(text)) / 3


def _entry(note: Note, lang: str, context: Context | None = None) -> Entry:
    return Entry(
        term=note.term,
        lang=lang,
        glosses=note.glosses,
        note=note.note,
        reading=note.reading,
        pos=note.pos,
        forms=note.forms,
        context=context,
    )


def _place_notes(
    reader: LineReader,
    build: _Build,
    segments: Sequence[Segment],
    doc_id: str,
) -> tuple[Entry, ...]:
    """Entries for the notes, each with the segment and sentence it belongs to.

    A note goes, in this order of evidence: to the segment where a `[n]` mark points at it or
    its term is marked bold or ★; to the first occurrence of its term in the document when
    the notes were collected at the end (one group of notes after all the text) or came
    before any text; else to the unit it was written under, at the first sentence containing
    the term (None when the term is not found there as written).
    """
    units = [i for i in reader.items if isinstance(i, Unit)]
    all_notes = [n for g in reader.groups for n in g.notes]
    lang, code, target_code = build.src, build.src_code, build.tgt_code

    def lang_of(note: Note) -> str:
        # A note on a word of the translation belongs to that language's glossary; one in a
        # script neither side is written in (English words noted beside a Chinese poem and
        # its modern rendering) to its own language's.
        scripts = reader.side_of.scripts
        script = dominant_script(note.term)
        if scripts is None and script != dominant_script(lang_sample) and script != "Common":
            return detect_language(note.term)
        side = reader.side_of(note.term)
        return target_code if side == "target" and target_code else code

    lang_sample = next((s.source.text for s in segments if s.source.sentences), "")
    plain = [_entry(n, lang_of(n)) for n in all_notes]
    marked = [(seg_index, mark, line) for unit in units for seg_index, mark, line in unit.markers]
    bold_terms = [Entry(term=m.term, lang=code) for _s, m, _l in marked if m.kind != "ref"]
    found = Occurrences(segments, plain + bold_terms, lang)
    collected = (
        len(reader.groups) == 1
        and len(units) >= 2
        and reader.groups[0].unit is units[-1]
        and _notes_after_last_unit(reader)
    )
    by_number = {mark.number: seg for seg, mark, _l in marked if mark.kind == "ref"}
    by_term = {_fold(mark.term): seg for seg, mark, _l in marked if mark.kind != "ref"}

    def context(seg_index: int, term: str) -> Context:
        return Context(doc_id, segments[seg_index].id, found.sentence_in(seg_index, term))

    entries: list[Entry] = []
    noted_terms: set[str] = set()
    for group in reader.groups:
        for note in group.notes:
            noted_terms.add(_fold(note.term))
            seg_index: int | None = None
            if note.number is not None and note.number in by_number:
                seg_index = by_number[note.number]
            elif _fold(note.term) in by_term:
                seg_index = by_term[_fold(note.term)]
            elif group.unit is None or (collected and group is reader.groups[0]):
                first = found.first(note.term)
                seg_index = first[0] if first else None
                if seg_index is None and group.unit is not None and group.unit.segments:
                    seg_index = group.unit.segments[0]
            elif group.unit.segments:
                seg_index = next(
                    (i for i in group.unit.segments if found.sentence_in(i, note.term) is not None),
                    group.unit.segments[0],
                )
            ctx = context(seg_index, note.term) if seg_index is not None else None
            entries.append(_entry(note, lang_of(note), ctx))
    for seg_index, mark, line in marked:
        if mark.kind == "ref" or _fold(mark.term) in noted_terms:
            continue
        noted_terms.add(_fold(mark.term))
        build.b.report.append(
            f"line {line}: marked without a note, added without gloss: {mark.term}"
        )
        entries.append(Entry(term=mark.term, lang=code, context=context(seg_index, mark.term)))
    for seg_index, mark, line in marked:
        if mark.kind == "ref" and mark.number not in {n.number for n in all_notes}:
            build.b.report.append(f"line {line}: mark [{mark.number}] has no note {mark.number}")
    for unit, text, _line in reader.commentaries:
        # "long-haul表示“长途的”": a gloss given in prose under the translation.
        for note in glosses_in_commentary(text):
            if _fold(note.term) in noted_terms or not unit.segments:
                continue
            noted_terms.add(_fold(note.term))
            entries.append(_entry(note, code, context(unit.segments[0], note.term)))
    return tuple(entries)


def _notes_after_last_unit(reader: LineReader) -> bool:
    """The only note group was written after the last unit's text was complete, that is,
    after its translation (notes between an original and its translation are local)."""
    units = [i for i in reader.items if isinstance(i, Unit)]
    last = units[-1]
    notes = reader.groups[0].notes
    return bool(notes) and bool(last.tgt) and notes[0].line > last.tgt[-1].number


def _fold(term: str) -> str:
    return " ".join(term.casefold().split())
