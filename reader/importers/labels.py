"""How an annotated file says what is what: its labels, and the languages of its lines.

`label_of` reads the labels learners write (原文/译文/学习 and their variants, in Chinese or
English); `has_bilingual_structure` tells an annotated file from a plain text; `SideOf`
tells a line of the original from a line of the translation.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from reader.importers.lines import (
    Line,
    ends_sentence,
    is_image,
    italic_line,
    markdown_heading,
    numbered_lines,
)
from reader.importers.notes import is_table_row, parse_note
from reader.importers.repair import repair_lines
from reader.languages import detect_language, dominant_script, script_of

SOURCE_LABELS = ("原文", "英文原文", "本期原文", "必背", "Original", "Source text")
TARGET_LABELS = (
    "译文", "参考译文", "翻译", "原文翻译", "中文翻译", "中译", "官方译文", "译", "Translation"
)  # fmt: skip
NOTES_LABELS = (
    "学习", "词汇", "生词", "重点词汇", "重点单词", "重点英语词汇", "重点英语单词", "单词",
    "單詞", "单词解释", "單詞解釋", "单词释义", "词汇积累", "注释", "註釋", "专有名词", "短语",
    "生词和短语", "Vocabulary", "Notes", "Glossary", "New Words", "New words and expressions",
    "Key Words", "Words",
)  # fmt: skip
# Sections that explain rather than gloss: kept as note segments, never paired as text.
COMMENTARY_LABELS = (
    "背景解说", "背景", "解析", "释义", "古诗释义", "英语小知识", "英语语法小知识", "语法",
    "例句", "Grammar", "Sample Sentences", "Examples",
)  # fmt: skip
POSTSCRIPT_HEADINGS = ("后记", "附记", "Postscript", "Afterword", "P.S.")

_ROLES = (
    ("source", SOURCE_LABELS),
    ("target", TARGET_LABELS),
    ("notes", NOTES_LABELS),
    ("commentary", COMMENTARY_LABELS),
)
_ALL_LABELS = SOURCE_LABELS + TARGET_LABELS + NOTES_LABELS + COMMENTARY_LABELS
_LABEL = re.compile(
    r"^\s*(?:[^\w\s#【\[*_]{1,8}\s*)?(?:#{1,6}\s*)?[【\[]?(?:\*\*|__)?(?P<label>"
    + "|".join(re.escape(x) for x in sorted(_ALL_LABELS, key=len, reverse=True))
    + r")(?:\*\*|__)?[】\]]?\s*(?:(?P<colon>[:：])(?:\*\*|__)?\s*(?P<rest>.*))?$",
    re.IGNORECASE,
)
# Everyday words that are labels only with a colon or in brackets ("Words of wisdom").
_NEEDS_COLON = frozenset({"译", "单词", "單詞", "words", "背景", "解析", "释义", "语法", "例句"})
# `【经济学人官方译文】：…`, `【单词】…`: a bracketed label whose last word says its role.
_BRACKETED = re.compile(r"^\s*【(?P<inner>[^】]{1,16})】\s*(?:[:：]\s*)?(?P<rest>.*)$")


def label_of(text: str) -> tuple[str, str] | None:
    """("source" | "target" | "notes" | "commentary", text after the label) for a label
    line, else None."""
    m = _LABEL.match(text)
    if m:
        word = m.group("label").casefold()
        rest = (m.group("rest") or "").strip()
        # A bare word ("Words", "译") is a label only with a colon or in brackets.
        bare = not m.group("colon") and not re.match(r"\s*[【\[#]", text)
        if bare and word in _NEEDS_COLON:
            return None
        return _role(word), rest
    m = _BRACKETED.match(text)
    if m:
        inner = m.group("inner").strip().casefold()
        for role, words in _ROLES:
            if any(inner.endswith(w.casefold()) for w in words):
                return role, m.group("rest").strip()
    m = _TWO_LANGUAGES.match(text)
    if m:
        # `New words and expressions 生词和短语`: one label in both languages.
        first = label_of(m.group(1) or m.group(3))
        second = label_of(m.group(2) or m.group(4))
        if first is not None and first == second and not first[1]:
            return first
    return None


_TWO_LANGUAGES = re.compile(
    r"^\s*([A-Za-z][A-Za-z ]*[A-Za-z])\s*([\u4e00-\u9fff]+)\s*$"
    r"|^\s*([\u4e00-\u9fff]+)\s*([A-Za-z][A-Za-z ]*[A-Za-z])\s*$"
)


def _role(word: str) -> str:
    for role, words in _ROLES:
        if word in (w.casefold() for w in words):
            return role
    return "notes"


def has_bilingual_structure(text: str) -> bool:
    """Whether `text` is an annotated bilingual file rather than a plain one-language text:
    it has an original/translation label, or its paragraphs alternate between two languages
    at least twice."""
    # The start of a file shows its structure; a book need not be read twice to see it.
    lines = repair_lines(numbered_lines(text[:100_000]))
    labels = [label_of(line.text) for line in lines[:2000]]
    if any(lab and lab[0] in ("source", "target") for lab in labels):
        return True
    for i, lab in enumerate(labels[:-1]):
        # A notes section whose first line reads as a note: one language plus vocabulary.
        if lab and lab[0] == "notes":
            first = lab[1] or lines[i + 1].text
            if parse_note(first, in_notes=True) and parse_note(first, in_notes=False):
                return True
    # Paragraphs in two scripts alternating is the clearest sign; two languages of one
    # script (English and Dutch) need paragraphs long enough for the language to be told.
    # A passage followed by numbered notes glossing its words in another script.
    numbered = [
        note
        for line in lines[:600]
        if (note := parse_note(line.text, in_notes=False))
        and (note.number is not None or is_table_row(line.text))
    ]
    if len(numbered) >= 2:
        return True
    # Scripts are told line by line: files saved from the web have one paragraph per line,
    # or a translation on the line under its original. The other script must hold a tenth
    # of the lines, so an English text quoting a Chinese name or two stays plain.
    every = [
        line.text[:200]
        for line in lines[:600]
        if not line.markup and any(ch.isalpha() for ch in line.text)
    ][:200]
    scripts = [dominant_script(text) for text in every if not label_of(text)]
    if _alternates(scripts, most=0.0, share=0.1):
        return True
    # An original and its translation, one after the other, each a good part of the text.
    if len(set(scripts)) > 1:
        sample = [line.text[:2000] for line in lines[:200] if not line.markup]
        han = sum(len(_HAN_CHARS.findall(text)) for text in sample)
        latin = sum(len(_LATIN_LETTERS.findall(text)) for text in sample) / 3  # ~ Han/letter
        if min(han, latin) >= 0.2 * (han + latin) and han >= 100:
            return True
    firsts = [
        line.text[:200]
        for i, line in enumerate(lines[:600])
        if (i == 0 or line.blank_before)
        and not line.markup
        and any(ch.isalpha() for ch in line.text)
    ][:80]
    langs = [detect_language(text) for text in firsts if _long_enough_to_tell(text)]
    return _alternates(langs, most=0.5) or _translation_follows(lines[:600])


def _translation_follows(lines: list[Line], tries: int = 3) -> bool:
    """A Chinese paragraph right under a long paragraph in another script, most of whose
    words translate words of it (the aligner's dictionary keys): a translation, even one cut
    short after its first sentence, which is too small a part of the file to be seen
    otherwise. Chance meets about a third of a Chinese paragraph's words in any long English
    one; the first few such neighbours are looked at."""
    text_lines = [line.text.strip() for line in lines if any(ch.isalpha() for ch in line.text)]
    for above, below in pairwise(text_lines):
        if len(above) < 100 or len(_HAN_CHARS.findall(below)) < 15:
            continue
        if dominant_script(above[:160]) == dominant_script(below[:160]):
            continue
        # Here, not at the top: most files never get this far, and the keys bring the
        # aligner's dictionary.
        from reader.align.keys import has_dictionary, sentence_tokens

        langs = (detect_language(above[:300]), detect_language(below[:300]))
        if not has_dictionary(*langs):
            continue
        (original,) = sentence_tokens([above], langs[0])
        (translated,) = sentence_tokens([below], langs[1])
        keys = {key for token in original for key in token if key not in _PUNCT_KEYS}
        met = sum(1 for token in translated if any(key in keys for key in token))
        if met >= 4 and met >= 0.5 * len(translated):
            return True
        tries -= 1
        if not tries:
            return False
    return False


_PUNCT_KEYS = frozenset({"?", "!", '"'})


_HAN_CHARS = re.compile(r"[\u4e00-\u9fff]")
_LATIN_LETTERS = re.compile(r"[A-Za-z]")


def _alternates(values: list[str], most: float, share: float = 0.0) -> bool:
    """Two values switch at least three times, and at least `most` of all neighbours differ.

    A script change is a sure sign, so three switches suffice; a language change within one
    script must be the rule rather than the exception, since a one-language text quoting
    another language (or a collection of articles) also switches a few times.
    """
    counts = Counter(values)
    if len(counts) < 2:
        return False
    (a, na), (b, nb) = counts.most_common(2)
    switches = sum(1 for x, y in pairwise(values) if x != y and {x, y} == {a, b})
    return (
        switches >= 3
        and min(na, nb) >= max(2, share * len(values))
        and switches >= most * (len(values) - 1)
    )


def _long_enough_to_tell(text: str) -> bool:
    """Whether a line's language can be told reliably: any non-Latin script can; Latin-script
    text needs a few function words, so a short heading ("lees ook") does not vote."""
    if label_of(text) or not any(ch.isalpha() for ch in text):
        return False
    return script_of(text) != "Latin" or len(text.split()) >= 8


class SideOf:
    """Tells lines of the original from lines of the translation, by language.

    Two languages written in different scripts (English and Chinese) are told apart by the
    script alone, which is cheaper and surer than detecting the language of a short line.
    """

    def __init__(
        self, source_lang: str, target_lang: str | None, scripts: tuple[str, str] | None
    ) -> None:
        self.source_lang = source_lang
        self.target_lang = target_lang
        self.scripts = scripts if scripts and scripts[0] != scripts[1] else None

    def __call__(self, text: str) -> str | None:
        if self.target_lang is None or not any(ch.isalpha() for ch in text):
            return None if self.target_lang else "source"
        # The first words tell the language of a line as well as all of it, much faster.
        sample = text[:160]
        if self.scripts is not None:
            script = dominant_script(sample)
            if script in self.scripts:
                return "target" if script == self.scripts[1] else "source"
        return "target" if detect_language(sample) == self.target_lang else "source"


def _note_shaped(text: str) -> bool:
    """A line of a notes section that is a note, for the language count: a term with no
    gloss or a gloss in another script. A sentence with a colon in it (often a translation
    line after the notes) has the same script on both sides."""
    note = parse_note(text, in_notes=True)
    if note is None:
        return False
    return not note.glosses or script_of(note.term) != script_of(note.glosses[0])


def _vote(block: list[str], votes: Counter[str]) -> None:
    """A block of two languages (an original with its translation under it, a blank line
    before the next pair) votes for the language it starts with."""
    if len(block) == 2:
        votes[block[0]] += 1


def _pairs_from_end(runs: list[tuple[str, int]]) -> str | None:
    """The language that comes first in the pairs, read from the end of the text back.

    Pages open with their chrome (a site's menu, reading tips, a date) in the
    translation's language, which shifts pairs counted from the start by one; the study
    text ends with a translation, so pairs counted from the end line up."""
    votes: Counter[str] = Counter()
    i = len(runs) - 1
    while i >= 1:
        if runs[i][0] != runs[i - 1][0]:
            votes[runs[i - 1][0]] += 1
            i -= 2
        else:
            i -= 1
    ranked = votes.most_common(2) + [("", 0), ("", 0)]
    return ranked[0][0] if ranked[0][1] > ranked[1][1] else None


def _leading(runs: list[tuple[str, int]]) -> str | None:
    """The language an alternation starts with (A in A B A): the original, which the
    translation follows. Page chrome in the translation's language before the study text
    (a site's menu, a date line) does not make that language the original, so runs with
    a line of running text (60 characters or more) are looked at first, then all of them."""
    for least in (60, 0):
        langs: list[str] = []
        for lang, size in runs:
            if size >= least and (not langs or langs[-1] != lang):
                langs.append(lang)
        for a, b, c in zip(langs, langs[1:], langs[2:]):
            if a == c != b:
                return a
        if least and len(set(langs)) == 1:
            return langs[0]  # only the original is long: the translation is partial
    return None


def detect_languages(lines: list[Line]) -> tuple[str, str | None, tuple[str, str] | None]:
    """Source and target language detected from the content lines (labels, when present,
    say which is the original; otherwise the first paragraph is), and their scripts."""
    langs: list[str] = []
    runs: list[tuple[str, int]] = []  # (language, longest line) of runs of content lines
    block: list[str] = []  # the languages of the current block (lines between blank lines)
    votes: Counter[str] = Counter()  # first languages of blocks holding an original + translation
    scripts: dict[str, Counter[str]] = {}
    first_after_source_label: str | None = None
    first_short: str | None = None
    seen_source_label = False
    in_notes = False
    in_commentary = False
    commentary_script = ""
    for line in lines:
        text = line.text.strip()
        label = label_of(text)
        if markdown_heading(text):
            in_notes = in_commentary = False
        if label:
            if seen_source_label and first_after_source_label is None and first_short:
                first_after_source_label = first_short
            in_notes = label[0] in ("notes", "commentary")
            in_commentary = label[0] == "commentary"
            commentary_script = dominant_script(label[1][:160]) if label[1] else ""
            seen_source_label = seen_source_label or label[0] == "source"
            text = label[1]
            if label[0] == "commentary":
                continue  # explanations are in whichever language the page is written in
        elif (note := parse_note(text, in_notes=False)) and note.number is not None:
            in_notes = True  # numbered notes, and the lines under them
            continue
        elif is_table_row(text):
            continue  # a table of notes: neither the original nor its translation
        if in_commentary and text:
            script = dominant_script(text[:160])
            commentary_script = commentary_script or script
            if len(text) > 80 or script != commentary_script:
                in_commentary = in_notes = False  # running text again
        if line.blank_before and block:
            _vote(block, votes)
            block = []
        if (
            line.markup
            or (in_notes and (_note_shaped(text) or in_commentary))
            or not text
            or markdown_heading(text)
            or is_image(text)
            or italic_line(text)
            or not any(ch.isalpha() for ch in text)
        ):
            continue
        detected = detect_language(text[:300])
        langs.append(detected)
        if runs and runs[-1][0] == detected:
            runs[-1] = (detected, max(runs[-1][1], len(text)))
        else:
            runs.append((detected, len(text)))
        if not block or block[-1] != detected:
            block.append(detected)
        scripts.setdefault(detected, Counter())[dominant_script(text[:160])] += 1
        if seen_source_label and first_after_source_label is None:
            # The original under its label; a short line there ("来源：CNN") counts only
            # when no longer one follows before the next label.
            if len(text) >= 20 or ends_sentence(text):
                first_after_source_label = detected
            else:
                first_short = first_short or detected
        if len(langs) >= 400 and first_after_source_label:
            break  # the start of a book says which languages it is in
    _vote(block, votes)
    if not langs:
        return "en", None, None
    # Two pairs at least: one block of chrome in two languages is no pattern.
    ranked = votes.most_common(2) + [("", 0), ("", 0)]
    paired_first = ranked[0][0] if ranked[0][1] >= 2 and ranked[0][1] > ranked[1][1] else None
    source = (
        (first_after_source_label or (first_short if seen_source_label else None))
        or paired_first
        or _pairs_from_end(runs)
        or _leading(runs)
        or langs[0]
    )
    others = Counter(x for x in langs if x != source)
    target = others.most_common(1)[0][0] if others else None
    if target is None:
        return source, None, None
    pair = (scripts[source].most_common(1)[0][0], scripts[target].most_common(1)[0][0])
    return source, target, pair
