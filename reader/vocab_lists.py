"""Vocabulary lists kept by other tools, read as glossary entries.

Three shapes are recognised from the file itself (or named by the caller):

- **Lute's term export** (the CSV the term listing's export button writes): a header row
  `term,parent,translation,language,tags,added,status,link_status,pronunciation`. Lute keeps
  a zero-width space between the words of a multi-word term (`a\u200b \u200blevel`) and
  around its punctuation (`Europe\u200b'\u200bs`); they are removed. Its bulk-import files
  (same columns, any order, only `language` and `term` required) read the same way.
- **Anki's "Notes in Plain Text"** export: header lines such as `#separator:tab`,
  `#html:true`, `#guid column:1`, `#tags column:6`, then one note per row. The first field
  is the term, the second its meaning, later fields go into the note; HTML becomes text
  (line breaks separate glosses, pictures and `[sound:...]` references are dropped).
- **A plain list**: `term<TAB>gloss` (or `term,gloss`) per line, an optional third column
  for a note; a first row naming the columns (`term<TAB>gloss`) and `#` comment lines are
  skipped.

Glosses are split on ； and ; as in a glossary file, and on line breaks. Reading a list
never writes anything: `reader glossary import` decides where entries go.
"""

from __future__ import annotations

import csv
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from reader.errors import Diagnostic, Location, ReaderError
from reader.gcpause import no_gc
from reader.textio import read_text

FORMATS = ("lute", "anki", "plain")

ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u2060\ufeff"))

# Lute's language names (its language_defs) -> language codes. Lute names languages, it does
# not code them; a name missing here needs --lang.
LUTE_LANGUAGES = {
    "afrikaans": "af",
    "albanian": "sq",
    "amharic": "am",
    "arabic": "ar",
    "armenian": "hy",
    "azerbaijani": "az",
    "basque": "eu",
    "belarusian": "be",
    "bengali": "bn",
    "bosnian": "bs",
    "breton": "br",
    "bulgarian": "bg",
    "catalan": "ca",
    "cebuano": "ceb",
    "chinese": "zh",
    "classical chinese": "lzh",
    "croatian": "hr",
    "czech": "cs",
    "danish": "da",
    "dutch": "nl",
    "english": "en",
    "esperanto": "eo",
    "estonian": "et",
    "farsi": "fa",
    "persian": "fa",
    "finnish": "fi",
    "french": "fr",
    "galician": "gl",
    "georgian": "ka",
    "german": "de",
    "gothic": "got",
    "greek": "el",
    "hebrew": "he",
    "hindi": "hi",
    "hungarian": "hu",
    "icelandic": "is",
    "indonesian": "id",
    "italian": "it",
    "japanese": "ja",
    "kazakh": "kk",
    "khmer": "km",
    "korean": "ko",
    "latin": "la",
    "latvian": "lv",
    "lithuanian": "lt",
    "macedonian": "mk",
    "mandarin chinese": "zh",
    "nahuatl": "nah",
    "navajo": "nv",
    "norwegian": "no",
    "polish": "pl",
    "portuguese": "pt",
    "punjabi": "pa",
    "romanian": "ro",
    "russian": "ru",
    "sanskrit": "sa",
    "serbian": "sr",
    "slovak": "sk",
    "slovene": "sl",
    "slovenian": "sl",
    "spanish": "es",
    "swahili": "sw",
    "swedish": "sv",
    "thai": "th",
    "tibetan": "bo",
    "turkish": "tr",
    "ukrainian": "uk",
    "vietnamese": "vi",
}

# Lute's statuses: 1-5 from new to learned, 98 ignored, 99 well known (exports write the
# numbers, import files may use I and W). 1 is what Lute gives a term it has just met.
_LUTE_STATUS: dict[str, tuple[str, int | None]] = {
    "": ("new", None),
    "0": ("new", None),
    "1": ("new", None),
    **{str(n): ("learning", n) for n in range(2, 6)},
    "98": ("ignored", None),
    "i": ("ignored", None),
    "99": ("known", None),
    "w": ("known", None),
}

_ANKI_SEPARATORS = {
    "tab": "\t",
    "comma": ",",
    "semicolon": ";",
    "space": " ",
    "pipe": "|",
    "colon": ":",
}
_ANKI_HEADER = re.compile(r"#(\w[\w ]*):(.*)")
_PLAIN_HEADERS = (
    {"term", "word", "front", "expression", "headword"},
    {"gloss", "glosses", "translation", "meaning", "definition", "back"},
)
_GLOSS_SPLIT = re.compile(r"[；;\n]")


