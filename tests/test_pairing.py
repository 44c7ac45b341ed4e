"""Pairing the cues of two subtitle files: offset, overlap groups, text for what time misses."""

from __future__ import annotations

from dataclasses import dataclass

from formatdata import REAL

from reader.importers.pairing import estimate_offset, pair_cues
from reader.importers.subtitles import read_cues


@dataclass(frozen=True)
class C:
    start: float
    end: float
    words: str

    def text(self, lang: str | None = None) -> str:
        return self.words


def test_the_offset_between_two_releases_is_found() -> None:
    en = read_cues(REAL / "sintel-en.srt")
    zh = read_cues(REAL / "sintel-zh.srt")
    later = [(c.start + 12.3, c.end + 12.3) for c in zh]
    spans = [(c.start, c.end) for c in en]
    assert abs(estimate_offset(spans, later) + 12.3) < 0.05
    assert estimate_offset(spans, [(c.start, c.end) for c in zh]) == 0.0


def test_a_shifted_translation_pairs_as_the_original_timing_does() -> None:
    en = read_cues(REAL / "sintel-en.srt")
    zh = read_cues(REAL / "sintel-zh.srt")
    shifted = [C(c.start - 7.0, c.end - 7.0, c.text()) for c in zh]
    expected = [(b.source, b.target) for b in pair_cues(en, zh, "en", "zh").beads]
    got = pair_cues(en, shifted, "en", "zh")
    assert [(b.source, b.target) for b in got.beads] == expected
    assert abs(got.offset - 7.0) < 0.05
    assert ((1,), (0,)) in expected and ((0,), ()) in expected


def test_a_cue_split_in_two_pairs_one_to_two() -> None:
    src = [C(0, 4, "I was at the station, waiting for the last train.")]
    tgt = [C(0, 2, "我在车站，"), C(2, 4, "等最后一班火车。")]
    beads = pair_cues(src, tgt, "en", "zh").beads
    assert [(b.source, b.target) for b in beads] == [((0,), (0, 1))]
    assert beads[0].links[0].confidence == 1.0


def test_cues_that_time_cannot_place_are_paired_by_their_text() -> None:
    src = [
        C(0, 2, "Good morning."),
        C(10, 12, "The train is late again."),
        C(13, 15, "I will walk to the city."),
        C(30, 32, "Goodbye."),
    ]
    tgt = [
        C(0, 2, "早上好。"),
        C(40, 41, "火车又晚点了。"),  # mistimed: far from its original
        C(41, 42, "我要走路进城。"),
        C(30, 32, "再见。"),
    ]
    beads = pair_cues(src, tgt, "en", "zh").beads
    pairs = [(b.source, b.target) for b in beads]
    assert pairs[0] == ((0,), (0,)) and pairs[-1] == ((3,), (3,))
    middle = pairs[1:-1]
    assert sorted(i for s, _ in middle for i in s) == [1, 2]
    assert sorted(j for _, t in middle for j in t) == [1, 2]
    assert all(b.links[0].confidence is not None for b in beads)


def test_every_cue_of_both_files_is_in_exactly_one_bead() -> None:
    en = read_cues(REAL / "sintel-en.srt")
    zh = read_cues(REAL / "sintel-zh.srt")
    beads = pair_cues(en, zh, "en", "zh").beads
    assert sorted(i for b in beads for i in b.source) == list(range(len(en)))
    assert sorted(j for b in beads for j in b.target) == list(range(len(zh)))


def film(n: int) -> list[C]:
    """`n` cues of uneven lengths and gaps, as speech comes."""
    import random

    rng = random.Random(5)
    cues, t = [], 10.0
    for i in range(n):
        length = rng.uniform(1.0, 4.5)
        cues.append(C(t, t + length, f"line {i}"))
        t += length + rng.uniform(0.2, 3.0)
    return cues


def test_a_translation_timed_for_another_frame_rate_is_retimed() -> None:
    src = film(600)  # 40 minutes
    ratio = 25 / 23.976
    tgt = [C(c.start * ratio + 0.8, c.end * ratio + 0.8, c.words) for c in src]
    result = pair_cues(src, tgt, "en", "en")
    assert [(b.source, b.target) for b in result.beads] == [((i,), (i,)) for i in range(600)]
    assert "frame rate" in result.report[0]


def test_a_plain_offset_is_not_taken_for_a_drift() -> None:
    src = film(600)
    tgt = [C(c.start + 3.0, c.end + 3.0, c.words) for c in src]
    result = pair_cues(src, tgt, "en", "en")
    assert [(b.source, b.target) for b in result.beads] == [((i,), (i,)) for i in range(600)]
    assert "run -3.00 s" in result.report[0]
