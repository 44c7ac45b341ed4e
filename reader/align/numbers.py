"""Numbers written as words, in Chinese and English, so `二十一` meets `twenty-one` and `21`."""

from __future__ import annotations

_ZH_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
_ZH_BIG = {"万": 10_000, "亿": 100_000_000}

_EN_UNITS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_EN_TENS = {
    w: 10 * (i + 2)
    for i, w in enumerate(
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    )
}
_EN_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}


def chinese_number(text: str) -> int | None:
    """The value of the numeral that starts `text` (二十一岁 -> 21), None if there is none.

    A run of bare digits (一九九九) is read digit by digit, as years are written.
    """
    run = ""
    for ch in text:
        if ch in _ZH_DIGITS or ch in _ZH_UNITS or ch in _ZH_BIG:
            run += ch
        else:
            break
    if not run:
        return None
    if all(ch in _ZH_DIGITS for ch in run):
        if len(run) == 1:
            return _ZH_DIGITS[run]
        return int("".join(str(_ZH_DIGITS[ch]) for ch in run))
    total = section = digit = 0
    for ch in run:
        if ch in _ZH_DIGITS:
            digit = _ZH_DIGITS[ch]
        elif ch in _ZH_UNITS:
            section += (digit or 1) * _ZH_UNITS[ch]
            digit = 0
        else:
            total += (section + digit) * _ZH_BIG[ch]
            section = digit = 0
    return total + section + digit


def english_number(word: str) -> int | None:
    """The value of a cardinal number word (fifteen, twenty-one, hundred), None otherwise."""
    parts = word.lower().split("-")
    if len(parts) == 1:
        w = parts[0]
        if w in _EN_UNITS:
            return _EN_UNITS[w]
        if w in _EN_TENS:
            return _EN_TENS[w]
        return _EN_SCALES.get(w)
    if len(parts) == 2 and parts[0] in _EN_TENS and parts[1] in _EN_UNITS:
        return _EN_TENS[parts[0]] + _EN_UNITS[parts[1]]
    return None
