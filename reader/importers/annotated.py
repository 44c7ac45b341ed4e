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

Reading happens in two passes. The first walks the lines and groups them into items (titles,
headings, units of original + translation + notes, postscripts) without knowing the
languages; the second, once the languages are known from all the text, splits sentences,
aligns them and builds segments, then places each note in the segment it belongs to.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from reader.align import align_paragraphs, align_sentences
from reader.importers.lines import (
    Line,
    ends_sentence,
    is_image,
    is_rule,
    italic_line,
    markdown_heading,
    numbered_lines,
)
from reader.importers.notes import Marker, Note, parse_note, strip_markers
from reader.importers.parallel import one_to_one
from reader.importers.placing import Occurrences
from reader.importers.result import DocumentBuilder, ImportResult, sentences_of
from reader.importers.wrapping import HyphenRule, join_lines
from reader.languages import detect_language, dominant_script, script_of
from reader.model import Context, Entry, Segment

SOURCE_LABELS = ("原文", "Original", "Source text")
TARGET_LABELS = ("译文", "参考译文", "翻译", "Translation")
NOTES_LABELS = ("学习", "词汇", "生词", "重点词汇", "Vocabulary", "Notes", "Glossary")
POSTSCRIPT_HEADINGS = ("后记", "附记", "Postscript", "Afterword", "P.S.")

_LABEL = re.compile(
    r"^\s*(?:#{1,6}\s*)?[【\[]?(?:\*\*|__)?(?P<label>"
    + "|".join(re.escape(x) for x in SOURCE_LABELS + TARGET_LABELS + NOTES_LABELS)
    + r")(?:\*\*|__)?[】\]]?\s*(?:(?P<colon>[:：])(?:\*\*|__)?\s*(?P<rest>.*))?$",
    re.IGNORECASE,
)


def label_of(text: str) -> tuple[str, str] | None:
    """("source" | "target" | "notes", text after the label) for a label line, else None."""
    m = _LABEL.match(text)
    if not m:
        return None
    word = m.group("label").casefold()
    rest = (m.group("rest") or "").strip()
    for role, words in (("source", SOURCE_LABELS), ("target", TARGET_LABELS)):
        if word in (w.casefold() for w in words):
            return role, rest
    return "notes", rest


def has_bilingual_structure(text: str) -> bool:
    """Whether `text` is an annotated bilingual file rather than a plain one-language text:
    it has an original/translation label, or its paragraphs alternate between two languages
    at least twice."""
    # The start of a file shows its structure; a book need not be read twice to see it.
    lines = numbered_lines(text[:100_000])
    labels = [label_of(line.text) for line in lines[:2000]]
    if any(lab and lab[0] in ("source", "target") for lab in labels):
        return True
    for i, lab in enumerate(labels[:-1]):
        # A notes section whose first line reads as a note: one language plus vocabulary.
        if lab and lab[0] == "notes":
            first = lab[1] or lines[i + 1].text
            if parse_note(first, in_notes=True) and parse_note(first, in_notes=False):
                return True
    # Paragraphs in two scripts alternating is the clearest sign; two languages of one
    # script (English and Dutch) need paragraphs long enough for the language to be told.
    firsts = [
        line.text[:200]
        for i, line in enumerate(lines[:600])
        if (i == 0 or line.blank_before) and any(ch.isalpha() for ch in line.text)
    ]
    firsts = firsts[:80]
    scripts = [dominant_script(text) for text in firsts if not label_of(text)]
    if _alternates(scripts, most=0.0):
        return True
    langs = [detect_language(text) for text in firsts if _long_enough_to_tell(text)]
    return _alternates(langs, most=0.5)


def _alternates(values: list[str], most: float) -> bool:
    """Two values switch at least three times, and at least `most` of all neighbours differ.

    A script change is a sure sign, so three switches suffice; a language change within one
    script must be the rule rather than the exception, since a one-language text quoting
    another language (or a collection of articles) also switches a few times.
    """
    counts = Counter(values)
    if len(counts) < 2:
        return False
    (a, na), (b, nb) = counts.most_common(2)
    switches = sum(1 for x, y in pairwise(values) if x != y and {x, y} == {a, b})
    return switches >= 3 and min(na, nb) >= 2 and switches >= most * (len(values) - 1)


