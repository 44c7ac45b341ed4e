"""Sentence boundaries, as (start, end) spans into the text they were found in.

Sentences are what the reader pairs with their translations and what glossary contexts point
at, so the spans must land exactly on the original characters: nothing is rewritten here.

Why not pysbd, which is installed and knows English and Dutch: on the seeds it takes about
25-30 ms per 1,000 words, so a 1,000,000-word book would take half a minute, and its
`char_span` offsets come from searching the whole text again for each sentence, which is
quadratic on a book. The rules below are the ones pysbd and Punkt apply to these languages
(abbreviation lists, initials, decimals, ellipses, closing quotes) on one regular
expression pass, which splits a million words in well under a second (bench/bench_text.py).

Where the rules must guess, they prefer not to split: a missed boundary leaves two
sentences side by side in the reading view, a false one cuts a sentence in half.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Closing quotes and brackets that belong to the sentence whose stop they follow:
# `He said "Go." Then` ends after the quote.
_CLOSERS = "\"'”’»›)]}」』）》〉】〕〗＂＇"
# Unspaced text has no space to tell a closing ASCII quote from an opening one: those
# are closers only while a quotation is open (see _cjk_ends).
_CJK_CLOSERS = _CLOSERS.replace('"', "").replace("'", "")
_CLOSE = re.escape(_CLOSERS)
_CJK_CLOSE = re.escape(_CJK_CLOSERS)
# Characters that cannot open a sentence: a stop followed by one of them ends nothing.
_NO_START = frozenset(",;:،؛)]}，、：；")
_OPENERS = "\"'“‘«‹([{¿¡*_„‚"

# One character class first: an alternation here would make the scan three times slower.
# A Latin stop must be followed by a space (or the end) to count, so "3.5", "example.com"
# and "U.S.-led" are never split; full-width stops count anywhere.
_LATIN_STOP = re.compile(rf"(?P<run>[.!?…‽。！？｡]+)[{_CLOSE}]*")
_WIDE_STOPS = frozenset("。！？｡")
_ARABIC_STOP = re.compile(rf"(?P<run>[.!?؟…۔]+)[{_CLOSE}]*")
# Chinese and Japanese: full-width stops always end a sentence, wherever they stand. ASCII
# `!` and `?` do unless a Latin word or number follows at once (a URL query, "Yahoo!Japan");
# ASCII `.` and `;` only right after a non-ASCII character, so "3.5", "U.S." and "e.g."
# inside Chinese stay whole. Colons never end a sentence.
_CJK_STOP = re.compile(
    r"(?:[。！？｡；…⋯]|[!?](?![A-Za-z0-9])|(?<=[^\x00-\x7F])(?:\.+|;)(?![A-Za-z0-9])"
    rf"|(?<![0-9０-９])．)+[{_CJK_CLOSE}]*"
)

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")
_NEXT_WORD = re.compile(rf"[{re.escape(_OPENERS)}]*(\w+)")
_TOKEN_BEFORE = re.compile(r"\S*\Z")
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")  # U.S, e.g, a.m, o.a, d.w.z


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Abbreviations, lower case, without their final stop. The lists are shared by all
# Latin-script languages: a Dutch quote in an English article keeps its "o.a." intact, and
# no entry is an ordinary word of another language that could end a sentence.
#
# Never the end of a sentence: titles before a name, and "for example"-like words.
_NEVER_FINAL = _words(
    """mr mrs ms messrs dr drs prof st mt gen col lt maj sgt capt cmdr adm rev hon gov sen
    rep pres supt insp dhr mevr mw mej ir ing ds hr mme mlle sra srta dipl
    e.g i.e cf viz vs approx ca esp dept
    o.a bijv bv d.w.z dwz m.a.w nl z.g.a.n zgn resp incl excl m.b.t mbt t.a.v i.p.v ipv
    i.v.m ivm a.d.h.v o.b.v ong vgl t.o.v m.n o.m z.b d.h u.a bzw ggf p.ex"""
)
# Ordinary words, or the end of a sentence, unless a number follows: "No. 5", "nr. 12".
_BEFORE_NUMBER = _words(
    """no nr nos p pp art fig figs vol ch sec par tel blz bl hfst jan feb mar apr jun jul
    aug sep sept oct okt nov dec"""
)
# May end a sentence; mid-sentence far more often. Split after them only when a typical
# sentence opener follows: "in the U.S. The", but "the U.S. Senate".
_MAYBE_FINAL = _words("etc enz usw e.d al inc ltd co corp jr sr bros plc llc n.v b.v ph.d")
_SENTENCE_OPENERS = _words(
    """The A An He She It We They I You This That These Those There Here But And Or So Yet
    In On At For If When While As After Before Since However Meanwhile Then What Why How
    Who Where Its His Her Their Our My Your Some Many Most All No Not One Both Each Also
    Still Now Last Earlier Later Today Yesterday Although Because Despite During Instead
    Thus Therefore Moreover Such Other Another Every Only Even
    De Het Een Hij Zij Ze Wij We Ik Je U Dit Dat Deze Die Er Maar En Of Op Bij Voor Als
    Toen Nu Ook Daarom Daarna Volgens Zo Wat Waarom Hoe Wie Waar Na Met Door Omdat Hoewel
    Tijdens Dan Dus Geen Alle Veel
    Der Das Ein Eine Er Sie Es Ich Du Ihr Diese Dieser Aber Und Oder Im Am Auf Für Wenn
    Nach Vor Dann Auch Doch Heute
    Le La Les Un Une Il Elle Ils Elles Nous Vous Je On Ce Cette Ces Mais Et Ou Dans Pour
    Si Quand Après Puis
    El Los Las Una Él Ella Este Esta Pero Y Por Para Cuando Hoy
    Lo Gli Lui Lei Questo Questa Ma E Quando Dopo Oggi
    O Os As Um Uma Ele Ela Mas Em Depois Hoje"""
)

_UNSPACED = frozenset({"zh", "ja"})
_ARABIC_SCRIPT = frozenset({"ar", "fa", "ur", "ps", "ku", "sd", "ug"})
_TERMINATORS = frozenset(".!?…‽。！？｡؟۔")


def split_sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`, in order, without surrounding whitespace.

    Together the spans cover every non-space character of `text`. A blank line always ends
    a sentence; a single line break does when the text is one paragraph per line (most
    lines end with a stop, so a line without one is a headline) or when a hard-wrapped line
    stops short before a word that would have fitted. Text without a final stop (a
    headline) is one sentence.
    """
    base = (lang or "").split("-")[0].lower()
    if base in _UNSPACED:
        finder: Callable[[str], list[int]] = _cjk_ends
    elif base in _ARABIC_SCRIPT:
        finder = _arabic_ends
    else:
        finder = _latin_ends
    spans: list[tuple[int, int]] = []
    for block_start, block_end in _blocks(text):
        block = text[block_start:block_end]
        ends = set(finder(block))
        if "\n" in block:
            ends.update(_line_ends(block, unspaced=base in _UNSPACED))
        start = 0
        for end in sorted(ends) + [len(block)]:
            _add_trimmed(spans, block, start, end, block_start)
            start = end
    return spans


