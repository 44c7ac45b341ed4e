"""What the learner's own translation and an alignment repair do to a document.

Pure functions from a document to its new version: the service saves the result and keeps
the step to undo it. Each explains a refusal with `Refused`, in words the app can show.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

from reader.model import Document, Link, Segment, Text

RepairKind = Literal["merge", "split", "shrink", "grow", "realign"]
REPAIRS: dict[str, str] = {
    "merge": "merge with the previous link",
    "split": "split",
    "shrink": "give the last translation sentence to the next link",
    "grow": "take the next translation sentence in",
    "realign": "re-align the rest of the paragraph",
}


class Refused(Exception):
    """An operation that makes no sense here, with the reason to show ("warning": it was
    tried and could not be done; "information": it does not apply here)."""

    def __init__(self, message: str, severity: str = "information") -> None:
        super().__init__(message)
        self.severity = severity


def paragraph_number(document: Document, seg: Segment) -> int:
    return document.segment_index[seg.id] + 1


def split_translation(text: str, lang: str) -> list[str]:
    """The learner's translation of a paragraph as sentences (one when splitting fails)."""
    text = " ".join(text.split()) if lang not in ("zh", "ja") else "".join(text.split())
    from reader.sentences import split_into

    sentences = [s for s in split_into(text, lang) if s.strip()]
    return sentences or [text]


def with_translation(document: Document, segment_id: str, text: str, lang: str) -> Document:
    """The document with the learner's translation of one paragraph, its sentences linked to
    the original's as well as the aligner can (the translation is kept even when it cannot)."""
    seg = document.segment(segment_id)
    if seg.bilingual:
        raise Refused("This paragraph already has a translation.")
    sentences = split_translation(text, lang)
    links: tuple[Link, ...] = ()
    try:
        from reader.align import align_sentences

        source_lang = document.segment_lang(seg)
        links = tuple(align_sentences(seg.source.sentences, sentences, source_lang, lang))
    except (ValueError, IndexError):  # a help, not a condition for keeping the translation
        links = ()
    new = document.with_segment(replace(seg, target=Text.of(sentences, lang), links=links))
    if new.target_lang is None:
        new = replace(new, target_lang=lang)
    return new


def with_repair(document: Document, segment_id: str, sentence: int, kind: str) -> Document:
    """The document with the sentence links of one paragraph repaired at source `sentence`."""
    from reader.align import repair

    seg = document.segment(segment_id)
    if not seg.bilingual:
        raise Refused("Alignment repair needs a paragraph with a translation.")
    links = seg.links
    i = next((n for n, link in enumerate(links) if sentence in link.source), None)
    if i is None:
        raise Refused("This sentence has no alignment link to repair.")
    try:
        if kind == "merge":
            new_links = repair.merge_with_previous(links, i)
        elif kind == "split":
            # The current sentence starts the second part (or, when it is the link's
            # first, ends the first part); the translation is cut in the middle.
            link = links[i]
            at = link.source.index(sentence)
            source_at = at if at > 0 else 1
            target_at = len(link.target) // 2 if len(link.target) > 1 else len(link.target)
            new_links = repair.split_link(links, i, source_at, target_at)
        elif kind in ("grow", "shrink"):
            new_links = repair.move_boundary(links, i, "target", 1 if kind == "grow" else -1)
        elif kind == "realign":
            lang = document.target_lang or ""
            new_links = repair.realign_rest(seg, i, document.segment_lang(seg), lang)
        else:
            raise Refused(f"No such repair: {kind}.", "warning")
    except (ValueError, IndexError) as exc:
        raise Refused(f"Cannot {kind} here: {exc}", "warning") from None
    return document.with_segment(replace(seg, links=tuple(new_links)))
