"""Pairing the cues of two subtitle files of one film: time first, text second.

Two subtitle files of one film rarely share cue boundaries: one splits a long line in two,
the other merges two short ones, and a file made for another release runs a few seconds
early or late. So:

1. The offset between the files is measured: every pair of cues starting within
   `_WINDOW` seconds of each other votes for the difference of their starts, in
   `_BUCKET`-second bins; the best-supported difference (refined to the median of its
   votes) is kept when it makes the cues overlap more than no shift does. When even the
   best offset leaves the files mostly apart, one may be timed for another frame rate:
   the common ratios are tried (`estimate_timing`).
2. Cues are joined by overlap once the offset is applied: each cue is linked to the cue of
   the other file it overlaps most, and the linked groups become beads (1-1, a cue split
   in two on one side gives a 1-2 bead).
3. Text decides what time cannot: cues no overlap reaches, between two paired beads, are
   aligned by the sentence aligner on their text, and so are large groups.

Each bead gets a confidence: the share of the group's time both sides cover (intersection
over union) for time-paired beads, the aligner's confidence for text-paired ones.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from reader.model import Link

_WINDOW = 90.0
_BUCKET = 0.25
_MIN_OVERLAP = 0.2  # share of the shorter cue two cues must share to be linked
_MAX_GROUP = 4  # larger time groups are split by their text
_GOOD_FIT = 0.85  # `matched_share` above which one offset is taken as right
_MIN_FOR_DRIFT = 30  # cues each file needs before a frame-rate drift can be told apart
_RATE_SAMPLE = 250  # original cues the frame rates are compared on
# Frame rates subtitles are timed for: 23.976, 24, 25, 29.97, 30; each ratio and its inverse.
_RATES = (24000 / 1001, 24.0, 25.0, 30000 / 1001, 30.0)
_FRAME_RATE_RATIOS = tuple(
    sorted({round(a / b, 6) for a in _RATES for b in _RATES if abs(a / b - 1) > 0.001})
)


class _TimedCue(Protocol):
    """What pairing needs of a cue: its times and its text."""

    @property
    def start(self) -> float: ...

    @property
    def end(self) -> float: ...

    def text(self, lang: str | None = None) -> str: ...


@dataclass(frozen=True)
class CueBead:
    """Source cue indices and target cue indices, with links between them (in file indices)."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    links: tuple[Link, ...]


@dataclass
class Pairing:
    beads: list[CueBead]
    offset: float = 0.0
    report: list[str] = field(default_factory=list)


def pair_cues(
    src: Sequence[_TimedCue], tgt: Sequence[_TimedCue], src_lang: str, tgt_lang: str
) -> Pairing:
    s_span = [(c.start, c.end) for c in src]
    t_span = [(c.start, c.end) for c in tgt]
    scale, offset = estimate_timing(s_span, t_span)
    shifted = [(a * scale + offset, b * scale + offset) for a, b in t_span]
    groups = _overlap_groups(s_span, shifted)
    beads = _fill_gaps(groups, src, tgt, s_span, shifted, src_lang, tgt_lang)
    report = []
    if scale != 1.0:
        report.append(
            f"the translation's cues drift against the original's (a frame rate of "
            f"{scale:.4f} times theirs, {offset:+.2f} s): retimed"
        )
    elif abs(offset) >= 0.05:
        report.append(f"the translation's cues run {offset:+.2f} s against the original's: shifted")
    timed = sum(1 for b in beads if b.source and b.target)
    report.append(f"{timed} pairs of cues ({len(src)} original cues, {len(tgt)} translation cues)")
    return Pairing(beads, offset, report)


def total_overlap(
    s_span: Sequence[tuple[float, float]], t_span: Sequence[tuple[float, float]], shift: float
) -> float:
    total = 0.0
    j0 = 0
    for a, b in s_span:
        while j0 < len(t_span) and t_span[j0][1] + shift <= a:
            j0 += 1
        j = j0
        while j < len(t_span) and t_span[j][0] + shift < b:
            total += max(0.0, min(b, t_span[j][1] + shift) - max(a, t_span[j][0] + shift))
            j += 1
    return total


