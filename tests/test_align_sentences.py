"""align_sentences on small hand-made bitexts: every bead shape a translator produces."""

from __future__ import annotations

import pytest

from reader.align import align_sentences
from reader.model import Entry, Link

# A short hand-written English text about the seed story and a Chinese translation of it,
# one sentence per item. Each case below rearranges them into one bead shape.
EN = [
    "Meta says Europe is heading down the wrong path on artificial intelligence.",
    "The company will not sign the voluntary code of practice.",
    "It cites legal uncertainty for developers of open models.",
    "The law comes into force in August 2025.",
    "Critics in Brussels call the decision a mistake?",
    "Spotify's founder Daniel Ek agrees with Mark Zuckerberg.",
    "Both men say that complex rules will slow down innovation in Europe.",
    "Regulators reply that citizens need protection from powerful systems.",
]
ZH = [
    "Meta表示，欧洲在人工智能问题上正走向错误的道路。",
    "该公司不会签署这份自愿的行为准则。",
    "它以开放模型开发者面临的法律不确定性为理由。",
    "这项法律将于2025年8月生效。",
    "布鲁塞尔的批评者称这一决定是个错误？",
    "Spotify创始人丹尼尔·埃克同意马克·扎克伯格的看法。",
    "两人都说，复杂的规则会减缓欧洲的创新。",
    "监管者回应说，公民需要受到保护，免受强大系统的伤害。",
]


def beads(links: list[Link]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(link.source, link.target) for link in links]


def one_to_one(n: int) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [((i,), (i,)) for i in range(n)]


def assert_covering_and_monotone(links: list[Link], n: int, m: int) -> None:
    src = [i for link in links for i in link.source]
    tgt = [j for link in links for j in link.target]
    assert src == list(range(n))
    assert tgt == list(range(m))
    for link in links:
        assert link.source or link.target
        assert link.confidence is not None and 0.0 <= link.confidence <= 1.0


def assert_beside(
    got: list[tuple[tuple[int, ...], tuple[int, ...]]], pairs: list[tuple[int, int]]
) -> None:
    """Each source sentence is shown beside its translation (in the same bead)."""
    for s, t in pairs:
        bead = next(b for b in got if s in b[0])
        assert t in bead[1], f"sentence {s} is not beside its translation {t}: {bead}"


# Translators split and join sentences: build the other side by joining neighbours.
ZH_JOINED_12 = ZH[:1] + [ZH[1] + ZH[2]] + ZH[3:]  # EN 1 and 2 -> one Chinese sentence
EN_JOINED_56 = EN[:5] + [EN[5] + " " + EN[6]] + EN[7:]


@pytest.mark.parametrize(
    ("src", "tgt", "src_lang", "tgt_lang", "expected"),
    [
        pytest.param(EN, ZH, "en", "zh", one_to_one(8), id="en-zh 1-1"),
        pytest.param(ZH, EN, "zh", "en", one_to_one(8), id="zh original, en translation"),
        pytest.param(
            EN,
            ZH_JOINED_12,
            "en",
            "zh",
            [((0,), (0,)), ((1, 2), (1,))] + [((i + 1,), (i,)) for i in range(2, 7)],
            id="2-1",
        ),
        pytest.param(
            ZH,
            EN_JOINED_56,
            "zh",
            "en",
            [((i,), (i,)) for i in range(5)] + [((5, 6), (5,)), ((7,), (6,))],
            id="2-1 zh-en",
        ),
        pytest.param(
            EN_JOINED_56,
            ZH,
            "en",
            "zh",
            [((i,), (i,)) for i in range(5)] + [((5,), (5, 6)), ((6,), (7,))],
            id="1-2",
        ),
    ],
)
def test_bead_shapes(
    src: list[str],
    tgt: list[str],
    src_lang: str,
    tgt_lang: str,
    expected: list[tuple[tuple[int, ...], tuple[int, ...]]],
) -> None:
    links = align_sentences(src, tgt, src_lang, tgt_lang)
    assert beads(links) == expected
    assert_covering_and_monotone(links, len(src), len(tgt))


def test_insertion_in_translation_is_a_0_1_bead() -> None:
    # The translator added a note of their own after sentence 3.
    note = "译者注：这份准则由欧盟委员会于二〇二五年七月公布，共有三个章节，分别涉及透明度、版权以及安全与保障。"
    zh = ZH[:4] + [note] + ZH[4:]
    got = beads(align_sentences(EN, zh, "en", "zh"))
    assert ((), (4,)) in got
    assert ((3,), (3,)) in got and ((4,), (5,)) in got