def _long_enough_to_tell(text: str) -> bool:
    """Whether a line's language can be told reliably: any non-Latin script can; Latin-script
    text needs a few function words, so a short heading ("lees ook") does not vote."""
    if label_of(text) or not any(ch.isalpha() for ch in text):
        return False
    return script_of(text) != "Latin" or len(text.split()) >= 8


# --- First pass: lines into items ----------------------------------------------------------


@dataclass
class _Unit:
    """An original paragraph (or run of them) with its translation and notes, as read.

    Mutable while the first pass fills it; never leaves this module.
    """

    labelled: bool
    src: list[Line] = field(default_factory=list)
    tgt: list[Line] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    segments: list[int] = field(default_factory=list)  # indices into the built segments
    markers: list[tuple[int, Marker, int]] = field(default_factory=list)  # (segment, mark, line)


@dataclass
class _Struct:
    """A one-line item: title, subtitle, byline, image, caption, heading or kept note."""

    kind: str
    text: str
    line: int
    target: str | None = None
    why: str = ""  # for kept notes: what the report says


@dataclass
class _Postscript:
    lines: list[Line] = field(default_factory=list)


@dataclass
class _NoteGroup:
    """Notes written together; `unit` is the unit they follow (None before any text)."""

    unit: _Unit | None
    notes: list[Note] = field(default_factory=list)


_Item = _Unit | _Struct | _Postscript
# A paragraph ready for sentence splitting: text without marks, the marks, its first line.
_Para = tuple[str, list[Marker], int]


