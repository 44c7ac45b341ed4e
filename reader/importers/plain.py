"""Plain text or Markdown in one language: paragraphs, headings, and hard-wrap repair.

The shape of the paragraphs is decided for each block of lines between blank lines, not for
the whole file, since saved texts mix shapes: a news article with one paragraph per line
followed by another after a blank line, a hard-wrapped book with blank lines between its
paragraphs, a wrapped text whose paragraphs start with an indented line and have no blank
lines at all. In a block whose lines are wrapped at a width, a line that stops short of the
width, or a line indented further than its block, starts a new paragraph; in a block of long
lines every line is a paragraph unless it visibly goes on (a word broken at the line end, a
sentence continued in lower case). List items are paragraphs of their own. Every step looks
at one line and its neighbour, so the import is linear in the size of the text.

Markup that is not text (HTML comments, front matter, fenced code) and a Project Gutenberg
header and footer are kept as note segments of their own and named in the import report.

Headings are recognised conservatively, because a wrong heading breaks a paragraph's
reading flow while a missed one only looks plain: a `#` line; or a single short line (at most
70 characters and 10 words) with no final stop, followed by more text. The first line is the
title when it is short and not a finished sentence (a question is fine); the line right after
it is the subtitle when it has no final stop either. A date the file opens with (" date
2025-05 ...") is kept as a byline segment, never the title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.importers.lines import (
    Line,
    blocks,
    ends_clause,
    ends_sentence,
    is_cjk,
    is_image,
    is_rule,
    italic_line,
    markdown_heading,
    numbered_lines,
)
from reader.importers.notes import strip_emphasis
from reader.importers.result import DocumentBuilder, ImportResult, sentences_of
from reader.importers.wrapping import HyphenRule, continues, join_lines, wrap_width
from reader.languages import detect_language


@dataclass(frozen=True)
class Para:
    """One paragraph of a plain text before sentence splitting: its kind, text and first line."""

    kind: str
    text: str
    line: int
    why: str = ""  # for notes: what the import report says they are


_LIST_ITEM = re.compile(r"^(?:[-*•+]|\d{1,3}[.)])\s+(?=\S)")
_BULLET = re.compile(r"^[-*•+]\s+(?=\S)")
_BARE_BULLET = re.compile(r"^[-*•+]$")
_DATE_LEAD = re.compile(
    r"^\s*((?:date|datum|published|gepubliceerd|updated)?:?\s*"
    r"\d{4}-\d{2}(?:-\d{2})?(?:[ T]\d{1,2}:\d{2})?)\s+(?=\S)",
    re.IGNORECASE,
)


def import_plain(
    text: str,
    *,
    name: str,
    doc_id: str,
    lang: str | None = None,
    today: str | None = None,
) -> ImportResult:
    lines = numbered_lines(text)
    lang = lang or detect_language(running_text(lines))
    builder = DocumentBuilder(name)
    paras = paragraphs(lines, HyphenRule(text, lang))
    reported: set[str] = set()
    for para in paras:
        if para.kind == "note":
            if para.why in _REPORTED_ONCE:
                # A licence of 3,000 words is one line of the report, not a hundred.
                if para.why not in reported:
                    builder.report.append(f"line {para.line}: {para.why}, kept as notes")
                    reported.add(para.why)
                builder.add("note", [para.text], source_lang=lang)
            else:
                builder.keep_as_note(para.line, para.text, para.why or "kept as text", None)
        else:
            builder.add(para.kind, sentences_of(para.text, lang, para.kind), source_lang=lang)
    body = [p for p in paras if p.kind != "note"]
    # A heading only names the document when no running text comes before it.
    lead = [p for p in body if p.kind not in ("byline", "image")][:1]
    title = _gutenberg_title(paras) or next(
        (p.text for p in lead if p.kind in ("title", "heading")), None
    )
    subtitle = next((p.text for p in body[:3] if p.kind == "subtitle"), None)
    doc = builder.document(
        doc_id=doc_id, title=title, subtitle=subtitle, source_lang=lang, origin=name, today=today
    )
    return ImportResult(doc, (), tuple(builder.report))


_GUTENBERG_HEADER = "Project Gutenberg header"
_GUTENBERG_FOOTER = "Project Gutenberg footer"
_REPORTED_ONCE = frozenset({_GUTENBERG_HEADER, _GUTENBERG_FOOTER})
_GUTENBERG_TITLE = re.compile(r"^Title:\s*(.+)$")


def _gutenberg_title(paras: list[Para]) -> str | None:
    for para in paras:
        if para.why == _GUTENBERG_HEADER:
            m = _GUTENBERG_TITLE.match(para.text)
            if m:
                return m.group(1).strip()
    return None


_MARKDOWN_NOISE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|https?://\S+|[#*_>`|~]+")


def running_text(lines: list[Line], limit: int = 20_000) -> str:
    """The prose of a text, for language detection: no markup lines, no Markdown syntax,
    no link targets or URLs. Only the first `limit` characters or so are needed."""
    out: list[str] = []
    size = 0
    for line in lines:
        if line.markup:
            continue
        text = _MARKDOWN_NOISE.sub(lambda m: m.group(1) or " ", line.text)
        out.append(text)
        size += len(text)
        if size > limit:
            break
    return "\n".join(out)


def paragraphs(
    lines: list[Line], hyphens: HyphenRule | None = None, *, blank_lines_part: bool = False
) -> list[Para]:
    """The paragraphs of a one-language text, classified (title, heading, paragraph ...).

    With `blank_lines_part`, the text is known to part its paragraphs with blank lines (a
    PDF's text layer, where lines of a proportional font vary in length and say nothing of
    where a paragraph ends): inside a block only a heading, a list item or an indented first
    line starts a new one."""
    header, body_lines, footer = _gutenberg_parts(lines)
    out: list[Para] = [Para("note", line.text, line.number, _GUTENBERG_HEADER) for line in header]
    raw = _raw_paragraphs(body_lines, blank_lines_part)
    body: list[Para] = []  # what is not a note: what titles and bylines are judged against
    has_title = False
    for i, group in enumerate(raw):
        first = group[0]
        if first.markup:
            text = " ".join(line.text.strip() for line in group)
            out.append(Para("note", text, first.number, f"{first.markup}, kept as text"))
            continue
        text = (
            first.text.strip() if len(group) == 1 else join_lines([x.text for x in group], hyphens)
        )
        following = i + 1 < len(raw)
        if not body:
            date = _DATE_LEAD.match(text)
            if date:
                body.append(Para("byline", date.group(1).strip(), first.number))
                out.append(body[-1])
                text = text[date.end() :]
        kind = _kind(text, len(group), body, following, has_title)
        has_title = has_title or kind == "title"
        body.append(Para(kind, _clean(text), first.number))
        out.append(body[-1])
    out += [Para("note", line.text, line.number, _GUTENBERG_FOOTER) for line in footer]
    return out


_GUTENBERG_START = re.compile(r"^\s*\*{3}\s*START OF (?:THE|THIS) PROJECT GUTENBERG", re.IGNORECASE)
_GUTENBERG_END = re.compile(r"^\s*\*{3}\s*END OF (?:THE|THIS) PROJECT GUTENBERG", re.IGNORECASE)


def _gutenberg_parts(lines: list[Line]) -> tuple[list[Line], list[Line], list[Line]]:
    """(header, body, footer): Project Gutenberg's header ends with its `*** START OF` line
    and its footer starts at `*** END OF`; both are the site's, not the book's."""
    start = next(
        (i for i, line in enumerate(lines[:400]) if _GUTENBERG_START.match(line.text)), None
    )
    if start is None:
        return [], lines, []
    end = next(
        (i for i in range(len(lines) - 1, start, -1) if _GUTENBERG_END.match(lines[i].text)),
        len(lines),
    )
    return lines[: start + 1], lines[start + 1 : end], lines[end:]


def _raw_paragraphs(lines: list[Line], blank_lines_part: bool = False) -> list[list[Line]]:
    """Lines grouped into paragraphs, before any classification, block by block."""
    width = None if blank_lines_part else _file_width(lines)
    groups: list[list[Line]] = []
    for block in blocks(lines):
        for part in _markup_apart(block):
            if part[0].markup:
                groups.append(part)
                continue
            groups.extend(block_paragraphs(part, width, blank_lines_part))
    return _rejoin_across_blanks(_merge_bare_bullets(groups))


def _file_width(lines: list[Line]) -> int | None:
    """The width the text's wrapped blocks share, for blocks too short to tell on their own.
    Lines alone in their block (headings, one-line paragraphs) say nothing about wrapping."""
    lengths = [
        len(line.text)
        for i, line in enumerate(lines)
        if not line.markup
        and (not line.blank_before or (i + 1 < len(lines) and not lines[i + 1].blank_before))
    ]
    return wrap_width(lengths)


def _markup_apart(block: list[Line]) -> list[list[Line]]:
    """A block split where markup starts or stops: a comment is never part of a paragraph."""
    out: list[list[Line]] = []
    for line in block:
        if out and out[-1][-1].markup == line.markup:
            out[-1].append(line)
        else:
            out.append([line])
    return out


def _starts_item(text: str) -> bool:
    return bool(_LIST_ITEM.match(text)) or markdown_heading(text) is not None


def block_paragraphs(
    block: list[Line], file_width: int | None, blank_lines_part: bool = False
) -> list[list[Line]]:
    """The paragraphs of one block of lines (no blank line or markup inside)."""
    if blank_lines_part:
        return _parted_by_blank_lines(block)
    width = wrap_width([len(line.text) for line in block]) if len(block) >= 4 else None
    if width is None and file_width and max(len(line.text) for line in block) <= file_width + 2:
        width = file_width
    indent = min(_indent(line.text) for line in block)
    groups: list[list[Line]] = []
    for line in block:
        if groups and _goes_on(groups[-1], line.text, width, indent):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _parted_by_blank_lines(block: list[Line]) -> list[list[Line]]:
    indent = min(_indent(line.text) for line in block)
    groups: list[list[Line]] = []
    for line in block:
        text = line.text
        new = (
            not groups
            or _indent(text) > indent
            or _starts_item(text.lstrip())
            or markdown_heading(groups[-1][-1].text) is not None
        )
        if new:
            groups.append([line])
        else:
            groups[-1].append(line)
    return groups


def _goes_on(group: list[Line], following: str, width: int | None, indent: int) -> bool:
    """Whether `following` belongs to the paragraph `group` has begun. A list item goes on
    over lines indented under it (Markdown); a heading is always one line."""
    first, previous = group[0].text, group[-1].text
    # Most lines start with a letter: no heading, list item or bullet to look for.
    starts = (following.lstrip()[:1], previous.lstrip()[:1], first.lstrip()[:1])
    if not (starts[0].isalpha() and starts[2].isalpha() and starts[1] != "#"):
        if markdown_heading(previous) or _starts_item(following.lstrip()):
            return False
        if _LIST_ITEM.match(first.lstrip()) and _indent(following) > _indent(first):
            return True
    return _continues_line(previous, following, width, indent)


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" \t\u3000"))


_BROKEN_WORD = re.compile(r"\w-$")


def _continues_line(previous: str, following: str, width: int | None, indent: int = 0) -> bool:
    """Inside a block: does `following` go on with `previous`'s paragraph? Not when it is
    indented further than the block (a first-line indent). Yes when the block is wrapped and
    `previous` is full, when a word is broken across the two, or when `following` starts in
    lower case after an unfinished sentence (paragraphs and headings start with a capital)."""
    if width and _indent(following) > indent:
        return False
    if width and continues(previous, following, width):
        return True
    first = following.lstrip()[:1]
    if _BROKEN_WORD.search(previous[-2:]) and first.isalpha():
        return True
    last = previous.rstrip()[-1:]
    if width and last and is_cjk(last) and is_cjk(first) and not ends_clause(previous):
        # Chinese wraps anywhere, and a line's character count varies with its punctuation:
        # in a wrapped block a line that stops mid-sentence goes on.
        return True
    return first.isalpha() and first.islower() and not ends_sentence(previous)


def _merge_bare_bullets(groups: list[list[Line]]) -> list[list[Line]]:
    """A bullet alone on its line (`-`) introduces the item on the next line."""
    out: list[list[Line]] = []
    pending = False
    for group in groups:
        if len(group) == 1 and _BARE_BULLET.match(group[0].text.strip()):
            pending = True
            continue
        if pending:
            first = group[0]
            group = [Line(first.number, "- " + first.text, first.blank_before), *group[1:]]
            pending = False
        out.append(group)
    return out


def _rejoin_across_blanks(groups: list[list[Line]]) -> list[list[Line]]:
    """Hard wrapping with a blank line after every line: a block that stops mid-sentence and
    a next block that starts in lower case are one paragraph."""
    out: list[list[Line]] = []
    for group in groups:
        first = group[0]
        if out and first.blank_before and _continues_across_blank(out[-1][-1].text, first.text):
            out[-1].extend(group)
        else:
            out.append(group)
    return out


def _continues_across_blank(previous: str, following: str) -> bool:
    if markdown_heading(previous) or _LIST_ITEM.match(following) or ends_sentence(previous):
        return False
    if previous.rstrip().endswith((",", "，", "、")):
        return True  # no heading or paragraph ends with a comma
    if ends_clause(previous):
        return False  # "as follows:" may well end a paragraph before a list
    first = following.lstrip("\"'“‘(")[:1]
    return first.isalpha() and first.islower()


def _kind(
    text: str, n_lines: int, before: list[Para], following: bool, has_title: bool = False
) -> str:
    heading = markdown_heading(text)
    if heading:
        return "title" if heading[0] == 1 and not has_title else "heading"
    if is_image(text):
        return "image"
    if is_rule(text):
        return "note"  # a thematic break: not text, but not ours to drop
    if italic_line(text) and len(before) <= 3:
        return "byline"
    if n_lines > 1 or _LIST_ITEM.match(text) or not following:
        return "paragraph"
    # Only the first two paragraphs (past a leading byline) can be title or subtitle.
    content = [p for p in before[:3] if p.kind != "byline"][:2]
    if not content and _title_like(text):
        return "title"
    under_title = len(content) == 1 and content[0].kind == "title"
    if under_title and len(text) <= 200 and not ends_sentence(text):
        return "subtitle"
    if len(text) <= 70 and len(text.split()) <= 10 and not ends_clause(text):
        return "heading"
    return "paragraph"


def _title_like(text: str) -> bool:
    if len(text) > 150:
        return False
    return not ends_sentence(text) or text.rstrip("\"”’' ").endswith(("?", "!", "？", "！"))


def _clean(text: str) -> str:
    """Markdown markup that is not text: heading hashes, list bullets, image and italic
    wrappers are shown by the segment kind instead."""
    heading = markdown_heading(text)
    if heading:
        return heading[1]
    italic = italic_line(text)
    if italic:
        return strip_emphasis(italic)
    # Bullets go; numbers stay, since "3." may be what the text refers to.
    return strip_emphasis(_BULLET.sub("", text, count=1))
