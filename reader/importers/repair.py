"""Repairs for text that went through a PDF extractor or a web scraper before reaching us.

Study notes copied from document-sharing sites carry the marks of their journey:

- look-alike characters: the CJK radicals ⼈ ⽇ ⼼ (U+2F00 block) a PDF font used for 人 日 心,
  full-width Latin letters, ligatures (ﬁ); NFKC folds them into the characters they stand
  for. Full-width CJK punctuation (，。：) is kept, since it is what Chinese text is written
  with and NFKC would turn it into ASCII;
- a `?` where a non-breaking space could not be encoded ("At?dawn breaks");
- an original and its translation run together on one line ("...idiocy.他的聪明...") when
  the extractor lost the paragraph break between them: `split_scripts` cuts such a line
  where one language's sentence ends and the other's begins.

Every repair keeps every word: only characters that stand for other characters change.
"""

from __future__ import annotations

import re
import unicodedata

from reader.importers.lines import Line, is_cjk, is_image

# Characters NFKC must not touch: the full-width forms Chinese is written with.
_KEEP = frozenset("，。：；！？（）【】《》〈〉「」『』、～　“”‘’…—·")
_NEEDS_NFKC = re.compile(r"[\u2f00-\u2fdf\u2e80-\u2eff\uff01-\uff5e\ufb00-\ufb06\u3300-\u33ff]")
# Between two lower-case letters a question mark is no question (`At?dawn`, `seeds?and`).
_PLACEHOLDER = re.compile(r"(?<=[a-z,;])\?(?=[a-z])")


def repair_text(text: str) -> str:
    """`text` with look-alike characters folded and `?` placeholders between words made
    spaces again; text without either comes back unchanged (and uncopied)."""
    if _NEEDS_NFKC.search(text):
        text = _NEEDS_NFKC.sub(_fold, text)
    if "?" in text:
        text = _PLACEHOLDER.sub(" ", text)
    return text


def _fold(match: re.Match[str]) -> str:
    ch = match.group()
    return ch if ch in _KEEP else unicodedata.normalize("NFKC", ch)