class _Reader:
    """The first pass: a small state machine over the lines."""

    def __init__(self, lines: list[Line], side_of: _SideOf) -> None:
        self.items: list[_Item] = []
        self.groups: list[_NoteGroup] = []
        self.side_of = side_of
        self.mode: str | None = None  # "source" | "target" | "notes" | "postscript"
        self.unit: _Unit | None = None
        self.last_unit: _Unit | None = None
        self._in_group = False
        self._lines = lines
        # When the file labels its translations, labels decide, not language detection
        # (which short lines of two languages of one script can fool).
        # Only for two languages of one script: the script tells English from Chinese
        # surely, and then also catches a translation whose label was forgotten.
        self.explicit = side_of.scripts is None and any(
            (lab := label_of(line.text)) is not None and lab[0] == "target" for line in lines
        )
        for self._pos, line in enumerate(lines):
            self.line(line)

    def following(self) -> Line | None:
        nxt = self._pos + 1
        return self._lines[nxt] if nxt < len(self._lines) else None

    # Items --------------------------------------------------------------------------------

    def new_unit(self, labelled: bool) -> _Unit:
        self.unit = _Unit(labelled)
        self.last_unit = self.unit
        self.items.append(self.unit)
        self._in_group = False
        return self.unit

    def struct(self, kind: str, text: str, line: int, why: str = "") -> None:
        self.unit = None
        self._in_group = False
        self.items.append(_Struct(kind, text, line, why=why))

    def note(self, note: Note) -> None:
        anchor = self.unit or self.last_unit
        if not self._in_group or self.groups[-1].unit is not anchor:
            self.groups.append(_NoteGroup(anchor))
            self._in_group = True
        self.groups[-1].notes.append(note)
        if anchor is not None:
            anchor.notes.append(note)

    # Lines --------------------------------------------------------------------------------

    def line(self, line: Line) -> None:
        text = line.text.strip()
        label = label_of(text)
        if label:
            self.label(label[0], label[1], line)
            return
        if self.mode == "notes":
            note = parse_note(text, line.number, in_notes=True)
            if note and self.plausible(note, text):
                self.note(note)
                return
            if not (_reads_as_content(text) or markdown_heading(text) or is_image(text)):
                # Kept where it stands; the notes (and the unit they belong to) go on.
                self.items.append(_Struct("note", text, line.number, why="kept as text"))
                return
            self.mode = None
        if self.structure(text, line):
            return
        note = parse_note(text, line.number, in_notes=False)
        if note and self.plausible(note, text):
            self.note(note)
            return
        self.content(text, line)

    def plausible(self, note: Note, text: str) -> bool:
        """Whether a line read as a note is one, and not a sentence with a colon in it.

        Notes gloss terms of the original; a term in the translation's language is a note
        only when it is short and glossed in the original's language (a learner noting a
        word of the translation). Otherwise it is a translation line, which often holds a
        `：` of its own.
        """
        if _reads_as_prose(text, note):
            return False
        if self.side_of(note.term) != "target":
            return True
        return (
            len(note.term) <= 30
            and bool(note.glosses)
            and self.side_of(note.glosses[0]) == "source"
        )

    def label(self, role: str, rest: str, line: Line) -> None:
        if role == "source":
            self.new_unit(labelled=True)
            self.mode = "source"
        elif role == "target":
            if self.unit is None:
                self.new_unit(labelled=True)
            self.mode = "target"
        else:
            self.mode = "notes"
        if rest:
            self.line(Line(line.number, rest, False))

    def structure(self, text: str, line: Line) -> bool:
        """Titles, headings, images, bylines and rules; True when `text` was one."""
        heading = markdown_heading(text)
        if heading:
            level, words = heading
            has_title = any(isinstance(i, _Struct) and i.kind == "title" for i in self.items)
            if level == 1 and not has_title:
                self.struct("title", words, line.number)
                self.mode = None
            elif words.strip().casefold() in (h.casefold() for h in POSTSCRIPT_HEADINGS):
                self.struct("heading", words, line.number)
                self.items.append(_Postscript())
                self.mode = "postscript"
            else:
                self.struct("heading", words, line.number)
                self.mode = None
            return True
        if is_image(text):
            self.struct("image", text, line.number)
            return True
        italic = italic_line(text)
        if italic and self.mode != "postscript":
            previous = self.items[-1] if self.items else None
            if self.last_unit is None:
                self.struct("byline", italic, line.number)
                return True
            if isinstance(previous, _Struct) and previous.kind == "image":
                self.struct("caption", italic, line.number)
                return True
        if is_rule(text):
            self.struct("note", text, line.number, "kept as text")
            return True
        return False

    def content(self, text: str, line: Line) -> None:
        self._in_group = False
        if self.mode == "postscript":
            post = self.items[-1]
            if not isinstance(post, _Postscript):  # an image or a rule came in between
                post = _Postscript()
                self.items.append(post)
            post.lines.append(line)
            return
        side = self.side_of(text)
        if self.explicit and self.mode in ("source", "target"):
            side = self.mode
        previous = self.items[-1] if self.items else None
        if self.unit is None and isinstance(previous, _Struct) and self.mode is None:
            if previous.kind == "title" and side == "source" and self.is_subtitle(text):
                self.struct("subtitle", text, line.number)
                return
            # A translation right under a title or heading is that title's translation.
            if (
                previous.kind in ("title", "subtitle", "heading")
                and side == "target"
                and previous.target is None
            ):
                previous.target = text
                return
        if side is None:  # no letters ("■"): part of whatever is being read
            side = "target" if self.mode == "target" else "source"
        unit = self.unit
        if unit is not None and self.mode == "source" and side == "target":
            self.mode = "target"  # the translation follows the original without a label
        elif unit is not None and side == "source" and (unit.tgt or unit.notes):
            # Original text after a translation or notes: the next unit, unlabelled.
            unit = self.new_unit(labelled=False)
            self.mode = None
        if unit is None:
            unit = self.new_unit(labelled=self.mode in ("source", "target"))
        (unit.tgt if side == "target" else unit.src).append(line)

    def is_subtitle(self, text: str) -> bool:
        """One line under the title, unfinished as a sentence and not continued below."""
        if ends_sentence(text) or len(text) > 200:
            return False
        nxt = self.following()
        if nxt is None:
            return False
        first = nxt.text.strip()[:1]
        continued = first.isalpha() and first.islower()
        return not continued and (nxt.blank_before or self.side_of(nxt.text) != "source")