def split_into(text: str, lang: str) -> list[str]:
    """The sentences of `text` as strings (see split_sentences)."""
    return [text[start:end] for start, end in split_sentences(text, lang)]


def _blocks(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in _BLANK_LINE.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def _add_trimmed(
    spans: list[tuple[int, int]], block: str, start: int, end: int, offset: int
) -> None:
    piece = block[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        spans.append((offset + start + lead, offset + start + lead + len(stripped)))


def _skip_space(block: str, i: int) -> int:
    n = len(block)
    while i < n and block[i].isspace():
        i += 1
    return i


def _lowercase_word(word: str) -> bool:
    # "iPhone" and "eBay" open sentences like capitalised words do.
    return bool(word) and word[0].islower() and word.islower()


def _token_before(block: str, stop: int) -> tuple[str, int]:
    """The word the stop at `stop` is attached to, without opening quotes, and its start."""
    window_start = max(0, stop - 40)
    m = _TOKEN_BEFORE.search(block, window_start, stop)
    raw = m.group() if m else ""
    token = raw.lstrip(_OPENERS)
    return token, stop - len(token)


def _is_abbreviation_like(token: str, low: str) -> bool:
    return (
        low in _MAYBE_FINAL
        or low in _BEFORE_NUMBER
        or _DOTTED.fullmatch(token) is not None
        or (len(token) == 1 and token.isalpha())
    )


def _latin_ends(block: str) -> list[int]:
    ends: list[int] = []
    sentence_start = 0
    n = len(block)
    for m in _LATIN_STOP.finditer(block):
        end = m.end()
        if _WIDE_STOPS.isdisjoint(m.group("run")):
            if end < n and not block[end].isspace():
                if not _run_together(block, m):
                    continue
            elif not _latin_boundary(block, m, sentence_start):
                continue
        ends.append(end)
        sentence_start = end
    return ends


# Scraped and PDF-extracted text loses the space after a full stop ("history.After"). Such a
# stop ends a sentence when a lower-case letter stands before it and a capitalised word
# after it, and neither side is part of a name with dots in it: a URL, an e-mail address, a
# file name or a dotted identifier ("java.lang.String", "setup.PY", "example.Com/path").
_GLUED_AFTER = re.compile(r"\S*")
_NOT_PROSE = frozenset("./@:\\_=#~")
_TRAILING = re.compile(r"[.!?,;:\"')”’»\]]+$")


def _run_together(block: str, m: re.Match[str]) -> bool:
    start, end = m.start(), m.end()
    if m.group("run") != "." or start == 0 or not block[start - 1].islower():
        return False
    after = _GLUED_AFTER.match(block, end)
    following = after.group() if after else ""
    word = _NEXT_WORD.match(following)
    if not word or word.start(1) != 0:
        return False
    first = word.group(1)
    # "After" or "I", never "PDF" or "Js": file extensions and code are cased otherwise.
    if not first[0].isupper() or not (len(first) == 1 or first[1:].islower()):
        return False
    rest = following[len(first) :]
    if any(ch in _NOT_PROSE for ch in _TRAILING.sub("", rest)):
        return False
    token, _token_start = _token_before(block, start)
    if any(ch in _NOT_PROSE for ch in token) or "//" in token:
        return False
    low = token.lower()
    return low not in _NEVER_FINAL and not _is_abbreviation_like(token, low)


def _latin_boundary(block: str, m: re.Match[str], sentence_start: int) -> bool:
    j = _skip_space(block, m.end())
    if j >= len(block):
        return True
    if block[j] in _NO_START:
        return False
    nm = _NEXT_WORD.match(block, j)
    word = nm.group(1) if nm else ""
    if _lowercase_word(word):
        return False
    run = m.group("run")
    if run != ".":  # ! ? ‽ and ellipses, before a capital, a digit or a symbol
        return True
    token, token_start = _token_before(block, m.start())
    if not token:
        return True
    low = token.lower()
    if low in _NEVER_FINAL:
        return False
    if word[:1].isdigit() and _is_abbreviation_like(token, low):
        return False
    # "1. Introduction": a list number opening its sentence ends nothing.
    if token.isdigit() and len(token) <= 3 and _skip_space(block, sentence_start) == token_start:
        return False
    if low in _MAYBE_FINAL or _DOTTED.fullmatch(token) or (len(token) == 1 and token.isupper()):
        return word.capitalize() in _SENTENCE_OPENERS
    return True


def _arabic_ends(block: str) -> list[int]:
    ends: list[int] = []
    n = len(block)
    for m in _ARABIC_STOP.finditer(block):
        end = m.end()
        if (end == n or block[end].isspace()) and _arabic_boundary(block, m):
            ends.append(m.end())
    return ends


def _arabic_boundary(block: str, m: re.Match[str]) -> bool:
    j = _skip_space(block, m.end())
    if j >= len(block):
        return True
    if block[j] in _NO_START:  # "، من بين أمور أخرى" continues the sentence
        return False
    nm = _NEXT_WORD.match(block, j)
    word = nm.group(1) if nm else ""
    if _lowercase_word(word):
        return False
    if m.group("run") != ".":
        return True
    # Arabic has no capitals to confirm a boundary, so a Latin abbreviation never ends one.
    token, _start = _token_before(block, m.start())
    if not token or not token[-1].isascii():
        return True
    low = token.lower()
    return not (low in _NEVER_FINAL or _is_abbreviation_like(token, low))


def _cjk_ends(block: str) -> list[int]:
    ends: list[int] = []
    sentence_start = 0
    for m in _CJK_STOP.finditer(block):
        end = m.end()
        if end < len(block) and block[end] in "\"'":
            quote = block[end]
            if block.count(quote, sentence_start, end) % 2 == 1:
                end += 1
        j = _skip_space(block, end)
        if j < len(block) and block[j] in _NO_START:  # "……，" goes on
            continue
        ends.append(end)
        sentence_start = end
    return ends


def _line_ends(block: str, unspaced: bool) -> list[int]:
    """Line breaks inside a block that end a sentence whatever precedes them.

    Most lines ending in a stop means one paragraph per line: every break ends a sentence
    (a line without a stop is a headline). Otherwise the text is hard-wrapped, and a break
    ends a sentence only where the line stops short of the width although the next word
    would have fitted. Two lines are too few to tell, so they get the width test too. Either
    way a break before a lower-case word continues the sentence.
    """
    lines = block.split("\n")
    ends_of_lines = [line.rstrip().rstrip(_CLOSERS)[-1:] for line in lines]
    lengths = [len(line.rstrip()) for line in lines]
    stopped = sum(1 for last in ends_of_lines if last in _TERMINATORS)
    per_line = stopped * 2 >= sum(1 for n in lengths if n)
    width = max(lengths)
    ends, pos = [], 0
    for i, line in enumerate(lines[:-1]):
        pos += len(line)
        following = lines[i + 1].lstrip()
        if lengths[i] and following:
            m = _NEXT_WORD.match(following)
            word = m.group(1) if m else ""
            fits = lengths[i] + (1 if unspaced else 1 + len(following.split(maxsplit=1)[0]))
            if (
                following[0] not in _NO_START
                and not _lowercase_word(word)
                and ((per_line and len(lines) > 2) or fits <= width)
            ):
                ends.append(pos)
        pos += 1  # the newline
    return ends