# A run of one script inside a line, for splitting run-together languages. Digits,
# punctuation and spaces belong to no script and stay with the run they follow.
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:['’-][A-Za-z]+)*")
_MIN_HAN = 6  # characters: shorter Han runs are names or glosses inside English
_MIN_LATIN = 4  # words: shorter Latin runs are names or terms inside Chinese
_OPENERS = "“‘\"'(（《【[「"
_NOTE_GAP = re.compile(r"[:：=—–\t\[/]|\s-\s")
_NOTE_TERM = re.compile(
    r"[\[/]|\b(?:n|v|vt|vi|adj|adv|prep|conj|pron|phr|abbr|a|ad)\.\s*$", re.IGNORECASE
)
_CJK_PUNCT = re.compile(r"[\u3000-\u303f\uff00-\uffef]")
# URLs and Markdown link targets are no sentence of either language.
_URL = re.compile(r"(?:https?://|www\.)\S+|(?<=\])\([^)\s]*\)")


def split_scripts(text: str) -> list[str]:
    """`text` cut where a long run of Chinese meets a long run of Latin-script words.

    Short runs of the other script (a name, a term in brackets) stay inside their sentence.
    A line in one script comes back whole.
    """
    if not _HAN.search(text) or not _LATIN_WORD.search(text):
        return [text]
    runs = _runs(text)
    if len(runs) < 2:
        return [text]
    return [text[start:end].strip() for start, end, _script in runs if text[start:end].strip()]


def _runs(text: str) -> list[tuple[int, int, str]]:
    """(start, end, script) of the long runs, short ones merged into their neighbours."""
    marks: list[tuple[int, int, str]] = []  # (start, end, "han"|"latin") of each token
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        url = _URL.match(text, i)
        if url:  # a URL is no sentence of either language
            i = url.end()
            continue
        if is_cjk(ch) and _HAN.match(ch):
            j = i + 1
            while j < n and _HAN.match(text[j]):
                j += 1
            marks.append((i, j, "han"))
            i = j
            continue
        m = _LATIN_WORD.match(text, i)
        if m:
            marks.append((i, m.end(), "latin"))
            i = m.end()
            continue
        i += 1
    # Group tokens into runs of one script; Chinese punctuation between two Latin words
    # (`eat、crack、snack on`) makes them a list inside a Chinese sentence.
    groups: list[list[tuple[int, int, str]]] = []
    for mark in marks:
        last = groups[-1][-1] if groups else None
        if (
            last is not None
            and last[2] == mark[2]
            and not (mark[2] == "latin" and _CJK_PUNCT.search(text, last[1], mark[0]))
        ):
            groups[-1].append(mark)
        else:
            groups.append([mark])
    long_runs: list[tuple[int, int, str]] = []
    for group in groups:
        script = group[0][2]
        size = sum(end - start for start, end, _s in group) if script == "han" else len(group)
        if size >= (_MIN_HAN if script == "han" else _MIN_LATIN) and not _bracketed(
            text, group[0][0], group[-1][1]
        ):
            long_runs.append((group[0][0], group[-1][1], script))
    merged: list[tuple[int, int, str]] = []
    for run in long_runs:
        if (
            merged
            and merged[-1][2] != run[2]
            and (
                _NOTE_GAP.search(text, merged[-1][1], run[0])
                or (_short(merged[-1]) and _NOTE_TERM.search(text, merged[-1][0], run[0]))
            )
        ):
            # `a level playing field：公平竞争的环境`, `pell-mell [ˌpel ˈmel] adv. 匆忙地`:
            # a vocabulary note, not two sentences.
            return []
        if merged and merged[-1][2] == run[2]:
            merged[-1] = (merged[-1][0], run[1], run[2])
        else:
            merged.append(run)
    if len(merged) < 2:
        return []
    # Cut points: between the end of one run and the start of the next, after the closing
    # punctuation of the first and before the opening punctuation of the second.
    out: list[tuple[int, int, str]] = []
    start = 0
    for k in range(len(merged) - 1):
        cut = _cut_between(text, merged[k][1], merged[k + 1][0], merged[k + 1][2] == "han")
        out.append((start, cut, merged[k][2]))
        start = cut
    out.append((start, len(text), merged[-1][2]))
    return out


def _bracketed(text: str, start: int, end: int) -> bool:
    """`(the General Administration of Customs)`: a gloss inside a sentence of the other
    script, however many words it has."""
    before = text[:start].rstrip()[-1:]
    after = text[end:].lstrip()[:1]
    return before in '(（[【《“"' and after in ')）]】》”"' and before != ""


def _short(run: tuple[int, int, str]) -> bool:
    return run[2] == "latin" and run[1] - run[0] < 60


def _cut_between(text: str, end: int, next_start: int, into_han: bool) -> int:
    """Where to cut in text[end:next_start] (digits, spaces, punctuation). Into Chinese,
    what follows English stays with it ("aged 96", "up 70%.") up to an opening bracket;
    into English, the cut goes before the space or bracket that starts it."""
    gap = text[end:next_start]
    for i, ch in enumerate(gap):
        if ch in _OPENERS or (ch.isspace() and not into_han):
            return end + i
    return next_start


def repair_lines(lines: list[Line]) -> list[Line]:
    """Lines with look-alikes and placeholders repaired, and lines of run-together
    languages cut in two (the pieces keep the line's number)."""
    out: list[Line] = []
    for line in lines:
        text = repair_text(line.text)
        if line.markup:
            out.append(Line(line.number, text, line.blank_before, line.markup))
            continue
        pieces = [text] if is_image(text) else _pair_cells(text) or split_scripts(text)
        out.append(Line(line.number, pieces[0], line.blank_before))
        out += [Line(line.number, piece, False) for piece in pieces[1:]]
    return out


_CELL_BAR = re.compile(r"\s+\|\s+|\s*\|\s*$|^\s*\|\s*")


def _pair_cells(text: str) -> list[str] | None:
    """The two cells of a table row that holds a sentence and its translation (`Weep, and
    you weep alone | 哭泣吧，你将独自哭泣 |`): a line each, as an original and its translation
    under it are. A row of a vocabulary table (a word or a short phrase beside its gloss)
    stays one line, for the notes."""
    if "|" not in text:
        return None
    cells = [cell.strip() for cell in _CELL_BAR.split(text)]
    cells = [cell for cell in cells if cell]
    if len(cells) != 2 or any("|" in cell for cell in cells):
        return None
    han = [bool(_HAN.search(cell)) and not _LATIN_WORD.search(cell) for cell in cells]
    latin = [cell for cell, is_han in zip(cells, han) if not is_han]
    if sum(han) != 1 or len(_LATIN_WORD.findall(latin[0])) < 4:
        return None
    return cells
