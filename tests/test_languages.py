"""Language and script detection on the seeds and on small hand-made samples."""

from __future__ import annotations

import re

import pytest
from seedfiles import seed_text

from reader.languages import detect_language, dominant_script, is_cjk_char, script_of


def op_ed_blocks() -> tuple[list[str], list[str]]:
    """The op-ed's English `原文` blocks (lines joined) and the Chinese paragraph after each."""
    han = re.compile(r"[\u4e00-\u9fff]")
    english, chinese = [], []
    for block in seed_text("002").split("原文：")[1:]:
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", block) if p.strip()]
        first_chinese = next(i for i, p in enumerate(paragraphs) if han.search(p))
        english.append(" ".join(paragraphs[:first_chinese]))
        chinese.append(paragraphs[first_chinese])
    return english, chinese


@pytest.mark.parametrize(
    ("prefix", "lang"),
    [("000", "nl"), ("001", "ar"), ("003", "en"), ("004", "nl")],
)
def test_seed_articles(prefix: str, lang: str) -> None:
    assert detect_language(seed_text(prefix)) == lang


def test_every_op_ed_block_english_and_every_translation_chinese() -> None:
    english, chinese = op_ed_blocks()
    assert len(english) == len(chinese) == 13
    assert [detect_language(p) for p in english] == ["en"] * 13
    assert [detect_language(p) for p in chinese] == ["zh"] * 13


@pytest.mark.parametrize(
    ("prefix", "lang"),
    [("000", "nl"), ("001", "ar"), ("003", "en"), ("004", "nl")],
)
def test_each_paragraph_of_the_seed_articles(prefix: str, lang: str) -> None:
    paragraphs = [p for p in seed_text(prefix).splitlines() if len(p.split()) >= 12]
    assert paragraphs
    assert {detect_language(p) for p in paragraphs} == {lang}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # Mixed scripts: the language of the running text wins over embedded names.
        ("Meta开源了Llama", "zh"),
        ("Meta开源了许多人工智能技术，包括其最先进的Llama大型语言模型", "zh"),
        ("Spotify自豪地被捧为欧洲科技成功的典范", "zh"),
        ("تتعاون Meta وSpotify مرة أخرى", "ar"),
        ("لم تنتقد Meta وSpotify اللائحة نفسها، بل انتقدت فقط كيفية رد شركة Apple.", "ar"),
        ("Xi Jinping (习近平) met the delegation in Beijing on Tuesday, officials said.", "en"),
        # Latin-script languages by their function words.
        ("Keert Meta zijn kar over opensource AI?", "nl"),
        ("Recent nam Meta nog Scale AI over voor 14,5 miljard dollar.", "nl"),
        ("Meta has said it won't sign up for the EU's code of practice.", "en"),
        ("Der Hund ist nicht groß und die Katze auch nicht.", "de"),
        ("Die Kommission hat die Regeln für künstliche Intelligenz veröffentlicht.", "de"),
        ("Le chat est sur la table et il dort dans la cuisine.", "fr"),
        ("El perro está en la casa con los niños y no quiere salir.", "es"),
        ("Il gatto è sulla tavola e non vuole dormire nella cucina.", "it"),
        ("O gato está em casa com as crianças e não quer dormir.", "pt"),
        # Scripts that name their language.
        ("こんにちは、世界。今日はいい天気ですね。", "ja"),
        ("東京都は日本の首都であり、多くの人々が住んでいます。", "ja"),
        ("这是科技的一个重要时刻。", "zh"),
        ("這是科技的一個重要時刻。", "zh"),
        ("안녕하세요. 오늘 날씨가 좋네요.", "ko"),
        ("Привет, мир! Как у тебя дела?", "ru"),
        ("Привіт, світе! Як справи? Це їхня країна.", "uk"),
        ("این یک متن فارسی است که در ایران نوشته شده است.", "fa"),
        ("یہ ایک اردو جملہ ہے جو پاکستان میں لکھا گیا۔", "ur"),
        ("Γειά σου κόσμε, τι κάνεις σήμερα;", "el"),
        ("שלום עולם, מה שלומך היום?", "he"),
        ("สวัสดีครับ วันนี้อากาศดีมาก", "th"),
        ("नमस्ते दुनिया, आप कैसे हैं?", "hi"),
    ],
)
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize("text", ["", "   ", "12345 !!! 3.5", "meta llama opensource"])
def test_undecided_text_gets_the_default(text: str) -> None:
    assert detect_language(text) == "en"
    assert detect_language(text, default="nl") == "nl"


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Meta开源了Llama", "Latin"),
        ("开源Meta", "Han"),
        ("  ¿Qué?", "Latin"),
        ("«مرحبا»", "Arabic"),
        ("123 — ひらがな", "Kana"),
        ("한국어", "Hangul"),
        ("Ωμέγα", "Greek"),
        ("123 !?", "Common"),
        ("", "Common"),
    ],
)
def test_script_of_is_the_first_letter(text: str, script: str) -> None:
    assert script_of(text) == script


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Meta开源了Llama", "Han"),
        ("Meta has said it won't sign up, 它说。", "Latin"),
        ("تتعاون Meta وSpotify مرة أخرى", "Arabic"),
        ("Привет, Meta!", "Cyrillic"),
        ("— 12 —", "Common"),
    ],
)
def test_dominant_script(text: str, script: str) -> None:
    assert dominant_script(text) == script