@dataclass(frozen=True)
class ListedTerm:
    """One row of a vocabulary list, as a glossary entry will hold it.

    `lang` is the language the list names for the row (Lute's language column); None when
    the list does not say and the caller decides. `line` is where the row starts.
    """

    term: str
    glosses: tuple[str, ...]
    line: int
    lang: str | None = None
    language_name: str = ""
    note: str = ""
    reading: str = ""
    tags: tuple[str, ...] = ()
    status: str = "new"
    level: int | None = None


@dataclass(frozen=True)
class VocabList:
    """The terms of a list, and the rows that were skipped (warnings with their line)."""

    path: Path
    format: str
    terms: tuple[ListedTerm, ...]
    skipped: tuple[Diagnostic, ...] = ()

    @property
    def description(self) -> str:
        return {"lute": "Lute term export", "anki": "Anki notes", "plain": "term list"}[self.format]


def read_vocab_list(path: str | Path, format: str | None = None) -> VocabList:
    """Read a vocabulary list; `format` (lute, anki, plain) when detection should not decide.

    Raises ReaderError naming the file (and line) for a file that cannot be read as a list.
    """
    path = Path(path)
    text = read_text(path)
    kind = format or detect_format(text)
    if kind not in FORMATS:
        raise ReaderError(path, f"unknown list format {kind!r} (one of {', '.join(FORMATS)})")
    read = {"lute": _read_lute, "anki": _read_anki, "plain": _read_plain}[kind]
    try:
        with no_gc():  # tens of thousands of small acyclic objects (see reader.gcpause)
            return read(path, text)
    except csv.Error as exc:
        raise ReaderError(path, f"not a readable CSV/TSV list: {exc}") from None


def detect_format(text: str) -> str:
    first = text.lstrip("\n").split("\n", 1)[0]
    header = _ANKI_HEADER.match(first)
    if header and header.group(1).strip().lower() in _ANKI_KEYS:
        return "anki"
    columns = {c.strip().lower() for c in next(csv.reader([first]), [])}
    if {"term", "language"} <= columns:
        return "lute"
    return "plain"


_ANKI_KEYS = frozenset(
    (
        "separator",
        "html",
        "tags",
        "columns",
        "notetype",
        "deck",
        "notetype column",
        "deck column",
        "tags column",
        "guid column",
    )
)


