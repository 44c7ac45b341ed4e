"""Vocabulary notes as learners write them, and the marks they put in the text.

Notes come in many hands: `term：gloss；gloss；`, `term: gloss`, `- term — gloss`,
`1. term: gloss`, `1) term：gloss`, `> term[ˈɪpə] gloss`, with a reading in `[ ]` or `/ /` and
a part of speech (`adj.`, `[N.]`, `名词`) before the gloss; rows of a Markdown table
(`| term | gloss |`); `form 原型:lemma …`; several parts of speech in a row (`n.雨燕adj.
迅速的`); a remark after the glosses (`(wind v. 缠绕)`). `parse_note` reads all of them into
one `Note`.

In the text, learners mark the words they noted with `**bold**`, `★` or a `[1]` pointing at
note 1. `strip_markers` removes the marks (a sentence never keeps a `**`) and says where
they were, so a note lands in the segment the learner marked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.languages import script_of

# Parts of speech as dictionaries abbreviate them; only these are taken off a gloss, so a
# gloss that merely starts with a short word is left alone.
POS = (
    "n", "v", "vt", "vi", "adj", "adv", "phr", "prep", "conj", "pron", "art", "num", "int",
    "interj", "abbr", "aux", "det", "pl", "a", "ad",
)  # fmt: skip
_POS = re.compile(r"^(?:(?:" + "|".join(POS) + r")\.\s*(?:&\s*|/\s*)?)+", re.IGNORECASE)
_POS_AT_END = re.compile(r"\s+((?:(?:" + "|".join(POS) + r")\.\s*)+)$", re.IGNORECASE)

_LIST = re.compile(
    r"^(?:[-*•·+]\s+|(\d{1,3})\s*[.)、．]\s*|\((\d{1,3})\)\s*|\[(\d{1,3})\]\s*|>\s*)"
)
# IPA in brackets or slashes; slashes only as a pair standing apart, never inside a URL.
_READING = re.compile(r"\s*(?:\[([^\]]+)\]|(?<![:/\w])/([^/\s][^/]*?)/(?![/\w]))\s*")
# A colon in a URL or a time (`10:30`) does not separate a term from its gloss.
_COLON = re.compile(r"：|:(?![/\d])")
_DASH = re.compile(r"\s+[—–-]+\s+|\s*[—–]\s*")
_GLOSS_SPLIT = re.compile(r"\s*[；;]\s*")
_TRIM = " \t\u3000；;，,。.、:："


@dataclass(frozen=True)
class Note:
    """A vocabulary note as written: the term, its glosses, and the extras some notes carry.

    `number` is the list number (`1.`, `[1]`), which `[1]` marks in the text refer to; `line`
    is where the note was written, for the import report.
    """

    term: str
    glosses: tuple[str, ...]
    reading: str = ""
    pos: str = ""
    number: int | None = None
    line: int = 0
    note: str = ""  # what the learner wrote beyond the glosses: a remark, a related word
    forms: tuple[str, ...] = ()  # the form the text uses when the note gives the lemma


def parse_note(text: str, line: int = 0, *, in_notes: bool = True) -> Note | None:
    """Read one note, or None when `text` is not one.

    Inside a notes section (`in_notes`) any `term：gloss` line is a note and a bare term is a
    note without gloss. Elsewhere a line must look like a note on its own: a list marker or
    quote before it, and a term separated from a gloss in another script.
    """
    s = text.strip(" \t\u3000")
    table = _table_row(s)
    if table is not None:  # `| nascent | /ˈnæsnt/ | adj. | 新生的 |`: a row of a notes table
        if not table:
            return None
        s = f"- {table[0]} — {' '.join(table[1:])}"
    marked = _LIST.match(s)
    number = None
    if marked:
        digits = marked.group(1) or marked.group(2) or marked.group(3)
        number = int(digits) if digits else None
        s = s[marked.end() :]
    elif not in_notes:
        return None
    if not s:
        return None
    split = _split_term(s)
    if split is None:
        if not in_notes or not _bare_term(s):
            return None
        term_part, gloss_part = s, ""
    else:
        term_part, gloss_part = split
    forms: tuple[str, ...] = ()
    remarks: list[str] = []  # what the learner wrote that has no field of its own
    lemma = _LEMMA.match(gloss_part) if split is not None else None
    if lemma is None and split is not None:
        lemma = _LEMMA.match(term_part + "：" + gloss_part) if "原型" in term_part else None
        if lemma:
            # `celebrating 原型:celebrate [ˈselɪbreɪt] v. 庆祝`: the note is on the lemma.
            forms = (lemma.group("form").strip(),)
            term_part, gloss_part = lemma.group("lemma"), lemma.group("rest")
            remarks.append(f"{forms[0]} 原型 {term_part}")
    term_part, reading = _take_reading(term_part)
    grammar = _GRAMMAR_AT_END.search(term_part)
    if grammar:
        remarks.append(grammar.group().strip())
        term_part = term_part[: grammar.start()]
    pos = ""
    end_pos = _POS_AT_END.search(term_part)
    if end_pos:
        pos, term_part = end_pos.group(1).strip(), term_part[: end_pos.start()]
    gloss_part = gloss_part.strip(_TRIM)
    grammar = _GRAMMAR_WORDS.match(gloss_part)
    if grammar:  # `名词复数形式`: what the learner said of the form, kept as a remark
        remarks.append(grammar.group().strip())
        gloss_part = gloss_part[grammar.end() :]
    bracket_pos = _BRACKET_POS.match(gloss_part)
    if bracket_pos:  # `[N.]`, `(adj)`
        pos = pos or bracket_pos.group(1) + "."
        gloss_part = gloss_part[bracket_pos.end() :]
    if not reading:
        gloss_part, reading = _take_reading_prefix(gloss_part)
    gloss_part, more = _take_reading_prefix(gloss_part)  # a second reading (US and UK)
    reading = " ".join(r for r in (reading, more) if r)
    lead_pos = _POS.match(gloss_part)
    if lead_pos:
        pos = pos or lead_pos.group(0).strip()
        gloss_part = gloss_part[lead_pos.end() :]
    gloss_part, remark = _take_remark(gloss_part)
    # `雨燕adj. 迅速的;立刻的 adv. 迅速地`: glosses of several parts of speech in a row.
    inner = _INNER_POS.findall(gloss_part)
    if inner:
        pos = "/".join(dict.fromkeys([pos.rstrip(".")] * bool(pos) + inner)) + "."
        gloss_part = _INNER_POS.sub("；", gloss_part)
    term = term_part.strip(_TRIM + "*★")
    if not any(ch.isalpha() for ch in term) or len(term) > 80:
        return None
    glosses = tuple(g for g in (p.strip(_TRIM) for p in _split_glosses(gloss_part)) if g)
    if not in_notes and not (marked and glosses and _scripts_differ(term, glosses[0])):
        return None
    note = "; ".join(r for r in (*remarks, remark) if r)
    return Note(term, glosses, reading, pos, number, line, note, forms)


# `celebrating 原型：celebrate …` (the form in the text, then its lemma).
_LEMMA = re.compile(
    r"^(?P<form>[^\s:：]+)\s*原型\s*[:：]\s*(?P<lemma>[A-Za-z][\w'’-]*)\s*(?P<rest>.*)$"
)
# Chinese names of parts of speech written before the reading (`holiday 名词 [ˈhɒlədeɪ]`).
_GRAMMAR_WORDS = re.compile(
    r"^(?:名词|动词|形容词|副词|介词|连词|代词|短语)(?:复数形式|复数|过去式|过去分词|现在分词)?\s*"
)
_GRAMMAR_AT_END = re.compile(
    r"\s+(?:名词|动词|形容词|副词|介词|连词|代词|短语)(?:复数形式|复数|过去式|过去分词|现在分词)?\s*$"
)
_INNER_POS = re.compile(r"(?<=[^\W\d_])\s*(?<![A-Za-z])(n|v|vt|vi|adj|adv|prep|conj)\.\s*")
_BRACKET_POS = re.compile(r"^[\[(]\s*(" + "|".join(POS) + r")\.?\s*[\])]\s*", re.IGNORECASE)
# A remark after the glosses: `蜿蜒曲折的 (wind v. 缠绕;蜿蜒)`, `演讲。这个词……`.
_REMARK = re.compile(r"\s*(?:[(（](?=[^)）]*[A-Za-z])[^)）]*[)）]|。.+)\s*$")


def _take_remark(gloss_part: str) -> tuple[str, str]:
    m = _REMARK.search(gloss_part)
    if not m or m.start() == 0:
        return gloss_part, ""
    return gloss_part[: m.start()], m.group().strip(" 。")


def _split_glosses(gloss_part: str) -> list[str]:
    """Glosses split at semicolons, and at commas between Chinese words (`客人,宾客`),
    never inside brackets (`(常为木制的)大箱子`)."""
    out: list[str] = []
    depth = 0
    current: list[str] = []
    for i, ch in enumerate(gloss_part):
        if ch in "([（【":
            depth += 1
        elif ch in ")]）】":
            depth = max(0, depth - 1)
        cjk_comma = ch in ",，" and 0 < i < len(gloss_part) - 1 and _cjk_around(gloss_part, i)
        if depth == 0 and (ch in "；;" or cjk_comma):
            out.append("".join(current))
            current = []
            continue
        current.append(ch)
    out.append("".join(current))
    return out


def _cjk_around(text: str, i: int) -> bool:
    return script_of(text[i - 1]) == "Han" and script_of(text[i + 1]) == "Han"


# Column names of vocabulary tables, in the languages learners write them in.
_TABLE_HEADERS = frozenset(
    {
        "单词", "词汇", "生词", "短语", "释义", "意思", "中文", "英文", "音标", "词性", "例句",
        "word", "words", "term", "phrase", "meaning", "definition", "translation",
        "pronunciation", "ipa", "pos", "example",
    }
)  # fmt: skip


def is_table_row(text: str) -> bool:
    """A row of a Markdown table (header rows and `|---|` rules included)."""
    s = text.strip()
    return s.startswith("|") and s.endswith("|") and s.count("|") >= 3


def _table_row(s: str) -> list[str] | None:
    """The cells of a Markdown table row ([] for a header row), None for any other line."""
    if not (s.startswith("|") and s.endswith("|") and s.count("|") >= 3):
        return None
    cells = [c.strip() for c in s.strip("|").split("|")]
    cells = [c for c in cells if c]
    if len(cells) < 2 or cells[0].casefold() in _TABLE_HEADERS:
        return []
    return cells


def _split_term(s: str) -> tuple[str, str] | None:
    """(term part, gloss part) of a note, trying the separators learners use in turn."""
    # A colon inside the reading is a length mark (`excuse [ik'skju:z] v.原谅`).
    colon = next(
        (m for m in _COLON.finditer(s) if s.count("[", 0, m.start()) <= s.count("]", 0, m.start())),
        None,
    )
    if colon and colon.start() > 0:
        return s[: colon.start()], s[colon.end() :]
    dash = _DASH.search(s)
    if dash and dash.start() > 0:
        return s[: dash.start()], s[dash.end() :]
    # `> term[ɪpə] gloss`: the reading itself separates term and gloss.
    bracket = _READING.search(s)
    if bracket and bracket.start() > 0 and s[bracket.end() :].strip():
        return s[: bracket.end()], s[bracket.end() :]
    # `nascent 新生的`: the gloss starts where the script changes. Notes are short; a long
    # line that got this far is prose, and scanning it would only cost time.
    if len(s) > 160:
        return None
    first = script_of(s)
    for i, ch in enumerate(s):
        if ch.isalpha() and script_of(ch) != first and i > 0:
            return s[:i], s[i:]
    return None


def _take_reading(term_part: str) -> tuple[str, str]:
    m = _READING.search(term_part)
    if not m:
        return term_part, ""
    reading = (m.group(1) or m.group(2)).strip()
    return term_part[: m.start()] + " " + term_part[m.end() :], reading


def _take_reading_prefix(gloss_part: str) -> tuple[str, str]:
    """A reading written after the separator: `nascent: /ˈnæsənt/ adj. 新生的`."""
    m = _READING.match(gloss_part)
    if not m:
        return gloss_part, ""
    return gloss_part[m.end() :], (m.group(1) or m.group(2)).strip()


def _bare_term(s: str) -> bool:
    """A term noted without a gloss: a few words, not a sentence or a link."""
    return len(s.split()) <= 5 and "://" not in s and not re.search(r"[.!?。！？]\s*$|[.!?]\s", s)


def _scripts_differ(a: str, b: str) -> bool:
    sa, sb = script_of(a), script_of(b)
    return "Common" not in (sa, sb) and sa != sb


@dataclass(frozen=True)
class Marker:
    """A vocabulary mark found in a paragraph: what it marks and where, in the cleaned text.

    `kind` is "bold", "star" or "ref"; a "ref" carries the note `number` it points at.
    """

    kind: str
    term: str
    start: int
    number: int | None = None


_MARKS = re.compile(
    r"\*\*(?P<bold>[^*\n]+?)\*\*"
    r"|__(?P<ubold>[^_\n]+?)__"
    r"|★\s*(?P<star_after>[\w][\w'’-]*)"
    r"|(?P<star_before>[\w][\w'’-]*)★"
    r"|(?:(?P<ref_word>[\w'’-]+)\s?)?\[(?P<ref>\d{1,3})\](?!\()"
    r"|★"
)
_ITALIC = re.compile(
    r"(?<![*\w])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![*\w])|(?<![_\w])_(?=\S)([^_\n]+?)(?<=\S)_(?![_\w])"
)


def strip_markers(text: str) -> tuple[str, list[Marker]]:
    """`text` without vocabulary marks (and without `*italic*` stars), and the marks found."""
    if not any(ch in text for ch in "*_★["):
        return text, []  # most paragraphs: no need to run the patterns at every word
    # Italics go first: their single stars never match a `**` mark, and removing them
    # later would shift the offsets of the marks.
    text = _ITALIC.sub(_italic_text, text)
    out: list[str] = []
    markers: list[Marker] = []
    pos = 0
    length = 0
    for m in _MARKS.finditer(text):
        out.append(text[pos : m.start()])
        length += m.start() - pos
        pos = m.end()
        kind, term, keep = _marked(m)
        if kind:
            # `[n]` points at a note whose term we do not know yet; the word before it only
            # says where it stands.
            number = int(m.group("ref")) if kind == "ref" else None
            markers.append(Marker(kind, term, length, number))
        out.append(keep)
        length += len(keep)
    out.append(text[pos:])
    cleaned = "".join(out)
    return cleaned, markers


def _marked(m: re.Match[str]) -> tuple[str, str, str]:
    """(kind, term, text kept in place of the mark) of one `_MARKS` match."""
    if m.group("bold") or m.group("ubold"):
        term = (m.group("bold") or m.group("ubold")).strip()
        return "bold", term, term
    if m.group("star_after"):
        return "star", m.group("star_after"), m.group("star_after")
    if m.group("star_before"):
        return "star", m.group("star_before"), m.group("star_before")
    if m.group("ref"):
        word = m.group("ref_word") or ""
        return "ref", word, word
    return "", "", ""


_BOLD = re.compile(r"\*\*([^*\n]+?)\*\*|__([^_\n]+?)__")


def strip_emphasis(text: str) -> str:
    """`text` without Markdown bold and italic markers (a plain text's emphasis, not marks)."""
    if "*" not in text and "_" not in text:
        return text
    text = _BOLD.sub(lambda m: m.group(1) or m.group(2), text)
    return _ITALIC.sub(_italic_text, text)


def _italic_text(m: re.Match[str]) -> str:
    return m.group(1) or m.group(2)


# Prose notes under a translation: `at dawn breaks是固定表达,指“黎明时分”`,
# `long-haul表示“长途的”`, and the Chinese first: `“嗑瓜子”:munch sunflower seeds。`.
_TERM_THEN_GLOSS = re.compile(
    r"(?:^|[。；;])\s*(?P<term>[A-Za-z][A-Za-z' -]{0,40}?)\s*(?:是固定表达[,，]?\s*)?"
    r"(?:表示|指|意思是|意为|意思为|即)\s*[“\"](?P<gloss>[^”\"]{1,40})[”\"]"
)
_GLOSS_THEN_TERM = re.compile(
    r"(?:^|[。；;])\s*[“\"](?P<gloss>[^”\"]{1,20})[”\"]\s*[:：]\s*"
    r"(?P<term>[A-Za-z][A-Za-z' -]{0,40}?)\s*(?:[。.;；]|$)"
)


def glosses_in_commentary(text: str) -> list[Note]:
    """Notes a learner wrote as sentences of explanation; the explanation itself stays a
    note segment of the document, these are the glossary entries read from it."""
    out: list[Note] = []
    for pattern in (_TERM_THEN_GLOSS, _GLOSS_THEN_TERM):
        for m in pattern.finditer(text):
            term = m.group("term").strip(" -'")
            glosses = tuple(g.strip() for g in _split_glosses(m.group("gloss")) if g.strip())
            if term and glosses and len(term.split()) <= 6:
                out.append(Note(term, glosses))
    return out
