"""Right-to-left lines for terminals that neither reorder nor shape text themselves.

Paragraphs are wrapped in logical order (reader.ui.viewmodel.wrap), so the first visual line holds the
paragraph's first words; only then is each line shaped (arabic-reshaper: contextual letter
forms) and reordered (the Unicode bidi algorithm from python-bidi), right-aligned by the view.

Everything the view draws on a line (term marks, the cursor, a selection) is a span of
logical offsets, so `visual_line` returns, with the display string, the logical offset each
display character came from. python-bidi's `get_display` does not expose that mapping; its
pure-Python implementation (`bidi.algorithm`, kept by the library as its reference API) runs
the same rules on a list of character records, which we tag with their offsets and follow.
Shaping is done without the reshaper's ligatures so it stays one character for one; the one
ligature a reader expects, lam-alef, is then formed here where the mapping stays known.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from types import ModuleType
from typing import TYPE_CHECKING

from reader.safetext import visible_line

if TYPE_CHECKING:
    import arabic_reshaper

RTL_LANGS = frozenset({"ar", "fa", "he", "ur", "yi", "ps", "ckb", "dv"})


# Both libraries load only when a right-to-left line is first drawn: most documents have
# none, and every millisecond of import is paid by each cold start of the app.
@cache
def _reshaper() -> arabic_reshaper.ArabicReshaper:
    import arabic_reshaper

    return arabic_reshaper.ArabicReshaper(
        configuration={"delete_harakat": False, "support_ligatures": False}
    )


@cache
def _algorithm() -> ModuleType:
    from bidi import algorithm

    module: ModuleType = algorithm
    return module


# (lam form, alef form) -> lam-alef ligature. An initial lam gives the isolated ligature, a
# medial lam the final one (the pair then joins the letter before it).
_LAM_ALEF = {
    lam + alef: lig
    for (alef_final, isolated) in (
        ("\ufe82", "\ufef5"),
        ("\ufe84", "\ufef7"),
        ("\ufe88", "\ufef9"),
        ("\ufe8e", "\ufefb"),
    )
    for lam, alef, lig in (
        ("\ufedf", alef_final, isolated),
        ("\ufee0", alef_final, chr(ord(isolated) + 1)),
    )
}


def is_rtl(text: str, lang: str | None = None) -> bool:
    """Whether a paragraph runs right to left: by its language when known (a Latin brand
    name opening an Arabic paragraph must not turn it around), else its first strong letter."""
    if lang is not None:
        return lang.split("-")[0] in RTL_LANGS
    try:
        from bidi import get_base_level

        return bool(get_base_level(text) == 1)
    except ValueError:  # no strong letter at all (digits, punctuation, nothing)
        return False


def has_rtl(text: str) -> bool:
    """Whether `text` holds a right-to-left letter (Hebrew, Arabic, Syriac, Thaana, NKo and
    their presentation forms): only such text needs reordering."""
    if text.isascii():
        return False
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def display(text: str, *, bidi: bool = True, rtl: bool | None = None) -> str:
    """One line of text from a file as the terminal is to draw it, for every label, table
    cell and status line of the app: controls shown as visible stand-ins (never obeyed),
    and, unless the terminal does bidi itself (`bidi` off), right-to-left runs shaped and
    put in visual order. `rtl` is the line's direction (default: its first strong letter)."""
    text = visible_line(text)
    if not bidi or not has_rtl(text):
        return text
    return visual_line(text, rtl=is_rtl(text) if rtl is None else rtl)[0]


def shape(text: str) -> tuple[str, tuple[int, ...]]:
    """Arabic contextual forms for `text`, with the logical offset of each output character."""
    shaped = _reshaper().reshape(text)
    if len(shaped) != len(text):  # the reshaper dropped or merged something: leave it alone
        return text, tuple(range(len(text)))
    out: list[str] = []
    index: list[int] = []
    i = 0
    while i < len(shaped):
        lig = _LAM_ALEF.get(shaped[i : i + 2])
        if lig is not None:
            out.append(lig)
            index.append(i)
            i += 2
            continue
        out.append(shaped[i])
        index.append(i)
        i += 1
    return "".join(out), tuple(index)


@lru_cache(maxsize=4096)
def visual_line(
    line: str, *, rtl: bool = True, shaping: bool = True
) -> tuple[str, tuple[int, ...]]:
    """One logical line in display order (left to right on screen) and, for each display
    character, its offset in `line`.

    Latin words inside an Arabic line (Meta, Spotify) stay left to right; mirrored characters
    (brackets) are mirrored; combining marks are kept after their base letter, which is
    where terminals expect them.
    """
    if not line:
        return "", ()
    chars, index = shape(line) if shaping else (line, tuple(range(len(line))))
    _uba = _algorithm()
    storage = _uba.get_empty_storage()
    storage["base_level"] = 1 if rtl else 0
    storage["base_dir"] = "R" if rtl else "L"
    _uba.get_embedding_levels(chars, storage)
    for record, logical in zip(storage["chars"], index):
        record["i"] = logical
    _uba.explicit_embed_and_overrides(storage)
    _uba.resolve_weak_types(storage)
    _uba.resolve_neutral_types(storage, False)
    _uba.resolve_implicit_levels(storage, False)
    _uba.reorder_resolved_levels(storage, False)
    _uba.apply_mirroring(storage, False)
    records = storage["chars"]
    # Reversal puts combining marks before their base letter; terminals expect them after.
    ordered: list[dict[str, object]] = []
    k, n = 0, len(records)
    while k < n:
        j = k
        while j < n and unicodedata.combining(records[j]["ch"]):
            j += 1
        if j > k and j < n and records[j]["i"] < records[k]["i"]:
            ordered.append(records[j])
            ordered.extend(reversed(records[k:j]))
            k = j + 1
        elif j > k:
            ordered.extend(records[k:j])
            k = j
        else:
            ordered.append(records[k])
            k += 1
    return "".join(str(r["ch"]) for r in ordered), tuple(int(r["i"]) for r in ordered)  # type: ignore[call-overload]