def _rows(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(first line, cells) of each CSV row; a quoted cell may span lines."""
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter, strict=True)
    start = 1
    for row in reader:
        yield start, row
        start = reader.line_num + 1


def _glosses(text: str) -> tuple[str, ...]:
    return tuple(g for g in (part.strip() for part in _GLOSS_SPLIT.split(text)) if g)


def _clean(text: str) -> str:
    return " ".join(text.translate(ZERO_WIDTH).split())


# --- Lute ---------------------------------------------------------------------------------


def _read_lute(path: Path, text: str) -> VocabList:
    rows = _rows(text, ",")
    try:
        _line, header = next(rows)
    except StopIteration:
        raise ReaderError(path, "no header row") from None
    names = [h.strip().lower() for h in header]
    if "term" not in names:
        raise ReaderError(path, "a Lute term file needs a `term` column", 1)
    col = {name: i for i, name in reversed(list(enumerate(names)))}
    terms: list[ListedTerm] = []
    skipped: list[Diagnostic] = []

    def cell(row: list[str], name: str) -> str:
        i = col.get(name)
        return row[i] if i is not None and i < len(row) else ""

    for line, row in rows:
        if not any(c.strip() for c in row):
            continue
        term = _clean(cell(row, "term"))
        if not term:
            skipped.append(_warning(path, line, "row without a term skipped"))
            continue
        raw_status = cell(row, "status").strip().lower()
        if raw_status not in _LUTE_STATUS:
            skipped.append(_warning(path, line, f"unknown Lute status {raw_status!r}; skipped"))
            continue
        status, level = _LUTE_STATUS[raw_status]
        language = cell(row, "language").strip()
        parents = [_clean(p) for p in re.split(r";;|,", cell(row, "parent")) if _clean(p)]
        terms.append(
            ListedTerm(
                term=term,
                glosses=_glosses(cell(row, "translation").translate(ZERO_WIDTH)),
                line=line,
                lang=LUTE_LANGUAGES.get(language.lower()),
                language_name=language,
                note="; ".join(f"form of {p}" for p in parents),
                reading=_clean(cell(row, "pronunciation")),
                tags=tuple(
                    t for t in (_clean(t) for t in re.split(r";;|,", cell(row, "tags"))) if t
                ),
                status=status,
                level=level,
            )
        )
    return VocabList(path, "lute", tuple(terms), tuple(skipped))


# --- Anki ---------------------------------------------------------------------------------


def _read_anki(path: Path, text: str) -> VocabList:
    lines = text.split("\n")
    options: dict[str, str] = {}
    body_start = 0
    for i, header_line in enumerate(lines):
        found = _ANKI_HEADER.match(header_line)
        if not found or found.group(1).strip().lower() not in _ANKI_KEYS:
            break
        options[found.group(1).strip().lower()] = found.group(2).strip()
        body_start = i + 1
    raw_sep = options.get("separator", "tab")
    separator = _ANKI_SEPARATORS.get(raw_sep.lower(), raw_sep)
    if len(separator) != 1:
        raise ReaderError(path, f"unknown Anki separator {raw_sep!r}", 1)
    as_html = options.get("html", "false").lower() == "true"
    special: dict[int, str] = {}
    for name in ("guid", "notetype", "deck", "tags"):
        value = options.get(f"{name} column")
        if value is not None:
            if not value.isdigit() or int(value) < 1:
                raise ReaderError(path, f"#{name} column: {value!r} is not a column number")
            special[int(value) - 1] = name
    all_tags = tuple(options.get("tags", "").split())
    terms: list[ListedTerm] = []
    skipped: list[Diagnostic] = []
    for start, row in _rows("\n".join(lines[body_start:]), separator):
        line = start + body_start
        if not any(c.strip() for c in row):
            continue
        fields = [c for i, c in enumerate(row) if i not in special]
        fields = [html_text(f) if as_html else f.strip() for f in fields]
        term = _clean(fields[0]) if fields else ""
        if not term:
            skipped.append(_warning(path, line, "note without a first field skipped"))
            continue
        tag_col = next((i for i, k in special.items() if k == "tags"), None)
        row_tags = row[tag_col].split() if tag_col is not None and tag_col < len(row) else []
        terms.append(
            ListedTerm(
                term=term,
                glosses=_glosses(fields[1]) if len(fields) > 1 else (),
                line=line,
                note="\n".join(f for f in fields[2:] if f),
                tags=tuple(dict.fromkeys((*all_tags, *row_tags))),
            )
        )
    return VocabList(path, "anki", tuple(terms), tuple(skipped))


class _TextOf(HTMLParser):
    """The text of an Anki field: block elements and <br> become line breaks, pictures and
    media are dropped, entities decoded."""

    BREAKS = frozenset(("br", "div", "p", "li", "tr", "ul", "ol", "table"))
    DROPPED = frozenset(("script", "style"))

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.DROPPED:
            self._skip += 1
        elif tag in self.BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.DROPPED:
            self._skip = max(self._skip - 1, 0)
        elif tag in self.BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


_SOUND = re.compile(r"\[sound:[^\]]*\]")


def html_text(field: str) -> str:
    """An Anki field's HTML as plain text, one line per block, spaces collapsed."""
    if "<" not in field and "&" not in field:
        text = field
    else:
        parser = _TextOf()
        parser.feed(field)
        parser.close()
        text = html.unescape("".join(parser.parts))
    text = _SOUND.sub("", text).replace("\xa0", " ")
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


# --- plain lists --------------------------------------------------------------------------


def _read_plain(path: Path, text: str) -> VocabList:
    first = next((line for line in text.split("\n") if line.strip()), "")
    delimiter = "\t" if "\t" in first or "," not in first else ","
    terms: list[ListedTerm] = []
    skipped: list[Diagnostic] = []
    first_row = True
    for line, row in _rows(text, delimiter):
        if not any(c.strip() for c in row) or row[0].lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in row]
        if first_row:
            first_row = False
            names = [c.lower() for c in cells[:2]]
            if len(names) == 2 and names[0] in _PLAIN_HEADERS[0] and names[1] in _PLAIN_HEADERS[1]:
                continue
        term = _clean(cells[0])
        if not term:
            skipped.append(_warning(path, line, "row without a term skipped"))
            continue
        terms.append(
            ListedTerm(
                term=term,
                glosses=_glosses(cells[1]) if len(cells) > 1 else (),
                line=line,
                note="\n".join(c for c in cells[2:] if c),
            )
        )
    return VocabList(path, "plain", tuple(terms), tuple(skipped))


def _warning(path: Path, line: int, message: str) -> Diagnostic:
    return Diagnostic(Location(str(path), line), message, "warning")