def _reads_as_prose(text: str, note: Note) -> bool:
    """A `term: gloss` shape that is really a sentence with a colon in it."""
    words = len(text.split())
    return words > 12 and len(note.term.split()) > 6


def _reads_as_content(text: str) -> bool:
    return len(text) > 60 or ends_sentence(text)


# --- Sides: which language a line is written in --------------------------------------------


class _SideOf:
    """Tells lines of the original from lines of the translation, by language.

    Two languages written in different scripts (English and Chinese) are told apart by the
    script alone, which is cheaper and surer than detecting the language of a short line.
    """

    def __init__(
        self, source_lang: str, target_lang: str | None, scripts: tuple[str, str] | None
    ) -> None:
        self.source_lang = source_lang
        self.target_lang = target_lang
        self.scripts = scripts if scripts and scripts[0] != scripts[1] else None

    def __call__(self, text: str) -> str | None:
        if self.target_lang is None or not any(ch.isalpha() for ch in text):
            return None if self.target_lang else "source"
        # The first words tell the language of a line as well as all of it, much faster.
        sample = text[:160]
        if self.scripts is not None:
            script = dominant_script(sample)
            if script in self.scripts:
                return "target" if script == self.scripts[1] else "source"
        return "target" if detect_language(sample) == self.target_lang else "source"


def _note_shaped(text: str) -> bool:
    """A line of a notes section that is a note, for the language count: a term with no
    gloss or a gloss in another script. A sentence with a colon in it (often a translation
    line after the notes) has the same script on both sides."""
    note = parse_note(text, in_notes=True)
    if note is None:
        return False
    return not note.glosses or script_of(note.term) != script_of(note.glosses[0])


def _languages(lines: list[Line]) -> tuple[str, str | None, tuple[str, str] | None]:
    """Source and target language detected from the content lines (labels, when present,
    say which is the original; otherwise the first paragraph is), and their scripts."""
    langs: list[str] = []
    scripts: dict[str, Counter[str]] = {}
    first_after_source_label: str | None = None
    seen_source_label = False
    in_notes = False
    for line in lines:
        text = line.text.strip()
        label = label_of(text)
        if markdown_heading(text):
            in_notes = False
        if label:
            in_notes = label[0] == "notes"
            seen_source_label = seen_source_label or label[0] == "source"
            text = label[1]
        if (
            (in_notes and _note_shaped(text))
            or not text
            or markdown_heading(text)
            or is_image(text)
            or italic_line(text)
            or not any(ch.isalpha() for ch in text)
        ):
            continue
        detected = detect_language(text[:300])
        langs.append(detected)
        scripts.setdefault(detected, Counter())[dominant_script(text[:160])] += 1
        if seen_source_label and first_after_source_label is None:
            first_after_source_label = detected
        if len(langs) >= 400 and first_after_source_label:
            break  # the start of a book says which languages it is in
    if not langs:
        return "en", None, None
    source = first_after_source_label or langs[0]
    others = Counter(x for x in langs if x != source)
    target = others.most_common(1)[0][0] if others else None
    if target is None:
        return source, None, None
    pair = (scripts[source].most_common(1)[0][0], scripts[target].most_common(1)[0][0])
    return source, target, pair


# --- Second pass: items into segments -----------------------------------------------------


