"""Sentence splitting: rules per language, the seeds, and exact spans into the text."""

from __future__ import annotations

import re
import textwrap

import pytest
from seedfiles import seed_text

from reader.sentences import split_into, split_sentences

HAN = re.compile(r"[\u4e00-\u9fff]")


def op_ed_paragraphs() -> list[tuple[str, str]]:
    """(English joined from its hard-wrapped lines, Chinese) for each `原文` block."""
    out = []
    for block in seed_text("002").split("原文：")[1:]:
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", block) if p.strip()]
        first_chinese = next(i for i, p in enumerate(paragraphs) if HAN.search(p))
        english = " ".join(paragraphs[:first_chinese]).replace("open- source", "open-source")
        out.append((english, paragraphs[first_chinese]))
    return out


def assert_exact_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Spans are ordered, trimmed, disjoint, and cover every non-space character."""
    spans = split_sentences(text, lang)
    pos = 0
    for start, end in spans:
        assert pos <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        assert not text[pos:start].strip(), f"text dropped: {text[pos:start]!r}"
        pos = end
    assert not text[pos:].strip()
    return spans


# --- English and other Latin-script languages -------------------------------------------

ENGLISH = [
    (("THIS IS AN important moment in technology. Artificial intelligence (AI) has the "
     "potential to transform the world."),
     ["THIS IS AN important moment in technology.",
      "Artificial intelligence (AI) has the potential to transform the world."]),
    ("Mr. Smith and Mrs. Jones met Dr. Brown. They talked.",
     ["Mr. Smith and Mrs. Jones met Dr. Brown.", "They talked."]),
    ("He moved to the U.S. in 2010 and later to the U.K. for work.",
     ["He moved to the U.S. in 2010 and later to the U.K. for work."]),
    ("The U.S. Senate voted. It passed.", ["The U.S. Senate voted.", "It passed."]),
    ("She lives in the U.S. The weather is fine.",
     ["She lives in the U.S.", "The weather is fine."]),
    ("Bring fruit, e.g. apples, and drinks, i.e. water. Then leave.",
     ["Bring fruit, e.g. apples, and drinks, i.e. water.", "Then leave."]),
    ("Use e.g. Google or i.e. Bing for this.", ["Use e.g. Google or i.e. Bing for this."]),
    ("We sell apples, pears, etc. at the market. Come by.",
     ["We sell apples, pears, etc. at the market.", "Come by."]),
    ("We sell apples, pears, etc. The market opens at nine.",
     ["We sell apples, pears, etc.", "The market opens at nine."]),
    ("The meeting starts at 9 a.m. sharp and ends at 5 p.m. on Friday.",
     ["The meeting starts at 9 a.m. sharp and ends at 5 p.m. on Friday."]),
    ("It ends at 5 p.m. The doors close then.",
     ["It ends at 5 p.m.", "The doors close then."]),
    ("Growth was 3.5 percent. Inflation was 2.1 percent.",
     ["Growth was 3.5 percent.", "Inflation was 2.1 percent."]),
    ("J. R. R. Tolkien wrote it. George W. Bush read it.",
     ["J. R. R. Tolkien wrote it.", "George W. Bush read it."]),
    ("Wait... what happened? Nobody knows... The end.",
     ["Wait... what happened?", "Nobody knows...", "The end."]),
    ("He paused… Then he left.", ["He paused…", "Then he left."]),
    ('He said "Go." Then he left.', ['He said "Go."', "Then he left."]),
    ("He said “Go.” Then he left.", ["He said “Go.”", "Then he left."]),
    ("(This is an aside.) The story goes on.", ["(This is an aside.)", "The story goes on."]),
    ('"Why?" he asked. "Because."', ['"Why?" he asked.', '"Because."']),
    ("Really?! Yes!", ["Really?!", "Yes!"]),
    ("See https://example.com/a.b?c=1 for details. Then call.",
     ["See https://example.com/a.b?c=1 for details.", "Then call."]),
    ("Visit example.com. It is free.", ["Visit example.com.", "It is free."]),
    ("Version 2.0.1 shipped. It works.", ["Version 2.0.1 shipped.", "It works."]),
    ("See No. 5 and fig. 3 in vol. 2 of the report.",
     ["See No. 5 and fig. 3 in vol. 2 of the report."]),
    ("Apple Inc. said it would appeal. Apple Inc. The company declined.",
     ["Apple Inc. said it would appeal.", "Apple Inc.", "The company declined."]),
    ("It rose in 2024. 2025 will be harder.", ["It rose in 2024.", "2025 will be harder."]),
    ("1. Introduction to the topic", ["1. Introduction to the topic"]),
    ("He wrote it, cf. chapter 2. Then stopped.",
     ["He wrote it, cf. chapter 2.", "Then stopped."]),
    ("The U.S.-led coalition won. Nobody cared.",
     ["The U.S.-led coalition won.", "Nobody cared."]),
    ("He bought it. iPhones sell well.", ["He bought it.", "iPhones sell well."]),
    ("Headline without a stop", ["Headline without a stop"]),
    ("Meta isn’t playing ball with the EU on the AI Act",
     ["Meta isn’t playing ball with the EU on the AI Act"]),
    ("", []),
    ("   \n\n  ", []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), ENGLISH)
def test_english(text: str, expected: list[str]) -> None:
    assert split_into(text, "en") == expected
    assert_exact_spans(text, "en")


DUTCH = [
    ("Meta investeert o.a. in chips en infrastructuur. Dat kost geld.",
     ["Meta investeert o.a. in chips en infrastructuur.", "Dat kost geld."]),
    ("Dat geldt bijv. voor Meta, d.w.z. voor Mark Zuckerberg. M.a.w. niemand ontsnapt.",
     ["Dat geldt bijv. voor Meta, d.w.z. voor Mark Zuckerberg.", "M.a.w. niemand ontsnapt."]),
    ("Dhr. Jansen en mevr. De Vries kwamen ook. Ze bleven lang.",
     ["Dhr. Jansen en mevr. De Vries kwamen ook.", "Ze bleven lang."]),
    ("Er kwamen ca. 500 mensen, nl. studenten en docenten. Het was druk.",
     ["Er kwamen ca. 500 mensen, nl. studenten en docenten.", "Het was druk."]),
    (("Recent nam Meta nog Scale AI over voor 14,5 miljard dollar. Die investeringen zijn "
     "niet zomaar."),
     ["Recent nam Meta nog Scale AI over voor 14,5 miljard dollar.",
      "Die investeringen zijn niet zomaar."]),
    ("Keert Meta zijn kar over opensource AI?", ["Keert Meta zijn kar over opensource AI?"]),
    ("Appels, peren enz. De markt is open.", ["Appels, peren enz.", "De markt is open."]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), DUTCH)
def test_dutch(text: str, expected: list[str]) -> None:
    assert split_into(text, "nl") == expected
    assert_exact_spans(text, "nl")


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Der Vertrag gilt z.B. für Meta. Das ist neu.", "de",
         ["Der Vertrag gilt z.B. für Meta.", "Das ist neu."]),
        ("Mme Dupont est arrivée. Elle est partie.", "fr",
         ["Mme Dupont est arrivée.", "Elle est partie."]),
        ("¿Dónde está? No lo sé.", "es", ["¿Dónde está?", "No lo sé."]),
    ],
)  # fmt: skip
def test_other_latin_languages(text: str, lang: str, expected: list[str]) -> None:
    assert split_into(text, lang) == expected


# --- Chinese and Japanese ------------------------------------------------------------------

CHINESE = [
    ("这是科技的一个重要时刻。人工智能(AI)有潜力改变世界。",
     ["这是科技的一个重要时刻。", "人工智能(AI)有潜力改变世界。"]),
    ("你好吗？我很好！谢谢。", ["你好吗？", "我很好！", "谢谢。"]),
    ("你好吗?我很好!谢谢.", ["你好吗?", "我很好!", "谢谢."]),
    ("他说：“我来了。”然后走了。", ["他说：“我来了。”", "然后走了。"]),
    ("他说：「走吧！」她没动。", ["他说：「走吧！」", "她没动。"]),
    ("（这是注释。）正文继续。", ["（这是注释。）", "正文继续。"]),
    ("他读了《三体》。很好看。", ["他读了《三体》。", "很好看。"]),
    ('他说"走。"然后走了。', ['他说"走。"', "然后走了。"]),
    ("他想了想……最后同意了。", ["他想了想……", "最后同意了。"]),
    ("他想了想……，最后同意了。", ["他想了想……，最后同意了。"]),
    ("增长了3.5%。通胀为2.1%。", ["增长了3.5%。", "通胀为2.1%。"]),
    ("Meta发布了Llama 3.1模型。它很强大。", ["Meta发布了Llama 3.1模型。", "它很强大。"]),
    ("美国(U.S.)和英国(U.K.)都同意了。", ["美国(U.S.)和英国(U.K.)都同意了。"]),
    ("他说 Hello, world. It works. 然后笑了。", ["他说 Hello, world. It works. 然后笑了。"]),
    ("这不仅限于我们的行业:许多人都同意。", ["这不仅限于我们的行业:许多人都同意。"]),
    ("原因如下：", ["原因如下："]),
    ("第一；第二；第三。", ["第一；", "第二；", "第三。"]),
    ("访问 https://example.com/?q=1 了解更多。", ["访问 https://example.com/?q=1 了解更多。"]),
    ("因为时间是欧洲唯一不具备的东西。■", ["因为时间是欧洲唯一不具备的东西。", "■"]),
    ("2024年8月25日15点58分于上海。", ["2024年8月25日15点58分于上海。"]),
    ("后记", ["后记"]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CHINESE)
def test_chinese(text: str, expected: list[str]) -> None:
    assert split_into(text, "zh") == expected
    assert_exact_spans(text, "zh")


def test_japanese() -> None:
    text = "今日はいい天気ですね。散歩に行きましょう！「はい。」"
    assert split_into(text, "ja") == [
        "今日はいい天気ですね。",
        "散歩に行きましょう！",
        "「はい。」",
    ]


# --- Arabic --------------------------------------------------------------------------------

ARABIC = [
    ("وبطبيعة الحال، لا تعارض أي من هذه الشركات التنظيم. على سبيل المثال، يشترك الاثنان.",
     ["وبطبيعة الحال، لا تعارض أي من هذه الشركات التنظيم.",
      "على سبيل المثال، يشترك الاثنان."]),
    ("هل هذا صحيح؟ نعم! بالتأكيد.", ["هل هذا صحيح؟", "نعم!", "بالتأكيد."]),
    ("قالت الشركة؛ ثم صمتت.", ["قالت الشركة؛ ثم صمتت."]),
    ("وأنظمة الدفع. ، من بين أمور أخرى.", ["وأنظمة الدفع. ، من بين أمور أخرى."]),
    ("بلغ النمو 3.5 في المئة. وارتفع التضخم.",
     ["بلغ النمو 3.5 في المئة.", "وارتفع التضخم."]),
    ("تعمل الشركة في U.S. والمملكة المتحدة. وقال المتحدث.",
     ["تعمل الشركة في U.S. والمملكة المتحدة.", "وقال المتحدث."]),
    ("مثل Llama e.g. وغيرها. انتهى.", ["مثل Llama e.g. وغيرها.", "انتهى."]),
    ("كما وصفت Spotify الخطة بأنها “ابتزاز”. ثم ردت Apple.",
     ["كما وصفت Spotify الخطة بأنها “ابتزاز”.", "ثم ردت Apple."]),
    ("قال: «انتهى الأمر.» ثم غادر.", ["قال: «انتهى الأمر.»", "ثم غادر."]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), ARABIC)
def test_arabic(text: str, expected: list[str]) -> None:
    assert split_into(text, "ar") == expected
    assert_exact_spans(text, "ar")


# --- Line breaks ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # One paragraph per line: a line without a stop is a headline.
        ("Meta has history with the EU\nMeta has been complaining. It goes on.\nNext line.",
         ["Meta has history with the EU", "Meta has been complaining.", "It goes on.",
          "Next line."]),
        # Hard-wrapped: lines run on, whatever case the next line starts with.
        (("That is why a key opportunity for European organisations is\n"
         "through open-source AI. Instead of clear rules that inform and\n"
         "guide how companies do business across the continent, our\n"
         "industry faces overlapping regulations. Take the uneven\n"
         "application of the EU’s General Data Protection Regulation\n"
         "(GDPR) as an example."),
         [("That is why a key opportunity for European organisations is\n"
          "through open-source AI."),
          ("Instead of clear rules that inform and\n"
          "guide how companies do business across the continent, our\n"
          "industry faces overlapping regulations."),
          ("Take the uneven\napplication of the EU’s General Data Protection Regulation\n"
          "(GDPR) as an example.")]),
        # A blank line always ends a sentence.
        ("A title\n\nThe body starts here.", ["A title", "The body starts here."]),
        ("Ends mid\n\nsentence", ["Ends mid", "sentence"]),
    ],
)  # fmt: skip
def test_line_breaks(text: str, expected: list[str]) -> None:
    assert split_into(text, "en") == expected
    assert_exact_spans(text, "en")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("标题\n第一段。第二句。\n第二段。", ["标题", "第一段。", "第二句。", "第二段。"]),
        ("这是一个很长的句子，它被\n硬换行了。", ["这是一个很长的句子，它被\n硬换行了。"]),
    ],
)  # fmt: skip
def test_line_breaks_in_chinese(text: str, expected: list[str]) -> None:
    assert split_into(text, "zh") == expected


@pytest.mark.parametrize("width", [40, 60, 79])
def test_hard_wrapped_english_splits_as_if_unwrapped(width: int) -> None:
    for english, _chinese in op_ed_paragraphs():
        wrapped = "\n".join(textwrap.wrap(english, width, break_on_hyphens=False))
        got = [" ".join(s.split()) for s in split_into(wrapped, "en")]
        assert got == split_into(english, "en")


def test_hard_wrapped_chinese_splits_as_if_unwrapped() -> None:
    _english, chinese = op_ed_paragraphs()[3]
    wrapped = "\n".join(chinese[i : i + 20] for i in range(0, len(chinese), 20))
    assert [s.replace("\n", "") for s in split_into(wrapped, "zh")] == split_into(chinese, "zh")


# --- The seeds -----------------------------------------------------------------------------


def test_op_ed_first_paragraph() -> None:
    english, chinese = op_ed_paragraphs()[0]
    assert split_into(english, "en") == [
        "THIS IS AN important moment in technology.",
        (
            "Artificial intelligence (AI) has the potential to transform the world—increasing "
            "human productivity, accelerating scientific progress and adding trillions of dollars "
            "to the global economy."
        ),
    ]
    # The translation mirrors it: one sentence per English sentence, split at 。.
    assert split_into(chinese, "zh") == [
        "这是科技的一个重要时刻。",
        "人工智能(AI)有潜力改变世界——提高人类生产力，加速科学进步，为全球经济增加数万亿美元。",
    ]


def test_op_ed_translation_has_as_many_sentences_as_the_original() -> None:
    counts = [
        (len(split_into(en, "en")), len(split_into(zh, "zh"))) for en, zh in op_ed_paragraphs()
    ]
    assert [en for en, _zh in counts] == [2, 4, 3, 5, 5, 2, 4, 3, 2, 4, 2, 2, 4]
    assert all(en == zh for en, zh in counts)


def test_op_ed_sentences_end_with_stops() -> None:
    for en, zh in op_ed_paragraphs():
        for sentence in split_into(en, "en"):
            assert sentence[-1] in ".■", sentence
        for sentence in split_into(zh, "zh"):
            assert sentence[-1] in "。■", sentence


def test_seed_003_lines() -> None:
    sentences = split_into(seed_text("003"), "en")
    assert sentences[0] == "Meta isn’t playing ball with the EU on the AI Act"
    assert sentences[2] == (
        "Meta has said it won't sign up for the EU's code of practice for providers of "
        'general-purpose AI models, citing concerns over "legal uncertainties".'
    )
    assert sentences[3] == (
        "The voluntary guidelines form part of the EU AI Act, due to come into force next month."
    )
    assert '"Europe is heading down the wrong path on AI.' in sentences
    assert "MORE FROM ITPRO" in sentences


@pytest.mark.parametrize(
    ("prefix", "lang", "count", "sample"),
    [
        ("000", "nl", 13, ("Ze stellen dat de wetgeving onduidelijk is en dat groei en innovatie "
                          "daardoor belemmerd worden.")),
        ("004", "nl", 23, "Recent nam Meta nog Scale AI over voor 14,5 miljard dollar."),
        ("001", "ar", 21, "وبطبيعة الحال، لا تعارض أي من هذه الشركات التنظيم عندما يعمل لصالحها."),
        ("003", "en", 50, "Meta has hit back at lawmakers, however, accusing the EU of overreach."),
    ],
)  # fmt: skip
def test_seed_articles(prefix: str, lang: str, count: int, sample: str) -> None:
    text = seed_text(prefix)
    spans = assert_exact_spans(text, lang)
    sentences = [text[s:e] for s, e in spans]
    assert len(sentences) == count
    assert sample in sentences


def test_arabic_seed_keeps_the_stray_comma_with_its_sentence() -> None:
    sentences = split_into(seed_text("001"), "ar")
    joined = [s for s in sentences if "، من بين أمور أخرى." in s]
    assert len(joined) == 1 and joined[0].startswith("على سبيل المثال")


@pytest.mark.parametrize("lang", ["en", "zh", "ar", "nl", "xx", ""])
def test_spans_are_exact_on_every_seed_in_every_mode(lang: str) -> None:
    for prefix in ("000", "001", "002", "003", "004"):
        assert_exact_spans(seed_text(prefix), lang)


def test_spans_index_the_original_text_with_odd_whitespace() -> None:
    text = "\u3000 First one.\u00a0 Second one!\t\n  Third\u2003"
    spans = split_sentences(text, "en")
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one!", "Third"]


def test_language_tags_with_regions() -> None:
    assert split_into("你好。再见。", "zh-Hant") == ["你好。", "再见。"]
    assert split_into("Dr. Who left. Done.", "en-GB") == ["Dr. Who left.", "Done."]


# --- A missing space after a full stop (scraped and PDF-extracted text) ------------------

RUN_TOGETHER = [
    ("We studied history.After that we went home.",
     ["We studied history.", "After that we went home."]),
    ("It was cold.I stayed in.", ["It was cold.", "I stayed in."]),
    ("They were stone-cold drunk.How could they not have been?",
     ["They were stone-cold drunk.", "How could they not have been?"]),
    ("Australia is a land of exceptional beauty.It is the world's smallest continent.",
     ["Australia is a land of exceptional beauty.", "It is the world's smallest continent."]),
    ('He said "yes."Then he left.', ['He said "yes."', "Then he left."]),
    ("Pi is 3.14 and rising.Then it fell.", ["Pi is 3.14 and rising.", "Then it fell."]),
    # Abbreviations stay whole.
    ("Call Mr.Smith now.", ["Call Mr.Smith now."]),
    ("Ask Dr.Brown or Prof.Lee first.", ["Ask Dr.Brown or Prof.Lee first."]),
    ("Fruit, e.g.Apples, is fine.", ["Fruit, e.g.Apples, is fine."]),
    # URLs, e-mail addresses, file names and code.
    ("Visit www.example.Com today.", ["Visit www.example.Com today."]),
    ("Read https://example.org/history.Html now.", ["Read https://example.org/history.Html now."]),
    ("Mail joe@example.Com today.", ["Mail joe@example.Com today."]),
    ("See java.lang.String for details.", ["See java.lang.String for details."]),
    ("Open setup.PY or photo.JPG now.", ["Open setup.PY or photo.JPG now."]),
    ("The file report.Final.docx is here.", ["The file report.Final.docx is here."]),
    ("Use my_module.Thing here.", ["Use my_module.Thing here."]),
    # Numbers and capitals before the stop are not this case.
    ("Version 3.Five was odd.", ["Version 3.Five was odd."]),
    ("It came from the U.S.The end.", ["It came from the U.S.The end."]),
    ("The Node.js runtime is fast.", ["The Node.js runtime is fast."]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), RUN_TOGETHER)
def test_a_missing_space_after_a_full_stop_is_repaired(text: str, expected: list[str]) -> None:
    assert split_into(text, "en") == expected
    assert_exact_spans(text, "en")


def test_run_together_sentences_in_dutch_too() -> None:
    text = "Het regende de hele dag.Daarna scheen de zon."
    assert split_into(text, "nl") == ["Het regende de hele dag.", "Daarna scheen de zon."]
