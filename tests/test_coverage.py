"""Coverage: the share of running words known or in a glossary, per document and paragraph."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main
from reader.coverage import document_coverage, text_coverage, unknown_words
from reader.known import load_known
from reader.model import Document, Entry, Segment, Text

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def test_known_words_and_their_inflections_count(tmp_path: Path) -> None:
    known = load_known(tmp_path, "en").add(["the", "stifle", "is"])
    cov = text_coverage("The rules stifled innovation; the rule was 2025 words.", "en", known)
    # the, stifled (stifle), the, was (is -> be) known; rules, innovation, rule, words not.
    assert (cov.words, cov.covered) == (8, 4)
    assert cov.unknown == ("rules", "innovation", "rule", "words")
    assert cov.share == 0.5


def test_glossary_terms_count_with_their_multiword_spans(tmp_path: Path) -> None:
    entries = [Entry("level playing field", "en"), Entry("ignored one", "en", status="ignored")]
    cov = text_coverage("A level playing field, and an ignored one.", "en", None, entries)
    # An ignored term is not unknown: the learner set it aside (as "ignore" does in Lute and
    # LingQ, which take such words out of the unknown ones).
    assert (cov.words, cov.covered) == (8, 5)
    assert "level" not in cov.unknown and "ignored" not in cov.unknown


def test_unknown_words_of_a_paragraph_in_order_then_marked_known(tmp_path: Path) -> None:
    known = load_known(tmp_path, "nl").add(["de"])
    text = "De regels van de EU zijn streng; de regels blijven."
    words = unknown_words(text, "nl", known)
    assert words == ["regels", "van", "eu", "zijn", "streng", "blijven"]
    known = known.add(words)
    assert text_coverage(text, "nl", known).share == 1.0


def test_arabic_words_with_clitics_count_as_known(tmp_path: Path) -> None:
    known = load_known(tmp_path, "ar").add(["مدرسة", "كتاب"])
    cov = text_coverage("والمدرسة بالكتاب جديدة", "ar", known)
    assert (cov.words, cov.covered, cov.unknown) == (3, 2, ("جديده",))


def test_chinese_is_counted_by_word(tmp_path: Path) -> None:
    known = load_known(tmp_path, "zh").add(["人工智能"])
    cov = text_coverage("人工智能有潜力改变世界。", "zh", known)
    assert cov.covered == 1 and cov.words >= 4
    assert "潜力" in cov.unknown


def test_document_coverage_per_segment_and_language(tmp_path: Path) -> None:
    doc = Document(
        id="d",
        title="t",
        source_lang="en",
        segments=(
            Segment("a", "paragraph", Text(("The cat sat.", "The dog ran."))),
            Segment("b", "paragraph", Text(("",))),
            Segment("c", "postscript", Text(("人工智能。",), ""), lang="zh"),
        ),
    )
    known = {"en": load_known(tmp_path, "en").add(["the", "cat"]), "zh": load_known(tmp_path, "zh")}
    cov = document_coverage(doc, known.get)
    assert [(c.words, c.covered) for c in cov.segments] == [(6, 3), (0, 0), (1, 0)]
    assert (cov.total.words, cov.total.covered) == (7, 3)
    assert cov.total.unknown[:2] == ("sat", "dog") and cov.total.unknown_count == 4


def test_cli_coverage_of_a_seed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    library = tmp_path / "lib"
    shutil.copytree(SEEDS, library)
    assert (
        main(["known", "add", "de", "het", "een", "--lang", "nl", "--library", str(library)]) == 0
    )
    assert "3 word(s) added" in capsys.readouterr().out
    assert main(["known", "coverage", "000_4b3161353c9025c8", "--library", str(library)]) == 0
    out = capsys.readouterr().out
    first = out.splitlines()[0]
    assert first.startswith("000_4b3161353c9025c8: ") and "of 298 running words" in first
    assert "most frequent unknown: en, dat" in out


def test_cli_coverage_json_per_paragraph(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json
    import shutil

    library = tmp_path / "lib"
    shutil.copytree(SEEDS, library)
    doc = "000_4b3161353c9025c8"
    assert main(["known", "coverage", doc, "--library", str(library), "--json", "--top", "3"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["document"] == doc and out["covered"] == 0 and out["share"] == 0
    assert out["words"] == sum(p["words"] for p in out["paragraphs"]) == 298
    assert out["unknown_words"] == 168 and len(out["top_unknown"]) == 3