def import_annotated(
    text: str,
    *,
    name: str,
    doc_id: str,
    lang: str | None = None,
    to: str | None = None,
    today: str | None = None,
) -> ImportResult:
    lines = numbered_lines(text)
    # Lines are told apart, split and aligned by the detected languages; `lang` and `to`
    # (which may be regional, "en-GB") only name them in the document and its entries.
    detected_src, detected_tgt, scripts = _languages(lines)
    source_lang = lang or detected_src
    target_lang = to or detected_tgt
    reader = _Reader(lines, _SideOf(detected_src, detected_tgt, scripts))
    if detected_tgt is None and any(isinstance(i, _Unit) and i.tgt for i in reader.items):
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
        (i.text for i in reader.items if isinstance(i, _Struct) and i.kind == "title"), None
    )
    subtitle = next(
        (i.text for i in reader.items if isinstance(i, _Struct) and i.kind == "subtitle"), None
    )
    byline = next(
        (i.text for i in reader.items if isinstance(i, _Struct) and i.kind == "byline"), None
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

    def code(self, lang: str | None) -> str | None:
        """The caller's name for a detected language."""
        if lang == self.src:
            return self.src_code
        return self.tgt_code if lang is not None and lang == self.tgt else lang

    def lang_of(self, text: str) -> str | None:
        """The segment language override for one-language text: None when it is the source's."""
        detected = detect_language(text[:300])
        return self.code(detected) if detected != self.src else None

    def item(self, item: _Item) -> None:
        if isinstance(item, _Struct):
            self.struct(item)
        elif isinstance(item, _Postscript):
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

    def struct(self, item: _Struct) -> None:
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

    def unit(self, unit: _Unit) -> None:
        glossary = [_entry(note, self.src) for note in unit.notes]  # the aligner skips others
        src_paras = [self.paragraph(p, self.hyphens) for p in self.split(unit.src, unit)]
        tgt_paras = [self.paragraph(p, self.tgt_hyphens) for p in self.split(unit.tgt, unit)]
        if not src_paras:
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
        pairs: list[tuple[list[_Para], list[_Para]]]
        if not tgt_paras or self.tgt is None:
            pairs = [([p], []) for p in src_paras]
        elif len(src_paras) == len(tgt_paras):
            pairs = [([s], [t]) for s, t in zip(src_paras, tgt_paras)]
        else:
            beads = align_paragraphs(
                [p[0] for p in src_paras], [p[0] for p in tgt_paras], self.src, self.tgt
            )
            pairs = _merge_beads(one_to_one(beads), src_paras, tgt_paras)
        for srcs, tgts in pairs:
            src_sents = [s for text, _m, _l in srcs for s in sentences_of(text, self.src)]
            tgt_sents = [s for text, _m, _l in tgts for s in sentences_of(text, self.tgt)]
            if tgt_sents:
                self.bilingual("paragraph", src_sents, tgt_sents, glossary)
            else:
                self.b.add("paragraph", src_sents, source_lang=self.src)
            index = len(self.b.segments) - 1
            unit.segments.append(index)
            unit.markers += [(index, mark, line) for _t, marks, line in srcs for mark in marks]

    def split(self, lines: list[Line], unit: _Unit) -> list[list[Line]]:
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
    out: list[list[Line]] = []
    for line in lines:
        if out and not (line.blank_before and _paragraph_ends(out[-1][-1].text, line.text)):
            out[-1].append(line)
        else:
            out.append([line])
    return out


def _paragraph_ends(previous: str, following: str) -> bool:
    if not ends_sentence(previous):
        return False
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


def _entry(note: Note, lang: str, context: Context | None = None) -> Entry:
    return Entry(
        term=note.term,
        lang=lang,
        glosses=note.glosses,
        reading=note.reading,
        pos=note.pos,
        context=context,
    )


def _place_notes(
    reader: _Reader,
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
    units = [i for i in reader.items if isinstance(i, _Unit)]
    all_notes = [n for g in reader.groups for n in g.notes]
    lang, code, target_code = build.src, build.src_code, build.tgt_code

    def lang_of(note: Note) -> str:
        # A note on a word of the translation belongs to that language's glossary.
        side = reader.side_of(note.term)
        return target_code if side == "target" and target_code else code

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
    return tuple(entries)


def _notes_after_last_unit(reader: _Reader) -> bool:
    """The only note group was written after the last unit's text was complete, that is,
    after its translation (notes between an original and its translation are local)."""
    units = [i for i in reader.items if isinstance(i, _Unit)]
    last = units[-1]
    notes = reader.groups[0].notes
    return bool(notes) and bool(last.tgt) and notes[0].line > last.tgt[-1].number


def _fold(term: str) -> str:
    return " ".join(term.casefold().split())
