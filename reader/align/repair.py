"""Repairs a learner makes to the sentence links of one segment.

Pure functions from a tuple of links to a new tuple, so the app can apply, undo and save
them like any other edit. A repaired link is marked `manual=True` with no confidence (the
learner's word is not a score); links the learner repaired before are never touched except
by an explicit repair of that very link. An impossible repair raises ValueError with a
message the app can show.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from reader.align.sentences import align_sentences
from reader.model import Link, Segment

Side = Literal["source", "target"]


def _manual(source: Sequence[int], target: Sequence[int]) -> Link:
    return Link(tuple(sorted(source)), tuple(sorted(target)), None, True)


def _check_index(links: Sequence[Link], i: int) -> None:
    if not 0 <= i < len(links):
        raise ValueError(f"no link {i}: the segment has {len(links)}")


def merge_with_previous(links: tuple[Link, ...], i: int) -> tuple[Link, ...]:
    """Link i joins link i-1: their sentences now translate each other as one bead."""
    _check_index(links, i)
    if i == 0:
        raise ValueError("the first link has no previous link to merge with")
    prev, cur = links[i - 1], links[i]
    merged = _manual(prev.source + cur.source, prev.target + cur.target)
    return links[: i - 1] + (merged,) + links[i + 1 :]


def split_link(links: tuple[Link, ...], i: int, source_at: int, target_at: int) -> tuple[Link, ...]:
    """Link i becomes two: its first `source_at` and `target_at` sentences, then the rest.

    Either part may be empty on one side (a sentence left untranslated) but not on both.
    """
    _check_index(links, i)
    link = links[i]
    if not (0 <= source_at <= len(link.source) and 0 <= target_at <= len(link.target)):
        raise ValueError(
            f"cannot split a {len(link.source)}-{len(link.target)} link "
            f"after {source_at} source and {target_at} target sentences"
        )
    first = (link.source[:source_at], link.target[:target_at])
    second = (link.source[source_at:], link.target[target_at:])
    if not any(first) or not any(second):
        raise ValueError("a split must leave sentences on both sides of it")
    return links[:i] + (_manual(*first), _manual(*second)) + links[i + 1 :]


def move_boundary(links: tuple[Link, ...], i: int, side: Side, delta: int) -> tuple[Link, ...]:
    """Move the boundary between link i and link i+1 on one side by `delta` sentences.

    delta > 0 takes sentences from the start of link i+1 into link i; delta < 0 gives the
    last sentences of link i to link i+1. A link left with no sentence on either side is
    dropped.
    """
    _check_index(links, i)
    if i + 1 >= len(links):
        raise ValueError("the last link has no following link to move a boundary against")
    if side not in ("source", "target"):
        raise ValueError(f"side must be 'source' or 'target', not {side!r}")
    left, right = links[i], links[i + 1]
    ids = getattr(left, side) + getattr(right, side)
    cut = len(getattr(left, side)) + delta
    if not 0 <= cut <= len(ids) or delta == 0:
        raise ValueError(f"cannot move the {side} boundary by {delta}")
    new_left, new_right = ids[:cut], ids[cut:]
    if side == "source":
        pair = (_manual(new_left, left.target), _manual(new_right, right.target))
    else:
        pair = (_manual(left.source, new_left), _manual(right.source, new_right))
    kept = tuple(link for link in pair if link.source or link.target)
    return links[:i] + kept + links[i + 2 :]


def realign_rest(
    segment: Segment, from_link: int, src_lang: str, tgt_lang: str
) -> tuple[Link, ...]:
    """Align again every sentence from link `from_link` on, keeping the manual links there.

    Links before `from_link` stay as they are; manual links after it are anchors, and the
    aligner fills the gaps between them. The links it makes are its own (manual=False, with
    a confidence): the learner asked for the aligner's best guess, not for a decision.
    """
    links = segment.links
    if not 0 <= from_link <= len(links):
        raise ValueError(f"no link {from_link}: the segment has {len(links)}")
    src = segment.source.sentences
    tgt = segment.target.sentences if segment.target is not None else ()
    kept = links[:from_link]
    s_next = max((s for link in kept for s in link.source), default=-1) + 1
    t_next = max((t for link in kept for t in link.target), default=-1) + 1
    out: list[Link] = list(kept)
    anchors = [link for link in links[from_link:] if link.manual]
    for anchor in [*anchors, None]:
        s_end = min(anchor.source, default=s_next) if anchor else len(src)
        t_end = min(anchor.target, default=t_next) if anchor else len(tgt)
        if anchor is not None and not anchor.source:
            s_end = s_next
        if anchor is not None and not anchor.target:
            t_end = t_next
        out.extend(_align_gap(src, tgt, s_next, s_end, t_next, t_end, src_lang, tgt_lang))
        if anchor is not None:
            out.append(anchor)
            s_next = max(anchor.source, default=s_next - 1) + 1
            t_next = max(anchor.target, default=t_next - 1) + 1
    return tuple(out)


def _align_gap(
    src: Sequence[str],
    tgt: Sequence[str],
    s0: int,
    s1: int,
    t0: int,
    t1: int,
    src_lang: str,
    tgt_lang: str,
) -> list[Link]:
    if s1 <= s0 and t1 <= t0:
        return []
    found = align_sentences(list(src[s0:s1]), list(tgt[t0:t1]), src_lang, tgt_lang)
    return [
        Link(
            tuple(s + s0 for s in link.source),
            tuple(t + t0 for t in link.target),
            link.confidence,
        )
        for link in found
    ]
