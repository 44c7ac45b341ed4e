"""The first pass over an annotated file: its lines grouped into items.

Items are one-line structures (title, subtitle, byline, image, heading, a line kept as a
note), postscripts, and units: an original paragraph (or run of them) with its translation
and the notes written with it. The pass is a small state machine over the lines; it knows
the two languages already (`reader.importers.labels.detect_languages`) and asks a `SideOf`
which of them each line is in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from reader.importers.labels import POSTSCRIPT_HEADINGS, SideOf, label_of
from reader.importers.lines import (
    Line,
    ends_sentence,
    is_image,
    is_rule,
    italic_line,
    markdown_heading,
)
from reader.importers.notes import Marker, Note, is_table_row, parse_note
from reader.languages import dominant_script, script_of


@dataclass
class Unit:
    """An original paragraph (or run of them) with its translation and notes, as read.

    Mutable: the first pass fills in its lines and notes, the second the indices of the
    segments built from it and the marks found in them. Internal to the annotated importer.
    """

    labelled: bool
    src: list[Line] = field(default_factory=list)
    tgt: list[Line] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    segments: list[int] = field(default_factory=list)  # indices into the built segments
    markers: list[tuple[int, Marker, int]] = field(default_factory=list)  # (segment, mark, line)


@dataclass
class Struct:
    """A one-line item: title, subtitle, byline, image, caption, heading or kept note."""

    kind: str
    text: str
    line: int
    target: str | None = None
    why: str = ""  # for kept notes: what the report says


@dataclass
class Postscript:
    """The body under a `## 后记` (postscript) heading: kept as written, in its language."""

    lines: list[Line] = field(default_factory=list)


@dataclass
class NoteGroup:
    """Notes written together; `unit` is the unit they follow (None before any text)."""

    unit: Unit | None
    notes: list[Note] = field(default_factory=list)


Item = Unit | Struct | Postscript


class LineReader:
    """The first pass: a small state machine over the lines."""

    def __init__(self, lines: list[Line], side_of: SideOf) -> None:
        self.items: list[Item] = []
        self.groups: list[NoteGroup] = []
        self.side_of = side_of
        # "source" | "target" | "notes" | "commentary" | "postscript"
        self.mode: str | None = None
        self.commentary_side: str | None = None  # the script commentary is written in
        self.label_line = False  # since the last label, no blank line came
        # (unit, text, line) of commentary paragraphs: glosses may be read from them
        self.commentaries: list[tuple[Unit, str, int]] = []
        self.unit: Unit | None = None
        self.last_unit: Unit | None = None
        self._in_group = False
        self._lines = lines
        self.seen: set[str] = set()  # the text lines read so far
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

    def new_unit(self, labelled: bool) -> Unit:
        self.unit = Unit(labelled)
        self.last_unit = self.unit
        self.items.append(self.unit)
        self._in_group = False
        return self.unit

    def struct(self, kind: str, text: str, line: int, why: str = "") -> None:
        self.unit = None
        self._in_group = False
        self.items.append(Struct(kind, text, line, why=why))

    def note(self, note: Note) -> None:
        anchor = self.unit or self.last_unit
        if not self._in_group or self.groups[-1].unit is not anchor:
            self.groups.append(NoteGroup(anchor))
            self._in_group = True
        self.groups[-1].notes.append(note)
        if anchor is not None:
            anchor.notes.append(note)

    # Lines --------------------------------------------------------------------------------

    def line(self, line: Line) -> None:
        text = line.text.strip()
        if line.markup:
            previous = self.items[-1] if self.items else None
            why = f"{line.markup}, kept as text"
            if isinstance(previous, Struct) and previous.kind == "note" and previous.why == why:
                previous.text += " " + text  # a comment or front matter is one note
            else:
                self.struct("note", text, line.number, why)
            return
        if _CHROME.search(text) and len(text) < 80 and not ends_sentence(text):
            # "当前位置：首页 > …", "2021-02-19 508次", "分享到": the page's, not the text's.
            self.items.append(Struct("note", text, line.number, why="page chrome"))
            return
        label = label_of(text)
        if label:
            self.label(label[0], label[1], line)
            return
        if is_table_row(text) and parse_note(text, line.number, in_notes=True) is None:
            # A table's header row: what its columns are, not a note and not text.
            self.items.append(Struct("note", text, line.number, why="kept as text"))
            return
        if not any(ch.isalnum() for ch in text):
            # "?", "***", "——": a separator left by the page, kept where it stands.
            self.items.append(Struct("note", text, line.number, why="kept as text"))
            return
        if self.mode == "commentary":
            if not self.commentary_ends(text):
                self.items.append(Struct("note", text, line.number, why="commentary"))
                return
            self.mode = None
        if self.mode == "notes":
            parts = _NEXT_NOTE.split(text)
            if len(parts) > 1:
                # `address:演讲。……congress:国会，……`: notes written as one paragraph.
                for part in parts:
                    self.line(replace(line, text=part))
                return
            if self.gloss_on_its_own_line(text):
                return
            note = parse_note(text, line.number, in_notes=True)
            if note and self.plausible(note, text):
                self.note(note)
                return
            if self.is_example(text):
                self.items.append(Struct("note", text, line.number, why="example"))
                return
            if not (
                _reads_as_content(text)
                or markdown_heading(text)
                or is_image(text)
                or self.translated_below(text)
            ):
                # Kept where it stands; the notes (and the unit they belong to) go on.
                self.items.append(Struct("note", text, line.number, why="kept as text"))
                return
            self.mode = None
        if self.introduces_notes(text):
            # An unknown label ("词汇积累" as a page garbled it): kept, and the notes follow.
            self.items.append(Struct("note", text, line.number, why="kept as text"))
            self.mode = "notes"
            return
        if self.structure(text, line):
            return
        note = parse_note(text, line.number, in_notes=False)
        if note and self.plausible(note, text):
            self.note(note)
            if note.number is not None:
                self.mode = "notes"  # a numbered list of notes: the lines under it too
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

    def commentary_ends(self, text: str) -> bool:
        """Commentary goes on until a line in another language than its own, or a line
        long enough to be running text again."""
        script = dominant_script(text)
        if self.commentary_side is None:
            self.commentary_side = script
            return False
        return script != self.commentary_side or len(text) > 80

    def gloss_on_its_own_line(self, text: str) -> bool:
        """`possible` / `可能`: a vocabulary list with each gloss on the line under its term."""
        notes = self.groups[-1].notes if self.groups and self._in_group else []
        if not notes or notes[-1].glosses or len(text) > 30 or ends_sentence(text):
            return False
        last = notes[-1]
        if self.side_of(text) == self.side_of(last.term) or not _other_script(last.term, text):
            return False
        glossed = replace(last, glosses=(text,))
        notes[-1] = glossed
        anchor = self.groups[-1].unit
        if anchor is not None and anchor.notes and anchor.notes[-1] is last:
            anchor.notes[-1] = glossed
        return True

    def translated_below(self, text: str) -> bool:
        """A headline after the notes, with its translation on the next line: text again."""
        nxt = self.following()
        if nxt is None or self.side_of(text) != "source" or self.side_of(nxt.text) != "target":
            return False
        note = parse_note(nxt.text, in_notes=True)
        return note is None or (not note.glosses and len(nxt.text) >= 8)

    def is_example(self, text: str) -> bool:
        """A sentence in a notes section that uses the last note's term: its example."""
        notes = self.groups[-1].notes if self.groups and self._in_group else []
        if not notes or len(text.split()) < 4:
            return False
        return notes[-1].term.casefold() in text.casefold()

    def label(self, role: str, rest: str, line: Line) -> None:
        # Only a label alone on its line introduces a block; `【译】…` covers its own line.
        self.label_line = role == "target" and not rest
        if role == "commentary":
            self.unit = None if self.unit is None or not self.unit.src else self.unit
            self.mode = "commentary"
            self.commentary_side = None
            if rest:
                self.items.append(Struct("note", rest, line.number, why="commentary"))
                self.commentary_side = dominant_script(rest)
            return
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
            has_title = any(isinstance(i, Struct) and i.kind == "title" for i in self.items)
            if level == 1 and not has_title:
                self.struct("title", words, line.number)
                self.mode = None
            elif words.strip().casefold() in (h.casefold() for h in POSTSCRIPT_HEADINGS):
                self.struct("heading", words, line.number)
                self.items.append(Postscript())
                self.mode = "postscript"
            else:
                previous = self.items[-1] if self.items else None
                if (
                    isinstance(previous, Struct)
                    and previous.kind == "heading"
                    and previous.target is None
                    and self.side_of(words) == "target"
                    and self.side_of(previous.text) == "source"
                ):
                    previous.target = words  # `#### Newsletter Signup` / `#### 通讯注册`
                else:
                    self.struct("heading", words, line.number)
                self.mode = None
            return True
        if is_image(text):
            self.struct("image", text, line.number)
            return True
        previous = self.items[-1] if self.items else None
        nxt = self.following()
        if (
            _MARKED_HEADING.match(text)
            and len(text) <= 60
            and not ends_sentence(text)
            and (self.unit is None or not self.unit.src)
        ):
            # `◆理雅各英译《論語》选摘`: a heading set off by a mark, not the first line of the
            # text under it.
            has_title = any(isinstance(i, Struct) and i.kind == "title" for i in self.items)
            self.struct(
                "heading" if has_title else "title", text.lstrip("◆◇■□●○▲△▶►▼◉ "), line.number
            )
            return True
        if self.poem_heading(text, nxt):
            has_title = any(isinstance(i, Struct) and i.kind == "title" for i in self.items)
            self.struct("heading" if has_title else "title", text, line.number)
            return True
        if (
            isinstance(previous, Struct)
            and previous.kind in ("title", "heading")
            and previous.line == line.number - 1
            and _POET.match(text)
        ):
            self.struct("byline", text, line.number)
            return True
        if (
            isinstance(previous, Struct)
            and previous.kind == "image"
            and len(text) <= 160
            and italic_line(text) is None
            and self.side_of(text) == "source"
            and (nxt is None or nxt.blank_before)
            and self.mode != "postscript"
        ):
            self.struct("caption", text, line.number)  # the line under a picture
            return True
        italic = italic_line(text)
        if italic and self.mode != "postscript":
            previous = self.items[-1] if self.items else None
            if self.last_unit is None:
                self.struct("byline", italic, line.number)
                return True
            if isinstance(previous, Struct) and previous.kind == "image":
                self.struct("caption", italic, line.number)
                return True
        if is_rule(text):
            self.struct("note", text, line.number, "kept as text")
            return True
        if text.endswith((":", "：")) and len(text) <= 30 and self.unit is None:
            # "双语古诗欣赏：" before the text: it introduces the page, it is not its text.
            self.struct("heading", text, line.number)
            return True
        return False

    def introduces_notes(self, text: str) -> bool:
        """After some original text, a short line in the translation's language right above
        a note that glosses a word of the original in that language: the heading of the
        notes, whatever its words."""
        nxt = self.following()
        if (
            nxt is None
            or nxt.blank_before
            or len(text) > 12
            or ends_sentence(text)
            or self.last_unit is None
            or not self.last_unit.src
            or self.side_of.target_lang is None
            or self.side_of(text) != "target"
            or label_of(nxt.text) is not None
        ):
            return False
        note = parse_note(nxt.text, nxt.number, in_notes=True)
        return (
            note is not None
            and bool(note.glosses)
            and _PLAIN_TERM.fullmatch(note.term) is not None
            and self.side_of(note.term) == "source"
            and self.side_of(note.glosses[0]) == "target"
        )

    def poem_heading(self, text: str, nxt: Line | None) -> bool:
        """A poem's title: a short line right above its author's line (`赠刘景文` over
        `[宋]苏轼`), in the same language; the poem, not the title, is what a rendering
        under it translates."""
        return (
            self.mode is None
            and nxt is not None
            and not nxt.blank_before
            and len(text) <= 20
            and not ends_sentence(text)
            and _POET.match(nxt.text.strip()) is not None
            and self.side_of(text) == self.side_of(nxt.text)
        )

    def content(self, text: str, line: Line) -> None:
        self._in_group = False
        if line.blank_before:
            self.label_line = False
        if (
            self.mode == "target"
            and self.unit is not None
            and not self.unit.tgt
            and text in self.seen
        ):
            # The translation block opens by repeating the lesson's heading (`Lesson 1
            # Excuse me!`, `对不起!`) before the translation proper: kept, not paired.
            self.items.append(Struct("note", text, line.number, why="repeated"))
            return
        self.seen.add(text)
        if self.mode == "postscript":
            post = self.items[-1]
            if not isinstance(post, Postscript):  # an image or a rule came in between
                post = Postscript()
                self.items.append(post)
            post.lines.append(line)
            return
        side = self.side_of(text)
        if self.explicit and self.mode in ("source", "target"):
            side = self.mode
        elif (
            self.mode == "target"
            and self.label_line
            and not line.blank_before
            and self.unit is not None
            and self.unit.src
        ):
            # Lines right under a translation label are the translation, whatever their
            # script: a classical poem's modern Chinese rendering is one.
            side = "target"
        previous = self.items[-1] if self.items else None
        if self.unit is None and isinstance(previous, Struct) and self.mode is None:
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
        if side == "target" and unit is not None and self.is_commentary(text, unit):
            self.items.append(Struct("note", text, line.number, why="commentary"))
            self.commentaries.append((unit, text, line.number))
            return
        if unit is not None and self.mode == "source" and side == "target":
            self.mode = "target"  # the translation follows the original without a label
        elif unit is not None and side == "source" and (unit.tgt or unit.notes):
            # Original text after a translation or notes: the next unit, unlabelled.
            unit = self.new_unit(labelled=False)
            self.mode = None
        if unit is None:
            unit = self.new_unit(labelled=self.mode in ("source", "target"))
        (unit.tgt if side == "target" else unit.src).append(line)

    def is_commentary(self, text: str, unit: Unit) -> bool:
        """A paragraph in the translation's language after the translation is complete,
        explaining words of the original ("long-haul表示……"): it quotes a lower-case word
        of the original, which a translation hardly ever does (names are capitalised)."""
        if not unit.tgt or not unit.src or self.side_of.scripts is None:
            return False
        if not ends_sentence(unit.tgt[-1].text):
            return False
        source = " ".join(line.text for line in unit.src).casefold()
        quoted = {w for w in _LOWER_WORD.findall(text) if len(w) >= 3}
        return any(re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", source) for w in quoted)

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


def _other_script(a: str, b: str) -> bool:
    return script_of(a) != script_of(b)


_CHROME = re.compile(
    r"当前位置|首页\s*[>›»]|^\s*(?:分享|点击|扫码|关注|阅读原文|来源[:：]|文章来源|責任編輯|责任编辑)"
    r"|\d+\s*次(?:阅读|浏览)?\s*$|^\s*\d{4}[-/.年]\d{1,2}[-/.月](?:\d{1,2}日?)?(?:\s|$)"
)
# A classical poem's author line, as Chinese poem pages write it: the dynasty, bracketed or
# followed by a dot or a colon, then the poet's name (`[宋]苏轼`, `唐·杜甫`, `唐代：李白`).
_DYNASTY = (
    r"(?:先秦|秦|两汉|西汉|东汉|汉|三国|魏晋|魏|晋|南北朝|南朝|北朝|隋|唐|五代|北宋|南宋|宋|辽|金"
    r"|元|明|清|近代|现代|当代)[代朝]?"
)
_POET = re.compile(
    rf"^(?:[\[【(（〔]\s*{_DYNASTY}\s*[\]】)）〕]|{_DYNASTY}\s*[·•:：]|{_DYNASTY}\s+)"
    r"\s*[\u4e00-\u9fff]{2,4}(?:·[\u4e00-\u9fff]{1,4})?$"
)
# Where the next of several notes written as one paragraph starts: a word of the original
# and a colon right after the Chinese full stop that ends the note before it.
_NEXT_NOTE = re.compile(r"(?<=[。！？])(?=[A-Za-z][A-Za-z' -]{0,40}[:：])")
# A word or a short phrase as a vocabulary note gives it (not a title in 《》, not a clause).
_PLAIN_TERM = re.compile(r"[^\W\d_][\w'’ -]{0,29}")
_MARKED_HEADING = re.compile(r"^\s*[◆◇■□●○▲△▶►▼◉]\s*\S")
_LOWER_WORD = re.compile(r"(?<![A-Za-z])[a-z][a-z'-]*[a-z](?![A-Za-z])")
