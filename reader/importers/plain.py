"""Plain text or Markdown in one language: paragraphs, headings, and hard-wrap repair.

Paragraphs are blank-line separated; a file without any blank line has one paragraph per
line (web articles saved as text), unless its lines are wrapped at a fixed width, in which
case full lines are rejoined. Within a paragraph, wrapped lines are always rejoined; list
items stay paragraphs of their own.

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
    lang = lang or detect_language(text)
    builder = DocumentBuilder(name)
    paras = paragraphs(numbered_lines(text), HyphenRule(text, lang))
    for para in paras:
        if para.kind == "note":
            builder.keep_as_note(para.line, para.text, "kept as text", None)
        else:
            builder.add(para.kind, sentences_of(para.text, lang, para.kind), source_lang=lang)
    # A heading only names the document when no running text comes before it.
    lead = [p for p in paras if p.kind not in ("byline", "image")][:1]
    title = next((p.text for p in lead if p.kind in ("title", "heading")), None)
    subtitle = next((p.text for p in paras[:3] if p.kind == "subtitle"), None)
    doc = builder.document(
        doc_id=doc_id, title=title, subtitle=subtitle, source_lang=lang, origin=name, today=today
    )
    return ImportResult(doc, (), tuple(builder.report))


def paragraphs(lines: list[Line], hyphens: HyphenRule | None = None) -> list[Para]:
    """The paragraphs of a one-language text, classified (title, heading, paragraph ...)."""
    raw = _raw_paragraphs(lines)
    out: list[Para] = []
    for i, group in enumerate(raw):
        first = group[0]
        text = (
            first.text.strip() if len(group) == 1 else join_lines([x.text for x in group], hyphens)
        )
        following = i + 1 < len(raw)
        if i == 0:
            date = _DATE_LEAD.match(text)
            if date:
                out.append(Para("byline", date.group(1).strip(), first.number))
                text = text[date.end() :]
        out.append(Para(_kind(text, len(group), out, following), _clean(text), first.number))
    return out


def _raw_paragraphs(lines: list[Line]) -> list[list[Line]]:
    """Lines grouped into paragraphs, before any classification."""
    if any(line.blank_before for line in lines):
        return _rejoin_across_blanks(_split_list_items(blocks(lines)))
    width = wrap_width([len(line.text) for line in lines])
    groups: list[list[Line]] = []
    for line in lines:
        if groups and _continues_line(groups[-1][-1].text, line.text, width):
            groups[-1].append(line)
        else:
            groups.append([line])
    return _merge_bare_bullets(groups)


_BROKEN_WORD = re.compile(r"\w-$")


def _continues_line(previous: str, following: str, width: int | None) -> bool:
    """In a text without blank lines: does `following` go on with `previous`'s paragraph?
    Yes when the text is wrapped and `previous` is full, when a word is broken across the
    two, or when `following` starts in lower case after an unfinished sentence (paragraphs
    and headings start with a capital)."""
    if _LIST_ITEM.match(following) or markdown_heading(following):
        return False
    if width and continues(previous, following, width):
        return True
    first = following.lstrip()[:1]
    if _BROKEN_WORD.search(previous) and first.isalpha():
        return True
    return first.isalpha() and first.islower() and not ends_sentence(previous)


def _split_list_items(groups: list[list[Line]]) -> list[list[Line]]:
    """Each list item of a block is a paragraph; its wrapped continuation lines stay with it."""
    out: list[list[Line]] = []
    for group in groups:
        if not any(_LIST_ITEM.match(line.text) or markdown_heading(line.text) for line in group):
            out.append(group)
            continue
        current: list[Line] = []
        for line in group:
            if (_LIST_ITEM.match(line.text) or markdown_heading(line.text)) and current:
                out.append(current)
                current = []
            current.append(line)
            if markdown_heading(line.text):
                out.append(current)
                current = []
        if current:
            out.append(current)
    return _merge_bare_bullets(out)


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
        if out and _continues_across_blank(out[-1][-1].text, group[0].text):
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


def _kind(text: str, n_lines: int, before: list[Para], following: bool) -> str:
    heading = markdown_heading(text)
    if heading:
        return "title" if heading[0] == 1 and not _has_kind(before, "title") else "heading"
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


def _has_kind(paras: list[Para], kind: str) -> bool:
    return any(p.kind == kind for p in paras)


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