def estimate_offset(
    s_span: Sequence[tuple[float, float]], t_span: Sequence[tuple[float, float]]
) -> float:
    """Seconds to add to the target's times so the two files line up (0 when they do)."""
    if not s_span or not t_span:
        return 0.0
    votes: Counter[int] = Counter()
    diffs: dict[int, list[float]] = {}
    t_starts = [a for a, _ in t_span]
    lo = 0
    for a, _ in s_span:
        while lo < len(t_starts) and t_starts[lo] < a - _WINDOW:
            lo += 1
        j = lo
        while j < len(t_starts) and t_starts[j] <= a + _WINDOW:
            d = a - t_starts[j]
            key = round(d / _BUCKET)
            votes[key] += 1
            diffs.setdefault(key, []).append(d)
            j += 1
    best = 0.0
    best_overlap = total_overlap(s_span, t_span, 0.0)
    # Votes of neighbouring bins are summed: a true offset rarely falls on one bin's centre.
    smoothed = Counter({k: votes[k - 1] + votes[k] + votes[k + 1] for k in votes})
    for key, _ in smoothed.most_common(3):
        near = sorted(d for k in (key - 1, key, key + 1) for d in diffs.get(k, ()))
        candidate = near[len(near) // 2]
        overlap = total_overlap(s_span, t_span, candidate)
        if overlap > best_overlap * 1.1:
            best, best_overlap = candidate, overlap
    return best


def estimate_timing(
    s_span: Sequence[tuple[float, float]], t_span: Sequence[tuple[float, float]]
) -> tuple[float, float]:
    """(scale, offset) that map the target's times onto the source's: `t * scale + offset`.

    A file timed for another frame rate (25 against 23.976 fps) drifts: no one offset
    fits it. When the best offset leaves the cues poorly matched (`matched_share` under
    `_GOOD_FIT`), the ratios of the common frame rates are tried too, each with its own
    best offset, and the best-matched pair is kept.
    """
    offset = estimate_offset(s_span, t_span)
    fit = matched_share(s_span, [(a + offset, b + offset) for a, b in t_span])
    if fit >= _GOOD_FIT or min(len(s_span), len(t_span)) < _MIN_FOR_DRIFT:
        return 1.0, offset
    # The rates are told apart on every few original cues: as clear, and several times faster.
    sample = s_span[:: max(1, len(s_span) // _RATE_SAMPLE)]
    best = (matched_share(sample, [(a + offset, b + offset) for a, b in t_span]), 1.0, offset)
    for scale in _FRAME_RATE_RATIOS:
        scaled = [(a * scale, b * scale) for a, b in t_span]
        candidate = estimate_offset(sample, scaled)
        share = matched_share(sample, [(a + candidate, b + candidate) for a, b in scaled])
        # Split cues alone lower the share: another rate must fit clearly better.
        if share > max(best[0] * 1.2, _GOOD_FIT):
            best = (share, scale, candidate)
    if best[1] == 1.0:
        return 1.0, offset
    scaled = [(a * best[1], b * best[1]) for a, b in t_span]
    return best[1], estimate_offset(s_span, scaled)


def matched_share(
    s_span: Sequence[tuple[float, float]], t_span: Sequence[tuple[float, float]]
) -> float:
    """The mean share of each source cue's time that its best-overlapping target cue covers:
    near 1 when the files line up cue for cue, low when they drift apart."""
    if not s_span:
        return 0.0
    total = 0.0
    j0 = 0
    for a, b in s_span:
        while j0 < len(t_span) and t_span[j0][1] <= a:
            j0 += 1
        best = 0.0
        j = j0
        while j < len(t_span) and t_span[j][0] < b:
            best = max(best, _overlap((a, b), t_span[j]))
            j += 1
        total += best / max(b - a, 1e-3)
    return total / len(s_span)


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> float:
    return max(0.0, min(a[1], b[1]) - max(a[0], b[0]))


def _best_partners(
    s_span: Sequence[tuple[float, float]], t_span: Sequence[tuple[float, float]]
) -> list[int | None]:
    """For each source cue, the target cue it overlaps most (enough to count), if any."""
    out: list[int | None] = []
    j0 = 0
    for a, b in s_span:
        while j0 < len(t_span) and t_span[j0][1] <= a:
            j0 += 1
        best, best_ov = None, 0.0
        j = j0
        while j < len(t_span) and t_span[j][0] < b:
            ov = _overlap((a, b), t_span[j])
            shorter = max(min(b - a, t_span[j][1] - t_span[j][0]), 1e-3)
            if ov >= _MIN_OVERLAP * shorter and ov > best_ov:
                best, best_ov = j, ov
            j += 1
        out.append(best)
    return out


def _overlap_groups(
    s_span: Sequence[tuple[float, float]], t_span: Sequence[tuple[float, float]]
) -> list[tuple[list[int], list[int]]]:
    """Cues joined by best-overlap links in both directions, as monotone groups."""
    n = len(s_span)
    parent = list(range(n + len(t_span)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in enumerate(_best_partners(s_span, t_span)):
        if j is not None:
            parent[find(i)] = find(n + j)
    for j, k in enumerate(_best_partners(t_span, s_span)):
        if k is not None:
            parent[find(n + j)] = find(k)
    members: dict[int, tuple[list[int], list[int]]] = {}
    for i in range(n):
        members.setdefault(find(i), ([], []))[0].append(i)
    for j in range(len(t_span)):
        members.setdefault(find(n + j), ([], []))[1].append(j)
    groups = sorted(
        (g for g in members.values() if g[0] and g[1]), key=lambda g: (g[0][0], g[1][0])
    )
    # Keep the groups in order on both sides: a group whose target cues run back before the
    # previous group's is dropped (its cues fall to the text pass).
    out: list[tuple[list[int], list[int]]] = []
    for s_ids, t_ids in groups:
        if out and (t_ids[0] <= out[-1][1][-1] or s_ids[0] <= out[-1][0][-1]):
            continue
        out.append((s_ids, t_ids))
    return out


def _iou(s: list[tuple[float, float]], t: list[tuple[float, float]]) -> float:
    a = (min(x for x, _ in s), max(y for _, y in s))
    b = (min(x for x, _ in t), max(y for _, y in t))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return _overlap(a, b) / union if union > 0 else 1.0


def _fill_gaps(
    groups: list[tuple[list[int], list[int]]],
    src: Sequence[_TimedCue],
    tgt: Sequence[_TimedCue],
    s_span: Sequence[tuple[float, float]],
    t_span: Sequence[tuple[float, float]],
    src_lang: str,
    tgt_lang: str,
) -> list[CueBead]:
    """Time groups as beads, with the cues between them (and oversized groups) aligned by text."""
    beads: list[CueBead] = []
    i = j = 0

    def by_text(s_ids: list[int], t_ids: list[int]) -> None:
        if not s_ids or not t_ids:
            beads.extend(CueBead((k,), (), (Link((k,), (), 0.0),)) for k in s_ids)
            beads.extend(CueBead((), (k,), (Link((), (k,), 0.0),)) for k in t_ids)
            return
        from reader.align import align_sentences

        links = align_sentences(
            [src[k].text(src_lang) for k in s_ids],
            [tgt[k].text(tgt_lang) for k in t_ids],
            src_lang,
            tgt_lang,
        )
        for link in links:
            s = tuple(s_ids[x] for x in link.source)
            t = tuple(t_ids[y] for y in link.target)
            beads.append(CueBead(s, t, (Link(s, t, link.confidence),)))

    for s_ids, t_ids in groups:
        by_text(list(range(i, s_ids[0])), list(range(j, t_ids[0])))
        s_range = list(range(s_ids[0], s_ids[-1] + 1))
        t_range = list(range(t_ids[0], t_ids[-1] + 1))
        if len(s_range) > _MAX_GROUP or len(t_range) > _MAX_GROUP:
            by_text(s_range, t_range)
        else:
            conf = round(_iou([s_span[k] for k in s_range], [t_span[k] for k in t_range]), 3)
            s, t = tuple(s_range), tuple(t_range)
            beads.append(CueBead(s, t, (Link(s, t, conf),)))
        i, j = s_ids[-1] + 1, t_ids[-1] + 1
    by_text(list(range(i, len(src))), list(range(j, len(tgt))))
    return beads