def test_omission_in_translation_is_a_1_0_bead() -> None:
    zh = ZH[:2] + ZH[3:]  # sentence 2 was left out
    got = beads(align_sentences(EN, zh, "en", "zh"))
    assert got[:2] == [((0,), (0,)), ((1,), (1,))]
    assert ((7,), (6,)) in got
    # Sentence 2 is either unpaired or joined to a neighbour: never paired with the wrong one.
    assert ((2,), ()) in got or any(2 in s and len(s) > 1 for s, _ in got)
    assert_beside(got, [(0, 0), (1, 1), (3, 2), (4, 3), (5, 4), (6, 5), (7, 6)])


def test_hard_wrapped_sentences_align_like_unwrapped_ones() -> None:
    wrapped = [
        "Meta says Europe is heading down the wrong\npath on artificial intelligence.",
        "The company will not sign the volun-\ntary code of practice.",
        *EN[2:],
    ]
    assert beads(align_sentences(wrapped, ZH, "en", "zh")) == one_to_one(8)


def test_traditional_characters_align_like_simplified() -> None:
    traditional = [
        "Meta表示，歐洲在人工智能問題上正走向錯誤的道路。",
        "該公司不會簽署這份自願的行為準則。",
        "它以開放模型開發者面臨的法律不確定性為理由。",
        "這項法律將於2025年8月生效。",
        "布魯塞爾的批評者稱這一決定是個錯誤？",
        "Spotify創始人丹尼爾·埃克同意馬克·扎克伯格的看法。",
        "兩人都說，複雜的規則會減緩歐洲的創新。",
        "監管者回應說，公民需要受到保護，免受強大系統的傷害。",
    ]
    assert beads(align_sentences(traditional, EN, "zh-Hant", "en")) == one_to_one(8)

    # Drop two sentences so length alone cannot line the texts up: words must, and the
    # traditional text must find the same pairs as the simplified one.
    def drop(side: list[str]) -> list[str]:
        return side[:1] + side[2:6] + side[7:]

    from_traditional = beads(align_sentences(drop(traditional), EN, "zh", "en"))
    from_simplified = beads(align_sentences(drop(ZH), EN, "zh", "en"))
    assert from_traditional == from_simplified
    assert_beside(from_traditional, [(0, 0), (1, 2), (2, 3), (3, 4), (4, 5), (5, 7)])
    # The two English sentences left without a translation may join a neighbour's bead
    # (test_omission_in_translation_is_a_1_0_bead covers leaving one unpaired); the others
    # pair one to one.
    for s, t in [(2, 3), (3, 4)]:
        assert ((s,), (t,)) in from_traditional


def test_numbers_and_names_anchor_sentences_without_a_dictionary() -> None:
    # Dutch and English: no dictionary, but numbers, names and punctuation still match.
    nl = [
        "In 1998 kocht Jansen een huis in Utrecht.",
        "Het kostte 240.000 gulden.",
        "Waarom?",
        "Zijn vrouw Marieke wilde dichter bij haar ouders wonen.",
    ]
    en = [
        "In 1998 Jansen bought a house in Utrecht.",
        "It cost 240,000 guilders, which he borrowed from the bank.",
        "His bank manager thought it was a bad idea.",
        "Why?",
        "His wife Marieke wanted to live closer to her parents.",
    ]
    got = beads(align_sentences(nl, en, "nl", "en"))
    assert got[:2] == [((0,), (0,)), ((1,), (1,))]
    # The inserted sentence has no word that can be matched without a dictionary, so it
    # may join its neighbours; the question and the name still find their translations.
    assert_beside(got, [(2, 3), (3, 4)])


def test_glossary_entries_are_evidence() -> None:
    # Made-up words no dictionary knows: only the learner's glossary links them.
    glossary = [
        Entry(term="blorvex", lang="en", glosses=("布洛维克斯",)),
        Entry(term="奎德里", lang="zh", glosses=("quendry",)),
    ]
    # The translation gives the two sentences in the other order: only the glossary says
    # which is which, so it makes the 2-2 bead it takes surer.
    src, tgt = (
        ["The blorvex was late.", "The quendry came."],
        ["奎德里来了。", "布洛维克斯迟到了。"],
    )
    plain = align_sentences(src, tgt, "en", "zh")[0].confidence
    helped = align_sentences(src, tgt, "en", "zh", glossary=glossary)[0].confidence
    assert plain is not None and helped is not None and helped > plain
    # The boundary: the first Chinese sentence holds both creatures.
    src = ["The blorvex was late.", "The quendry arrived.", "Everyone was glad."]
    tgt = ["布洛维克斯迟到了，奎德里来了。", "大家都很高兴。"]
    got = beads(align_sentences(src, tgt, "en", "zh", glossary=glossary))
    assert got == [((0, 1), (0,)), ((2,), (1,))]


