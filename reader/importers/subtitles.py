"""Subtitles (SRT, WebVTT, ASS/SSA) as documents of cues, alone or paired with a translation.

pysubs2 parses the formats; we add what real files need around it. Before parsing, every
line with a `-->` must be a timing (pysubs2 skips a broken one silently, and with it a cue),
and WebVTT's NOTE, STYLE and REGION blocks are dropped (it would read them as cue text).
Formatting tags (`<i>`, `<font>`, `{\\i1}`) are removed by pysubs2's plain text.

One file gives one segment per cue, its timing kept. A file whose cues hold two lines in two
languages (dual subtitles) gives a bilingual document, each cue paired with itself. Two
files are paired by `pairing.pair_cues`: time first, text second.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from reader.errors import ReaderError
from reader.importers.book import Book, Chapter
from reader.importers.html_blocks import Block
from reader.importers.result import DocumentBuilder, ImportResult, sentences_of
from reader.languages import detect_language
from reader.model import Cue, Link, sentence_separator
from reader.textio import read_text

_TIMING = re.compile(
    r"^\s*(?:\d+:)?\d{1,2}:\d{2}[,.]\d{1,3}\s*-->\s*(?:\d+:)?\d{1,2}:\d{2}[,.]\d{1,3}(?:\s.*)?$"
)
# A line meant as a timing: an arrow after a time, or an arrow of any length.
_TIMING_LIKE = re.compile(r"-->|\d:\d\d\S*\s*-+>|^\s*\d+:\d+\S*\s+\d+:\d+")
_VTT_BLOCK = re.compile(r"(?:^|\n\n)(?:NOTE|STYLE|REGION)\b[^\n]*(?:\n[^\n]+)*", re.MULTILINE)
_DRAWING = re.compile(r"\\p[1-9]")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")


@dataclass(frozen=True)
class CueText:
    """One subtitle: when it shows, and its lines of text."""

    start: float
    end: float
    lines: tuple[str, ...]

    def text(self, lang: str | None = None) -> str:
        return sentence_separator(lang).join(self.lines) if lang else " ".join(self.lines)


def read_cues(path: Path) -> list[CueText]:
    """The cues of a subtitle file, in time order, or a ReaderError naming the file."""
    import pysubs2

    name = str(path)
    text = read_text(path)
    suffix = path.suffix.lower()
    for n, line in enumerate(text.split("\n"), 1):
        if _TIMING_LIKE.search(line) and not _TIMING.match(line):
            raise ReaderError(name, f"broken cue timing: {line.strip()[:60]!r}", n)
    if suffix == ".vtt" or text.lstrip().startswith("WEBVTT"):
        text = _VTT_BLOCK.sub("\n", text)
    fmt = {".srt": "srt", ".vtt": "vtt", ".ass": "ass", ".ssa": "ssa"}.get(suffix)
    try:
        subs = pysubs2.SSAFile.from_string(text, format_=fmt)
    except Exception as exc:  # noqa: BLE001 - pysubs2 raises its own errors, and ValueError
        raise ReaderError(name, f"not a subtitle file pysubs2 can read ({exc})") from None
    cues: list[CueText] = []
    for event in subs:
        if event.is_comment or _DRAWING.search(event.text):
            continue
        if event.end < event.start:
            raise ReaderError(name, f"cue {len(cues) + 1} ends before it starts")
        lines = tuple(
            line
            for line in (
                " ".join(_HTML_TAG.sub("", raw).split()) for raw in event.plaintext.split("\n")
            )
            if line
        )
        if lines:
            cues.append(CueText(event.start / 1000, event.end / 1000, lines))
    if not cues:
        raise ReaderError(name, "no subtitle cues found")
    cues.sort(key=lambda c: (c.start, c.end))
    return cues


def dual_languages(cues: list[CueText]) -> tuple[str, str] | None:
    """(first, second) when most cues hold lines of two languages, the first above."""
    votes: dict[tuple[str, str], int] = {}
    for cue in cues:
        if len(cue.lines) < 2:
            continue
        top = detect_language(cue.lines[0], default="?")
        bottom = detect_language(cue.lines[-1], default="?")
        if "?" not in (top, bottom) and top != bottom:
            votes[(top, bottom)] = votes.get((top, bottom), 0) + 1
    if not votes:
        return None
    pair, count = max(votes.items(), key=lambda kv: kv[1])
    return pair if count >= 0.5 * len(cues) else None


def _split_dual(cue: CueText, first: str) -> tuple[list[str], list[str]]:
    top: list[str] = []
    bottom: list[str] = []
    for line in cue.lines:
        lang = detect_language(line, default=first)
        (top if lang == first and not bottom else bottom).append(line)
    return top, bottom


def import_subtitles(
    path: Path, *, doc_id: str, lang: str | None, to: str | None, today: str | None
) -> ImportResult:
    cues = read_cues(path)
    name = str(path)
    builder = DocumentBuilder(name)
    dual = dual_languages(cues)
    if dual is not None:
        src, tgt = lang or dual[0], to or dual[1]
        for cue in cues:
            top, bottom = _split_dual(cue, dual[0])
            src_text = sentence_separator(src).join(top)
            tgt_text = sentence_separator(tgt).join(bottom)
            source = sentences_of(src_text, src) if src_text else []
            target = sentences_of(tgt_text, tgt) if tgt_text else []
            if not source:
                source, target = target, []
            links = (
                [Link(tuple(range(len(source))), tuple(range(len(target))), 1.0)] if target else []
            )
            builder.add(
                "paragraph", source, target or None, source_lang=src, target_lang=tgt,
                links=links, cue=Cue(cue.start, cue.end),
            )  # fmt: skip
        builder.report.append(f"dual subtitles: {len(cues)} cues, {dual[0]} above {dual[1]}")
        doc = builder.document(
            doc_id=doc_id,
            title=path.stem,
            source_lang=src,
            target_lang=tgt,
            origin=name,
            today=today,
        )
        return ImportResult(doc, (), tuple(builder.report))
    src = lang or detect_language("\n".join(c.text() for c in cues))
    for cue in cues:
        builder.add(
            "paragraph",
            sentences_of(cue.text(src), src),
            source_lang=src,
            cue=Cue(cue.start, cue.end),
        )
    doc = builder.document(
        doc_id=doc_id, title=path.stem, source_lang=src, origin=name, today=today
    )
    return ImportResult(doc, (), tuple(builder.report))


def import_subtitle_pair(
    path: Path,
    translation: Path,
    *,
    doc_id: str,
    lang: str | None,
    to: str | None,
    today: str | None,
) -> ImportResult:
    """Two subtitle files of one film: cues paired by time, then text."""
    from reader.importers.pairing import pair_cues

    src_cues, tgt_cues = read_cues(path), read_cues(translation)
    src = lang or detect_language("\n".join(c.text() for c in src_cues))
    tgt = to or detect_language("\n".join(c.text() for c in tgt_cues))
    pairing = pair_cues(src_cues, tgt_cues, src, tgt)
    builder = DocumentBuilder(str(path))
    builder.report.extend(pairing.report)
    for bead in pairing.beads:
        s_cues = [src_cues[i] for i in bead.source]
        t_cues = [tgt_cues[j] for j in bead.target]
        if not s_cues:
            # A translation cue with no original: kept as a segment of its own, in its language.
            builder.add(
                "paragraph", [c.text(tgt) for c in t_cues], source_lang=tgt, lang=tgt,
                cue=Cue(t_cues[0].start, t_cues[-1].end),
            )  # fmt: skip
            continue
        links = (
            []
            if not t_cues
            else [
                Link(
                    tuple(i - bead.source[0] for i in link.source),
                    tuple(j - bead.target[0] for j in link.target),
                    link.confidence,
                )
                for link in bead.links
            ]
        )
        builder.add(
            "paragraph",
            [c.text(src) for c in s_cues],
            [c.text(tgt) for c in t_cues] or None,
            source_lang=src,
            target_lang=tgt,
            links=links,
            cue=Cue(s_cues[0].start, max(c.end for c in s_cues)),
        )
    doc = builder.document(
        doc_id=doc_id,
        title=path.stem,
        source_lang=src,
        target_lang=tgt,
        origin=str(path),
        translation_origin=str(translation),
        today=today,
    )
    return ImportResult(doc, (), tuple(builder.report))


def read_subtitle_book(path: Path) -> Book:
    """A subtitle file as a book of one chapter, each cue a paragraph (for pairing with a
    translation in another format, such as a transcript)."""
    cues = read_cues(path)
    blocks = tuple(Block("paragraph", cue.text()) for cue in cues)
    return Book(path.stem, (Chapter(path.name, blocks),))