@pytest.mark.parametrize(
    ("ch", "expected"),
    [
        ("中", True),
        ("國", True),
        ("の", True),
        ("カ", True),
        ("ㄅ", True),
        ("𠀀", True),  # CJK extension B
        ("a", False),
        ("한", False),  # Hangul is written with spaces
        ("，", False),
        ("。", False),
        ("م", False),
        ("1", False),
    ],
)
def test_is_cjk_char(ch: str, expected: bool) -> None:
    assert is_cjk_char(ch) is expected


def test_large_text_is_sampled_not_scanned() -> None:
    # A megabyte of Dutch with an English tail: the sample must still see mostly Dutch.
    text = seed_text("000") * 500 + seed_text("003")
    assert len(text) > 1_000_000
    assert detect_language(text) == "nl"
    assert dominant_script(text) == "Latin"


# --- Detection by the identifier, on the running text only --------------------------------

SHORT = [
    ("He kicked his dog.", "en"),
    ("So disagreement was a sign of idiocy.", "en"),
    ("Early years", "en"),
    ("Sign up today", "en"),
    ("Dat is een goed idee.", "nl"),
    ("Ze gaan morgen naar huis.", "nl"),
    ("Wir fahren morgen nach Hause.", "de"),
    ("On va au cinéma ce soir.", "fr"),
    ("Vamos a la playa mañana.", "es"),
    ("Andiamo al mare domani.", "it"),
    ("Vamos à praia amanhã.", "pt"),
    ("Border Clash with Indian Troops", "en"),
]


@pytest.mark.parametrize(("text", "lang"), SHORT)
def test_short_texts(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize(
    "text",
    ["meta llama opensource", "Tidewater Notes", "By Ada Quill", "London Fashion Week"],
)
def test_a_few_names_are_no_evidence(text: str) -> None:
    # The identifier guesses below its threshold: the caller's default stands.
    assert detect_language(text, default="nl") == "nl"


def test_dutch_text_quoting_english_is_dutch() -> None:
    text = (
        'De minister zei dat "the situation is under control and we will not change course", '
        "maar de oppositie twijfelt daar sterk aan. Volgens haar is de regering de controle al "
        "lang kwijt en moet er snel een nieuw plan komen voor de zorg."
    )
    assert detect_language(text) == "nl"


def test_an_annotated_file_behind_a_comment_and_a_column_of_stars() -> None:
    # An English article with its translation and notes, whose file starts with an HTML
    # comment and a column of `*` lines (the shape once detected as Portuguese).
    from reader.importers import import_text

    head = (
        "<!-- saved from url=(0065)https://www.economist.com/by-invitation/2024/08/23/x -->\n"
        "<!-- markdown export -->\n*\n*\n*\n*\n\n"
    )
    result = import_text(head + seed_text("002"), name="oped.md")
    doc = result.document
    assert (doc.source_lang, doc.target_lang) == ("en", "zh")
    kinds = [seg.kind for seg in doc.segments]
    # The two comment lines are one note, each `*` a note of its own; the title follows.
    assert kinds[:6] == ["note"] * 5 + ["title"]
    assert doc.segments[0].source.text.startswith("<!-- saved from")
    assert any("comment, kept as text" in line for line in result.report)


def test_lang_overrides_detection_in_the_cli(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from reader.cli import main

    path = tmp_path / "short.txt"
    path.write_text("Het regende de hele dag. Daarna scheen de zon.\n", encoding="utf-8")
    library = tmp_path / "lib"
    assert main(["import", str(path), "--library", str(library)]) == 0
    assert main(["import", str(path), "--library", str(library), "--lang", "af"]) == 0
    docs = sorted((library / "documents").glob("*.yaml"))
    langs = sorted(p.read_text(encoding="utf-8").split("source_lang: ")[1].split()[0] for p in docs)
    assert langs == ["af", "nl"]


def test_the_identifier_loads_on_first_use_only() -> None:
    import subprocess
    import sys

    code = (
        "import sys, reader.languages as L\n"
        "L.detect_language('这是中文。')\n"
        "assert 'py3langid' not in sys.modules\n"
        "L.detect_language('This is English.')\n"
        "assert 'py3langid' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