@pytest.mark.parametrize(
    ("src", "tgt", "expected"),
    [
        ([], [], []),
        (["One."], [], [((0,), ())]),
        ([], ["一。"], [((), (0,))]),
        (["One."], ["一。"], [((0,), (0,))]),
    ],
)
def test_empty_sides(src: list[str], tgt: list[str], expected: list[object]) -> None:
    assert beads(align_sentences(src, tgt, "en", "zh")) == expected


def test_a_lone_pair_sharing_nothing_is_doubted() -> None:
    # No other alignment competes with a lone pair: only what it shares can doubt it.
    right = align_sentences(EN[:1], ZH[:1], "en", "zh")[0].confidence
    wrong = align_sentences(EN[:1], ZH[7:8], "en", "zh")[0].confidence
    assert right is not None and wrong is not None
    assert right > 0.9 and wrong < 0.8


def test_a_sentence_either_neighbour_could_take_makes_both_doubtful() -> None:
    # "Nobody knows." has no counterpart and nothing in common with either neighbour: the
    # beads it could join are doubtful, the others sure.
    src = EN[:4] + ["Nobody knows."] + EN[4:]
    links = align_sentences(src, ZH, "en", "zh")
    assert_covering_and_monotone(links, len(src), len(ZH))
    doubtful = {link.source: link.confidence for link in links if {3, 4, 5} & set(link.source)}
    sure = [link.confidence for link in links if not {3, 4, 5} & set(link.source)]
    assert min(c for c in sure if c is not None) > 0.85
    assert any(4 in source and c is not None and c < 0.6 for source, c in doubtful.items())


def test_long_texts_take_the_banded_path_and_still_cover_everything() -> None:
    # 600 x 600 sentences is past the full-search limit: the two-pass band is used.
    src = [f"{s} ({k})" for k in range(75) for s in EN]
    tgt = [f"{s}（{k}）" for k in range(75) for s in ZH]
    links = align_sentences(src, tgt, "en", "zh")
    assert_covering_and_monotone(links, len(src), len(tgt))
    assert sum(1 for link in links if len(link.source) == len(link.target) == 1) >= 590


def test_a_banded_search_finds_the_path_of_the_full_search() -> None:
    from dataclasses import replace

    from reader.align.keys import sentence_tokens
    from reader.align.lengths import char_lengths
    from reader.align.sentences import WEIGHTS, align_tokens

    src = [f"{s} ({k})" for k in range(20) for s in EN]
    tgt = [f"{s}（{k}）" for k in range(20) for s in ZH]
    # A 2-1 join and, further on, a sentence the translation leaves out (source 121).
    tgt[83:85] = [tgt[83] + tgt[84]]
    del tgt[120]
    s_tok, t_tok = sentence_tokens(src, "en"), sentence_tokens(tgt, "zh")
    s_len, t_len = char_lengths(src), char_lengths(tgt)
    whole = align_tokens(s_tok, t_tok, s_len, t_len)
    banded = align_tokens(s_tok, t_tok, s_len, t_len, replace(WEIGHTS, full_search=1_000, band=6))
    assert beads(banded) == beads(whole)
    assert ((83, 84), (83,)) in beads(banded)
    assert ((120,), (119,)) in beads(banded) and ((122,), (120,)) in beads(banded)
    assert_covering_and_monotone(banded, len(src), len(tgt))


def test_a_missing_chapter_is_found_by_the_block_pass() -> None:
    from dataclasses import replace

    from reader.align.keys import sentence_tokens
    from reader.align.lengths import char_lengths
    from reader.align.sentences import WEIGHTS, align_tokens

    src = [f"{s} ({k})" for k in range(40) for s in EN]
    tgt = [f"{s}（{k}）" for k in range(40) for s in ZH]
    # The translation lacks 64 sentences near the start: the path leaves the length
    # diagonal by far more than the search band's half-width.
    del tgt[16:80]
    narrow = replace(WEIGHTS, full_search=1_000, band=6)
    got = beads(
        align_tokens(
            sentence_tokens(src, "en"),
            sentence_tokens(tgt, "zh"),
            char_lengths(src),
            char_lengths(tgt),
            narrow,
        )
    )
    assert got[:16] == one_to_one(16)
    assert [((i + 64,), (i,)) for i in range(16, len(tgt))] == got[-(len(tgt) - 16) :]
